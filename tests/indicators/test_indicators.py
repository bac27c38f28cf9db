"""Indicators as citizens, staff and outside clients meet them: an indicator with targets
2021-2025 and values for three years shows its chart and table on its objective page, in the
yearly report and in the API; the rules on values and targets hold wherever figures enter."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Action, Objective
from indicators.charts import line_chart, nice_top
from indicators.models import Indicator, IndicatorTarget, IndicatorValue, Kind, plain
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

TARGETS = {2021: 100, 2022: 150, 2023: 200, 2024: 250, 2025: 300}
VALUES = {
    datetime.date(2021, 5, 17): Decimal("80"),
    datetime.date(2022, 5, 17): Decimal("162.5"),
    datetime.date(2023, 5, 17): Decimal("190"),
}


@pytest.fixture
def idahot(rainbow_plan):
    """The loaded IDAHOT indicator, with targets 2021-2025 and values for three years."""
    indicator = Indicator.objects.get(code="idahot-reach")
    for year, value in TARGETS.items():
        indicator.set_target(year=year, value=value)
    for day, value in VALUES.items():
        indicator.record_value(
            date=day, value=value, source={"nl": "Tellingen", "en": "Counts"},
            note={"nl": "Op het plein.", "en": "On the square."}, internal_note="INTERN-NOTITIE",
        )  # fmt: skip
    return indicator


def table_rows(html, table_id, shown=False):
    """The rows of a table as lists of cells: a cell's data-value (the number it shows) or,
    with shown=True, its text as a reader sees it; a <time> as its datetime."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.DOTALL)
    assert table, f"no table {table_id}"
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(0).split("<tbody>")[1], re.DOTALL):
        cells = []
        for attributes, inner in re.findall(r"<t[hd]([^>]*)>(.*?)</t[hd]>", row, re.DOTALL):
            value = re.search(r'data-value="([^"]*)"', attributes)
            when = re.search(r'<time datetime="([^"]+)"', inner)
            text = re.sub(r"<[^>]+>", "", inner).strip()
            cells.append(
                text if shown else value.group(1) if value else when.group(1) if when else text
            )
        rows.append(cells)
    return rows


def stored_values(indicator):
    return [
        [v.date.isoformat(), str(plain(v.value))]
        for v in IndicatorValue.objects.filter(indicator=indicator).order_by("date")
    ]


def stored_targets(indicator):
    return [[str(t.year), str(plain(t.value))] for t in indicator.targets.order_by("year")]


def test_the_objective_page_shows_the_chart_and_a_table_equal_to_the_stored_values(client, idahot):
    objective = Objective.objects.get(number=1)
    with translation.override("en"):
        html = client.get(objective.get_absolute_url()).content.decode()
    chart = re.search(r'<svg class="line-chart" role="img" aria-labelledby="([^"]+)".*?</svg>',
                      html, re.DOTALL)  # fmt: skip
    assert chart, "the objective page draws the indicator's chart"
    for label_id in chart.group(1).split():
        assert f'id="{label_id}"' in chart.group(0), "the chart is named by its title and desc"
    assert chart.group(0).count("<circle") == 1 + len(VALUES)  # the legend's dot and one a value
    assert chart.group(0).count("<rect") == 1 + len(TARGETS)

    values = table_rows(html, f"indicator-{idahot.pk}-values")
    assert [row[:2] for row in values] == stored_values(idahot)
    assert values[0][2:] == ["Counts", "On the square."]
    shown = table_rows(html, f"indicator-{idahot.pk}-values", shown=True)
    assert [row[1] for row in shown] == ["80 people", "162.5 people", "190 people"]
    assert [row[:2] for row in table_rows(html, f"indicator-{idahot.pk}-targets")] == (
        stored_targets(idahot)
    )
    assert "162.5 people" in html and "INTERN-NOTITIE" not in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_charts_numbers_are_svg_numbers_in_every_language(client, idahot, language):
    """A coordinate is not a number for people: "183,0" (Dutch) is no SVG length, and the
    browser drew the dots and squares at the edge."""
    with translation.override(language):
        html = client.get(Objective.objects.get(number=1).get_absolute_url()).content.decode()
    chart = re.search(r'<svg class="line-chart".*?</svg>', html, re.DOTALL).group(0)
    numbers = re.findall(r'\b(?:cx|cy|x|y|x1|x2|y1|y2|width|height|r)="([^"]*)"', chart)
    assert len(numbers) > 20
    assert all(re.fullmatch(r"-?\d+(\.\d+)?%?", number) for number in numbers), numbers


def test_the_chart_has_a_point_per_value_in_time_order_and_targets_at_the_years_end(idahot):
    with translation.override("en"):
        chart = line_chart(Indicator.objects.with_series().get(pk=idahot.pk))
    xs = [point.x for point in chart["values"]]
    assert xs == sorted(xs) and len(xs) == 3
    ys = [point.y for point in chart["values"]]
    assert ys[1] < ys[0] and ys[2] < ys[1], "higher values are drawn higher"
    assert [p.label.split(":")[0] for p in chart["targets"]] == [
        f"Target for {year}" for year in TARGETS
    ]
    assert chart["years"][0]["label"] == 2020 and chart["ticks"][-1]["label"] == "300"
    assert [nice_top(n) for n in (0, 7, 190, 250, 301)] == [1, 8, 200, 250, 400]


def test_the_yearly_report_has_the_value_as_at_31_december_and_that_years_target(client, idahot):
    plan = idahot.plan
    with translation.override("en"):
        html = client.get(reverse("reports:year", kwargs={"plan": plan.slug, "year": 2022}))
        html = html.content.decode()
    rows = {row[0]: row for row in table_rows(html, "report-indicators")}
    assert rows["People reached by the IDAHOT offer"][1:4] == ["162.5", "2022-05-17", "150"]
    assert rows["People reached by the IDAHOT offer"][4] == "yes"
    # 2024: no value measured in 2024, so the latest before 31 December 2024 (of 2023).
    with translation.override("en"):
        later = client.get(reverse("reports:year", kwargs={"plan": plan.slug, "year": 2024}))
    row = {r[0]: r for r in table_rows(later.content.decode(), "report-indicators")}
    assert row["People reached by the IDAHOT offer"][1:5] == ["190", "2023-05-17", "250",
                                                              "not yet"]  # fmt: skip
    # The report's chart shows the values up to the report's day only.
    values = table_rows(html, f"indicator-{idahot.pk}-values")
    assert [r[0] for r in values] == ["2021-05-17", "2022-05-17"]
    shown = {r[0]: r for r in table_rows(html, "report-indicators", shown=True)}
    assert shown["People reached by the IDAHOT offer"][1:4] == ["162.5 people", "17/05/2022",
                                                                "150 people"]  # fmt: skip
    assert shown["Professional partners in the rainbow network Genk"][1:] == [
        "No value recorded yet.", "–", "No target", "–"
    ]  # fmt: skip


def test_the_api_gives_targets_and_values_in_both_languages_and_no_internal_note(client, idahot):
    page = client.get("/api/v1/indicators/", {"objective": Objective.objects.get(number=1).pk})
    found = {i["code"]: i for i in page.json()["results"]}
    assert set(found) == {"idahot-reach", "youth-welfare-workers-trained"}
    answer = client.get(f"/api/v1/indicators/{idahot.pk}/").json()
    assert answer["name"] == {"nl": "Mensen bereikt met het IDAHOT-aanbod",
                              "en": "People reached by the IDAHOT offer"}  # fmt: skip
    assert answer["targets"] == [{"year": y, "value": v} for y, v in TARGETS.items()]
    assert [(v["date"], v["value"]) for v in answer["values"]] == [
        ("2021-05-17", 80), ("2022-05-17", 162.5), ("2023-05-17", 190)
    ]  # fmt: skip
    assert answer["values"][0]["source"] == {"nl": "Tellingen", "en": "Counts"}
    assert "INTERN" not in page.content.decode() + str(answer)
    assert answer["actions"] == [Action.objects.get(identifier="2023-1").pk]
    milestones = client.get("/api/v1/indicators/", {"kind": "milestone"}).json()["results"]
    assert [m["code"] for m in milestones] == ["rainbow-crossing-renewed"]
    assert client.get("/api/v1/indicators/", {"kind": "soms"}).status_code == 400


def test_the_loaded_plan_defines_indicators_without_any_figure(client, rainbow_plan):
    indicators = Indicator.objects.all()
    assert indicators.count() == 5
    assert not IndicatorValue.objects.exists() and not IndicatorTarget.objects.exists()
    assert Indicator.objects.get(code="rainbow-crossing-renewed").kind == Kind.MILESTONE
    network = Indicator.objects.get(code="rainbow-network-partners")
    assert {o.number for o in network.objectives.all()} == {4, 5}
    with translation.override("en"):
        listing = client.get(reverse("indicators:list")).content.decode()
        detail = client.get(network.get_absolute_url()).content.decode()
        action = client.get(Action.objects.get(identifier="2023-7").get_absolute_url())
    assert listing.count("No value recorded yet.") == 5
    assert "No value recorded yet." in detail and "No targets set yet." in detail
    assert "<svg" not in detail.split("<main")[1], "nothing to draw"
    assert "Professional partners in the rainbow network Genk" in action.content.decode()
    with translation.override("nl"):
        assert (
            "Nog geen waarde geregistreerd."
            in client.get(network.get_absolute_url()).content.decode()
        )


def test_a_milestone_is_reached_or_not_and_shows_no_line(client, rainbow_plan):
    crossing = Indicator.objects.get(code="rainbow-crossing-renewed")
    with pytest.raises(ValidationError) as error:
        crossing.record_value(date=datetime.date(2024, 6, 1), value=2)
    assert "value" in error.value.message_dict
    crossing.record_value(date=datetime.date(2024, 6, 1), value=1)
    with translation.override("en"):
        html = client.get(crossing.get_absolute_url()).content.decode()
    assert "Reached (recorded on 1 June 2024)." in html
    assert table_rows(html, f"indicator-{crossing.pk}-values")[0] == ["2024-06-01", "1", "", ""]
    assert '<svg class="line-chart"' not in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_values_and_targets_keep_the_rules_with_a_message_per_field(rainbow_plan, language):
    indicator = Indicator.objects.get(code="idahot-reach")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cases = [
        ({"date": tomorrow, "value": 1}, "date", {"nl": "toekomst", "en": "future"}),
        ({"date": datetime.date(2019, 12, 31), "value": 1}, "date",
         {"nl": "1 januari 2020", "en": "1 January 2020"}),
    ]  # fmt: skip
    indicator.record_value(date=datetime.date(2024, 5, 17), value=10)
    cases.append(({"date": datetime.date(2024, 5, 17), "value": 11}, "date",
                  {"nl": "al een waarde geregistreerd", "en": "already recorded"}))  # fmt: skip
    with translation.override(language):
        for kwargs, field, words in cases:
            with pytest.raises(ValidationError) as error:
                indicator.record_value(**kwargs)
            assert words[language] in " ".join(error.value.message_dict[field]), kwargs
        with pytest.raises(ValidationError) as error:
            indicator.set_target(year=2019, value=5)
        assert "2020" in error.value.message_dict["year"][0]
        target = IndicatorTarget(indicator=indicator, year=2025, value=5)
        indicator.set_target(year=2025, value=4)
        with pytest.raises(ValidationError) as error:
            target.full_clean()
        assert {"nl": "al een streefwaarde", "en": "already has a target"}[language] in str(
            error.value
        )
    assert IndicatorValue.objects.count() == 1
    # After the plan has ended a value is still welcome (an evaluation counts late).
    indicator.record_value(date=datetime.date(2026, 1, 15), value=12)


def test_setting_a_years_target_again_changes_it(rainbow_plan):
    indicator = Indicator.objects.get(code="secondary-schools-reached")
    indicator.set_target(year=2025, value=4)
    indicator.set_target(year=2025, value=6)
    assert list(indicator.targets.values_list("year", "value")) == [(2025, Decimal("6.00"))]


def test_lower_is_better_reverses_what_meeting_a_target_means():
    indicator = Indicator(direction="lower")
    assert indicator.meets(Decimal(3), Decimal(5)) and not indicator.meets(Decimal(6), Decimal(5))
    assert Indicator(direction="higher").meets(Decimal(6), Decimal(5))
    assert indicator.meets(None, Decimal(5)) is None


def test_internal_and_draft_indicators_stay_out_of_public_pages_and_the_api(client, rainbow_plan):
    plan = Indicator.objects.first().plan
    internal = IndicatorFactory(plan=plan, is_public=False, name_nl="Intern cijfer",
                                objectives=[Objective.objects.get(number=1)])  # fmt: skip
    draft = IndicatorFactory(plan__state="draft", name_nl="Cijfer van een ontwerpplan")
    for indicator in (internal, draft):
        assert client.get(indicator.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/indicators/{indicator.pk}/").status_code == 404
    html = client.get(Objective.objects.get(number=1).get_absolute_url()).content.decode()
    html += client.get(reverse("indicators:list")).content.decode()
    assert "Intern cijfer" not in html and "ontwerpplan" not in html


def test_the_plan_evaluation_shows_the_indicator_over_the_whole_period(client, idahot):
    plan = idahot.plan
    with translation.override("en"):
        url = reverse("reports:evaluation", kwargs={"plan": plan.slug})
        html = client.get(url).content.decode()
    assert [row[:2] for row in table_rows(html, f"indicator-{idahot.pk}-values")] == (
        stored_values(idahot)
    )
    assert [row[:2] for row in table_rows(html, f"indicator-{idahot.pk}-targets")] == (
        stored_targets(idahot)
    )
    assert '<svg class="line-chart"' in html and "INTERN-NOTITIE" not in html
