"""The plan evaluation in a real browser: axe-core finds nothing in Dutch and English, and it
prints on A4 like the yearly report (title block with the plan, the period and the date, page
numbers, every year's label whole, no heading left alone at the foot of a page)."""

import datetime
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import formats, translation

from actionplan.loader import load_rainbow_plan
from actionplan.models import Action, Plan, Status
from genk_rainbow.identity import SiteIdentity
from partners.models import Activity, ActivityStatus
from tests.factories import PartnerFactory, TargetGroupFactory

from .axe import describe, preload, violations
from .test_print import pdf_tool

pytestmark = pytest.mark.django_db(transaction=True)


def plan_with_a_history():
    """The real plan with progress in 2023 and 2024 and partners' activities in 2024, one of
    them for two target groups at once (objective 8)."""
    load_rainbow_plan()
    crossing = Action.objects.get(identifier="2023-6")
    crossing.record_progress(status=Status.IN_PROGRESS, progress=64, date=datetime.date(2023, 9, 1),
                             text={"nl": "Ontwerp gekozen", "en": "Design chosen"})  # fmt: skip
    crossing.record_progress(status=Status.DONE, progress=100, date=datetime.date(2024, 6, 1))
    groups = [
        TargetGroupFactory(name_nl="Mensen met een migratieachtergrond", name_en="Migrants"),
        TargetGroupFactory(name_nl="Senioren 55+", name_en="Seniors 55+"),
    ]
    for day in range(1, 4):
        activity = Activity.objects.create(
            partner=PartnerFactory(), title=f"Ontmoeting {day}", date=datetime.date(2024, 3, day),
            description="x", participants_count=10 * day, is_public=True,
            status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
        activity.target_groups.set(groups[: day % 2 + 1])
    return Plan.objects.current()


def test_the_evaluation_passes_axe_in_every_language(browser, live_server):
    plan = plan_with_a_history()
    context = browser.new_context(base_url=live_server.url)
    preload(context)
    page = context.new_page()
    problems = []
    for language in SiteIdentity.current().language_codes:  # the city's languages
        with translation.override(language):
            url = reverse("reports:evaluation", kwargs={"plan": plan.slug})
        assert page.goto(url).status == 200, url
        assert page.locator("svg.trend-chart").count() == 9  # the plan and its 8 objectives
        found = violations(page)
        if found:
            problems.append(describe(url, found))
    context.close()
    assert not problems, "\n\n".join(problems)


def test_the_evaluation_prints_on_a4(page, live_server, tmp_path):
    plan = plan_with_a_history()
    with translation.override("nl"):
        url = reverse("reports:evaluation", kwargs={"plan": plan.slug})
        today = formats.date_format(datetime.date.today(), "j F Y")
    page.goto(live_server.url + url)
    assert page.locator("h1").inner_text() == "Evaluatie van het plan 2020–2025"
    pdf = tmp_path / "evaluation.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)

    info = subprocess.run(
        [pdf_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, info  # A4
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
    text = subprocess.run(
        [pdf_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    sheets = text.split("\f")[:pages]
    first = sheets[0]
    assert "Stad Genk" in first and plan.title in first
    assert "Evaluatie van het plan 2020–2025" in first and f"Afgedrukt op {today}" in first
    for number, sheet in enumerate(sheets, start=1):
        assert re.search(rf"\b{number}\s*/\s*{pages}\s*$", sheet.rstrip()), (
            f"no page number on {number}"
        )
    # Every trend chart prints each year's label under its axis, whole (9 charts, and the
    # year is in the tables beside them too); the long target group name is not cut.
    for year in range(2020, 2026):
        assert len(re.findall(rf"\b{year}\b", text)) >= 9 * 2, year
    assert text.count("100%") >= 9  # the top of every chart's scale, whole (not "1")
    assert "Mensen met een migratieachtergrond" in text
    assert "64%" in text and "Ontwerp gekozen" in text
    headings = [h.strip() for h in page.locator("main h2, main h3").all_inner_texts()]
    for sheet in sheets[:-1]:
        body = [line.strip() for line in sheet.strip().splitlines() if line.strip()][:-1]
        assert body and body[-1] not in headings, f"heading stranded at the foot: {body[-1]}"
