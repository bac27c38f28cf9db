"""The staff start page as a dashboard: what waits for city staff today, each with its link."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from actionplan.models import Action, Plan
from events.models import Event
from genk_rainbow import languages
from partners.models import Activity, ActivityStatus, Invitation

LISTED = 5  # rows per card; the card links to the whole list
IMAGE_HORIZON = datetime.timedelta(days=90)


@dataclass
class StaffDashboard:
    review_count: int
    plan: object  # the current plan, or None
    plan_rollup: object  # its Rollup
    attention_count: int  # actions of the plan that are stale, overdue or postponed
    attention: list  # the first LISTED of them
    events_without_image: list  # coming events (next IMAGE_HORIZON) without an image
    recent_activities: list  # partners' latest submitted or accepted activities
    pending_invitations: list


def staff_dashboard(today=None):
    today = today or timezone.localdate()
    plan = Plan.objects.current()
    actions = Action.objects.filter(objective__plan=plan) if plan else Action.objects.none()
    attention = actions.needing_attention(today).select_related("objective")
    now = timezone.now()
    coming = Event.objects.published().filter(image="") | Event.objects.published().filter(
        **{languages.default_field("image_alt"): ""}
    )
    seen, without_image = set(), []
    for occurrence in coming.occurrence_list(now, now + IMAGE_HORIZON)[: 4 * LISTED]:
        if occurrence.event.pk not in seen and len(without_image) < LISTED:
            seen.add(occurrence.event.pk)
            without_image.append(occurrence)
    return StaffDashboard(
        review_count=Activity.objects.awaiting_review().count()
        + Event.objects.awaiting_review().count(),
        plan=plan,
        plan_rollup=actions.rollup() if plan else None,
        attention_count=attention.count(),
        attention=list(attention.order_by("objective__number", "identifier")[:LISTED]),
        events_without_image=without_image,
        recent_activities=list(
            Activity.objects.exclude(status=ActivityStatus.DRAFT)
            .select_related("partner")
            .order_by("-updated_at")[:LISTED]
        ),
        pending_invitations=list(
            Invitation.objects.pending().select_related("partner").order_by("-created_at")[:LISTED]
        ),
    )
