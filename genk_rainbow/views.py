from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from actionplan.models import Objective, Plan, YearFocus
from events.models import Event
from partners.models import Activity, Partner, PartnerKind

from .models import Page
from .page_cache import reads_query
from .pagination import page_with_notice
from .roles import is_city_staff, staff_required


@reads_query()
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
        YearFocus.objects.filter(year__lte=timezone.localdate().year)
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
            "next_events": Event.objects.upcoming(5),
            "partners": _first(Partner.objects.exclude(kind=PartnerKind.CITY_SERVICE)),
            "city_services": _first(Partner.objects.filter(kind=PartnerKind.CITY_SERVICE)),
        },
    )


HOME_PARTNERS = 15  # per column; the real city has 12 partners and 8 city services


def _first(partners):
    """At most HOME_PARTNERS partners by name and whether there are more: the home page
    costs the same with 500 partners as with 20."""
    first = list(partners.only("name", "slug_nl", "slug_en")[: HOME_PARTNERS + 1])
    return {"list": first[:HOME_PARTNERS], "more": len(first) > HOME_PARTNERS}


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
            "review_count": (
                Activity.objects.awaiting_review().count() + Event.objects.awaiting_review().count()
                if staff
                else 0
            ),
            "events": Event.objects.of_partners_of(user)
            .select_related("organiser", "revision_of")
            .order_by("-created_at"),
            "managed_partners": Partner.objects.managed_by(user).distinct() if staff else [],
        },
    )


REVIEW_PAGE_SIZE = 25


@staff_required
def review_queue(request):
    """What city staff still have to review: partners' activities and proposed events, oldest
    first, each list paginated on its own (`activities` and `events` page parameters)."""
    activities, activities_notice = page_with_notice(
        Activity.objects.awaiting_review().select_related("partner").order_by("submitted_at", "pk"),
        request.GET.get("activities"),
        REVIEW_PAGE_SIZE,
    )
    events, events_notice = page_with_notice(
        Event.objects.awaiting_review()
        .select_related("organiser", "revision_of")
        .order_by("updated_at", "pk"),
        request.GET.get("events"),
        REVIEW_PAGE_SIZE,
    )
    return render(
        request,
        "review_queue.html",
        {
            "activities": activities,
            "activities_notice": activities_notice,
            # each list's page links keep the other list on its page
            "activities_query": _page_query(events, "events"),
            "events": events,
            "events_notice": events_notice,
            "events_query": _page_query(activities, "activities"),
        },
    )


def _page_query(page, param):
    return urlencode({param: page.number}) if page.number > 1 else ""


@reads_query()
def page(request, key):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, key=key)})
