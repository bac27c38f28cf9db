import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, Event, Facility, Frequency, Publication
from partners.models import Membership, Role
from tests.factories import (
    ActionFactory,
    EventFactory,
    PartnerFactory,
    StaffUserFactory,
    TargetGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def soon(days, hour=19):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BRUSSELS)


def titles(response):
    return [o.event.title_nl for o in response.context["page"].object_list]


def test_idahot_shows_in_the_month_view_of_every_year(client, rainbow_plan):
    for year in [2023, 2025, 2027, 2035]:
        html = client.get(
            reverse("events:month", kwargs={"year": year, "month": 5})
        ).content.decode()
        assert f'href="/nl/agenda/idahot-genk/?date={year}-05-17"' in html, year
    assert client.get("/nl/agenda/2026/13/").status_code == 404


def test_busy_day_in_the_month_view_links_to_the_agenda_of_that_day(client):
    for hour in range(10, 16):
        EventFactory(title_nl=f"Workshop {hour}", start=soon(2, hour), end=soon(2, hour + 1))
    EventFactory(title_nl="Volgende dag", start=soon(3), end=soon(3, 21))
    day = soon(2).date()

    html = client.get(
        reverse("events:month", kwargs={"year": day.year, "month": day.month})
    ).content.decode()

    assert [f"Workshop {hour}" in html for hour in range(10, 16)] == [True] * 4 + [False] * 2
    assert f'href="/nl/agenda/?day={day.isoformat()}">nog 2 evenementen op' in html
    response = client.get(reverse("events:agenda"), {"day": day.isoformat()})
    assert titles(response) == [f"Workshop {hour}" for hour in range(10, 16)]
    bad = client.get(reverse("events:agenda"), {"day": "2026-02-30"})
    assert bad.status_code == 200
    assert "Sommige filters zijn niet geldig" in bad.content.decode()


def test_filters_combine_and_stay_in_the_url(client, monkeypatch):
    seniors = TargetGroupFactory(code="seniors")
    wheelchair = Facility.objects.get(code="wheelchair-accessible")
    match = EventFactory(title_nl="Seniorennamiddag", start=soon(3), end=soon(3, 21), is_free=True)
    match.target_groups.add(seniors)
    match.facilities.add(wheelchair)
    paying = EventFactory(
        title_nl="Seniorenfeest", start=soon(4), end=soon(4, 21), is_free=False, price_nl="€ 5"
    )
    paying.target_groups.add(seniors)
    EventFactory(title_nl="Jongerenavond", start=soon(5), end=soon(5, 21))
    online = EventFactory(
        title_nl="Webinar", start=soon(6), end=soon(6, 21), attendance=Attendance.ONLINE,
        online_url="https://meet.example.org",
    )  # fmt: skip
    online.target_groups.add(seniors)

    url = reverse("events:agenda")
    assert titles(client.get(url)) == [
        "Seniorennamiddag",
        "Seniorenfeest",
        "Jongerenavond",
        "Webinar",
    ]
    assert titles(client.get(url, {"target_group": "seniors"})) == [
        "Seniorennamiddag",
        "Seniorenfeest",
        "Webinar",
    ]
    assert titles(client.get(url, {"target_group": "seniors", "free": "on"})) == [
        "Seniorennamiddag",
        "Webinar",
    ]
    assert titles(client.get(url, {"facility": "wheelchair-accessible"})) == ["Seniorennamiddag"]
    assert titles(client.get(url, {"online": "on"})) == ["Webinar"]
    assert titles(client.get(url, {"q": "feest"})) == ["Seniorenfeest"]

    # The page links keep the filters (the language switcher repeats the query string too,
    # so only the pagination's own links are looked at).
    monkeypatch.setattr("events.views.PAGE_SIZE", 2)
    response = client.get(url, {"target_group": "seniors", "free": "on"})
    assert titles(response) == ["Seniorennamiddag", "Webinar"]
    response = client.get(url, {"target_group": "seniors"})
    assert titles(response) == ["Seniorennamiddag", "Seniorenfeest"]
    pagination = response.content.decode().split('<ul class="pagination">')[1].split("</ul>")[0]
    next_link = html.unescape(re.search(r'href="([^"]+page=2)"', pagination)[1])
    assert "target_group=seniors" in next_link
    assert titles(client.get(url + next_link.removeprefix(url))) == ["Webinar"]


def test_events_of_an_objective(client):
    action = ActionFactory(objective__plan__state="current")
    EventFactory(title_nl="Bij de actie", related_action=action, start=soon(2), end=soon(2, 21))
    EventFactory(title_nl="Los", start=soon(3), end=soon(3, 21))
    response = client.get(reverse("events:agenda"), {"objective": action.objective.pk})
    assert titles(response) == ["Bij de actie"]
    assert "Bij de actie" in client.get(action.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "month=abc", "month=2026-13", "target_group=nobody", "objective=x", "objective=99999",
        "facility=%01", "free=maybe", "page=-1", "page=99999", "q=" + "x" * 5000,
        "online=1&online=0", "month[]=1", "q=%ff%fe", "day=2026-02-30", "day=x",
    ],
)  # fmt: skip
def test_nonsense_query_strings_get_a_page_not_an_error(client, query):
    response = client.get(f"{reverse('events:agenda')}?{query}")
    assert response.status_code == 200


def test_past_events_are_in_the_archive_newest_first(client):
    EventFactory(title_nl="Vorig jaar", start=soon(-365), end=soon(-365, 21))
    EventFactory(title_nl="Vorige week", start=soon(-7), end=soon(-7, 21))
    EventFactory(title_nl="Straks", start=soon(7), end=soon(7, 21))
    assert titles(client.get(reverse("events:archive"))) == ["Vorige week", "Vorig jaar"]


@pytest.fixture
def partner_member():
    partner = PartnerFactory(name_nl="OGWA")
    member = UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    return partner, member


def proposal(partner, **changes):
    return {
        "title_nl": "Regenboogcafé",
        "summary_nl": "Gezellig samenzijn.",
        "organiser": partner.pk,
        "start": soon(14).strftime("%Y-%m-%dT%H:%M"),
        "end": soon(14, 22).strftime("%Y-%m-%dT%H:%M"),
        "attendance": Attendance.IN_PERSON,
        "new_place_name": "Ontmoetingszaal",
        "status": "scheduled",
        "is_free": "on",
        **changes,
    }


def test_a_partner_proposes_staff_publish_and_the_proposer_is_told(
    client, partner_member, django_capture_on_commit_callbacks
):
    partner, member = partner_member
    client.force_login(member)
    assert client.post(reverse("events:create"), proposal(partner)).status_code == 302
    event = Event.objects.get()
    assert (event.publication, event.proposed_by) == (Publication.SUBMITTED, member)
    assert titles(client.get(reverse("events:agenda"))) == []

    staff = StaffUserFactory()
    client.force_login(staff)
    assert "Regenboogcafé" in client.get(reverse("review_queue")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:review", kwargs={"pk": event.pk}), {"decision": "accept"})
    client.logout()

    assert titles(client.get(reverse("events:agenda"))) == ["Regenboogcafé"]
    assert b"Regenboogcaf" in client.get(reverse("events:calendar")).content
    assert mail.outbox[-1].to == [member.email]
    assert "Regenboogcafé" in mail.outbox[-1].subject


def test_rejection_needs_a_reason_that_reaches_the_partner(
    client, partner_member, django_capture_on_commit_callbacks
):
    partner, member = partner_member
    event = EventFactory(organiser=partner, proposed_by=member, publication=Publication.SUBMITTED)
    client.force_login(StaffUserFactory())
    url = reverse("events:review", kwargs={"pk": event.pk})
    assert client.post(url, {"decision": "return"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "return", "comment": "Datum valt samen met IDAHOT."})
    event.refresh_from_db()
    assert event.publication == Publication.REJECTED
    assert "Datum valt samen met IDAHOT." in mail.outbox[-1].body


def test_a_partners_edit_of_a_published_event_waits_for_review(client, partner_member):
    partner, member = partner_member
    event = EventFactory(
        title_nl="Regenboogcafé", organiser=partner, start=soon(10), end=soon(10, 22)
    )
    client.force_login(member)
    data = proposal(partner, title_nl="Regenboogcafé XL")
    response = client.post(reverse("events:edit", kwargs={"pk": event.pk}), data)
    assert response.status_code == 302
    client.logout()

    assert titles(client.get(reverse("events:agenda"))) == ["Regenboogcafé"]  # still the original
    revision = Event.objects.get(revision_of=event)
    assert revision.publication == Publication.SUBMITTED

    client.force_login(StaffUserFactory())
    client.post(reverse("events:review", kwargs={"pk": revision.pk}), {"decision": "accept"})
    client.logout()
    assert titles(client.get(reverse("events:agenda"))) == ["Regenboogcafé XL"]
    event.refresh_from_db()
    assert event.sequence == 1
    assert Event.objects.count() == 1
    assert client.get(event.get_absolute_url()).status_code == 200  # same address as before


def test_staff_create_published_events_directly(client):
    client.force_login(StaffUserFactory())
    client.post(reverse("events:create"), proposal(PartnerFactory(), organiser=""))
    assert Event.objects.get().publication == Publication.PUBLISHED


def test_bad_event_input_keeps_what_was_typed(client, partner_member):
    partner, member = partner_member
    client.force_login(member)
    response = client.post(
        reverse("events:create"),
        proposal(
            partner,
            end=soon(13).strftime("%Y-%m-%dT%H:%M"),
            attendance=Attendance.ONLINE,
            is_free="",
            summary_nl="x" * 161,
        ),
    )
    assert response.status_code == 200
    assert {"end", "online_url", "price_nl", "summary_nl"} <= response.context["form"].errors.keys()
    assert "Regenboogcafé" in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_lasts_at_most_a_year_and_one_going_on_shows_in_the_agenda(client, partner_member):
    partner, member = partner_member
    client.force_login(member)
    too_long = proposal(partner, end=soon(14 + 400).strftime("%Y-%m-%dT%H:%M"))
    response = client.post(reverse("events:create"), too_long)
    assert "end" in response.context["form"].errors and not Event.objects.exists()
    client.logout()

    EventFactory(title_nl="Tentoonstelling", start=soon(-300), end=soon(60))
    EventFactory(title_nl="Morgen", start=soon(1), end=soon(1, 21))
    assert titles(client.get(reverse("events:agenda"))) == ["Tentoonstelling", "Morgen"]


def test_another_partners_event_is_not_found(client, partner_member):
    _partner, member = partner_member
    other = EventFactory(organiser=PartnerFactory(), publication=Publication.SUBMITTED)
    client.force_login(member)
    assert (
        client.get(reverse("events:workspace_detail", kwargs={"pk": other.pk})).status_code == 404
    )
    assert client.get(reverse("events:edit", kwargs={"pk": other.pk})).status_code == 404


def agenda_queries(client, urls):
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_count_flat_with_ten_times_more_events(client, rainbow_plan):
    group = TargetGroupFactory(code="jongeren")
    partner = PartnerFactory()

    def add(count):
        for index in range(count):
            event = EventFactory(
                start=soon(index % 40 + 1), end=soon(index % 40 + 1, 21), organiser=partner,
                recurrence=Frequency.WEEKLY if index % 5 == 0 else "",
            )  # fmt: skip
            event.target_groups.add(group)
            event.facilities.add(*Facility.objects.all()[:2])

    add(5)
    idahot = Event.objects.get(slug_nl="idahot-genk")
    agenda = reverse("events:agenda")
    urls = [
        "/nl/", agenda, f"{agenda}?target_group=jongeren&free=on", reverse("events:archive"),
        reverse("events:month", kwargs={"year": 2027, "month": 5}), idahot.get_absolute_url(),
        reverse("events:calendar"), reverse("events:rss"), partner.get_absolute_url(),
        f"{agenda}?day={soon(3).date().isoformat()}", f"{agenda}?page=2",
    ]  # fmt: skip
    small = agenda_queries(client, urls)
    add(45)
    big = agenda_queries(client, urls)
    assert big == small
    assert max(big.values()) <= 12, big  # the home page's: the contact block, this year's reach


def test_a_three_day_event_fills_its_three_days_of_the_month_view_and_no_more(client):
    """All-day ends are exclusive: a festival from the 10th to the 12th shows on three days."""
    first = (timezone.localdate() + datetime.timedelta(days=40)).replace(day=10)
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=BRUSSELS)
    EventFactory(title_nl="Regenboogfestival", start=start, end=start + datetime.timedelta(days=3),
                 all_day=True)  # fmt: skip
    html = client.get(
        reverse("events:month", kwargs={"year": first.year, "month": first.month})
    ).content.decode()
    assert html.count("Regenboogfestival") == 3
