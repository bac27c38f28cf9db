"""The calendars as real clients read them: Mozilla's ical.js (Thunderbird's parser, on Debian's
node), vobject and recurring-ical-events. Every timed event must land at the instant Python's
zoneinfo gives, in summer time and in winter time; a series must expand with its cancelled and
moved dates."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject
from django.urls import reverse
from django.utils import translation

from events.models import EventStatus, Frequency, OccurrenceOverride
from tests.factories import EventFactory, TargetGroupFactory

# Genk's names and languages (Dutch and English), as its content file gives them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("genk_identity")]
BRUSSELS = ZoneInfo("Europe/Brussels")
CLIENTS = Path(__file__).resolve().parent.parent / "clients"


def ical_js(content):
    """The document as ical.js reads it (tests/clients/read_ics.mjs)."""
    node = shutil.which("node")
    if not (CLIENTS / "node_modules" / "ical.js").is_dir() or node is None:
        pytest.fail("ical.js is missing: run `npm ci` in tests/clients (.ci/run does)")
    result = subprocess.run(
        [node, str(CLIENTS / "read_ics.mjs")],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def utc_iso(moment):
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@pytest.fixture
def seasons():
    """A summer-time and a winter-time evening, both for young people; one beyond 2037."""
    young = TargetGroupFactory(code="young-people")
    times = {
        "Zomeravond": datetime.datetime(2027, 7, 15, 19, 30, tzinfo=BRUSSELS),
        "Winteravond": datetime.datetime(2027, 1, 20, 19, 30, tzinfo=BRUSSELS),
        "Lentenacht": datetime.datetime(2027, 3, 28, 1, 30, tzinfo=BRUSSELS),  # before 02:00
        "Herfstochtend": datetime.datetime(2027, 10, 31, 9, 0, tzinfo=BRUSSELS),
    }
    for title, start in times.items():
        event = EventFactory(title_nl=title, start=start, end=start + datetime.timedelta(hours=2))
        event.target_groups.add(young)
    return times


def calendars(client):
    return {
        "whole": client.get(reverse("events:calendar")).content,
        "group": client.get(
            reverse("events:group_calendar", kwargs={"group": "young-people"})
        ).content,
    }


def test_ical_js_reads_every_event_at_the_zoneinfo_instant(client, seasons):
    for kind, content in calendars(client).items():
        read = {e["summary"]: e for e in ical_js(content)["events"]}
        assert set(read) == set(seasons), kind
        for title, start in seasons.items():
            assert read[title]["start"] == utc_iso(start), (kind, title)
            assert read[title]["end"] == utc_iso(start + datetime.timedelta(hours=2)), (kind, title)


def test_vobject_reads_every_event_at_the_zoneinfo_instant(client, seasons):
    for kind, content in calendars(client).items():
        cal = vobject.readOne(content.decode())
        read = {e.summary.value: e for e in cal.vevent_list}
        assert set(read) == set(seasons), kind
        for title, start in seasons.items():
            dtstart = read[title].dtstart.value
            assert dtstart.utcoffset() == start.utcoffset(), (kind, title)
            assert dtstart == start, (kind, title)


def test_ical_js_reads_the_long_calendar_name_of_a_group(client):
    TargetGroupFactory(
        code="long", name_nl="Mensen met een migratieachtergrond en hun families " * 2
    )
    content = client.get(reverse("events:group_calendar", kwargs={"group": "long"})).content
    assert max(len(line) for line in content.split(b"\r\n")) <= 75
    assert ical_js(content)["name"].endswith("en hun families ")


def test_a_calendar_client_shows_the_citys_description_of_the_calendar(client):
    read = ical_js(client.get(reverse("events:calendar")).content)
    assert read["name"] == "Regenboog Genk – agenda"
    assert read["description"] == "Stad Genk: komende activiteiten van het Regenboogactieplan."


def test_recurring_ical_events_expands_a_series_with_a_cancelled_and_a_moved_date(client):
    start = datetime.datetime(
        2027, 3, 4, 19, 0, tzinfo=BRUSSELS
    )  # Thursdays, across March's change
    series = EventFactory(
        title_nl="Praatgroep", start=start, end=start + datetime.timedelta(hours=2),
        recurrence=Frequency.WEEKLY, recurrence_until=datetime.date(2027, 4, 8),
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=series, original_date=datetime.date(2027, 3, 18), status=EventStatus.CANCELLED
    )
    moved = datetime.datetime(2027, 4, 2, 20, 0, tzinfo=BRUSSELS)
    OccurrenceOverride.objects.create(
        event=series, original_date=datetime.date(2027, 4, 1), status=EventStatus.RESCHEDULED,
        new_start=moved, new_end=moved + datetime.timedelta(hours=1),
    )  # fmt: skip
    import icalendar

    content = client.get(reverse("events:ics", kwargs={"slug": series.slug_nl})).content
    cal = icalendar.Calendar.from_ical(content)
    expanded = recurring_ical_events.of(cal).between(
        datetime.datetime(2027, 3, 1, tzinfo=BRUSSELS),
        datetime.datetime(2027, 5, 1, tzinfo=BRUSSELS),
    )
    held = sorted(
        (e.decoded("DTSTART").astimezone(BRUSSELS), str(e.get("STATUS"))) for e in expanded
    )
    at_seven = [datetime.datetime(2027, m, d, 19, 0, tzinfo=BRUSSELS) for m, d in
                [(3, 4), (3, 11), (3, 25), (4, 8)]]  # fmt: skip
    assert [when for when, status in held if status != "CANCELLED"] == sorted([*at_seven, moved])
    assert [when for when, status in held if status == "CANCELLED"] in (
        [],
        [datetime.datetime(2027, 3, 18, 19, 0, tzinfo=BRUSSELS)],
    )
    # ical.js sees the same moved date, at the zoneinfo instant
    read = ical_js(content)["events"]
    moved_in_js = [e for e in read if e["recurrenceId"] and e["status"] != "CANCELLED"]
    assert [e["start"] for e in moved_in_js] == [utc_iso(moved)]


def test_the_timezone_rules_agree_with_zoneinfo_for_every_year_the_portal_accepts(client, seasons):
    """vobject (dateutil's tzical) turns the VTIMEZONE into a tzinfo: it must give the offset
    zoneinfo gives around every change from 2000 to 2100."""
    cal = vobject.readOne(client.get(reverse("events:calendar")).content.decode())
    ours = cal.vtimezone.gettzinfo()
    for year in range(2000, 2101):
        for month, day in [(1, 15), (3, 31), (7, 1), (10, 31), (12, 31)] + [
            (m, d) for m in (3, 10) for d in range(24, 32)
        ]:
            for hour in (0, 1, 4, 12):
                local = datetime.datetime(year, month, day, hour)
                assert (
                    local.replace(tzinfo=ours).utcoffset()
                    == local.replace(tzinfo=BRUSSELS).utcoffset()
                ), local


def test_subscriptions_say_how_often_to_refresh_and_answer_304_when_unchanged(client, seasons):
    url = reverse("events:calendar")
    first = client.get(url)
    lines = first.content.decode().split("\r\n")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in lines
    assert "X-PUBLISHED-TTL:PT12H" in lines
    assert first["ETag"] and first["Last-Modified"]

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304

    EventFactory(title_nl="Nieuw")
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert b"SUMMARY:Nieuw" in changed.content


def test_events_carry_place_coordinates_organiser_and_tentative_example_dates(client):
    from tests.factories import PartnerFactory, PlaceFactory

    venue = PlaceFactory(
        name_nl="Stadhuis Genk", street_address="Stadsplein 1", postal_code="3600",
        latitude="50.965100", longitude="5.500800",
    )  # fmt: skip
    EventFactory(
        title_nl="Oversteekplaats", place=venue, is_example=True,
        organiser=PartnerFactory(name_nl="OGWA", public_contact="info@ogwa.example"),
    )  # fmt: skip
    EventFactory(
        title_nl="Online",
        online_url="https://meet.example.org/genk",
        organiser=PartnerFactory(name_nl="Cavaria", public_contact="Tel. 09 223 69 29"),
    )

    import icalendar

    cal = icalendar.Calendar.from_ical(client.get(reverse("events:calendar")).content)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    crossing, online = events["Oversteekplaats"], events["Online"]
    assert str(crossing["LOCATION"]) == "Stadhuis Genk, Stadsplein 1, 3600 Genk"
    assert crossing["GEO"].latitude == 50.9651 and crossing["GEO"].longitude == 5.5008
    assert str(crossing["ORGANIZER"]) == "mailto:info@ogwa.example"
    assert crossing["ORGANIZER"].params["CN"] == "OGWA"
    assert crossing["STATUS"] == "TENTATIVE"
    assert str(crossing["DESCRIPTION"]).startswith("Voorbeelddatum")
    assert crossing["URL"].startswith("http://testserver/nl/agenda/")
    assert str(online["LOCATION"]) == "https://meet.example.org/genk"
    assert str(online["ORGANIZER"]).startswith("http://testserver/nl/")
    assert online["STATUS"] == "CONFIRMED"
    EventFactory(title_nl="Nog geen plaats")
    cal = icalendar.Calendar.from_ical(client.get(reverse("events:calendar")).content)
    unplaced = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Nog geen plaats"]
    assert str(unplaced[0]["LOCATION"]) == "Genk" and "GEO" not in unplaced[0]


def test_the_agenda_links_every_subscription_with_webcal_and_instructions(client):
    TargetGroupFactory(code="seniors", name_nl="Senioren 55+", name_en="Seniors 55+")
    TargetGroupFactory(code="young-people", name_nl="Jongeren", name_en="Young people")

    page = client.get(reverse("events:agenda"), {"target_group": "young-people"}).content.decode()
    assert "Abonneer je in je agenda" in page
    assert 'href="webcal://testserver/nl/agenda/kalender.ics"' in page or (
        'href="webcal://testserver/nl/agenda/calendar.ics"' in page
    )
    young = page.index("Activiteiten voor Jongeren")
    assert young < page.index("Activiteiten voor Senioren 55+")  # the chosen group first
    group_url = reverse("events:group_calendar", kwargs={"group": "young-people"})
    assert f'href="webcal://testserver{group_url}"' in page
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in page
    assert "Abonneren vanaf internet" in page  # Outlook's instructions, in Dutch

    with translation.override("en"):
        english = client.get(reverse("events:agenda")).content.decode()
    assert "Subscribe in your calendar" in english and "Events for Seniors 55+" in english
