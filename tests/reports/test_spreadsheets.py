"""Exports and the import as spreadsheet programs meet them: formula-like text stays text (OWASP
CSV injection), every dataset survives export -> import -> export in both formats, Belgian
Excel's CSV (semicolons, Windows-1252) imports, and an export in one language imports from the
page of another."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from actionplan.models import Action, ProgressUpdate, Status
from indicators.models import Indicator
from partners.models import Activity, ActivityStatus
from reports.exports import DATASETS, table_response
from reports.imports import read_table
from tests.factories import EventFactory, PartnerFactory

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://evil.example/","Klik hier")'
FORMULA_LIKE = [EVIL, "+32 89 65 44 11", "-5 deelnemers", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def tricky_data(rainbow_plan):
    partner = PartnerFactory(name_nl="@partner")
    for number, title in enumerate(FORMULA_LIKE):
        Activity.objects.create(
            partner=partner, title=title, date=datetime.date(2024, 3, 1 + number),
            description="x", participants_count=3, is_public=True, status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
    EventFactory(title_nl=EVIL, start=datetime.datetime(2024, 5, 17, 10, tzinfo=datetime.UTC))
    Action.objects.get(identifier="2023-1").record_progress(
        status=Status.IN_PROGRESS, progress=40, date=datetime.date(2024, 6, 1),
        text={"nl": "=1+1 is de Nederlandse tekst", "en": "café “quoted”; semi"},
        internal_note="-intern",
    )  # fmt: skip
    Indicator.objects.get(code="idahot-reach").record_value(
        date=datetime.date(2024, 5, 17), value=Decimal("162.5"),
        source={"nl": "=tellingen", "en": "counts; “quoted”"}, note={"nl": "+op het plein"},
        internal_note="@intern",
    )  # fmt: skip
    return rainbow_plan


def trimmed(row):
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def export(client, dataset, fmt, language="nl", separator="comma"):
    prefix = "/nl/werkruimte/export" if language == "nl" else "/en/workspace/export"
    response = client.get(f"{prefix}/{dataset}.{fmt}", {"separator": separator})
    assert response.status_code == 200
    return response.content


def test_formula_like_text_is_text_in_xlsx(staff_client, tricky_data):
    sheet = load_workbook(io.BytesIO(export(staff_client, "activities", "xlsx"))).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in titles] == FORMULA_LIKE
    assert {c.data_type for c in titles} == {"s"}  # a string cell, not "f" (a formula)
    assert "f" not in {c.data_type for row in sheet.iter_rows() for c in row}  # no formula anywhere


def test_formula_like_text_gets_a_quote_in_csv(staff_client, tricky_data):
    text = export(staff_client, "activities", "csv").decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and "'+32 89" in text and "'-5 deelnemers" in text
    assert "'@SUM(A1)" in text and "'\tTab" in text and "'@partner" in text
    assert ",=" not in text and "\n=" not in text


@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize(
    "fmt,separator", [("xlsx", "comma"), ("csv", "comma"), ("csv", "semicolon")]
)
def test_every_dataset_survives_export_import_export(
    staff_client, tricky_data, dataset, fmt, separator
):
    first = export(staff_client, dataset, fmt, separator=separator)
    rows = read_table(SimpleUploadedFile(f"x.{fmt}", first))
    assert len(rows) > 1
    again = table_response(rows, fmt, f"x.{fmt}", separator).content
    assert read_table(SimpleUploadedFile(f"x.{fmt}", again)) == rows
    if fmt == "csv":
        assert again == first  # byte for byte
        assert first.startswith("\ufeff".encode())
        assert first.split(b"\r\n")[0].count({"comma": b",", "semicolon": b";"}[separator]) >= 2
    else:
        sheet = load_workbook(io.BytesIO(first)).active  # openpyxl's full reader sees the same
        assert [trimmed(r) for r in sheet.iter_rows(values_only=True)] == [trimmed(r) for r in rows]


@pytest.mark.parametrize(
    "fmt,separator", [("xlsx", "comma"), ("csv", "semicolon"), ("csv", "comma")]
)
def test_importing_the_progress_export_changes_nothing_and_keeps_the_text(
    staff_client, tricky_data, fmt, separator
):
    first = export(staff_client, "progress", fmt, separator=separator)
    before = list(ProgressUpdate.objects.values_list("pk", "text_nl", "text_en", "internal_note"))

    check = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": SimpleUploadedFile(f"p.{fmt}", first)}
    )
    assert check.status_code == 200 and not check.context["errors"]
    staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"})

    assert (
        list(ProgressUpdate.objects.values_list("pk", "text_nl", "text_en", "internal_note"))
        == before
    )
    assert Action.objects.get(identifier="2023-1").progress == 40
    second = export(staff_client, "progress", fmt, separator=separator)
    if fmt == "csv":
        assert second == first
    else:
        assert read_table(SimpleUploadedFile("a.xlsx", second)) == read_table(
            SimpleUploadedFile("b.xlsx", first)
        )


def test_belgian_excel_csv_with_semicolons_in_windows_1252_imports(staff_client, rainbow_plan):
    content = (
        "Actie;Datum;Status;Voortgang (%);Publieke tekst (Nederlands);Publieke tekst (Engels);Interne notitie\r\n"
        "2023-2;2024-09-01;Bezig;40;Eerste sessie in het café;First session;\r\n"
    ).encode("cp1252")
    response = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": SimpleUploadedFile("p.csv", content)}
    )
    assert response.status_code == 200 and not response.context["errors"]
    staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"})
    update = ProgressUpdate.objects.get(action__identifier="2023-2", date=datetime.date(2024, 9, 1))
    assert update.text_nl == "Eerste sessie in het café" and update.progress == 40


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_english_export_imports_from_the_dutch_page(staff_client, tricky_data, fmt):
    english = export(staff_client, "progress", fmt, language="en")
    assert b"Public text (Dutch)" in english or fmt == "xlsx"
    ProgressUpdate.objects.filter(date=datetime.date(2024, 6, 1)).delete()
    response = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": SimpleUploadedFile(f"p.{fmt}", english)}
    )
    assert response.status_code == 200 and not response.context["errors"]
    staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"})
    imported = ProgressUpdate.objects.get(date=datetime.date(2024, 6, 1))
    assert (imported.text_nl, imported.text_en) == (
        "=1+1 is de Nederlandse tekst",
        "café “quoted”; semi",
    )
