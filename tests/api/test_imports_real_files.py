"""Outside tester 26 (a PES analyst and a municipality officer): the barometer and catalogue files as
they really are exported. Each failed before: a unit group without ESCO occupations (3221) or a
Finnish 5-digit code failed the whole barometer file (F4); an Excel date serial (46082) was refused
without a hint (F6); a "Lähde: …" footnote failed the workbook (F7); "Länsi-Turunmaa" and
"Väståboland" were refused, old names were mapped unannounced, a typo got no "did you mean", and the
error key was ``csv`` for the shortage import but ``file`` for the catalogue (F8).

Every answer names the lines it skipped or read otherwise than written: ``line_warnings`` (line →
reasons, the shape of ``errors.file``) and the same as "Line n: …" strings in ``warnings``."""

import io
from datetime import datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from services.matching.team.repository import courses, outbox, shortage_lists
from tests.api.matching_world import WELDER, essential, welding_shortage_world
from tests.helpers import auth

# parsing uploads: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

OPERATOR = auth("operator", "kohtaanto")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BAROMETER = ["Ammatti", "Alue", "Ajankohta", "Arvio"]
CATALOGUE = ["course_id", "provider", "title_fi", "title_sv", "skills", "length_weeks", "municipality", "online",
             "apprenticeship", "start_dates"]  # fmt: skip


@pytest.fixture
def app(database_url):
    return welding_shortage_world(database_url)  # today: Tuesday 24.11.2026


def workbook(*rows):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv(*rows):
    return ("\ufeff" + "\r\n".join(";".join(str(c) for c in r) for r in rows) + "\r\n").encode()


def post(client, path, data, content_type, **headers):
    return client.post(path, data=data, headers={**OPERATOR, "Content-Type": content_type, **headers})


def count(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


#: An export as the barometer's users make one: a title, the date, a blank row, the table (a row of
#: a group without ESCO occupations, a national code of its group, a month as a date cell and as
#: Excel's serial number) and the source under it. Line numbers are the sheet's.
BAROMETER_ROWS = [
    ["Työvoimabarometri, Pirkanmaa"],  # 1
    ["Julkaistu", "1.9.2026"],  # 2: two cells, still no header
    [],  # 3
    BAROMETER,  # 4
    ["2221 Sairaanhoitajat", "Pirkanmaa", "2026H2", "Paljon pulaa"],  # 5
    ["3221 Sairaanhoitajat", "Pirkanmaa", "2026H2", "Pulaa"],  # 6: no ESCO occupation in 3221
    ["32211 Sairaanhoitajat", "Pirkanmaa", "2026H2", "Pulaa"],  # 7: its Finnish national code
    ["72121 Hitsaajat", "Pirkanmaa", "2026H2", "Pulaa"],  # 8: → 7212
    ["7212 Hitsaajat", "Pirkanmaa", datetime(2026, 3, 1), "Pulaa"],  # 9: a date cell
    ["5120 Kokit", "Pirkanmaa", 46082, "Tasapaino"],  # 10: 1.3.2026 as a number
    [],  # 11
    ["Lähde: Työ- ja elinkeinoministeriö, Työvoimabarometri"],  # 12
]


def test_a_real_barometer_workbook_imports_what_it_can_and_names_every_line_it_skips(app):
    client = app.test_client()
    r = post(client, "/api/v1/shortages", workbook(*BAROMETER_ROWS), XLSX)
    assert r.status_code == 201, r.json
    lists = {(x["region"], x["period"]): x["entries"] for x in r.json["lists"]}
    assert lists == {
        ("pirkanmaa", "2026-03"): [
            {"occupation": "7212", "level": "shortage"},
            {"occupation": "5120", "level": "balance"},
        ],
        ("pirkanmaa", "2026H2"): [
            {"occupation": "2221", "level": "severe_shortage"},
            {"occupation": "7212", "level": "shortage"},
        ],
    }
    skipped = r.json["line_warnings"]
    assert sorted(skipped, key=int) == ["6", "7", "12"]
    assert "ISCO-08 group 3221 (Nursing associate professionals) has no ESCO occupation" in skipped["6"][0]
    assert "'32211 Sairaanhoitajat'" in skipped["7"][0] and "3221" in skipped["7"][0]
    assert "A note below the table" in skipped["12"][0] and "Lähde" in skipped["12"][0]
    assert [w for w in r.json["warnings"] if w.startswith("Line ")] == [
        f"Line {line}: {reason}" for line in ("6", "7", "12") for reason in skipped[line]
    ]
    # nothing silently dropped: every data line is in a list or named
    assert sum(len(e) for e in lists.values()) + len(skipped) - 1 == 6  # - the note
    with app.extensions["kohtaanto.engine"].connect() as conn:
        stored = conn.execute(
            select(shortage_lists).where(shortage_lists.c.import_id == r.json["import_id"])
        ).all()
    assert sorted((x.region, x.period) for x in stored) == [("pirkanmaa", "2026-03"), ("pirkanmaa", "2026H2")]


def test_the_same_export_saved_as_csv_gives_the_same_answer(app):
    rows = [[c.strftime("%d.%m.%Y") if isinstance(c, datetime) else c for c in r] for r in BAROMETER_ROWS]
    r = post(app.test_client(), "/api/v1/shortages", csv(*rows), "text/csv")
    assert r.status_code == 201, r.json
    assert sorted(r.json["line_warnings"], key=int) == ["6", "7", "12"]
    assert sorted(x["period"] for x in r.json["lists"]) == ["2026-03", "2026H2"]


def test_the_skipped_lines_are_told_in_the_callers_language(app):
    r = post(
        app.test_client(), "/api/v1/shortages", workbook(*BAROMETER_ROWS), XLSX, **{"Accept-Language": "fi"}
    )
    assert r.status_code == 201, r.json
    assert any(
        w.startswith("Rivi 6: occupation: '3221 Sairaanhoitajat': ISCO-08-ryhmässä 3221")
        for w in r.json["warnings"]
    )
    assert r.json["line_warnings"]["12"][0].startswith("Huomautus taulukon alla")


def test_a_date_serial_on_another_day_than_the_first_is_refused_saying_which_date_it_is(app):
    before = (count(app, shortage_lists), count(app, outbox))
    r = post(
        app.test_client(),
        "/api/v1/shortages",
        workbook(BAROMETER, ["7212", "Pirkanmaa", 46085, "Pulaa"]),
        XLSX,
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert "46085 is Excel's serial number of the date 4.3.2026" in reason and "only on the 1st" in reason
    assert (count(app, shortage_lists), count(app, outbox)) == before


@pytest.mark.parametrize(
    ("path", "data", "content_type"),
    [
        ("/api/v1/shortages", csv(BAROMETER, ["2221", "Pirkanmaa", "2026H2", "lots"]), "text/csv"),
        ("/api/v1/shortages", workbook(BAROMETER, ["2221", "Pirkanmaa", "2026H2", "lots"]), XLSX),
        ("/api/v1/training/catalogue", csv(CATALOGUE, ["X", "tredu"]), "text/csv"),
        ("/api/v1/training/catalogue", workbook(CATALOGUE, ["X", "tredu"]), XLSX),
        ("/api/v1/shortages", b"not a zip", XLSX),
        ("/api/v1/training/catalogue", b"not a zip", XLSX),
    ],
)
def test_a_bad_upload_has_its_reasons_under_one_key_whatever_the_format_and_the_import(
    app, path, data, content_type
):
    """F8: the shortage import answered ``errors.csv`` (for an .xlsx too), the catalogue ``errors.file``."""
    r = post(app.test_client(), path, data, content_type)
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]) == ["file"] and r.json["errors"]["file"]


def catalogue_row(course_id, municipality, start):
    return [
        course_id,
        "tredu",
        "Hitsaus",
        "Svetsning",
        essential(WELDER, 1)[0],
        8,
        municipality,
        "ei",
        "ei",
        start,
    ]


def test_a_catalogue_with_former_names_date_serials_a_title_and_a_footnote_imports_with_line_warnings(app):
    """F6, F7, F8: 'Länsi-Turunmaa' and 'Väståboland' (Parainen / Pargas since 2012) were refused;
    'Vammala' (Sastamala since 2009) was taken silently; a date cell as a number and the footnote
    failed the file."""
    data = workbook(
        ["Koulutuskalenteri 2027"],
        CATALOGUE,
        catalogue_row("H1", "Länsi-Turunmaa", datetime(2027, 1, 11)),
        catalogue_row("H2", "Väståboland", 46398),  # 11.1.2027 in a cell formatted as a number
        catalogue_row("H3", "Vammala", "11.1.2027"),
        catalogue_row("H4", "Pargas", "2027-01-11"),
        ["Lähde: Tredu, koulutuskalenteri"],
    )
    r = post(app.test_client(), "/api/v1/training/catalogue", data, XLSX)
    assert r.status_code == 201, r.json
    assert r.json["courses"] == 4 and "header on line 2" in r.json["read_as"]
    notes = r.json["line_warnings"]
    assert sorted(notes, key=int) == ["3", "4", "5", "7"]
    assert "'Länsi-Turunmaa' was renamed on 1.1.2012: today it is 445 Parainen (Pargas)" in notes["3"][0]
    assert "'Väståboland' was renamed" in notes["4"][0]
    assert "Vammala" in notes["5"][0] and "790 Sastamala" in notes["5"][0]
    assert "Lähde: Tredu" in notes["7"][0]
    assert "Line 3: municipality: Municipality 'Länsi-Turunmaa' was renamed" in " ".join(r.json["warnings"])
    with app.extensions["kohtaanto.engine"].connect() as conn:
        stored = {row.course_id: row for row in conn.execute(select(courses))}
    assert set(stored) == {"H1", "H2", "H3", "H4"}


def test_a_mistyped_municipality_is_refused_with_the_close_name_and_nothing_is_imported(app):
    r = post(
        app.test_client(),
        "/api/v1/training/catalogue",
        csv(CATALOGUE, catalogue_row("H1", "Tamprere", "11.1.2027")),
        "text/csv",
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert reason.startswith("municipality: Unknown municipality 'Tamprere': did you mean 'Tampere' (837)?")
    assert count(app, courses) == 0
    sv = post(
        app.test_client(),
        "/api/v1/training/catalogue",
        csv(CATALOGUE, catalogue_row("H1", "Tamprere", "11.1.2027")),
        "text/csv",
        **{"Accept-Language": "sv"},
    )
    assert sv.json["errors"]["file"]["2"][0].startswith("kommun: ")


# -- outside tester 26, T26-11: the same exports, as the tester sent them ---------------------------
def sheets(**named):
    book = Workbook()
    book.remove(book.active)
    for title, rows in named.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: The tester's workbook: a title, the update date, a blank row, the table with date cells, a blank
#: row and the source with its footnote in one cell; then footnotes of other forms.
TESTER_ROWS = [
    ["Työvoimabarometri, Pirkanmaa"],  # 1
    ["Päivitetty 1.12.2026"],  # 2
    [],  # 3
    BAROMETER,  # 4
    ["2221 Sairaanhoitajat", "Pirkanmaa", datetime(2026, 12, 1), "Paljon pulaa"],  # 5
    ["5321 Lähihoitajat", "Pirkanmaa", datetime(2026, 12, 1), "Pulaa"],  # 6
    ["7212 Hitsaajat", "Pirkanmaa", datetime(2026, 12, 1), "Pulaa"],  # 7
    ["5120 Kokit", "Pirkanmaa", datetime(2026, 12, 1), "Tasapaino"],  # 8
    [],  # 9
    ["Lähde: KEHA-keskus / Työmarkkinatori. * = arvio perustuu alle kolmeen vastaukseen."],  # 10
    ["1) Ennakkotieto: tarkentuu tammikuussa"],  # 11
]


def test_the_testers_workbook_with_a_source_line_and_footnotes_below_the_data_imports_naming_them(app):
    r = post(app.test_client(), "/api/v1/shortages", workbook(*TESTER_ROWS), XLSX)
    assert r.status_code == 201, r.json
    assert [(x["region"], x["period"], len(x["entries"])) for x in r.json["lists"]] == [
        ("pirkanmaa", "2026-12", 4)
    ]
    assert sorted(r.json["line_warnings"], key=int) == ["10", "11"]
    assert "A note below the table" in r.json["line_warnings"]["11"][0]
    assert r.json["read_as"] == "Excel workbook, sheet 'Sheet', header on line 4"


def test_a_footnote_that_looks_like_data_in_several_cells_still_fails_with_its_field_reasons(app):
    before = (count(app, shortage_lists), count(app, outbox))
    rows = [*TESTER_ROWS[:9], ["* = arvio", "perustuu alle kolmeen vastaukseen", "", ""]]
    r = post(app.test_client(), "/api/v1/shortages", workbook(*rows), XLSX)
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]["file"]) == ["10"]
    assert any(
        "region" in reason.lower() or "maakunta" in reason.lower()
        for reason in r.json["errors"]["file"]["10"]
    )
    assert (count(app, shortage_lists), count(app, outbox)) == before


@pytest.mark.parametrize("first", ["Tietoja", "Ohjeet", "Info"])
def test_a_workbook_with_an_instructions_sheet_first_imports_the_table_of_the_sheet_with_the_header(
    app, first
):
    """T26-11: 422 "Missing column(s) … sheet 'Tietoja'" for a table on the second sheet."""
    data = sheets(
        **{first: [["Ohje: arvio 1 = paljon ylitarjontaa … 5 = paljon pulaa."], ["Lähde", "KEHA-keskus"]]},
        Data=TESTER_ROWS,
    )
    r = post(app.test_client(), "/api/v1/shortages", data, XLSX)
    assert r.status_code == 201, r.json
    assert r.json["read_as"] == (
        f"Excel workbook, sheet 'Data' (the first with the header row; skipped '{first}'), header on line 4"
    )
    assert sum(len(x["entries"]) for x in r.json["lists"]) == 4


def test_a_workbook_without_the_header_on_any_sheet_names_every_sheet_in_its_reason(app):
    data = sheets(Tietoja=[["Ohje"]], Data=[["Ammatti", "Maakunta"], ["2221", "Pirkanmaa"]])
    r = post(app.test_client(), "/api/v1/shortages", data, XLSX)
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["1"]
    assert "sheet 'Tietoja' (no sheet has the header row; the others: 'Data')" in reason


@pytest.mark.parametrize(
    "period",
    [
        "joulukuu 2026",
        "joulukuuta 2026",
        "december 2026",
        "December 2026",
        "dec 2026",
        "Dec. 2026",
        "12/2026",
        "2026-12",
    ],
)
def test_a_csv_period_written_as_a_month_name_in_finnish_swedish_or_english_is_that_month(app, period):
    r = post(
        app.test_client(),
        "/api/v1/shortages",
        csv(BAROMETER, ["7212 Hitsaajat", "Pirkanmaa", period, "Pulaa"]),
        "text/csv",
    )
    assert r.status_code == 201, r.json
    assert [x["period"] for x in r.json["lists"]] == ["2026-12"]


@pytest.mark.parametrize(
    ("period", "half"), [("syksy/2026", "2026H2"), ("höst/2026", "2026H2"), ("syksy 2026", "2026H2")]
)
def test_a_season_with_a_slash_is_its_half_year_as_with_a_space(app, period, half):
    r = post(
        app.test_client(),
        "/api/v1/shortages",
        csv(BAROMETER, ["7212 Hitsaajat", "Pirkanmaa", period, "Pulaa"]),
        "text/csv",
    )
    assert r.status_code == 201, r.json
    assert [x["period"] for x in r.json["lists"]] == [half]


@pytest.mark.parametrize("period", ["kesä 2026", "joulukuussa 2026", "talvi 2026"])
def test_a_period_in_no_accepted_form_is_a_422_naming_the_accepted_forms_and_nothing_is_stored(app, period):
    before = (count(app, shortage_lists), count(app, outbox))
    r = post(
        app.test_client(),
        "/api/v1/shortages",
        csv(BAROMETER, ["7212 Hitsaajat", "Pirkanmaa", period, "Pulaa"]),
        "text/csv",
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert f"Bad period '{period}'" in reason
    assert "2026H2" in reason and "March 2026" in reason and "syksy 2026" in reason
    assert (count(app, shortage_lists), count(app, outbox)) == before


def test_a_catalogue_workbook_with_an_instructions_sheet_and_a_footnote_imports_from_the_sheet_with_the_header(
    app,
):
    data = sheets(
        Ohjeet=[["Täytä yksi rivi kurssia kohden."]],
        Kurssit=[
            CATALOGUE,
            catalogue_row("H1", "Tampere", "11.1.2027"),
            [],
            ["(c) Tredu 2026, tiedot ilman takuuta"],
        ],
    )
    r = post(app.test_client(), "/api/v1/training/catalogue", data, XLSX)
    assert r.status_code == 201, r.json
    assert r.json["courses"] == 1 and "sheet 'Kurssit'" in r.json["read_as"]
    assert sorted(r.json["line_warnings"], key=int) == ["4"]
