"""The import of indicators' measured values: the progress import's machinery (CSV or XLSX,
separator and encoding detected, column names in any language), every row checked before
anything is saved, all rows or none, and an export imported again changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Indicator, IndicatorValue
from reports.imports import read_table
from tests.reports.test_spreadsheets import export

pytestmark = pytest.mark.django_db
PAGE = "/nl/werkruimte/import/indicatorwaarden/"


@pytest.fixture
def measured(rainbow_plan):
    idahot = Indicator.objects.get(code="idahot-reach")
    for year, value in [(2021, "80"), (2022, "162.5"), (2023, "190")]:
        idahot.record_value(
            date=datetime.date(year, 5, 17), value=Decimal(value),
            source={"nl": "=tellingen", "en": "counts; “quoted”"}, note={"nl": "-op het plein"},
            internal_note="@intern",
        )  # fmt: skip
    Indicator.objects.get(code="rainbow-crossing-renewed").record_value(
        date=datetime.date(2024, 9, 1), value=1
    )
    return rainbow_plan


def values_now():
    return list(
        IndicatorValue.objects.order_by("pk").values_list(
            "pk", "indicator", "date", "value", "source_nl", "source_en", "note_nl", "internal_note"
        )
    )


def upload(client, name, content):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("fmt,separator", [("xlsx", "comma"), ("csv", "semicolon"),
                                           ("csv", "comma")])  # fmt: skip
@pytest.mark.parametrize("language", ["nl", "en"])
def test_importing_the_export_changes_nothing(staff_client, measured, fmt, separator, language):
    first = export(staff_client, "indicator_values", fmt, language=language, separator=separator)
    assert len(read_table(SimpleUploadedFile(f"x.{fmt}", first))) == 5  # header and 4 values
    before = values_now()
    check = upload(staff_client, f"v.{fmt}", first)
    assert check.status_code == 200 and not check.context["errors"]
    assert check.context["rows"] == [] and check.context["already"] == 4
    assert "er is niets te importeren" in check.content.decode()
    assert values_now() == before
    again = export(staff_client, "indicator_values", fmt, language=language, separator=separator)
    if fmt == "csv":
        assert again == first


def test_a_deleted_value_comes_back_with_its_texts_from_the_export(staff_client, measured):
    first = export(staff_client, "indicator_values", "xlsx", language="en")
    IndicatorValue.objects.filter(date=datetime.date(2022, 5, 17)).delete()
    check = upload(staff_client, "v.xlsx", first)
    assert [row["date"] for row in check.context["rows"]] == [datetime.date(2022, 5, 17)]
    assert check.context["already"] == 3
    staff_client.post(PAGE, {"confirm": "1"})
    back = IndicatorValue.objects.get(date=datetime.date(2022, 5, 17))
    assert (back.value, back.source_nl, back.source_en, back.note_nl, back.internal_note) == (
        Decimal("162.5"), "=tellingen", "counts; “quoted”", "-op het plein", "@intern"
    )  # fmt: skip
    assert IndicatorValue.objects.count() == 4


def test_belgian_excel_csv_with_a_decimal_comma_imports(staff_client, rainbow_plan):
    content = (
        "Indicator (code);Datum;Waarde;Bron (Nederlands);Bron (Engels);"
        "Publieke opmerking (Nederlands);Publieke opmerking (Engels);Interne notitie\r\n"
        "secondary-schools-reached;2024-06-30;3;Schoolbezoeken in het café;;;;\r\n"
        "idahot-reach;2024-05-17;120,5;;;;;\r\n"
    ).encode("cp1252")
    check = upload(staff_client, "v.csv", content)
    assert check.status_code == 200 and not check.context["errors"], check.context["errors"]
    staff_client.post(PAGE, {"confirm": "1"})
    assert IndicatorValue.objects.get(indicator__code="idahot-reach").value == Decimal("120.5")
    schools = IndicatorValue.objects.get(indicator__code="secondary-schools-reached")
    assert schools.source_nl == "Schoolbezoeken in het café"


def test_one_bad_row_saves_nothing_and_every_problem_is_named(staff_client, measured):
    header = ("Indicator (code),Date,Value,Source (Dutch),Source (English),Public note (Dutch),"
              "Public note (English),Internal note\r\n")  # fmt: skip
    rows = [
        "secondary-schools-reached,2024-06-30,3,,,,,",  # fine, but the file has bad rows
        "no-such-indicator,2024-06-30,3,,,,,",
        "idahot-reach,17/05/2024,3,,,,,",
        "idahot-reach,2024-06-01,veel,,,,,",
        "idahot-reach,2024-06-02,1.234,,,,,",
        "rainbow-crossing-renewed,2025-01-01,2,,,,,",
        "idahot-reach,2021-05-17,81,,,,,",  # another value for a recorded date
        "idahot-reach,2099-01-01,5,,,,,",
        "secondary-schools-reached,2024-06-30,3,,,,,",  # twice in the file
    ]
    before = values_now()
    check = upload(staff_client, "v.csv", (header + "\r\n".join(rows)).encode())
    assert check.status_code == 400
    errors = dict(check.context["errors"])
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "no-such-indicator" in errors[3] and "17/05/2024" in errors[4]
    assert "veel" in errors[5] and "1.234" in errors[6]
    assert "mijlpaal" in errors[7] and "al een waarde" in errors[8]
    assert "toekomst" in errors[9] and "tweede waarde" in errors[10]
    staff_client.post(PAGE, {"confirm": "1"})
    assert values_now() == before


def test_a_file_that_is_not_the_export_gets_a_message(staff_client, rainbow_plan):
    check = upload(staff_client, "v.csv", b"naam,getal\r\nx,1\r\n")
    assert check.status_code == 400
    assert "De eerste rij moet de kolomnamen van de export bevatten" in check.content.decode()
    assert upload(staff_client, "v.pdf", b"%PDF").status_code == 400
