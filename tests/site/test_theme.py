"""The committed stylesheet is what its Sass sources compile to: a change to frontend/theme.scss
without `make css` (or a hand edit of static/css/theme.min.css) fails here."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"


def sass_flags():
    makefile = (ROOT / "Makefile").read_text()
    flags = re.search(r"^SASS_FLAGS := (.*?)\n\n", makefile, re.S | re.M).group(1)
    return flags.replace("\\\n", " ").split()


def test_the_committed_stylesheet_is_the_compiled_theme(tmp_path):
    sass = FRONTEND / "node_modules" / ".bin" / "sass"
    if not sass.exists() or shutil.which("node") is None:
        pytest.fail("sass is missing: run `npm ci` in frontend/ (make test does)")
    out = tmp_path / "theme.min.css"
    subprocess.run(
        [str(sass), *sass_flags(), "theme.scss", str(out)], cwd=FRONTEND, check=True,
        capture_output=True, timeout=120,
    )  # fmt: skip
    committed = (ROOT / "static" / "css" / "theme.min.css").read_text()
    assert out.read_text() == committed, "run `make css` and commit static/css/theme.min.css"
    assert "--bs-primary: #173f73" in committed  # the theme's colour, not Bootstrap's blue


def test_the_committed_icon_sprite_is_built_from_the_pinned_icons(tmp_path):
    """static/img/icons.svg is what frontend/build_icons.py makes from Bootstrap Icons."""
    out = tmp_path / "icons.svg"
    subprocess.run(
        [sys.executable, "frontend/build_icons.py", str(out)], cwd=ROOT, check=True, timeout=60
    )
    assert out.read_text() == (ROOT / "static" / "img" / "icons.svg").read_text()
    assert '<symbol id="geo-alt" viewBox="0 0 16 16">' in out.read_text()


def test_icons_stand_beside_words_and_are_hidden_from_screen_readers(client, db):
    from tests.factories import EventFactory, PlaceFactory

    EventFactory(place=PlaceFactory(name_nl="Zaal Rood"))
    html = client.get("/nl/agenda/").content.decode()
    use = re.search(
        r'<svg class="icon" aria-hidden="true"[^>]*><use href="([^"#]+)#geo-alt">', html
    )
    assert use and "Zaal Rood" in html[use.end() : use.end() + 200]
    assert use.group(1).endswith("img/icons.svg")
