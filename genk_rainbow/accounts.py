import datetime
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from .identity import SiteIdentity

# The pages of a first two-factor set-up: the authenticator app, then its recovery codes.
FIRST_SET_UP_VIEWS = {
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
}


def signed_in_at(request):
    """When this session last signed in (password or two-factor), as a timestamp, or None."""
    records = get_authentication_records(request, request.user)
    return records[-1]["at"] if records else None


def signed_in_just_now(request) -> bool:
    """The last sign-in lies within ACCOUNT_REAUTHENTICATION_TIMEOUT: as fresh as a
    re-authentication would be."""
    at = signed_in_at(request)
    return at is not None and time.time() - at < account_settings.REAUTHENTICATION_TIMEOUT


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts are made by accepting an invitation
    (partners.workspace.accept_invitation)."""

    def is_open_for_signup(self, request):
        return False

    def format_email_subject(self, subject):
        """Mails start with the site's name, as the city's identity gives it."""
        return f"[{SiteIdentity.current().name}] {subject}"

    def is_reauthentication_required(self, *, app, **kwargs):
        """Staff are sent to two-factor set-up right after signing in; allauth would ask for
        the password they just typed a second time (it counts only an explicit
        re-authentication). A sign-in within the re-authentication timeout counts for the
        first set-up: the app and then its recovery codes, while no other authenticator
        than the one just added exists. Removing two-factor and every other
        sensitive page still ask."""
        request = context.request
        match = getattr(request, "resolver_match", None)
        if (
            app == "allauth.mfa"
            and request is not None
            and request.user.is_authenticated
            and match is not None
            and match.url_name in FIRST_SET_UP_VIEWS
            and signed_in_just_now(request)
            and self._first_set_up(request, match.url_name)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    @staticmethod
    def _first_set_up(request, url_name):
        if url_name == "mfa_activate_totp":
            return not is_mfa_enabled(request.user)
        # the recovery codes made with an app activated since this sign-in
        since = datetime.datetime.fromtimestamp(signed_in_at(request), datetime.UTC)
        return Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP, created_at__gte=since
        ).exists()
