"""A person's rights under the GDPR: the export of everything that names them (art. 15) and
its erasure (art. 17). Membership of a partner on an LGBTI portal can reveal orientation
(art. 9), so both walk every model rather than a list that a new model would silently escape.

What counts as naming a person: a foreign key to their account, a field holding one of their
email addresses, and, in the admin's change log, a description or link of their account.
"""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

FORMER_MEMBER = _("former member")
# history_change_reason of a change whose author was erased: the history page then says
# "former member" instead of "system" (both have no history_user).
ERASED_AUTHOR = "erased-author"

# Exported apart (below) or never: passwords and two-factor secrets are not "data about" the
# person but keys to their account, and would make the export a way in.
NOT_EXPORTED_FIELDS = {
    get_user_model(): {"password"},
    Authenticator: {"data"},
}


def user_fields():
    """(model, field) for every concrete field of every model (history tables, allauth's and
    Django's own, many-to-many tables included) that points to the user model."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                yield model, field


def email_fields():
    """(model, field) for every field that holds an email address, except the account's own."""
    user_model = get_user_model()
    for model in apps.get_models():
        if model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField) or field.name == "email":
                yield model, field


def addresses_of(user):
    emails = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return {e.lower() for e in emails | {user.email} if e}


def _matching(field_name, emails):
    condition = models.Q(pk__in=[])
    for email in emails:
        condition |= models.Q(**{f"{field_name}__iexact": email})
    return condition


def _log_entries_about(user, emails):
    """The admin's change log rows that describe the person: their account as the changed
    object, or an object described by their address (an email address, a membership)."""
    mentions = models.Q(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    names = emails | {user.username, user.get_full_name()}
    for text in filter(None, names):
        mentions |= models.Q(object_repr__icontains=text) | models.Q(change_message__icontains=text)
    return LogEntry.objects.filter(mentions)


def sessions_of(user):
    """Sessions signed in as the person. The user id is inside the signed session data, so
    each live session is decoded (there are few: they last SESSION_COOKIE_AGE)."""
    pk = str(user.pk)
    return [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == pk
    ]


# Export (GDPR art. 15)


def _rows(queryset, model):
    hidden = NOT_EXPORTED_FIELDS.get(model, set())
    fields = [f.name for f in model._meta.concrete_fields if f.name not in hidden]
    return [
        {"id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", queryset, fields=fields)
    ]


def personal_data(user):
    """Everything the portal holds that names `user`, as JSON-ready data."""
    emails = addresses_of(user)
    records = {}
    for model, field in user_fields():
        if model in (EmailAddress, Authenticator) or model._meta.auto_created:
            continue  # their own sections below; group links are in the account
        rows = _rows(model._base_manager.filter(**{field.attname: user.pk}), model)
        if rows:
            records.setdefault(model._meta.label, {})[field.name] = rows
    for model, field in email_fields():
        if model is EmailAddress:
            continue
        rows = _rows(model._base_manager.filter(_matching(field.name, emails)), model)
        if rows:
            records.setdefault(model._meta.label, {})[field.name] = rows
    return {
        "generated_at": timezone.now(),
        "account": _rows(get_user_model().objects.filter(pk=user.pk), get_user_model())[0],
        "groups": list(user.groups.values_list("name", flat=True)),
        "email_addresses": _rows(EmailAddress.objects.filter(user=user), EmailAddress),
        "two_factor_authenticators": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "signed_in_sessions": len(sessions_of(user)),
        "admin_change_log_about_you": _rows(_log_entries_about(user, emails), LogEntry),
        # The rest, by model and by the field that points to the person (an activity they
        # logged, a change they made, an invitation to their address...).
        "records": records,
        "security_log": str(
            _(
                "Sign-ins, sign-outs and two-factor changes are also written to the server's "
                "security log with your account number and IP address only, and deleted after "
                "%(days)s days. Ask the city for these lines if you want them."
            )
            % {"days": settings.SECURITY_LOG_RETENTION_DAYS}
        ),
    }


def export_zip(user) -> bytes:
    """The export as the person downloads it: one JSON file in a ZIP."""
    data = json.dumps(personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", data)
    return buffer.getvalue()


def export_filename(user):
    return f"regenboog-genk-personal-data-{user.pk}-{timezone.localdate():%Y-%m-%d}.zip"


# Erasure (GDPR art. 17)


@transaction.atomic
def erase(user):
    """Remove or anonymise everything that names `user`, then the account itself.

    Rows that exist only for the person (memberships, their email addresses, invitations to
    their address, two-factor authenticators, reminders sent to them, sessions) are deleted;
    what they made for the city (activities, progress updates, events, changes in the
    history) stays, with its author emptied: pages show "former member".
    """
    emails = addresses_of(user)
    for model, field in email_fields():
        model._base_manager.filter(_matching(field.name, emails)).delete()
    for model, field in user_fields():
        rows = model._base_manager.filter(**{field.attname: user.pk})
        if not field.null:
            rows.delete()
        elif field.name == "history_user":
            rows.update(history_user=None, history_change_reason=ERASED_AUTHOR)
        else:
            # Also history tables' copies (created_by...), which have no database constraint
            # and so would keep the id after the account is gone.
            rows.update(**{field.attname: None})
    with translation.override(settings.LANGUAGE_CODE):
        _log_entries_about(user, emails).update(
            object_repr=str(FORMER_MEMBER), object_id=None, change_message=""
        )
    Session.objects.filter(pk__in=sessions_of(user)).delete()
    user.delete()
