"""Changes to one date of a repeating event: cancelled or moved on its own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS

from ..occurrences import EventStatus, apply_override
from .event import Event
from .vocabulary import Publication


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.event_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.event_changed()
        return deleted

    def clean(self):
        errors = {}
        event, date = getattr(self, "event", None), self.original_date
        if event is not None and date and not event.is_scheduled_on(date):
            errors["original_date"] = _("The event is not scheduled on this date.")
        elif event is not None and date and date.isoformat() in event.exception_dates:
            errors["original_date"] = _(
                "This date is already a date without the event; remove it there first."
            )
        if self.new_end and not self.new_start:
            errors["new_start"] = _("Give the new start as well.")
        elif self.new_start and self.new_end and self.new_end < self.new_start:
            errors["new_end"] = _("The end cannot be before the start.")
        if self.status == EventStatus.RESCHEDULED and not self.new_start:
            errors["new_start"] = _("Give the new date and time of a moved date.")
        if self.status != EventStatus.SCHEDULED and not (self.note or "").strip():
            errors[languages.default_field("note")] = _("Give the reason, for the visitors.")
        if errors:
            raise ValidationError(errors)

    def apply(self, occurrence):
        return apply_override(self, occurrence)

    def event_changed(self):
        """A changed date is a change of its event, for calendars: a published event gets a
        new SEQUENCE (clients apply a RECURRENCE-ID only then) and a new updated_at (the
        calendar's Last-Modified, the VEVENTs stored for its version). One UPDATE, so an
        event loaded earlier by the caller is not written back over newer changes."""
        published = Q(publication=Publication.PUBLISHED)
        Event.objects.filter(pk=self.event_id).update(
            sequence=Case(
                When(published, then=F("sequence") + 1),
                default=F("sequence"),
                output_field=models.PositiveIntegerField(),
            ),
            updated_at=timezone.now(),
        )
