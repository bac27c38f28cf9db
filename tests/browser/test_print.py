"""The yearly report as it comes out of the printer: Chromium prints it to PDF (Playwright's
page.pdf, with the page's own @page size) and poppler's pdfinfo/pdftotext read it back: A4,
a title block with the city, the plan, the year and the date, page numbers, chart labels in
full, and no heading left alone at the foot of a page."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.utils import formats, translation

from actionplan.loader import load_rainbow_plan
from actionplan.models import Plan
from partners.models import Activity, ActivityStatus
from tests.factories import PartnerFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)
LONG_GROUP = "Mensen met een migratieachtergrond"


def pdf_tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils (.ci/run does)")
    return path


def test_the_yearly_report_prints_on_a4_with_title_block_page_numbers_and_whole_labels(
    page, live_server, tmp_path
):
    load_rainbow_plan()
    group = TargetGroupFactory(name_nl=LONG_GROUP, name_en="People with a migration background")
    for day in range(1, 6):
        activity = Activity.objects.create(
            partner=PartnerFactory(), title=f"Ontmoeting {day}", date=datetime.date(2024, 3, day),
            description="x", participants_count=10 * day, is_public=True,
            status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
        activity.target_groups.set([group])
    plan = Plan.objects.current()
    with translation.override("nl"):
        url = f"/nl/actieplan/{plan.slug}/rapport/2024/"
        today = formats.date_format(datetime.date.today(), "j F Y")
    page.goto(live_server.url + url)
    assert page.locator("h1").inner_text() == "Jaarrapport 2024"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)

    info = subprocess.run(
        [pdf_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, info  # A4, not Letter (612 x 792)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    text = subprocess.run(
        [pdf_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sheets = text.split("\f")[:pages]
    first = sheets[0]
    assert "Stad Genk" in first and plan.title in first and "Jaarrapport 2024" in first
    assert f"Afgedrukt op {today}" in first
    for number, sheet in enumerate(sheets, start=1):
        assert re.search(rf"\b{number}\s*/\s*{pages}\s*$", sheet.rstrip()), (
            f"no page number on {number}"
        )
    # The chart's label is whole (the table under it has the name too), not cut at its start.
    assert text.count(LONG_GROUP) == 2, text.count(LONG_GROUP)
    headings = [h.strip() for h in page.locator("main h2").all_inner_texts()]
    for sheet in sheets[:-1]:
        body = [line.strip() for line in sheet.strip().splitlines() if line.strip()][:-1]
        assert body and body[-1] not in headings, f"heading stranded at the foot: {body[-1]}"


# Moves the second heading of the report to the foot of the first sheet: a spacer before it
# leaves just room for the heading itself in the A4 content box (297 mm less the @page
# margins of 16 and 18 mm), laid out at the content box's width (210 less 2 x 14 mm).
HEADING_TO_THE_FOOT = """() => {
  const mm = 96 / 25.4, pageHeight = (297 - 16 - 18) * mm;
  const heading = document.querySelectorAll('main h2')[1];
  const top = heading.getBoundingClientRect().top + window.scrollY;
  const spacer = document.createElement('div');
  spacer.style.height = `${pageHeight - top - heading.offsetHeight - 2 * mm}px`;
  heading.before(spacer);
  return heading.textContent.trim();
}"""


def last_line_of_first_sheet(page, path):
    page.pdf(path=str(path), prefer_css_page_size=True)
    text = subprocess.run(
        [pdf_tool("pdftotext"), "-layout", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()][-2]  # above "1 / n"


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next_with_its_text(
    page, live_server, tmp_path
):
    load_rainbow_plan()
    plan = Plan.objects.current()
    page.set_viewport_size({"width": round((210 - 28) * 96 / 25.4), "height": 1000})
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/nl/actieplan/{plan.slug}/rapport/2024/")
    heading = page.evaluate(HEADING_TO_THE_FOOT)
    assert last_line_of_first_sheet(page, tmp_path / "kept.pdf") != heading
    # The control: without the print rules (break-after on headings, a heading kept with its
    # chart) the same heading ends the first sheet alone: the spacer did put it at the foot.
    page.evaluate(
        """() => {
          document.querySelectorAll('h2').forEach((h) => { h.style.breakAfter = 'auto'; });
          document.querySelectorAll('.print-keep').forEach((k) => { k.style.breakInside = 'auto'; });
        }"""
    )
    assert last_line_of_first_sheet(page, tmp_path / "stranded.pdf") == heading
