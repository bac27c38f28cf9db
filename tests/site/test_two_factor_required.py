"""Two-factor authentication is required for staff and superusers: without it, every page but
allauth's own sign-in and set-up pages sends them to set up an authenticator app. The admin's
pages for allauth's models (account_emailaddress_*, mfa_authenticator_*) are no exception."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from genk_rainbow.middleware import MFA_SETUP_VIEWS
from tests.factories import StaffUserFactory, UserFactory

NO_TWO_FACTOR = {
    "staff without two-factor": lambda: StaffUserFactory(totp=False),
    "superuser without two-factor": lambda: UserFactory(
        is_staff=True, is_superuser=True, totp=False
    ),
}
ARGUMENTS = {
    "app_label": "partners", "content_type_id": "1", "object_id": "1", "url": "x/", "id": "1",
}  # fmt: skip


def admin_urls(patterns=None, prefix="admin:"):
    """Every URL of the admin, with placeholder arguments: the middleware answers first."""
    if patterns is None:
        patterns = next(
            p for p in get_resolver().url_patterns if getattr(p, "app_name", "") == "admin"
        ).url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_urls(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            regex = pattern.pattern.regex
            kwargs = {k: ARGUMENTS[k] for k in regex.groupindex}
            args = [] if kwargs else ["1"] * regex.groups  # simple-history's unnamed groups
            yield reverse(prefix + pattern.name, args=args, kwargs=kwargs)


def test_the_admin_has_pages_for_allauths_own_models():
    urls = list(admin_urls())
    assert len(urls) > 100
    assert reverse("admin:mfa_authenticator_delete", args=["1"]) in urls
    assert reverse("admin:account_emailaddress_change", args=["1"]) in urls


@pytest.mark.parametrize("who", NO_TWO_FACTOR)
def test_without_two_factor_no_admin_page_opens(client, db, who):
    client.force_login(NO_TWO_FACTOR[who]())
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url


def test_a_superuser_without_two_factor_cannot_take_over_a_staff_account(client, db):
    """The probe's attack: delete a staff member's authenticator, change their address."""
    staff = StaffUserFactory()
    client.force_login(NO_TWO_FACTOR["superuser without two-factor"]())
    authenticator = Authenticator.objects.get(user=staff)
    address = EmailAddress.objects.get(user=staff)
    client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": staff.pk, "email": "attacker@example.org", "verified": "on", "primary": "on"},
    )
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    address.refresh_from_db()
    assert address.email == staff.email


@pytest.mark.parametrize("name", sorted(MFA_SETUP_VIEWS))
def test_the_set_up_pages_stay_open_without_two_factor(client, db, name):
    client.force_login(NO_TWO_FACTOR["staff without two-factor"]())
    kwargs = {
        "account_confirm_email": {"key": "forged"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "forged"},
    }.get(name, {})
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code < 500
    assert response.get("Location") != reverse("mfa_activate_totp"), name
