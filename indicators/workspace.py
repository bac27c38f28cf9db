"""City staff keep the indicators current: record measured values and set yearly targets."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplan.models import Plan
from genk_rainbow.roles import staff_required

from .forms import TargetForm, ValueForm
from .models import Indicator


def _board(request, bound=None):
    """Every indicator of the current plan (internal ones too) with its latest value and
    targets and the two forms. A plan has tens of indicators, so the page is not split.
    With `bound` (an invalid form) that indicator's form is shown with its errors (400)."""
    plan = Plan.objects.current()
    indicators = (
        Indicator.objects.filter(plan=plan).with_series().prefetch_related("objectives")
        if plan
        else Indicator.objects.none()
    )
    rows = []
    for indicator in indicators:
        mine = bound is not None and bound.indicator.pk == indicator.pk
        rows.append(
            {
                "indicator": indicator,
                "value_form": bound if mine and isinstance(bound, ValueForm)
                else ValueForm(indicator=indicator),
                "target_form": bound if mine and isinstance(bound, TargetForm)
                else TargetForm(indicator=indicator),
                "open": bound.__class__.__name__ if mine else "",
                "history_url": reverse("history", kwargs={"kind": "indicator", "pk": indicator.pk}),
            }
        )  # fmt: skip
    return render(
        request,
        "indicators/board.html",
        {"plan": plan, "rows": rows},
        status=400 if bound is not None else 200,
    )


@staff_required
def board(request):
    return _board(request)


def _back_to(indicator):
    return redirect(f"{reverse('indicators:board')}#indicator-{indicator.pk}")


@require_POST
@staff_required
def record_value(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    form = ValueForm(request.POST, indicator=indicator)
    if not form.is_valid():
        return _board(request, bound=form)
    form.save(recorded_by=request.user)
    messages.success(request, _("Value recorded for %(name)s.") % {"name": indicator.name})
    return _back_to(indicator)


@require_POST
@staff_required
def set_target(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    form = TargetForm(request.POST, indicator=indicator)
    if not form.is_valid():
        return _board(request, bound=form)
    target = form.save()
    messages.success(
        request,
        _("Target for %(year)s set for %(name)s.") % {"year": target.year, "name": indicator.name},
    )
    return _back_to(indicator)
