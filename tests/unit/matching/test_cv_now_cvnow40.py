"""A CV's work history as a coach reads it, session 40's follow-ups (helper `cvnow40`): a job told in
the present tense or named as current is going on (outside tester 40, T40-6: "Työskentelen kokkina
lounasravintolassa." asked the coach for an end year), the one-word titles the bare-head rule left
unnamed ("teller", "guide", "dispatcher"), and a title after a CV's heading of work and a colon
("Kesätyöt: mansikanpoimija 2014–2016" named nothing). Read as the service reads them
(`MatchingHandlers.work_named`), over ESCO and the job-title glossary.
"""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_periods import period_of, told_tense
from services.matching.index.handlers import MatchingHandlers
from services.matching.index.state import MatchingState

TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def handlers(esco_recognizer):
    # (reading CV lines touches no index: no engine)
    return MatchingHandlers(MatchingState(None, esco_recognizer), today=lambda: TODAY)  # type: ignore[arg-type]


def rows(handlers, esco, text, lang=None):
    """(English label, years, ended_year, ongoing, [alternatives' English labels]) of each job."""
    from services.matching.index.api import cv_lines_of

    return [
        (
            esco.occupation_label(w.uri, "en"),
            w.years,
            w.ended_year,
            w.period.ongoing,
            [esco.occupation_label(u, "en") for u in w.alternatives],
        )
        for w, _ in handlers.work_named(cv_lines_of(text), lang)
    ]


# -- T40-6: the present tense, "current", and the perfect ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # tester 40's lines
        "Työskentelen kokkina lounasravintolassa.",
        "Olen töissä kokkina lounasravintolassa.",
        "Jag jobbar som kock på en lunchrestaurang.",
        "I work as a cook in a lunch restaurant.",
        "Nykyinen työ: kokki, lounasravintola.",
        # the other forms the task names: a coach's note in the 3rd person, "toimia", "currently"
        "Työskentelee kokkina lounasravintolassa.",
        "Toimii kokkina lounasravintolassa.",
        "Teen töitä kokkina lounasravintolassa.",
        "Tällä hetkellä kokkina lounasravintolassa.",
        "Jag arbetar som kock på en lunchrestaurang.",
        "För närvarande kock på en lunchrestaurang.",
        "Nuvarande jobb: kock.",
        "I am working as a cook in a lunch restaurant.",
        "I'm currently working as a cook.",
        "Current job: cook at a lunch restaurant.",
        "Present position: cook.",
    ],
)
def test_a_job_told_in_the_present_or_as_current_is_ongoing_and_asks_only_its_years(handlers, esco, line):
    assert rows(handlers, esco, line) == [("cook", None, None, True, [])]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the perfect with a duration: going on, with its years (as a coach reads it)
        ("Olen työskennellyt kokkina ravintolassa viisi vuotta.", ("cook", 5, None, True, [])),
        ("Olen ollut töissä kokkina viisi vuotta.", ("cook", 5, None, True, [])),
        ("Jag har jobbat som kock i fem år.", ("cook", 5, None, True, [])),
        ("I have worked as a cook for five years.", ("cook", 5, None, True, [])),
        ("I have been working as a cook for 5 years.", ("cook", 5, None, True, [])),
        # the perfect with an end: ended
        ("Olen työskennellyt kokkina vuoteen 2015 asti.", ("cook", None, 2015, False, [])),
        ("I have worked as a cook 2010–2015.", ("cook", 5, 2015, False, [])),
        # the past tense stays not ongoing (the coach is asked for its end)
        ("Työskentelin kokkina lounasravintolassa.", ("cook", None, None, False, [])),
        ("Jobbade som kock på en lunchrestaurang.", ("cook", None, None, False, [])),
        ("I worked as a cook in a lunch restaurant.", ("cook", None, None, False, [])),
        ("Olin työskennellyt kokkina kolme vuotta.", ("cook", 3, None, False, [])),
        ("Had worked as a cook for three years.", ("cook", 3, None, False, [])),
        # no longer: a job of the past
        ("En työskentele enää kokkina.", ("cook", None, None, False, [])),
        ("I no longer work as a cook.", None),  # (read as a negation, `affirmed`: as before)
        # a span is read as before, whatever the tense
        ("Työskentelen kokkina 2015–2019.", ("cook", 4, 2019, False, [])),
        ("Työskentelen kokkina vuodesta 2019.", ("cook", 7, None, True, [])),
        # no verb: as before
        ("Kokki lounasravintolassa.", ("cook", None, None, False, [])),
        # "current" said of something else than the title: the title is a job of the past
        ("Tällä hetkellä työtön, aiemmin kokkina lounasravintolassa.", ("cook", None, None, False, [])),
        ("Currently unemployed, previously a cook at a lunch restaurant.", None),
    ],
)
def test_the_perfect_with_a_duration_is_ongoing_the_past_is_not(handlers, esco, line, expected):
    assert rows(handlers, esco, line) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Työskentelen kokkina.", "present"),
        ("Työskentelemme kokkeina.", "present"),
        ("Työskentelin kokkina.", "past"),
        ("Työskentelivät kokkeina.", "past"),
        ("Olen töissä.", "present"),
        ("Olin töissä.", "past"),
        ("Olen lähihoitaja.", None),  # a trade, not a time ("olla" tells a job only with "töissä")
        ("Toimii kokkina.", "present"),
        ("Toimi kokkina.", "past"),
        ("Toimin kokkina.", "past"),  # present or past alike: read as the past, the coach is asked
        ("Olen työskennellyt kokkina.", "perfect"),
        ("Olin työskennellyt kokkina.", "past"),
        ("Jag jobbar.", "present"),
        ("Jobbat som kock.", "past"),
        ("Har arbetat som kock.", "perfect"),
        ("I work as a cook.", "present"),
        ("Work experience: cook", None),  # a heading, no verb
        ("I worked as a cook.", "past"),
        ("Nykyinen työ: kokki.", "present"),
        ("Kokki.", None),
    ],
)
def test_told_tense_reads_the_verb_by_its_lemma_and_ending(sentence, tense):
    assert told_tense(sentence) == tense


def test_a_perfect_without_a_duration_or_an_end_is_not_taken_as_ongoing():
    # ("Olen työskennellyt kokkina." may be a job of years ago: the coach is asked)
    assert not period_of("Olen työskennellyt kokkina.", TODAY).ongoing


def test_a_title_told_as_current_still_takes_the_period_on_the_line_below(handlers, esco):
    assert rows(handlers, esco, "Nykyinen työ: kokki\n2019–") == [("cook", 7, None, True, [])]


# -- the bare head words a coach commonly writes -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "alternatives"),
    [
        ("Teller 2015-2020.", "bank teller", []),
        ("Worked as a teller in Nordea 2015-2020.", "bank teller", []),
        ("Guide 2015-2020.", "tourist guide", []),
        ("Dispatcher 2015-2020.", "freight transport dispatcher", ["emergency medical dispatcher"]),
        ("Smith 2015-2020.", "blacksmith", []),
        ("Tester 2015-2020.", "software tester", []),
        ("Seller 2015-2020.", "sales assistant", []),
        ("Machinist 2015-2020.", "fitter and turner", ["computer numerical control machine operator"]),
        ("Builder 2015-2020.", "house builder", []),
        ("Kuraattori 2015-2020.", "education welfare officer", []),
        ("Valmentaja 2015-2020.", "sports coach", []),
        ("Ompelija 2015-2020.", "sewing machine operator", ["dressmaker"]),
        ("Työskentelin ompelijana 2015-2020.", "sewing machine operator", ["dressmaker"]),
    ],
)
def test_a_common_one_word_title_names_the_occupation_a_coach_would_choose(
    handlers, esco, line, label, alternatives
):
    assert rows(handlers, esco, line) == [(label, 5, 2020, False, alternatives)]


@pytest.mark.parametrize("line", ["Installer 2015-2020.", "Broker 2015-2020.", "Tutkija 2015-2020."])
def test_a_really_ambiguous_one_word_title_stays_unnamed(handlers, esco, line):
    assert rows(handlers, esco, line) == []


# -- a title after a heading of work and a colon --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kesätyöt: mansikanpoimija 2014–2016", [("fruit and vegetable picker", 2, 2016, False, [])]),
        ("Kesätyö: mansikanpoimija 2014–2016", [("fruit and vegetable picker", 2, 2016, False, [])]),
        ("Työkokemus: kokki 2010–2015", [("cook", 5, 2015, False, [])]),
        ("Sommarjobb: jordgubbsplockare 2014–2016", [("fruit and vegetable picker", 2, 2016, False, [])]),
        ("Arbetslivserfarenhet: kock 2010–2015", [("cook", 5, 2015, False, [])]),
        ("Summer jobs: strawberry picker 2014–2016", [("fruit and vegetable picker", 2, 2016, False, [])]),
        ("Work experience: cook 2010–2015", [("cook", 5, 2015, False, [])]),
        ("Work experience: welder, Konepaja Oy, 2010–2015", [("welder", 5, 2015, False, [])]),
    ],
)
def test_a_title_after_a_heading_of_work_and_a_colon_is_a_job_line(handlers, esco, line, expected):
    assert rows(handlers, esco, line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Ajokortti: C",
        "Ajokortti: C 2015",
        "Suosittelija: työnjohtaja Matti Virtanen",
        "Harrastukset: kokkaus",
    ],
)
def test_another_label_and_value_line_names_no_job(handlers, esco, line):
    assert rows(handlers, esco, line) == []
