"""The open-data API as an outside client uses it: it reads the OpenAPI document, finds the
addresses there, follows the pages, and gets public data only, in every language."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from actionplan.models import Action, Objective
from events.models import Publication
from indicators.models import Indicator
from partners.models import Activity, ActivityStatus
from tests.factories import (
    ActionFactory,
    EventFactory,
    IndicatorFactory,
    PartnerFactory,
    PlaceFactory,
    PlanFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SECRET = "GEHEIM-7731"  # in every internal field of the world below


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)  # raises on an invalid OpenAPI 3 document
    return document


def list_paths(schema):
    return sorted(path for path in schema["paths"] if "{" not in path)


def read_all(client, url):
    """Every result of a list, page by page, as a client follows `next`."""
    results = []
    while url:
        response = client.get(url, HTTP_ORIGIN="https://data.example")
        assert response.status_code == 200, url
        assert not response.cookies, "the API sets no cookie"
        assert response["Access-Control-Allow-Origin"] == "*"
        page = response.json()
        results += page["results"]
        url = page["next"]
    return results


@pytest.fixture
def world(rainbow_plan):
    """The real plan, plus something internal of every kind, each naming SECRET."""
    staff = StaffUserFactory(email=f"{SECRET.lower()}@stad.example")
    public = Action.objects.filter(is_public=True).first()
    public.record_progress(
        status="in_progress", progress=40, date=datetime.date(2024, 5, 1),
        text={"nl": "Halfweg.", "en": "Halfway."}, internal_note=SECRET, author=staff,
    )  # fmt: skip
    internal = ActionFactory(objective=public.objective, is_public=False, title_nl=SECRET)
    draft = PlanFactory(state="draft", title_nl=f"{SECRET} plan", slug_nl="volgend-plan")
    idahot = Indicator.objects.get(code="idahot-reach")
    idahot.actions.add(internal)  # an internal action's id does not leave either
    idahot.set_target(year=2025, value=500)
    idahot.record_value(date=datetime.date(2024, 5, 17), value=120, internal_note=SECRET,
                        recorded_by=staff, source={"nl": "Tellingen"})  # fmt: skip
    IndicatorFactory(plan=public.objective.plan, is_public=False, name_nl=SECRET)
    IndicatorFactory(plan=draft, name_nl=f"{SECRET} in a draft plan")
    ActionFactory(objective__plan=draft, objective__title_nl=SECRET, is_public=True,
                  title_nl=f"{SECRET} in a draft plan")  # fmt: skip
    soon = timezone.now() + datetime.timedelta(days=10)
    EventFactory(title_nl=SECRET, publication=Publication.DRAFT, start=soon, end=soon)
    hidden = PlaceFactory(name_nl=f"{SECRET} zaal", is_listed=False)  # a proposal's new place
    EventFactory(title_nl=f"{SECRET} voorstel", publication=Publication.SUBMITTED, start=soon,
                 end=soon, place=hidden)  # fmt: skip
    PlaceFactory(name_nl="Regenboogzaal", name_en="Rainbow hall", latitude="50.96",
                 longitude="5.48", where_nl="Achter de bib.", where_en="Behind the library.")  # fmt: skip
    EventFactory(title_nl="Regenboogpicknick", start=soon, end=soon,
                 registration_contact=f"{SECRET}@example.org")  # fmt: skip
    Activity.objects.create(
        partner=PartnerFactory(), title=SECRET, date=datetime.date(2024, 5, 1),
        description=SECRET, status=ActivityStatus.SUBMITTED, created_by=UserFactory(),
    )  # fmt: skip
    return public


def test_the_openapi_document_is_valid_and_lists_every_collection(schema):
    paths = list_paths(schema)
    for name in ["plans", "objectives", "actions", "indicators", "events", "partners",
                 "target-groups", "places"]:  # fmt: skip
        assert f"/api/v1/{name}/" in paths


def test_a_client_reads_the_plan_from_the_document_alone(client, schema, world):
    objectives = read_all(client, "/api/v1/objectives/")
    assert len(objectives) == 8
    published = Objective.objects.exclude(plan__state="draft")
    assert {o["title"]["nl"] for o in objectives} == {o.title_nl for o in published}
    assert all(set(o["title"]) == {"nl", "en"} for o in objectives)
    actions = read_all(client, "/api/v1/actions/?page_size=2")
    assert len(actions) == Action.objects.public().exclude(objective__plan__state="draft").count()
    timeline = next(a for a in actions if a["id"] == world.pk)["timeline"]
    assert timeline[-1] == {"date": "2024-05-01", "status": "in_progress", "progress": 40,
                            "text": {"nl": "Halfweg.", "en": "Halfway."}}  # fmt: skip
    events = read_all(client, "/api/v1/events/")
    assert "Regenboogpicknick" in {e["title"]["nl"] for e in events}
    assert all(e["occurrences"] for e in events), "each event has its dates in the window"


def test_places_are_the_public_ones_in_every_language(client, schema, world):
    places = {p["slug"]["nl"]: p for p in read_all(client, "/api/v1/places/")}
    assert {"regenboogzebrapad", "regenboogbank", "regenbooghuis-limburg", "genk"} < set(places)
    assert not [p for p in places.values() if SECRET in p["name"]["nl"]]
    hall = next(p for p in places.values() if p["name"]["nl"] == "Regenboogzaal")
    assert hall["name"] == {"nl": "Regenboogzaal", "en": "Rainbow hall"}
    assert hall["where"] == {"nl": "Achter de bib.", "en": "Behind the library."}
    assert (hall["latitude"], hall["longitude"], hall["kind"]) == (50.96, 5.48, "venue")
    assert hall["url"].startswith("http://testserver/nl/plaatsen/")
    crossing = places["regenboogzebrapad"]
    assert crossing["kind"] == "rainbow_element" and crossing["latitude"] is None
    assert crossing["where"]["en"] == "Close to the city hall of Genk."
    kinds = read_all(client, "/api/v1/places/?kind=rainbow_element")
    assert {p["slug"]["nl"] for p in kinds} == {"regenboogzebrapad", "regenboogbank"}


def component(schema, ref):
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_every_answer_has_the_fields_its_schema_declares(client, schema, world):
    for path in list_paths(schema):
        operation = schema["paths"][path]["get"]
        page = operation["responses"]["200"]["content"]["application/json"]["schema"]
        paginated = component(schema, page["$ref"])
        item = component(schema, paginated["properties"]["results"]["items"]["$ref"])
        for result in read_all(client, path):
            assert set(result) == set(item["properties"]), path


def walk(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)
    else:
        yield str(value)


def test_nothing_internal_ever_leaves(client, schema, world):
    seen = []
    for path in list_paths(schema):
        for result in read_all(client, path):
            seen += walk(result)
            detail = path + str(result["id"] if "id" in result else result["code"]) + "/"
            seen += walk(client.get(detail).json())
    assert seen
    assert "120.0" in seen, "the indicator's value is there (its internal note is not)"
    idahot = client.get(f"/api/v1/indicators/{Indicator.objects.get(code='idahot-reach').pk}/")
    assert Action.objects.get(title_nl=SECRET).pk not in idahot.json()["actions"]
    assert not [value for value in seen if SECRET in value or SECRET.lower() in value]
    assert not [value for value in seen if "@" in value], "no e-mail address"


def test_unchanged_answers_are_304_and_bad_windows_400(client, db):
    first = client.get("/api/v1/plans/")
    assert first["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/v1/plans/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    for query in ["start=9999-01-01", "start=gisteren", "start=2026-01-01&end=2025-01-01",
                  "start=2026-01-01&end=2030-01-01"]:  # fmt: skip
        assert client.get(f"/api/v1/events/?{query}").status_code == 400, query
    assert client.get("/api/v1/actions/?status=klaar").status_code == 400


def test_requests_are_limited_per_client_address(client, db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    answers = [client.get("/api/v1/plans/", REMOTE_ADDR="203.0.113.7").status_code
               for _ in range(4)]  # fmt: skip
    assert answers == [200, 200, 200, 429]
    assert client.get("/api/v1/plans/", REMOTE_ADDR="198.51.100.20").status_code == 200
    cache.clear()


def test_the_documentation_page_lists_the_addresses(client, db):
    response = client.get(reverse("api:documentation"))
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "/api/v1/actions/" in html and "CC BY 4.0" in html


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actions/",
        "/api/v1/events/",
        "/api/v1/objectives/",
        "/api/v1/indicators/",
        "/api/v1/places/",
    ],
)
def test_a_page_costs_the_same_queries_however_many_objects(client, world, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    before = count()
    soon = timezone.now() + datetime.timedelta(days=3)
    for n in range(12):
        action = ActionFactory(objective=world.objective, is_public=True)
        EventFactory(title_nl=f"Extra {n}", start=soon, end=soon, place=PlaceFactory())
        indicator = IndicatorFactory(plan=world.objective.plan, objectives=[world.objective],
                                     actions=[action])  # fmt: skip
        indicator.set_target(year=2025, value=n)
        indicator.record_value(date=datetime.date(2024, 1, 1), value=n)
    cache.clear()  # the throttle's counter lives in the cache, not in this comparison
    assert count() == before
