"""The stored dates (events/models/stored.py) follow every change at once: the pages read
them, so a change that did not reach them would show the old dates."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventStatus, Frequency, OccurrenceOverride, StoredOccurrence
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def next_monday_at(hour):
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    return datetime.datetime.combine(monday, datetime.time(hour), tzinfo=BRUSSELS)


def shown(window_days=60):
    """(date, local hour, status) of what the agenda lists in the coming weeks."""
    now = timezone.now()
    listed = Event.objects.published().occurrence_list(
        now, now + datetime.timedelta(days=window_days)
    )[:100]
    return [(o.local_start.date(), o.local_start.hour, o.status) for o in listed]


def test_rule_exception_and_moved_date_reach_the_stored_dates_at_once(client):
    first = next_monday_at(19)
    event = EventFactory(
        start=first, end=first + datetime.timedelta(hours=2), recurrence=Frequency.WEEKLY
    )
    mondays = [(first + datetime.timedelta(weeks=w)).date() for w in range(8)]
    assert [day for day, _, _ in shown()][:8] == mondays

    # The rule changes: every month instead of every week.
    event.recurrence = Frequency.MONTHLY
    event.save()
    monthly = [first.date()] + [
        (first + datetime.timedelta(days=d)).date().replace(day=first.day)
        for d in (31, 62)
        if first.day <= 28
    ]
    assert [day for day, _, _ in shown(90)][: len(monthly)] == monthly
    assert len(shown(90)) <= 3

    # Back to weekly, with the second Monday skipped.
    event.recurrence = Frequency.WEEKLY
    event.exception_dates = [mondays[1].isoformat()]
    event.save()
    assert mondays[1] not in [day for day, _, _ in shown()]
    assert mondays[2] in [day for day, _, _ in shown()]

    # The third Monday moves to 21:00 and the fourth is cancelled.
    moved = OccurrenceOverride.objects.create(
        event=event, original_date=mondays[2], status=EventStatus.RESCHEDULED,
        new_start=first.replace(hour=21) + datetime.timedelta(weeks=2), note="Later",
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=event, original_date=mondays[3], status=EventStatus.CANCELLED, note="Ill"
    )
    listed = shown()
    assert (mondays[2], 21, EventStatus.RESCHEDULED) in listed
    assert (mondays[3], 19, EventStatus.CANCELLED) in listed
    agenda = client.get(reverse("events:agenda")).content.decode()
    assert "21:00" in agenda and "Geannuleerd" in agenda

    # Undoing the move brings the date back at its own time.
    moved.delete()
    assert (mondays[2], 19, EventStatus.SCHEDULED) in shown()

    # Deleting the event removes its dates.
    event.delete()
    assert shown() == [] and not StoredOccurrence.objects.exists()


def test_extend_occurrences_moves_open_ended_series_forward():
    first = next_monday_at(19)
    event = EventFactory(
        start=first, end=first + datetime.timedelta(hours=2), recurrence=Frequency.WEEKLY
    )
    last = StoredOccurrence.objects.filter(event=event).latest("start").start
    later = timezone.now() + datetime.timedelta(days=30)
    StoredOccurrence.objects.extend(now=later)
    assert StoredOccurrence.objects.filter(event=event).latest("start").start >= last + (
        datetime.timedelta(days=28)
    )
    out = io.StringIO()
    call_command("extend_occurrences", stdout=out)
    assert "1 repeating events" in out.getvalue()
    assert StoredOccurrence.objects.filter(event=event).latest("start").start >= last
