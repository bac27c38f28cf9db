"""Every export opened by a real spreadsheet program: LibreOffice Calc headless (Debian's
libreoffice-calc-nogui) converts each XLSX and CSV export to CSV, as a person opening it would
see it. Formula-like text must come out as the text itself, never as a computed value (a live
=HYPERLINK shows "Klik hier"), and every row must be there."""

import csv
import io
import shutil
import subprocess

import pytest

from reports.exports import DATASETS
from tests.reports.test_spreadsheets import EVIL, FORMULA_LIKE, export, tricky_data  # noqa: F401

pytestmark = pytest.mark.django_db
# LibreOffice's CSV filter options: separator, text delimiter ("), UTF-8 (76), start at row 1.
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def soffice():
    path = shutil.which("soffice")
    if path is None:
        pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc-nogui (.ci/run does)")
    return path


def convert(files, outdir, infilter=None):
    command = [
        soffice(), "--headless", "--norestore",
        f"-env:UserInstallation=file://{outdir}/profile",
        "--convert-to", CSV_OUT, "--outdir", str(outdir / "out"),
    ]  # fmt: skip
    if infilter:
        command.append(f"--infilter={infilter}")
    subprocess.run(command + [str(f) for f in files], check=True, capture_output=True, timeout=180)


def read_back(outdir, name):
    text = (outdir / "out" / name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.usefixtures("tricky_data")
def test_libreoffice_opens_every_export_and_computes_no_formula(staff_client, tmp_path):
    sources = {}
    for dataset in DATASETS:
        for fmt, separator in [("xlsx", "comma"), ("csv", "semicolon"), ("csv", "comma")]:
            name = f"{dataset}-{separator}.{fmt}" if fmt == "csv" else f"{dataset}.xlsx"
            (tmp_path / name).write_bytes(export(staff_client, dataset, fmt, separator=separator))
            sources[name] = (dataset, fmt, separator)
    convert([tmp_path / n for n in sources if n.endswith(".xlsx")], tmp_path)
    convert([tmp_path / n for n in sources if n.endswith("-comma.csv")], tmp_path, "CSV:44,34,76,1")
    convert(
        [tmp_path / n for n in sources if n.endswith("-semicolon.csv")], tmp_path, "CSV:59,34,76,1"
    )

    for name, (dataset, fmt, separator) in sources.items():
        rows = read_back(tmp_path, name.rsplit(".", 1)[0] + ".csv")
        exported = export(staff_client, dataset, fmt, separator=separator)
        if fmt == "csv":
            expected = list(
                csv.reader(
                    io.StringIO(exported.decode("utf-8-sig")),
                    delimiter={"comma": ",", "semicolon": ";"}[separator],
                )
            )
            assert len(rows) == len(expected), name
        cells = [cell for row in rows for cell in row]
        assert "Klik hier" not in cells, name  # no live HYPERLINK
        if dataset == "activities":
            titles = [row[1].removeprefix("'") for row in rows[1:]]
            assert [t.replace("\r", "\n") for t in titles] == [
                t.replace("\r", "\n") for t in FORMULA_LIKE
            ], (name, titles)
        if dataset == "events":
            assert any(EVIL in cell for cell in cells), name
