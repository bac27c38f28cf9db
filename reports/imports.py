"""The import of progress updates in the format of the progress export: every row checked
first (a dry run lists each row's problem), then all rows are saved or none."""

import csv
import datetime
import io

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from actionplan.models import Action, ProgressUpdate, Status
from genk_rainbow import languages

from .exports import FORMULA_START, progress_columns


def _decode(data):
    """UTF-8 (with or without BOM), else Windows-1252: what Excel in Belgium saves."""
    if b"\x00" in data:  # UTF-16 or not text at all
        raise forms.ValidationError(
            _("The CSV file must be in UTF-8 or Windows-1252 (“CSV” in Excel).")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise forms.ValidationError(
            _("The CSV file must be in UTF-8 or Windows-1252 (“CSV” in Excel).")
        ) from None


def _separator(text):
    """The separator of the header row: ; , or tab, whichever it has most (a tie: a comma)."""
    header = text.partition("\n")[0]
    return max((";", "\t", ","), key=lambda sep: (header.count(sep), sep == ","))


def _unescape(value):
    """Undo the export's quote in front of formula-like text (reports/exports.py)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _as_wide_as_the_header(rows):
    """Every row as long as the header: a workbook's rows end where its last cell does."""
    if not rows:
        return rows
    header = rows[0]
    while header and header[-1] is None:
        header.pop()
    width = len(header)
    return [row[:width] + [None] * (width - len(row)) for row in rows]


def read_table(upload):
    """Rows of a CSV or XLSX upload as lists of strings/values, header row first. XLSX text
    cells are read as text; a formula is read as its text, never as an empty cell."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(upload, read_only=True, data_only=False).active
        except Exception:  # openpyxl raises several types for files that are not workbooks
            raise forms.ValidationError(_("This is not a readable XLSX file.")) from None
        return _as_wide_as_the_header([list(row) for row in sheet.iter_rows(values_only=True)])
    if name.endswith(".csv"):
        text = _decode(upload.read())
        rows = csv.reader(io.StringIO(text), delimiter=_separator(text))
        return [[_unescape(cell) for cell in row] for row in rows]
    raise forms.ValidationError(_("Upload a .csv or .xlsx file."))


def column_names(columns):
    """Each column's label in every language (and its id), to its id: an export made in one
    language imports from the page of any other."""
    names = {}
    for code in languages.codes():
        with translation.override(code):
            names.update({str(label).strip().lower(): name for name, label in columns})
    names.update({name: name for name, _label in columns})
    return names


def header_problem(table, columns):
    """(1, message) when the table is empty or its first row is not the export's column names
    (in any language), else None."""
    if not table:
        return (1, _("The file is empty."))
    expected = [str(label) for _name, label in columns]
    names = column_names(columns)
    header = [names.get(str(cell or "").strip().lower()) for cell in table[0]][: len(expected)]
    if header != [name for name, _label in columns]:
        return (
            1,
            _("The first row must be the column names of the export: %(names)s.")
            % {"names": ", ".join(expected)},
        )
    return None


def cells_of(row, columns):
    """A data row as {column id: cell}, empty cells as "" (None from a workbook)."""
    cells = [("" if c is None else c) for c in row] + [""] * len(columns)
    return dict(zip([name for name, _label in columns], cells, strict=False))


def parse_date(value):
    """A cell as a date (a workbook's date or an ISO text), or None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def parse_progress_rows(table, plan):
    """Validate every row; returns (valid rows as dicts, errors as (row number, message))."""
    columns = progress_columns()
    if problem := header_problem(table, columns):
        return [], [problem]
    expected = columns
    actions = {a.identifier: a for a in Action.objects.filter(objective__plan=plan)}
    labels = {str(label).lower(): value for value, label in Status.choices}
    valid, errors = [], []
    for number, row in enumerate(table[1:], start=2):
        values = cells_of(row, expected)
        if not any(str(c).strip() for c in values.values()):
            continue
        identifier, date, status, progress, note = (
            values[name] for name in ("identifier", "date", "status", "progress", "internal_note")
        )
        problems = []
        action = actions.get(str(identifier).strip())
        if action is None:
            problems.append(_("unknown action “%(id)s”") % {"id": identifier})
        if (parsed := parse_date(date)) is None:
            problems.append(_("the date “%(date)s” is not a date like 2024-05-17") % {"date": date})
        date = parsed
        status = str(status).strip()
        status = status if status in Status.values else labels.get(status.lower(), status)
        if status not in Status.values:
            problems.append(_("unknown status “%(status)s”") % {"status": status})
        try:
            # Empty: a status without a figure (as the plan text's updates are exported).
            progress = int(float(str(progress).strip())) if str(progress).strip() else None
            if progress is not None and not 0 <= progress <= 100:
                raise ValueError
        except ValueError:
            problems.append(
                _("progress must be a number from 0 to 100, not “%(value)s”") % {"value": progress}
            )
        if not problems:
            # The progress rules of the model, as on the board and in the admin.
            try:
                ProgressUpdate(action=action, status=status, progress=progress, date=date).clean()
            except ValidationError as error:
                problems += [
                    message for messages in error.message_dict.values() for message in messages
                ]
        if problems:
            errors.append((number, "; ".join(problems)))
        else:
            valid.append(
                {
                    "action": action,
                    "date": date,
                    "status": status,
                    "progress": progress,
                    "text": {code: str(values[f"text_{code}"]) for code in languages.published()},
                    "internal_note": str(note),
                }
            )
    return valid, errors


def apply_progress_rows(rows, author):
    """Record every row in one transaction; rows identical to a recorded update are skipped, so
    importing an export changes nothing. Returns the number of updates recorded."""
    recorded = 0
    with transaction.atomic():
        for row in rows:
            default = languages.codes()[0]
            text = row["text"][default]
            column = f"text_{default}"
            same_text = Q(**{column: text}) | (
                Q(**{f"{column}__isnull": True}) if not text else Q()
            )
            duplicate = ProgressUpdate.objects.filter(
                same_text, action=row["action"], date=row["date"], status=row["status"],
                progress=row["progress"],
            )  # fmt: skip
            if duplicate.exists():
                continue
            row["action"].record_progress(
                status=row["status"], progress=row["progress"], date=row["date"],
                text=row["text"], internal_note=row["internal_note"], author=author,
            )  # fmt: skip
            recorded += 1
    return recorded
