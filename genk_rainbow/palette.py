"""A city's own colour, kept within the accessible palette: links on white and white text on
buttons both need 4.5:1 (WCAG 1.4.3), so a colour lighter than that is refused when it is
entered, never shown. The portal's compiled theme stays as it is; the colour reaches it as CSS
custom properties (Bootstrap 5.3 reads its colours from them)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MINIMUM_CONTRAST = 4.5


def rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour):
    """Relative luminance as WCAG 2 defines it."""
    channels = []
    for value in rgb(colour):
        c = value / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour):
    return 1.05 / (luminance(colour) + 0.05)


def validate_accessible_colour(value):
    if not HEX.match(value):
        raise ValidationError(_("A colour is written #rrggbb, e.g. #173f73."))
    ratio = contrast_with_white(value)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s has %(ratio)s:1 against white; text needs at least 4.5:1. "
                "Choose a darker shade."
            ),
            params={"colour": value, "ratio": f"{ratio:.1f}"},
        )


def darker(colour, share=0.25):
    """The colour mixed with black (a button's hover and pressed state)."""
    return "#" + "".join(f"{round(value * (1 - share)):02x}" for value in rgb(colour))


def css_variables(colour):
    r, g, b = rgb(colour)
    dark = darker(colour)
    return (
        f":root{{--bs-primary:{colour};--bs-primary-rgb:{r},{g},{b};--bs-link-color:{colour};"
        f"--bs-link-color-rgb:{r},{g},{b};--bs-link-hover-color:{dark};"
        f"--bs-link-hover-color-rgb:{','.join(str(v) for v in rgb(dark))};--rg-brand:{colour}}}"
        f".btn-primary{{--bs-btn-bg:{colour};--bs-btn-border-color:{colour};"
        f"--bs-btn-hover-bg:{dark};--bs-btn-hover-border-color:{dark};"
        f"--bs-btn-active-bg:{dark};--bs-btn-active-border-color:{dark}}}"
        f".btn-outline-primary{{--bs-btn-color:{colour};--bs-btn-border-color:{colour};"
        f"--bs-btn-hover-bg:{colour};--bs-btn-hover-border-color:{colour};"
        f"--bs-btn-active-bg:{dark}}}"
        f".navbar{{--bs-navbar-hover-color:{colour};--bs-navbar-active-color:{colour}}}"
        f".pagination{{--bs-pagination-color:{colour};--bs-pagination-active-bg:{colour};"
        f"--bs-pagination-active-border-color:{colour}}}"
    )
