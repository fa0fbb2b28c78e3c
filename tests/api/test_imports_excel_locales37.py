"""Outside tester 37, K4 and K5, over HTTP: a training catalogue saved as CSV by Finnish or Swedish Excel
(booleans written TOSI/EPÄTOSI and SANT/FALSKT) was a 422 "online: yes or no."; a cell holding Excel's error
value (#N/A, #PUUTTUU!) must be a field-level 422, never a guess; "Hiittinen" (merged into Kemiönsaari in
1969) got "did you mean 'Huittinen'", 150 km away, and "Pieksämäen mlk" (merged in 2004) was refused."""

import json

import pytest
from sqlalchemy import select

from services.matching.team.repository import courses
from tests.api.matching_world import WELDER, essential, welding_shortage_world
from tests.api.uploads import OPERATOR, XLSX, import_catalogue, workbook
from tests.api.vacancy_bodies import EMPLOYER, rows, valid
from tests.helpers import auth, profile_body

# parsing uploads: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "inarin-tyollisyys")
HEADER = ["course_id", "provider", "title_fi", "title_sv", "skills", "length_weeks", "municipality", "online",
          "apprenticeship", "start_dates"]  # fmt: skip


@pytest.fixture
def app(database_url):
    return welding_shortage_world(database_url)  # today: Tuesday 24.11.2026


def row(course_id, online, apprenticeship, *, length="8", municipality="Tampere", start="11.1.2027"):
    return [course_id, "tredu", "Hitsaus", "Svetsning", essential(WELDER, 1)[0], length, municipality, online,
            apprenticeship, start]  # fmt: skip


def excel_csv(*rows):
    """As Finnish and Swedish Excel save "CSV (semicolon delimited)": Windows-1252, ';', CRLF."""
    return ("\r\n".join(";".join(str(c) for c in r) for r in rows) + "\r\n").encode("cp1252")


def stored(app):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        found = [
            (r.course_id, r.body if isinstance(r.body, dict) else json.loads(r.body))
            for r in conn.execute(select(courses))
        ]
    return {course_id: (body["online"], body["apprenticeship"]) for course_id, body in found}


def test_the_testers_catalogue_saved_by_finnish_and_swedish_excel_imports_its_booleans(app):
    data = excel_csv(
        HEADER,
        row("FI-1", "EPÄTOSI", "TOSI"),  # fi-FI Excel
        row("SV-1", "FALSKT", "SANT"),  # sv-FI Excel
        row("EN-1", "FALSE", "TRUE"),
        row("FI-2", "tosi", "epätosi", municipality=""),  # online, so no municipality
    )
    r = import_catalogue(app.test_client(), data, "text/csv")
    assert r.status_code == 201, r.json
    assert stored(app) == {
        "FI-1": (False, True),
        "SV-1": (False, True),
        "EN-1": (False, True),
        "FI-2": (True, False),
    }


def test_the_text_tosi_in_a_workbook_is_read_as_the_text_false_was(app):
    r = import_catalogue(
        app.test_client(), workbook([HEADER, row("X-1", "EPÄTOSI", "TOSI"), row("X-2", "FALSE", True)]), XLSX
    )
    assert r.status_code == 201, r.json
    assert stored(app) == {"X-1": (False, True), "X-2": (False, True)}


def test_excel_error_values_are_a_reason_naming_each_column_and_nothing_is_imported(app):
    data = excel_csv(
        HEADER,
        row("E-1", "#PUUTTUU!", "ei", length="#JAKO/0!"),  # Finnish Excel's #N/A and #DIV/0!
        row("E-2", "ei", "#SAKNAS!", municipality="#N/A"),  # Swedish Excel's #N/A; English #N/A
        row("E-3", "ei", "ei", start="#ARVO!"),
    )
    r = import_catalogue(app.test_client(), data, "text/csv")
    assert r.status_code == 422, r.json
    lines = r.json["errors"]["file"]
    assert sorted(lines, key=int) == ["2", "3", "4"]
    assert [x.split(":")[0] for x in lines["2"]] == ["length_weeks", "online"]
    assert [x.split(":")[0] for x in lines["3"]] == ["municipality", "apprenticeship"]
    assert [x.split(":")[0] for x in lines["4"]] == ["start_dates"]
    assert "#PUUTTUU!" in lines["2"][1] and "spreadsheet error" in lines["2"][1]
    text = " ".join(x for reasons in lines.values() for x in reasons)
    assert "did you mean" not in text and "yes or no" not in text  # no guess, no second reason for the cell
    assert stored(app) == {}


def test_an_error_cell_of_a_workbook_is_a_field_reason_in_the_callers_language(app):
    r = import_catalogue(
        app.test_client(), workbook([HEADER, row("E-1", "#N/A", "ei")]), XLSX, **{"Accept-Language": "fi"}
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert "#N/A" in reason and "virhearvo" in reason
    assert stored(app) == {}


def test_a_start_date_with_a_time_of_day_as_excel_writes_it_is_that_day(app):
    r = import_catalogue(
        app.test_client(), excel_csv(HEADER, row("T-1", "ei", "ei", start="11.1.2027 8:00")), "text/csv"
    )
    assert r.status_code == 201, r.json


def test_an_error_value_in_a_shortage_list_is_a_field_level_422(app):
    data = excel_csv(
        ["occupation", "region", "period", "level"], ["7212", "pirkanmaa", "2026H2", "#PUUTTUU!"]
    )
    r = app.test_client().post(
        "/api/v1/shortages", data=data, headers={**OPERATOR, "Content-Type": "text/csv"}
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert reason.startswith("level: ") and "#PUUTTUU!" in reason


# -- K5: former municipalities ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "code", "words"),
    [
        ("Hiittinen", "322", "1.1.1969"),  # the tester's: was "did you mean 'Huittinen' (102)?"
        ("Pieksämäen mlk", "593", "1.1.2004"),  # the tester's: was "did you mean 'Pieksämäki'"
        ("Pieksämäen maalaiskunta", "593", "Pieksämäen mlk"),
        ("Borgå landskommun", "638", "Porvoon mlk"),
        ("094", "322", "Hiittinen"),
    ],
)
def test_a_municipality_merged_before_2005_is_stored_as_todays_with_a_notice(vacancy_app, given, code, words):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(municipality=given), headers=EMPLOYER)
    assert r.status_code == 201 and r.json["municipality"] == code, r.json
    [notice] = r.json["notices"]
    assert notice["field"] == "municipality" and words in notice["message"], notice


@pytest.mark.parametrize("given", ["Viipuri", "Sortavala", "929"])
def test_a_municipality_of_the_ceded_area_is_a_422_pointing_to_no_other_place(
    vacancy_app, profile_app, given
):
    v = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(municipality=given), headers=EMPLOYER)
    assert v.status_code == 422, v.json
    [reason] = v.json["errors"]["json"]["municipality"]
    assert "ceded in 1944" in reason and "did you mean" not in reason
    assert rows(vacancy_app)[0] == 0
    p = profile_app.test_client().put(
        "/api/v1/profiles/t37-ceded", json=profile_body(municipality=given), headers=COACH
    )
    assert p.status_code == 422 and "municipality" in p.json["errors"]["json"], p.json


def test_a_typo_of_a_former_name_is_pointed_to_that_name_not_to_another_place(app):
    r = import_catalogue(
        app.test_client(), excel_csv(HEADER, row("H-1", "ei", "ei", municipality="Hiitinen")), "text/csv"
    )
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["file"]["2"]
    assert "did you mean 'Hiittinen' (094)?" in reason and "Huittinen" not in reason
