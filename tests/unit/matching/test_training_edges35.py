"""A catalogue's start dates follow the API's rule of every date (at most ten years ahead), and its ``url`` is an
https address that passes the rules of an identifier's text (tester 35's leftovers: ``2099-01-01`` and an address
holding a right-to-left override were stored)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.matching.team.training import CatalogueError, parse_catalogue
from shared.schemas import DAY_TOO_FAR, implausible_day, short_text_refusals
from tests.unit.matching.test_training import HEADER, PLACES, row

TODAY = date(2026, 12, 5)
CHECKED = replace(
    PLACES,
    text_refusals=short_text_refusals,
    day_refusal=lambda day: implausible_day(day, today=TODAY),
)


def reasons_of(**cells: str) -> list[str]:
    """The reasons of a catalogue's second course, given ``cells``; [] when it is accepted."""
    try:
        parse_catalogue(HEADER, [(2, row()), (3, row(course_id="HITS-2", **cells))], CHECKED)
    except CatalogueError as exc:
        assert sorted(exc.errors) == [3], exc.errors
        return exc.errors[3]
    return []


@pytest.mark.parametrize("written", ["2099-01-01", "1.1.2099", "2036-12-06", "11.1.2027; 2040-03-01"])
def test_a_start_date_more_than_ten_years_ahead_is_named_as_every_api_date_is(written):
    [reason] = reasons_of(start_dates=written)
    assert reason.startswith("start_dates: ") and reason.endswith(DAY_TOO_FAR % {"years": 10}), reason


@pytest.mark.parametrize("written", ["2036-12-05", "11.1.2027", "2025-08-11; 2027-01-11", "continuous"])
def test_a_start_date_within_ten_years_or_a_past_one_is_a_course_start(written):
    assert reasons_of(start_dates=written) == []


def test_the_catalogue_reuses_the_apis_rule_not_a_copy_of_it():
    """The bound moves with today, as the API's dates do."""
    later = replace(CHECKED, day_refusal=lambda day: implausible_day(day, today=date(2030, 1, 1)))
    [course] = parse_catalogue(HEADER, [(2, row(start_dates="2039-06-01"))], later)
    assert course.start_dates == (date(2039, 6, 1),)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://www.tredu.fi/\u202ehitsaus", "bidirectional"),
        ("https://www.tredu.fi/hit\u200bsaus", "invisible"),
        ("https://www.tredu.fi/hitsaus\u2066", "bidirectional"),
        ("https://www.tredu.fi/\u0007", "control"),
        ("https://www.tredu.fi/kurssi?hetu=131052-308T", "identifier"),
        ("http://www.tredu.fi/hitsaus", "https://"),
        ("javascript:alert(1)", "https://"),
        ("data:text/html,<b>x</b>", "https://"),
        ("ftp://tredu.fi/kurssi", "https://"),
        ("https://", "https://"),
        ("https:///hitsaus", "https://"),
        ("https://www.tredu.fi/hitsaus kurssi", "https://"),
        ("https://[::1/x", "https://"),
        ("https://tredu.fi@example.com/hitsaus", "user name"),
        ("https://" + "a" * 500 + ".fi", "https://"),
    ],
)
def test_a_url_must_be_an_https_address_with_no_hidden_character_or_identifier(url, words):
    reasons = reasons_of(url=url)
    assert reasons and all(r.split(" ")[0].rstrip(":") == "url" for r in reasons), reasons
    assert any(words in r for r in reasons), reasons


@pytest.mark.parametrize(
    "url",
    [
        "https://www.tredu.fi/hitsaus",
        "HTTPS://www.tredu.fi/hitsaus",
        "https://opintopolku.fi/konfo/fi/toteutus/1.2.246.562.17.00000000000000012345",
        "https://www.omnia.fi/koulutus/hitsaus?alkaa=2027-01-11#haku",
        "https://www.sedu.fi/kurssi/123456789",
        "https://yrkesakademin.fi/utbildning/svetsning-åland",
        "https://www.xn--hmeenkyl-3za0p.fi/kurssit",
        "https://tredu.fi:8443/kurssit",
        "",
    ],
)
def test_an_ordinary_course_page_passes(url):
    assert reasons_of(url=url) == []
