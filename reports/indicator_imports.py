"""The import of indicators' measured values in the format of their export, with the machinery
of the progress import (reports/imports.py: CSV or XLSX, separator and encoding detected,
column names in any language): every row checked first, then all rows saved or none, and a row
already recorded is skipped, so importing an export changes nothing."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from genk_rainbow import languages
from indicators.models import VALUE_DECIMALS, VALUE_DIGITS, Indicator, IndicatorValue

from .exports import indicator_value_columns
from .imports import cells_of, header_problem, parse_date

LARGEST = Decimal(10) ** (VALUE_DIGITS - VALUE_DECIMALS)


def parse_number(cell):
    """A cell as a Decimal: a workbook's number, or text with a decimal point or (as Belgian
    Excel writes it) a decimal comma. None when it is not a number the portal stores."""
    if isinstance(cell, bool):
        return None
    text = str(cell).strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= LARGEST:
        return None
    if number != number.quantize(Decimal(1).scaleb(-VALUE_DECIMALS)):
        return None  # more decimals than are stored
    return number


def _texts(values, name):
    return {code: str(values[f"{name}_{code}"]) for code in languages.published()}


def _recorded(indicator, date, value, source, note):
    """Whether exactly this value (in the default language's texts) is already recorded."""
    default = languages.codes()[0]
    return IndicatorValue.objects.filter(
        indicator=indicator, date=date, value=value,
        **{f"source_{default}": source[default], f"note_{default}": note[default]},
    ).exists()  # fmt: skip


def parse_indicator_value_rows(table, plan):
    """Validate every row; returns (rows to record, rows already recorded, errors as (row
    number, message)). Nothing is saved."""
    columns = indicator_value_columns()
    if problem := header_problem(table, columns):
        return [], 0, [problem]
    indicators = {i.code: i for i in Indicator.objects.filter(plan=plan).select_related("plan")}
    valid, already, errors, seen = [], 0, [], set()
    for number, row in enumerate(table[1:], start=2):
        values = cells_of(row, columns)
        if not any(str(c).strip() for c in values.values()):
            continue
        problems = []
        code = str(values["indicator"]).strip()
        indicator = indicators.get(code)
        if indicator is None:
            problems.append(_("unknown indicator “%(code)s”") % {"code": code})
        date = parse_date(values["date"])
        if date is None:
            problems.append(
                _("the date “%(date)s” is not a date like 2024-05-17") % {"date": values["date"]}
            )
        value = parse_number(values["value"])
        if value is None:
            problems.append(
                _("the value “%(value)s” is not a number with at most two decimals")
                % {"value": values["value"]}
            )
        source, note = _texts(values, "source"), _texts(values, "note")
        if not problems:
            if (indicator.pk, date) in seen:
                problems.append(_("this indicator has a second value for this date in the file"))
            elif _recorded(indicator, date, value, source, note):
                already += 1
                seen.add((indicator.pk, date))
                continue
            else:
                try:  # the model's rules, as in the workspace and the admin
                    IndicatorValue(indicator=indicator, date=date, value=value).clean()
                except ValidationError as error:
                    problems += [m for messages in error.message_dict.values() for m in messages]
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        seen.add((indicator.pk, date))
        valid.append(
            {
                "indicator": indicator,
                "date": date,
                "value": value,
                "source": source,
                "note": note,
                "internal_note": str(values["internal_note"]),
            }
        )
    return valid, already, errors


def apply_indicator_value_rows(rows, recorded_by):
    """Record every row in one transaction (a row recorded meanwhile is skipped). Returns the
    number of values recorded."""
    recorded = 0
    with transaction.atomic():
        for row in rows:
            if _recorded(row["indicator"], row["date"], row["value"], row["source"], row["note"]):
                continue
            row["indicator"].record_value(
                date=row["date"], value=row["value"], source=row["source"], note=row["note"],
                internal_note=row["internal_note"], recorded_by=recorded_by,
            )  # fmt: skip
            recorded += 1
    return recorded
