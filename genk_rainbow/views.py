import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from actionplan.models import Objective, Plan, YearFocus
from partners.models import Activity, Partner

from .models import Page
from .roles import is_city_staff


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


@login_required
def workspace(request):
    """Start page for partners and city staff: their organisations, activities and tasks."""
    user = request.user
    memberships = user.memberships.select_related("partner").order_by("partner__name")
    activities = Activity.objects.of_partners_of(user).select_related("partner")
    staff = is_city_staff(user)
    return render(
        request,
        "workspace.html",
        {
            "memberships": memberships,
            "activities": activities,
            "is_city_staff": staff,
            "review_count": Activity.objects.awaiting_review().count() if staff else 0,
            "managed_partners": Partner.objects.managed_by(user).distinct() if staff else [],
        },
    )


def page(request, key):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, key=key)})
