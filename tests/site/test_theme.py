"""The committed stylesheet is what its Sass sources compile to: a change to frontend/theme.scss
without `make css` (or a hand edit of static/css/theme.min.css) fails here."""

import re
import shutil
import subprocess
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
