"""Middleware that keeps accounts and private pages safe."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import security_log
from .errors import bad_input
from .identity import SiteIdentity
from .roles import is_city_staff


def needs_mfa_setup(user) -> bool:
    """City staff and anyone who can open the admin must use two-factor authentication."""
    return (
        user.is_authenticated
        and (user.is_staff or is_city_staff(user))
        and not is_mfa_enabled(user)
    )


# allauth's views that a staff member without two-factor may open: sign in and out, confirm
# who they are, recover a password, set up two-factor and its recovery codes. Not a name
# prefix: the admin's own pages for allauth's models are named account_emailaddress_* and
# mfa_authenticator_*, and changing an e-mail address waits until two-factor is on.
MFA_SETUP_VIEWS = {
    "account_login", "account_logout", "account_inactive", "account_reauthenticate",
    "account_request_reauthentication_code", "account_confirm_reauthentication_code",
    "account_email_verification_sent", "account_confirm_email", "account_reset_password",
    "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "mfa_index", "mfa_authenticate",
    "mfa_reauthenticate", "mfa_activate_totp", "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_download_recovery_codes",
}  # fmt: skip


def is_mfa_setup_view(match, view_func) -> bool:
    return (
        match is not None
        and match.url_name in MFA_SETUP_VIEWS
        and view_func.__module__.startswith("allauth.")
    )


class StaffMFARequiredMiddleware:
    """A staff account without two-factor authentication sees the set-up page and nothing
    else: only MFA_SETUP_VIEWS stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_mfa_setup_view(request.resolver_match, view_func):
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
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
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


class UnreadableInputMiddleware:
    """A NUL character in the address or a posted form is never a real person's input, and
    PostgreSQL refuses it in a query (a 500 in the admin's filters): answered with 400 here,
    before any view or cache sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or self._has_nul(request):
            return bad_input(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request):
        values = [*request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            values += [*request.POST.keys(), *(v for vs in request.POST.lists() for v in vs[1])]
        return any("\x00" in value for value in values)


class PublishedLanguagesMiddleware:
    """A city publishes the languages its identity lists, among those the interface has: a
    page in another one is a 404, and a visitor whose browser asks for it gets the default
    language. The default language is always published, so its pages cost no query here; for
    the others the identity read here is the one the templates show (request.identity)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language()
        if language != settings.LANGUAGE_CODE:
            request.identity = SiteIdentity.current()
            if language not in request.identity.language_codes:
                translation.activate(settings.LANGUAGE_CODE)
                request.LANGUAGE_CODE = settings.LANGUAGE_CODE
                if translation.get_language_from_path(request.path_info):
                    raise Http404
        return self.get_response(request)
