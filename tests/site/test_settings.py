"""Settings come from the environment, and production refuses to start half-configured."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = settings.BASE_DIR


def run_django(env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(settings.DEBUG, settings.TIME_ZONE, settings.LANGUAGE_CODE)"],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "env", [{}, {"SECRET_KEY": "x" * 50}, {"ALLOWED_HOSTS": "regenboog.genk.be"}]
)
def test_without_debug_it_refuses_to_start_without_secret_key_and_hosts(env):
    result = run_django(env)
    assert result.returncode != 0
    assert "SECRET_KEY and ALLOWED_HOSTS must be set" in result.stderr


def test_media_can_move_to_an_s3_compatible_store_by_setting():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "s = settings.STORAGES['default']; print(s['BACKEND'], s['OPTIONS']['bucket_name'], "
         "s['OPTIONS']['endpoint_url'])"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings",
             "MEDIA_S3_BUCKET": "regenboog-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.genk.be"},
    )  # fmt: skip
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "regenboog-media",
        "https://s3.genk.be",
    ], result.stderr


def test_debug_is_off_unless_asked_and_the_city_defaults_hold():
    result = run_django({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "regenboog.genk.be"})
    assert result.stdout.split() == ["False", "Europe/Brussels", "nl"]


@pytest.mark.django_db
def test_dev_staff_account_only_in_debug_with_a_fresh_random_password(capsys):
    with pytest.raises(CommandError):
        call_command("create_dev_staff")

    with override_settings(DEBUG=True):
        call_command("create_dev_staff")
        first = capsys.readouterr().out
        call_command("create_dev_staff", "--reset")
        second = capsys.readouterr().out

    def password_in(output):
        return next(line.split()[-1] for line in output.splitlines() if "password:" in line)

    first_password, second_password = password_in(first), password_in(second)
    assert len(first_password) >= 16 and first_password != second_password
    assert authenticate(username="staff@regenboog.localhost", password=first_password) is None
    staff = authenticate(username="staff@regenboog.localhost", password=second_password)
    assert staff.is_staff and staff.groups.filter(name="City staff").exists()
    assert get_user_model().objects.filter(is_staff=True).count() == 1
