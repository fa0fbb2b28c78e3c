"""Outside tester 36, H10: an Excel import whose region (or period, or provider) cell is merged over several rows,
as people group rows in Excel, read "Unknown region ''" for the rows under the first. Every .xlsx import reads a
merged range's value into each cell it covers, as Excel shows it, and says so in the import's warnings, naming the
cell and the range: the labour-shortage lists and the training catalogue (both read by ``shared.tables``).
Over HTTP (Flask test client, real database, no broker)."""

import pytest

from tests.api.matching_world import NURSE, Clock, matching_app, vacancy, welders
from tests.api.uploads import HEADER as CATALOGUE_HEADER
from tests.api.uploads import OPERATOR, XLSX, catalogue_rows, import_catalogue, workbook

# parsing uploads: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

SHORTAGE_HEADER = ["Ammatti", "Alue", "Ajankohta", "Arvio"]


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())  # today: Tuesday 24.11.2026
    vacancy(app, "v-nurse", occupation=NURSE, title="Sairaanhoitaja")
    welders(app)
    return app


def upload(client, data, lang="en"):
    return client.post(
        f"/api/v1/shortages?source=test&lang={lang}", data=data, headers={**OPERATOR, "Content-Type": XLSX}
    )


def test_the_testers_region_merged_over_three_rows_is_read_on_each_with_a_warning(app):
    data = workbook(
        [
            SHORTAGE_HEADER,
            ["2221 Sairaanhoitajat", "Pirkanmaa", "2026H2", "Paljon pulaa"],
            ["5321 Lähihoitajat", None, "2026H2", "Pulaa"],
            ["7512 Leipurit", None, "2026H2", "Tasapaino"],
        ],
        merges=["B2:B4"],
    )
    r = upload(app.test_client(), data)
    assert r.status_code == 201, r.json
    assert {(x["region"], x["period"]) for x in r.json["lists"]} == {("pirkanmaa", "2026H2")}
    warnings = r.json["line_warnings"]
    for line in ("3", "4"):
        assert any(f"B{line}" in w and "B2:B4" in w and "'Pirkanmaa'" in w for w in warnings[line]), warnings
    assert "2" not in warnings, warnings  # the range's own first cell is read as written


def test_a_merged_period_and_a_merged_region_across_rows_and_columns_are_read_as_excel_shows_them(app):
    data = workbook(
        [
            ["Työvoimabarometri 2026H2, Pirkanmaa"],  # a title merged across the columns stays a title
            SHORTAGE_HEADER,
            ["2221 Sairaanhoitajat", "Pirkanmaa", "2026H2", "Paljon pulaa"],
            ["5321 Lähihoitajat", "Pirkanmaa", None, "Pulaa"],
        ],
        merges=["A1:D1", "C3:C4"],
    )
    r = upload(app.test_client(), data)
    assert r.status_code == 201, r.json
    assert any("C4" in w and "C3:C4" in w for w in r.json["line_warnings"]["4"]), r.json["line_warnings"]


def test_the_merged_cell_warning_is_given_in_finnish_and_swedish(app):
    data = workbook(
        [SHORTAGE_HEADER, ["2221", "Pirkanmaa", "2026H2", "Pulaa"], ["5321", None, "2026H2", "Pulaa"]],
        merges=["B2:B3"],
    )
    for lang in ("fi", "sv"):
        r = upload(app.test_client(), data + b"", lang)
        assert r.status_code == 201, r.json
        (warning,) = r.json["line_warnings"]["3"]
        assert "B3" in warning and "B2:B3" in warning and "Excel" in warning and "merged" not in warning, (
            warning
        )


def test_a_catalogue_whose_provider_is_merged_over_its_courses_imports_every_course(app):
    rows = catalogue_rows()
    for cells in rows[1:]:
        cells[1] = None
    r = import_catalogue(app.test_client(), workbook([CATALOGUE_HEADER, *rows], merges=["B2:B4"]), XLSX)
    assert r.status_code == 201, r.json
    assert r.json["courses"] == 3 and r.json["providers"] == ["tredu"], r.json
    assert any("B3" in w and "B2:B4" in w for w in r.json["warnings"]), r.json["warnings"]
