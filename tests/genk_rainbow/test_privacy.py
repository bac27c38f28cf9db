"""A person's data: export (GDPR art. 15) and erasure (art. 17). The erasure test walks every
model (history tables, allauth's and Django's own) for anything still naming the person."""

import datetime
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplan.models import ProgressUpdate, Reminder
from genk_rainbow import mfa, privacy
from partners.models import Activity, Invitation, Membership, Role
from tests.factories import (
    TOTP_SECRET,
    ActionFactory,
    EventFactory,
    PartnerFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"
EMAIL, PRIVATE_EMAIL = "robin.vermeulen@ogwa.example", "robin@private.example"
NAMES = [EMAIL, PRIVATE_EMAIL, "Robin Vermeulen", "Vermeulen"]


def with_history_user(obj, user):
    obj._history_user = user  # simple-history records this user as the author of the change
    obj.save()
    return obj


@pytest.fixture
def person():
    """Robin, partner admin of OGWA, who also works for the city: every kind of row that
    names a person."""
    robin = StaffUserFactory(username=EMAIL, email=EMAIL, first_name="Robin", last_name="Vermeulen")
    RecoveryCodes.activate(robin)
    EmailAddress.objects.create(user=robin, email=PRIVATE_EMAIL, verified=True)
    colleague = StaffUserFactory()
    ogwa, cavaria = PartnerFactory(name_en="OGWA"), PartnerFactory(name_en="Cavaria")
    invitation, _token = Invitation.create(
        email=EMAIL, partner=ogwa, role=Role.ADMIN, invited_by=colleague
    )
    invitation.accept(robin)
    Invitation.create(email="Robin@Private.example", partner=cavaria, role=Role.MEMBER,
                      invited_by=colleague)  # fmt: skip
    Invitation.create(email="new@ogwa.example", partner=ogwa, role=Role.MEMBER, invited_by=robin)
    activity = with_history_user(
        Activity(partner=ogwa, title="Rainbow walk", date=datetime.date(2025, 5, 17),
                 description="A walk through Genk.", created_by=robin, reviewed_by=colleague),
        robin,
    )  # fmt: skip
    with_history_user(
        Activity(partner=cavaria, title="Training", date=datetime.date(2025, 3, 1),
                 description="Youth workers.", created_by=colleague, reviewed_by=robin),
        colleague,
    )  # fmt: skip
    action = with_history_user(ActionFactory(responsible=robin), robin)
    ProgressUpdate.objects.create(
        action=action, date=datetime.date(2025, 6, 1), status="in_progress", progress=40,
        author=robin,
    )  # fmt: skip
    with_history_user(EventFactory(proposed_by=robin), robin)
    Reminder.objects.create(recipient=robin, action=action)
    membership = Membership.objects.get(user=robin)
    LogEntry.objects.create(
        user=robin, content_type=ContentType.objects.get_for_model(Activity),
        object_id=str(activity.pk), object_repr=str(activity), action_flag=CHANGE,
    )  # fmt: skip
    for obj in (robin, membership):
        LogEntry.objects.create(
            user=colleague, content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk), object_repr=str(obj), action_flag=CHANGE,
            change_message=f'[{{"changed": {{"fields": ["Email"], "name": "{EMAIL}"}}}}]',
        )  # fmt: skip
    Client().force_login(robin)  # a session signed in as Robin
    return robin


def leftovers(pk, texts):
    """Every (model, field) in the database that still holds the person's id or a text
    naming them."""
    user_model = get_user_model()
    user_type = ContentType.objects.get_for_model(user_model)
    found = []
    for model in apps.get_models(include_auto_created=True):
        rows = model._base_manager.all()
        fields = model._meta.concrete_fields
        for field in fields:
            label = f"{model._meta.label}.{field.name}"
            if field.is_relation and field.related_model is user_model:
                if rows.filter(**{field.attname: pk}).exists():
                    found.append(label)
            elif field.is_relation and field.related_model is ContentType:
                # a generic link (the admin's log: content type + object id) to the account
                for other in fields:
                    if (
                        other.name.endswith("object_id")
                        and rows.filter(
                            **{field.attname: user_type.pk, other.attname: str(pk)}
                        ).exists()
                    ):
                        found.append(f"{model._meta.label}.{other.name}")
            elif isinstance(field, models.CharField | models.TextField):
                if any(rows.filter(**{f"{field.name}__icontains": t}).exists() for t in texts):
                    found.append(label)
            elif isinstance(field, models.JSONField):
                values = json.dumps(list(rows.values_list(field.name, flat=True))).lower()
                if any(t.lower() in values for t in texts):
                    found.append(label)
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(pk):
            found.append("sessions.Session (signed in)")
    return found


def test_the_walk_finds_what_a_plain_delete_leaves(person):
    pk = person.pk
    person.delete()
    left = leftovers(pk, NAMES)
    # The finding: an invitation still ties the address to a partner, history rows
    # keep the id, the admin's log describes the person, the session stays.
    for label in ["partners.Invitation.email", "partners.HistoricalActivity.created_by",
                  "admin.LogEntry.object_repr", "sessions.Session (signed in)"]:  # fmt: skip
        assert label in left


def test_erasure_leaves_nothing_that_names_the_person(person):
    pk = person.pk
    privacy.erase(person)
    assert leftovers(pk, NAMES) == []


def test_erasure_keeps_what_they_made_for_the_city_credited_to_a_former_member(
    person, staff_client
):
    action = person.responsible_for_actions.get()
    privacy.erase(person)

    walk = Activity.objects.get(title="Rainbow walk")
    assert walk.created_by is None and walk.description == "A walk through Genk."
    assert ProgressUpdate.objects.get(action=action).author is None
    assert Invitation.objects.filter(email="new@ogwa.example", invited_by=None).exists()
    assert not Membership.objects.filter(partner__name_en="OGWA").exists()
    with translation.override("en"):
        history = staff_client.get(reverse("history", kwargs={"kind": "action", "pk": action.pk}))
    assert "former member" in history.content.decode()


def sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def read_export(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive.read("personal-data.json").decode()


def download_after_reauthentication(client):
    response = client.post(reverse("my_data_download"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    return client.post(response["Location"], {"password": PASSWORD})


def test_a_person_downloads_their_data_from_their_account(client):
    robin = UserFactory(username=EMAIL, email=EMAIL, first_name="Robin")
    Membership.objects.create(user=robin, partner=PartnerFactory(name_en="OGWA"), role=Role.ADMIN)
    Invitation.create(email=EMAIL, partner=PartnerFactory(name_en="Cavaria"), role=Role.MEMBER,
                      invited_by=None)  # fmt: skip
    Activity.objects.create(partner=PartnerFactory(), title="Rainbow walk", created_by=robin,
                            date=datetime.date(2025, 5, 17), description="A walk.")  # fmt: skip
    TOTP.activate(robin, TOTP_SECRET)
    seed = mfa.decrypt(RecoveryCodes.activate(robin).instance.data["seed"])
    client.force_login(robin)

    with translation.override("en"):
        page = client.get(reverse("workspace"))
        assert reverse("my_data") in page.content.decode()
        assert client.get(reverse("my_data")).status_code == 200
        text = read_export(download_after_reauthentication(client))

    data = json.loads(text)
    assert data["account"]["email"] == EMAIL
    assert [a["type"] for a in data["two_factor_authenticators"]] == ["totp", "recovery_codes"]
    assert data["records"]["partners.Membership"]["user"][0]["role"] == "admin"
    assert data["records"]["partners.Invitation"]["email"][0]["email"] == EMAIL
    assert data["records"]["partners.Activity"]["created_by"][0]["title"] == "Rainbow walk"
    for secret in [TOTP_SECRET, seed, robin.password, "fernet:"]:
        assert secret not in text


def test_download_and_erasure_ask_for_the_password_again(client):
    robin = UserFactory(email=EMAIL, username=EMAIL)
    client.force_login(robin)  # signed in, but not just now as far as allauth knows
    response = client.post(reverse("erase_account"), {"confirm": "on"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert get_user_model().objects.filter(pk=robin.pk).exists()
    # After the password, the download that was asked for is answered.
    assert read_export(download_after_reauthentication(client))


def test_a_person_erases_their_account_after_confirming(client):
    robin = UserFactory(email=EMAIL, username=EMAIL)
    sign_in(client, robin)
    with translation.override("en"):
        response = client.post(
            reverse("account_reauthenticate") + "?next=" + reverse("my_data"),
            {"password": PASSWORD},
        )
        response = client.post(reverse("erase_account"), {})
        assert response.status_code == 400
        assert "Tick the box to confirm." in response.content.decode()
        assert get_user_model().objects.filter(pk=robin.pk).exists()

        response = client.post(reverse("erase_account"), {"confirm": "on"}, follow=True)
        assert response.redirect_chain[0][0] == reverse("home")
    assert "have been deleted" in response.content.decode()
    assert not get_user_model().objects.filter(pk=robin.pk).exists()
    assert client.get(reverse("workspace")).status_code == 302  # signed out
    assert leftovers(robin.pk, [EMAIL]) == []


def test_staff_download_a_persons_data_and_deleting_in_the_admin_erases(person, client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:auth_user_changelist")
    action = {"action": "export_personal_data", "_selected_action": [person.pk]}
    data = json.loads(read_export(client.post(url, action)))
    assert data["account"]["email"] == EMAIL
    assert data["groups"] == ["City staff"]
    assert {"Rainbow walk", "Training"} <= {
        row["title"] for rows in data["records"]["partners.Activity"].values() for row in rows
    }

    pk = person.pk
    response = client.post(
        url, {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert leftovers(pk, NAMES) == []
