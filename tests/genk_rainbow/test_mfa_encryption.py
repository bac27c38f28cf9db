"""Two-factor secrets are encrypted at rest (genk_rainbow/mfa.py): a database dump or backup
holds no TOTP secret or recovery-code seed, and signing in with a code still works."""

import importlib
import io
import os
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from genk_rainbow import mfa
from tests.factories import TOTP_SECRET, StaffUserFactory, totp_code

ROOT = settings.BASE_DIR
PASSWORD = "a-long-test-password-42"
pytestmark = pytest.mark.django_db


def stored_rows(user):
    """The authenticator rows as a backup holds them (no ORM, no adapter)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        return " ".join(str(row[0]) for row in cursor.fetchall())


def sign_in_with_code(client, user, code):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    return client.get(reverse("review_queue")).status_code


def test_the_totp_secret_and_recovery_seed_are_not_in_the_database(client):
    staff = StaffUserFactory()
    codes = RecoveryCodes.activate(staff)
    seed = mfa.decrypt(codes.instance.data["seed"])

    stored = stored_rows(staff)
    assert TOTP_SECRET not in stored
    assert seed not in stored
    assert stored.count(mfa.PREFIX) == 2
    assert sign_in_with_code(client, staff, totp_code()) == 200


def test_a_recovery_code_still_signs_in(client):
    staff = StaffUserFactory()
    code = RecoveryCodes.activate(staff).generate_codes()[0]
    assert sign_in_with_code(client, staff, code) == 200


def test_a_wrong_code_is_still_refused(client):
    staff = StaffUserFactory()
    assert sign_in_with_code(client, staff, "000000") == 302


def test_secrets_stored_in_plain_text_before_are_encrypted_by_the_migration(client):
    staff = StaffUserFactory(totp=False)
    Authenticator.objects.create(user=staff, type="totp", data={"secret": TOTP_SECRET})
    Authenticator.objects.create(
        user=staff, type="recovery_codes", data={"seed": "ab" * 40, "used_mask": 0}
    )
    assert TOTP_SECRET in stored_rows(staff)

    migration = importlib.import_module("genk_rainbow.migrations.0006_encrypt_mfa_secrets")
    migration.encrypt(apps, None)

    assert TOTP_SECRET not in stored_rows(staff)
    assert "ab" * 40 not in stored_rows(staff)
    assert sign_in_with_code(client, staff, totp_code()) == 200


def test_keys_rotate_the_first_encrypts_any_decrypts(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [old]
    staff = StaffUserFactory(totp=False)
    TOTP.activate(staff, TOTP_SECRET)

    settings.MFA_ENCRYPTION_KEYS = [new, old]
    authenticator = Authenticator.objects.get(user=staff)
    assert mfa.decrypt(authenticator.data["secret"]) == TOTP_SECRET
    call_command("rotate_mfa_keys", stdout=io.StringIO())

    settings.MFA_ENCRYPTION_KEYS = [new]  # the old key is gone
    authenticator.refresh_from_db()
    assert TOTP(authenticator).validate_code(totp_code())
    settings.MFA_ENCRYPTION_KEYS = [old]
    with pytest.raises(ImproperlyConfigured):
        mfa.decrypt(authenticator.data["secret"])


def test_production_refuses_to_start_without_an_encryption_key():
    env = {k: v for k, v in os.environ.items() if k not in {"MFA_ENCRYPTION_KEYS", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS must be set" in result.stderr
