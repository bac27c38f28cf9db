"""The interface is complete in every language: `makemessages` finds no string that the
catalogues lack, and no msgstr is empty or fuzzy. Runs makemessages on a copy of the project,
so the repository is never touched."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "*.egg-info", "media", "staticfiles", "var", "db.sqlite3", "*.mo"
)


def catalogue(root, language):
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid)


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues as `make makemessages` would leave them now, made in a copy."""
    if not shutil.which("xgettext"):
        pytest.fail("makemessages needs GNU gettext (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("project") / "project"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    languages = [arg for code in LANGUAGES for arg in ("--locale", code)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete", "-v0"],
        cwd=copy,
        env={**os.environ, "DEBUG": "true", "DATABASE_URL": "sqlite://:memory:"},
        check=True,
    )
    return {language: catalogue(copy, language) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_makemessages_would_add_no_string(fresh_catalogues, language):
    known = {key(entry) for entry in catalogue(ROOT, language) if not entry.obsolete}
    missing = [entry.msgid for entry in fresh_catalogues[language] if key(entry) not in known]
    assert not missing, (
        f"strings missing from locale/{language}: run `make makemessages` and translate: {missing}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    entries = [entry for entry in catalogue(ROOT, language) if not entry.obsolete]
    assert len(entries) > 100
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert not untranslated, f"untranslated in locale/{language}: {untranslated}"
    assert not fuzzy, f"fuzzy in locale/{language}: {fuzzy}"
