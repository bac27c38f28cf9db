"""The dates the portal deals in, and the check every date input goes through.

Python's calendar ends at 31 December 9999; a date near it makes a repeating event or a
"date plus a day" overflow. Nothing the city plans lies outside these years, so every date
that enters (forms, filters, query strings, imported files) is kept inside them."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100


def in_range(value) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_year_range(value):
    """Validator for date and datetime fields (models and forms)."""
    if value is not None and not in_range(value):
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def parse_date(text):
    """A date from a query string, or None when it is not an ISO date in range."""
    try:
        value = datetime.date.fromisoformat(str(text))
    except ValueError:
        return None
    return value if in_range(value) else None


# For whole years (a plan's, an action's period, a yearly focus).
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
DATE_VALIDATORS = [validate_year_range]


_LEADING_YEAR = re.compile(r"^\s*(-?\d+)-\d{1,2}(-\d{1,2})?")


def query_dates_in_range(query) -> bool:
    """False when a filter in a query string (the admin's date filters and drill-down:
    `start__year=9999`, `sent_at__gte=0001-01-01 00:00`) names a year outside the range."""
    for key, value in query.items():
        match = _LEADING_YEAR.match(value)
        if key.endswith("__year"):
            year = value.strip()
        elif match:
            year = match.group(1)
        else:
            continue
        if not (year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
            return False
    return True
