import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Objective, Plan
from genk_rainbow.page_cache import reads_query
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import get_by_slug

from .figures import objective_report_actions, report_day, with_state_label, year_report

OBJECTIVE_REPORT_PAGE_SIZE = 25


def _plan_and_year(request, plan, year):
    plan_object, redirect_response = get_by_slug(Plan.objects.visible_to(request.user), plan)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return plan_object, redirect_response


def _years(plan):
    return range(plan.start_year, max(plan.end_year, timezone.localdate().year) + 1)


@reads_query()
def report(request, plan, year):
    """The yearly report; city staff also see internal actions, activities and notes."""
    plan_object, redirect_response = _plan_and_year(request, plan, year)
    if redirect_response:
        return redirect_response
    internal = is_city_staff(request.user)
    return render(
        request,
        "reports/year_report.html",
        {
            "plan": plan_object,
            "report": year_report(plan_object, year, internal=internal),
            "internal": internal,
            "years": _years(plan_object),
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
        },
    )
