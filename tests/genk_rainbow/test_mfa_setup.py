"""A staff member's first sign-in: the password once, then straight to two-factor set-up (no
second password prompt right after typing it), then the recovery codes with a way on to the
workspace. A sign-in that is not fresh, or removing two-factor, still asks again."""

import time

import pytest
from django.urls import reverse

from tests.factories import PASSWORD_FOR_TESTS, StaffUserFactory, totp_code

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD_FOR_TESTS}
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def test_one_password_prompt_then_two_factor_set_up_then_continue(client):
    user = StaffUserFactory(totp=False)
    assert sign_in(client, user)["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200  # not the re-authentication page
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    assert f'href="{reverse("workspace")}"' in codes.content.decode()
    assert client.get(reverse("workspace")).status_code == 200


def test_a_sign_in_that_is_not_fresh_asks_for_the_password_again(client, settings):
    user = StaffUserFactory(totp=False)
    sign_in(client, user)
    session = client.session
    records = session["account_authentication_methods"]
    records[-1]["at"] = time.time() - settings.ACCOUNT_REAUTHENTICATION_TIMEOUT - 1
    session["account_authentication_methods"] = records
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_removing_two_factor_still_asks_for_the_password(client):
    user = StaffUserFactory(totp=False)
    sign_in(client, user)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
