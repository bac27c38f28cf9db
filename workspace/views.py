"""The home page: what the city does, the plan, the agenda and the partners at a glance."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from actionplan.models import Objective, Plan, Rollup, YearFocus, YearFocusItem
from events.models import Event
from genk_rainbow.page_cache import reads_query
from genk_rainbow.shared_pages import same_for_everyone
from partners.models import Partner, PartnerKind
from reports.figures import reach_total


@same_for_everyone()
@reads_query()
def home(request):
    return home_page(request, timezone.localdate())


def home_page(request, today):
    """The home page as on `today`: the current plan, or the last ended one while the next is
    in preparation (see Plan.objects.current and Plan.state_on). Its values are read when a
    part of the page is made, not when it is served stored (genk_rainbow/stored_parts.py)."""
    plan = SimpleLazyObject(Plan.objects.current)
    objectives = SimpleLazyObject(lambda: _objectives(plan))
    items = Prefetch("items", queryset=YearFocusItem.objects.select_related("action"))
    focus = YearFocus.objects.filter(year__lte=today.year).prefetch_related(items)
    return render(
        request,
        "home.html",
        {
            "plan": plan,
            "plan_rollup": SimpleLazyObject(lambda: Rollup.combine(objectives)),
            "today": today,
            "objectives": objectives,
            "focus": SimpleLazyObject(focus.first),
            "figures": SimpleLazyObject(lambda: _figures(objectives, today)),
            "next_events": SimpleLazyObject(lambda: Event.objects.upcoming(5)),
            "partners": SimpleLazyObject(
                lambda: _first(Partner.objects.exclude(kind=PartnerKind.CITY_SERVICE))
            ),
            "city_services": SimpleLazyObject(
                lambda: _first(Partner.objects.filter(kind=PartnerKind.CITY_SERVICE))
            ),
        },
    )


def _objectives(plan):
    if not plan:
        return []
    return list(
        Objective.objects.filter(plan=plan)
        .select_related("plan")
        .with_progress()
        .with_status_counts()
        .order_by("number")
    )


def _figures(objectives, today):
    return {
        "actions_done": sum(o.count_done for o in objectives),
        "actions": sum(o.action_count for o in objectives),
        "reach": reach_total(datetime.date(today.year, 1, 1), today),
    }


HOME_PARTNERS = 15  # per column; the real city has 12 partners and 8 city services


def _first(partners):
    """At most HOME_PARTNERS partners by name and whether there are more: the home page
    costs the same with 500 partners as with 20."""
    first = list(partners.only("name", "slug_nl", "slug_en")[: HOME_PARTNERS + 1])
    return {"list": first[:HOME_PARTNERS], "more": len(first) > HOME_PARTNERS}


def contact(request):
    """The city's contact block and the partners that publish a way to reach them."""
    partners = Partner.objects.exclude(public_contact="", website="").order_by("name")
    return render(request, "pages/contact.html", {"partners": partners})
