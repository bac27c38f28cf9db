"""Reminders sent to the staff member responsible for an action without recent progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .action import Action


class ReminderQuerySet(models.QuerySet):
    def sent_since(self, moment):
        return self.filter(sent_at__gte=moment)

    def sent_before(self, moment):
        return self.filter(sent_at__lt=moment)


class Reminder(models.Model):
    """A record of each stale-action reminder sent, so nobody gets the same one twice a week."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("action")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["recipient", "action", "-sent_at"])]

    def __str__(self):
        return f"{self.action} – {self.sent_at:%Y-%m-%d}"
