"""Another language is a settings change, migrations and (later) a catalogue, never code: a
copy of the project adds German to LANGUAGES (French has its catalogue already), makes and runs
its migrations, loads the plan, and every public page and the staff forms render in each."""

import os
import shutil
import subprocess
import sys

from django.conf import settings

from tests.site.test_catalogues import NOT_SOURCE

GERMAN = """from config.settings import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("de", "Deutsch")]  # noqa: F405
"""


def run(args, copy, env):
    result = subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_german_in_settings_alone_renders_every_page(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_SOURCE)
    (copy / "config" / "settings_de.py").write_text(GERMAN)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_de", "DEBUG": "false",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'de.sqlite3'}", "PAGE_CACHE_SECONDS": "0"}  # fmt: skip
    made = run(["manage.py", "makemigrations", "--no-input"], copy, env)
    assert "title_de" in made, "modeltranslation adds a column per language"
    run(["manage.py", "migrate", "--no-input", "-v0"], copy, env)
    output = run(
        ["tests/site/another_language/render_pages.py"], copy, {**env, "PYTHONPATH": str(copy)}
    )
    assert "LANGUAGES nl en fr de" in output
    assert [line for line in output.splitlines() if line.startswith("PROBLEM")] == []
    assert output.rstrip().endswith("DONE")
