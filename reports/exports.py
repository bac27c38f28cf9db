"""CSV and XLSX exports with translated headers, and the import of progress updates in the same
format: a dry run lists every row's problem first, then all rows are saved or none."""

import csv
import datetime
import io

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from actionplan.models import Action, Plan, ProgressUpdate, Status
from events.models import TZ, Event
from genk_rainbow.roles import staff_required
from partners.models import Activity

from .forms import ImportForm

PROGRESS_COLUMNS = [
    ("identifier", gettext_lazy("Action")),
    ("date", gettext_lazy("Date")),
    ("status", gettext_lazy("Status")),
    ("progress", gettext_lazy("Progress (%)")),
    ("text_nl", gettext_lazy("Public text (Dutch)")),
    ("text_en", gettext_lazy("Public text (English)")),
    ("internal_note", gettext_lazy("Internal note")),
]


def _year_filter(request):
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None


def action_rows(plan, year):
    actions = Action.objects.filter(objective__plan=plan).select_related(
        "objective", "lead_partner"
    )
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
    for a in actions.order_by("objective__number", "identifier"):
        lead = a.lead_partner.name if a.lead_partner else ""
        state = [a.get_status_display(), a.progress, a.last_update_on]
        yield [a.identifier, a.title, a.objective.number, *state, lead, a.is_public]


def progress_rows(plan, year):
    updates = ProgressUpdate.objects.filter(action__objective__plan=plan).select_related("action")
    if year:
        updates = updates.filter(date__year=year)
    yield [str(label) for _name, label in PROGRESS_COLUMNS]
    for u in updates.order_by("action__identifier", "date", "pk"):
        yield [
            u.action.identifier,
            u.date,
            u.status,
            u.progress,
            u.text_nl or "",
            u.text_en or "",
            u.internal_note,
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
    if year:
        events = events.filter(start__year__lte=year).exclude(recurrence="", start__year__lt=year)
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


DATASETS = {
    "actions": action_rows,
    "progress": progress_rows,
    "activities": activity_rows,
    "events": event_rows,
}


@staff_required
def export(request, dataset, fmt):
    if dataset not in DATASETS or fmt not in ("csv", "xlsx"):
        raise Http404
    plan = Plan.objects.current()
    rows = DATASETS[dataset](plan, _year_filter(request))
    filename = f"regenboog-genk-{dataset}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        writer = csv.writer(response)
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(dataset)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def read_table(upload):
    """Rows of a CSV or XLSX upload as lists of strings/values, header row first."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
        except Exception:  # openpyxl raises several types for files that are not workbooks
            raise forms.ValidationError(_("This is not a readable XLSX file.")) from None
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The CSV file must be in UTF-8.")) from None
        return list(csv.reader(io.StringIO(text)))
    raise forms.ValidationError(_("Upload a .csv or .xlsx file."))


def parse_progress_rows(table, plan):
    """Validate every row; returns (valid rows as dicts, errors as (row number, message))."""
    if not table:
        return [], [(1, _("The file is empty."))]
    expected = [str(label) for _name, label in PROGRESS_COLUMNS]
    header = [str(cell or "").strip() for cell in table[0]][: len(expected)]
    if header != expected:
        return [], [
            (
                1,
                _("The first row must be the column names of the export: %(names)s.")
                % {"names": ", ".join(expected)},
            )
        ]
    actions = {a.identifier: a for a in Action.objects.filter(objective__plan=plan)}
    labels = {str(label).lower(): value for value, label in Status.choices}
    valid, errors = [], []
    for number, row in enumerate(table[1:], start=2):
        cells = [("" if c is None else c) for c in row] + [""] * len(expected)
        if not any(str(c).strip() for c in cells):
            continue
        identifier, date, status, progress, text_nl, text_en, note = cells[: len(expected)]
        problems = []
        action = actions.get(str(identifier).strip())
        if action is None:
            problems.append(_("unknown action “%(id)s”") % {"id": identifier})
        if isinstance(date, datetime.datetime):
            date = date.date()
        if not isinstance(date, datetime.date):
            try:
                date = datetime.date.fromisoformat(str(date).strip())
            except ValueError:
                problems.append(
                    _("the date “%(date)s” is not a date like 2024-05-17") % {"date": date}
                )
        status = str(status).strip()
        status = status if status in Status.values else labels.get(status.lower(), status)
        if status not in Status.values:
            problems.append(_("unknown status “%(status)s”") % {"status": status})
        try:
            progress = int(float(str(progress).strip()))
            if not 0 <= progress <= 100:
                raise ValueError
        except ValueError:
            problems.append(
                _("progress must be a number from 0 to 100, not “%(value)s”") % {"value": progress}
            )
        if problems:
            errors.append((number, "; ".join(problems)))
        else:
            valid.append(
                {
                    "action": action,
                    "date": date,
                    "status": status,
                    "progress": progress,
                    "text": {"nl": str(text_nl), "en": str(text_en)},
                    "internal_note": str(note),
                }
            )
    return valid, errors


def apply_progress_rows(rows, author):
    """Record every row in one transaction; rows identical to a recorded update are skipped, so
    importing an export changes nothing. Returns the number of updates recorded."""
    recorded = 0
    with transaction.atomic():
        for row in rows:
            text_nl = row["text"]["nl"]
            same_text = Q(text_nl=text_nl) | (Q(text_nl__isnull=True) if not text_nl else Q())
            duplicate = ProgressUpdate.objects.filter(
                same_text, action=row["action"], date=row["date"], status=row["status"],
                progress=row["progress"],
            )  # fmt: skip
            if duplicate.exists():
                continue
            row["action"].record_progress(
                status=row["status"], progress=row["progress"], date=row["date"],
                text=row["text"], internal_note=row["internal_note"], author=author,
            )  # fmt: skip
            recorded += 1
    return recorded


SESSION_KEY = "progress_import"


def _to_session(rows):
    return [{**row, "action": row["action"].pk, "date": row["date"].isoformat()} for row in rows]


def _from_session(rows):
    actions = Action.objects.in_bulk([row["action"] for row in rows])
    return [
        {**row, "action": actions[row["action"]], "date": datetime.date.fromisoformat(row["date"])}
        for row in rows
        if row["action"] in actions
    ]


@staff_required
def import_progress(request):
    """Step 1: upload, every row checked, nothing saved. Step 2: confirm, all rows saved at once."""
    if request.method == "POST" and "confirm" in request.POST:
        rows = _from_session(request.session.pop(SESSION_KEY, []))
        if not rows:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("reports:import_progress")
        recorded = apply_progress_rows(rows, request.user)
        messages.success(
            request,
            _("%(count)s progress updates recorded; %(skipped)s were already there.")
            % {"count": recorded, "skipped": len(rows) - recorded},
        )
        return redirect("actionplan:progress_board")

    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "reports/import.html", context, status=400 if form.is_bound else 200)
    try:
        table = read_table(form.cleaned_data["file"])
    except forms.ValidationError as error:
        form.add_error("file", error)
        return render(request, "reports/import.html", context, status=400)
    rows, errors = parse_progress_rows(table, Plan.objects.current())
    if not errors:
        request.session[SESSION_KEY] = _to_session(rows)
    context.update(rows=rows, errors=errors, checked=True)
    return render(request, "reports/import.html", context, status=400 if errors else 200)
