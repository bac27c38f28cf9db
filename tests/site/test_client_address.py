"""Behind nginx every request comes from 127.0.0.1: the visitor's address is the one the proxy
puts in X-Forwarded-For (NUM_PROXIES), so one address's failed sign-ins block only that one."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD_FOR_TESTS, UserFactory

ATTACKER, RESIDENT = "203.0.113.7", "198.51.100.20"


def is_limited(response):
    form = response.context["form"]
    return form.has_error("__all__", "too_many_login_attempts")


def sign_in(client, login, password, address):
    return client.post(
        reverse("account_login"),
        {"login": login, "password": password},
        REMOTE_ADDR="127.0.0.1",  # nginx
        HTTP_X_FORWARDED_FOR=f"10.0.0.1, {address}",  # the first hop is the client's claim
    )


@pytest.fixture
def empty_limits(db):
    cache.clear()
    yield
    cache.clear()


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_failed_sign_ins_from_one_address_do_not_block_another(client, empty_limits):
    partner = UserFactory()
    for attempt in range(25):  # sprayed: a few tries on each of many addresses
        sign_in(client, f"someone{attempt % 7}@example.org", "wrong-password", ATTACKER)
    blocked = sign_in(client, "someone0@example.org", "wrong-password", ATTACKER)
    assert is_limited(blocked), "the attacker's own address is limited"

    response = sign_in(client, partner.email, PASSWORD_FOR_TESTS, RESIDENT)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner.pk)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_address_a_client_claims_for_itself_is_not_trusted(client, empty_limits):
    """Only the hop nginx added counts: a forged first entry changes nothing."""
    for attempt in range(12):
        client.post(
            reverse("account_login"),
            {"login": f"x{attempt}@example.org", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {ATTACKER}",
        )
    assert is_limited(sign_in(client, "x0@example.org", "wrong", ATTACKER))
