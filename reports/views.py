import datetime

from django.http import Http404
from django.shortcuts import render

from actionplan.models import Plan
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import get_by_slug

from .figures import year_report


def report(request, plan, year):
    """The yearly report; city staff also see internal actions, activities and notes."""
    plan_object, redirect = get_by_slug(Plan.objects.all(), plan)
    if redirect:
        return redirect
    if not 2000 <= year <= datetime.date.today().year + 1:
        raise Http404
    internal = is_city_staff(request.user)
    return render(
        request,
        "reports/year_report.html",
        {
            "plan": plan_object,
            "report": year_report(plan_object, year, internal=internal),
            "internal": internal,
            "years": range(
                plan_object.start_year, max(plan_object.end_year, datetime.date.today().year) + 1
            ),
        },
    )
