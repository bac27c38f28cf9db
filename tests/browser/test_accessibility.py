"""WCAG 2.1 AA in a real browser: axe-core finds nothing on any public page, in Dutch and
English, and the browser asks nothing of any host but the portal's and keeps no cookie.

New public pages join by being added to `tests.site.test_public_pages.public_urls`."""

import datetime
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from actionplan.loader import load_rainbow_plan
from genk_rainbow.identity import SiteIdentity
from indicators.models import Indicator
from tests.site.test_public_pages import public_urls

from .axe import describe, preload, violations

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldstad.yaml"


def walk_with_axe(browser, live_server, languages):
    """Every public page in each language: its status, axe-core's findings, the hosts asked
    and the cookies kept."""
    context = browser.new_context(base_url=live_server.url)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    preload(context)
    page = context.new_page()
    problems, visited = [], 0
    for language in languages:
        not_found = f"/{language}/no-such-page-404/"
        for url in [*public_urls(language), not_found]:
            response = page.goto(url)
            expected = 404 if url == not_found else 200
            if response.status != expected:
                problems.append(f"{url}: HTTP {response.status}, expected {expected}")
            found = violations(page)
            if found:
                problems.append(describe(url, found))
            visited += 1
    portal = urlsplit(live_server.url).netloc
    foreign = sorted({url for url in requested if urlsplit(url).netloc != portal})
    cookies = context.cookies()
    context.close()
    return problems, visited, foreign, cookies


def test_the_example_city_passes_axe_in_its_three_languages(browser, live_server):
    """Voorbeeldstad (examples/voorbeeldstad.yaml), loaded from its file alone: its own colour
    and names, Dutch, French and English, every public page clean."""
    load_rainbow_plan(EXAMPLE)
    problems, visited, foreign, cookies = walk_with_axe(browser, live_server, ["nl", "fr", "en"])
    assert not problems, "\n\n".join(problems)
    assert visited > 20 * 3
    assert not foreign and not cookies


def test_every_public_page_passes_axe_asks_only_the_portal_and_sets_no_cookie(browser, live_server):
    load_rainbow_plan()
    languages = SiteIdentity.current().language_codes  # Genk's: Dutch and English
    # One indicator with figures, so its chart and tables are on its objective, action,
    # indicator and report pages (the others say that no value is recorded yet).
    idahot = Indicator.objects.get(code="idahot-reach")
    for year in range(2021, 2026):
        idahot.set_target(year=year, value=50 * (year - 2019))
    for year, value in [(2021, 80), (2022, 120), (2023, 190)]:
        idahot.record_value(date=datetime.date(year, 5, 17), value=value, source="Tellingen")
    started = time.monotonic()
    problems, visited, foreign, cookies = walk_with_axe(browser, live_server, languages)
    print(f"axe-core checked {visited} pages in {time.monotonic() - started:.1f}s")
    assert not problems, "\n\n".join(problems)
    assert visited > 30 * len(languages)
    assert not foreign, f"requests to other hosts: {foreign}"
    assert cookies == [], f"an anonymous visitor got cookies: {cookies}"


def test_pages_of_a_large_objective_pass_axe(browser, live_server):
    """The plan page's "All N actions" link, the objective's pages and the report's objective
    pages, with more actions than they show at once."""
    from django.urls import reverse
    from django.utils import translation

    from actionplan.models import Objective, Status
    from tests.factories import ActionFactory

    load_rainbow_plan()
    objective = Objective.objects.get(number=1)
    for index in range(30):
        ActionFactory(objective=objective, identifier=f"9-{index:02}").record_progress(
            status=Status.IN_PROGRESS, progress=index, date=datetime.date(2023, 5, 1)
        )
    context = browser.new_context(base_url=live_server.url)
    preload(context)
    page = context.new_page()
    problems = []
    for language in ["nl", "en"]:
        with translation.override(language):
            plan = objective.plan
            urls = [
                plan.get_absolute_url(),
                objective.get_absolute_url() + "?page=2",
                reverse("reports:year", kwargs={"plan": plan.slug, "year": 2023}),
                reverse(
                    "reports:objective",
                    kwargs={"plan": plan.slug, "year": 2023, "objective": objective.slug},
                )
                + "?page=2",
            ]
        for url in urls:
            assert page.goto(url).status == 200, url
            found = violations(page)
            if found:
                problems.append(describe(url, found))
    context.close()
    assert not problems, "\n\n".join(problems)


def test_axe_reports_what_it_finds_in_words(browser):
    """The checks above can fail: axe-core, run as they run it, names the faults of a page."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main>')
    report = describe("broken page", violations(page))
    page.close()
    assert "image-alt" in report and "label" in report
    assert "<img src=" in report
