"""A CV line's period as a coach reads it, and rows a profile takes as they are (issue 12, helper
`cvyears39`): every period shape a Finnish, Swedish and English CV writes; today from the caller's
clock."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import NamedWork, named_work, profile_rows
from services.matching.index.domain.cv_periods import MAX_YEARS, Period, period_of
from services.matching.index.handlers import month_words

TODAY = date(2026, 6, 15)


def read(sentence: str, today: date = TODAY) -> tuple[float | None, int | None, bool]:
    p = period_of(sentence, today, month_words())
    return p.years, p.ended_year, p.ongoing


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a span of years, in every dash and word a CV writes it with
        ("Kokki lounasravintolassa 2015–2019.", (4, 2019, False)),
        ("Kokki 2015-2019", (4, 2019, False)),
        ("Kokki 2015 - 2019", (4, 2019, False)),
        ("Kokki 2015—2019", (4, 2019, False)),
        ("Kokki v. 2010–2012.", (2, 2012, False)),
        ("Kokki 2015–2019 (osa-aikainen).", (4, 2019, False)),
        ("Kokki vuodesta 2010 vuoteen 2015.", (5, 2015, False)),
        ("Kokki 2010:stä 2015:een.", (5, 2015, False)),
        ("Kock från 2010 till 2015.", (5, 2015, False)),
        ("Kock 2010 till 2015.", (5, 2015, False)),
        ("Cook from 2010 to 2015.", (5, 2015, False)),
        ("Cook between 2010 and 2015.", (5, 2015, False)),
        ("Kock mellan 2010 och 2015.", (5, 2015, False)),
        ("Kokki vuosina 2010–2015.", (5, 2015, False)),
        # across centuries, and a two-digit end
        ("Kokki 1998–2003.", (5, 2003, False)),
        ("Kokki 1998–03.", (5, 2003, False)),
        ("Kokki 2015-19.", (4, 2019, False)),
        # months, in digits and in words (fi/sv/en, Finnish in any case)
        ("Kokki 3/2015–8/2019.", (4.5, 2019, False)),
        ("Kokki 03/2015 - 08/2019.", (4.5, 2019, False)),
        ("Kokki 1.3.2015–31.8.2019.", (4.5, 2019, False)),
        ("Kokki maaliskuu 2015 – elokuu 2019.", (4.5, 2019, False)),
        ("Kokki maaliskuusta 2015 elokuuhun 2019.", (4.5, 2019, False)),
        ("Kock mars 2015 – augusti 2019.", (4.5, 2019, False)),
        ("Cook March 2015 – August 2019.", (4.5, 2019, False)),
        ("Cook Mar 2015 – Aug 2019.", (4.5, 2019, False)),
        # open to today
        ("Kokki 2015-", (11, None, True)),
        ("Kokki 2015 –", (11, None, True)),
        ("Kokki 2015 – Ravintola Aalto", (11, None, True)),
        ("Kokki 2015– (osa-aikainen)", (11, None, True)),
        ("Kokki 2019–nyt.", (7, None, True)),
        ("Kokki 2019–nykyään.", (7, None, True)),
        ("Kokki 2019 - nyt.", (7, None, True)),
        ("Kock 2019–nu.", (7, None, True)),
        ("Cook 2018–present.", (8, None, True)),
        ("Cook 2018 to date.", (8, None, True)),
        ("Kock sedan 2019.", (7, None, True)),
        ("Cook since 2019.", (7, None, True)),
        ("Kokki vuodesta 2019.", (7, None, True)),
        ("Kokki vuodesta 2019 lähtien.", (7, None, True)),
        ("Kokki 2019 lähtien.", (7, None, True)),
        ("Kokki 2015:stä asti.", (11, None, True)),
        ("Kokki kevät 2021 –", (5.2, None, True)),
        ("Kock våren 2021 –", (5.2, None, True)),
        ("Kokki 6/2026–", (0.1, None, True)),
        # several spans of one job are added up
        ("Kokki 2019–2020, 2022–", (5, None, True)),
        ("Cook 2010-2012 and 2014-2016.", (4, 2016, False)),
        ("Kokki 2010–2012 ja 2014–2016.", (4, 2016, False)),
        # a duration: the years, but not when the job ended
        ("Kokki 1,5 vuotta.", (1.5, None, False)),
        ("Kokki kolme vuotta.", (3, None, False)),
        ("Kokkina kolmen vuoden ajan.", (3, None, False)),
        ("Kock i två år.", (2, None, False)),
        ("Cook for two years.", (2, None, False)),
        ("Kokki 6 kk.", (0.5, None, False)),
        ("Kokki puoli vuotta.", (0.5, None, False)),
        # until a year: ended then, the years unknown (unless a duration gives them)
        ("Kokki vuoteen 2015 asti.", (None, 2015, False)),
        ("Kokki vuoteen 2015 saakka.", (None, 2015, False)),
        ("Kokki 2015:een asti.", (None, 2015, False)),
        ("Cook till 2015.", (None, 2015, False)),
        ("Cook until 2015.", (None, 2015, False)),
        ("Kock fram till 2015.", (None, 2015, False)),
        ("Kokki vuoteen 2015 asti, 5 vuotta.", (5, 2015, False)),
    ],
)
def test_a_cv_lines_period_is_read_as_the_coach_reads_it(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an end after this year: a fixed term still running, not a job that has ended
        ("Kokki 2019–2027.", (7, None, True)),
        ("Kokki 1/2026–12/2026.", (0.4, None, True)),
        ("Kokki vuoteen 2027 asti.", (None, None, True)),
        # a job not begun, a span running backwards, no year of working life, no working life
        ("Kokki 2027–", (None, None, False)),
        ("Kokki 2099–", (None, None, False)),
        ("Kokki 12/2026–", (None, None, False)),
        ("Kokki 2019–2015.", (None, None, False)),
        ("Kokki 1899–1905.", (None, None, False)),
        ("Kokki 2099.", (None, None, False)),
        ("Kokki 1960–2026.", (None, None, False)),
        # a year alone, a decade, an ambiguous "asti", an age: no period
        ("Valmistunut lähihoitajaksi 2026.", (None, None, False)),
        ("Kokki 2010-luvulla.", (None, None, False)),
        ("Kokki 2015 asti.", (None, None, False)),
        ("Olen 35 vuotta vanha kokki.", (None, None, False)),
        ("Olen lähihoitaja.", (None, None, False)),
    ],
)
def test_a_period_that_cannot_be_a_past_job_as_written_is_not_read_as_one(sentence, expected):
    assert read(sentence) == expected


def test_today_comes_from_the_callers_clock():
    assert read("Kokki 2019–nyt.", date(2026, 6, 15)) == (7, None, True)
    assert read("Kokki 2019–nyt.", date(2031, 1, 2)) == (12, None, True)
    assert read("Kokki 2019–2027.", date(2028, 1, 2)) == (8, 2027, False)  # the fixed term has ended
    assert read("Kokki 2030–", date(2026, 6, 15)) == (None, None, False)
    assert read("Kokki 2030–", date(2031, 6, 15)) == (1, None, True)


def test_month_names_come_from_cldr_in_all_three_languages():
    months = month_words()
    assert months["maaliskuu"] == months["mars"] == months["march"] == months["mar"] == 3
    assert months["augusti"] == months["aug"] == 8
    assert "kesä" not in months  # (the Finnish abbreviation is also "summer")


def _work(uri: str, period: Period) -> NamedWork:
    return NamedWork(uri, "line", period)


def test_only_complete_rows_are_rows_a_profile_takes():
    found = [
        _work("o:cook", Period(4, 2019)),
        _work("o:welder", Period(7, None, ongoing=True)),
        _work("o:nurse", Period()),  # "Olen lähihoitaja.": ask the years
        _work("o:cleaner", Period(None, 2015)),  # "vuoteen 2015 asti": ask the years
        _work("o:painter", Period(3)),  # "kolme vuotta": ask whether it ended
    ]
    assert [w.uri for w in profile_rows(found)] == ["o:cook", "o:welder"]


def test_rows_never_add_up_to_more_than_a_working_life():
    found = [
        _work("o:a", Period(40, 2010)),
        _work("o:b", Period(25, None, True)),
        _work("o:c", Period(20, 2020)),
    ]
    assert [w.uri for w in profile_rows(found)] == ["o:a", "o:c"]
    assert sum(w.years or 0 for w in profile_rows(found)) <= MAX_YEARS


def test_each_occupation_of_a_line_keeps_the_lines_period():
    found = named_work(["Kokki 3/2015–8/2019."], lambda s: ("o:cook",), TODAY, months=month_words())
    assert [(w.uri, w.years, w.ended_year) for w in found] == [("o:cook", 4.5, 2019)]


@pytest.mark.parametrize(
    "sentence",
    ["Kokki vuoteen 2015 asti, puoli kk.", "Kokki 0,5 kk vuoteen 2015 asti.", "Kock en halv månad."],
)
def test_a_duration_under_a_month_is_some_time_worked_never_zero_years(sentence: str) -> None:
    # (review39: "puoli kk" is 0.04 years, rounded to 0.0: a row of no time worked, against `Period`'s
    # "years > 0" and the API's "at least 0.1")
    years, _, _ = read(sentence)
    assert years is not None and years > 0
