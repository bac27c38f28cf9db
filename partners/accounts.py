"""Managing who acts for a partner: resend or revoke a pending invitation, change a member's
role, remove a member, leave a partner. Partner admins and city staff manage; anyone may
leave. A partner never loses its last admin by a partner's hand (city staff can still invite
a new one). Every change goes to the security log, with ids only."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk_rainbow import security_log
from genk_rainbow.roles import is_city_staff

from .models import Invitation, Membership, Role, hash_token

LAST_ADMIN = _("The organisation needs at least one partner admin: make someone else admin first.")


def resend_invitation(request, invitation):
    """A new link and a new validity for a pending invitation; the old link stops working.
    Returns the new token (for the mail)."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + Invitation.VALID_FOR
    invitation.save(update_fields=["token_hash", "expires_at"])
    security_log.account_change(
        request, "invitation_resent", invitation=invitation.pk, partner=invitation.partner_id
    )
    return token


def revoke_invitation(request, invitation):
    security_log.account_change(
        request, "invitation_revoked", invitation=invitation.pk, partner=invitation.partner_id
    )
    invitation.delete()


def _keeps_an_admin(membership, by):
    """Unless city staff act, the partner keeps an admin after `membership` stops being one."""
    if is_city_staff(by) or membership.role != Role.ADMIN:
        return
    others = membership.partner.memberships.filter(role=Role.ADMIN).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(LAST_ADMIN)


def change_role(request, membership, role):
    if role not in Role.values:
        raise ValidationError(_("Choose a role."))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != Role.ADMIN:
            _keeps_an_admin(membership, request.user)
        membership.role = role
        membership.save(update_fields=["role"])
    security_log.account_change(
        request,
        "membership_role",
        partner=membership.partner_id,
        member=membership.user_id,
        role=role,
    )


def remove_member(request, membership):
    """Remove a member (or, when `request.user` is the member, leave the partner)."""
    leaving = membership.user_id == request.user.pk
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _keeps_an_admin(membership, request.user)
        membership.delete()
    security_log.account_change(
        request,
        "membership_left" if leaving else "membership_removed",
        partner=membership.partner_id,
        member=membership.user_id,
    )
