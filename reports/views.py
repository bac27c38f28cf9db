import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from actionplan.models import Objective, Plan
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.page_cache import reads_query
from genk_rainbow.roles import is_city_staff
from genk_rainbow.shared_pages import same_for_everyone
from genk_rainbow.slugs import get_by_slug

from .evaluation import plan_evaluation
from .exports import EVALUATION_TABLES, table_response
from .figures import objective_report_actions, report_day, with_state_label
from .forms import FreezeForm
from .models import YearSnapshot
from .network import figure_rows, one_pager
from .snapshots import is_closed, yearly_report

OBJECTIVE_REPORT_PAGE_SIZE = 25


def _plan_and_year(request, plan, year):
    plan_object, redirect_response = get_by_slug(Plan.objects.visible_to(request.user), plan)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return plan_object, redirect_response


def _years(plan):
    return range(plan.start_year, max(plan.end_year, timezone.localdate().year) + 1)


def _sees_internal_report(request, plan, year):
    return is_city_staff(request.user)


@same_for_everyone(unless=_sees_internal_report)
@reads_query()
def report(request, plan, year):
    """The yearly report; city staff also see internal actions, activities and notes."""
    plan_object, redirect_response = _plan_and_year(request, plan, year)
    if redirect_response:
        return redirect_response
    return render_report(request, plan_object, year)


def render_report(request, plan, year, form=None, status=200):
    """The yearly report page, from its frozen snapshot when the year was frozen; city staff
    also get the freezes of the year and the form to freeze it (again)."""
    internal = is_city_staff(request.user)
    context = {
        "plan": plan,
        "year": year,
        # Read when the page's part is made, not when it is served stored (stored_parts.py).
        "report": SimpleLazyObject(lambda: yearly_report(plan, year, internal=internal)),
        "internal": internal,
        "years": _years(plan),
    }
    if internal:
        context.update(
            freezes=YearSnapshot.objects.of(plan, year).select_related("frozen_by"),
            can_freeze=is_closed(year) and year >= plan.start_year,
            freeze_form=form or FreezeForm(plan=plan, year=year),
        )
    return render(request, "reports/year_report.html", context, status=status)


@reads_query()
def network(request, plan, year):
    """The yearly one-pager for the Rainbow Cities Network (public figures, prints to A4)."""
    plan_object, redirect_response = _plan_and_year(request, plan, year)
    if redirect_response:
        return redirect_response
    report = one_pager(plan_object, year)
    return render(request, "reports/network.html", {"plan": plan_object, "report": report})


@reads_query()
def network_csv(request, plan, year):
    """The one-pager's figures as CSV (semicolons, as Belgian spreadsheets read them)."""
    plan_object, redirect_response = _plan_and_year(request, plan, year)
    if redirect_response:
        return redirect_response
    rows = figure_rows(one_pager(plan_object, year), SiteIdentity.current())
    return table_response(rows, "csv", f"rainbow-cities-{year}.csv", separator="semicolon")


@reads_query()
def evaluation(request, plan):
    """The plan evaluation: the whole plan period year by year; staff see the internal
    version (internal actions, activities and notes)."""
    plan_object = _evaluated_plan(request, plan)
    if plan_object.slug != plan:  # the slug of the other language
        return redirect("reports:evaluation", plan=plan_object.slug, permanent=True)
    internal = is_city_staff(request.user)
    return render(
        request,
        "reports/evaluation.html",
        {
            "plan": plan_object,
            "evaluation": plan_evaluation(plan_object, internal=internal),
            "internal": internal,
        },
    )


@reads_query("page")
def objective_report(request, plan, year, objective):
    """One objective of the yearly report in full: all its actions with their progress updates
    of the year, a page at a time."""
    plan_object, redirect_response = _plan_and_year(request, plan, year)
    if redirect_response:
        return redirect_response
    found = Objective.objects.filter(plan=plan_object).by_slug(objective).first()
    if found is None:
        raise Http404
    if found.slug != objective:  # the slug of the other language
        return redirect(
            reverse(
                "reports:objective",
                kwargs={"plan": plan_object.slug, "year": year, "objective": found.slug},
            ),
            permanent=True,
        )
    internal = is_city_staff(request.user)
    actions = objective_report_actions(found, year, internal=internal)
    page = Paginator(actions, OBJECTIVE_REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_state_label(list(page.object_list))
    day = report_day(year)
    frozen = YearSnapshot.objects.in_force(plan_object, year)
    return render(
        request,
        "reports/objective_report.html",
        {
            "plan": plan_object,
            "year": year,
            "objective": found,
            "internal": internal,
            "page": page,
            "day": day,
            "so_far": day < datetime.date(year, 12, 31),
            "frozen": frozen,
        },
    )


def _evaluated_plan(request, slug):
    plan = Plan.objects.visible_to(request.user).by_slug(slug).first()
    if plan is None:
        raise Http404
    return plan


@reads_query("separator")
def evaluation_export(request, plan, table, fmt):
    """A table of the evaluation as CSV or XLSX (the public version, or the staff version for
    city staff, as the page)."""
    if table not in EVALUATION_TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    plan_object = _evaluated_plan(request, plan)
    evaluation = plan_evaluation(plan_object, internal=is_city_staff(request.user))
    return table_response(
        EVALUATION_TABLES[table](evaluation),
        fmt,
        f"regenboog-genk-{plan_object.slug}-evaluation-{table}.{fmt}",
        request.GET.get("separator", "comma"),
    )
