"""No empty result for a sentence that names a skill (issue 12, session 38, helper `empty38`).

fi-dev25 (released to this session as a study set) had two coach's notes that came back empty. Each
names what the person has, then closes with a lack that names its own object:

1. A closing "no experience" with its own object ("…, IV-mittauksista ei kokemusta.") dropped the
   whole sentence back to its start (`recognition_text.NO_EXPERIENCE_YET` reached back to a contrast
   or the start); now only the lack's own clause goes. A bare "…, ei kokemusta vielä" still reaches
   back: what it follows is not held.
2. An interest ("kiinnostunut asiakaspalvelusta") read as not held ran on to the sentence's end over
   a clause that rates what it names as good ("hyvät digitaidot"); that clause now ends it
   (`recognition_text._GOOD_AT`), as a clause with its own predicate did.

The sentences below are written for this file (none is a set's own), in the kinds of the two.
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition_text import affirmed


def _shown(recognizer, text: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k)]


# -- 1. a lack with its own object drops only its clause -----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "held", "lacked"),
    [
        (
            "Asiakkaalla putkiasentajan tutkinto, lämpöpumppujen asennukset tuttuja, ilmanvaihdon mittauksista ei kokemusta.",
            "lämpöpumppujen asennukset",
            "mittauksista",
        ),
        (
            "Trukkikortti löytyy, varastotyöt tuttuja, hitsauksesta ei kokemusta.",
            "varastotyöt",
            "hitsauksesta",
        ),
        (
            "As. osaa siivota, lattianhoitokoneista ei vielä kokemusta.",
            "osaa siivota",
            "lattianhoitokoneista",
        ),
    ],
)
def test_a_lack_with_its_own_object_drops_only_its_clause(sentence, held, lacked):
    kept = affirmed(sentence)
    assert held in kept
    assert lacked not in kept


@pytest.mark.parametrize(
    "sentence",
    [
        "Siivous ja kiinteistönhoito kiinnostaa, ei kokemusta vielä.",
        "Städning, ingen erfarenhet än.",
        "Cleaning, no experience yet.",
    ],
)
def test_a_bare_closing_lack_still_reaches_back(sentence):
    assert affirmed(sentence).strip(" .,") == ""


def test_a_note_naming_what_the_person_has_before_a_lack_is_not_empty(esco_recognizer):
    shown = _shown(
        esco_recognizer,
        "Asiakkaalla LVI-alan tutkinto Ruotsista, lämpöpumppujen asennukset tuttuja, IV-mittauksista ei kokemusta.",
    )
    assert "install heat pump" in shown


# -- 2. a clause rating what it names as good ends an interest or a negation ----------------------


@pytest.mark.parametrize(
    ("sentence", "held", "not_held"),
    [
        (
            "As. kiinnostunut asiakaspalvelusta, hyvät digitaidot ja kärsivällinen.",
            "hyvät digitaidot",
            "asiakaspalvelusta",
        ),
        ("Ei ajokorttia, hyvät atk-taidot.", "hyvät atk-taidot", "ajokorttia"),
        ("Har inte körkort, goda datakunskaper.", "goda datakunskaper", "körkort"),
    ],
)
def test_a_clause_rating_a_skill_as_good_is_held(sentence, held, not_held):
    kept = affirmed(sentence)
    assert held in kept
    assert not_held not in kept


def test_a_list_after_a_negation_stays_negated():
    assert affirmed("Ei ajokorttia, trukkikorttia tai hygieniapassia.").strip(" .,") == ""


def test_an_interest_then_a_good_quality_then_a_lack_is_not_empty(esco_recognizer):
    sentence = "Asiakas kiinnostunut asiakaspalvelusta, hyvät digitaidot ja kärsivällinen, puhelinmyynnistä ei kokemusta."
    shown = _shown(esco_recognizer, sentence)
    assert "exercise patience" in shown
    assert "telemarketing" not in shown  # what the note says the person lacks
