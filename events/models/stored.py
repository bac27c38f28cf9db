"""The dates of every event, stored: one row per occurrence (a repetition, a cancelled or moved
date), so the agenda, home page, month view, archive, feeds and reports read one range of an
index instead of expanding series on every request.

The rows are written in one place, `store()`: when an event or one of its changed dates is
saved or deleted (the receivers at the end; signals rather than save() so that a queryset's
delete() is seen too), by the daily `manage.py extend_occurrences` that moves the end of
open-ended series forward, and by the migration that filled the table. They reach from an
event's first date up to STORED_AHEAD from the refresh; a window beyond that is expanded as
before (events/occurrences.py, stored_covers)."""

import datetime
from collections import Counter

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..occurrences import (
    DATE_FIELDS,
    LONGEST_EVENT,
    STORED_AHEAD,
    TZ,
    EventStatus,
    Occurrence,
    RepeatingDates,
    per_day,
    shifted,
)
from .event import Event
from .overrides import OccurrenceOverride

FLOOR = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)  # before any event's first date
BATCH = 2000


class _Series(RepeatingDates):
    """An event's date fields and changed dates, detached from its model: store() also runs in
    a migration, on historical models that have the fields but not the methods."""

    def __init__(self, event, overrides):
        self.pk = event.pk
        for field in DATE_FIELDS:
            setattr(self, field, getattr(event, field))
        self.override_list = overrides


def _stop(series, now):
    """Where to stop storing: STORED_AHEAD for an open-ended repetition, else past its last
    date (a single event or a series that ends, however far ahead)."""
    ahead = now + STORED_AHEAD
    if series.recurrence and not series.recurrence_until:
        return ahead
    last = series.recurrence_until or timezone.localtime(series.start, TZ).date()
    end_of_last = datetime.datetime.combine(last, datetime.time.max, tzinfo=TZ)
    return max(ahead, shifted(end_of_last, series.end - series.start))


def rows_for(series, now):
    """The (original date, start, end, status, override) of each stored date of `series`."""
    by_date = {o.original_date: o for o in series.override_list}
    found = list(series.occurrences_between(FLOOR, _stop(series, now)))
    # A date scheduled beyond the stop but moved before it must be there too.
    seen = {o.original_date for o in found}
    for date in sorted(set(by_date) - seen):
        if (occurrence := series.occurrence_on(date)) is not None:
            found.append(occurrence)
    return [
        (o.original_date, o.start, o.end, o.status, by_date.get(o.original_date)) for o in found
    ]


def store(events, overrides, stored, now=None):
    """Rewrite the stored dates of `events` (a queryset of `Event`, historical or not), with
    `overrides` and `stored` the OccurrenceOverride and StoredOccurrence models."""
    now = now or timezone.now()
    events = events.filter(revision_of__isnull=True).order_by("pk").only("pk", *DATE_FIELDS)
    pks = list(events.values_list("pk", flat=True))
    for first in range(0, len(pks), BATCH):
        batch = pks[first : first + BATCH]
        changed = {}
        for override in overrides.objects.filter(event_id__in=batch):
            changed.setdefault(override.event_id, []).append(override)
        rows = [
            stored(
                event_id=event.pk,
                original_date=date,
                start=start,
                end=end,
                status=status,
                override=override,
            )
            for event in events.filter(pk__in=batch)
            for date, start, end, status, override in rows_for(
                _Series(event, changed.get(event.pk, [])), now
            )
        ]
        # One DELETE: QuerySet.delete() would send post_delete for each row (the page cache
        # listens to every model's), a cache write per date.
        old = stored.objects.filter(event_id__in=batch)
        old._raw_delete(old.db)
        stored.objects.bulk_create(rows, batch_size=BATCH)


class StoredOccurrenceQuerySet(models.QuerySet):
    def refresh(self, events):
        """Store the dates of `events` (a queryset) anew."""
        store(events, OccurrenceOverride, StoredOccurrence)

    def extend(self, now=None):
        """Move the stored dates of the repetitions that have not ended forward (daily)."""
        now = now or timezone.now()
        open_ended = Event.objects.exclude(recurrence="").filter(
            models.Q(recurrence_until__isnull=True) | models.Q(recurrence_until__gte=now.date())
        )
        store(open_ended, OccurrenceOverride, StoredOccurrence, now)
        return open_ended.count()

    def of(self, events):
        return self.filter(event__in=events.order_by().values("pk"))

    def between(self, start, end):
        """Dates going on between start and end: one range of the index on start (no event
        lasts longer than LONGEST_EVENT, so none going on began before that)."""
        return self.filter(start__gte=start - LONGEST_EVENT, start__lt=end, end__gt=start)

    def occurrence_list(self, events, start, end, newest_first=False, *, only=None):
        return StoredOccurrenceList(self.between(start, end), events, newest_first, only=only)

    def occurrences(self, events, start, end, *, only=None):
        """Every occurrence of `events` between start and end, in time order; with `only`, the
        events have only those fields (and no place or organiser). Two queries."""
        rows = self.of(events).between(start, end).order_by("start", "event_id")
        return list(with_events(rows, only).values())

    def days(self, events, start, end, *, limit, only=None):
        """As EventQuerySet.days, from the stored dates: one query of plain values for the
        month, then the shown dates (at most `limit` a day) with their events."""
        # The month's dates alone (one range of the index), then which of their events are
        # among `events`: joined in one query, PostgreSQL hashed every event twice (21 ms at
        # scale 100 for 342 dates).
        dates = list(
            self.between(start, end)
            .order_by("start", "event_id")
            .values_list("pk", "start", "end", "event_id")
        )
        all_day = dict(
            events.order_by()
            .filter(pk__in={event_id for *_, event_id in dates})
            .values_list("pk", "all_day")
        )
        rows = [
            (pk, begin, end, all_day[event]) for pk, begin, end, event in dates if event in all_day
        ]
        by_day = per_day(rows, start, end)
        shown = {pk for pks in by_day.values() for pk in pks[:limit]}
        occurrences = with_events(self.filter(pk__in=shown), only)
        return {
            # A date rewritten by a save between the two queries is left out, not an error.
            day: (
                [occurrences[pk] for pk in pks[:limit] if pk in occurrences],
                max(0, len(pks) - limit),
            )
            for day, pks in by_day.items()
        }


def with_events(rows, only=None):
    """{stored pk: occurrence} of `rows` (a queryset) in its order, their events read in a
    second query with places and organisers (with `only`, those fields of the events alone).
    Joined to the range of dates in one query, the next events took PostgreSQL 2.1 ms to plan
    and 0.2 to run (scale 100); apart, 0.6 ms for both. An event deleted in between is left
    out."""
    rows = list(rows.select_related("override"))
    chosen = Event.objects.filter(pk__in={row.event_id for row in rows})
    chosen = chosen.only(*only) if only else chosen.select_related("place", "organiser")
    by_pk = {event.pk: event for event in chosen}
    return {row.pk: row.as_occurrence(by_pk[row.event_id]) for row in rows if row.event_id in by_pk}


class StoredOccurrenceList:
    """The stored dates of a window in time order (latest first with `newest_first`), sliced in
    the database: a page is two queries, the dates and their events with places and organisers."""

    def __init__(self, dates, events, newest_first=False, *, only=None):
        """`dates`: the stored dates of the window; `events`: the events to list (with
        `only`, those fields of them)."""
        self.dates, self.events, self.newest_first, self.only = dates, events, newest_first, only
        self.rows = dates.of(events)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.stop is None or index.step is not None:
            raise TypeError("The occurrence list only takes slices with an end, like [0:20].")
        order = ("-start", "-event_id") if self.newest_first else ("start", "event_id")
        return list(with_events(self.rows.order_by(*order)[index], self.only).values())

    def page(self, number, size):
        from genk_rainbow.pagination import open_page

        return open_page(self, number, size)

    def held_counts(self, key):
        """The occurrences that are not cancelled, counted per value of `key` (a lookup of the
        event, e.g. "related_action__objective"): the dates counted per event, then the
        events' values of `key`. Joined in one query, PostgreSQL read all events twice for a
        year's count (35 ms at scale 100; apart, about 9)."""
        held = self.dates.exclude(status=EventStatus.CANCELLED).order_by()
        per_event = dict(
            held.values("event_id")
            .annotate(held=models.Count("pk"))
            .values_list("event_id", "held")
        )
        counts = Counter()
        chosen = self.events.filter(pk__in=held.values("event_id")).order_by()
        for pk, value in chosen.values_list("pk", key):
            counts[value] += per_event.get(pk, 0)  # a date saved in between is not counted
        return counts


class StoredOccurrence(models.Model):
    """One date of an event as visitors see it: scheduled, cancelled or moved."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="stored_occurrences", verbose_name=_("event")
    )
    original_date = models.DateField(_("date as scheduled"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("event status"), max_length=16, choices=EventStatus.choices)
    override = models.ForeignKey(
        OccurrenceOverride,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("change to one date"),
    )

    objects = StoredOccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("stored date")
        verbose_name_plural = _("stored dates")
        indexes = [
            # "end" last: the dates still going on at a window's start are told from those
            # that ended by the index alone, in the order lists read (start, event); read from
            # the table, the home page's next events visited a year of past dates (3.4 ms).
            models.Index(fields=["start", "event", "end"], name="stored_occurrence_window"),
            models.Index(fields=["event", "start"], name="stored_occurrence_event"),
        ]

    def __str__(self):
        return f"{self.event_id} – {self.original_date}"

    def as_occurrence(self, event):
        note = self.override.note if self.override_id else ""
        return Occurrence(event, self.start, self.end, self.status, self.original_date, note or "")


@receiver(post_save, sender=Event)
def _event_saved(sender, instance, raw=False, **kwargs):
    if not raw and not instance.revision_of_id:
        StoredOccurrence.objects.refresh(Event.objects.filter(pk=instance.pk))


@receiver(post_save, sender=OccurrenceOverride)
@receiver(post_delete, sender=OccurrenceOverride)
def _override_changed(sender, instance, raw=False, origin=None, **kwargs):
    deleting_events = origin is not None and (
        isinstance(origin, Event) or getattr(origin, "model", None) is Event
    )
    if not raw and not deleting_events:
        StoredOccurrence.objects.refresh(Event.objects.filter(pk=instance.event_id))
