"""A CV line gives one work-history row per job it names: the occupation its title names most
specifically, once (issue 12, session 39, helper `cvrows39`; outside tester 39, P1, P4, P7). A coach
adds the rows `POST /skills/recognise` returns with `context: "cv"` to the profile's work history, and a
recruiter relies on them: four driver rows for one bus driver's job read as four jobs at once (a 7-year
bus driver read 0.1 instead of 58.7 on a bus driver's ad), a shop assistant's or a truck driver's job
that gives no row is a job lost, and a bus driver's own job line is no experience of recruiting bus
drivers. Read as the service reads them (`MatchingHandlers.work_named`), over ESCO and the job-title
glossary, in Finnish, Swedish and English, with the line's language given or detected.
"""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import CvTitles, named_work
from services.matching.index.handlers import MatchingHandlers
from services.matching.index.state import MatchingState


@pytest.fixture(scope="module")
def handlers(esco_recognizer):
    # (reading CV lines touches no index: no engine)
    return MatchingHandlers(MatchingState(None, esco_recognizer), today=lambda: date(2026, 12, 6))  # type: ignore[arg-type]


def rows(handlers, esco, text, lang=None):
    """(English label, [alternatives' English labels]) of each row the text gives."""
    return [
        (esco.occupation_label(w.uri, "en"), [esco.occupation_label(u, "en") for u in w.alternatives])
        for w, _ in handlers.work_named([text], lang)
    ]


# -- P1: one title is one job, named by its most specific reading -------------------------------------


@pytest.mark.parametrize(
    ("line", "lang", "occupation"),
    [
        # tester 39's lines: a bus driver's job is no goods, courier or taxi driver's too
        ("Linja-autonkuljettaja, Tampereen Seudun Joukkoliikenne 2019–", "fi", "bus driver"),
        ("Linja-autonkuljettaja 2015–2020.", "fi", "bus driver"),
        ("Kuorma-autonkuljettaja 2015–2020.", "fi", "cargo vehicle driver"),
        # the same kind written for this file: an inflected title, an everyday one, sv and en
        ("Toimin bussinkuljettajana Tampereella 2016-2023.", "fi", "bus driver"),
        ("Työskentelin kuorma-autonkuljettajana 2015–2020.", "fi", "cargo vehicle driver"),
        ("Rekkakuski, Kuljetus Oy 2012-2018.", "fi", "cargo vehicle driver"),
        ("Taksinkuljettaja 2015–2020.", "fi", "taxi driver"),
        ("Busschaufför på Nobina 2015-2020.", "sv", "bus driver"),
        ("Lastbilschaufför 2015-2020.", "sv", "cargo vehicle driver"),
        ("Bus driver, Nobina 2015-2020.", "en", "bus driver"),
        ("Lorry driver 2015-2020.", "en", "cargo vehicle driver"),
    ],
)
def test_a_line_naming_one_job_gives_one_row_of_the_titles_own_occupation(
    handlers, esco, line, lang, occupation
):
    assert rows(handlers, esco, line, lang) == [(occupation, [])]
    assert rows(handlers, esco, line) == [(occupation, [])]  # the language detected alike


@pytest.mark.parametrize(
    ("line", "lang", "first", "others"),
    [
        # a title several occupations share truly is one job, the others offered as alternatives
        ("Kuljettaja 2015-2020.", "fi", "cargo vehicle driver", 3),
        ("Chaufför 2015-2020.", "sv", "cargo vehicle driver", 2),
        # a double title is one job of both trades (tester 15, P10), its first trade first
        ("Hitsaaja-levyseppä 2010-2015.", "fi", "welder", 1),
    ],
)
def test_a_title_several_occupations_share_is_one_row_with_alternatives(
    handlers, esco, line, lang, first, others
):
    [(occupation, alternatives)] = rows(handlers, esco, line, lang)
    assert occupation == first
    assert len(alternatives) == others and first not in alternatives


@pytest.mark.parametrize(
    ("line", "lang", "occupations"),
    [
        ("Hitsaaja ja rekkakuski 2010–2015.", "fi", ["welder", "cargo vehicle driver"]),
        ("Kokki ja tarjoilija 2010–2015.", "fi", ["cook", "waiter/waitress"]),
        (
            "Arbetade som lagerarbetare och lastbilschaufför 2011-2020.",
            "sv",
            ["warehouse worker", "cargo vehicle driver"],
        ),
        (
            "Warehouse worker and forklift operator 2014-2021.",
            "en",
            ["warehouse worker", "forklift operator"],
        ),
    ],
)
def test_a_line_naming_several_jobs_gives_a_row_each_in_its_order(handlers, esco, line, lang, occupations):
    assert [occupation for occupation, _ in rows(handlers, esco, line, lang)] == occupations


def test_the_same_job_on_two_lines_is_one_row(handlers, esco):
    work = handlers.work_named(["Linja-autonkuljettaja 2010-2015.", "Bussinkuljettaja 2017-2020."], "fi")
    assert [esco.occupation_label(w.uri, "en") for w, _ in work] == ["bus driver"]


# -- P4: everyday English and Swedish titles, and a line whose language is guessed wrong ---------------


@pytest.mark.parametrize(
    ("line", "occupation"),
    [
        # tester 39's lines (no `lang`: each line's language detected, "Truck driver …" as Swedish)
        ("Butikssäljare 2018–2020.", "sales assistant"),
        ("Jobbat som butikssäljare 2018–2020.", "sales assistant"),
        ("Deltid som butikssäljare sedan 2023.", "sales assistant"),
        ("Cleaner 2020-2024.", "building cleaner"),
        ("Cleaner at Lassila & Tikanoja 2020-2024.", "building cleaner"),
        ("Truck driver 2015–2020.", "cargo vehicle driver"),
        # the same kinds written for this file: a Swedish compound by its glossary head, an
        # English title of the glossary, an ESCO label read in the language that has it
        ("Nattstädare på sjukhus 2015-2020.", "building cleaner"),
        ("Jobbat som lastbilsförare 2015-2020.", "cargo vehicle driver"),
        ("Worked as a truck driver 2015-2020.", "cargo vehicle driver"),
        ("Worked as a cleaner in Tampere 2015-2020.", "building cleaner"),
        ("Bus driver 2015-2020.", "bus driver"),
        ("Shop assistant 2015-2020.", "shop assistant"),
    ],
)
def test_an_everyday_title_in_any_language_gives_its_row(handlers, esco, line, occupation):
    assert [o for o, _ in rows(handlers, esco, line)] == [occupation]


@pytest.mark.parametrize(
    ("line", "lang", "occupation"),
    [
        ("Butikssäljare 2018–2020.", "sv", "sales assistant"),
        ("Cleaner 2020-2024.", "en", "building cleaner"),
        ("Truck driver 2015–2020.", "en", "cargo vehicle driver"),
    ],
)
def test_an_everyday_title_gives_its_row_in_the_language_given_too(handlers, esco, line, lang, occupation):
    assert [o for o, _ in rows(handlers, esco, line, lang)] == [occupation]


@pytest.mark.parametrize(
    "line",
    [
        "Jag vill bli butikssäljare.",  # a wish names no work held (session 38)
        "I would like to work as a truck driver.",
        "Olin kotona vuosina 2016–2020.",
        "I kept the cleaner's room tidy.",  # a one-word title not as the job held
    ],
)
def test_a_line_without_a_job_held_gives_no_row_in_any_language(handlers, esco, line):
    assert rows(handlers, esco, line) == []


# -- P7: a line naming the person's own job is no experience of leading or recruiting its workers -----


def test_a_bus_drivers_own_job_line_is_no_skill_of_recruiting_bus_drivers(handlers, esco_recognizer):
    cv = (
        "Työkokemus:\nLinja-autonkuljettaja, Tampereen Seudun Joukkoliikenne 2019–\n"
        "Varastotyöntekijä Logistiikka Oy:ssä 2008–2015.\n"
        "Koulutus: Ammattikuljettajan perustutkinto 2018. C-ajokortti ja ammattipätevyys."
    )
    parts = cv.split("\n")
    found = esco_recognizer.recognise(cv, top_k=40)
    kept = handlers.beside_own_work(found, handlers.work_named(parts))
    labels = {r.label("en") for r in kept}
    assert "recruit bus drivers" not in labels
    assert {"drive vehicles", "manoeuvre bus"} <= labels  # the job's own skills stay
    assert [r for r in found if r.label("en") != "recruit bus drivers"] == kept


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Rekrytoin linja-autonkuljettajia 2015-2020.", "fi"),
        ("HR-asiantuntija. Rekrytoin linja-autonkuljettajia Nobinalle 2015-2020.", "fi"),
    ],
)
def test_an_hr_persons_recruiting_line_keeps_the_skill_and_names_no_drivers_job(
    handlers, esco_recognizer, esco, line, lang
):
    found = esco_recognizer.recognise(line, top_k=10, lang=lang)
    work = handlers.work_named([line], lang)
    assert work == []  # the people recruited, not the job held
    assert "recruit bus drivers" in {r.label("en") for r in handlers.beside_own_work(found, work)}


# -- the reader alone (a made-up taxonomy): the most specific reading, ties, several jobs ---------------

URIS = ["bus", "goods", "taxi", "welder", "plater"]
LABELS = {
    "en": ["bus driver", "goods driver", "taxi driver", "welder", "plater"],
    "fi": [
        "linja-autonkuljettaja",
        "tavaraliikenteen kuljettaja",
        "taksinkuljettaja",
        "hitsaaja",
        "levyseppä",
    ],
}
ALTS = {"en": [[], [], [], [], []], "fi": [[], [], [], [], []]}
GLOSSARY = (("fi", "kuljettaja", "tavaraliikenteen kuljettaja|linja-autonkuljettaja|taksinkuljettaja"),)


def test_a_whole_title_goes_before_the_glossary_reading_of_its_head():
    titles = CvTitles(LABELS, ALTS, URIS, glossary=GLOSSARY)
    assert titles("Linja-autonkuljettaja 2019–", "fi") == (("bus",),)
    assert titles("Kuljettaja 2019–", "fi") == (("goods", "bus", "taxi"),)
    assert titles("Hitsaaja-levyseppä 2019–", "fi") == (("welder", "plater"),)
    assert titles("Hitsaaja ja kuljettajana 2019–", "fi") == (("welder",), ("goods", "bus", "taxi"))


def test_another_readers_head_reading_of_a_word_a_title_took_is_no_job_of_its_own():
    def recogniser(text):  # reads "linja-autonkuljettaja" by its head too, as the recogniser does
        return ("bus", "goods", "taxi") if "kuljettaja" in text else ()

    titles = CvTitles(LABELS, ALTS, URIS, glossary=GLOSSARY)
    assert titles("Linja-autonkuljettaja 2019–", "fi", recogniser) == (("bus",),)
    work = named_work(
        ["Linja-autonkuljettaja 2019–"], lambda s: titles(s, "fi", recogniser), date(2026, 12, 6)
    )
    assert [(w.uri, w.alternatives) for w in work] == [("bus", ())]


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Vuoropäällikkö 2018-2022, johdin siivoojia.", "fi"),
        ("Esimiehenä 2018-2022, johdin kymmentä siivoojaa.", "fi"),
        ("Shift manager 2018-2022, led a team of cleaners.", "en"),
    ],
)
def test_the_workers_a_line_says_the_person_led_are_no_job_held(handlers, esco, line, lang):
    assert "building cleaner" not in [o for o, _ in rows(handlers, esco, line, lang)]
