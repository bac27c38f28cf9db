from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from genk_rainbow import languages
from genk_rainbow.page_cache import reads_query
from genk_rainbow.pagination import page_of
from genk_rainbow.shared_pages import same_for_everyone
from genk_rainbow.slugs import get_by_slug
from partners.models import Activity

from .models import (
    Action,
    ActionPartner,
    Objective,
    Plan,
    PolicyAim,
    ProgressUpdate,
    YearFocus,
    visible_plan_q,
)

# The fields an action's card shows (includes/action_list.html), not its whole description.
PUBLIC_ACTIONS = (
    Action.objects.public()
    .only("title", "slug", "summary", "status", "progress", "recurring")
    .prefetch_related("target_groups")
)
# Actions shown per objective on the plan page; the real plan has at most 2 per objective, so
# the page shows it completely. Larger objectives link to their own (paginated) page.
PLAN_PAGE_ACTIONS = 8
OBJECTIVE_PAGE_SIZE = 25
DETAIL_PAGE_SIZE = 10  # progress updates and activities on an action's page


@same_for_everyone()
@reads_query()
def plan_detail(request, slug=None):
    if slug is None:
        plan = Plan.objects.current()
        if plan is None:
            raise Http404
    else:
        plan, redirect = get_by_slug(Plan.objects.visible_to(request.user), slug)
        if redirect:
            return redirect
    today = timezone.localdate()
    objectives = (
        plan.objectives.select_related("plan")
        .with_progress()
        .with_status_counts()
        .with_first_actions(
            Action.objects.public().only("objective", "title", "slug", "status"),
            PLAN_PAGE_ACTIONS,
        )
        .order_by("number")
    )
    return render(
        request,
        "actionplan/plan_detail.html",
        {
            "plan": plan,
            "object": plan,
            # Read when the page's part is made, not when it is served stored (stored_parts.py).
            "plan_rollup": SimpleLazyObject(plan.rollup),
            "objectives": objectives,
            "aims": PolicyAim.objects.all(),
            # With its plan: the related manager reads plan_id to attach the plan to each.
            "focuses": plan.year_focuses.only("year", "plan"),
            "report_years": range(plan.start_year, min(plan.end_year, today.year) + 1),
        },
    )


@same_for_everyone()
@reads_query("page", "other_page")
def objective_detail(request, plan, slug):
    objective, redirect = get_by_slug(
        Objective.objects.filter(
            visible_plan_q(request.user, "plan__"), languages.any_of("plan__slug", plan)
        ).select_related("plan"),
        slug,
    )
    if redirect:
        return redirect
    actions, actions_query = page_of(
        request, PUBLIC_ACTIONS.filter(objective=objective), OBJECTIVE_PAGE_SIZE
    )
    supporting, supporting_query = page_of(
        request,
        PUBLIC_ACTIONS.filter(other_objectives=objective),
        OBJECTIVE_PAGE_SIZE,
        "other_page",
    )
    return render(
        request,
        "actionplan/objective_detail.html",
        {
            "objective": objective,
            "object": objective,
            # Its progress and counts when the page's part is made (1.8 ms at scale 100).
            "rolled_up": SimpleLazyObject(
                lambda: Objective.objects.filter(pk=objective.pk).with_progress().get()
            ),
            "actions": actions,
            "actions_query": actions_query,
            "supporting_actions": supporting,
            "supporting_query": supporting_query,
            # The indicators app builds on this one: reached by the reverse relation.
            "indicators": objective.indicators.listed().select_related("plan").with_series(),
        },
    )


def _sees_internal_activities(request, slug):
    """Staff and the partners' members see the internal activities of an action."""
    where = languages.any_of("related_action__slug", slug)
    return Activity.objects.shown_beyond_public(request.user, where)


@same_for_everyone(unless=_sees_internal_activities, audience=Activity.objects.audience_of)
@reads_query("updates", "activities")
def action_detail(request, slug):
    action, redirect = get_by_slug(
        Action.objects.public()
        .filter(visible_plan_q(request.user, "objective__plan__"))
        .select_related("objective__plan"),  # its lead partner: in the page's part
        slug,
    )
    if redirect:
        return redirect
    return render(
        request,
        "actionplan/action_detail.html",
        {
            "action": action,
            "object": action,
            # Read when the page's parts are made, not when they are served stored.
            "page": SimpleLazyObject(lambda: _action_page(request, action)),
        },
    )


def _action_page(request, action):
    """What the parts of an action's page show (genk_rainbow/stored_parts.py)."""
    partners = ActionPartner.objects.select_related("partner").order_by("partner__name")
    prefetch_related_objects(
        [action],
        "lead_partner",
        "target_groups",
        "other_objectives__plan",
        "year_focuses",
        Prefetch("partner_roles", queryset=partners),
    )
    # Updates and activities pile up over the years: a page of each, newest first.
    updates, updates_query = page_of(
        request,
        ProgressUpdate.objects.filter(action=action).order_by("-date", "-pk"),
        DETAIL_PAGE_SIZE,
        "updates",
        count=False,
    )
    activities, activities_query = page_of(
        request,
        Activity.objects.accepted()
        .visible_to(request.user)
        .filter(related_action=action)
        .select_related("partner"),
        DETAIL_PAGE_SIZE,
        "activities",
        count=False,
    )
    return {
        "action": action,
        "updates": updates,
        "updates_query": updates_query,
        "activities": activities,
        "activities_query": activities_query,
        "events": action.events.upcoming(5),
        "indicators": action.indicators.listed().select_related("plan").with_series(),
    }


@same_for_everyone()
@reads_query()
def year_focus(request, year):
    focus = get_object_or_404(YearFocus.objects.select_related("plan"), year=year)
    items = focus.items.filter(action__is_public=True).select_related("action__objective__plan")
    return render(
        request,
        "actionplan/year_focus.html",
        {
            "focus": focus,
            "items": items,
            "other_years": YearFocus.objects.only("year"),
        },
    )
