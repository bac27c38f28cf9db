"""CSV and XLSX exports with translated headers (the imports read the progress and the
indicator-value exports back in any language: reports/imports.py, reports/indicator_imports.py).

Text that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage
return) goes out as text, as OWASP's CSV-injection guidance has it: in CSV with a single quote
in front, in XLSX as a string cell (never a formula cell)."""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from actionplan.models import Action, ProgressUpdate
from events.models import TZ, Event
from genk_rainbow import languages
from indicators.models import IndicatorValue, plain
from partners.models import Activity

from .figures import report_day
from .snapshots import year_action_states


def progress_columns():
    """The progress export's columns: a public text per language the city publishes."""
    return [
        ("identifier", gettext_lazy("Action")),
        ("date", gettext_lazy("Date")),
        ("status", gettext_lazy("Status")),
        ("progress", gettext_lazy("Progress (%)")),
        *(
            (f"text_{code}", languages.labelled(gettext_lazy("Public text ({language})"), name))
            for code, name in languages.published_names().items()
        ),
        ("internal_note", gettext_lazy("Internal note")),
    ]


# The indicator's code (not its name, which is translated and edited) identifies it.
def indicator_value_columns():
    published = languages.published_names().items()
    return [
        ("indicator", gettext_lazy("Indicator (code)")),
        ("date", gettext_lazy("Date")),
        ("value", gettext_lazy("Value")),
        *(
            (f"source_{code}", languages.labelled(gettext_lazy("Source ({language})"), name))
            for code, name in published
        ),
        *(
            (f"note_{code}", languages.labelled(gettext_lazy("Public note ({language})"), name))
            for code, name in published
        ),
        ("internal_note", gettext_lazy("Internal note")),
    ]


def action_rows(plan, year):
    """Today's actions; with a year, the actions as at the end of that year (as its report:
    from the frozen snapshot when the year was frozen)."""
    yield [
        _("Action"),
        _("Title"),
        _("Objective"),
        _("Status"),
        _("Progress (%)"),
        _("Last progress update"),
        _("Lead"),
        _("Public"),
    ]
    if year:
        for a in year_action_states(plan, year, internal=True):
            state = [a["status_label"] or _("No progress reported yet"), a["progress"], a["date"]]
            yield [a["identifier"], a["title"], a["objective"], *state, a["lead"], a["is_public"]]
        return
    actions = Action.objects.filter(objective__plan=plan).select_related(
        "objective", "lead_partner"
    )
    for a in actions.order_by("objective__number", "identifier"):
        lead = a.lead_partner.name if a.lead_partner else ""
        state = [a.get_status_display(), a.progress, a.last_update_on]
        yield [a.identifier, a.title, a.objective.number, *state, lead, a.is_public]


def progress_rows(plan, year):
    updates = ProgressUpdate.objects.filter(action__objective__plan=plan).select_related("action")
    if year:
        updates = updates.filter(date__year=year)
    yield [str(label) for _name, label in progress_columns()]
    for u in updates.order_by("action__identifier", "date", "pk"):
        yield [
            u.action.identifier,
            u.date,
            u.status,
            u.progress,
            *(getattr(u, f"text_{code}") or "" for code in languages.published()),
            u.internal_note,
        ]


def indicator_value_rows(plan, year):
    """The measured values of the plan's indicators, in the format the import reads back."""
    values = IndicatorValue.objects.filter(indicator__plan=plan).select_related("indicator")
    if year:
        values = values.filter(date__year=year)
    yield [str(label) for _name, label in indicator_value_columns()]
    for v in values.order_by("indicator__order", "indicator__code", "date", "pk"):
        yield [
            v.indicator.code,
            v.date,
            plain(v.value),
            *(getattr(v, f"source_{code}") or "" for code in languages.published()),
            *(getattr(v, f"note_{code}") or "" for code in languages.published()),
            v.internal_note,
        ]


def activity_rows(plan, year):
    activities = (
        Activity.objects.accepted()
        .select_related("partner", "related_action")
        .prefetch_related("target_groups")
    )
    if year:
        activities = activities.filter(date__year=year)
    yield [
        _("Date"),
        _("Activity"),
        _("Partner"),
        _("Action"),
        _("Target groups"),
        _("Participants"),
        _("Public"),
    ]
    for a in activities.order_by("date", "pk"):
        action = a.related_action.identifier if a.related_action else ""
        groups = ", ".join(str(g) for g in a.target_groups.all())
        yield [a.date, a.title, a.partner.name, action, groups, a.participants_count, a.is_public]


def event_rows(plan, year):
    events = Event.objects.published().select_related("organiser", "related_action")
    if year:  # the events of the year that had begun by its report's day
        day = report_day(year) + datetime.timedelta(days=1)
        events = events.filter(start__lt=datetime.datetime.combine(day, datetime.time(), TZ))
        events = events.exclude(recurrence="", start__year__lt=year)
    yield [
        _("Start"),
        _("End"),
        _("Event"),
        _("Repeats"),
        _("Event status"),
        _("Organiser"),
        _("Action"),
    ]
    for e in events.order_by("start", "pk"):
        organiser = e.organiser.name if e.organiser else ""
        action = e.related_action.identifier if e.related_action else ""
        start, end = (timezone.localtime(v, TZ).replace(tzinfo=None) for v in (e.start, e.end))
        yield [
            start,
            end,
            e.title,
            e.get_recurrence_display(),
            e.get_status_display(),
            organiser,
            action,
        ]


def evaluation_objective_rows(evaluation):
    """The evaluation's roll-ups: the plan and each objective, year by year."""
    yield [
        _("Year"),
        _("Objective"),
        _("Progress (%)"),
        _("Counted actions"),
        _("Actions with a progress figure"),
        _("Events held"),
        _("Frozen on"),
    ]
    for report in evaluation.reports:
        frozen = timezone.localdate(report.snapshot.frozen_at) if report.snapshot else None
        parts = [(_("Whole plan"), report.plan_rollup, report.events_held)] + [
            (str(part.objective), part.rollup, part.events_held) for part in report.objectives
        ]
        for name, rollup, held in parts:
            counts = [rollup.progress, rollup.counted_count, rollup.reported_count]
            yield [report.year, name, *counts, held, frozen]


def evaluation_action_rows(evaluation):
    """Every action of the plan at the end of each year of the evaluation."""
    yield [_("Year"), _("Objective"), _("Action"), _("Title"), _("Status"), _("Progress (%)"),
           _("Last progress update"), _("Public")]  # fmt: skip
    snapshots = {report.year: report.snapshot for report in evaluation.reports}
    for year in evaluation.years:
        states = year_action_states(
            evaluation.plan, year, internal=evaluation.internal, snapshots=snapshots
        )
        for a in states:
            label = a["status_label"] or _("No progress reported yet")
            yield [year, a["objective"], a["identifier"], a["title"], label, a["progress"],
                   a["date"], a["is_public"]]  # fmt: skip


def evaluation_reach_rows(evaluation):
    """Partners' accepted activities and participants per year and target group, then the
    combinations of target groups over the period (objective 8)."""
    yield [_("Year"), _("Target groups"), _("Activities"), _("Participants")]
    for report in evaluation.reports:
        total = report.activity_total
        yield [report.year, _("All activities"), total.activities, total.participants]
        for name, reach in report.by_target_group:
            yield [report.year, name, reach.activities, reach.participants]
    period = f"{evaluation.plan.start_year}–{evaluation.plan.end_year}"
    for names, reach in evaluation.by_combination:
        yield [period, " + ".join(names), reach.activities, reach.participants]


EVALUATION_TABLES = {
    "objectives": evaluation_objective_rows,
    "actions": evaluation_action_rows,
    "reach": evaluation_reach_rows,
}


DATASETS = {
    "actions": action_rows,
    "progress": progress_rows,
    "indicator_values": indicator_value_rows,
    "activities": activity_rows,
    "events": event_rows,
}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The CSV separators offered: Excel in Belgium (a comma is the decimal sign) expects ";".
SEPARATORS = {"semicolon": ";", "comma": ","}


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=..." a formula
    return cell


def table_response(rows, fmt, filename, separator="comma"):
    """The rows as a CSV (UTF-8 with BOM, `separator` one of SEPARATORS) or XLSX download."""
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        writer = csv.writer(response, delimiter=SEPARATORS.get(separator, ","))
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename.rsplit(".", 1)[0][:31])  # Excel's longest title
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
