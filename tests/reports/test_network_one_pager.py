"""The Rainbow Cities Network one-pager: the year's objectives, what was done, reach and events
of the public yearly report, on one page and as CSV (read back with the csv module)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from actionplan.models import Action, Status
from tests.factories import ActionFactory, ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_a_year():
    plan = PlanFactory(start_year=2024, end_year=2029)
    objective = ObjectiveFactory(plan=plan, number=1)
    action = ActionFactory(objective=objective, title_nl="Regenboogbank", title_en="Rainbow bench")
    action.record_progress(
        status=Status.DONE, progress=100, date=datetime.date(2025, 6, 30),
        text={"nl": "De bank staat er.", "en": "The bench is in place."},
    )  # fmt: skip
    internal = ActionFactory(objective=objective, is_public=False, title_nl="Intern dossier")
    internal.record_progress(status=Status.IN_PROGRESS, progress=10, date=datetime.date(2025, 3, 1))
    return plan


def test_the_one_pager_shows_what_was_done_that_year(client, plan_with_a_year):
    url = reverse("reports:network", kwargs={"plan": plan_with_a_year.slug, "year": 2025})
    html = client.get(url).content.decode()
    assert "Regenboogbank: De bank staat er." in html
    assert "Intern dossier" not in html  # it leaves the city: public figures only
    other_year = client.get(
        reverse("reports:network", kwargs={"plan": plan_with_a_year.slug, "year": 2024})
    ).content.decode()
    assert "De bank staat er." not in other_year


def test_the_one_pager_figures_read_as_csv(client, plan_with_a_year):
    url = reverse("reports:network_csv", kwargs={"plan": plan_with_a_year.slug, "year": 2025})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    figures = {(row[0], row[1], row[2]): row[3] for row in rows[1:]}
    assert figures[("Doelstellingen", "1", "voortgang (%)")] == "100"
    assert figures[("Plan", "", "jaar")] == "2025"
    assert Action.objects.count() == 2 and "Intern dossier" not in response.content.decode()
