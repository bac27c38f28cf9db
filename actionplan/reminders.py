"""Reminders to the staff members responsible for actions without a recent progress update."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Action, Reminder

REMIND_AGAIN_AFTER = datetime.timedelta(days=7)


def send_reminders(today=None):
    """Email each responsible person their stale actions not reminded of in the last week.
    Returns {email: number of actions}."""
    today = today or timezone.localdate()
    recently = Reminder.objects.sent_since(timezone.now() - REMIND_AGAIN_AFTER)
    stale = (
        Action.objects.stale(today)
        .filter(responsible__isnull=False, responsible__is_active=True)
        .exclude(pk__in=recently.values("action"))
        .select_related("responsible", "objective")
        .order_by("responsible", "objective__number", "identifier")
    )
    by_person = {}
    for action in stale:
        by_person.setdefault(action.responsible, []).append(action)
    sent = {}
    for person, actions in by_person.items():
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            context = {"person": person, "actions": actions, "days": 90}
            send_mail(
                render_to_string("actionplan/email/reminder_subject.txt", context).strip(),
                render_to_string("actionplan/email/reminder_message.txt", context),
                None,
                [person.email],
            )
            Reminder.objects.bulk_create(Reminder(recipient=person, action=a) for a in actions)
        sent[person.email] = len(actions)
    return sent
