"""Anonymous visitors get no cookies: only a page with a form they need (signing in, resetting
a password, accepting an invitation) sets one, the CSRF cookie, and nothing else; an
invitation link also gets the session cookie that carries its token."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from partners.models import Invitation, Role
from tests.factories import PartnerFactory, StaffUserFactory

from .test_public_pages import public_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_have_no_form_and_set_no_cookie(client, rainbow_plan, language):
    for url in public_urls(language):
        response = client.get(url)
        # A GET form (the agenda's filters) needs no CSRF token; a POST form would set a cookie.
        posting = re.findall(r'<form[^>]*method="post"', response.content.decode(), re.IGNORECASE)
        assert not posting, f"{url} has a form that posts"
        assert not response.cookies, f"{url} set {list(response.cookies)}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_only_pages_with_a_form_set_the_csrf_cookie_and_nothing_else(client, language):
    _, token = Invitation.create(
        email="new@example.org", partner=PartnerFactory(), role=Role.MEMBER,
        invited_by=StaffUserFactory(),
    )  # fmt: skip
    with translation.override(language):
        urls = [
            reverse("account_login"),
            reverse("account_reset_password"),
        ]
        link = reverse("partners:invitation", kwargs={"token": token})
    for url in urls:
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<form" in response.content.decode(), url
        assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}, url
        cookie = response.cookies[settings.CSRF_COOKIE_NAME]
        assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax", url

    # An invitation link carries its token into the session (out of the URL, as Django's
    # password reset does): the session cookie, then the form's CSRF cookie.
    client.cookies.clear()
    response = client.get(link)
    assert response.status_code == 302
    assert set(response.cookies) == {settings.SESSION_COOKIE_NAME}
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    response = client.get(response["Location"])
    assert "<form" in response.content.decode()
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}
