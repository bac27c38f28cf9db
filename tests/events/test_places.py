"""Places: the plan's rainbow elements, help points and venues in one model; the event form
asks where an event is; the map page, its drawing and the CSP that lets the tile server in
on the pages with a map alone."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html

from actionplan.loader import load_rainbow_plan
from events.maps import draw
from events.models import Event, Place, PlaceKind, Publication
from events.views import SMALL_MAP_PLACES
from partners.models import Membership, Role
from tests.factories import (
    EventFactory,
    PartnerFactory,
    PlaceFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.site.test_security import csp_directives

pytestmark = pytest.mark.django_db
TILES = "https://tile.openstreetmap.org"


def soon(days, hour=19):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def member():
    partner, user = PartnerFactory(name_nl="OGWA"), UserFactory()
    Membership.objects.create(user=user, partner=partner, role=Role.MEMBER)
    return partner, user


def proposal(partner, **changes):
    data = {
        "title_nl": "Regenboogcafé",
        "summary_nl": "Gezellig samenzijn.",
        "organiser": partner.pk,
        "start": soon(14),
        "end": soon(14, 22),
        "attendance": "in_person",
        "status": "scheduled",
        "is_free": "on",
        **changes,
    }
    return {k: v for k, v in data.items() if v is not None}


# The event form: at a place, online, or both ------------------------------------------------


@pytest.mark.parametrize("who", ["partner", "staff"])
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Kies de plaats van het evenement of voeg een nieuwe toe."),
        ("en", "Choose the place of the event or add a new one."),
    ],
)
def test_the_event_form_refuses_an_event_with_neither_place_nor_online_address(
    client, member, who, language, message
):
    partner, user = member
    client.force_login(user if who == "partner" else StaffUserFactory())
    with translation.override(language):
        url = reverse("events:create")
    response = client.post(url, proposal(partner, organiser=partner.pk))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "place" in response.context["form"].errors
    assert not Event.objects.exists()
    # Online without a link is refused as well; online with one needs no place.
    response = client.post(url, proposal(partner, attendance="online"))
    assert "online_url" in response.context["form"].errors
    assert "place" not in response.context["form"].errors
    response = client.post(
        url, proposal(partner, attendance="online", online_url="meet.example.org/genk")
    )
    assert response.status_code == 302
    assert Event.objects.get().place is None


def test_a_partner_adds_a_new_place_which_is_public_once_the_city_publishes(client, member):
    partner, user = member
    client.force_login(user)
    response = client.post(
        reverse("events:create"),
        proposal(
            partner,
            new_place_name="Ontmoetingszaal",
            new_place_street_address="Voorbeeldstraat 1",
            new_place_postal_code="3600",
            new_place_locality="Genk",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    place = event.place
    assert (place.name_nl, place.name_en, place.address) == (
        "Ontmoetingszaal", "Ontmoetingszaal", "Voorbeeldstraat 1, 3600 Genk",
    )  # fmt: skip
    assert (place.kind, place.is_listed, place.added_by) == (PlaceKind.VENUE, False, partner)
    assert place.slug_nl == "ontmoetingszaal"
    client.logout()
    assert client.get(place.get_absolute_url()).status_code == 404  # a proposal is not public
    assert "Ontmoetingszaal" not in client.get(reverse("events:places")).content.decode()

    event.publish(StaffUserFactory())
    page = client.get(place.get_absolute_url())
    assert page.status_code == 200
    assert "Voorbeeldstraat 1, 3600 Genk" in page.content.decode()
    assert "Ontmoetingszaal" in client.get(reverse("events:places")).content.decode()


def test_a_place_from_the_list_or_a_new_one_not_both_and_a_new_one_needs_a_name(client, member):
    partner, user = member
    client.force_login(user)
    listed = PlaceFactory(name_nl="C-Mine")
    form = client.post(
        reverse("events:create"), proposal(partner, place=listed.pk, new_place_name="Zaal")
    ).context["form"]
    assert "new_place_name" in form.errors
    form = client.post(
        reverse("events:create"), proposal(partner, new_place_street_address="Straat 2")
    ).context["form"]
    assert form.errors["new_place_name"] == ["Geef de naam van de nieuwe plaats."]
    response = client.post(reverse("events:create"), proposal(partner, place=listed.pk))
    assert response.status_code == 302
    assert Event.objects.get().place == listed


def test_partners_choose_public_places_and_their_own_never_another_partners_hidden_one(
    client, member
):
    partner, user = member
    listed = PlaceFactory(name_nl="Openbare zaal")
    own = PlaceFactory(name_nl="Eigen zaal", is_listed=False, added_by=partner)
    hidden = PlaceFactory(name_nl="Zaal van een ander", is_listed=False, added_by=PartnerFactory())
    client.force_login(user)
    choices = client.get(reverse("events:create")).context["form"].fields["place"].queryset
    assert set(choices) == {listed, own}
    form = client.post(reverse("events:create"), proposal(partner, place=hidden.pk)).context["form"]
    assert "place" in form.errors
    client.force_login(StaffUserFactory())
    choices = client.get(reverse("events:create")).context["form"].fields["place"].queryset
    assert set(choices) == {listed, own, hidden}


# The content file -------------------------------------------------------------------------


def test_the_loaded_places_are_those_the_citys_text_names_and_every_event_has_one(client):
    load_rainbow_plan()
    places = {p.slug_nl: p for p in Place.objects.all()}
    assert set(places) == {"regenboogzebrapad", "regenboogbank", "regenbooghuis-limburg", "genk"}
    crossing, bench = places["regenboogzebrapad"], places["regenboogbank"]
    assert crossing.kind == bench.kind == PlaceKind.RAINBOW_ELEMENT
    assert crossing.where_nl == "Vlak bij het stadhuis van Genk."
    assert bench.where_en == "In the city park of Genk."
    assert crossing.related_action.identifier == "2023-6"
    assert places["regenbooghuis-limburg"].partner.slug_nl == "regenbooghuis-limburg"
    # The text gives no address or coordinates: none is invented.
    assert all(not p.street_address and not p.postal_code for p in places.values())
    assert all(not p.has_coordinates for p in places.values())
    assert places["regenbooghuis-limburg"].locality == ""
    events = Event.objects.all()
    assert events.count() == 4 and all(e.place == places["genk"] for e in events)
    # ... and the loaded events' JSON-LD names the place with its locality.
    for event in events:
        page = lxml_html.fromstring(client.get(event.get_absolute_url()).content)
        (script,) = page.xpath("//script[@type='application/ld+json']")
        location = json.loads(script.text)["location"]
        assert location["name"] == "Genk"
        assert location["address"]["addressLocality"] == "Genk"
    assert load_rainbow_plan().total == 0  # a second run changes nothing


def test_a_place_without_coordinates_says_where_it_is_in_words(client):
    load_rainbow_plan()
    page = client.get("/en/places/rainbow-pedestrian-crossing/").content.decode()
    assert "Close to the city hall of Genk." in page
    assert "Renewal of the rainbow pedestrian crossing" in page  # its action
    assert "data-place-map" not in page and "<svg" not in page  # nothing to draw
    page = client.get("/nl/plaatsen/regenbooghuis-limburg/").content.decode()
    assert "De stad heeft nog niet gepubliceerd waar deze plaats is." in page
    listing = client.get("/en/places/").content.decode()
    assert "No place has known coordinates yet" in listing
    assert "Show the map" not in listing


# The drawing ------------------------------------------------------------------------------


def test_the_drawing_puts_north_up_east_right_and_numbers_as_the_list(client):
    west = PlaceFactory(name_nl="West", latitude="50.960000", longitude="5.480000")
    east = PlaceFactory(name_nl="Oost", latitude="50.960000", longitude="5.520000")
    north = PlaceFactory(name_nl="Noord", latitude="50.980000", longitude="5.500000")
    PlaceFactory(name_nl="Ergens")  # no coordinates: listed, not drawn
    drawing = draw([north, east, west])
    dots = {dot.place.name_nl: dot for dot in drawing.dots}
    assert dots["West"].x < dots["Noord"].x < dots["Oost"].x
    assert dots["Noord"].y < dots["West"].y == dots["Oost"].y
    # 0.04 degrees of longitude at 50.97 N is about 2.8 km: the scale bar says it in metres.
    metres_per_pixel = 2800 / (dots["Oost"].x - dots["West"].x)
    assert drawing.scale_pixels * metres_per_pixel == pytest.approx(drawing.scale_length, 0.02)

    page = lxml_html.fromstring(client.get("/nl/plaatsen/").content)
    svg = page.xpath("//svg")[0]
    assert svg.get("role") == "img"
    assert "3 plaatsen" in svg.xpath("string(.//desc)")
    numbers = [t.text for t in svg.xpath(".//g[@class='place-dot']/text")]
    listed = [
        (item.xpath("string(.//a)"), item.xpath("string(.//span[@class='place-number'])"))
        for item in page.xpath("//ul[contains(@class, 'place-list')]/li")
    ]
    assert sorted(numbers) == ["1", "2", "3"]
    assert ("Ergens", "") in listed
    assert sorted(n for _name, n in listed if n) == ["1", "2", "3"]
    circles = svg.xpath(".//g[@class='place-dot']/circle")
    assert all("," not in c.get("cx") for c in circles)  # no Dutch decimal commas in SVG


def test_the_place_and_event_pages_highlight_their_place(client):
    here = PlaceFactory(name_nl="Hier", latitude="50.960000", longitude="5.480000")
    PlaceFactory(name_nl="Daar", latitude="50.970000", longitude="5.500000")
    event = EventFactory(place=here)
    for url in [here.get_absolute_url(), event.get_absolute_url()]:
        page = lxml_html.fromstring(client.get(url).content)
        assert "De grotere stip" in page.xpath("string(//svg/desc)")
        assert "Hier" in page.xpath("string(//svg/desc)")
        (data,) = page.xpath("//script[@type='application/json']")
        assert [p["name"] for p in json.loads(data.text)] == ["Hier"]
        assert page.xpath("//button[@data-map-show]/text()") == [
            "Toon de kaart (laadt OpenStreetMap)"
        ]


# The CSP: the tile server on the pages with a map alone -----------------------------------


def test_the_csp_allows_the_tile_server_on_the_map_pages_alone(client, rainbow_plan):
    place = PlaceFactory(latitude="50.960000", longitude="5.480000")
    event = EventFactory(place=place)
    for url in [reverse("events:places"), place.get_absolute_url(), event.get_absolute_url()]:
        assert TILES in csp_directives(client.get(url))["img-src"], url
    for url in [
        reverse("home"),
        reverse("events:agenda"),
        reverse("partners:list"),
        reverse("actionplan:current_plan"),
        reverse("api:documentation"),
    ]:
        response = client.get(url)
        assert TILES not in response["Content-Security-Policy"], url
        assert csp_directives(response)["img-src"] == ["'self'", "data:"], url


def test_a_hidden_place_is_a_404_for_everyone(client, member):
    partner, user = member
    hidden = PlaceFactory(is_listed=False, added_by=partner)
    EventFactory(place=hidden, organiser=partner, publication=Publication.SUBMITTED)
    for who in [None, user, StaffUserFactory()]:
        if who:
            client.force_login(who)
        assert client.get(hidden.get_absolute_url()).status_code == 404
        client.logout()


def test_the_map_page_costs_the_same_queries_however_many_places(client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("events:places")).status_code == 200
        return len(queries)

    PlaceFactory.create_batch(3, latitude="50.96", longitude="5.48")
    few = count()
    PlaceFactory.create_batch(30, latitude="50.97", longitude="5.49")
    assert count() == few


# The photo: cleaned on upload, with the text that describes it ------------------------------


def test_staff_add_a_place_with_a_photo_cleaned_of_its_gps_and_described(
    client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.genk_rainbow.test_images import exif_with_gps, image_file

    settings.MEDIA_ROOT = tmp_path
    client.force_login(StaffUserFactory(is_superuser=True))
    url = reverse("admin:events_place_add")

    def post(**changes):
        photo = image_file(exif=exif_with_gps(), name="anna-op-de-bank.jpg")
        data = {
            "name_nl": "Regenboogbank", "name_en": "Rainbow bench", "slug_nl": "bank",
            "slug_en": "bench", "kind": PlaceKind.RAINBOW_ELEMENT, "locality": "Genk",
            "where_nl": "In het stadspark.", "latitude": "50.960000", "longitude": "5.480000",
            "is_listed": "on", "photo": SimpleUploadedFile(photo.name, photo.read()),
            "photo_alt_nl": "Een bank in de kleuren van de regenboog", **changes,
        }  # fmt: skip
        return client.post(url, {k: v for k, v in data.items() if v is not None})

    form = post(photo_alt_nl=None).context["adminform"].form
    assert form.errors["photo_alt_nl"] == ["Beschrijf wat de foto toont."]
    form = post(photo_alt_nl=None, longitude=None).context["adminform"].form
    assert "longitude" in form.errors
    assert post().status_code == 302
    place = Place.objects.get()
    data = place.photo.read()
    assert b"PhoneMaker" not in data and b"Exif" not in data
    assert "anna" not in place.photo.name
    page = client.get(place.get_absolute_url()).content.decode()
    assert 'alt="Een bank in de kleuren van de regenboog"' in page


def test_an_event_page_draws_its_place_among_its_nearest_neighbours_not_every_place(client):
    """With thousands of places the event page stayed flat in queries but grew to 380 ms
    drawing every one (docs/performance.md, scale 1,000): it draws the nearest forty."""
    here = PlaceFactory(latitude=Decimal("50.9650"), longitude=Decimal("5.5000"), is_listed=True)
    near = [
        PlaceFactory(
            latitude=Decimal("50.9650") + Decimal(n) / 10000, longitude=Decimal("5.5000"),
            is_listed=True,
        )
        for n in range(1, SMALL_MAP_PLACES)
    ]  # fmt: skip
    far = [
        PlaceFactory(latitude=Decimal("51.5"), longitude=Decimal(4 + n / 100), is_listed=True)
        for n in range(10)
    ]
    event = EventFactory(place=here)
    drawn = {dot.place for dot in client.get(event.get_absolute_url()).context["drawing"].dots}
    assert drawn == {here, *near}
    assert not drawn & set(far)
