"""The occurrence engine: an event's dates (repetitions counted in local time, single dates
cancelled or moved by an override) and lists of occurrences read only as far as a page needs.
The Event model and its QuerySet take these in as mixins; events.models keeps the rest."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from genk_rainbow.pagination import open_page

if TYPE_CHECKING:
    from .models import Event

TZ = ZoneInfo(settings.TIME_ZONE)
# How far ahead and back open-ended recurrences are expanded on pages and in feeds.
HORIZON = datetime.timedelta(days=3 * 366)
# The stored dates (events/models/stored.py) reach this far ahead of their last refresh: the
# daily `extend_occurrences` may miss two months before pages fall back to expanding.
STORED_AHEAD = HORIZON + datetime.timedelta(days=62)
# The longest a single event may last (longer: a repetition). The agenda looks this far back
# for events still going on, so it need not read every past event.
LONGEST_EVENT = datetime.timedelta(days=366)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    MOVED_ONLINE = "moved_online", _("Moved online")


def shifted(moment, delta):
    """moment + delta, held at the first or last moment Python's calendar knows (an event
    saved near year 9999 before dates were bounded must still show, not overflow)."""
    try:
        return moment + delta
    except OverflowError:
        edge = datetime.datetime.max if delta > datetime.timedelta(0) else datetime.datetime.min
        return edge.replace(tzinfo=datetime.UTC)


class Frequency(models.TextChoices):
    NONE = "", _("Once")
    YEARLY = "yearly", _("Every year")
    MONTHLY = "monthly", _("Every month")
    WEEKLY = "weekly", _("Every week")


@dataclass
class Occurrence:
    """One date of an event: the event itself, or one yearly/monthly/weekly repetition."""

    event: "Event"
    start: datetime.datetime
    end: datetime.datetime
    status: str
    original_date: datetime.date
    note: str = ""

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def get_status_display(self):
        return EventStatus(self.status).label

    @property
    def local_start(self):
        return timezone.localtime(self.start, TZ)

    @property
    def local_end(self):
        return timezone.localtime(self.end, TZ)

    @property
    def last_day(self):
        """The last calendar day of an all-day occurrence (`end` is exclusive)."""
        return (self.local_end - datetime.timedelta(microseconds=1)).date()

    def get_absolute_url(self):
        url = self.event.get_absolute_url()
        if self.event.is_recurring:
            url += f"?date={self.local_start.date().isoformat()}"
        return url


class OccurrenceQuerySetMixin:
    """What EventQuerySet knows about dates: which events can fall in a window, and their
    occurrences there."""

    def overlapping(self, start, end):
        """Events that may have an occurrence between start and end (recurrences included)."""
        single = Q(recurrence=Frequency.NONE, start__lt=end, end__gt=start)
        repeating = (
            ~Q(recurrence=Frequency.NONE)
            & Q(start__lt=end)
            & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=start.date()))
        )
        return self.filter(single | repeating)

    def for_listing(self):
        """The events as a list, with what lists of occurrences show and their changed dates."""
        return with_overrides(self.select_related("place", "organiser"))

    def occurrence_list(self, start, end, *, newest_first=False, only=None):
        """The occurrences between start and end in time order, read only as far as a slice
        or page needs: one range of the stored dates (events/models/stored.py), or, for a
        window reaching beyond what is stored, expanded here (OccurrenceList). With `only`,
        the stored dates' events have only those fields (a feed's fields, not a whole
        description in three languages); beyond the stored window they are read whole."""
        if stored_covers(end):
            return _stored(self.model).objects.occurrence_list(
                self, start, end, newest_first, only=only
            )
        return OccurrenceList(self, start, end, newest_first=newest_first)

    def occurrences(self, start, end, *, only=None):
        """All occurrences of these events between start and end, in time order; with `only`,
        the events have only those fields (and no place or organiser)."""
        if stored_covers(end):
            return _stored(self.model).objects.occurrences(self, start, end, only=only)
        events = self.overlapping(start, end)
        events = with_overrides(events.only(*only)) if only else events.for_listing()
        found = [
            occurrence for event in events for occurrence in event.occurrences_between(start, end)
        ]
        return sorted(found, key=lambda o: (o.start, o.event.pk))

    def days(self, start, end, *, limit, only=None):
        """{day: (the first `limit` occurrences going on that day, how many more)} for the
        days of [start, end) (the month view). A busy month at scale 1,000 holds thousands of
        dates: the stored ones are bucketed as plain values and only the shown ones are read
        as events."""
        if stored_covers(end):
            return _stored(self.model).objects.days(self, start, end, limit=limit, only=only)
        found = self.occurrences(start, end, only=only)
        by_day = per_day(((o, o.start, o.end, o.event.all_day) for o in found), start, end)
        return {day: (items[:limit], max(0, len(items) - limit)) for day, items in by_day.items()}


def per_day(items, start, end):
    """{day: [key, ...]} of the days in [start, end) each (key, start, end, all_day) goes on
    (an all-day end is exclusive), in the order given."""
    first, last_day = timezone.localtime(start, TZ).date(), timezone.localtime(end, TZ).date()
    by_day = {}
    for key, begin, finish, all_day in items:
        local_end = timezone.localtime(finish, TZ)
        last = (
            (local_end - datetime.timedelta(microseconds=1)).date() if all_day else local_end.date()
        )
        day = timezone.localtime(begin, TZ).date()
        while day <= last:
            if first <= day < last_day:
                by_day.setdefault(day, []).append(key)
            day += datetime.timedelta(days=1)
    return by_day


def stored_covers(end):
    """Whether the stored dates reach `end`: they are kept up to STORED_AHEAD from the last
    save or daily `extend_occurrences` run, so at least HORIZON ahead of now."""
    return end <= timezone.now() + HORIZON


def _stored(event_model):
    """The StoredOccurrence model, found through the relation (as _overrides)."""
    return event_model._meta.get_field("stored_occurrences").related_model


def apply_override(override, occurrence):
    """An occurrence as one changed date makes it: its status, note and, if moved, its time.
    A plain function so the migration that fills the stored dates can use it as well."""
    occurrence.status = override.status
    occurrence.note = getattr(override, "note", "") or ""
    if override.new_start:
        duration = occurrence.end - occurrence.start
        occurrence.start = override.new_start
        occurrence.end = override.new_end or override.new_start + duration
    return occurrence


def _overrides(event_model):
    """The OccurrenceOverride model, found through the relation: models.py imports this
    module, so it cannot be imported here."""
    return event_model._meta.get_field("overrides").related_model


def with_overrides(events):
    """The events as a list, each with its `override_list` filled by one query for all.
    prefetch_related("overrides") did the same but built a queryset per event: with
    modeltranslation that was a third of the agenda's time at scale 100 (150 events)."""
    events = list(events)
    by_event = {event.pk: [] for event in events}
    if events:
        for override in _overrides(events[0]).objects.filter(event__in=by_event):
            by_event[override.event_id].append(override)
    for event in events:
        event.override_list = by_event[event.pk]
    return events


# What expanding an event into its dates needs.
DATE_FIELDS = [
    "start", "end", "all_day", "status", "recurrence", "recurrence_until", "exception_dates",
]  # fmt: skip


class OccurrenceList:
    """Occurrences of `events` between start and end in time order (latest first with
    `newest_first`), read only as far as a page needs. Single events stay in the database and
    are read in order up to the end of the requested slice; repeating events (and single ones
    with a changed date) are few and expanded in Python, but only up to the last single event
    read, since nothing later can be on the page. Slices match EventQuerySet.occurrences.

    There is no total count: expanding every repetition over three years to count them cost
    more than the rest of the agenda at scale (docs/performance.md); pages link to the next."""

    def __init__(self, events, start, end, *, newest_first=False):
        self.events, self.start, self.end, self.newest_first = events, start, end, newest_first

    def _sort_key(self, occurrence):
        return (occurrence.start, occurrence.event.pk)

    def _kinds(self):
        """Conditions for the four kinds of events with dates in the window, each one range of
        an index: repeating events, single events with a changed date, and plain single events
        going on at the window's start (started at most LONGEST_EVENT before it) or starting
        in it."""
        start, end = self.start, self.end
        changed = Q(pk__in=_overrides(self.events.model).objects.values("event_id"))
        single = Q(recurrence=Frequency.NONE)
        repeating = (
            ~single
            & Q(start__lt=end)
            & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=start.date()))
        )
        plain = single & ~changed
        return (
            repeating,
            single & Q(start__lt=end, end__gt=start) & changed,
            plain & Q(start__lt=start, start__gte=start - LONGEST_EVENT, end__gt=start),
            plain & Q(start__gte=start, start__lt=end),
        )

    def _union(self, conditions):
        """The events meeting any of `conditions`, found with UNION ALL: PostgreSQL then reads
        one index range for each, where `... OR ...` (or `pk IN (... LIMIT n) OR ...`) made it
        scan all 10,000 events at scale 100."""
        first, *others = [self.events.filter(c).order_by().values("pk") for c in conditions]
        return self.events.model.objects.filter(pk__in=first.union(*others, all=True))

    def _events_for(self, stop):
        """One query for what the first `stop` occurrences can come from: the repeating
        events, those with a changed date and the single events up to the `stop`-th."""
        repeating, changed, going_on, starting = self._kinds()
        order, beyond = ("-start", "gte") if self.newest_first else ("start", "lte")
        far = datetime.datetime(1900 if self.newest_first else 9000, 1, 1, tzinfo=datetime.UTC)
        nth_start = self.events.filter(starting).order_by(order).values("start")
        cut = Coalesce(Subquery(nth_start[stop - 1 : stop]), Value(far))
        starting_up_to_cut = starting & Q(**{f"start__{beyond}": cut})
        return self._union([repeating, changed, going_on, starting_up_to_cut]).for_listing()

    def held_counts(self, key):
        """The occurrences that are not cancelled, counted per value of `key` (a lookup of the
        event, e.g. "related_action__objective"): single events are counted in the database,
        only repeating events (and single ones with a changed date) are expanded."""
        counts = Counter()
        repeating, changed, going_on, starting = self._kinds()
        singles = (
            self.events.filter(going_on | starting)  # together one range of start
            .exclude(status=EventStatus.CANCELLED)
            .values(key)
            .annotate(held=models.Count("pk"))
            .order_by()
        )
        for row in singles:
            counts[row[key]] += row["held"]
        expanded = self._union([repeating, changed]).only(*DATE_FIELDS)
        for event in with_overrides(expanded.annotate(held_key=models.F(key))):
            counts[event.held_key] += event.count_held_between(self.start, self.end)
        return counts

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.stop is None or index.step is not None:
            raise TypeError("OccurrenceList only takes slices with an end, like [0:20].")
        stop = index.stop
        events = self._events_for(stop)
        singles, expanded = [], []
        for event in events:
            (expanded if event.recurrence or event.override_list else singles).append(event)
        singles.sort(key=lambda e: (e.start, e.pk), reverse=self.newest_first)
        del singles[stop:]
        found = [Occurrence(e, e.start, e.end, e.status, e.local_date) for e in singles]
        # With `stop` single events read, a repetition beyond the last of them cannot be among
        # the first `stop` occurrences. Events with a changed date are expanded over the whole
        # window: a date may have been moved from beyond that point to before it.
        start, end = self.start, self.end
        if len(singles) == stop:
            if self.newest_first:
                start = max(start, singles[-1].start)
            else:
                end = min(end, singles[-1].start + datetime.timedelta(microseconds=1))
        for event in expanded:
            if event.override_list:
                found += event.occurrences_between(self.start, self.end)
            else:
                found += event.occurrences_between(start, end)
        found.sort(key=self._sort_key, reverse=self.newest_first)
        return found[index]

    def page(self, number, size):
        """Page `number` (from 1) of `size` occurrences (see genk_rainbow.pagination)."""
        return open_page(self, number, size)


class RepeatingDates:
    """The dates of one event (a mixin of Event): its repetitions and changed dates."""

    @cached_property
    def override_list(self):
        """Changed single dates; filled for many events at once by with_overrides()."""
        return list(self.overrides.all())

    def occurrences_between(self, start, end):
        duration = self.end - self.start
        overrides = {o.original_date: o for o in self.override_list}
        for first in self._starts_between(start - duration, end):
            local_date = timezone.localtime(first, TZ).date()
            occurrence = Occurrence(self, first, first + duration, self.status, local_date)
            if override := overrides.get(local_date):
                occurrence = apply_override(override, occurrence)
            if occurrence.end > start and occurrence.start < end:
                yield occurrence

    def count_held_between(self, start, end):
        """How many of occurrences_between(start, end) are not cancelled; without building
        them when no date was changed (a yearly report counts thousands)."""
        if self.override_list:
            return sum(not o.is_cancelled for o in self.occurrences_between(start, end))
        if self.status == EventStatus.CANCELLED:
            return 0
        duration = self.end - self.start
        return sum(
            first + duration > start and first < end
            for first in self._starts_between(start - duration, end)
        )

    def _starts_between(self, start, end):
        if not self.recurrence:
            if self.start < end and self.start >= start:
                yield self.start
            return
        # Repeat in local time so 17 May 10:00 stays 10:00 across daylight-saving changes.
        local_first = timezone.localtime(self.start, TZ).replace(tzinfo=None)
        window_start = timezone.localtime(start, TZ).replace(tzinfo=None)
        window_end = timezone.localtime(end, TZ).replace(tzinfo=None)
        until = self.recurrence_until or timezone.localtime(end, TZ).date()
        until = min(datetime.datetime.combine(until, datetime.time.max), window_end)
        skipped = set(self.exception_dates)
        for local in self._local_dates(self._later_first_start(local_first, window_start), until):
            if local >= window_start and local.date().isoformat() not in skipped:
                yield local.replace(tzinfo=TZ)

    def _local_dates(self, first, until):
        """The dates of the series from `first` up to `until` (naive local times), as
        dateutil's rrule(FREQ, dtstart=first) gives them: a monthly or yearly date that does
        not exist (31 April, 29 February 2027) is skipped. Our rules are FREQ alone, so the
        dates are counted here: rrule's general machinery cost about 40 us per series per
        request, a third of the agenda with 200 running series (docs/architecture.md);
        tests/events/test_occurrences.py checks these dates against rrule's."""
        if self.recurrence == Frequency.WEEKLY:
            for week in range((until - first) // datetime.timedelta(weeks=1) + 1):
                yield first + datetime.timedelta(weeks=week)
            return
        step = 12 if self.recurrence == Frequency.YEARLY else 1
        months = first.year * 12 + first.month - 1
        while True:
            year, month = divmod(months, 12)
            months += step
            if year > datetime.MAXYEAR:  # the calendar ends; replace() would fail forever
                return
            try:
                local = first.replace(year=year, month=month + 1)
            except ValueError:  # no such day in that month
                continue
            if local > until:
                return
            yield local

    def _later_first_start(self, local_first, window_start):
        """A date of the series shortly before window_start (or the first date, if later):
        counting from here gives the same dates without stepping through the years before
        the window. Whole weeks for weekly events, whole
        years otherwise (a monthly rule keeps its day of the month), except 29 February."""
        if self.recurrence == Frequency.WEEKLY:
            weeks = (window_start - local_first).days // 7 - 1
            if weeks > 0:
                return local_first + datetime.timedelta(weeks=weeks)
        elif (local_first.month, local_first.day) != (2, 29):
            years = window_start.year - local_first.year - 1
            if years > 0:
                return local_first.replace(year=local_first.year + years)
        return local_first

    def is_scheduled_on(self, date):
        """Whether the repetition rule (or the single date) falls on this local date, before
        exception dates and changed dates."""
        local_first = timezone.localtime(self.start, TZ).replace(tzinfo=None)
        if not self.recurrence:
            return local_first.date() == date
        if date < local_first.date() or (self.recurrence_until and date > self.recurrence_until):
            return False
        window_start = datetime.datetime.combine(date, datetime.time.min)
        until = datetime.datetime.combine(date, datetime.time.max)
        first = self._later_first_start(local_first, window_start)
        return any(local.date() == date for local in self._local_dates(first, until))

    def occurrence_on(self, date):
        """The occurrence scheduled for a local date (possibly moved or cancelled), or None."""
        around = datetime.datetime.combine(date, datetime.time.min, tzinfo=TZ)
        window = datetime.timedelta(days=370)  # an override may move a date far
        return next(
            (
                o
                for o in self.occurrences_between(shifted(around, -window), shifted(around, window))
                if o.original_date == date
            ),
            None,
        )

    def next_occurrence(self, after=None):
        after = after or timezone.now()
        return next(iter(self.occurrences_between(after, after + HORIZON)), None)
