"""A CV line's period and title as a coach reads them (outside tester 39c, helper `cvmore39`): each
kind the tester found, in Finnish, Swedish and English. The API cases are in
tests/api/test_matching_recognise_cvmore39.py."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import _openings
from services.matching.index.domain.cv_periods import period_of
from services.matching.index.handlers import month_words

TODAY = date(2026, 6, 15)


def read(sentence: str) -> tuple[float | None, int | None, bool]:
    p = period_of(sentence, TODAY, month_words())
    return p.years, p.ended_year, p.ongoing


@pytest.mark.parametrize(
    "sentence",
    [
        "Bus driver 2019–pres.",
        "Bus driver 2019–pres",
        "2019–pres.  Bus driver, Nysse",
        "Linja-autonkuljettaja 2019–nyk.",
        "Linja-autonkuljettaja 2019–nyk",
        "Linja-autonkuljettaja 2019–edelleen",
        "Kokki 2019–yhä",
        "Busschaufför 2019–fortfarande",
        "Busschaufför 2019–fortf.",
        "Bus driver 2019– ongoing",
        "Bus driver 2019–current",
        "Bus driver 2019–cur.",
        "Bussförare 2019 – t.d.",
    ],
)
def test_an_open_end_abbreviated_or_written_as_still_runs_to_today(sentence):
    # R2: the current job is the one a coach must not lose
    assert read(sentence) == (7, None, True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kokki 2010–2020 (hoitovapaalla 2014–2016)", (8, 2020, False)),
        ("Kokki 2010–2020 (äitiysloma 2014–2016)", (8, 2020, False)),
        ("Kokki 2010–2020 (armeija 2012–2013)", (9, 2020, False)),
        ("Cook 2010–2020 (parental leave 2014–2016)", (8, 2020, False)),
        ("Städare 2010–2020 (föräldraledig 2014–2016)", (8, 2020, False)),
        ("Kokki 1/2010–12/2019 (äitiysloma 3/2014–2/2015)", (9, 2019, False)),
        ("Kokki 2010– (hoitovapaalla 2024–)", (14, None, True)),  # a leave still going on
        # not a leave: its cover is a job, part-time counts whole, a leave's own line is read whole
        ("Äitiyslomasijainen 2010–2012", (2, 2012, False)),
        ("Kokki 2010–2020 (osa-aikainen 2014–2016)", (10, 2020, False)),
        ("Föräldraledig 2014–2016", (2, 2016, False)),
    ],
)
def test_a_leave_named_inside_a_jobs_span_is_taken_off_its_years(sentence, expected):
    # R8: a coach writes 8 years for ten with two at home
    assert read(sentence) == expected


def test_a_title_opens_a_part_of_the_line_after_a_comma_a_dash_or_a_periods_digits():
    # R5/R6: "K-Market Hervanta, kassamyyjä 2010–2014", "Sep 2012 – May 2014 Cook, Amica"
    assert _openings("K-Market Hervanta, kassamyyjä 2010–2014", 3) == {0, 2}
    assert _openings("Lidl – kassamyyjä 2015–2018", 2) == {0, 1}
    assert _openings("Sep 2012 – May 2014 Cook, Amica", 4) == {0, 1, 2, 3}
    assert _openings("Städare | ISS Palvelut", 3) == {0, 1}
    # not after a colon or in brackets ("Tehtävä: …", a conscript's "(conscript driver)")
    assert _openings("Suosittelija: Matti Virtanen", 3) == {0}
    assert _openings("Military service (conscript driver)", 4) == {0}
