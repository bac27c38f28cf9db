"""Calendars and feeds are parsed back as a calendar application and a feed reader would."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.feeds import calendar
from events.jsonld import event_jsonld
from events.models import Attendance, Event, EventStatus, Frequency, OccurrenceOverride
from tests.factories import EventFactory, PartnerFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def test_calendar_feed_is_valid_with_timezone_uid_sequence_and_status(client):
    evening = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=20), datetime.time(19, 30), BRUSSELS
    )
    talk = EventFactory(
        title_nl="Lezing", start=evening, end=evening + datetime.timedelta(minutes=90)
    )
    EventFactory(title_nl="Geschrapt", status=EventStatus.CANCELLED)
    EventFactory(title_nl="Niet gepubliceerd", publication="submitted")

    cal = parse(client.get(reverse("events:calendar")))

    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = {str(e["SUMMARY"]): e for e in vevents(cal)}
    assert set(events) == {"Lezing", "Geschrapt"}
    lecture = events["Lezing"]
    assert lecture["UID"] == f"event-{talk.pk}@regenboog.genk.be"
    assert lecture["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert lecture.decoded("DTSTART") == evening
    assert events["Geschrapt"]["STATUS"] == "CANCELLED"
    assert lecture["STATUS"] == "CONFIRMED"


def test_all_day_event_ends_the_day_after_and_repeats_with_exceptions(client):
    idahot = EventFactory(
        title_nl="IDAHOT", start=datetime.datetime(2023, 5, 17, tzinfo=BRUSSELS),
        end=datetime.datetime(2023, 5, 18, tzinfo=BRUSSELS), all_day=True,
        recurrence=Frequency.YEARLY, exception_dates=["2025-05-17"],
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=idahot, original_date=datetime.date(2026, 5, 17), status=EventStatus.CANCELLED
    )

    cal = parse(client.get(reverse("events:ics", kwargs={"slug": idahot.slug_nl})))

    main, cancelled = vevents(cal)
    assert main.decoded("DTSTART") == datetime.date(2023, 5, 17)
    assert main.decoded("DTEND") == datetime.date(2023, 5, 18)
    assert main["RRULE"]["FREQ"] == ["YEARLY"]
    assert main.decoded("EXDATE").dts[0].dt == datetime.date(2025, 5, 17)
    assert cancelled.decoded("RECURRENCE-ID") == datetime.date(2026, 5, 17)
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == main["UID"]


def test_sequence_goes_up_when_staff_change_a_published_event(client):
    from tests.factories import PlaceFactory

    event = EventFactory(place=PlaceFactory())
    first = vevents(parse(client.get(reverse("events:ics", kwargs={"slug": event.slug_nl}))))[0]
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    form = client.get(reverse("events:edit", kwargs={"pk": event.pk})).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in {"image", "target_groups", "facilities", "languages"}
    }
    data.update(
        start="2026-12-01T18:00",
        end="2026-12-01T20:00",
        status=EventStatus.POSTPONED,
        title_nl="Uitgesteld",
    )
    assert client.post(reverse("events:edit", kwargs={"pk": event.pk}), data).status_code == 302
    client.logout()

    second = vevents(parse(client.get(reverse("events:ics", kwargs={"slug": event.slug_nl}))))[0]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second["STATUS"] == "TENTATIVE"


def test_calendar_holds_the_past_month_and_the_coming_events_soonest_first(client, monkeypatch):
    now = timezone.now()
    EventFactory(title_nl="Twee maanden geleden", start=now - datetime.timedelta(days=60))
    EventFactory(title_nl="Vorige week", start=now - datetime.timedelta(days=7))
    EventFactory(title_nl="Volgende week", start=now + datetime.timedelta(days=7))
    EventFactory(title_nl="Volgend jaar", start=now + datetime.timedelta(days=300))
    EventFactory(
        title_nl="Elke week sinds vorig jaar", start=now - datetime.timedelta(days=400),
        recurrence=Frequency.WEEKLY,
    )  # fmt: skip
    EventFactory(
        title_nl="Reeks die al voorbij is", start=now - datetime.timedelta(days=400),
        recurrence=Frequency.WEEKLY, recurrence_until=(now - datetime.timedelta(days=60)).date(),
    )  # fmt: skip

    def summaries():
        cal = parse(client.get(reverse("events:calendar")))
        return [str(e["SUMMARY"]) for e in vevents(cal)]

    assert summaries() == [
        "Elke week sinds vorig jaar", "Vorige week", "Volgende week", "Volgend jaar",
    ]  # fmt: skip
    monkeypatch.setattr("events.models.event.CALENDAR_LIMIT", 2)
    assert summaries() == ["Elke week sinds vorig jaar", "Vorige week"]


def test_text_is_escaped_and_long_lines_are_folded_without_breaking_characters(client):
    title = "Regenboog; café, 🏳️‍🌈 " * 8
    EventFactory(title_nl=title, summary_nl="Eerste regel\nTweede\\regel")

    response = client.get(reverse("events:calendar"))

    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    event = vevents(parse(response))[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]).startswith("Eerste regel\nTweede\\regel\n\nhttp://")


def test_calendar_per_target_group(client):
    seniors = TargetGroupFactory(code="seniors")
    for_seniors = EventFactory(title_nl="Voor senioren")
    for_seniors.target_groups.add(seniors)
    EventFactory(title_nl="Voor iedereen")

    cal = parse(client.get(reverse("events:group_calendar", kwargs={"group": "seniors"})))

    assert [str(e["SUMMARY"]) for e in vevents(cal)] == ["Voor senioren"]
    assert (
        client.get(reverse("events:group_calendar", kwargs={"group": "nobody"})).status_code == 404
    )


@pytest.mark.parametrize("name", ["events:rss", "events:atom"])
def test_rss_and_atom_feeds_parse(client, name):
    EventFactory(title_nl="Regenboogwandeling")
    feed = feedparser.parse(client.get(reverse(name)).content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title.split(" – ")[0] for entry in feed.entries] == ["Regenboogwandeling"]
    assert feed.entries[0].link.startswith("http://testserver/nl/agenda/")


def test_json_ld_describes_the_event_for_search_engines():
    event = EventFactory(
        start=datetime.datetime(2026, 7, 4, 14, 0, tzinfo=BRUSSELS),
        end=datetime.datetime(2026, 7, 4, 17, 0, tzinfo=BRUSSELS),
        attendance=Attendance.ONLINE, online_url="https://meet.example.org/genk",
        is_free=False, price_nl="€ 5", organiser=PartnerFactory(name_nl="OGWA"),
        status=EventStatus.RESCHEDULED,
    )  # fmt: skip
    event = Event.objects.select_related("place", "organiser").get(pk=event.pk)
    import json

    with translation.override("nl"):
        occurrence = next(
            event.occurrences_between(
                timezone.now() - datetime.timedelta(days=3650),
                timezone.now() + datetime.timedelta(days=3650),
            )
        )
        data = json.loads(event_jsonld(occurrence, lambda path: f"https://regenboog.genk.be{path}"))

    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-07-04T14:00:00+02:00"
    assert data["endDate"] == "2026-07-04T17:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/genk"}
    assert data["organizer"]["name"] == "OGWA"
    assert data["offers"]["description"] == "€ 5"


def test_the_calendar_builder_alone_makes_a_parsable_document():
    EventFactory()
    raw = calendar(Event.objects.all(), "Test", lambda path: f"https://example.org{path}")
    assert icalendar.Calendar.from_ical(raw).walk("VEVENT")
