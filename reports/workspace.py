"""Staff's file exchange: exports of the plan's data and the imports of progress updates and of
indicators' measured values."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplan.models import Action, Plan
from genk_rainbow.roles import staff_required
from indicators.models import Indicator

from .exports import DATASETS, table_response
from .forms import FreezeForm, ImportForm, IndicatorImportForm
from .imports import apply_progress_rows, parse_progress_rows, read_table
from .indicator_imports import apply_indicator_value_rows, parse_indicator_value_rows
from .snapshots import freeze
from .views import render_report


def _year_filter(request):
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None


@staff_required
def export(request, dataset, fmt):
    if dataset not in DATASETS or fmt not in ("csv", "xlsx"):
        raise Http404
    plan = Plan.objects.current()
    rows = DATASETS[dataset](plan, _year_filter(request))
    separator = request.GET.get("separator", "comma")
    return table_response(rows, fmt, f"regenboog-genk-{dataset}.{fmt}", separator)


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


@staff_required
@require_POST
def freeze_report(request, plan, year):
    """Freeze a closed year's report (again, with a reason); errors show on the report page."""
    plan_object = Plan.objects.by_slug(plan).first()
    if plan_object is None or not 2000 <= year <= 2100:
        raise Http404
    form = FreezeForm(request.POST, plan=plan_object, year=year)
    if not form.is_valid():
        return render_report(request, plan_object, year, form=form, status=400)
    snapshot = freeze(plan_object, year, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("The report of %(year)s is frozen as on %(date)s.")
        % {
            "year": year,
            "date": formats.date_format(timezone.localtime(snapshot.frozen_at), "DATE_FORMAT"),
        },
    )
    return redirect("reports:year", plan=plan_object.slug, year=year)


INDICATOR_SESSION_KEY = "indicator_value_import"


def _indicator_rows_to_session(rows):
    return [
        {**row, "indicator": row["indicator"].pk, "date": row["date"].isoformat(),
         "value": str(row["value"])}
        for row in rows
    ]  # fmt: skip


def _indicator_rows_from_session(rows):
    indicators = Indicator.objects.select_related("plan").in_bulk(
        [row["indicator"] for row in rows]
    )
    return [
        {**row, "indicator": indicators[row["indicator"]], "value": Decimal(row["value"]),
         "date": datetime.date.fromisoformat(row["date"])}
        for row in rows
        if row["indicator"] in indicators
    ]  # fmt: skip


@staff_required
def import_indicator_values(request):
    """As import_progress: upload and check every row (nothing saved), then confirm."""
    if request.method == "POST" and "confirm" in request.POST:
        rows = _indicator_rows_from_session(request.session.pop(INDICATOR_SESSION_KEY, []))
        if not rows:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("reports:import_indicator_values")
        try:
            recorded = apply_indicator_value_rows(rows, request.user)
        except ValidationError as error:  # a rule no longer met since the check (nothing saved)
            messages.error(request, " ".join(error.messages))
            return redirect("reports:import_indicator_values")
        messages.success(
            request,
            _("%(count)s values recorded; %(skipped)s were already there.")
            % {"count": recorded, "skipped": len(rows) - recorded},
        )
        return redirect("indicators:board")

    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    template = "reports/import_indicator_values.html"
    if not form.is_valid():
        return render(request, template, context, status=400 if form.is_bound else 200)
    try:
        table = read_table(form.cleaned_data["file"])
    except forms.ValidationError as error:
        form.add_error("file", error)
        return render(request, template, context, status=400)
    rows, already, errors = parse_indicator_value_rows(table, Plan.objects.current())
    if not errors:
        request.session[INDICATOR_SESSION_KEY] = _indicator_rows_to_session(rows)
    context.update(rows=rows, already=already, errors=errors, checked=True)
    return render(request, template, context, status=400 if errors else 200)
