"""Colour contrast of what axe-core may never see rendered: every status badge (also the
statuses no page shows today) has text at 4.5:1 or more, and the rainbow colours are decoration
only (borders and stripes), never the colour of text."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from actionplan.models import Status
from partners.models import ActivityStatus

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rule(selector):
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, f"site.css has no rule for {selector}"
    return dict(re.findall(r"([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})", match.group(1)))


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    "selector",
    [f".status-{value}" for value in Status.values]
    + [f".status-activity-{value}" for value in ActivityStatus.values],
)
def test_every_status_badge_is_readable(selector):
    colours = rule(selector)
    assert contrast(colours["color"], colours["background"]) >= 4.5, colours


def test_rainbow_colours_are_never_text_colours():
    declarations = [d for body in re.findall(r"\{([^{}]*)\}", CSS) for d in body.split(";")]
    uses = [d.split(":")[0].strip() for d in declarations if "var(--rg-" in d]
    assert uses, "the rainbow is still in site.css"
    assert set(uses) <= {"background", "border-left", "border-left-color"}, uses
