"""Events, with a publication workflow kept apart from the event's own status, and
yearly/monthly/weekly recurrence whose dates are computed in events/occurrences.py."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS, parse_date
from genk_rainbow.notifications import Kind
from genk_rainbow.review import (
    Reviewable,
    ReviewQuerySet,
    ReviewWords,
    review_submitted,
)
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language

from ..occurrences import (
    HORIZON,
    LONGEST_EVENT,
    TZ,
    EventStatus,
    Frequency,
    OccurrenceQuerySetMixin,
    RepeatingDates,
    with_overrides,
)
from ..revisions import Revisable
from .place import Place
from .vocabulary import LANGUAGES_SPOKEN, Attendance, Facility, Publication

# Calendar subscriptions hold the events of the past month and the coming ones, at most this
# many: a feed costs the same with ten years of events as with one (docs/performance.md).
CALENDAR_PAST = datetime.timedelta(days=31)
CALENDAR_LIMIT = 500


class EventQuerySet(OccurrenceQuerySetMixin, ReviewQuerySet, SlugQuerySet):
    def published(self):
        return self.filter(publication=Publication.PUBLISHED, revision_of__isnull=True)

    def of_partners_of(self, user):
        """The events organised by the partners `user` is a member of."""
        return (
            self.filter(organiser__memberships__user=user) if user.is_authenticated else self.none()
        )

    def editable_by(self, user):
        """Event.can_be_edited_by for many: all for city staff, else their partners' events.
        The workspace shows these and no others: an unpublished event of another partner is
        a 404."""
        return self.all() if is_city_staff(user) else self.of_partners_of(user)

    def upcoming(self, count=5):
        """The next `count` occurrences of the published events in this queryset."""
        now = timezone.now()
        return self.published().occurrence_list(now, now + datetime.timedelta(days=366))[:count]

    def last_changed(self, saved):
        """When a calendar last changed: the latest of its events' saves (`saved`, their
        updated_at) or of any event's history (an event deleted or unpublished leaves a history
        row). A change to one date made in the admin saves its event too."""
        latest = self.model.history.aggregate(latest=models.Max("history_date"))["latest"]
        return max([*saved] + ([latest] if latest else []), default=None)

    def in_calendar_feed(self, now=None):
        """The events a calendar subscription gets: those with a date in the past month or
        later, soonest first, at most CALENDAR_LIMIT (a sliced queryset)."""
        now = now or timezone.now()
        return self.overlapping(now - CALENDAR_PAST, now + HORIZON).order_by("start", "pk")[
            :CALENDAR_LIMIT
        ]

    def for_calendar(self):
        """Full events as a VEVENT shows them, with their changed dates."""
        return with_overrides(self.select_related("place", "organiser"))


class Event(RepeatingDates, Revisable, Reviewable):
    # The review workflow (genk_rainbow.review) in the event's own words.
    STATE_FIELD, PARTNER_FIELD, AUTHOR_FIELD = "publication", "organiser", "proposed_by"
    SUBMITTED, ACCEPTED, RETURNED = (
        Publication.SUBMITTED,
        Publication.PUBLISHED,
        Publication.REJECTED,
    )
    WORDS = ReviewWords(
        accept=_("Publish"),
        give_back=_("Reject with a reason"),
        comment=_("Reason for the partner"),
        comment_needed=_("Give the reason, for the partner."),
    )
    ACCEPTED_KIND, RETURNED_KIND = Kind.PUBLISHED, Kind.REJECTED
    WORKSPACE_URL = "events:workspace_detail"

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
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place"),
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
                condition=Q(image="") | ~Q(**{languages.default_field("image_alt"): ""}),
                name="event_image_has_alt_text",
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
        errors.update(self._where_errors())
        # Translated fields are edited per language; the Dutch one is the one that must be there.
        alt, price = languages.default_field("image_alt"), languages.default_field("price")
        if self.image and not (getattr(self, alt) or "").strip():
            errors[alt] = _("Describe what the image shows.")
        if not self.is_free and not (getattr(self, price) or "").strip():
            errors[price] = _("Give the price, or mark the event as free.")
        if self.recurrence_until and self.start and self.recurrence_until < self.start.date():
            errors["recurrence_until"] = _("The repetition cannot end before the first date.")
        elif self.exception_dates and self.start:
            errors.update(self._exception_date_errors())
        if errors:
            raise ValidationError(errors)

    def _where_errors(self):
        """An event happens somewhere: at a place, online (with the link), or both."""
        online = self.attendance in (Attendance.ONLINE, Attendance.MIXED)
        in_person = self.attendance in (Attendance.IN_PERSON, Attendance.MIXED)
        errors = {}
        if online and not self.online_url:
            errors["online_url"] = _("Give the link for online participants.")
        if in_person and self.place is None:
            errors["place"] = _(
                "Choose the place of the event or add a new one. For an event held only "
                "online, choose “Online” and give the link."
            )
        return errors

    def _exception_date_errors(self):
        if not self.recurrence:
            return {"exception_dates": _("Only a repeating event has dates without the event.")}
        parsed = [(text, parse_date(text)) for text in self.exception_dates]
        wrong = [
            date_format(day, "DATE_FORMAT") if day else str(text)
            for text, day in parsed
            if day is None or not self.is_scheduled_on(day)
        ]
        if not wrong:
            return {}
        dates = ", ".join(wrong)
        message = _("Not a date of this repetition: %(dates)s. Choose dates the event repeats on.")
        return {"exception_dates": message % {"dates": dates}}

    # Workflow ------------------------------------------------------------------------------

    def can_be_edited_by(self, user):
        """Staff edit any event; members of the organiser edit their partner's events (an edit
        of a published event becomes a revision for review)."""
        return is_city_staff(user) or (
            self.organiser is not None and self.organiser.has_member(user)
        )

    def edit_target(self, user):
        """What an edit by `user` changes: the event itself, or, for a partner's edit of a
        published event, its pending revision (an unsaved copy if there is none yet), so the
        published version stays online until staff accept the change."""
        if is_city_staff(user) or self.publication != Publication.PUBLISHED or self.revision_of_id:
            return self
        return getattr(self, "pending_revision", None) or self.make_revision(user)

    def save_edit(self, user):
        """Save a new event or edit_target(user) as filled in by `user` (many-to-many fields
        are the form's to save after). City staff publish a new event at once and change a
        published one in place, with a new SEQUENCE for calendars that have it; anything a
        partner writes waits for review."""
        if not self.can_be_edited_by(user):
            raise PermissionDenied
        if not is_city_staff(user):
            self.proposed_by = user
            self.mark_submitted()
        elif self._state.adding:
            self.proposed_by = user
            self._publish()
        else:
            return self.save_direct_edit()
        new_revision = self._state.adding and self.revision_of_id
        with transaction.atomic():
            self.save()
            if new_revision:  # it starts with the original's relations; a form saves its own
                self.copy_relations(self.revision_of)
            if self.is_awaiting_review:
                review_submitted(self, user)

    def save_direct_edit(self):
        """Save a change made in place (by city staff, here or in the admin): a published
        event gets a new SEQUENCE, so subscribed calendars pick up the change."""
        if self.publication == Publication.PUBLISHED:
            self.sequence += 1
        self.save()

    def _publish(self):
        self.publication = Publication.PUBLISHED
        self.sequence += 1  # calendars that saw a draft or older version update

    def publish(self, reviewer, comment=""):
        """Publish this proposed event, or, for a revision, apply it to the published original
        (returned)."""
        return self.accept(reviewer, comment)

    def reject(self, reviewer, comment):
        return self.return_to_partner(reviewer, comment)

    def _accepted(self):
        if self.revision_of_id:
            return self.apply_revision()
        self._publish()
        self.save()
        return self
