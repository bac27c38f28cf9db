"""bin/backup-restore-check restores a backup and notices any change, not only lost rows.

Needs a PostgreSQL server at 127.0.0.1:5432 (CI and the development machines have one) and
its client programs; skipped otherwise. Its databases are named regenboog_backup_*."""

import os
import shutil
import socket
import subprocess
import uuid

import pytest
from django.conf import settings

SERVER = "postgres://postgres@127.0.0.1:5432"
SCRIPT = settings.BASE_DIR / "bin" / "backup-restore-check"


def postgres_answers():
    if not all(shutil.which(p) for p in ("psql", "pg_dump", "pg_restore")):
        return False
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not postgres_answers(), reason="no PostgreSQL at 127.0.0.1:5432")


def psql(database, sql):
    subprocess.run(
        ["psql", "-qX", "-v", "ON_ERROR_STOP=1", f"{SERVER}/{database}", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def database():
    """A small copy of the portal's shape: partners with names, users with password hashes."""
    name = f"regenboog_backup_{uuid.uuid4().hex[:12]}"
    psql("postgres", f'CREATE DATABASE "{name}"')
    psql(
        name,
        "CREATE TABLE partners_partner (id serial PRIMARY KEY, name text NOT NULL);"
        "INSERT INTO partners_partner (name) SELECT 'Partner ' || g FROM generate_series(1, 40) g;"
        "CREATE TABLE auth_user (id serial PRIMARY KEY, email text, password text);"
        "INSERT INTO auth_user (email, password) SELECT 'user' || g || '@example.org',"
        " 'pbkdf2_sha256$1000000$salt$' || md5(g::text) FROM generate_series(1, 5) g;"
        "CREATE TABLE django_session (session_key text PRIMARY KEY, session_data text);",
    )
    yield f"{SERVER}/{name}"
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}"')
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}_restore_check"')


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "activities").mkdir(parents=True)
    (root / "activities" / "walk.jpg").write_bytes(b"\xff\xd8 a photo of the walk")
    (root / "events").mkdir()
    (root / "events" / "pride poster.png").write_bytes(b"\x89PNG a poster")
    return root


def check(*args, **tamper):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env.update(tamper)
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], env=env, capture_output=True, text=True, timeout=120
    )


def test_an_untouched_backup_passes_with_database_and_media(database, media):
    result = check(database, media)
    assert result.returncode == 0, result.stderr
    assert "3 tables, 45 rows" in result.stdout
    assert "2 media files" in result.stdout
    assert "NOT checked" not in result.stdout


def test_renamed_partners_and_emptied_passwords_fail_naming_the_tables(database, media):
    # The probe's case: every row is still there, so counting rows passed.
    result = check(
        database,
        media,
        BACKUP_CHECK_TAMPER_SQL=(
            "UPDATE partners_partner SET name = 'renamed' WHERE id <= 17;"
            "UPDATE auth_user SET password = '';"
        ),
    )
    assert result.returncode == 1
    assert "table public.partners_partner differs" in result.stderr
    assert "table public.auth_user differs" in result.stderr
    assert "django_session" not in result.stderr


def test_a_lost_table_fails(database, media):
    result = check(database, media, BACKUP_CHECK_TAMPER_SQL="DROP TABLE django_session")
    assert result.returncode == 1
    assert "table public.django_session differs" in result.stderr


def test_a_changed_or_missing_media_file_fails_naming_it(database, media):
    result = check(
        database,
        media,
        BACKUP_CHECK_TAMPER_MEDIA="echo changed >> activities/walk.jpg; rm 'events/pride poster.png'",
    )
    assert result.returncode == 1
    assert "media file activities/walk.jpg differs" in result.stderr
    assert "media file events/pride poster.png differs" in result.stderr
    assert "table" not in result.stderr


def test_without_a_media_directory_only_the_database_is_checked_and_it_says_so(database):
    result = check(database)
    assert result.returncode == 0, result.stderr
    assert "media NOT checked" in result.stdout


def test_a_media_directory_that_does_not_exist_fails(database, tmp_path):
    result = check(database, tmp_path / "nowhere")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
