"""Skill recognition on the real ESCO taxonomy, session 20 (outside tester 20, P5): a vocational
qualification named after its field (electrical, HVAC/plumbing) gives the essential skills of the
occupation it trains for, not its field's words; a warehouse's "picking and packing" is order
picking and packing goods, not packaging engineering. Each tester input is kept, with more of the
same kind in Finnish, Swedish and English, asserting what a recruiter expects."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")

ELECTRICAL_INSTALL = "install electrical and electronic equipment"
ELECTRICAL_MAINTAIN = "maintain electrical equipment"
PLUMBING = "install plumbing systems"
PICK = "pick orders for dispatching"
PACK = "pack goods"


def confident(recognizer, text, top_k=10):
    return [r.label("en") for r in recognizer.recognise(text, top_k=top_k) if r.score >= CONFIDENT_SCORE]


@pytest.mark.parametrize(
    "text",
    [
        "sähköalan perustutkintoa",  # gave electrical wiring plans 0.50 and no skill of the electrician
        "Edellytämme sähköalan perustutkintoa.",
        "Edellytämme sähkö- ja automaatiotekniikan perustutkintoa.",
        "Grundexamen inom elbranschen.",
    ],
)
def test_the_electrical_qualification_gives_the_electricians_skills(esco_recognizer, text):
    assert {ELECTRICAL_INSTALL, ELECTRICAL_MAINTAIN} <= set(confident(esco_recognizer, text))


@pytest.mark.parametrize(
    "text",
    [
        "Edellytämme LVI-alan perustutkintoa, tulityökorttia ja ajokorttia.",
        "Talotekniikan perustutkinto tai putkiasentajan ammattitutkinto.",
    ],
)
def test_the_hvac_qualification_gives_the_plumbers_skill(esco_recognizer, text):
    assert PLUMBING in confident(esco_recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "plockning och packning",  # gave packaging engineering 0.53 first
        "Arbetet omfattar plockning och packning, mottagning av varor och truckkörning.",
        "Työ sisältää keräilyä ja pakkaamista.",
        "Warehouse work: picking and packing orders.",
    ],
)
def test_picking_and_packing_is_a_warehouse_workers_task(esco_recognizer, text):
    found = esco_recognizer.recognise(text, top_k=10)
    assert {PICK, PACK} <= set(confident(esco_recognizer, text)), found
    assert "packaging engineering" not in [r.label("en") for r in found], found
