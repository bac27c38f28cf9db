"""A third language is a settings change, migrations and (later) a catalogue, never code: a
copy of the project adds French to LANGUAGES, makes and runs its migrations, loads the plan,
and every public page and the staff forms render in Dutch, English and French."""

import os
import shutil
import subprocess
import sys

from django.conf import settings

from tests.site.test_catalogues import NOT_SOURCE

FRENCH = """from config.settings import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("fr", "Français")]  # noqa: F405
"""


def run(args, copy, env):
    result = subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_french_in_settings_alone_renders_every_page(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_SOURCE)
    (copy / "config" / "settings_fr.py").write_text(FRENCH)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_fr", "DEBUG": "false",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'fr.sqlite3'}", "PAGE_CACHE_SECONDS": "0"}  # fmt: skip
    made = run(["manage.py", "makemigrations", "--no-input"], copy, env)
    assert "title_fr" in made, "modeltranslation adds a column per language"
    run(["manage.py", "migrate", "--no-input", "-v0"], copy, env)
    output = run(["tests/site/french/render_pages.py"], copy, {**env, "PYTHONPATH": str(copy)})
    assert "LANGUAGES nl en fr" in output
    assert [line for line in output.splitlines() if line.startswith("PROBLEM")] == []
    assert output.rstrip().endswith("DONE")
