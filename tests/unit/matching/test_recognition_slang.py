"""Skill recognition on the real ESCO taxonomy: the short forms coaches and jobseekers write for
cards and licences, and a note's possessor with the verb left out (outside tester 18, P16:
"Asiakkaalla trukkari ja hygis voimassa, B-kortti." gave *assess customers*, *assist customers*,
*coach clients* and *triage clients*, the forklift only as a guess and nothing for the hygiene
passport)."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")

HYGIENE = "comply with food safety and hygiene"
FORKLIFT = "operate forklift"


def found(recognizer, text, top_k=8):
    return [(r.label("en"), r.score) for r in recognizer.recognise(text, top_k=top_k, lang="fi")]


def test_the_testers_note_gives_the_cards_and_no_customer_service(esco_recognizer):
    got = found(esco_recognizer, "Asiakkaalla trukkari ja hygis voimassa, B-kortti.")
    confident = {label for label, score in got if score >= CONFIDENT_SCORE}
    assert {FORKLIFT, HYGIENE, "drive vehicles"} <= confident, got
    assert not any("customer" in label or "client" in label for label, _ in got), got


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Hygis löytyy.", HYGIENE),
        ("Hygikortti voimassa.", HYGIENE),
        ("Trukkari on, ja trukkikuskina kaksi vuotta.", FORKLIFT),
        ("Tulikortti voimassa.", "perform first fire intervention"),
        ("Työturva ja tulikortti kunnossa.", "follow health and safety procedures in construction"),
        ("EA1 suoritettu.", "provide first aid"),
        ("EA-kortti voimassa 2027 asti.", "provide first aid"),
    ],
)
def test_the_short_forms_of_cards_name_the_card(esco_recognizer, text, skill):
    got = found(esco_recognizer, text)
    assert skill in {label for label, score in got if score >= CONFIDENT_SCORE}, got


def test_a_possessor_note_keeps_what_the_person_lacks(esco_recognizer):
    got = found(esco_recognizer, "Asiakkaalta puuttuu ajokortti, hygieniapassi on.")
    labels = [label for label, _ in got]
    assert HYGIENE in labels and "drive vehicles" not in labels, got
    assert not any("customer" in label or "client" in label for label in labels), got
