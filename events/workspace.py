"""Events in the workspace: partners propose and edit, city staff create, publish or reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk_rainbow.roles import is_city_staff
from partners.models import Partner

from .forms import EventForm, EventReviewForm
from .models import Event, Publication


def visible_events(user):
    """Staff see every event; partner members those of the partners they belong to."""
    if is_city_staff(user):
        return Event.objects.all()
    return Event.objects.filter(organiser__in=Partner.objects.of_member(user))


def _event_for(user, pk):
    return get_object_or_404(visible_events(user).select_related("organiser", "revision_of"), pk=pk)


@login_required
def event_create(request):
    staff = is_city_staff(request.user)
    if not staff and not Partner.objects.of_member(request.user).exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        event = form.save(commit=False)
        event.proposed_by = request.user
        event.publication = Publication.SUBMITTED
        event.save()
        form.save_m2m()
        if staff:
            event.publish(request.user)
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
    if not staff and event.publication == Publication.PUBLISHED and not event.revision_of_id:
        # The published version stays online; the edit is a revision that waits for review.
        target = getattr(event, "pending_revision", None) or event.make_revision(request.user)
    else:
        target = event
    form = EventForm(
        request.POST or None, request.FILES or None, instance=target, user=request.user
    )
    if form.is_valid():
        changed = form.save(commit=False)
        if staff and changed.publication == Publication.PUBLISHED:
            changed.sequence += 1  # calendars pick up the change
        elif not staff:
            changed.publication, changed.proposed_by = Publication.SUBMITTED, request.user
        changed.save()
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
    reviewable = is_city_staff(request.user) and event.publication == Publication.SUBMITTED
    return render(
        request,
        "events/workspace_detail.html",
        {
            "event": event,
            "can_edit": event.can_be_edited_by(request.user),
            "review_form": EventReviewForm() if reviewable else None,
        },
    )


@require_POST
@login_required
def event_review(request, pk):
    if not is_city_staff(request.user):
        raise PermissionDenied
    event = _event_for(request.user, pk)
    if event.publication != Publication.SUBMITTED:
        raise Http404
    form = EventReviewForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "events/workspace_detail.html",
            {"event": event, "review_form": form},
            status=400,
        )
    proposer = event.proposed_by
    if form.cleaned_data["decision"] == EventReviewForm.PUBLISH:
        published = event.publish(request.user)
        messages.success(request, _("The event is published."))
        _notify(proposer, published, accepted=True)
    else:
        event.reject(request.user, form.cleaned_data["reason"])
        messages.success(request, _("The event was rejected; the partner gets the reason."))
        _notify(proposer, event, accepted=False)
    return redirect("review_queue")


def _notify(user, event, accepted):
    if user is None or not user.email or is_city_staff(user):
        return
    context = {"event": event, "accepted": accepted}
    send_mail(
        render_to_string("events/email/decision_subject.txt", context).strip(),
        render_to_string("events/email/decision_message.txt", context),
        None,
        [user.email],
    )


def events_of_member(user):
    """For the workspace: the events of the user's partners, newest first."""
    return (
        Event.objects.filter(Q(organiser__in=Partner.objects.of_member(user)))
        .select_related("organiser", "revision_of")
        .order_by("-created_at")
    )
