"""City staff keep the plan current: the progress board and readable histories."""

import datetime

from django.apps import apps
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk_rainbow.roles import staff_required

from .forms import ProgressForm
from .models import Action, Objective, Plan, Status


def _board(request, bound=None):
    today = datetime.date.today()
    plan = Plan.objects.current()
    actions = (
        Action.objects.filter(objective__plan=plan)
        .select_related("objective", "responsible")
        .order_by("objective__number", "identifier")
    )
    stale = set(actions.stale(today).values_list("pk", flat=True))
    overdue = set(actions.overdue(today).values_list("pk", flat=True))
    attention = set(actions.needing_attention(today).values_list("pk", flat=True))
    rows = [
        {
            "action": action,
            "needs_attention": action.pk in attention,
            "stale": action.pk in stale,
            "overdue": action.pk in overdue,
            "form": bound
            if bound is not None and bound.action.pk == action.pk
            else ProgressForm(action=action),
        }
        for action in actions
    ]
    rows.sort(key=lambda row: not row["needs_attention"])  # attention first, plan order kept
    objectives = (
        Objective.objects.filter(plan=plan)
        .with_progress()
        .annotate(
            planned=Count("actions", filter=Q(actions__status=Status.PLANNED)),
            in_progress=Count("actions", filter=Q(actions__status=Status.IN_PROGRESS)),
            done=Count("actions", filter=Q(actions__status=Status.DONE)),
            postponed=Count("actions", filter=Q(actions__status=Status.POSTPONED)),
            stopped=Count("actions", filter=Q(actions__status=Status.STOPPED)),
        )
        .order_by("number")
    )
    return render(
        request,
        "actionplan/progress_board.html",
        {"plan": plan, "rows": rows, "objectives": objectives, "attention_count": len(attention)},
        status=400 if bound is not None else 200,
    )


@staff_required
def progress_board(request):
    return _board(request)


@require_POST
@staff_required
def record_progress(request, pk):
    action = get_object_or_404(Action, pk=pk)
    form = ProgressForm(request.POST, action=action)
    if not form.is_valid():
        return _board(request, bound=form)
    form.save(author=request.user)
    messages.success(request, _("Progress recorded for %(action)s.") % {"action": action.title})
    return redirect(f"{reverse('actionplan:progress_board')}#action-{action.pk}")


def history_rows(obj):
    """The object's history, newest first: who, when, and each changed field old -> new."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
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
        rows.append({"record": record, "changes": changes})
    return rows


HISTORY_MODELS = {
    "action": "actionplan.Action",
    "objective": "actionplan.Objective",
    "partner": "partners.Partner",
    "event": "events.Event",
}


@staff_required
def history(request, kind, pk):
    if kind not in HISTORY_MODELS:
        raise Http404
    model = apps.get_model(HISTORY_MODELS[kind])
    obj = get_object_or_404(model, pk=pk)
    return render(request, "actionplan/history.html", {"obj": obj, "rows": history_rows(obj)})
