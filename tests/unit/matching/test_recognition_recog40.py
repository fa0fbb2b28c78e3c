"""Swedish misses by kind on the study sets, session 40 (issue 12, helper `recog40`). The sentences are
written for this file as an ad, a CV or a coach's note would say them (none is a set's own); each test
names what a recruiter relies on.

1. A Swedish sentence's glosses read alone name no skill when every word of them is generic in ESCO's
   English labels (`generic_gloss_labels`, read from the labels): "mödravården" glossed by its head
   "vård" as "care" gave *baby care*, *lawn care*, *palliative care* as its five.
2. Left open, measured: an English label's object counts as named when any word of the text has its
   length and four letters or more (`_names_any`: `min` and `max` by length return the same word when
   two words tie, so "cash" names "pets"), so "the cash register" keeps *register deeds*. Fixed, the
   English sense gate bites where it was meant to, and the house validation set lost 0.022 RP@5 /
   0.014 MRR (paired, docs/benchmarks.md, session 40): left for the lead, a strict xfail here.
3. A Swedish language name is the language by the words around it, as Swedish grammar has it: a
   requirement's passive, a preposition or a comparison after it ("finska förutsätts", "finska för
   jobbet", "engelska bättre än svenska"; a country's adjective has its noun there), "på" before it
   ("användarstöd på svenska, finska och engelska") and a word of how well ending its clause ("ryska
   bra, finska hjälplig") with no other word about language (`language_names`). "finska svag" is a
   lack, read as none (`affirmed`), as before.
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition import _names_any


def _shown(recognizer, text: str, lang: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k, lang=lang)]


# -- 1. a generic gloss alone ------------------------------------------------------------------------

CARE_LOOKALIKES = {
    "baby care",
    "lawn care",
    "palliative care",
    "newborn care",
    "acute care",
    "disability care",
}


@pytest.mark.parametrize(
    "sentence",
    [
        "Hon har jobbat inom mödravården i Borgå i tio år.",
        "Han vill jobba inom barnavården eller skolhälsovården.",
        "Arbetat inom företagshälsovården på ett pappersbruk i Jakobstad.",
    ],
)
def test_a_generic_gloss_alone_brings_none_of_its_lookalikes(esco_recognizer, sentence):
    shown = _shown(esco_recognizer, sentence, "sv")
    assert not CARE_LOOKALIKES & set(shown), shown


@pytest.mark.parametrize(
    ("gloss", "generic"),
    [
        ("care", True),
        ("care, monitor", True),
        ("install", True),
        ("wound care", False),  # "wound" names the care
        ("install, computer", False),
        ("welding", False),
        ("cleaning", False),
    ],
)
def test_a_gloss_is_generic_when_every_word_of_it_is_in_many_esco_labels(esco_recognizer, gloss, generic):
    assert esco_recognizer._generic_gloss(gloss) is generic


def test_a_specific_gloss_alone_is_still_read(esco_recognizer):
    # the gloss unit's purpose (tester 15, P6): a Swedish cleaning sentence reads as cleaning, confidently
    found = esco_recognizer.recognise(
        "Städaren ansvarar för underhållsstädning av kontor och skolor.", lang="sv"
    )
    assert found and found[0].score >= 0.35 and "clean" in found[0].label("en"), found[:3]


def test_generic_glosses_can_be_read_alone_again(esco):
    from services.matching.index.reference import load_recognizer

    recognizer = load_recognizer(esco, params={"generic_gloss_labels": 0})
    assert not recognizer._generic_gloss("care")


# -- 2. an object named only by a word of the same length (left open) -------------------------------

SAME_LENGTH = pytest.mark.xfail(
    strict=True,
    reason="left open (session 40): fixing `_names_any` costs the house validation set 0.022 RP@5, "
    "paired; the lead decides",
)


@SAME_LENGTH
def test_a_word_of_the_same_length_names_no_object():
    assert not _names_any(frozenset({"pets"}), frozenset({"cash", "register"}))


def test_a_word_starting_another_names_it():
    assert _names_any(frozenset({"lawn"}), frozenset({"lawns"}))
    assert _names_any(frozenset({"lawns"}), frozenset({"lawn"}))
    assert _names_any(frozenset({"deeds"}), frozenset({"deeds"}))
    assert not _names_any(frozenset({"deeds"}), frozenset({"register"}))


# -- 3. Swedish language names by their neighbours ------------------------------------------------------

LANGUAGES = {"Finnish", "Swedish", "English", "Russian", "Estonian", "Arabic"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kunskaper i finska och svenska fordras.", {"Finnish", "Swedish"}),
        ("Goda kunskaper i svenska och finska förutsätts.", {"Finnish", "Swedish"}),
        ("Hon behöver finska för jobbet på byggen.", {"Finnish"}),
        ("Han kan engelska bättre än svenska.", {"English", "Swedish"}),
        (
            "Du ger användarstöd per telefon på svenska, finska och engelska.",
            {"Swedish", "Finnish", "English"},
        ),
        ("Elektriker från Estland, ryska bra, finska hjälplig.", {"Russian", "Finnish"}),
    ],
)
def test_a_swedish_language_name_is_read_by_its_neighbours(esco_recognizer, sentence, expected):
    shown = {r.label("en") for r in esco_recognizer.recognise(sentence, top_k=10, lang="sv")}
    assert shown & LANGUAGES == expected, shown


@pytest.mark.parametrize(
    "sentence",
    [
        "Han bor på finska sidan av gränsen.",
        "Det finska hygienpasset krävs.",
        "Finska företag söker svetsare.",
        "Jobbade på finska skolan i Stockholm.",
    ],
)
def test_the_country_adjective_is_still_no_language(esco_recognizer, sentence):
    shown = {r.label("en") for r in esco_recognizer.recognise(sentence, top_k=10, lang="sv")}
    assert not shown & LANGUAGES, shown
