"""`manage.py purge_expired` deletes what is past its retention period and nothing else."""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from actionplan.models import Reminder
from partners.models import Invitation, Partner, Role
from tests.factories import ActionFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def invitation(email, **dates):
    made, _token = Invitation.create(
        email=email, partner=PartnerFactory(), role=Role.MEMBER, invited_by=None
    )
    Invitation.objects.filter(pk=made.pk).update(**dates)
    return email


def session(expires_days_ago):
    store = SessionStore()
    store["anything"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=days_ago(expires_days_ago))
    return store.session_key


def log_entry(days, user):
    entry = LogEntry.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(Partner), object_id="1",
        object_repr="Partner", action_flag=CHANGE,
    )  # fmt: skip
    LogEntry.objects.filter(pk=entry.pk).update(action_time=days_ago(days))
    return entry.pk


def reminder(days, user):
    made = Reminder.objects.create(recipient=user, action=ActionFactory())
    Reminder.objects.filter(pk=made.pk).update(sent_at=days_ago(days))
    return made.pk


def test_each_kind_is_kept_for_its_period_then_deleted(settings):
    settings.INVITATION_RETENTION_DAYS = 90
    settings.EXPIRED_SESSION_RETENTION_DAYS = 0
    settings.SECURITY_LOG_RETENTION_DAYS = 365
    settings.SENT_NOTIFICATION_RETENTION_DAYS = 30
    staff = UserFactory()
    old_used = invitation("used.long.ago@example.org", accepted_at=days_ago(91))
    recent_used = invitation("used.lately@example.org", accepted_at=days_ago(10))
    old_expired = invitation("expired.long.ago@example.org", expires_at=days_ago(91))
    recent_expired = invitation("expired.lately@example.org", expires_at=days_ago(3))
    pending = invitation("pending@example.org")
    expired_session, live_session = session(expires_days_ago=1), session(expires_days_ago=-1)
    old_log, recent_log = log_entry(400, staff), log_entry(300, staff)
    old_reminder, recent_reminder = reminder(31, staff), reminder(20, staff)

    out = io.StringIO()
    call_command("purge_expired", stdout=out)

    emails = set(Invitation.objects.values_list("email", flat=True))
    assert emails == {recent_used, recent_expired, pending}
    assert old_used not in emails and old_expired not in emails
    assert list(Session.objects.values_list("pk", flat=True)) == [live_session]
    assert expired_session not in Session.objects.values_list("pk", flat=True)
    assert list(LogEntry.objects.values_list("pk", flat=True)) == [recent_log]
    assert old_log not in LogEntry.objects.values_list("pk", flat=True)
    assert list(Reminder.objects.values_list("pk", flat=True)) == [recent_reminder]
    assert old_reminder not in Reminder.objects.values_list("pk", flat=True)
    assert out.getvalue().splitlines() == [
        "invitations: 2 deleted",
        "sessions: 1 deleted",
        "admin_log_entries: 1 deleted",
        "reminders: 1 deleted",
    ]


def test_reminders_outlive_the_week_without_repeats(settings):
    """A period shorter than the week in which a reminder is not repeated would make the
    same reminder go out every day."""
    settings.SENT_NOTIFICATION_RETENTION_DAYS = 1
    staff = UserFactory()
    kept = reminder(5, staff)
    call_command("purge_expired", stdout=io.StringIO())
    assert list(Reminder.objects.values_list("pk", flat=True)) == [kept]


def test_the_periods_come_from_the_environment():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.INVITATION_RETENTION_DAYS, settings.SECURITY_LOG_RETENTION_DAYS)"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings",
             "INVITATION_RETENTION_DAYS": "30", "SECURITY_LOG_RETENTION_DAYS": "180"},
    )  # fmt: skip
    assert result.stdout.split() == ["30", "180"], result.stderr
