"""Readable history for staff: who changed which field, old and new value."""

import datetime

from django.urls import reverse
from django.utils import translation

from actionplan.models import Action, Plan
from partners.models import Membership, Role
from tests.factories import EventFactory, PartnerFactory, PlanFactory, StaffUserFactory, UserFactory


def test_history_shows_who_changed_which_field(staff_client, staff_user, rainbow_plan):
    action = Action.objects.get(identifier="2023-6")
    action.title_nl = "Nieuw regenboogzebrapad"
    action._history_user = staff_user
    action.save()

    html = staff_client.get(
        reverse("history", kwargs={"kind": "action", "pk": action.pk})
    ).content.decode()

    assert "Vernieuwing van het regenboogzebrapad" in html and "Nieuw regenboogzebrapad" in html
    assert staff_user.email in html
    assert staff_client.get(reverse("history", kwargs={"kind": "user", "pk": 1})).status_code == 404


def test_progress_updates_are_in_the_actions_history(staff_client, staff_user, rainbow_plan):
    action = Action.objects.get(identifier="2023-1")
    action.record_progress(
        status="in_progress", progress=30, date=datetime.date(2024, 5, 17), author=staff_user
    )
    with translation.override("en"):
        html = staff_client.get(
            reverse("history", kwargs={"kind": "action", "pk": action.pk})
        ).content.decode()
    assert html.count("progress update recorded") == 2  # the plan text's and this one
    assert "30%" in html and "from the plan text" in html and staff_user.email in html


def test_a_partners_revision_shows_the_partner_author_and_the_approver(staff_client):
    partner, member = PartnerFactory(), UserFactory(email="partner@example.org")
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    event = EventFactory(organiser=partner, title_nl="Oud")
    revision = event.edit_target(member)
    revision.title_nl = "Nieuw"
    revision.save_edit(member)
    approver = StaffUserFactory(email="approver@example.org")
    revision.publish(approver)
    with translation.override("en"):
        html = staff_client.get(
            reverse("history", kwargs={"kind": "event", "pk": event.pk})
        ).content.decode()
    assert "written by partner@example.org" in html
    assert "review decision by approver@example.org" in html


def test_plan_state_changes_are_in_the_plans_history(staff_client, rainbow_plan):
    plan = Plan.objects.get()
    PlanFactory(state="draft", start_year=2026, end_year=2031).make_current()
    html = staff_client.get(reverse("history", kwargs={"kind": "plan", "pk": plan.pk})).content
    assert "ended" in html.decode()
