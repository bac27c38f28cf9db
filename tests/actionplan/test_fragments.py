"""The objective cards of the plan page, the action cards of an objective's page and an
indicator's figures are kept per version of all they show (genk_rainbow.fragments, the
`fragments` store): a page made afresh reuses them, and every change to what one shows is on
the next page at once, with no invalidation."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.utils import translation

from actionplan.models import Status, TargetGroup
from genk_rainbow.page_cache import local_pages
from indicators.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective(rainbow_plan):
    """The first objective, with an indicator that has a target and a value."""
    indicator = Indicator.objects.filter(kind="quantitative", objectives__isnull=False).first()
    objective = indicator.objectives.filter(actions__is_public=True).order_by("number").first()
    indicator.set_target(year=2025, value=300)
    indicator.record_value(date=datetime.date(2024, 5, 17), value=Decimal("120"))
    return objective


def page(client, url):
    local_pages.forget()  # the page made afresh each time, as after a change
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_pages_are_the_same_with_and_without_the_kept_parts(
    client, fragments, objective, settings
):
    urls = [objective.plan.get_absolute_url(), objective.get_absolute_url()]
    kept = [page(client, url) for url in urls]
    assert caches["fragments"]._cache, "the parts were kept"
    assert [page(client, url) for url in urls] == kept
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert [page(client, url) for url in urls] == kept


@pytest.mark.parametrize("what", ["progress", "title", "target group", "language"])
def test_a_change_to_an_action_is_on_both_pages_at_once(client, fragments, objective, what):
    action = objective.actions.filter(is_public=True).order_by("identifier").first()
    plan_url, objective_url = objective.plan.get_absolute_url(), objective.get_absolute_url()
    page(client, plan_url), page(client, objective_url)
    if what == "progress":
        action.record_progress(status=Status.DONE, progress=100, date=datetime.date(2025, 6, 1))
        expected = [f'value="100" aria-label="Voortgang van {action.title}"', "Afgerond"]
        pages = [objective_url]
        assert "Afgerond" in page(client, plan_url)
    elif what == "title":
        action.title_nl = "Een regenboogzebrapad aan het stadhuis"
        action.save()
        expected, pages = ["Een regenboogzebrapad aan het stadhuis"], [plan_url, objective_url]
    elif what == "target group":
        group = TargetGroup.objects.create(code="ouderen-test", name_nl="Holebi-senioren")
        action.target_groups.add(group)
        expected, pages = ["Holebi-senioren"], [objective_url]
    else:
        with translation.override("en"):
            english = [objective.plan.get_absolute_url(), objective.get_absolute_url()]
            label = str(action.get_status_display())
            expected, pages = [f">{action.title_en}<", f'status-{action.status}">{label}<'], english
    for url in pages:
        shown = page(client, url)
        for text in expected:
            assert text in shown, (url, text)


def test_a_new_value_or_target_of_an_indicator_is_on_the_objective_page_at_once(
    client, fragments, objective
):
    indicator = Indicator.objects.filter(objectives=objective, kind="quantitative").first()
    assert "120" in page(client, objective.get_absolute_url())
    indicator.record_value(date=datetime.date(2025, 5, 17), value=Decimal("275"))
    shown = page(client, objective.get_absolute_url())
    assert "Laatste waarde: 275" in shown
    indicator.set_target(year=2025, value=350)
    assert 'data-value="350"' in page(client, objective.get_absolute_url())
