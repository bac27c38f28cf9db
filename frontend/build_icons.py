"""Build static/img/icons.svg, the portal's SVG sprite: the few Bootstrap Icons (MIT licence,
npm package bootstrap-icons, pinned in package.json) the templates use, as <symbol>s that
`{% icon "name" %}` points at (genk_rainbow/templatetags/rainbow.py). `make icons` runs it; the
output is committed and tests/site/test_theme.py builds it again and compares."""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "node_modules" / "bootstrap-icons" / "icons"
TARGET = HERE.parent / "static" / "img" / "icons.svg"
ICONS = [
    "calendar-event", "geo-alt", "people", "telephone", "envelope", "clock", "search",
    "life-preserver", "list-check", "rss", "download", "globe", "person-workspace",
]  # fmt: skip


def symbol(name):
    svg = (SOURCE / f"{name}.svg").read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    body = re.sub(r"^<svg[^>]*>|</svg>\s*$", "", svg.strip()).strip()
    body = " ".join(line.strip() for line in body.splitlines())
    return f'<symbol id="{name}" viewBox="{view_box}">{body}</symbol>'


def sprite():
    symbols = "\n".join(symbol(name) for name in ICONS)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg">\n'
        "<!-- Bootstrap Icons 1.13.2, MIT licence, (c) The Bootstrap Authors -->\n"
        f"{symbols}\n</svg>\n"
    )


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    out.write_text(sprite(), encoding="utf-8")
