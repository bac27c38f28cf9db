"""The security log records who (user id), from where (IP) and when, and nothing that says
who a person is or what they work on."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from actionplan.models import Action
from tests.factories import ActionFactory, StaffUserFactory, UserFactory, totp_code

PASSWORD = "a-long-test-password-42"
IP = "203.0.113.7"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="regenboog.security")
    return caplog


def lines(caplog):
    return [r for r in caplog.records if r.name == "regenboog.security"]


def assert_nothing_personal(caplog, *secrets):
    text = caplog.text
    for secret in secrets:
        assert secret not in text


@pytest.mark.django_db
def test_login_logout_and_failed_login_are_logged_without_email(client, security_log):
    user = UserFactory(email="sam@ogwa.example", username="sam@ogwa.example")
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "wrong"},
        REMOTE_ADDR=IP,
    )
    client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, REMOTE_ADDR=IP
    )
    client.post(reverse("account_logout"), REMOTE_ADDR=IP)
    messages = [r.getMessage() for r in lines(security_log)]
    assert messages == [
        f"login_failed user={user.pk} ip={IP}",
        f"login user={user.pk} ip={IP}",
        f"logout user={user.pk} ip={IP}",
    ]
    assert lines(security_log)[0].levelname == "WARNING"
    assert_nothing_personal(security_log, "sam@ogwa.example", "ogwa")
    # Each line carries its time (the formatter in settings.LOGGING prints it).
    assert all(record.created for record in lines(security_log))


@pytest.mark.django_db
def test_failed_login_for_an_unknown_address_is_logged_without_it(client, security_log):
    client.post(
        reverse("account_login"),
        {"login": "nobody@example.org", "password": "x"},
        REMOTE_ADDR=IP,
    )
    assert [r.getMessage() for r in lines(security_log)] == [f"login_failed user=- ip={IP}"]
    assert_nothing_personal(security_log, "nobody")


@pytest.mark.django_db
def test_permission_denials_are_logged(client, security_log):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("review_queue"), REMOTE_ADDR=IP)
    assert response.status_code == 403
    (record,) = [r for r in lines(security_log) if "permission_denied" in r.getMessage()]
    assert record.getMessage().startswith(f"permission_denied user={user.pk} ip={IP} method=GET")


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_the_proxy_saw_is_logged(client, security_log):
    client.force_login(UserFactory())
    client.get(
        reverse("review_queue"),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {IP}",  # the first entry is the client's own claim
    )
    assert f"ip={IP}" in lines(security_log)[-1].getMessage()


@pytest.mark.django_db
def test_admin_changes_are_logged_without_titles(client, security_log):
    staff = StaffUserFactory(is_superuser=True)
    action = ActionFactory(title_nl="Zebrapad in regenboogkleuren")
    client.force_login(staff)
    url = reverse("admin:actionplan_action_delete", args=[action.pk])
    response = client.post(url, {"post": "yes"}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    messages = [r.getMessage() for r in lines(security_log)]
    assert f"admin_delete model=action object={action.pk} user={staff.pk} ip={IP}" in messages
    assert_nothing_personal(security_log, "Zebrapad", staff.email)


@pytest.mark.django_db
def test_two_factor_sign_in_is_logged(client, security_log):
    staff = StaffUserFactory()
    client.post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}, REMOTE_ADDR=IP
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code()}, REMOTE_ADDR=IP)
    assert f"login user={staff.pk} ip={IP}" in [r.getMessage() for r in lines(security_log)]
    assert_nothing_personal(security_log, staff.email)
