"""Yearly reports tell what was true at the end of that year, from the progress timeline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Action, Status
from reports.figures import year_report
from tests.factories import ActionFactory, ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def today(monkeypatch):
    """The portal's today (timezone.localdate) set to 1 December 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def timeline(today):
    """One action updated in 2023 (64 %, in progress) and in 2025 (done); one added in 2024."""
    plan = PlanFactory(state="current", start_year=2020, end_year=2025, slug_nl="p", slug_en="p")
    objective = ObjectiveFactory(plan=plan, number=1)
    crossing = ActionFactory(
        objective=objective, identifier="1", created_on=datetime.date(2023, 1, 1)
    )
    crossing.record_progress(status=Status.IN_PROGRESS, progress=64, date=datetime.date(2023, 9, 1))
    crossing.record_progress(status=Status.DONE, progress=100, date=datetime.date(2025, 6, 1))
    later = ActionFactory(objective=objective, identifier="2", created_on=datetime.date(2024, 3, 1))
    later.record_progress(status=Status.IN_PROGRESS, progress=10, date=datetime.date(2024, 3, 1))
    return plan, crossing, later


def test_the_2023_report_shows_the_state_at_the_end_of_2023(timeline):
    plan, crossing, _later = timeline

    part = year_report(plan, 2023).objectives[0]

    [action] = part.actions
    assert (action.pk, action.state_status, action.state_progress) == (
        crossing.pk, Status.IN_PROGRESS, 64,
    )  # fmt: skip
    assert part.rollup.progress == 64
    assert part.status_counts == {Status.IN_PROGRESS: 1}
    assert year_report(plan, 2023).plan_progress == 64


def test_the_2025_report_shows_the_state_at_the_end_of_2025(timeline):
    plan, crossing, later = timeline

    part = year_report(plan, 2025).objectives[0]

    states = {a.pk: (a.state_status, a.state_progress) for a in part.actions}
    assert states == {crossing.pk: (Status.DONE, 100), later.pk: (Status.IN_PROGRESS, 10)}
    assert part.rollup.progress == 55


def test_actions_added_in_2024_are_absent_from_2023(timeline):
    plan, _crossing, later = timeline

    report = year_report(plan, 2023)

    assert later.pk not in [a.pk for a in report.objectives[0].actions]
    assert report.objectives[0].action_count == 1
    assert report.plan_rollup.counted_count == 1


def test_the_2023_report_page_says_64_percent_in_progress(client, timeline):
    _plan, crossing, _later = timeline
    with translation.override("en"):
        html = client.get(reverse("reports:year", kwargs={"plan": "p", "year": 2023})).content
    html = html.decode()
    row = html[html.index(crossing.title_en) :]
    row = row[: row.index("</tr>")]
    assert "In progress" in row and "64%" in row and "100%" not in row
    assert "as at 31 December 2023" in html


def test_the_running_year_is_so_far_as_at_today(client, today):
    plan = PlanFactory(state="current", start_year=2026, end_year=2031, slug_nl="n", slug_en="n")
    report = year_report(plan, 2026)
    assert (report.day, report.so_far) == (today, True)
    with translation.override("en"):
        html = client.get(reverse("reports:year", kwargs={"plan": "n", "year": 2026})).content
    assert "so far, as at 1 December 2026" in html.decode()


def test_an_update_dated_before_the_action_was_added_moves_its_start_back(today):
    action = ActionFactory(created_on=datetime.date(2025, 1, 1))
    action.record_progress(status=Status.IN_PROGRESS, progress=5, date=datetime.date(2023, 2, 1))
    assert Action.objects.get(pk=action.pk).created_on == datetime.date(2023, 2, 1)


def test_a_report_page_has_a_fixed_number_of_queries(
    client, timeline, django_assert_max_num_queries
):
    plan, _crossing, _later = timeline
    url = reverse("reports:year", kwargs={"plan": "p", "year": 2025})
    with django_assert_max_num_queries(14):  # + the contact block, the indicators
        assert client.get(url).status_code == 200
    for index in range(20):
        action = ActionFactory(objective=plan.objectives.get(), identifier=f"x{index}")
        action.record_progress(status=Status.IN_PROGRESS, progress=index, date=TODAY)
    with django_assert_max_num_queries(14):  # + the contact block, the indicators
        assert client.get(url).status_code == 200
