"""Shortage CSV parsing (whole-file validation) and the rule that flags a vacancy as a shortage role."""

import pytest

from services.matching.team.shortages import (
    Level,
    Period,
    ShortageBook,
    ShortageCsvError,
    ShortageList,
    parse_shortage_csv,
)
from shared.config import REPO_ROOT

NURSE = "http://data.europa.eu/esco/occupation/nurse"
NURSE_SPECIALIST = "http://data.europa.eu/esco/occupation/specialist-nurse"
MIDWIFE = "http://data.europa.eu/esco/occupation/midwife"
WELDER = "http://data.europa.eu/esco/occupation/welder"
REGIONS = {"pirkanmaa", "pohjanmaa"}


ISCO = {NURSE: "2221", NURSE_SPECIALIST: "2221", MIDWIFE: "2222", WELDER: "7212"}


class FakeCatalogue:
    def has_occupation(self, uri):
        return uri in ISCO

    def occupations_in_isco(self, code):
        return [u for u, c in ISCO.items() if c.startswith(code)]


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
    book = ShortageBook(parse(GOOD))
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
    assert ShortageBook([*parse(GOOD), *newer]).flag("pirkanmaa", WELDER) is None, "2027H1 supersedes 2026H2"


def test_periods_are_half_years():
    assert Period.parse("2026h2") == Period(2026, 2) and str(Period(2026, 1)) == "2026H1"
    assert Period(2026, 1) < Period(2026, 2) < Period(2027, 1)
    for bad in ("2026H3", "2026", "1999H1", "H2 2026"):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_the_demo_seed_parses_against_the_real_taxonomy():
    from services.matching.index.reference import load_taxonomy

    taxonomy = load_taxonomy()
    text = (
        REPO_ROOT / "data" / "barometer" / "fi_shortage_occupations_national_illustrative.csv"
    ).read_text()
    lists = parse_shortage_csv(text, taxonomy, REGIONS, "illustrative")
    assert [str(x.period) for x in lists] == ["2021H1", "2021H2", "2022H2"]
    healthcare_assistant = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
    flag = ShortageBook(lists).flag("pirkanmaa", healthcare_assistant)
    assert flag is not None and str(flag.period) == "2022H2"
