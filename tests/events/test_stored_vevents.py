"""The calendar feed keeps each event's VEVENTs for the version of all they show
(events/feeds.py, stored_calendar): stored or written afresh, the document is the same, and a
change to an event, one of its dates, its place or its organiser shows at once."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone, translation

from events.feeds import calendar, stored_calendar
from events.models import Event, EventStatus, OccurrenceOverride

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def absolute(path):
    return f"https://testserver{path}"


def feed():
    return stored_calendar(Event.objects.published().in_calendar_feed(), "Agenda", absolute)[0]


def afresh():
    events = Event.objects.published().in_calendar_feed().for_calendar()
    return calendar(events, "Agenda", absolute)


def test_a_calendar_of_stored_vevents_is_the_one_written_afresh(
    stored, agenda, django_assert_num_queries
):
    first = feed()
    with django_assert_num_queries(1):  # the events' versions; no event read in full
        again = feed()
    assert again == first == afresh()
    assert b"SUMMARY:Regenboogpicknick" in again


def change(agenda, what):
    if what == "title":
        agenda["single"].title_nl = "Regenboogpicknick in het park"
        agenda["single"].save()
        return "SUMMARY:Regenboogpicknick in het park"
    if what == "place":
        agenda["place"].name_nl = "Stadspark"
        agenda["place"].save()
        return "LOCATION:Stadspark"
    if what == "organiser":
        agenda["partner"].name_nl = "OGWA vzw"
        agenda["partner"].save()
        return 'ORGANIZER;CN="OGWA vzw"'
    series = agenda["series"]
    day = (timezone.localtime(series.start) + datetime.timedelta(days=7)).date()
    OccurrenceOverride.objects.create(
        event=series, original_date=day, status=EventStatus.CANCELLED, note_nl="Storm."
    )
    return "RECURRENCE-ID"


@pytest.mark.parametrize("what", ["title", "place", "organiser", "one date"])
def test_a_change_shows_in_the_calendar_at_once(stored, agenda, what):
    feed()
    expected = change(agenda, what)
    text = feed().decode()
    assert expected in text
    assert feed() == afresh()


def test_each_language_has_its_own_vevents(stored, agenda):
    dutch = feed().decode()
    with translation.override("en"):
        english = feed().decode()
        assert english == afresh().decode()
    assert "SUMMARY:Regenboogpicknick" in dutch and "SUMMARY:Regenboogpicknick" not in english
    assert "LOCATION:City hall" in english


def test_with_fragments_off_nothing_is_kept(agenda, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    caches["pages"].clear()
    assert feed() == afresh()
    assert not [key for key in caches["pages"]._cache if "vevent" in key]
