"""The agenda: events with a publication workflow kept apart from the event's own status, and
yearly/monthly/weekly recurrence whose occurrences can each be cancelled or moved."""

import datetime
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from genk_rainbow.bounds import DATE_VALIDATORS
from genk_rainbow.pagination import open_page
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language

TZ = ZoneInfo(settings.TIME_ZONE)
# How far ahead and back open-ended recurrences are expanded on pages and in feeds.
HORIZON = datetime.timedelta(days=3 * 366)
# The longest a single event may last (longer: a repetition). The agenda looks this far back
# for events still going on, so it need not read every past event.
LONGEST_EVENT = datetime.timedelta(days=366)
# Calendar subscriptions hold the events of the past month and the coming ones, at most this
# many: a feed costs the same with ten years of events as with one (docs/performance.md).
CALENDAR_PAST = datetime.timedelta(days=31)
CALENDAR_LIMIT = 500


class Facility(models.Model):
    """Accessibility facilities, a fixed vocabulary after the Flemish UiT database."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("accessibility facility")
        verbose_name_plural = _("accessibility facilities")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("municipality"), max_length=100, default="Genk")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        return ", ".join(
            p for p in [self.street_address, f"{self.postal_code} {self.locality}".strip()] if p
        )


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


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


LANGUAGES_SPOKEN = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("tr", _("Turkish")),
    ("it", _("Italian")),
    ("ar", _("Arabic")),
    ("vgt", _("Flemish Sign Language")),
]


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


class EventQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(publication=Publication.PUBLISHED, revision_of__isnull=True)

    def awaiting_review(self):
        return self.filter(publication=Publication.SUBMITTED)

    def proposed_by_partners_of(self, user):
        return (
            self.filter(organiser__memberships__user=user) if user.is_authenticated else self.none()
        )

    def overlapping(self, start, end):
        """Events that may have an occurrence between start and end (recurrences included)."""
        single = Q(recurrence=Frequency.NONE, start__lt=end, end__gt=start)
        repeating = (
            ~Q(recurrence=Frequency.NONE)
            & Q(start__lt=end)
            & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=start.date()))
        )
        return self.filter(single | repeating)

    def upcoming(self, count=5):
        """The next `count` occurrences of the published events in this queryset."""
        now = timezone.now()
        return self.published().occurrence_list(now, now + datetime.timedelta(days=366))[:count]

    def in_calendar_feed(self, now=None):
        """The events a calendar subscription gets: those with a date in the past month or
        later, soonest first, at most CALENDAR_LIMIT."""
        now = now or timezone.now()
        return with_overrides(
            self.overlapping(now - CALENDAR_PAST, now + HORIZON)
            .select_related("venue")
            .order_by("start", "pk")[:CALENDAR_LIMIT]
        )

    def for_listing(self):
        """The events as a list, with what lists of occurrences show and their changed dates."""
        return with_overrides(self.select_related("venue", "organiser"))

    def occurrence_list(self, start, end, *, newest_first=False):
        """The occurrences between start and end in time order, read only as far as a slice
        or page needs (see OccurrenceList)."""
        return OccurrenceList(self, start, end, newest_first=newest_first)

    def occurrences(self, start, end, *, only=None):
        """All occurrences of these events between start and end, in time order; with `only`,
        the events have only those fields (and no venue or organiser)."""
        events = self.overlapping(start, end)
        events = with_overrides(events.only(*only)) if only else events.for_listing()
        found = [
            occurrence for event in events for occurrence in event.occurrences_between(start, end)
        ]
        return sorted(found, key=lambda o: (o.start, o.event.pk))


def with_overrides(events):
    """The events as a list, each with its `override_list` filled by one query for all.
    prefetch_related("overrides") did the same but built a queryset per event: with
    modeltranslation that was a third of the agenda's time at scale 100 (150 events)."""
    events = list(events)
    by_event = {event.pk: [] for event in events}
    if events:
        for override in OccurrenceOverride.objects.filter(event__in=by_event):
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
        changed = Q(pk__in=OccurrenceOverride.objects.values("event_id"))
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


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=160,
        help_text=_("At most 160 characters; shown in lists and feeds."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    start = models.DateTimeField(_("start"), validators=DATE_VALIDATORS)
    end = models.DateTimeField(_("end"), validators=DATE_VALIDATORS)
    all_day = models.BooleanField(_("all day"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
    )
    related_action = models.ForeignKey(
        "actionplan.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("action of the plan"),
    )
    target_groups = models.ManyToManyField(
        "actionplan.TargetGroup", blank=True, related_name="events", verbose_name=_("target groups")
    )
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    image_alt = models.CharField(_("description of the image"), max_length=250, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    is_free = models.BooleanField(_("free"), default=True)
    price = models.CharField(
        _("price"), max_length=200, blank=True, help_text=_("E.g. €5, €3 with a reduction.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_contact = models.CharField(_("registration contact"), max_length=200, blank=True)
    facilities = models.ManyToManyField(
        Facility, blank=True, related_name="events", verbose_name=_("accessibility facilities")
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("The date is an example; the city still has to confirm it."),
    )

    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, blank=True, default=""
    )
    recurrence_until = models.DateField(
        _("repeats until"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    exception_dates = models.JSONField(
        _("dates without the event"),
        default=list,
        blank=True,
        help_text=_("Dates (YYYY-MM-DD) skipped by the repetition."),
    )

    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication.choices, default=Publication.DRAFT
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    status = models.CharField(
        _("event status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(_("revision number"), default=0, editable=False)
    # A partner's edit of a published event is a copy that waits for review; the original
    # stays online until staff accept it.
    revision_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending_revision",
        editable=False,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(publication__in=Publication.values), name="event_publication_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt_nl=""), name="event_image_has_alt_text"
            ),
            # A pending revision shares the slug of the event it revises.
            *unique_slug_per_language("event", condition=Q(revision_of__isnull=True)),
        ]
        indexes = [
            models.Index(fields=["publication", "start"]),
            models.Index(
                fields=["start"], condition=~Q(recurrence=""), name="event_repeating_start_idx"
            ),
            # the review queue: proposed events, oldest first, a page at a time
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(publication=Publication.SUBMITTED),
                name="event_review_queue",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def local_date(self):
        return timezone.localtime(self.start, TZ).date()

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def is_online(self):
        return (
            self.attendance in (Attendance.ONLINE, Attendance.MIXED)
            or self.status == EventStatus.MOVED_ONLINE
        )

    @cached_property
    def override_list(self):
        """Changed single dates; filled for many events at once by with_overrides()."""
        return list(self.overrides.all())

    @property
    def uid(self):
        return f"event-{self.pk}@regenboog.genk.be"

    def languages_display(self):
        names = dict(LANGUAGES_SPOKEN)
        return [names[code] for code in self.languages if code in names]

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        elif self.start and self.end and self.end - self.start > LONGEST_EVENT:
            errors["end"] = _(
                "An event lasts at most a year; for something that comes back, choose a repetition."
            )
        if self.attendance in (Attendance.ONLINE, Attendance.MIXED) and not self.online_url:
            errors["online_url"] = _("Give the link for online participants.")
        # Translated fields are edited per language; the Dutch one is the one that must be there.
        if self.image and not (self.image_alt_nl or "").strip():
            errors["image_alt_nl"] = _("Describe what the image shows.")
        if not self.is_free and not (self.price_nl or "").strip():
            errors["price_nl"] = _("Give the price, or mark the event as free.")
        if self.recurrence_until and self.start and self.recurrence_until < self.start.date():
            errors["recurrence_until"] = _("The repetition cannot end before the first date.")
        if errors:
            raise ValidationError(errors)

    # Occurrences ---------------------------------------------------------------------------

    def occurrences_between(self, start, end):
        duration = self.end - self.start
        overrides = {o.original_date: o for o in self.override_list}
        for first in self._starts_between(start - duration, end):
            local_date = timezone.localtime(first, TZ).date()
            occurrence = Occurrence(self, first, first + duration, self.status, local_date)
            if override := overrides.get(local_date):
                occurrence = override.apply(occurrence)
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

    # Workflow ------------------------------------------------------------------------------

    def can_be_edited_by(self, user):
        """Staff edit any event; members of the organiser edit their partner's events (an edit
        of a published event becomes a revision for review)."""
        return is_city_staff(user) or (
            self.organiser is not None and self.organiser.has_member(user)
        )

    def publish(self, user):
        """Publish this event, or, for a revision, apply it to the published original."""
        if not is_city_staff(user):
            raise PermissionDenied
        with transaction.atomic():
            if self.revision_of_id:
                return self._apply_revision()
            self.publication, self.rejection_reason = Publication.PUBLISHED, ""
            self.sequence += 1  # calendars that saw a draft or older version update
            self.save()
        return self

    def reject(self, user, reason):
        if not is_city_staff(user):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason, for the partner.")})
        self.publication, self.rejection_reason = Publication.REJECTED, reason
        self.save(update_fields=["publication", "rejection_reason", "updated_at"])

    # What a revision does not carry over: identity, workflow and the URL.
    NOT_REVISED = {"id", "slug", "organiser", "publication", "rejection_reason", "sequence",
                   "revision_of", "proposed_by", "created_at"}  # fmt: skip

    def _apply_revision(self):
        original = Event.objects.select_for_update().get(pk=self.revision_of_id)
        for field in Event._meta.concrete_fields:
            if field.name.split("_")[0] != "slug" and field.name not in self.NOT_REVISED:
                setattr(original, field.attname, getattr(self, field.attname))
        original.sequence += 1
        original.save()
        original.target_groups.set(self.target_groups.all())
        original.facilities.set(self.facilities.all())
        self.delete()
        return original

    def make_revision(self, user):
        """An unsaved copy of this published event for a partner's edit; saved by the form."""
        revision = Event.objects.get(pk=self.pk)
        revision.pk = revision.id = None
        revision._state.adding = True
        revision.revision_of, revision.proposed_by = self, user
        revision.publication = Publication.SUBMITTED
        return revision


class OccurrenceOverride(models.Model):
    """One date of a recurring event, cancelled or changed on its own."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("event")
    )
    original_date = models.DateField(_("date as scheduled"), validators=DATE_VALIDATORS)
    status = models.CharField(
        _("event status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    new_start = models.DateTimeField(
        _("new start"), null=True, blank=True, validators=DATE_VALIDATORS
    )
    new_end = models.DateTimeField(_("new end"), null=True, blank=True, validators=DATE_VALIDATORS)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")
        ordering = ["original_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_date"], name="one_override_per_date"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="override_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.event} – {self.original_date}"

    def apply(self, occurrence):
        occurrence.status = self.status
        occurrence.note = self.note
        if self.new_start:
            duration = occurrence.end - occurrence.start
            occurrence.start = self.new_start
            occurrence.end = self.new_end or self.new_start + duration
        return occurrence
