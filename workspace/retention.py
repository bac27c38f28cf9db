"""Retention: what the portal no longer needs is deleted (GDPR art. 5(1)(e)), by
`manage.py purge_expired` on the daily timer. The periods are settings read from the
environment (config/settings.py, docs/deployment.md)."""

import datetime

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from actionplan.models import Reminder
from actionplan.reminders import REMIND_AGAIN_AFTER
from partners.models import Invitation


def _days_ago(now, days):
    return now - datetime.timedelta(days=days)


@transaction.atomic
def purge_expired(now=None):
    """Delete what is past its retention period; returns {kind: rows deleted}."""
    now = now or timezone.now()
    # Reminders must outlive the week in which the same one is not sent again.
    reminder_days = max(settings.SENT_NOTIFICATION_RETENTION_DAYS, REMIND_AGAIN_AFTER.days)
    purges = {
        "invitations": Invitation.objects.finished_before(
            _days_ago(now, settings.INVITATION_RETENTION_DAYS)
        ),
        "sessions": Session.objects.filter(
            expire_date__lt=_days_ago(now, settings.EXPIRED_SESSION_RETENTION_DAYS)
        ),
        "admin_log_entries": LogEntry.objects.filter(
            action_time__lt=_days_ago(now, settings.SECURITY_LOG_RETENTION_DAYS)
        ),
        "reminders": Reminder.objects.sent_before(_days_ago(now, reminder_days)),
    }
    return {kind: rows.delete()[0] for kind, rows in purges.items()}
