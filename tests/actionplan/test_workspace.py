import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Action, Reminder, Status
from tests.factories import ActionFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def recorded(action, days_ago, status=Status.IN_PROGRESS, progress=10):
    action.record_progress(
        status=status, progress=progress, date=TODAY - datetime.timedelta(days=days_ago)
    )
    return action


def test_stale_overdue_and_attention():
    fresh = recorded(ActionFactory(end_year=2030), 10)
    stale = recorded(ActionFactory(end_year=2030), 91)
    never = ActionFactory(end_year=2030)
    overdue = recorded(ActionFactory(start_year=2023, end_year=2025), 5)
    recurring = recorded(ActionFactory(start_year=2020, end_year=2024, recurring=True), 5)
    postponed = recorded(ActionFactory(end_year=2030), 1, status=Status.POSTPONED)
    done_long_ago = recorded(
        ActionFactory(start_year=2018, end_year=2020), 400, status=Status.DONE, progress=100
    )

    assert set(Action.objects.stale(TODAY)) == {stale, never}
    assert set(Action.objects.overdue(TODAY)) == {overdue}
    assert set(Action.objects.needing_attention(TODAY)) == {stale, never, overdue, postponed}
    assert fresh not in Action.objects.needing_attention(TODAY)
    assert recurring not in Action.objects.needing_attention(TODAY)
    assert done_long_ago not in Action.objects.needing_attention(TODAY)


def test_board_shows_attention_first_and_records_progress(staff_client, staff_user, rainbow_plan):
    fresh = Action.objects.get(identifier="2023-1")
    fresh.record_progress(status=Status.IN_PROGRESS, progress=20, date=timezone.localdate())
    board = staff_client.get(reverse("actionplan:progress_board"))
    identifiers = [row["action"].identifier for row in board.context["rows"]]
    assert identifiers[-1] == "2023-1"  # the only one with a recent update comes last

    action = Action.objects.get(identifier="2023-6")
    prefix = f"action-{action.pk}"
    response = staff_client.post(
        reverse("actionplan:record_progress", kwargs={"pk": action.pk}),
        {
            f"{prefix}-status": Status.IN_PROGRESS,
            f"{prefix}-progress": "25",
            f"{prefix}-date": timezone.localdate().isoformat(),
            f"{prefix}-text_nl": "Ontwerp klaar.",
            f"{prefix}-text_en": "Design ready.",
            f"{prefix}-internal_note": "Offerte aangevraagd",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress, action.last_update_on) == (
        Status.IN_PROGRESS, 25, timezone.localdate(),
    )  # fmt: skip
    update = action.updates.first()
    assert (update.author, update.internal_note, update.text_en) == (
        staff_user,
        "Offerte aangevraagd",
        "Design ready.",
    )


def test_board_bad_input_is_a_clear_error_and_keeps_the_text(staff_client, rainbow_plan):
    action = Action.objects.get(identifier="2023-6")
    prefix = f"action-{action.pk}"
    response = staff_client.post(
        reverse("actionplan:record_progress", kwargs={"pk": action.pk}),
        {f"{prefix}-status": "finished", f"{prefix}-progress": "140", f"{prefix}-date": "2999-01-01",
         f"{prefix}-text_nl": "Mijn zorgvuldige tekst"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert "Mijn zorgvuldige tekst" in html
    assert 'id="form-errors"' in html
    assert not action.updates.exclude(date=datetime.date(2023, 1, 1)).exists()


def test_reminders_once_per_week_with_a_record(settings):
    person = StaffUserFactory()
    stale = ActionFactory(responsible=person, end_year=2030)
    recorded(ActionFactory(responsible=person, end_year=2030), days_ago=0)  # recent: no reminder
    ActionFactory(end_year=2030)  # nobody responsible

    call_command("send_progress_reminders", stdout=io.StringIO())
    call_command("send_progress_reminders", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert stale.title_nl in mail.outbox[0].body
    assert list(Reminder.objects.values_list("action", flat=True)) == [stale.pk]
