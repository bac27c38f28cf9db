import datetime
from zoneinfo import ZoneInfo

import pytest

from events.models import Event, EventStatus, Frequency, OccurrenceOverride
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def local(*args):
    return datetime.datetime(*args, tzinfo=BRUSSELS)


def test_weekly_event_keeps_its_local_time_across_daylight_saving():
    event = EventFactory(
        start=local(2026, 3, 19, 19, 0), end=local(2026, 3, 19, 21, 0), recurrence=Frequency.WEEKLY
    )
    occurrences = list(event.occurrences_between(local(2026, 3, 18), local(2026, 4, 3)))

    assert [o.local_start.strftime("%d/%m %H:%M %z") for o in occurrences] == [
        "19/03 19:00 +0100",
        "26/03 19:00 +0100",
        "02/04 19:00 +0200",  # summer time began on 29 March
    ]
    assert all(o.end - o.start == datetime.timedelta(hours=2) for o in occurrences)


def test_idahot_falls_on_17_may_every_year_with_exceptions_and_changes():
    idahot = EventFactory(
        start=local(2023, 5, 17), end=local(2023, 5, 18), all_day=True, recurrence=Frequency.YEARLY,
        exception_dates=["2025-05-17"],
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=idahot, original_date=datetime.date(2026, 5, 17), status=EventStatus.CANCELLED
    )
    OccurrenceOverride.objects.create(
        event=idahot,
        original_date=datetime.date(2027, 5, 17),
        status=EventStatus.RESCHEDULED,
        new_start=local(2027, 5, 15),
        new_end=local(2027, 5, 16),
    )
    idahot = Event.objects.get(pk=idahot.pk)

    found = {
        o.original_date.year: o
        for o in idahot.occurrences_between(local(2023, 1, 1), local(2031, 1, 1))
    }

    assert sorted(found) == [2023, 2024, 2026, 2027, 2028, 2029, 2030]
    assert all(
        found[y].local_start.date() == datetime.date(y, 5, 17) for y in [2023, 2024, 2028, 2030]
    )
    assert found[2026].status == EventStatus.CANCELLED
    assert found[2027].local_start.date() == datetime.date(2027, 5, 15)
    assert found[2027].last_day == datetime.date(2027, 5, 15)


def test_repetition_stops_at_its_end_date():
    event = EventFactory(
        start=local(2026, 1, 5, 10), end=local(2026, 1, 5, 11), recurrence=Frequency.MONTHLY,
        recurrence_until=datetime.date(2026, 3, 31),
    )  # fmt: skip
    months = [
        o.local_start.month for o in event.occurrences_between(local(2026, 1, 1), local(2027, 1, 1))
    ]
    assert months == [1, 2, 3]


def test_occurrences_of_a_queryset_are_in_time_order_and_only_published():
    EventFactory(title_nl="Later", start=local(2026, 6, 2, 10), end=local(2026, 6, 2, 11))
    EventFactory(title_nl="Eerder", start=local(2026, 6, 1, 10), end=local(2026, 6, 1, 11))
    EventFactory(
        title_nl="Ontwerp",
        start=local(2026, 6, 1, 9),
        end=local(2026, 6, 1, 11),
        publication="draft",
    )
    titles = [
        o.event.title_nl
        for o in Event.objects.published().occurrences(local(2026, 5, 1), local(2026, 7, 1))
    ]
    assert titles == ["Eerder", "Later"]


def test_weekly_series_running_for_years_gives_the_same_dates_as_a_new_one():
    old = EventFactory(
        start=local(2019, 3, 21, 19, 0), end=local(2019, 3, 21, 21, 0), recurrence=Frequency.WEEKLY
    )
    window = (local(2026, 3, 19, 19, 0), local(2026, 4, 3))  # starts at an occurrence's start

    assert [o.local_start.strftime("%d/%m/%Y %H:%M") for o in old.occurrences_between(*window)] == [
        "19/03/2026 19:00",
        "26/03/2026 19:00",
        "02/04/2026 19:00",
    ]
    ongoing = (local(2026, 3, 19, 20, 0), local(2026, 3, 20))  # the 19 March one still going on
    assert [o.original_date.day for o in old.occurrences_between(*ongoing)] == [19]


@pytest.mark.parametrize("newest_first", [False, True])
def test_pages_read_lazily_match_the_full_expansion(newest_first):
    """OccurrenceList (what the agenda and archive page through) reads only what a page needs
    and gives what expanding every event gives, moved dates included."""
    base = local(2026, 6, 1, 19, 0)
    for day in range(0, 60, 2):
        start = base + datetime.timedelta(days=day)
        EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    weekly = EventFactory(
        start=base + datetime.timedelta(days=1, hours=1),
        end=base + datetime.timedelta(days=1, hours=2),
        recurrence=Frequency.WEEKLY,
    )
    # One date moved from late in the window to early, one from early to late.
    OccurrenceOverride.objects.create(
        event=weekly, original_date=(base + datetime.timedelta(days=50)).date(),
        new_start=base + datetime.timedelta(days=3, hours=2),
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=weekly, original_date=(base + datetime.timedelta(days=8)).date(),
        new_start=base + datetime.timedelta(days=55, hours=2),
    )  # fmt: skip
    EventFactory(
        start=base + datetime.timedelta(hours=3), end=base + datetime.timedelta(hours=4),
        recurrence=Frequency.MONTHLY,
    )  # fmt: skip
    start, end = base - datetime.timedelta(days=1), base + datetime.timedelta(days=70)
    everything = Event.objects.published().occurrences(start, end)
    if newest_first:
        everything.reverse()
    lazy = Event.objects.published().occurrence_list(start, end, newest_first=newest_first)

    def key(occurrences):
        return [(o.event.pk, o.start) for o in occurrences]

    assert len(everything) == 43
    for first in range(0, len(everything), 7):
        assert key(lazy[first : first + 7]) == key(everything[first : first + 7])
    pages, number = [], 1
    while (page := lazy.page(number, 20)).has_next():
        pages += page.object_list
        number += 1
    assert key(pages + page.object_list) == key(everything)
    assert number == 3 and not lazy.page(number + 1, 20).object_list
    assert lazy.page("not a number", 20).number == lazy.page("-4", 20).number == 1


def test_series_that_began_years_ago_give_the_same_dates_in_a_late_window():
    """Long series start rrule near the window: the dates must be those of the rule counted
    from the very first date."""
    from dateutil import rrule

    cases = [
        (Frequency.WEEKLY, rrule.WEEKLY, local(2019, 3, 28, 19, 30)),
        (Frequency.MONTHLY, rrule.MONTHLY, local(2019, 1, 31, 10)),  # only months with a 31st
        (Frequency.YEARLY, rrule.YEARLY, local(2020, 2, 29, 12)),  # leap days only
        (Frequency.YEARLY, rrule.YEARLY, local(2018, 12, 31, 23, 30)),
        *[(Frequency.MONTHLY, rrule.MONTHLY, local(2020, 1, day, 9)) for day in (28, 29, 30)],
        (Frequency.WEEKLY, rrule.WEEKLY, local(2024, 10, 27, 2, 30)),  # night of the clock change
    ]
    for recurrence, freq, start in cases:
        event = EventFactory(
            start=start, end=start + datetime.timedelta(hours=1), recurrence=recurrence
        )
        window = (local(2025, 1, 1), local(2029, 1, 1))
        expected = [
            d.replace(tzinfo=BRUSSELS)
            for d in rrule.rrule(freq, dtstart=start.replace(tzinfo=None)).between(
                datetime.datetime(2025, 1, 1) - datetime.timedelta(hours=1),
                datetime.datetime(2029, 1, 1),
                inc=True,
            )
            if d + datetime.timedelta(hours=1) > datetime.datetime(2025, 1, 1)
        ]
        assert [o.local_start for o in event.occurrences_between(*window)] == expected, recurrence


def test_held_counts_equal_the_expanded_occurrences():
    from tests.factories import ActionFactory

    action, other = ActionFactory(), ActionFactory()
    weekly = EventFactory(
        start=local(2023, 1, 3, 19), end=local(2023, 1, 3, 21), recurrence=Frequency.WEEKLY,
        related_action=action, exception_dates=["2024-01-09"],
    )  # fmt: skip
    OccurrenceOverride.objects.create(
        event=weekly, original_date=datetime.date(2024, 2, 6), status=EventStatus.CANCELLED
    )
    single = EventFactory(start=local(2024, 3, 1, 10), end=local(2024, 3, 1, 12))
    OccurrenceOverride.objects.create(  # a single event moved into the next year
        event=single,
        original_date=datetime.date(2024, 3, 1),
        new_start=local(2025, 3, 1, 10),
        new_end=local(2025, 3, 1, 12),
    )
    EventFactory(start=local(2024, 5, 1, 10), end=local(2024, 5, 1, 12), related_action=other)
    EventFactory(
        start=local(2024, 6, 1, 10), end=local(2024, 6, 1, 12), status=EventStatus.CANCELLED,
        related_action=other,
    )  # fmt: skip
    EventFactory(start=local(2024, 12, 31, 23), end=local(2025, 1, 1, 1))  # across new year
    window = (local(2024, 1, 1), local(2025, 1, 1))

    counts = Event.objects.published().occurrence_list(*window).held_counts("related_action")

    expected = {}
    for occurrence in Event.objects.published().occurrences(*window):
        if not occurrence.is_cancelled:
            key = occurrence.event.related_action_id
            expected[key] = expected.get(key, 0) + 1
    assert dict(counts) == expected
    assert expected == {action.pk: 53 - 2, other.pk: 1, None: 1}  # 53 Tuesdays in 2024


def test_repetition_ends_on_its_last_day_and_skips_its_exception_dates():
    from dateutil import rrule

    event = EventFactory(
        start=local(2026, 1, 31, 20), end=local(2026, 1, 31, 22), recurrence=Frequency.MONTHLY,
        recurrence_until=datetime.date(2026, 8, 31), exception_dates=["2026-05-31"],
    )  # fmt: skip
    window = (local(2026, 1, 1), local(2027, 1, 1))

    expected = [
        d.replace(tzinfo=BRUSSELS)
        for d in rrule.rrule(
            rrule.MONTHLY,
            dtstart=datetime.datetime(2026, 1, 31, 20),
            until=datetime.datetime(2026, 8, 31, 23, 59),
        )
        if d.date() != datetime.date(2026, 5, 31)
    ]
    assert [o.local_start for o in event.occurrences_between(*window)] == expected
    assert [d.month for d in expected] == [1, 3, 7, 8]  # no 31st in Feb, Apr, Jun; May skipped
