"""A CV line read whole, and every span of every job on it (issue 12, session 39, helper
`cvsplit39`; outside tester 39b, Q1–Q7, Q9): `cv_lines.cv_sentences`, `cv_periods.period_of`'s
arrows, year-first months, union of spans and durations, `cv_periods.added`, and `named_work`'s
rule that each title takes the spans after it up to the next title. Through the endpoint:
tests/api/test_matching_recognise_cvsplit39.py."""

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import cv_sentences, named_work
from services.matching.index.domain.cv_periods import NO_PERIOD, Period, added, period_of
from services.matching.index.handlers import month_words

TODAY = date(2026, 6, 15)
TITLES = {"kokki": "cook", "tarjoilija": "waiter", "lähihoitaja": "lpn", "sairaanhoitaja": "nurse", "plumber": "plumber", "electrician": "electrician", "lagerarbetare": "warehouse"}  # fmt: skip


def titles(sentence: str) -> list[str]:
    """The fake titles a sentence names, in its order (a word of `TITLES`)."""
    words = [w.strip(".,;()").lower() for w in sentence.split()]
    return [TITLES[w] for w in words if w in TITLES]


def read(text: str) -> dict[str, tuple[float | None, int | None, bool]]:
    return {
        w.uri: (w.years, w.ended_year, w.period.ongoing)
        for w in named_work(cv_sentences(text), titles, TODAY, months=month_words())
    }


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Kokki 2015 – nyt.", ["Kokki 2015 – nyt."]),
        ("Kokki 2015\u00a0—\u00a0nyt.", ["Kokki 2015 — nyt."]),
        ("Cook March 2015 – August 2019.", ["Cook March 2015 – August 2019."]),
        ("Rakennusmies v. 2008–2011.", ["Rakennusmies v. 2008–2011."]),
        ("Rakennusmies vv. 2008–2011.", ["Rakennusmies vv. 2008–2011."]),
        ("Rakennusmies n. 3 vuotta.", ["Rakennusmies n. 3 vuotta."]),
        ("Kokki esim. Koulutus ca. 2015.", ["Kokki esim. Koulutus ca. 2015."]),
        ("- Kokki 2010–2012.\n• Tarjoilija 2012–2015.", ["Kokki 2010–2012.", "Tarjoilija 2012–2015."]),
        ("Kokki 2010–2012. Tarjoilija 2012–2015.", ["Kokki 2010–2012.", "Tarjoilija 2012–2015."]),
        ("Työkokemus:\n\n  \nKokki", ["Työkokemus:", "Kokki"]),
    ],
)
def test_a_cv_line_is_one_sentence_but_for_its_full_stops_before_a_capital(text, lines):
    assert cv_sentences(text) == lines


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("03/2019 → nyt", Period(7.2, None, True)),
        ("2019 → 2022", Period(3, 2022)),
        ("2019->2022", Period(3, 2022)),
        ("2019 ⟶ 2022", Period(3, 2022)),
        ("2019/08–2021/05", Period(1.8, 2021)),
        ("2019-08 – 2021-05", Period(1.8, 2021)),
        ("2010-12", Period(2, 2012)),  # a span of years, as before
        ("2013–2016 och igen 2018–", Period(3 + 8, None, True)),
        ("2012-2015 ja taas 2017-2018", Period(4, 2018)),
        ("2000–2010, 2005–2015", Period(15, 2015)),  # overlapping spans once
        ("2010–2018 (äitiysloma 2012–2013)", Period(7, 2018)),  # the leave taken off (tester 39c, R8)
        ("3 v 6 kk", Period(3.5)),
        ("3 v ja 6 kk", Period(3.5)),
        ("3 vuotta 6 kuukautta", Period(3.5)),
        ("2 years and 6 months", Period(2.5)),
        ("2v", Period(2)),
        ("2 v (K-Market Hervanta)", Period(2)),
        ("ett halvår", Period(0.5)),
        ("- 5 vuotta", Period(5)),
        ("-5 vuotta", NO_PERIOD),
        ("3-5 vuotta", NO_PERIOD),
    ],
)
def test_periods_as_written(sentence, period):
    assert period_of(sentence, TODAY, month_words()) == period


def test_one_job_on_two_lines_adds_up_and_ends_at_the_latest():
    assert added(Period(3, 2008), Period(11, None, True)) == Period(14, None, True)
    assert added(Period(3, 2008), Period(4, 2019)) == Period(7, 2019)
    assert added(Period(3, 2008), NO_PERIOD) == Period(3, 2008)
    assert added(NO_PERIOD, NO_PERIOD) == NO_PERIOD
    assert added(Period(40, 2000), Period(30, 2030)).years is None  # over 60: ask
    assert read("Kokki 2005–2008.\nTarjoilija 2008–2015.\nKokki 2015–nyt.") == {
        "cook": (3 + 11, None, True),
        "waiter": (7, 2015, False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kokki 2010–2012, tarjoilija 2012–2015.", {"cook": (2, 2012, False), "waiter": (3, 2015, False)}),
        (
            "Sairaanhoitaja 2019–2021, sitä ennen lähihoitaja 2015–2019.",
            {"nurse": (2, 2021, False), "lpn": (4, 2019, False)},
        ),
        (
            "Electrician 2010–2012, plumber 2012–2016.",
            {"electrician": (2, 2012, False), "plumber": (4, 2016, False)},
        ),
        ("Lagerarbetare 2013–2016 och igen 2018–.", {"warehouse": (11, None, True)}),
        ("2015–2018 kokki, 2018–2020 tarjoilija.", {"cook": (3, 2018, False), "waiter": (2, 2020, False)}),
        ("Kokki ja tarjoilija 2010–2015.", {"cook": (5, 2015, False), "waiter": (5, 2015, False)}),
        (
            "Kokki 2010–2012, tarjoilija 2012–2014, kokki 2016–2018.",
            {"cook": (4, 2018, False), "waiter": (2, 2014, False)},
        ),
    ],
)
def test_each_title_takes_the_spans_after_it_up_to_the_next_title(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line repeated (a CV's summary and its history): its months count once
        ("Kokki 2015–2019.\nKokki 2015–2019.", (4, 2019, False)),
        # two lines of one occupation overlapping: their union, as on one line ("2000–2010, 2005–2015": 15)
        ("Kokki, Ravintola Näsi 2015–2019.\nKokki, Hotelli Ilves 2017–nyt.", (11, None, True)),
        ("Kokki 3/2015–8/2019.\nKokki 2017–2020.", (4.8, 2020, False)),
        # apart, they still add up (tester 39b, Q2), and a duration beside a span too
        ("Kokki 2005–2008.\nTarjoilija 2008–2010.\nKokki 2015–nyt.", (14, None, True)),
        ("Kokki 3 vuotta.\nKokki 2015–nyt.", (14, None, True)),
    ],
)
def test_one_occupation_on_several_lines_counts_each_month_once(
    text: str, expected: tuple[float | None, int | None, bool]
) -> None:
    # (review39: `added` summed the lines' years, so a repeated or overlapping line counted twice)
    assert read(text)["cook"] == expected
