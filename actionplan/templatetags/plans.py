"""The plan's state on every page of it: draft, current or ended (and what comes next)."""

from django import template
from django.utils import timezone

from actionplan.models import Plan, PlanState

register = template.Library()


@register.inclusion_tag("includes/plan_state.html")
def plan_state(plan, today=None, on_evaluation=False):
    """A notice with the plan's state as shown today; an ended plan links its evaluation
    (reports:evaluation, unless this is that page) and points to the next published plan (one
    query), or says the next one is in preparation."""
    today = today or timezone.localdate()
    state = plan.state_on(today)
    return {
        "plan": plan,
        "state": state,
        "label": PlanState(state).label,
        "ended": state == PlanState.ENDED,
        "draft": state == PlanState.DRAFT,
        "link_evaluation": not on_evaluation,
        "next_plan": Plan.objects.following(plan) if state == PlanState.ENDED else None,
    }
