"""Partner admins and city staff manage who acts for a partner: pending invitations are listed,
sent again (a new link; the old one stops working) or revoked; members change role or are
removed; anyone may leave. A partner keeps an admin, and every change is in the security log
with ids only, never an address."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from partners.models import Invitation, Membership, Role
from tests.factories import PartnerFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(caplog):
    caplog.set_level(logging.INFO, logger="regenboog.security")
    partner = PartnerFactory(name_nl="OGWA", slug_nl="ogwa")
    admin = UserFactory(email="admin@ogwa.example")
    member = UserFactory(email="sam@ogwa.example")
    Membership.objects.create(user=admin, partner=partner, role=Role.ADMIN)
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    return partner, admin, member


def security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "regenboog.security"]


def url(name, partner, **kwargs):
    return reverse(f"partners:{name}", kwargs={"slug": partner.slug, **kwargs})


def test_pending_invitations_are_listed_resent_and_revoked(client, team, caplog):
    partner, admin, _member = team
    invitation, old_token = Invitation.create(
        email="nieuw@example.org", partner=partner, role=Role.MEMBER, invited_by=admin
    )
    client.force_login(admin)
    page = client.get(url("members", partner)).content.decode()
    assert "nieuw@example.org" in page and "Opnieuw sturen naar nieuw@example.org" in page

    client.post(url("invitation_resend", partner, pk=invitation.pk))
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    new_token = re.search(r"/uitnodiging/(\S+?)/", mail.outbox[-1].body).group(1)
    assert new_token != old_token
    assert not Invitation.objects.for_token(old_token).exists()  # the old link is dead
    assert Invitation.objects.for_token(new_token).get() == invitation

    client.post(url("invitation_revoke", partner, pk=invitation.pk))
    assert not Invitation.objects.exists()
    page = client.get(url("members", partner)).content.decode()
    assert "Opnieuw sturen naar" not in page and "Geen openstaande uitnodigingen." in page
    log = security_lines(caplog)
    assert any(line.startswith(f"invitation_resent invitation={invitation.pk}") for line in log)
    assert any(line.startswith(f"invitation_revoked invitation={invitation.pk}") for line in log)
    assert "@" not in caplog.text


def test_admins_change_roles_and_remove_members(client, team, caplog):
    partner, admin, member = team
    client.force_login(admin)
    membership = member.memberships.get()
    client.post(url("member_role", partner, pk=membership.pk), {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    client.post(url("member_remove", partner, pk=membership.pk))
    assert not member.memberships.exists()
    log = security_lines(caplog)
    assert f"membership_role partner={partner.pk} member={member.pk} role=admin by={admin.pk}" in (
        " ".join(log)
    )
    assert any(line.startswith(f"membership_removed partner={partner.pk}") for line in log)
    assert "ogwa.example" not in caplog.text


def test_a_member_cannot_manage_and_another_partners_admin_gets_404(client, team):
    partner, admin, member = team
    client.force_login(member)
    target = admin.memberships.get()
    assert client.post(url("member_remove", partner, pk=target.pk)).status_code == 404
    other_admin = UserFactory()
    Membership.objects.create(user=other_admin, partner=PartnerFactory(), role=Role.ADMIN)
    client.force_login(other_admin)
    assert (
        client.post(url("member_role", partner, pk=target.pk), {"role": "member"}).status_code
        == 404
    )
    assert admin.memberships.get().role == Role.ADMIN


def test_a_partner_keeps_its_last_admin(client, team):
    partner, admin, _member = team
    client.force_login(admin)
    own = admin.memberships.get()
    response = client.post(
        url("member_role", partner, pk=own.pk), {"role": Role.MEMBER}, follow=True
    )
    assert "minstens één beheerder nodig" in response.content.decode()
    assert client.post(url("leave", partner)).status_code == 302
    assert admin.memberships.get().role == Role.ADMIN  # still there, still admin
    client.force_login(StaffUserFactory())  # city staff may (and can invite a new admin)
    client.post(url("member_role", partner, pk=own.pk), {"role": Role.MEMBER})
    own.refresh_from_db()
    assert own.role == Role.MEMBER


def test_a_member_leaves_a_partner(client, team, caplog):
    partner, _admin, member = team
    client.force_login(member)
    response = client.post(url("leave", partner), follow=True)
    assert "U verliet OGWA." in response.content.decode()
    assert not member.memberships.exists()
    assert any(
        line.startswith(f"membership_left partner={partner.pk} member={member.pk}")
        for line in security_lines(caplog)
    )
