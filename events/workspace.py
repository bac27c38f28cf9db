"""Events in the workspace: partners propose and edit, city staff create, publish or reject.
The rules are Event's (editable_by, edit_target, save_edit, the review workflow)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk_rainbow.review import ReviewForm
from genk_rainbow.roles import is_city_staff
from partners.models import Partner

from .forms import EventForm, OccurrenceOverrideForm
from .models import Event, Publication
from .views import render_event_page, with_map_tiles


def _event_for(user, pk):
    return get_object_or_404(
        Event.objects.editable_by(user).select_related("organiser", "revision_of"), pk=pk
    )


@login_required
def event_create(request):
    staff = is_city_staff(request.user)
    if not staff and not Partner.objects.of_member(request.user).exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        event = form.save(commit=False)
        event.save_edit(request.user)
        form.save_m2m()
        if staff:
            messages.success(request, _("The event is published."))
        else:
            messages.success(
                request, _("Thank you. The city will review your event before it is published.")
            )
        return redirect("events:workspace_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_edit(request, pk):
    event = _event_for(request.user, pk)
    staff = is_city_staff(request.user)
    if not event.can_be_edited_by(request.user):
        raise Http404
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        instance=event.edit_target(request.user),
        user=request.user,
    )
    if form.is_valid():
        changed = form.save(commit=False)
        changed.save_edit(request.user)
        form.save_m2m()
        messages.success(
            request,
            _("Your changes were saved.")
            if staff
            else _("Your changes wait for review by the city."),
        )
        return redirect("events:workspace_detail", pk=changed.pk)
    return render(
        request, "events/event_form.html", {"form": form, "event": event, "is_city_staff": staff}
    )


@login_required
def workspace_detail(request, pk):
    event = _event_for(request.user, pk)
    reviewable = event.is_awaiting_review and event.can_be_reviewed_by(request.user)
    return render(
        request,
        "events/workspace_detail.html",
        {
            "event": event,
            "can_edit": event.can_be_edited_by(request.user),
            "changes": event.revision_changes(),
            "review_form": ReviewForm(item=event) if reviewable else None,
        },
    )


@with_map_tiles
@login_required
def event_preview(request, pk):
    """The event's public page as it will look, for those who may see it in the workspace."""
    return render_event_page(request, _event_for(request.user, pk), preview=True)


@require_POST
@login_required
def event_review(request, pk):
    if not is_city_staff(request.user):
        raise PermissionDenied
    event = _event_for(request.user, pk)
    if not event.is_awaiting_review:
        raise Http404
    if not event.can_be_reviewed_by(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST, item=event)
    if form.is_valid() and (reviewed := form.save(request.user)):
        if reviewed.publication == Publication.PUBLISHED:
            messages.success(request, _("The event is published."))
        else:
            messages.success(request, _("The event was rejected; the partner gets the reason."))
        return redirect("review_queue")
    context = {"event": event, "changes": event.revision_changes(), "review_form": form}
    return render(request, "events/workspace_detail.html", context, status=400)


def _repeating_event_for(user, pk):
    """A repeating event `user` may edit (not a pending revision: the dates belong to the
    published event); anything else is a 404."""
    event = _event_for(user, pk)
    if not (event.is_recurring and event.can_be_edited_by(user)) or event.revision_of_id:
        raise Http404
    return event


@login_required
def event_dates(request, pk):
    """Cancel or move one date of a repeating event with a reason. This takes effect at once,
    also for a partner's published event: a cancelled date is news visitors need now."""
    event = _repeating_event_for(request.user, pk)
    form = OccurrenceOverrideForm(request.POST or None, event=event)
    if form.is_valid():
        form.save()
        messages.success(request, _("The change to this date is saved."))
        return redirect("events:dates", pk=event.pk)
    return render(
        request,
        "events/event_dates.html",
        {"event": event, "form": form, "overrides": event.overrides.all()},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def event_date_remove(request, pk, override_pk):
    event = _repeating_event_for(request.user, pk)
    get_object_or_404(event.overrides, pk=override_pk).delete()
    messages.success(request, _("The date is back as scheduled."))
    return redirect("events:dates", pk=event.pk)
