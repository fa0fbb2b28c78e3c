"""Shortage CSV parsing (whole-file validation) and the rule that flags a vacancy as a shortage role."""

from datetime import date

import pytest

from services.kernel.shortages import ShortageBook
from services.matching.team.shortages import (
    Level,
    Period,
    PeriodRules,
    ShortageCsvError,
    ShortageList,
    dropped_warnings,
    effect_notices,
    parse_period,
    parse_shortage_csv,
)
from shared.config import REPO_ROOT

NURSE = "http://data.europa.eu/esco/occupation/nurse"
NURSE_SPECIALIST = "http://data.europa.eu/esco/occupation/specialist-nurse"
MIDWIFE = "http://data.europa.eu/esco/occupation/midwife"
WELDER = "http://data.europa.eu/esco/occupation/welder"
REGIONS = {"pirkanmaa", "pohjanmaa"}

EVERY = date(2099, 12, 31)  # a day on which every stored list has started


ISCO = {NURSE: "2221", NURSE_SPECIALIST: "2221", MIDWIFE: "2222", WELDER: "7212"}


class FakeCatalogue:
    def has_occupation(self, uri):
        return uri in ISCO

    def occupations_in_isco(self, code):
        return [u for u, c in ISCO.items() if c.startswith(code)]

    def isco_label(self, code):
        """ISCO-08's groups here: those with occupations above, and 3221 and 2240, which ESCO has none in."""
        known = {"3221": "Nursing associate professionals", "2240": "Paramedical practitioners"}
        return known.get(code) or (code if self.occupations_in_isco(code) else None)


def parse(text, source="test"):
    return parse_shortage_csv(text, FakeCatalogue(), REGIONS, source)


GOOD = f"""occupation,region,period,level,comment
222,national,2026H2,shortage,nursing and midwifery
{NURSE_SPECIALIST},national,2026H2,balance,specialists are fine
7212,pirkanmaa,2026H2,severe_shortage,
7212,pirkanmaa,2026H1,shortage,
"""


def test_a_good_file_gives_one_list_per_region_and_period_with_isco_codes_resolved():
    lists = parse(GOOD)
    assert [(x.region, str(x.period)) for x in lists] == [
        ("national", "2026H2"),
        ("pirkanmaa", "2026H1"),
        ("pirkanmaa", "2026H2"),
    ]
    national = lists[0]
    assert national.levels == {
        NURSE: Level.SHORTAGE,
        MIDWIFE: Level.SHORTAGE,
        NURSE_SPECIALIST: Level.BALANCE,
    }
    assert national.key == "national|2026H2" and national.source == "test"
    assert ShortageList.from_payload(national.to_payload()) == national


def test_a_malformed_file_is_rejected_with_every_bad_line_and_its_reasons():
    text = f"""occupation,region,period,level
222,national,2026H2,shortage
nurse,pirkanmaa,2026H3,lots
{WELDER}x,uusimaa,2026H2,shortage
9999,national,26H2,balance

222,national,2026h2,shortage
7212,pirkanmaa
"""
    with pytest.raises(ShortageCsvError) as caught:
        parse(text)
    errors = caught.value.errors
    assert sorted(errors) == [3, 4, 5, 7, 8]
    assert any("neither an ESCO occupation URI nor an ISCO-08 code" in r for r in errors[3])
    assert any("period" in r for r in errors[3]) and any("level" in r for r in errors[3])
    assert any("Unknown ESCO occupation URI" in r for r in errors[4])
    assert any("Unknown region 'uusimaa'" in r for r in errors[4])
    assert any("No ESCO occupation in ISCO-08 group 9999" in r for r in errors[5])
    assert errors[7] == ["Same occupation, region and period as line 2."]
    assert "field" in errors[8][0]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("occupation,region,level\n7212,national,shortage\n", "Missing column(s): period"),
        ("occupation,region,period,level\n", "No data rows"),
    ],
)
def test_a_file_without_usable_header_or_rows_is_rejected_on_line_one(text, reason):
    with pytest.raises(ShortageCsvError) as caught:
        parse(text)
    assert list(caught.value.errors) == [1] and reason in caught.value.errors[1][0]


def test_the_latest_period_covering_a_region_applies_and_a_regional_rating_beats_the_national_one():
    book = ShortageBook(parse(GOOD), on=EVERY)
    flag = book.flag("pirkanmaa", WELDER)
    assert flag is not None and (flag.level, str(flag.period), flag.list_region) == (
        Level.SEVERE_SHORTAGE,
        "2026H2",
        "pirkanmaa",
    )
    assert book.flag("pirkanmaa", NURSE).list_region == "national"
    assert book.flag("pohjanmaa", WELDER) is None, "welders are in shortage only in Pirkanmaa"
    assert book.flag("pohjanmaa", NURSE_SPECIALIST) is None, "balance is not a shortage"
    assert book.flag("pohjanmaa", None) is None
    newer = parse("occupation,region,period,level\n7212,national,2027H1,surplus\n")
    assert ShortageBook([*parse(GOOD), *newer], on=EVERY).flag("pirkanmaa", WELDER) is None, (
        "2027H1 supersedes 2026H2"
    )


def test_periods_are_half_years_or_months_in_the_ways_offices_write_them():
    assert parse_period("2026h2") == Period(2026, 2) and str(Period(2026, 1)) == "2026H1"
    assert Period(2026, 1) < Period(2026, 2) < Period(2027, 1)
    for text in (
        "2026H2",
        "H2/2026",
        "H2 2026",
        "2026/II",
        "II/2026",
        "syksy 2026",
        "Höst 2026",
        "autumn 2026",
    ):
        assert parse_period(text) == Period(2026, 2), text
    assert parse_period("kevät 2026") == parse_period("vår 2026") == Period(2026, 1)
    for text in ("2026-03", "2026M03", "03/2026", "3/2026", "2026-03-01"):
        assert parse_period(text) == Period(2026, month=3), text
    assert str(Period(2026, month=3)) == "2026-03"
    assert (Period(2026, month=3).start, Period(2026, month=3).end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert Period(2026, 1) < Period(2026, month=3) < Period(2026, 2), "ordered by start"
    for bad in ("2026H3", "2026", "1999H1", "2026-13", "2026-03-15", "spring", "26H2"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_a_period_far_in_the_future_is_a_typo_and_the_whole_file_is_refused():
    text = "occupation,region,period,level\n7212,national,2026H2,shortage\n2221,pirkanmaa,2062H2,shortage\n"
    with pytest.raises(ShortageCsvError) as caught:
        parse_shortage_csv(text, FakeCatalogue(), REGIONS, today=date(2026, 11, 24))
    assert list(caught.value.errors) == [3]
    assert "2062H2 starts" in caught.value.errors[3][0] and "A typo?" in caught.value.errors[3][0]
    next_half = "occupation,region,period,level\n7212,national,2027H1,shortage\n"
    assert parse_shortage_csv(next_half, FakeCatalogue(), REGIONS, today=date(2026, 11, 24))


def test_a_list_is_stale_twelve_months_after_its_period_started():
    rules = PeriodRules()
    assert rules.age(Period(2022, 2), date(2026, 11, 24))["stale"] is True
    fresh = rules.age(Period(2026, 2), date(2026, 11, 24))
    assert fresh == {
        "period_start": "2026-07-01",
        "period_end": "2026-12-31",
        "age_days": 146,
        "stale": False,
    }
    assert rules.age(Period(2025, 2), date(2026, 6, 30))["stale"] is False
    assert rules.age(Period(2025, 2), date(2026, 7, 1))["stale"] is True
    assert PeriodRules(stale_after_months=6).age(Period(2026, 1), date(2026, 7, 1))["stale"] is True


def test_the_demo_seed_parses_against_the_real_taxonomy():
    from services.matching.index.reference import load_taxonomy

    taxonomy = load_taxonomy()
    text = (
        REPO_ROOT / "data" / "barometer" / "fi_shortage_occupations_national_illustrative.csv"
    ).read_text()
    lists = parse_shortage_csv(text, taxonomy, REGIONS, "illustrative")
    assert [str(x.period) for x in lists] == ["2021H1", "2021H2", "2022H2"]
    healthcare_assistant = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
    flag = ShortageBook(lists, on=EVERY).flag("pirkanmaa", healthcare_assistant)
    assert flag is not None and str(flag.period) == "2022H2"


def _finland_regions(text):
    from shared.reference import geography

    return geography().region(text).id


def test_the_labour_force_barometer_table_imports_directly_with_swedish_names_and_months():
    from services.matching.index.reference import load_taxonomy
    from services.matching.team.shortages import parse_shortage_file

    data = (REPO_ROOT / "data" / "barometer" / "tyovoimabarometri_example.csv").read_bytes()
    lists = parse_shortage_file(data, load_taxonomy(), _finland_regions, "TB", today=date(2026, 11, 24))
    assert [(x.region, str(x.period)) for x in lists] == [
        ("etela-pohjanmaa", "2026-10"),
        ("national", "2026H2"),
        ("pirkanmaa", "2026H2"),
        ("pohjanmaa", "2026H2"),
    ]
    pirkanmaa = {e.occupation: e.level for e in lists[2].entries}
    assert pirkanmaa == {
        "2221": Level.SEVERE_SHORTAGE,
        "5321": Level.SEVERE_SHORTAGE,
        "7212": Level.SHORTAGE,
        "4110": Level.SURPLUS,
    }
    assert {e.occupation: e.level for e in lists[3].entries} == {
        "2221": Level.SEVERE_SHORTAGE,
        "7212": Level.SHORTAGE,
    }


def test_barometer_columns_in_swedish_with_numeric_ratings_and_region_codes():
    text = "Yrke\tLandskap\tTidpunkt\tBedömning\n2221 Sjukskötare\tMK15 Österbotten\thöst 2026\t4,6\n7212\t06\t2026M10\t2\n"
    lists = parse_shortage_csv(text, FakeCatalogue(), _finland_regions, today=date(2026, 11, 24))
    assert [(x.region, str(x.period), [(e.occupation, e.level) for e in x.entries]) for x in lists] == [
        ("pirkanmaa", "2026-10", [("7212", Level.SURPLUS)]),
        ("pohjanmaa", "2026H2", [("2221", Level.SEVERE_SHORTAGE)]),
    ]


def test_a_file_with_unknown_columns_names_what_was_found_and_how_it_was_read():
    text = "\ufeffTunnus;Paikka;Vuosi\r\n2221;Pirkanmaa;2026\r\n"
    with pytest.raises(ShortageCsvError) as caught:
        parse_shortage_csv(text, FakeCatalogue(), REGIONS)
    [reason] = caught.value.errors[1]
    assert "Missing column(s): occupation, region, period, level" in reason
    assert "Found: 'Tunnus', 'Paikka', 'Vuosi'" in reason and "';'-separated, UTF-8 with BOM" in reason


def test_an_excel_made_csv_of_the_projects_own_columns_imports():
    data = (
        REPO_ROOT / "tests" / "fixtures" / "shortages" / "excel_fi_utf8_bom_semicolon_crlf.csv"
    ).read_bytes()
    from services.matching.index.reference import load_taxonomy
    from services.matching.team.shortages import parse_shortage_file

    lists = parse_shortage_file(data, load_taxonomy(), REGIONS, today=date(2026, 11, 24))
    assert [(x.region, str(x.period), len(x.entries)) for x in lists] == [
        ("national", "2026H2", 1),
        ("pirkanmaa", "2026H2", 2),
    ]


def test_an_occupation_name_without_its_isco_code_is_refused_with_how_to_write_it():
    text = "ammatti,alue,ajankohta,arvio\nSairaanhoitajat,Pirkanmaa,2026H2,pulaa\n"
    with pytest.raises(ShortageCsvError) as caught:
        parse_shortage_csv(text, FakeCatalogue(), _finland_regions)
    assert "'2221 Sairaanhoitajat'" in caught.value.errors[2][0]


def test_an_isco_code_that_lost_its_leading_zero_in_excel_gets_a_hint():
    """An outside tester's 0110 (commissioned armed forces officers) arrived as 110."""
    ISCO["http://data.europa.eu/esco/occupation/officer"] = "0110"
    try:
        with pytest.raises(ShortageCsvError) as caught:
            parse("occupation,region,period,level\n110,national,2026H2,shortage\n")
    finally:
        del ISCO["http://data.europa.eu/esco/occupation/officer"]
    assert any("Did you mean 0110?" in r for r in caught.value.errors[2])


def test_a_finnish_excel_date_on_the_first_is_its_month_in_csv_as_in_xlsx():
    """Outside tester 15, P14: Finnish Excel saves the .xlsx date cell 1.12.2026 as "1.12.2026" in CSV."""
    for text in ("1.12.2026", "01.12.2026", "1.12.2026 0:00", "2026-12-01", "2026-12-01 00:00:00"):
        assert parse_period(text) == Period(2026, month=12), text
    for text in ("15.12.2026", "2026-12-15"):
        with pytest.raises(ValueError, match=r"only on the 1st .*1\.12\.2026 or 2026-12-01 is 2026-12"):
            parse_period(text)
    with pytest.raises(ValueError, match=r"31\.2\.2026 is not a date"):
        parse_period("31.2.2026")
    with pytest.raises(ShortageCsvError) as caught:
        parse(
            "occupation;region;period;level\n7212;pirkanmaa;1.12.2026;pulaa\n7212;pirkanmaa;2.12.2026;pulaa\n"
        )
    assert list(caught.value.errors) == [3] and "only on the 1st" in caught.value.errors[3][0]


def test_an_import_says_what_each_list_now_decides_and_warns_before_a_meeting_is_emptied():
    """Outside tester 15, P4: a one-line month emptied the half-year's meeting without a word."""
    half = parse(
        "occupation,region,period,level\n222,pirkanmaa,2026H2,shortage\n7212,pirkanmaa,2026H2,shortage\n"
    )
    month = parse("occupation,region,period,level\n7212,pirkanmaa,1.12.2026,balance\n")
    before, after = ShortageBook(half, on=EVERY), ShortageBook([*half, *month], on=EVERY)
    [notice] = effect_notices(before, after, month)
    assert notice.startswith("pirkanmaa: 2026-12 now decides 1 of the 1 ESCO occupations it rates; ")
    assert "2026H2 now decides 3 of the 4 it rates (before: 4)" in notice
    assert "in shortage there: 4 before this import, 3 now." in notice
    assert after.flag("pirkanmaa", NURSE) is not None, "the half-year still decides nurses"
    later = parse("occupation,region,period,level\n7212,pirkanmaa,2027H1,balance\n")
    [notice] = effect_notices(after, ShortageBook([*half, *month, *later], on=EVERY), later)
    assert "2026H2 no longer decides any: 2027H1 replaces it wholly" in notice
    assert "3 before this import, 0 now. No vacancy there is a shortage role any more" in notice
    national = parse("occupation,region,period,level\n2221,national,2026H2,shortage\n")
    notices = effect_notices(after, ShortageBook([*half, *month, *national], on=EVERY), national)
    assert notices == [
        "regions without their own list: national 2026H2 now decides 2 of the 2 ESCO occupations it rates. "
        "Occupations in shortage there: 0 before this import, 2 now."
    ], "Pirkanmaa rates every nurse itself: nothing changed there, so nothing is said about it"


def test_an_import_that_takes_occupations_out_of_shortage_names_them_in_a_warning():
    """Outside tester 17, P17: a six-row Pirkanmaa barometer for 2026H2 replaced the national 2022H2
    list there wholly and took the nurse vacancies out of the meeting; the notices gave only counts."""
    national = parse(
        "occupation,region,period,level\n2221,national,2022H2,shortage\n7212,national,2022H2,shortage\n"
    )
    regional = parse("occupation,region,period,level\n7212,pirkanmaa,2026H2,severe_shortage\n")
    before, after = ShortageBook(national, on=EVERY), ShortageBook([*national, *regional], on=EVERY)
    assert after.flag("pirkanmaa", NURSE) is None
    label = {NURSE: "nurse", NURSE_SPECIALIST: "specialist nurse", WELDER: "welder"}.__getitem__
    [warning] = dropped_warnings(before, after, regional, label)
    assert warning.startswith("pirkanmaa: 2 occupation(s) are no longer shortage roles"), warning
    assert "(nurse, specialist nurse; rated before by national 2022H2)" in warning
    assert "welder" not in warning and "leave the region's meeting" in warning
    # the welders' own list again, and a list that keeps every shortage role: nothing to warn about
    assert (
        dropped_warnings(after, ShortageBook([*national, *regional, *regional], on=EVERY), regional, label)
        == []
    )
    assert (
        dropped_warnings(ShortageBook([], on=EVERY), ShortageBook(national, on=EVERY), national, label) == []
    )


def test_a_name_beside_a_code_that_names_another_isco_group_refuses_the_file_naming_line_and_groups():
    """Outside tester 19, P8: "5322 Lähihoitajat" was imported as 5322 (home-based personal care
    workers, kodinhoitajat); lähihoitajat are 5321. The name is checked against ISCO-08's group
    labels and ESCO's Finnish and English preferred labels; a name this data does not know (Swedish
    "Sjukskötare") is not refused, nor one that names the code's group or a group above it."""
    from services.matching.index.reference import load_taxonomy
    from services.matching.team.shortages import GroupNames, parse_shortage_file

    taxonomy = load_taxonomy()
    names = GroupNames.of(taxonomy.tables)
    rows = [
        "5322 Lähihoitajat",  # 2: the tester's row
        "2221 Sairaanhoitajat",
        "5321 Lähihoitajat",
        "532 Lähihoitajat",  # the minor group above 5321
        "Lähihoitajat (5322)",  # 6: the name first
        "5321 Home-based personal care workers",  # 7: ISCO-08's English name of 5322
        "5322 Kodinhoitajat",
        "7212 Hitsaajat ja kaasuleikkaajat",
        "2221 Sjukskötare",
        "2221 Nurses",
    ]
    regions = ["Pirkanmaa", "Pohjanmaa", "Uusimaa", "Lappi", "Kainuu"] * 2  # no row repeats another's

    def table(lines):
        return "Ammatti;Alue;Ajankohta;Arvio\r\n" + "".join(
            f"{r};{a};2026H2;paljon pulaa\r\n" for r, a in lines
        )

    text = table(zip(rows, regions, strict=True))
    with pytest.raises(ShortageCsvError) as caught:
        parse_shortage_file(text.encode("cp1252"), taxonomy, _finland_regions, "TB", names=names)
    assert sorted(caught.value.errors) == [2, 6, 7]
    [tester] = caught.value.errors[2]
    assert tester.startswith("occupation: '5322 Lähihoitajat': the name is not that of ISCO-08 group 5322")
    assert "but of 5321 (lähihoitaja" in tester and "Home-based personal care workers" in tester
    assert "5322 (" in caught.value.errors[7][0] and "nothing was imported" in caught.value.errors[7][0]
    # the checked rows alone import; so does the barometer example, names and all
    good = table((r, a) for i, (r, a) in enumerate(zip(rows, regions, strict=True), 2) if i not in (2, 6, 7))
    parse_shortage_file(good.encode("cp1252"), taxonomy, _finland_regions, names=names)
    example = (REPO_ROOT / "data" / "barometer" / "tyovoimabarometri_example.csv").read_bytes()
    parse_shortage_file(example, taxonomy, _finland_regions, today=date(2026, 11, 24), names=names)


@pytest.mark.parametrize(
    ("period", "accepted"),
    [
        ("2027-12", True),
        ("2027H2", True),
        ("syksy 2027", True),
        ("1.12.2027", True),
        ("2028-01", False),
        ("2028H1", False),
        ("kevät 2028", False),
        ("2028-02", False),
        ("1.1.2028", False),
    ],
)
def test_one_look_ahead_rule_for_every_period_form(period, accepted):
    """Outside tester 22, R1: on 3.12.2026 `kevät 2028` (starts 1.1.2028) was accepted and `2028-02`
    refused as 13 months ahead; the count was of whole months from today's day, so a period starting
    on the 1st got one month more. Now: calendar months from this month to the first month, at most 12."""
    text = f"occupation;region;period;level\n7212;pirkanmaa;{period};pulaa\n"
    today = date(2026, 12, 3)
    if accepted:
        assert parse_shortage_csv(text, FakeCatalogue(), REGIONS, today=today)
        return
    with pytest.raises(ShortageCsvError) as caught:
        parse_shortage_csv(text, FakeCatalogue(), REGIONS, today=today)
    assert "13 calendar months after this month (2026-12)" in caught.value.errors[2][0] or (
        "14 calendar months" in caught.value.errors[2][0]
    )
    assert PeriodRules().check(parse_period("2027-12"), date(2026, 12, 31)) is None
    assert PeriodRules().check(parse_period("2028-01"), date(2026, 12, 31)) is not None


def test_importing_a_period_that_has_not_started_says_when_it_takes_over_and_changes_nothing_today():
    """Outside tester 22, R1: `kevät 2028` for Lapland said it "now decides 3" and emptied the region's
    meeting at once. Now the import stores it, the current list keeps deciding and the notice says when."""
    current = parse(
        "occupation,region,period,level\n2221,national,2026H2,shortage\n7212,national,2026H2,shortage\n"
    )
    outlook = parse("occupation;region;period;level\n2221;pohjanmaa;kevät 2027;pulaa\n")
    today = date(2026, 12, 3)
    before, after = ShortageBook(current, on=today), ShortageBook([*current, *outlook], on=today)
    assert after.flag("pohjanmaa", WELDER) is not None, "the welders stay in shortage until 1.1.2027"
    label = {NURSE: "nurse", NURSE_SPECIALIST: "specialist nurse", WELDER: "welder"}.__getitem__
    assert dropped_warnings(before, after, outlook, label) == []
    assert effect_notices(before, after, outlook) == [
        "pohjanmaa 2027H1: stored, but its period starts on 1.1.2027; it decides nothing until then "
        "(meetings for weeks from then on read it). Until then: national 2026H2."
    ]
    [entry] = outlook
    assert after.is_pending(entry) and not after.at(date(2027, 1, 1)).is_pending(entry)
    assert after.at(date(2027, 1, 4)).flag("pohjanmaa", WELDER) is None


# -- outside tester 26: a real barometer file imports what it can and names each line it cannot ------
def read(text):
    from services.matching.team.shortages import read_shortage_file

    return read_shortage_file(text.encode("utf-8"), FakeCatalogue(), REGIONS, "test")


def test_a_group_esco_has_no_occupation_in_is_a_skipped_line_with_its_reason_and_the_rest_imports():
    """F4: 3221 (nursing associate professionals) and 2240 have no ESCO occupation; the whole file failed."""
    found = read(
        "Ammatti;Alue;Ajankohta;Arvio\n"
        "2221 Sairaanhoitajat;Pirkanmaa;2026H2;Paljon pulaa\n"
        "3221 Sairaanhoitajat;Pirkanmaa;2026H2;Pulaa\n"
        "2240 Ensihoitajat;Pirkanmaa;2026H2;Pulaa\n"
        "7212 Hitsaajat;Pirkanmaa;2026H2;Pulaa\n"
    )
    [pirkanmaa] = found.lists
    assert [e.occupation for e in pirkanmaa.entries] == ["2221", "7212"]
    assert sorted(found.warnings) == [3, 4]
    [reason] = found.warnings[3]
    assert "3221 (Nursing associate professionals) has no ESCO occupation" in reason and "skipped" in reason


def test_a_finnish_national_code_of_five_digits_is_read_as_its_isco_08_unit_group():
    """F4: Ammattiluokitus 2010 adds a fifth digit to ISCO-08's unit groups ("72121", "32211")."""
    found = read(
        "Ammatti;Alue;Ajankohta;Arvio\n"
        "72121 Hitsaajat;Pirkanmaa;2026H2;Pulaa\n"
        "32211 Sairaanhoitajat;Pirkanmaa;2026H2;Pulaa\n"
        "Kätilöt (22220);Pirkanmaa;2026H2;Paljon pulaa\n"
    )
    [pirkanmaa] = found.lists
    assert [(e.occupation, e.level) for e in pirkanmaa.entries] == [
        ("7212", Level.SHORTAGE),
        ("2222", Level.SEVERE_SHORTAGE),
    ]
    assert pirkanmaa.levels == {WELDER: Level.SHORTAGE, MIDWIFE: Level.SEVERE_SHORTAGE}
    assert list(found.warnings) == [3] and "3221" in found.warnings[3][0]


def test_two_national_codes_of_one_unit_group_keep_the_first_rating_and_say_so():
    found = read(
        "Ammatti;Alue;Ajankohta;Arvio\n"
        "72121 Hitsaajat;Pirkanmaa;2026H2;Pulaa\n"
        "72122 Kaasuleikkaajat;Pirkanmaa;2026H2;Pulaa\n"
        "72123 Juottajat;Pirkanmaa;2026H2;Tasapaino\n"
    )
    assert [(e.occupation, e.level) for e in found.lists[0].entries] == [("7212", Level.SHORTAGE)]
    assert list(found.warnings) == [4]
    assert "line 2 rates already" in found.warnings[4][0] and "(shortage) is kept" in found.warnings[4][0]


def test_a_code_that_is_no_group_stays_a_bad_line_and_nothing_is_imported():
    with pytest.raises(ShortageCsvError) as caught:
        read(
            "Ammatti;Alue;Ajankohta;Arvio\n"
            "2221;Pirkanmaa;2026H2;Pulaa\n"
            "99999 Keksitty;Pirkanmaa;2026H2;Pulaa\n"
            "9999;Pirkanmaa;2026H2;Pulaa\n"
            "3221;Pirkanmaa;2026H2;lots\n"
        )
    errors = caught.value.errors
    assert sorted(errors) == [3, 4, 5]
    assert "no Finnish national occupation code" in errors[3][0]
    assert "No ESCO occupation in ISCO-08 group 9999" in errors[4][0]
    assert any("Bad level 'lots'" in r for r in errors[5])  # a skippable group does not hide a bad line


def test_a_file_none_of_whose_lines_can_be_used_is_refused_naming_each():
    with pytest.raises(ShortageCsvError) as caught:
        read("Ammatti;Alue;Ajankohta;Arvio\n3221;Pirkanmaa;2026H2;Pulaa\nLähde: TEM\n")
    assert sorted(caught.value.errors) == [1, 2, 3]
    assert "No line of the file can be imported" in caught.value.errors[1][0]


def test_title_rows_and_a_source_footnote_around_the_barometer_table_are_read_past_with_a_warning():
    """F7: "Lähde: …" after the data failed the file."""
    found = read(
        "Työvoimabarometri 2026H2;;;\n"
        "Julkaistu;1.9.2026;;\n"
        "\n"
        "Ammatti;Alue;Ajankohta;Arvio\n"
        "2221;Pirkanmaa;2026H2;Pulaa\n"
        ";;;\n"
        "Lähde: Työ- ja elinkeinoministeriö;;;\n"
    )
    assert [e.line for e in found.lists[0].entries] == [5]
    assert list(found.warnings) == [7] and "A note below the table" in found.warnings[7][0]


@pytest.mark.parametrize("serial", ["46082", "46082.0"])
def test_excels_serial_number_of_a_first_of_the_month_is_that_month(serial):
    """F6: 46082 (1.3.2026 in a cell formatted as a number, or its CSV) was refused without a hint."""
    assert parse_period(serial) == Period(2026, month=3)


def test_excels_serial_number_of_another_day_is_refused_naming_the_date_it_is():
    with pytest.raises(
        ValueError, match=r"46085 is Excel's serial number of the date 4\.3\.2026.*only on the 1st"
    ):
        parse_period("46085")


@pytest.mark.parametrize(
    "text",
    [
        "joulukuu 2026",
        "Joulukuuta 2026",
        "jouluk. 2026",
        "joulukuu/2026",
        "2026 joulukuu",
        "december 2026",  # Swedish and English
        "December 2026",
        "dec 2026",
        "Dec. 2026",
        "dec-2026",
        "12/2026",
        "12.2026",
        "2026-12",
    ],
)
def test_a_month_written_by_its_name_in_finnish_swedish_or_english_is_that_month(text):
    """Outside tester 26, T26-11: "joulukuu 2026" and "december 2026" were refused (month names from
    CLDR through Babel, not typed here)."""
    assert parse_period(text) == Period(2026, month=12), text


def test_month_names_of_every_language_and_both_contexts_come_from_babel():
    assert parse_period("maaliskuuta 2027") == parse_period("mars 2027") == parse_period("March 2027")
    assert (
        parse_period("kesäkuu 2026")
        == parse_period("juni 2026")
        == parse_period("Jun 2026")
        == Period(2026, month=6)
    )
    assert (
        parse_period("maj 2026")
        == parse_period("May 2026")
        == parse_period("toukokuu 2026")
        == Period(2026, month=5)
    )


@pytest.mark.parametrize(
    "text", ["kesä 2026", "joulu 2026", "joulukuussa 2026", "Dezember 2026", "Dec-26", "jouluk 26"]
)
def test_a_season_word_or_a_month_in_another_form_is_refused_naming_the_accepted_forms(text):
    """ "kesä" (summer) and "joulu" (Christmas) are Finnish abbreviations of June and December in CLDR,
    but words of their own: refused, as are forms no list here holds."""
    with pytest.raises(ValueError) as refused:
        parse_period(text)
    assert "maaliskuu 2026, mars 2026, March 2026" in str(refused.value) and "syksy 2026" in str(
        refused.value
    )


def test_a_season_is_its_half_year_whatever_separates_it_from_the_year():
    """T26-11: "syksy/2026" was refused while "syksy 2026" was read (the barometer's editions: spring
    → first half, autumn → second)."""
    for text in ("syksy/2026", "syksy-2026", "höst/2026", "2026/syksy", "autumn 2026"):
        assert parse_period(text) == Period(2026, 2), text
    assert parse_period("kevät/2027") == Period(2027, 1)
