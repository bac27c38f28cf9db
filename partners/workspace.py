"""The partner workspace: log and submit activities, review them (city staff), invite members.

Objects a user may not see answer 404 (their existence is not confirmed); pages for a role the
user does not have answer 403.
"""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk_rainbow.identity import SiteIdentity
from genk_rainbow.review import ReviewForm
from genk_rainbow.roles import is_city_staff, staff_required

from . import accounts
from .forms import AcceptInvitationForm, ActivityForm, InvitationForm
from .models import (
    Activity,
    ActivityStatus,
    Invitation,
    InvitationError,
    Membership,
    Partner,
    Role,
)

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _activity_for(user, pk):
    return get_object_or_404(
        Activity.objects.visible_to(user).select_related("partner", "related_action"), pk=pk
    )


@login_required
def activity_create(request):
    if not Partner.objects.of_member(request.user).exists():
        raise PermissionDenied
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        activity = form.save(commit=False)
        activity.created_by = request.user
        activity.save()
        form.save_m2m()
        messages.success(
            request, _("The activity was saved as a draft. Submit it when it is complete.")
        )
        return redirect(activity)
    return render(request, "partners/activity_form.html", {"form": form})


@login_required
def activity_edit(request, pk):
    activity = _activity_for(request.user, pk)
    if not activity.can_be_edited_by(request.user):
        raise Http404
    form = ActivityForm(
        request.POST or None, request.FILES or None, instance=activity, user=request.user
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Your changes were saved."))
        return redirect(activity)
    return render(request, "partners/activity_form.html", {"form": form, "activity": activity})


@login_required
def activity_detail(request, pk):
    activity = _activity_for(request.user, pk)
    if not (activity.partner.has_member(request.user) or is_city_staff(request.user)):
        raise Http404  # the public sees accepted activities on the partner's page, not here
    reviewable = activity.is_awaiting_review and activity.can_be_reviewed_by(request.user)
    return render(
        request,
        "partners/activity_detail.html",
        {
            "activity": activity,
            "can_edit": activity.can_be_edited_by(request.user),
            "review_form": ReviewForm(item=activity) if reviewable else None,
        },
    )


@require_POST
@login_required
def activity_submit(request, pk):
    activity = _activity_for(request.user, pk)
    if not activity.can_be_edited_by(request.user):
        raise Http404
    activity.submit(request.user)
    messages.success(request, _("Submitted. The city will review the activity."))
    return redirect(activity)


@require_POST
@staff_required
def activity_review(request, pk):
    activity = _activity_for(request.user, pk)
    if not activity.can_be_reviewed_by(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST, item=activity)
    if form.is_valid() and form.save(request.user):
        if activity.status == ActivityStatus.ACCEPTED:
            messages.success(request, _("The activity was accepted."))
        else:
            messages.success(request, _("The activity was returned to the partner."))
        return redirect("review_queue")
    return render(
        request,
        "partners/activity_detail.html",
        {"activity": activity, "review_form": form},
        status=400,
    )


def send_invitation(request, invitation, token):
    context = {
        "invitation": invitation,
        "url": request.build_absolute_uri(reverse("partners:invitation", kwargs={"token": token})),
        "days": Invitation.VALID_FOR.days,
        "identity": SiteIdentity.current(),
    }
    send_mail(
        render_to_string("partners/email/invitation_subject.txt", context).strip(),
        render_to_string("partners/email/invitation_message.txt", context),
        None,
        [invitation.email],
    )


def _managed_partner(user, slug):
    partner = Partner.objects.managed_by(user).by_slug(slug).distinct().first()
    if partner is None:
        raise Http404
    return partner


@login_required
def members(request, slug):
    partner = _managed_partner(request.user, slug)
    form = InvitationForm(request.POST or None, partner=partner)
    if form.is_valid():
        with transaction.atomic():
            invitation, token = Invitation.create(
                email=form.cleaned_data["email"],
                partner=partner,
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            send_invitation(request, invitation, token)
        messages.success(
            request, _("The invitation was sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("partners:members", slug=partner.slug)
    return render(
        request,
        "partners/members.html",
        {
            "partner": partner,
            "memberships": partner.memberships.select_related("user").order_by("user__email"),
            "invitations": partner.invitations.pending(),
            "form": form,
            "roles": Role.choices,
        },
    )


def _done(request, partner, message=None, error=None):
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect("partners:members", slug=partner.slug)


@require_POST
@login_required
def invitation_resend(request, slug, pk):
    partner = _managed_partner(request.user, slug)
    invitation = get_object_or_404(partner.invitations.pending(), pk=pk)
    with transaction.atomic():
        token = accounts.resend_invitation(request, invitation)
        send_invitation(request, invitation, token)
    message = _("A new invitation was sent to %(email)s.") % {"email": invitation.email}
    return _done(request, partner, message)


@require_POST
@login_required
def invitation_revoke(request, slug, pk):
    partner = _managed_partner(request.user, slug)
    invitation = get_object_or_404(partner.invitations.pending(), pk=pk)
    accounts.revoke_invitation(request, invitation)
    message = _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    return _done(request, partner, message)


@require_POST
@login_required
def member_role(request, slug, pk):
    partner = _managed_partner(request.user, slug)
    membership = get_object_or_404(partner.memberships.select_related("user"), pk=pk)
    try:
        accounts.change_role(request, membership, request.POST.get("role", ""))
    except ValidationError as error:
        return _done(request, partner, error=error)
    return _done(request, partner, _("The role of %(email)s was changed.") % {
        "email": membership.user.email
    })  # fmt: skip


@require_POST
@login_required
def member_remove(request, slug, pk):
    partner = _managed_partner(request.user, slug)
    membership = get_object_or_404(partner.memberships.select_related("user"), pk=pk)
    try:
        accounts.remove_member(request, membership)
    except ValidationError as error:
        return _done(request, partner, error=error)
    if membership.user_id == request.user.pk and not is_city_staff(request.user):
        messages.success(request, _("You left %(partner)s.") % {"partner": partner.name})
        return redirect("workspace")
    return _done(request, partner, _("%(email)s is no longer a member.") % {
        "email": membership.user.email
    })  # fmt: skip


@require_POST
@login_required
def leave(request, slug):
    membership = get_object_or_404(
        Membership.objects.filter(user=request.user).select_related("partner"),
        partner__in=Partner.objects.by_slug(slug),
    )
    try:
        accounts.remove_member(request, membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace")
    messages.success(request, _("You left %(partner)s.") % {"partner": membership.partner.name})
    return redirect("workspace")


# The token of an invitation link is moved into the session on the first request and the
# visitor continues on this placeholder URL (as Django's password reset does), so the token
# is in no Referer header, later access-log line, error log or browser history entry.
TOKEN_PLACEHOLDER = "accept"
TOKEN_SESSION_KEY = "partners_invitation_token"


def accept_invitation(request, token):
    if token != TOKEN_PLACEHOLDER:
        request.session[TOKEN_SESSION_KEY] = token
        return redirect("partners:invitation", token=TOKEN_PLACEHOLDER)
    token = request.session.get(TOKEN_SESSION_KEY, "")
    invitation = Invitation.objects.for_token(token).select_related("partner").first()
    if invitation is None:
        return render(
            request,
            "partners/invitation_problem.html",
            {
                "problem": _(
                    "This invitation link is not valid. Check that you copied the whole link."
                )
            },
            status=404,
        )
    try:
        return _accept(request, invitation)
    except InvitationError as error:
        # Used, expired, for another address, or used a moment ago by a simultaneous request.
        return render(
            request, "partners/invitation_problem.html", {"problem": str(error)}, status=410
        )


def _accept(request, invitation):
    # The account first, then the invitation afresh: an acceptance that committed in between
    # (a double-click) created both at once, so it shows as a used invitation (410), never as
    # "an account exists, sign in".
    existing = _user_with_email(invitation.email)
    invitation.refresh_from_db()
    invitation.check_acceptable_by(request.user)
    if request.user.is_authenticated:
        form = None
        if request.method == "POST":
            invitation.accept(request.user)
            request.session.pop(TOKEN_SESSION_KEY, None)
            messages.success(
                request,
                _("You are now a member of %(partner)s.") % {"partner": invitation.partner.name},
            )
            return redirect("workspace")
    elif existing:
        form = None  # they sign in first and come back to this page
    else:
        form = AcceptInvitationForm(invitation, request.POST or None)
        if form.is_valid():
            invitation.accept(new_account=lambda: _new_account(form))
            request.session.pop(TOKEN_SESSION_KEY, None)
            login(request, invitation.accepted_by, backend=ALLAUTH_BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("workspace")
    return render(
        request,
        "partners/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing_account": bool(existing)},
    )


def _new_account(form):
    user = form.save()
    # The invitation link reached this address, which proves it belongs to the new member.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _user_with_email(email):
    return get_user_model().objects.filter(email__iexact=email).first()
