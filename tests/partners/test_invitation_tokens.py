"""An invitation's token leaves the URL at the first request and is never logged; several
simultaneous acceptances of one invitation give one account and a clear 410 to the others."""

import datetime
import logging
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from gunicorn.config import Config

from genk_rainbow.gunicorn_logging import RedactingLogger
from partners.models import Invitation, InvitationError, Membership, Role
from tests.factories import PartnerFactory, StaffUserFactory
from tests.partners.test_invitations import invite, link_in_last_mail

EMAIL = "kim.peeters@example.org"
PASSWORDS = {
    "new_password1": "regenboog-wandeling-2026",
    "new_password2": "regenboog-wandeling-2026",
}


def accept_url():
    with translation.override("en"):
        return reverse("partners:invitation", kwargs={"token": "accept"})


@pytest.mark.django_db
def test_the_token_leaves_the_url_at_the_first_request(client):
    invite(client, StaffUserFactory(), PartnerFactory(), email=EMAIL)
    link = link_in_last_mail()
    token = link.rstrip("/").rsplit("/", 1)[-1]
    client.logout()

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"] == accept_url()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert EMAIL in page.content.decode() and token not in page.content.decode()
    assert client.post(accept_url(), PASSWORDS).status_code == 302
    assert Membership.objects.get().user.email == EMAIL


@pytest.mark.django_db
def test_the_accept_page_without_a_link_opened_first_is_not_valid(client):
    response = client.get(accept_url())
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


@pytest.mark.django_db
def test_no_log_line_holds_the_token_or_the_address(client, caplog):
    caplog.set_level(logging.DEBUG)
    invite(client, StaffUserFactory(), PartnerFactory(), email=EMAIL)
    link = link_in_last_mail()
    token = link.rstrip("/").rsplit("/", 1)[-1]
    client.logout()
    mail.outbox.clear()
    caplog.clear()

    # A form posted without its CSRF token is refused (403, security log) on the link itself.
    assert Client(enforce_csrf_checks=True).post(link, PASSWORDS).status_code == 403
    client.get(link)
    client.post(accept_url(), {"new_password1": "12345678", "new_password2": "12345678"})
    client.post(accept_url(), PASSWORDS)
    client.logout()
    client.get(link)
    assert client.get(accept_url()).status_code == 410  # used: "Gone" is logged by Django
    client.get(link[:-5] + "xxxx/")
    assert client.get(accept_url()).status_code == 404

    assert "permission_denied" in caplog.text and "Gone" in caplog.text
    assert token not in caplog.text
    assert EMAIL not in caplog.text


def test_gunicorn_access_log_leaves_secrets_out():
    class Response:
        status, sent, headers = "302 Found", 0, []

    def line(path, referer="-"):
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_REFERER": referer,
        }
        logger = RedactingLogger(Config())
        atoms = logger.atoms(Response(), [], environ, datetime.timedelta(seconds=0))
        return logger.cfg.access_log_format % atoms

    secret = "Zq3vN8x-4kP_s0meT0ken"
    for path in [f"/nl/uitnodiging/{secret}/", f"/en/invitation/{secret}/",
                 f"/nl/accounts/password/reset/key/1c-{secret}/",
                 f"/en/accounts/confirm-email/{secret}/"]:  # fmt: skip
        logged = line(path, referer=f"https://regenboog.genk.be{path}")
        assert secret not in logged
        assert "/*/" in logged or "key/*" in logged
    assert "/nl/uitnodiging/accept/" in line("/nl/uitnodiging/accept/")
    assert "/nl/agenda/?dag=1" in line("/nl/agenda/?dag=1")


@pytest.mark.django_db
def test_an_acceptance_that_lost_the_race_makes_no_account():
    invitation, _token = Invitation.create(
        email=EMAIL, partner=PartnerFactory(), role=Role.MEMBER, invited_by=None
    )
    stale = Invitation.objects.get(pk=invitation.pk)  # read before the other request won
    User = get_user_model()
    invitation.accept(new_account=lambda: User.objects.create_user(EMAIL, EMAIL))

    made = []
    with translation.override("en"), pytest.raises(InvitationError, match="already been used"):
        stale.accept(new_account=lambda: made.append(1))
    assert made == []
    assert User.objects.count() == 1 and Membership.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_acceptances_give_one_account_and_410s(caplog):
    """Four people (or one impatient double-click) submit the same invitation at once."""
    caplog.set_level(logging.INFO)
    _invitation, token = Invitation.create(
        email=EMAIL, partner=PartnerFactory(), role=Role.MEMBER, invited_by=None
    )
    with translation.override("en"):
        link = reverse("partners:invitation", kwargs={"token": token})
    clients = [Client() for _ in range(4)]
    for browser in clients:
        browser.get(link)
        assert browser.get(accept_url()).status_code == 200  # every form is on screen
    start, answers = threading.Barrier(len(clients)), []

    def submit(browser):
        try:
            start.wait()
            response = browser.post(accept_url(), PASSWORDS)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=[b]) for b in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in answers) == [302, 410, 410, 410]
    assert all("already been used" in text for status, text in answers if status == 410)
    assert get_user_model().objects.filter(email=EMAIL).count() == 1
    assert Membership.objects.count() == 1
    assert EMAIL not in caplog.text and "ERROR" not in caplog.text
