import datetime

from django.shortcuts import get_object_or_404, render

from actionplan.models import Objective, Plan, YearFocus
from partners.models import Partner

from .models import Page


def home(request):
    plan = Plan.objects.current()
    objectives = (
        Objective.objects.filter(plan=plan)
        .select_related("plan")
        .with_progress()
        .order_by("number")
        if plan
        else []
    )
    focus = (
        YearFocus.objects.filter(year__lte=datetime.date.today().year)
        .prefetch_related("items__action")
        .first()
    )
    return render(
        request,
        "home.html",
        {
            "plan": plan,
            "plan_progress": plan.progress() if plan else None,
            "objectives": objectives,
            "focus": focus,
            "partners": Partner.objects.exclude(kind="city_service").only(
                "name", "slug_nl", "slug_en"
            ),
            "city_services": Partner.objects.filter(kind="city_service").only(
                "name", "slug_nl", "slug_en"
            ),
        },
    )


def page(request, key):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, key=key)})
