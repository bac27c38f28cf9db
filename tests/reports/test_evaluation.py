"""The plan evaluation: the whole plan period year by year, and every yearly figure in it is
that year's yearly report."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplan.models import Action, Plan, Status
from reports.evaluation import plan_evaluation
from reports.figures import year_report
from reports.snapshots import freeze, yearly_report
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def url(name="reports:evaluation", language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs={"plan": "p", **kwargs})


def figures(report):
    """What a reader of a yearly report takes from it, per objective and for the plan."""
    return {
        "plan": report.plan_rollup,
        "objectives": {
            part.objective.number: (
                part.rollup,
                part.status_counts,
                part.events_held,
                [(a.pk, a.state_status, a.state_progress) for a in part.actions],
                [u.pk for u in part.updates],
                part.update_count,
            )
            for part in report.objectives
        },
        "reach": (report.activity_total, report.by_target_group, report.by_combination),
        "events": report.events_held,
    }


def evaluation_figures(evaluation, index):
    """The same, as the evaluation arranges them: the year in each objective's rows."""
    year = evaluation.years[index]
    report = evaluation.reports[index]
    objectives = {}
    for part in evaluation.objectives:
        [year_part] = [p for y, p in part.years if y == year]
        states = [(t.action.pk, dict(t.states)[year]) for t in part.actions]
        objectives[part.objective.number] = (
            dict(part.trend_rows)[year],
            year_part.status_counts,
            year_part.events_held,
            [(pk, s.state_status, s.state_progress) for pk, s in states if s is not None],
            [u.pk for u in year_part.updates],
            year_part.update_count,
        )
    return report.plan_progress, dict(evaluation.plan_trend_rows)[year], objectives


@pytest.mark.parametrize("internal", [False, True], ids=["public", "staff"])
def test_each_years_figures_in_the_evaluation_equal_that_years_report(period, internal):
    plan = period[0]
    freeze(plan, 2022)  # a frozen year too: the evaluation reads it as its report does
    for identifier in ["1", "8-x"]:  # later edits of 2022, which its frozen report ignores
        Action.objects.get(identifier=identifier).record_progress(
            status=Status.IN_PROGRESS, progress=30, date=datetime.date(2022, 12, 1)
        )

    evaluation = plan_evaluation(plan, internal=internal)

    assert evaluation.years == [2020, 2021, 2022, 2023, 2024, 2025]
    for index, year in enumerate(evaluation.years):
        report = yearly_report(plan, year, internal=internal)
        assert figures(evaluation.reports[index]) == figures(report), year
        progress, trend, objectives = evaluation_figures(evaluation, index)
        assert progress == trend == report.plan_progress
        for part in report.objectives:
            rollup, counts, held, actions, updates, update_count = objectives[part.objective.number]
            assert rollup == part.rollup.progress
            assert (counts, held, updates, update_count) == (
                part.status_counts, part.events_held, [u.pk for u in part.updates],
                part.update_count,
            )  # fmt: skip
            assert actions == [(a.pk, a.state_status, a.state_progress) for a in part.actions]
        if year != 2022:  # the years not frozen are computed as at 31 December
            assert figures(report) == figures(year_report(plan, year, internal=internal))
    # The period's sums are the sums of the yearly reports.
    assert evaluation.activity_total.participants == sum(
        yearly_report(plan, year, internal=internal).activity_total.participants
        for year in evaluation.years
    )
    assert evaluation.events_held == 2


def test_the_evaluation_tells_each_year_and_action_as_it_was(period):
    plan, crossing, later, _hidden = period

    evaluation = plan_evaluation(plan)

    first = evaluation.objectives[0]
    assert first.trend_rows == [
        (2020, None), (2021, None), (2022, None), (2023, 64), (2024, 37), (2025, 55),
    ]  # fmt: skip
    trends = {t.action.pk: [(y, s and (s.state_status, s.state_progress)) for y, s in t.states]
              for t in first.actions}  # fmt: skip
    assert trends[crossing.pk][2:] == [
        (2022, (None, None)), (2023, (Status.IN_PROGRESS, 64)), (2024, (Status.IN_PROGRESS, 64)),
        (2025, (Status.DONE, 100)),
    ]  # fmt: skip
    assert trends[crossing.pk][0] == (2020, None)  # added to the plan in 2021
    assert [state for _year, state in trends[later.pk][:4]] == [None] * 4
    assert first.events_held == 2
    reach = {row.name: [r.participants for r in row.per_year] for row in evaluation.by_target_group}
    assert reach == {"Jongeren": [0, 0, 20, 0, 15, 0], "Senioren": [0, 0, 20, 0, 0, 0]}
    assert [(names, r.activities, r.participants) for names, r in evaluation.by_combination] == [
        (("Jongeren", "Senioren"), 1, 20)
    ]
    assert not evaluation.so_far and evaluation.day == datetime.date(2025, 12, 31)
    assert [part.objective.number for part in evaluation.objectives] == [1, 8]
    assert evaluation.objectives[1].actions == []  # only an internal action


def test_the_evaluation_page_public_and_staff_versions(period, staff_client):
    public = Client().get(url())
    html = public.content.decode()
    assert public.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "Plan evaluation 2020–2025" in html and "as at 31 December 2025" in html
    assert html.count('class="trend-chart" role="img"') == 3  # the plan and both objectives
    assert "In progress, 64%" in html and "Done, 100%" in html
    assert "Crossing ordered" in html  # what was done: the public timeline
    assert "intern-budget" not in html and "Internal action" not in html
    assert "Intern overleg" not in html and "Jongeren + Senioren" in html
    assert "0% done" not in html
    staff = staff_client.get(url()).content.decode()
    assert "intern-budget" in staff and "Internal action" in staff
    assert "Staff version" in staff


def test_other_language_slug_redirects_and_a_draft_is_for_staff(period, staff_client):
    plan = period[0]
    Plan.objects.filter(pk=plan.pk).update(slug_en="p-en")
    response = Client().get(url(language="en"))
    assert response.status_code == 301 and response["Location"].endswith(
        "/en/action-plan/p-en/report/evaluation/"
    )
    Plan.objects.filter(pk=plan.pk).update(slug_en="p", state="draft")
    assert Client().get(url()).status_code == 404
    assert staff_client.get(url()).status_code == 200


def test_on_1_december_2026_the_home_page_links_the_ended_plans_evaluation(rainbow_plan, today):
    client = Client()
    with translation.override("en"):
        home = client.get("/en/").content.decode()
        evaluation_url = reverse("reports:evaluation", kwargs={"plan": "2020-2025"})
    assert "The plan 2020–2025 has ended." in home
    assert f'<a href="{evaluation_url}">Read the evaluation of 2020–2025</a>' in home
    assert "0% done" not in home
    page = client.get(evaluation_url)
    html = page.content.decode()
    assert page.status_code == 200 and "Plan evaluation 2020–2025" in html
    assert "Read the evaluation" not in html  # the notice does not link the page to itself
    assert "No progress reported yet" in html and "0% done" not in html


def test_the_evaluation_costs_a_fixed_number_of_queries(
    period, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(70):  # about 11 a year, the contact block, indicators
        assert client.get(url()).status_code == 200
    objective = period[1].objective
    for index in range(15):
        action = ActionFactory(objective=objective, identifier=f"x{index:02}")
        action.record_progress(
            status=Status.IN_PROGRESS, progress=index, date=datetime.date(2024, 5, 1)
        )
    with django_assert_max_num_queries(70):  # about 11 a year, the contact block, indicators
        html = client.get(url()).content.decode()
    assert "the first 8 of 17 actions" in html


def read(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_evaluation_exports_its_tables_formula_safe(period, fmt, staff_client):
    plan, crossing, _later, _hidden = period
    Action.objects.filter(pk=crossing.pk).update(title_en='=HYPERLINK("http://x","y")')
    client = Client()

    objectives = read(
        client.get(url("reports:evaluation_export", table="objectives", fmt=fmt)), fmt
    )
    assert objectives[0][:3] == ["Year", "Objective", "Progress (%)"]
    report = year_report(plan, 2023)
    row = next(r for r in objectives[1:] if str(r[0]) == "2023" and r[1].startswith("1."))
    assert str(row[2]) == str(report.objectives[0].rollup.progress) == "64"

    actions = read(client.get(url("reports:evaluation_export", table="actions", fmt=fmt)), fmt)
    titles = {row[3] for row in actions[1:]}
    expected = '\'=HYPERLINK("http://x","y")' if fmt == "csv" else '=HYPERLINK("http://x","y")'
    assert expected in titles and "Internal action" not in titles
    in_2023 = [row for row in actions[1:] if str(row[0]) == "2023"]
    assert [(row[2], row[4], str(row[5])) for row in in_2023] == [("1", "In progress", "64")]
    if fmt == "xlsx":  # a string cell, never a formula
        sheet = load_workbook(io.BytesIO(
            client.get(url("reports:evaluation_export", table="actions", fmt=fmt)).content
        )).active  # fmt: skip
        assert all(cell.data_type == "s" for cell in sheet["D"])

    reach = read(client.get(url("reports:evaluation_export", table="reach", fmt=fmt)), fmt)
    assert ["2020–2025", "Jongeren + Senioren", "1", "20"] in [[str(v) for v in r] for r in reach]
    staff = read(staff_client.get(url("reports:evaluation_export", table="actions", fmt=fmt)), fmt)
    assert "Internal action" in {row[3] for row in staff[1:]}
    assert client.get(url("reports:evaluation_export", table="nope", fmt=fmt)).status_code == 404


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_trend_chart_draws_the_years_with_gaps_where_nothing_was_reported(language):
    from django.template import Context, Template

    template = Template('{% load charts %}{% trend_chart rows "t" %}')
    with translation.override(language):
        svg = template.render(
            Context({"rows": [(2020, None), (2021, 33), (2022, 40), (2023, 100)]})
        )
    numbers = re.findall(r'\s(?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+", n) for n in numbers), numbers  # no "87,3"
    assert 'role="img" aria-labelledby="t"' in svg
    assert svg.count("<circle") == 3 and svg.count('stroke="#1d6b3a"') == 2  # no line to 2020
    assert ">–</text>" in svg and ">33%</text>" in svg and ">2020</text>" in svg
