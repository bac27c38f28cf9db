"""The home page and the plan's pages know the plan's state: draft, current or ended."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Plan, PlanState
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def on(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_on_1_december_2026_the_home_page_says_the_plan_has_ended(
    client, rainbow_plan, monkeypatch
):
    on(monkeypatch, datetime.date(2026, 12, 1))
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    assert "The plan 2020–2025 has ended." in html
    assert "The next plan is in preparation." in html
    plan = Plan.objects.get(slug_nl="2020-2025")
    with translation.override("en"):
        evaluation = reverse("reports:evaluation", kwargs={"plan": plan.slug})
    assert f'href="{evaluation}"' in html and "Read the evaluation of 2020–2025" in html
    assert "0% done" not in html  # the loaded plan reports no figure: nothing reads 0 % done
    assert "No progress reported yet" in html


def test_in_2024_the_same_plan_is_current(client, rainbow_plan, monkeypatch):
    on(monkeypatch, datetime.date(2024, 5, 1))
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    assert "The current plan, 2020–2025." in html and "has ended" not in html


def test_an_ended_plan_points_to_the_next_published_plan(client, rainbow_plan, monkeypatch):
    on(monkeypatch, datetime.date(2026, 12, 1))
    draft = PlanFactory(title_en="Rainbow Action Plan 2026-2031", start_year=2026, end_year=2031,
                        state=PlanState.DRAFT)  # fmt: skip
    old = Plan.objects.get(slug_nl="2020-2025")
    with translation.override("en"):
        page = client.get(old.get_absolute_url()).content.decode()
        assert "The next plan is in preparation." in page  # a draft is not announced
        draft.make_current()
        page = client.get(old.get_absolute_url()).content.decode()
        assert "The next plan: Rainbow Action Plan 2026-2031" in page
        assert Plan.objects.get(pk=old.pk).state == PlanState.ENDED
        assert "Rainbow Action Plan 2026-2031" in client.get("/en/").content.decode()


def test_a_draft_plan_is_for_city_staff_only(staff_client, rainbow_plan):
    draft = PlanFactory(state=PlanState.DRAFT, start_year=2026, end_year=2031)
    with translation.override("en"):
        url = draft.get_absolute_url()
    assert Client().get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "only city staff see it" in response.content.decode() or "enkel" in (
        response.content.decode()
    )
