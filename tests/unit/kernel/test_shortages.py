"""The shortage rule is written once (the shared kernel) and both services answer with it: the vacancy
service's copy of a published list flags a vacancy exactly as the matching service's own list does."""

import itertools
from datetime import date

import pytest

from services.kernel.shortages import Level, Period, ShortageBook
from services.matching.team.shortages import ShortageEntry, ShortageList
from services.vacancy.shortages import parse_payload

NURSE = "http://data.europa.eu/esco/occupation/nurse"
WELDER = "http://data.europa.eu/esco/occupation/welder"
COOK = "http://data.europa.eu/esco/occupation/cook"

EVERY = date(2099, 12, 31)  # a day on which every stored list has started


def matching_list(region: str, period: Period, levels: dict[str, Level]) -> ShortageList:
    entries = tuple(ShortageEntry(uri, level) for uri, level in levels.items())
    return ShortageList(region, period, entries, levels, source=f"{region} {period}")


LISTS = [
    matching_list("national", Period(2026, 2), {NURSE: Level.SHORTAGE, WELDER: Level.SHORTAGE}),
    matching_list("pirkanmaa", Period(2026, 2), {WELDER: Level.BALANCE, COOK: Level.SEVERE_SHORTAGE}),
    matching_list("pohjanmaa", Period(2026, 1), {WELDER: Level.SEVERE_SHORTAGE}),
    matching_list("uusimaa", Period(2026, month=11), {NURSE: Level.SURPLUS}),
    matching_list("lappi", Period(2027, 1), {COOK: Level.SHORTAGE}),
]


def test_the_vacancy_services_copy_of_the_published_lists_flags_every_vacancy_as_matching_does():
    in_matching = ShortageBook(LISTS, on=EVERY)
    in_vacancy = ShortageBook((parse_payload(x.to_payload()) for x in LISTS), on=EVERY)
    regions = ("national", "pirkanmaa", "pohjanmaa", "uusimaa", "lappi", "kainuu")
    for region, uri in itertools.product(regions, (NURSE, WELDER, COOK, None)):
        ours, theirs = in_matching.flag(region, uri), in_vacancy.flag(region, uri)
        assert ours == theirs, (region, uri)
        assert (ours.to_dict() if ours else None) == (theirs.to_dict() if theirs else None)
    assert in_vacancy.flag("pirkanmaa", WELDER) is None, "the region's own balance wins over national"
    assert in_vacancy.flag("pohjanmaa", WELDER) is not None and in_vacancy.flag(
        "pohjanmaa", WELDER
    ).to_dict() == {
        "level": "shortage",
        "period": "2026H2",
        "region": "national",
        "source": "national 2026H2",
    }, "a later national list supersedes the region's older one"
    assert in_vacancy.flag("uusimaa", NURSE) is None, "a month list starting later is the latest"


def test_a_level_the_rule_does_not_know_counts_as_rated_but_not_in_shortage():
    payload = {"region": "pirkanmaa", "period": "2026H2", "source": "", "levels": {NURSE: "acute"}}
    other = {"region": "national", "period": "2026H2", "source": "", "levels": {NURSE: "shortage"}}
    assert (
        ShortageBook([parse_payload(payload), parse_payload(other)], on=EVERY).flag("pirkanmaa", NURSE)
        is None
    )


def test_a_published_period_is_read_in_its_published_form_only():
    assert Period.parse("2026H2") == Period(2026, 2) and Period.parse("2026-03") == Period(2026, month=3)
    for text in (str(Period(2026, 1)), str(Period(2100, month=12))):
        assert str(Period.parse(text)) == text
    for bad in ("2026h2", "H2/2026", "2026-3", "2026H3", "1999H1", ""):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_a_month_inside_a_half_year_refines_it_and_a_later_half_year_replaces_it_wholly():
    """Outside tester 15, P4: a one-line December list made every other Pirkanmaa vacancy lose its flag."""
    half = matching_list("pirkanmaa", Period(2026, 2), {NURSE: Level.SHORTAGE, WELDER: Level.SHORTAGE})
    december = matching_list("pirkanmaa", Period(2026, month=12), {COOK: Level.SHORTAGE})
    july = matching_list("pirkanmaa", Period(2026, month=7), {COOK: Level.BALANCE, WELDER: Level.BALANCE})
    national = matching_list("national", Period(2026, month=12), {NURSE: Level.BALANCE})
    for book in (
        ShortageBook([half, december, july], on=EVERY),
        ShortageBook((parse_payload(x.to_payload()) for x in (half, december, july)), on=EVERY),
    ):
        assert book.frame("pirkanmaa") == Period(2026, 2)
        assert str(book.flag("pirkanmaa", NURSE).period) == "2026H2", "the half-year still rates nurses"
        assert str(book.flag("pirkanmaa", COOK).period) == "2026-12", "the later month wins over July"
        assert book.flag("pirkanmaa", WELDER) is None, "July rates welders in balance: it overrides 2026H2"
        assert [str(x.period) for x in book.applicable("pirkanmaa")] == ["2026-12", "2026-07", "2026H2"]
        assert all(book.applies(x) for x in book.lists())
    with_national = ShortageBook([half, december, national], on=EVERY)
    assert with_national.flag("pirkanmaa", NURSE) is None, "a month (even national) refines the half-year"
    assert with_national.flag("uusimaa", NURSE) is None and with_national.frame("uusimaa") == Period(
        2026, month=12
    )
    later = matching_list("pirkanmaa", Period(2027, 1), {WELDER: Level.SHORTAGE})
    replaced = ShortageBook([half, december, later], on=EVERY)
    assert replaced.flag("pirkanmaa", NURSE) is None and replaced.flag("pirkanmaa", COOK) is None
    assert str(replaced.flag("pirkanmaa", WELDER).period) == "2027H1"
    assert not replaced.applies(half) and not replaced.applies(december)
    january = matching_list("pirkanmaa", Period(2027, month=1), {COOK: Level.SHORTAGE})
    outside = ShortageBook([half, january], on=EVERY)
    assert outside.flag("pirkanmaa", NURSE) is None, "a later month outside every half-year replaces it"
    assert outside.decided_by(january) == 1 and outside.decided_by(half) == 0


def test_a_list_whose_period_has_not_started_is_stored_but_decides_nothing_until_its_first_day():
    """Outside tester 22, R1: in December 2026 a Lapland list for spring 2028 (one nurse row) decided at
    once and took 49 of 52 occupations out of shortage there, a year before its period began."""
    current = matching_list("national", Period(2026, 2), {NURSE: Level.SHORTAGE, WELDER: Level.SHORTAGE})
    outlook = matching_list("lappi", Period(2027, 1), {NURSE: Level.SHORTAGE})
    lists = [current, outlook]
    december = ShortageBook(lists, on=date(2026, 12, 3))
    assert december.flag("lappi", WELDER) is not None and december.flag("lappi", WELDER).period == Period(
        2026, 2
    )
    assert december.is_pending(outlook) and not december.applies(outlook)
    assert december.lists() == [current, outlook] and december.in_force() == [current]
    assert december.frame("lappi") == Period(2026, 2)
    for day in (date(2027, 1, 1), date(2027, 3, 15)):
        january = december.at(day)
        assert january.flag("lappi", WELDER) is None, "from its first day the new half-year replaces the old"
        assert january.flag("lappi", NURSE).period == Period(2027, 1)
        assert not january.is_pending(outlook) and january.applies(outlook)
    assert ShortageBook(lists, on=date(2026, 12, 31)).flag("lappi", WELDER) is not None, "the day before"
    # a month refining a half-year that has started waits for its own first day too
    march = matching_list("national", Period(2026, month=12), {COOK: Level.SHORTAGE})
    assert ShortageBook([current, march], on=date(2026, 11, 30)).flag("uusimaa", COOK) is None
    assert ShortageBook([current, march], on=date(2026, 12, 1)).flag("uusimaa", COOK) is not None
