import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Action, Reminder, Status
from tests.factories import ActionFactory, PartnerFactory, StaffUserFactory, UserFactory

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
    unassigned = ActionFactory(end_year=2030)  # nobody responsible: every staff member hears

    call_command("send_progress_reminders", stdout=io.StringIO())
    call_command("send_progress_reminders", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    mine, nobodys = mail.outbox[0].body.split("nog niemand verantwoordelijk")
    assert stale.title_nl in mine and unassigned.title_nl in nobodys
    reminded = set(Reminder.objects.values_list("action", flat=True))
    assert reminded == {stale.pk, unassigned.pk}


def test_the_loaded_plan_is_reminded_once_per_period_with_links(rainbow_plan, settings):
    """End to end on the city's plan, which names nobody responsible: the reminder reaches the
    city staff, lists every stale action with a link to its card, and comes once a week."""
    settings.SITE_URL = "https://regenboog.genk.be"
    staff = StaffUserFactory()
    stale = list(Action.objects.stale(timezone.localdate()))
    assert stale and all(action.responsible is None for action in stale)

    call_command("send_progress_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[staff.email]]
    body = mail.outbox[0].body
    for action in stale:
        assert action.title_nl in body
        assert "https://regenboog.genk.be/nl/werkruimte/voortgang/?objective=" in body
        assert f"#action-{action.pk}" in body

    call_command("send_progress_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # not again within the week
    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    call_command("send_progress_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # the next period


def test_staff_choose_who_is_responsible_in_the_workspace(client, staff_user):
    action = ActionFactory(end_year=2030)
    colleague = StaffUserFactory()
    client.force_login(staff_user)
    url = reverse("actionplan:action_people", kwargs={"pk": action.pk})
    page = client.get(url).content.decode()
    assert (
        "Nog niemand: aan te duiden door de stad"
        in client.get(reverse("actionplan:progress_board")).content.decode()
    )
    assert 'name="responsible"' in page and 'name="lead_partner"' in page
    partner = PartnerFactory()
    response = client.post(url, {"responsible": colleague.pk, "lead_partner": partner.pk})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.responsible, action.lead_partner) == (colleague, partner)
    partner_member = UserFactory()  # only city staff are responsible
    response = client.post(url, {"responsible": partner_member.pk})
    assert response.status_code == 400
