"""Hardening: production settings pass Django's deployment check, every response carries the
security headers, staff cannot work without two-factor authentication and there is one way in."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tests.factories import StaffUserFactory, UserFactory, totp_code

ROOT = settings.BASE_DIR
PASSWORD = "a-long-test-password-42"


def test_deployment_check_passes_with_production_environment():
    # What tests/environment.py and the browser tests set for themselves is not production.
    test_only = {
        "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SECURE_SSL_REDIRECT", "STATICFILES_BACKEND",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "regenboog.genk.be",
        "DATABASE_URL": "postgres://regenboog@127.0.0.1:5432/regenboog",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_cache_is_shared_between_processes():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {
        "genk_rainbow.cache.ResilientRedisCache",
        "django.core.cache.backends.db.DatabaseCache",
    }


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers_and_a_strict_csp(client):
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    # Anonymous pages may be cached and set no cookie.
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies


INLINE_CODE = re.compile(
    r"""\sstyle=|\son[a-z]+=|<style|<script(?![^>]*\s(src|type="application/json")=?)"""
)


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style_the_csp_would_block(client, rainbow_plan):
    urls = [
        reverse("home"),
        reverse("actionplan:current_plan"),
        reverse("partners:list"),
        reverse("account_login"),
        reverse("account_reset_password"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert not INLINE_CODE.search(html), (url, INLINE_CODE.search(html))
    client.post(reverse("account_login"), {"login": UserFactory().email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for url in [reverse("workspace"), reverse("mfa_index"), reverse("mfa_activate_totp")]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_CODE.search(html), (url, INLINE_CODE.search(html))
    client.force_login(StaffUserFactory(is_superuser=True))
    for url in [reverse("admin:index"), reverse("admin:actionplan_action_changelist")]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_CODE.search(html), (url, INLINE_CODE.search(html))


@pytest.mark.django_db
def test_signed_in_pages_are_never_stored_and_cookies_are_host_only(client):
    response = client.post(
        reverse("account_login"), {"login": UserFactory().email, "password": PASSWORD}
    )
    assert response.status_code == 302
    session_cookie = response.cookies["__Host-sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax" and session_cookie["path"] == "/"
    assert not session_cookie["domain"]
    response = client.get(reverse("workspace"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("home"))["Cache-Control"]
    csrf_cookie = response.cookies.get("__Host-csrftoken") or client.cookies["__Host-csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"] and csrf_cookie["samesite"] == "Lax"


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [StaffUserFactory, UserFactory])
def test_staff_without_two_factor_are_sent_to_set_it_up(client, factory):
    kwargs = {"is_staff": True, "is_superuser": True} if factory is UserFactory else {}
    client.force_login(factory(totp=False, **kwargs))
    for url in [
        reverse("workspace"),
        reverse("review_queue"),
        reverse("admin:index"),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url


@pytest.mark.django_db
def test_partners_do_not_need_two_factor(client):
    client.force_login(UserFactory())
    assert client.get(reverse("workspace")).status_code == 200


@pytest.mark.django_db
def test_staff_set_up_an_authenticator_app_then_reach_their_pages(client):
    staff = StaffUserFactory(totp=False)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    response = client.get(reverse("workspace"))
    assert response["Location"] == reverse("mfa_activate_totp")
    # The password was typed a moment ago: the set-up opens without asking it again
    # (genk_rainbow/accounts.py; tests/genk_rainbow/test_mfa_setup.py for when it does ask).
    assert client.get(response["Location"]).status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("review_queue")).status_code == 200


@pytest.mark.django_db
def test_staff_sign_in_asks_for_the_code_before_any_page(client):
    staff = StaffUserFactory()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("workspace")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert client.get(reverse("workspace")).status_code == 302  # a wrong code gets nowhere
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("review_queue")).status_code == 200


@pytest.mark.django_db
def test_the_admin_login_is_allauths_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    # A password posted to the admin's own form is never checked there.
    staff = StaffUserFactory()
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    client.force_login(UserFactory())
    assert client.get(reverse("admin:login")).status_code == 403


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    cache.clear()
    user = UserFactory()
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session, "the right password after 5 failures waits"
    assert response.status_code in {200, 429}
    cache.clear()


@pytest.mark.django_db
def test_a_deactivated_users_session_ends(client):
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.get(reverse("workspace")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_changing_the_email_address_needs_a_recent_sign_in(client):
    client.force_login(UserFactory())  # no sign-in through allauth: not recent
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.django_db
def test_changing_the_password_needs_the_current_one(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "not-the-password",
            "password1": "n3w-Lange-zin!",
            "password2": "n3w-Lange-zin!",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["oldpassword"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
