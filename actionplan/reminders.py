"""Reminders to the staff members responsible for actions without a recent progress update.
An action nobody is responsible for yet (the loaded plan names no one) is not forgotten: it
goes to every city staff member, marked as waiting for someone to be assigned."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from genk_rainbow.identity import SiteIdentity
from genk_rainbow.roles import CITY_STAFF_GROUP

from .models import Action, Reminder

REMIND_AGAIN_AFTER = datetime.timedelta(days=7)


def send_reminders(today=None):
    """Email each responsible person their stale actions not reminded of in the last week,
    and the stale actions without a responsible person to every active city staff member.
    Returns {email: number of actions}."""
    today = today or timezone.localdate()
    recently = Reminder.objects.sent_since(timezone.now() - REMIND_AGAIN_AFTER)
    stale = (
        Action.objects.stale(today)
        .exclude(pk__in=recently.values("action"))
        .select_related("responsible", "objective")
        .order_by("objective__number", "identifier")
    )
    keepers = list(
        get_user_model().objects.filter(groups__name=CITY_STAFF_GROUP, is_active=True).distinct()
    )
    by_person = {}
    for action in stale:
        if action.responsible_id and action.responsible.is_active:
            by_person.setdefault(action.responsible, ([], []))[0].append(action)
        elif not action.responsible_id:
            for person in keepers:
                by_person.setdefault(person, ([], []))[1].append(action)
    sent = {}
    for person, (mine, unassigned) in by_person.items():
        if not person.email:
            continue
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            context = {
                "person": person,
                "actions": [(a, _link(a)) for a in mine],
                "unassigned": [(a, _link(a)) for a in unassigned],
                "days": 90,
                "count": len(mine) + len(unassigned),
                "identity": SiteIdentity.current(),
            }
            send_mail(
                render_to_string("actionplan/email/reminder_subject.txt", context).strip(),
                render_to_string("actionplan/email/reminder_message.txt", context),
                None,
                [person.email],
            )
            Reminder.objects.bulk_create(
                Reminder(recipient=person, action=a) for a in [*mine, *unassigned]
            )
        sent[person.email] = len(mine) + len(unassigned)
    return sent


def _link(action):
    """Where staff record the action's progress: its card on the board (absolute, for mail)."""
    board = settings.SITE_URL.rstrip("/") + reverse("actionplan:progress_board")
    return f"{board}?objective={action.objective.number}#action-{action.pk}"
