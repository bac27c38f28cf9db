"""City staff keep the plan current: the progress board."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk_rainbow.pagination import page_with_notice
from genk_rainbow.roles import staff_required
from genk_rainbow.stored_parts import same_for_all_staff

from .forms import ActionPeopleForm, BoardFilterForm, ProgressForm
from .models import Action, Objective, Plan, Status, attention_q

BOARD_PAGE_SIZE = 20


def _board(request, params, bound=None):
    """The board: per-objective counts, then one page of actions, those needing attention first.

    `params` are the filters and page (request.GET, or those of the page a POST came from).
    With `bound` (an invalid ProgressForm) the page holding its action is shown, with the form.
    Read when the page's part is made, not when it is served stored (stored_parts.py)."""
    board = SimpleLazyObject(lambda: _board_context(params, bound))
    return render(
        request,
        "actionplan/progress_board.html",
        {"board": board},
        status=400 if bound is not None else 200,
    )


def _board_context(params, bound):
    today = timezone.localdate()
    plan = Plan.objects.current()
    objectives = list(
        Objective.objects.filter(plan=plan)
        .with_progress()
        .annotate(
            planned=Count("actions", filter=Q(actions__status=Status.PLANNED)),
            in_progress=Count("actions", filter=Q(actions__status=Status.IN_PROGRESS)),
            done=Count("actions", filter=Q(actions__status=Status.DONE)),
            postponed=Count("actions", filter=Q(actions__status=Status.POSTPONED)),
            stopped=Count("actions", filter=Q(actions__status=Status.STOPPED)),
            attention=Count("actions", filter=attention_q(today, prefix="actions__")),
        )
        .order_by("number")
    )
    filter_form = BoardFilterForm(params or None, objectives=objectives)
    filters = filter_form.filters()
    everything = Action.objects.filter(objective__plan=plan)
    actions = everything.board_filter(today, **filters)
    number = params.get("page")
    if bound is not None:
        position = actions.board_position(bound.action, today)
        if position is None and filters:  # the filters hide it: show it among all actions
            filters, actions = {}, everything
            position = everything.board_position(bound.action, today)
        number = 1 if position is None else (position - 1) // BOARD_PAGE_SIZE + 1
    page, page_notice = page_with_notice(actions.board_order(today), number, BOARD_PAGE_SIZE)

    rows = [
        {
            "action": action,
            "record_url": reverse("actionplan:record_progress", kwargs={"pk": action.pk}),
            "history_url": reverse("history", kwargs={"kind": "action", "pk": action.pk}),
            "form": bound if bound is not None and bound.action.pk == action.pk else None,
        }
        for action in page.object_list
    ]
    # Unbound forms: built in Python from one form's fields, 0.2 ms a form; crispy takes 3.8 ms.
    fields_of = ProgressForm(action=rows[0]["action"]) if rows else None
    for row in rows:
        row["fields"] = "" if row["form"] else ProgressForm.board_fields(row["action"], fields_of)
    if bound is not None and not any(row["form"] is bound for row in rows):
        rows.insert(  # its action is not on the board (an older plan)
            0,
            {
                "action": bound.action,
                "record_url": reverse("actionplan:record_progress", kwargs={"pk": bound.action.pk}),
                "history_url": reverse("history", kwargs={"kind": "action", "pk": bound.action.pk}),
                "form": bound,
            },
        )
    board_url = reverse("actionplan:progress_board")
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        query[name] = "on" if value is True else str(value)
    current = query.copy()
    if page.number > 1:
        current["page"] = page.number
    return {
        "plan": plan,
        "rows": rows,
        "page": page,
        "page_notice": page_notice,
        "filter_form": filter_form,
        "filtered": bool(filters),
        "board_url": board_url,
        "query": query.urlencode(),
        "current_url": f"{board_url}?{current.urlencode()}" if current else board_url,
        "objectives": objectives,
        "attention_count": sum(objective.attention for objective in objectives),
    }


def _safe_next(request):
    """The board page the form was sent from (POST `next`), if it is a local URL; else None."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target.split("#")[0]
    return None


@same_for_all_staff
@staff_required
def progress_board(request):
    return _board(request, request.GET)


@require_POST
@staff_required
def record_progress(request, pk):
    action = get_object_or_404(Action.objects.select_related("objective", "responsible"), pk=pk)
    form = ProgressForm(request.POST, action=action)
    target = _safe_next(request)
    if not form.is_valid():
        params = QueryDict(urlsplit(target).query) if target else QueryDict()
        return _board(request, params, bound=form)
    form.save(author=request.user)
    messages.success(request, _("Progress recorded for %(action)s.") % {"action": action.title})
    return redirect(f"{target or reverse('actionplan:progress_board')}#action-{action.pk}")


@staff_required
def action_people(request, pk):
    """Choose the responsible staff member and the lead partner of an action."""
    action = get_object_or_404(Action, pk=pk)
    form = ActionPeopleForm(request.POST or None, instance=action)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved who answers for %(action)s.") % {"action": action.title})
        board = reverse("actionplan:progress_board")
        return redirect(f"{board}?objective={action.objective.number}#action-{action.pk}")
    return render(
        request,
        "actionplan/action_people.html",
        {"action": action, "form": form},
        status=400 if form.is_bound else 200,
    )
