"""The security log: sign-ins, sign-outs, failed sign-ins, two-factor changes, permission
denials and admin changes, with time, user id and IP address only. Never email addresses,
names or titles: who works on an LGBTI portal, or what they edited, is sensitive."""

import logging

from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from simple_history.models import HistoricalRecords

logger = logging.getLogger("regenboog.security")


def client_ip(request) -> str:
    """The visitor's address as allauth's rate limits see it (ALLAUTH_TRUSTED_PROXY_COUNT
    proxies trusted in X-Forwarded-For), so the log and the limits name the same address."""
    if request is None:
        return "-"
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):  # no address, or fewer hops than proxies
        return request.META.get("REMOTE_ADDR", "-")


def _user_id(user):
    return user.pk if user is not None and user.is_authenticated else "-"


def logged_in(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.pk, client_ip(request))


def logged_out(sender, request, user, **kwargs):
    logger.info("logout user=%s ip=%s", _user_id(user), client_ip(request))


def login_failed(sender, credentials, request=None, **kwargs):
    # The account tried, by id, if it exists; the address typed is left out.
    login = credentials.get("email") or credentials.get("username") or ""
    user = (
        get_user_model().objects.filter(email__iexact=login).only("pk").first() if login else None
    )
    logger.warning("login_failed user=%s ip=%s", user.pk if user else "-", client_ip(request))


def mfa_added(sender, request, user, authenticator, **kwargs):
    logger.info("mfa_added type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request))


def mfa_removed(sender, request, user, authenticator, **kwargs):
    logger.warning(
        "mfa_removed type=%s user=%s ip=%s", authenticator.type, user.pk, client_ip(request)
    )


# URL parts that are secrets (an invitation token, allauth's password-reset and
# email-confirmation keys): never written to the log.
SECRET_URL_KWARGS = {"token", "key", "uidb36"}


def loggable_path(request):
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match else ():
        if name in SECRET_URL_KWARGS and value and value != "accept":
            path = path.replace(str(value), "*")
    return path


def permission_denied(request):
    logger.warning(
        "permission_denied user=%s ip=%s method=%s path=%s",
        _user_id(getattr(request, "user", None)),
        client_ip(request),
        request.method,
        loggable_path(request),
    )


def personal_data_exported(request, user):
    """A person's data export was downloaded (by them, or by staff on their request)."""
    logger.info(
        "personal_data_export user=%s by=%s ip=%s",
        user.pk,
        _user_id(request.user),
        client_ip(request),
    )


def account_erased(request, user):
    # The id of an erased account names nobody any more: the line proves the erasure happened.
    logger.warning(
        "account_erased user=%s by=%s ip=%s", user.pk, _user_id(request.user), client_ip(request)
    )


def account_change(request, event, **ids):
    """A change to who acts for a partner (an invitation resent or revoked, a role changed,
    a member removed, someone leaving): the kind of change, the ids involved (never an
    address), by whom and from where."""
    fields = " ".join(f"{name}={int(value) if name != 'role' else value}"
                      for name, value in ids.items())  # fmt: skip
    logger.info("%s %s by=%s ip=%s", event, fields, _user_id(request.user), client_ip(request))


def admin_change(sender, instance, created, **kwargs):
    """A LogEntry the admin wrote: what kind of change to which object, by whom, from where
    (the request as simple-history's middleware keeps it for this thread)."""
    if not created:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    action = {1: "add", 2: "change", 3: "delete"}.get(instance.action_flag, "other")
    logger.info(
        "admin_%s model=%s object=%s user=%s ip=%s",
        action,
        instance.content_type.model if instance.content_type_id else "-",
        instance.object_id or "-",
        instance.user_id,
        client_ip(request),
    )


def connect():
    from allauth.mfa import signals as mfa_signals
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import signals as auth_signals
    from django.db.models.signals import post_save

    auth_signals.user_logged_in.connect(logged_in, dispatch_uid="security_log_in")
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid="security_log_out")
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid="security_log_failed")
    mfa_signals.authenticator_added.connect(mfa_added, dispatch_uid="security_log_mfa_add")
    mfa_signals.authenticator_removed.connect(mfa_removed, dispatch_uid="security_log_mfa_rm")
    post_save.connect(admin_change, sender=LogEntry, dispatch_uid="security_log_admin")
