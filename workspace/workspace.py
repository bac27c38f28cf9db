"""Signed-in pages that read every app: the start page, the review queue, histories."""

from urllib.parse import urlencode

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from events.models import Event
from genk_rainbow.page_cache import reads_query
from genk_rainbow.pagination import page_with_notice
from genk_rainbow.review import author_id_from_reason
from genk_rainbow.roles import is_city_staff, staff_required
from genk_rainbow.stored_parts import same_for_all_staff
from partners.models import Activity, Partner

from .dashboard import staff_dashboard


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
            "dashboard": staff_dashboard() if staff else None,
            "events": Event.objects.of_partners_of(user)
            .select_related("organiser", "revision_of")
            .order_by("-created_at"),
            "managed_partners": Partner.objects.managed_by(user).distinct() if staff else [],
            "unread_count": user.notifications.unread().count(),
        },
    )


REVIEW_PAGE_SIZE = 25


@same_for_all_staff
@reads_query("activities", "events")
@staff_required
def review_queue(request):
    """What city staff still have to review: partners' activities and proposed events, oldest
    first, each list paginated on its own (`activities` and `events` page parameters). Read
    when the page's part is made, not when it is served stored (stored_parts.py)."""
    queue = SimpleLazyObject(lambda: _review_queue(request.GET))
    return render(request, "review_queue.html", {"queue": queue})


def _review_queue(params):
    activities, activities_notice = page_with_notice(
        Activity.objects.awaiting_review().select_related("partner").order_by("submitted_at", "pk"),
        params.get("activities"),
        REVIEW_PAGE_SIZE,
    )
    events, events_notice = page_with_notice(
        Event.objects.awaiting_review()
        .select_related("organiser", "revision_of")
        .order_by("updated_at", "pk"),
        params.get("events"),
        REVIEW_PAGE_SIZE,
    )
    return {
        "activities": activities,
        "activities_notice": activities_notice,
        # each list's page links keep the other list on its page
        "activities_query": _page_query(events, "events"),
        "events": events,
        "events_notice": events_notice,
        "events_query": _page_query(activities, "activities"),
    }


def _page_query(page, param):
    return urlencode({param: page.number}) if page.number > 1 else ""


def history_rows(obj):
    """The object's readable history, newest first: who, when, and each changed field
    old -> new. A change applied by a reviewer for a partner shows the partner as author and
    the reviewer apart; a review decision names the reviewer; an action's progress updates
    are entries of their own (status, progress, date, who recorded them)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    authors = _users(
        [author_id_from_reason(record.history_change_reason) for record in records]
        + [getattr(record, "reviewed_by_id", None) for record in records]
    )
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                {
                    "field": obj._meta.get_field(change.field).verbose_name,
                    "old": change.old,
                    "new": change.new,
                }
                for change in delta.changes
            ]
        author_id = author_id_from_reason(record.history_change_reason)
        reviewer_id = getattr(record, "reviewed_by_id", None)
        decided = reviewer_id and (
            previous is None or getattr(previous, "reviewed_at", None) != record.reviewed_at
        )
        rows.append(
            {
                "kind": "change",
                "when": record.history_date,
                "record": record,
                "changes": changes,
                "partner_author": authors.get(author_id) if author_id else None,
                "partner_author_erased": bool(author_id) and author_id not in authors,
                "reviewer": authors.get(reviewer_id) if decided else None,
            }
        )
    updates = getattr(obj, "updates", None)
    if updates is not None:
        for update in updates.select_related("author").order_by("-created_at"):
            rows.append({"kind": "progress", "when": update.created_at, "update": update})
        rows.sort(key=lambda row: row["when"], reverse=True)
    return rows


def _users(ids):
    ids = {pk for pk in ids if pk}
    model = get_user_model()
    return {user.pk: user for user in model.objects.filter(pk__in=ids)} if ids else {}


HISTORY_MODELS = {
    "plan": "actionplan.Plan",
    "action": "actionplan.Action",
    "objective": "actionplan.Objective",
    "partner": "partners.Partner",
    "event": "events.Event",
    "indicator": "indicators.Indicator",
}


@staff_required
def history(request, kind, pk):
    if kind not in HISTORY_MODELS:
        raise Http404
    model = apps.get_model(HISTORY_MODELS[kind])
    obj = get_object_or_404(model, pk=pk)
    return render(request, "workspace/history.html", {"obj": obj, "rows": history_rows(obj)})
