"""Middleware that keeps accounts and private pages safe."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import security_log
from .roles import is_city_staff


def needs_mfa_setup(user) -> bool:
    """City staff and anyone who can open the admin must use two-factor authentication."""
    return (
        user.is_authenticated
        and (user.is_staff or is_city_staff(user))
        and not is_mfa_enabled(user)
    )


class StaffMFARequiredMiddleware:
    """A staff account without two-factor authentication sees the set-up page and nothing
    else: only allauth's own pages (set up MFA, reauthenticate, sign out) stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.url_name if match else ""
        if name and name.startswith(("account_", "mfa_")):
            return None
        if not needs_mfa_setup(request.user):
            return None
        messages.warning(
            request,
            _(
                "City staff sign in with two-factor authentication. "
                "Set up an authenticator app first."
            ),
        )
        return redirect("mfa_activate_totp")


class PrivatePagesMiddleware:
    """Pages for a signed-in user are never stored by browsers or proxies (a shared computer
    must not show them after sign-out); no page may be embedded by another site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class PermissionDeniedLogMiddleware:
    """Every 403 answer (a role the user lacks, a failed CSRF check) is logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            security_log.permission_denied(request)
        return response
