"""Public indicator pages: the list of the plan's indicators and one indicator with its chart."""

from django.http import Http404
from django.shortcuts import render

from actionplan.models import Plan
from genk_rainbow.page_cache import reads_query
from genk_rainbow.slugs import get_by_slug

from .models import Indicator


@reads_query()
def indicator_list(request):
    plan = Plan.objects.current()
    if plan is None:
        raise Http404
    indicators = (
        Indicator.objects.public()
        .filter(plan=plan)
        .with_series()
        .prefetch_related("objectives__plan")
        .select_related("plan")
    )
    return render(
        request, "indicators/indicator_list.html", {"plan": plan, "indicators": indicators}
    )


@reads_query()
def indicator_detail(request, slug):
    indicator, redirect = get_by_slug(
        Indicator.objects.visible_to(request.user)
        .select_related("plan")
        .with_series()
        .prefetch_related("objectives__plan", "actions"),
        slug,
    )
    if redirect:
        return redirect
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "object": indicator,
            "plan": indicator.plan,
            "actions": [action for action in indicator.actions.all() if action.is_public],
        },
    )
