import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import Invitation, Membership, Role
from tests.factories import PartnerFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(client, inviter, partner, email="new.member@example.org", role=Role.MEMBER):
    client.force_login(inviter)
    with translation.override("en"):
        url = reverse("partners:members", kwargs={"slug": partner.slug})
    return client.post(url, {"email": email, "role": role})


def link_in_last_mail():
    return re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)


def open_link(client, link):
    """Open the mailed link: the token goes into the session, the visitor on to a URL
    without it. Returns that URL."""
    response = client.get(link)
    assert response.status_code == 302
    return response["Location"]


def test_staff_invite_and_the_invitee_creates_an_account(client):
    partner = PartnerFactory(name_en="OGWA")
    response = invite(client, StaffUserFactory(), partner, email="Anna@Example.org")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "OGWA" in mail.outbox[-1].subject
    link = link_in_last_mail()
    client.logout()

    link = open_link(client, link)
    page = client.get(link)
    assert page.status_code == 200
    assert "anna@example.org" in page.content.decode()
    response = client.post(
        link,
        {"new_password1": "regenboog-wandeling-2026", "new_password2": "regenboog-wandeling-2026"},
    )

    assert response.status_code == 302
    membership = Membership.objects.get(partner=partner)
    assert membership.user.email == "anna@example.org"
    assert membership.role == Role.MEMBER
    assert membership.user.emailaddress_set.get().verified
    assert client.get(reverse("workspace")).status_code == 200  # signed in
    assert client.login(username="anna@example.org", password="regenboog-wandeling-2026")


def test_the_token_is_not_stored(client):
    invite(client, StaffUserFactory(), PartnerFactory())
    token = link_in_last_mail().rstrip("/").rsplit("/", 1)[-1]
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert Invitation.objects.for_token(token).exists()


def test_a_weak_password_is_refused_and_nothing_is_created(client):
    invite(client, StaffUserFactory(), PartnerFactory())
    link = link_in_last_mail()
    client.logout()
    link = open_link(client, link)

    response = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})

    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not Membership.objects.exists()


def test_a_used_link_cannot_be_used_again(client):
    invite(client, StaffUserFactory(), PartnerFactory())
    link = link_in_last_mail()
    client.logout()
    client.post(
        open_link(client, link),
        {"new_password1": "regenboog-wandeling-2026", "new_password2": "regenboog-wandeling-2026"},
    )
    client.logout()

    response = client.get(open_link(client, link))

    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_an_expired_link_gets_a_clear_page(client):
    invite(client, StaffUserFactory(), PartnerFactory())
    link = link_in_last_mail()
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    client.logout()

    response = client.post(
        open_link(client, link),
        {"new_password1": "regenboog-wandeling-2026", "new_password2": "regenboog-wandeling-2026"},
    )

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_forged_link_gets_a_clear_page(client):
    response = client.get(open_link(client, "/en/invitation/not-a-real-token/"))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_signed_in_with_another_email_address(client):
    invite(client, StaffUserFactory(), PartnerFactory())
    link = link_in_last_mail()
    client.force_login(UserFactory(email="someone.else@example.org"))

    response = client.post(open_link(client, link))

    assert response.status_code == 410
    assert "another email address" in response.content.decode()
    assert not Membership.objects.exists()


def test_an_existing_user_signs_in_and_accepts(client):
    person = UserFactory(email="known@example.org")
    partner = PartnerFactory()
    invite(client, StaffUserFactory(), partner, email="known@example.org", role=Role.ADMIN)
    link = link_in_last_mail()
    client.logout()

    link = open_link(client, link)
    page = client.get(link)
    assert "already an account" in page.content.decode()
    assert client.post(link, {"new_password1": "x", "new_password2": "x"}).status_code == 200
    assert not Membership.objects.exists()  # no account is made or taken over without sign-in

    client.force_login(person)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=person, partner=partner).role == Role.ADMIN


def test_a_partner_admin_invites_for_their_own_partner_only(client):
    own, other = PartnerFactory(), PartnerFactory()
    admin = UserFactory()
    Membership.objects.create(user=admin, partner=own, role=Role.ADMIN)

    assert invite(client, admin, own).status_code == 302
    assert invite(client, admin, other).status_code == 404
    assert Invitation.objects.filter(partner=other).count() == 0


def test_a_member_cannot_invite(client):
    partner = PartnerFactory()
    member = UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    assert invite(client, member, partner).status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_a_member_twice_is_a_form_error(client):
    partner = PartnerFactory()
    staff = StaffUserFactory()
    invite(client, staff, partner, email="twice@example.org")
    response = invite(client, staff, partner, email="twice@example.org")
    assert response.status_code == 200
    assert "still open" in response.content.decode()
    assert len(mail.outbox) == 1


def test_nobody_signs_up_without_an_invitation(client):
    page = client.get("/en/accounts/signup/")
    assert "invitation" in page.content.decode()
    response = client.post(
        "/en/accounts/signup/",
        {"email": "x@example.org", "password1": "regenboog-2026!", "password2": "regenboog-2026!"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.exists()
