"""The training catalogue's validation and the course choice for missing skills."""

from datetime import date

import pytest

from services.matching.team.training import (
    CatalogueError,
    Course,
    Places,
    parse_catalogue,
    suggest,
    teaching,
)

WELD, MAG, TIG, SAFETY = "skill:weld", "skill:mag", "skill:tig", "skill:safety"
COORDS = {"837": (61.498, 23.761), "536": (61.478, 23.508), "091": (60.170, 24.938), "905": (63.096, 21.616)}
NAMES = {"tampere": "837", "nokia": "536", "helsinki": "091", "vaasa": "905"}


def municipality(text):
    """A fake of ``Geography.municipality``: (code, notice) or ``ValueError`` saying why not."""
    code = text if text in COORDS else NAMES.get(text.casefold())
    if code is None:
        raise ValueError(f"Unknown municipality {text!r}")
    return code, None


PLACES = Places(
    known_skill=lambda u: u if u.startswith("skill:") else None,
    municipality=municipality,
    coordinates=COORDS,
    provider_kind=lambda org: {"tredu": "education", "konepaja-oy": "employer"}.get(org, "partner"),
)
HEADER = ["course_id", "provider", "title_fi", "title_sv", "skills", "length_weeks", "municipality", "online",
          "apprenticeship", "start_dates", "url"]  # fmt: skip
TODAY = date(2026, 11, 30)


def row(**kw):
    base = {
        "course_id": "HITS-1",
        "provider": "tredu",
        "title_fi": "MAG-hitsauksen lyhytkoulutus",
        "title_sv": "",
        "skills": f"{WELD} | {MAG}",
        "length_weeks": "8",
        "municipality": "Tampere",
        "online": "ei",
        "apprenticeship": "ei",
        "start_dates": "11.1.2027; 2027-03-01",
        "url": "",
    }
    base.update(kw)
    return [base[h] for h in HEADER]


def test_a_good_catalogue_line_becomes_a_course():
    [c] = parse_catalogue(HEADER, [(2, row())], PLACES)
    assert c.skills == {WELD, MAG} and c.municipality == "837" and not c.online
    assert c.start_dates == (date(2027, 1, 11), date(2027, 3, 1)) and c.next_start(TODAY) == date(2027, 1, 11)


def test_every_bad_line_is_named_with_every_reason_and_nothing_is_returned():
    rows = [
        (2, row()),
        (3, row(course_id="X", skills="welding", length_weeks="lots", online="maybe")),
        (4, row(course_id="Y", municipality="", online="no", start_dates="soon")),
        (5, row()),  # the same course again
    ]
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, rows, PLACES)
    e = err.value.errors
    assert sorted(e) == [3, 4, 5]
    assert (
        any("skills" in r for r in e[3])
        and any("length_weeks" in r for r in e[3])
        and any("online" in r for r in e[3])
    )
    assert any("municipality" in r for r in e[4]) and any("'soon'" in r for r in e[4])
    assert any("line 2" in r for r in e[5])


def test_a_missing_column_is_named():
    with pytest.raises(CatalogueError) as err:
        parse_catalogue([h for h in HEADER if h != "skills"], [(2, row())], PLACES)
    assert "skills" in err.value.errors[1][0]


def test_online_and_rolling_start_courses_need_no_place_or_date():
    [c] = parse_catalogue(
        HEADER, [(2, row(municipality="", online="kyllä", start_dates="jatkuva haku"))], PLACES
    )
    assert c.online and c.continuous and c.next_start(TODAY) == TODAY


def course(cid, skills, place="837", start=date(2027, 1, 11), online=False, title=None):
    return Course("tredu", cid, title or cid, "", frozenset(skills), 4, place, online, False, (start,))


def plan(missing, courses, home="837", reach=30):
    return suggest(missing, courses, today=TODAY, home=home, reach_km=reach, coordinates=COORDS)


def test_the_course_teaching_most_of_the_missing_skills_comes_first_and_more_follow_for_the_rest():
    p = plan(
        {WELD, MAG, SAFETY}, [course("a", {WELD}), course("b", {WELD, MAG}), course("c", {SAFETY, WELD})]
    )
    assert [(s.course.course_id, set(s.covers)) for s in p.suggestions] == [
        ("b", {WELD, MAG}),
        ("c", {SAFETY}),
    ]
    assert p.uncovered == frozenset()


def test_among_equal_courses_the_nearest_then_the_soonest_wins():
    near_late = course("near-late", {WELD}, "536", date(2027, 2, 1))
    here_late = course("here-late", {WELD}, "837", date(2027, 2, 1))
    here_soon = course("here-soon", {WELD}, "837", date(2027, 1, 4))
    assert plan({WELD}, [near_late, here_late]).suggestions[0].course.course_id == "here-late"
    assert plan({WELD}, [here_late, here_soon]).suggestions[0].course.course_id == "here-soon"


def test_courses_out_of_reach_or_already_started_are_left_out_but_online_ones_are_not():
    far = course("helsinki", {TIG}, "091")
    past = course("past", {TIG}, "837", date(2026, 10, 1))
    online = course("online", {TIG}, None, online=True)
    p = plan({TIG, SAFETY}, [far, past, online])
    assert [s.course.course_id for s in p.suggestions] == ["online"] and p.uncovered == {SAFETY}
    assert plan({TIG}, [far], home=None).suggestions[0].course.course_id == "helsinki"


def test_courses_teaching_a_skill_in_the_region_or_online_soonest_first():
    found = teaching(
        WELD,
        [
            course("later", {WELD}, "837", date(2027, 3, 1)),
            course("sooner", {WELD}, "536"),
            course("vaasa", {WELD}, "905"),
        ],
        TODAY,
        {"837", "536"},
    )
    assert [c.course_id for c in found] == ["sooner", "later"]


def test_a_course_provider_must_be_a_training_provider_in_the_registry():
    """Outside tester 3, F15: an unregistered provider (a typo) and an employer were accepted."""
    from services.matching.team.training import CatalogueError, parse_catalogue

    places = Places(
        known_skill=PLACES.known_skill,
        municipality=PLACES.municipality,
        coordinates=COORDS,
        provider_kind={"tredu": "education", "konepaja-oy": "employer"}.get,
    )
    for provider in ("tredu-typo", "konepaja-oy"):
        with pytest.raises(CatalogueError) as err:
            parse_catalogue(HEADER, [(2, row(provider=provider))], places)
        assert any("organisation registry" in r for r in err.value.errors[2]), err.value.errors
    assert parse_catalogue(HEADER, [(2, row(provider="tredu"))], places)


def test_a_start_date_in_a_year_no_course_starts_is_named():
    """Outside tester 20, P6 (every date users send is plausible): 1.1.0001 was a course start."""
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, [(2, row(start_dates="1.1.0001; 2027-03-01"))], PLACES)
    assert err.value.errors[2] == ["start_dates: 0001-01-01 is not a plausible start (years 2000–2100)."]


def test_an_import_names_the_stored_courses_it_removes_and_counts_those_it_replaces():
    # outside tester 25, F2: 5 new courses for a school silently removed its 40 others
    from services.matching.team.training_handlers import replaced_courses

    stored = [course("A", (), place="837"), course("B", (), place="837"), course("C", (), place="091")]
    other = Course("tampere-opisto", "A", "A", "", frozenset(), 4, "837", False, False, (date(2027, 1, 11),))
    found = [course("A", (), place="837"), course("D", (), place="837")]
    assert replaced_courses(found, [*stored, other], None) == ((("tredu", "B"), ("tredu", "C")), 1)
    # a city's operator replaces only the provider's courses held where it acts (Helsinki's C stays)
    assert replaced_courses(found, stored, frozenset({"837"})) == ((("tredu", "B"),), 1)
    assert replaced_courses(found, [], None) == ((), 0)


# -- outside tester 26: the catalogue as providers export it -------------------------------------------
def test_a_municipalitys_own_reason_and_notice_reach_the_line_a_former_name_imports_with_a_warning():
    """F8: every refusal read "is not a Finnish municipality" with no hint, and a former name was
    mapped to today's municipality without telling the importer."""
    from services.matching.team.training import read_catalogue
    from shared.reference import geography

    finland = geography()

    def municipality(text):
        found = finland.municipality(text)
        return found.code, found.notice

    places = Places(PLACES.known_skill, municipality, COORDS, PLACES.provider_kind)
    read = read_catalogue(
        HEADER,
        [(2, row(municipality="Länsi-Turunmaa")), (3, row(course_id="H2", municipality="Vammala"))],
        places,
        {5: ["A note below the table, not a data row: skipped ('Lähde: Tredu')."]},
    )
    assert [c.municipality for c in read.courses] == ["445", "790"]
    assert sorted(read.warnings) == [2, 3, 5]
    assert "Parainen" in read.warnings[2][0] and read.warnings[2][0].startswith("municipality: ")
    assert "Sastamala" in read.warnings[3][0]
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, [(2, row(municipality="Tamprere"))], places)
    assert "did you mean 'Tampere' (837)?" in err.value.errors[2][0]


def test_an_excel_date_serial_is_a_start_date_and_another_number_says_what_a_date_is():
    """F6: a start date cell formatted as a number (46398 = 11.1.2027) was "not a date"."""
    from shared.tables import excel_date

    places = Places(
        PLACES.known_skill, PLACES.municipality, COORDS, PLACES.provider_kind, excel_date=excel_date
    )
    [c] = parse_catalogue(HEADER, [(2, row(start_dates="46398; 2027-03-01T08:00:00"))], places)
    assert c.start_dates == (date(2027, 1, 11), date(2027, 3, 1))
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, [(2, row(start_dates="123"))], places)
    [reason] = err.value.errors[2]
    assert "'123' is a number, not a date" in reason and "format the cell as a date" in reason


def test_a_course_across_the_sea_from_home_is_out_of_reach_unless_online():
    """Outside tester 26, T26-12 (same kind): Åland and the mainland have no road between them."""
    coords = {**COORDS, "478": (60.096, 19.943642), "853": (60.448121, 22.266244)}  # Mariehamn, Turku
    turku, online = course("turku", {TIG}, "853"), course("online", {TIG}, None, online=True)

    def suggested(home, networks, courses=(turku,)):
        p = suggest(
            {TIG}, courses, today=TODAY, home=home, reach_km=500, coordinates=coords, road_networks=networks
        )
        return [s.course.course_id for s in p.suggestions]

    aland = {"478": "ahvenanmaa"}
    assert suggested("478", {}) == ["turku"], "without the networks the 200 km are within 500 km"
    assert suggested("478", aland) == []
    assert suggested("478", aland, (turku, online)) == ["online"]
    assert suggested("837", aland) == ["turku"], "Tampere–Turku is on one network"
