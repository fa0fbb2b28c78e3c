"""A CV's work history as a coach reads it, the faults outside testers found in session 39 (helper
`cvread40`; outside tester 39c, R3/R4/R7 and two more). A coach sends the rows `POST /skills/recognise`
gives with `context: "cv"` to the profile as they are, and recruiters rank on them: a job whose years
are on the line below its title was a job without years (no row), "Driver" a hearse driver's row,
"Työnjohtaja" or "Kassörska" no row at all, "3/2015–2019" a year short, and a row's alternative also a
row of its own (accepting it made one job two). Read as the service reads them
(`MatchingHandlers.work_named`), over ESCO and the job-title glossary, language given or detected.
"""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import CvTitles, named_work, narrow_heads
from services.matching.index.domain.cv_periods import period_of
from services.matching.index.domain.recognition_text import words
from services.matching.index.handlers import MatchingHandlers, month_words
from services.matching.index.state import MatchingState

TODAY = date(2026, 12, 6)


@pytest.fixture(scope="module")
def handlers(esco_recognizer):
    # (reading CV lines touches no index: no engine)
    return MatchingHandlers(MatchingState(None, esco_recognizer), today=lambda: TODAY)  # type: ignore[arg-type]


def rows(handlers, esco, text, lang=None):
    """(English label, years, ended_year, ongoing, [alternatives' English labels]) of each job the
    CV text names, its lines split as the endpoint splits them."""
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


# -- R3: the period on a line of its own, below the title or above it ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tester 39c's lines: a PDF export puts the dates (and the employer) on the line below
        ("Bussinkuljettaja\n2015–2022 Koiviston Auto", [("bus driver", 7, 2022, False, [])]),
        ("Lähihoitaja, Kotihoito Oy\n03/2018 – nyt", [("healthcare assistant", 8.8, None, True, [])]),
        # the reverse layout (Europass and the Finnish templates that put the dates first)
        ("2015–2022\nBus driver, Helsinki City Transport", [("bus driver", 7, 2022, False, [])]),
        ("2018 – nyt\nLagerarbetare, PostNord", [("warehouse worker", 8, None, True, [])]),
        # the employer's line between the title and its dates
        ("Kokki\nRavintola Aalto\n2010–2015", [("cook", 5, 2015, False, [])]),
        ("Cook\nAmica, Tampere\n2010-2015", [("cook", 5, 2015, False, [])]),
        # a Europass export: the dates (to the day) and the place above a title in capitals
        (
            "WORK EXPERIENCE\n01/03/2015 – 31/12/2022 Helsinki, Finland\nBUS DRIVER HELSINKI CITY TRANSPORT\n"
            "01/2010 – 02/2015\nWarehouse worker\nPostNord",
            [("bus driver", 7.8, 2022, False, []), ("warehouse worker", 5.2, 2015, False, [])],
        ),
    ],
)
def test_a_period_on_a_line_of_its_own_belongs_to_the_title_beside_it(handlers, esco, text, expected):
    assert rows(handlers, esco, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # each entry's dates below its title ...
        "Kokki\nAmica\n2015–2018\nTarjoilija\nFazer\n2018–2020",
        # ... or each entry's dates above its title: every title takes its own
        "2015–2018\nKokki, Amica\n2018–2020\nTarjoilija, Fazer",
        "TYÖKOKEMUS\n\n2015–2018\nKokki, Amica\n\n2018–2020\nTarjoilija, Fazer",
    ],
)
def test_each_entry_of_a_cv_laid_out_so_keeps_its_own_dates(handlers, esco, text):
    assert rows(handlers, esco, text) == [
        ("cook", 3, 2018, False, []),
        ("waiter/waitress", 2, 2020, False, []),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a line of studies, a gap or home is no job's period
        "Kokki, Amica\nKoulutus\n2010–2013 Tampereen ammattiopisto",
        "Kokki, Amica\n2010–2013 Tampereen ammattiopisto",
        "Asiakas on toiminut kokkina.\nTyöttömänä 2023 lähtien.",
        "Cook, Amica\nUnemployed 2021-2023",
        "Kock på Amica\nHemma med barnen 2019–2021",
    ],
)
def test_a_line_of_studies_or_a_gap_lends_no_period(handlers, esco, text):
    [(label, years, ended, ongoing, _)] = rows(handlers, esco, text)
    assert (label, years, ended, ongoing) == ("cook", None, None, False)


def test_a_title_with_its_own_period_takes_no_other_and_a_period_line_names_no_job(handlers, esco):
    # (a line with its own period keeps it; the line of dates below is the next entry's, above it)
    text = "Kokki 2010–2015\n2015–2018\nTarjoilija"
    assert rows(handlers, esco, text) == [
        ("cook", 5, 2015, False, []),
        ("waiter/waitress", 3, 2018, False, []),
    ]
    assert rows(handlers, esco, "2015–2022\nKoiviston Auto") == []
    # a note with a year under a job with its own period is no period of the title below it
    text = "Kokki 2010–2015\nVastuussa 2012 alkaen myös tilauksista\nTarjoilija"
    assert rows(handlers, esco, text) == [
        ("cook", 5, 2015, False, []),
        ("waiter/waitress", None, None, False, []),
    ]


# -- R4: a bare head word names no narrow occupation --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Driver 2015-2020.", "en"),
        ("Driver 2015-2020.", None),
        ("Worked as a driver 2015-2020.", "en"),
        ("Förare 2015-2020.", "sv"),
        ("Kuljettaja 2015-2020.", "fi"),
    ],
)
def test_a_bare_drivers_title_is_a_road_driver_with_the_others_as_alternatives(handlers, esco, line, lang):
    [(label, years, ended, _, alternatives)] = rows(handlers, esco, line, lang)
    assert (label, years, ended) == ("cargo vehicle driver", 5, 2020)
    assert alternatives == ["bus driver", "car and van delivery driver", "taxi driver"]
    assert "hearse driver" not in alternatives


@pytest.mark.parametrize(
    "line",
    [
        "Supervisor 2015-2020.",  # (an oil refinery control room operator's alternative label)
        "Assistant 2015-2020.",  # (a secretary's)
        "Teacher 2015-2020.",  # (a politics lecturer's)
        "Operator 2015-2020.",
        "Worker 2015-2020.",
        "Manager 2015-2020.",
        "Technician 2015-2020.",
        "Tutkija 2015-2020.",  # (museotutkija's)
        "Hoitaja 2015-2020.",
        "Terapeutti 2015-2020.",  # (psykoterapeutti's)
    ],
)
def test_a_head_word_many_occupations_share_names_no_narrow_one(handlers, esco, line):
    assert rows(handlers, esco, line) == []


@pytest.mark.parametrize(
    ("line", "label"),
    [
        # a one-word preferred label names its broad occupation as before
        ("Cook 2015-2020.", "cook"),
        ("Myyjä 2015-2020.", "sales assistant"),
        ("Welder 2015-2020.", "welder"),
        # and a narrow occupation is named by its own label
        ("Hearse driver 2015-2020.", "hearse driver"),
        ("Programmer 2015-2020.", "software developer"),
    ],
)
def test_a_broad_title_and_a_narrow_ones_own_label_still_name_it(handlers, esco, line, label):
    assert [r[0] for r in rows(handlers, esco, line)] == [label]


def test_narrow_heads_are_read_from_the_labels():
    # hearse driver's alternative "driver" heads three others' labels: narrow; "cook" is a preferred label
    labels = ["hearse driver", "bus driver", "taxi driver", "cargo vehicle driver", "cook", "chef"]
    exact = {k: {o} for o, k in enumerate(labels)} | {"driver": {0}, "cook": {4}, "kitchen cook": {5}}
    preferred = {k: {o} for o, k in enumerate(labels)}
    assert narrow_heads(exact, preferred, labels) == frozenset({"driver"})
    # two other occupations are not many
    exact2 = {k: v for k, v in exact.items() if k != "cargo vehicle driver"}
    assert narrow_heads(exact2, preferred, labels) == frozenset()


def test_cv_titles_read_no_narrow_head_word_in_any_language():
    labels = {"en": ["hearse driver", "bus driver", "taxi driver", "cargo vehicle driver"]}
    alts = {"en": [["driver"], [], [], []]}
    titles = CvTitles(labels, alts, ["u0", "u1", "u2", "u3"])
    assert titles("Driver 2015-2020.", "en") == ()
    assert titles("Hearse driver 2015-2020.", "en") == (("u0",),)
    assert "driver" in titles.narrow_words


# -- R7: everyday titles not in ESCO's labels as written ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "alternatives"),
    [
        ("Työnjohtaja 2015-2020.", "construction general supervisor", ["production supervisor"]),
        (
            "Työskentelin työnjohtajana 2015-2020.",
            "construction general supervisor",
            ["production supervisor"],
        ),
        ("Rakennustyönjohtaja 2015-2020.", "construction general supervisor", []),
        ("Vuoromestari 2015-2020.", "production supervisor", []),
        ("Toimin vuoromestarina paperitehtaalla 2015-2020.", "production supervisor", []),
        ("Vuoroesimies 2015-2020.", "production supervisor", []),
        ("Kassabiträde 2015-2020.", "cashier", []),
        ("Jobbade som kassabiträde på ICA 2015-2020.", "cashier", []),
        ("Kassörska 2015-2020.", "cashier", []),
        ("Mansikanpoimija 2015-2020.", "fruit and vegetable picker", []),
        ("Kesät mansikanpoimijana 2015-2020.", "fruit and vegetable picker", []),
        ("Mansikanpoimijat 2015-2020.", "fruit and vegetable picker", []),
        ("Marjanpoimija 2015-2020.", "fruit and vegetable picker", []),
        ("Jordgubbsplockare 2015-2020.", "fruit and vegetable picker", []),
        ("Strawberry picker 2015-2020.", "fruit and vegetable picker", []),
        ("Worked as a strawberry picker 2015-2020.", "fruit and vegetable picker", []),
        ("Shift supervisor 2015-2020.", "production supervisor", []),
        ("Arbetsledare 2015-2020.", "construction general supervisor", ["production supervisor"]),
        ("Hyllyttäjä 2015-2020.", "shelf filler", []),
        ("Tehdastyöntekijä 2015-2020.", "factory hand", []),
        ("Lehdenjakaja 2015-2020.", "postman/postwoman", []),
        ("Byggarbetare 2015-2020.", "building construction worker", []),
        ("Caretaker 2015-2020.", "building caretaker", []),
    ],
)
def test_everyday_titles_name_the_occupation_a_coach_would_choose(handlers, esco, line, label, alternatives):
    assert rows(handlers, esco, line) == [(label, 5, 2020, False, alternatives)]


def test_every_cv_glossary_title_names_its_occupations_in_a_cv_line(handlers, esco):
    # (a row's Finnish titles must be ESCO Finnish labels: else the title names nothing)
    from services.matching.index.reference import load_title_glossary

    t = esco.tables
    fi = {" ".join(words(label)): t.occupation_uris[o] for o, label in enumerate(t.occupation_labels["fi"])}
    unread = []
    for lang, title, finnish in load_title_glossary():
        if lang.startswith("cv-"):
            right = [fi[" ".join(words(n))] for n in finnish.split("|")]
            line = f"{title[0].upper()}{title[1:]} 2015-2020."
            found = [(w.uri, *w.alternatives) for w, _ in handlers.work_named([line], lang[3:])]
            if found != [tuple(right)]:
                unread.append((lang, title))
    assert unread == []


def test_the_cv_glossary_rows_are_read_in_cv_lines_only(esco, esco_recognizer):
    # an ad's title reader and recognition read no `cv-` row (non-CV contexts unchanged)
    from services.matching.index.domain.titles import TitleReader
    from services.matching.index.reference import load_title_glossary

    glossary = load_title_glossary()
    assert any(lang.startswith("cv-") for lang, _, _ in glossary)
    reader = TitleReader(esco, esco_recognizer.tools.lemmatise, glossary=glossary)
    assert "vuoromestari" not in reader.whole
    assert not any(t.startswith("vuoromestari") for t in esco_recognizer.tools.finnish_titles)


# -- a bare end year after a month start: to its December, as a coach counts ---------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kokki 3/2015–2019", (4.8, 2019, False)),  # March 2015 – December 2019 (was 3.8: to January)
        ("Kokki 03/2015 - 2019", (4.8, 2019, False)),
        ("Kokki maaliskuu 2015 – 2019", (4.8, 2019, False)),
        ("Kokki 2015–8/2019", (4.7, 2019, False)),  # January 2015 – August 2019 (was 4: by years)
        ("Kokki 2015/03–2019", (4.8, 2019, False)),  # a year-first month alike
        ("Kokki 3/2015–8/2019", (4.5, 2019, False)),  # (both ends' months, as before)
        ("Kokki 2015–2019", (4, 2019, False)),  # (two bare years: end − start, as before)
        ("Kokki 2015–2019, 3/2020–5/2021", (5.2, 2021, False)),  # 4 + 1.25, a span of years the same
        ("Kokki 3/2025–2026", (1.8, 2026, False)),  # (this year's: to today's month, never past it)
        ("Kokki 3/2010–2020 (hoitovapaalla 3/2014–2016)", (8, 2020, False)),  # a leave to December too
        ("01/03/2015 – 31/12/2022 Helsinki", (7.8, 2022, False)),  # Europass's day/month/year (was none)
    ],
)
def test_a_bare_end_year_after_a_month_counts_to_its_december(sentence, expected):
    p = period_of(sentence, TODAY, month_words())
    assert (p.years, p.ended_year, p.ongoing) == expected


# -- an alternative is never also a row of its own ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kuljettaja 2015-2020.\nLinja-autonkuljettaja 2012-2015.",
        "Linja-autonkuljettaja 2012-2015.\nKuljettaja 2015-2020.",
        "Kuljettaja 2015–2018, linja-autonkuljettaja 2018–2020",
        "Driver 2015-2020\nBus driver 2010-2015",
    ],
)
def test_no_alternative_of_a_row_is_also_a_row(handlers, esco, text):
    found = rows(handlers, esco, text)
    labels = [r[0] for r in found]
    assert sorted(labels) == ["bus driver", "cargo vehicle driver"]
    for *_, alternatives in found:
        assert not set(alternatives) & set(labels)


def test_one_lines_jobs_never_offer_a_row_of_their_own_as_an_alternative():
    # a reader naming (A, B) and then B in the same words: one job, A with B as its alternative
    def occupations_in(sentence):
        return [("A", "B"), ("B",)]

    [work] = named_work(["Kokki 2015-2020"], occupations_in, TODAY)
    assert (work.uri, work.alternatives) == ("A", ("B",))
