"""`cv_lines.CvTitles`: a CV line names an occupation by any of its labels, in its own language,
inflected as CVs write it (issue 12, helper `cvfix38`; outside tester 38b, N1/N2), over a small
made-up taxonomy (positions 0..4)."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.cv_lines import CvTitles, named_work

URIS = ["welder", "bus", "warehouse", "cashier", "shop"]
LABELS = {
    "en": ["welder", "bus driver", "warehouse worker", "cashier", "shop assistant"],
    "fi": ["hitsaaja", "linja-autonkuljettaja", "varastotyöntekijä", "kassanhoitaja", "myyjä"],
    "sv": ["svetsare", "busschaufför", "lagerarbetare", "kassör", "butiksbiträde"],
}
ALTS = {
    "en": [["arc welder"], ["coach driver"], ["order picker"], ["checkout operator"], ["sales clerk"]],
    "fi": [[], ["bussinkuljettaja"], [], [], ["kaupan myyjä"]],
    "sv": [[], [], [], [], []],
}


@pytest.fixture
def titles():
    return CvTitles(LABELS, ALTS, URIS)


@pytest.mark.parametrize(
    ("line", "lang", "uri"),
    [
        ("Welder, engineering workshop, 2005-2019.", "en", "welder"),
        ("Worked as a welder in Tampere.", "en", "welder"),
        ("Arc welder at a shipyard 2001-2010.", "en", "welder"),
        ("Worked as a coach driver 2016-2023.", "en", "bus"),
        ("Order picker at a logistics centre.", "en", "warehouse"),
        ("Arbetade som svetsare på verkstad.", "sv", "welder"),
        ("Kassamyyjä S-marketissa 2018–2024.", "fi", "shop"),
        ("Työskentelin kassamyyjänä Lidlissä.", "fi", "shop"),
        ("Kassatyöntekijä Prismassa 2018–2024.", "fi", "cashier"),
        ("Toimin bussinkuljettajana Tampereella.", "fi", "bus"),
        ("Toimin kaupan myyjänä Tampereella.", "fi", "shop"),
    ],
)
def test_a_label_in_a_cv_line_names_its_occupation(titles, line, lang, uri):
    assert titles(line, lang) == ((uri,),)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("I kept the cashier area tidy.", "en"),  # a one-word title not as the job held
        ("Hoidin kassaa ja täytin hyllyjä.", "fi"),
        ("Laskutus ja kassanhoito.", "fi"),
    ],
)
def test_a_title_word_that_is_not_the_job_held_names_none(titles, line, lang):
    assert titles(line, lang) == ()


def test_a_label_goes_before_another_readers_reading_and_that_before_a_compounds_head(titles):
    # (cvrows39: a label matched whole, of one word too, is the most specific reading; the other
    # reader, the recogniser, reads the words no label took, and a compound before its head here)
    def other(text):
        return ("other",) if "driver" in text or "kassamyyjä" in text else ()

    assert titles("Worked as a coach driver.", "en", other) == (("bus",),)
    assert titles("Welder 2005-2019.", "en", other) == (("welder",),)
    assert titles("Kassamyyjä 2018-2024.", "fi", other) == (("other",),)
    assert titles("Kassamyyjä 2018-2024.", "fi") == (("shop",),)


def test_a_future_graduation_names_no_work(titles):
    assert (
        named_work(["Jag tar examen som svetsare i vår."], lambda s: titles(s, "sv"), date(2026, 6, 15)) == []
    )
    assert [
        w.uri for w in named_work(["Svetsare 2001-2015."], lambda s: titles(s, "sv"), date(2026, 6, 15))
    ] == ["welder"]
