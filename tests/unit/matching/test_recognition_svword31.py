"""Kinds of Swedish recognition faults read off the tuning set `sv-dev11` and outside tester 30's
Swedish items (issue 12, session 31, helper `svword31`), on the real ESCO taxonomy: a sentence
passes when the skills a recruiter expects are among the five suggestions. The sentences are written
for this file (not the set's own), except the tester's, which are kept word for word.

1. Finland-Swedish task words no glossary had (`sv_glossary.csv`), by field: home care (äldreboende,
   ärenden, handla mat, synskada), cleaning (städkemikalier, hotell), HVAC and plumbing
   (ventilationskanaler, värmepumpar, blandare), building (lägga golv, takläggning), warehouse
   (ledstaplare, ta emot leveranser), farm and fish (skörd, plantering, ryssja), kitchen
   (efterrätter), hair (färgning, klippning, tidsbokning), sales (byggmaterial), electrical work
   (elsystem, felsökning i elsystem).
2. Licences and rights written the other way round or by a compound: the class after the word
   ("körkort C och CE"), "kranbehörighet", "traktorkörkort", "behörighet för elarbeten (S2)"
   (`skill_rules.csv`).
3. A task named alone that was only read beside another: "plockning" without "och packning".
4. A general cleaner's workplace read as a trade: "städare på ett hotell" gave the façade cleaner's
   skill (T30-8).
"""

from __future__ import annotations

import pytest

TASK_WORDS = [
    ("Jag har jobbat på ett äldreboende i tre år.", {"tend to elderly people"}),
    ("Du hjälper klienten med ärenden och följer med till läkaren.", {"run errands on behalf of customers"}),
    ("Jag kan handla mat och städa åt äldre.", {"run errands on behalf of customers"}),
    ("Klienten har en synskada.", {"visual disability"}),
    ("Du hanterar städkemikalier och rengöringsmaskiner.", {"handle chemical cleaning agents"}),
    (
        "Du monterar ventilationskanaler på byggarbetsplatser.",
        {"install heating, ventilation, air conditioning and refrigeration ducts"},
    ),
    ("Jag har installerat värmepumpar i egnahemshus.", {"install heat pump"}),
    ("Du byter blandare och toaletter.", {"replace faucets"}),
    ("Vi har byggt trappor och lagt golv.", {"install floor coverings"}),
    ("Du bygger stomme och gör takläggning på egnahemshus.", {"attach roofing cover"}),
    ("Jag har kört ledstaplare i ett lager.", {"operate forklift"}),
    ("Du tar emot leveranser och kontrollerar följesedlar.", {"receive goods"}),
    ("Jag har jobbat med skörd av jordgubbar.", {"harvest crop"}),
    ("Du sköter plantering av plantor i växthuset.", {"plant green plants"}),
    ("Jag har fiskat med ryssja.", {"operate fishing equipment"}),
    ("Efterrätter och bakverk är min specialitet.", {"prepare desserts"}),
    ("Jag har jobbat med färgning och klippning av hår.", {"dye hair", "apply hair cutting techniques"}),
    ("Du sköter tidsbokningen och kassan i salongen.", {"administer appointments"}),
    ("Du säljer byggmaterial och verktyg.", {"sell building materials"}),
    (
        "Du ansvarar för installationer och felsökning av elsystem i fastigheter.",
        {"maintain electrical equipment"},
    ),
]

LICENCES = [
    ("Vi förutsätter körkort C och CE.", {"manoeuvre heavy trucks"}),
    ("Körkort C/CE samt truckkort krävs.", {"manoeuvre heavy trucks", "operate forklift"}),
    ("Jag har körkort D.", {"manoeuvre bus"}),
    ("Jag har CE och kranbehörighet.", {"operate cranes"}),
    ("Jag har traktorkörkort.", {"operate tractor"}),
    ("Du har behörighet att utföra elarbeten.", {"comply with electrical safety regulations"}),
]

ELECTRICIAN = (
    "Du har erfarenhet av installationer och felsökning i elsystem samt behörighet för elarbeten (S2)."
)


def _shown(esco, recognizer, text, k=5):
    return [esco.skill_label(r.uri) for r in recognizer.recognise(text, top_k=k)]


@pytest.mark.parametrize(("text", "expected"), TASK_WORDS)
def test_finland_swedish_task_words_name_their_skills(esco, esco_recognizer, text, expected):
    shown = _shown(esco, esco_recognizer, text)
    assert expected <= set(shown), shown


@pytest.mark.parametrize(("text", "expected"), LICENCES)
def test_licences_and_rights_written_after_the_word_or_in_a_compound_name_their_skills(
    esco, esco_recognizer, text, expected
):
    shown = _shown(esco, esco_recognizer, text)
    assert expected <= set(shown), shown


def test_the_electricians_right_names_electrical_safety_and_troubleshooting_stays_electrical(
    esco, esco_recognizer
):
    # tester 30, T30-8: "behörighet för elarbeten (S2)" gave no electrical-safety skill, and
    # "felsökning" gave ICT troubleshooting, "installationer" construction profiles
    shown = _shown(esco, esco_recognizer, ELECTRICIAN)
    assert "comply with electrical safety regulations" in shown, shown
    assert "install electrical and electronic equipment" in shown, shown
    strays = {"perform ICT troubleshooting", "troubleshoot website", "install construction profiles"}
    assert not strays & set(shown), shown


def test_picking_named_alone_is_order_picking(esco, esco_recognizer):
    # tester 30, T30-8, word for word
    shown = _shown(
        esco, esco_recognizer, "Du har truckkort och erfarenhet av lagerarbete, plockning och inventering."
    )
    assert {"operate forklift", "pick orders for dispatching"} <= set(shown), shown
    assert not {"maintain inventory of meat products", "control fluid inventories"} & set(shown)


@pytest.mark.parametrize("text", ["Jag har plockat bär och svamp.", "Vi plockade bär i skogen."])
def test_picking_berries_is_not_a_rule_of_order_picking(esco, esco_recognizer, text):
    # the rule reads picking of orders and goods only (a word's glosses may still rank it)
    assert all(r.score < 1.0 for r in esco_recognizer.recognise(text, top_k=5))


def test_a_cleaner_at_a_hotel_cleans_rooms_not_facades(esco, esco_recognizer):
    # tester 30, T30-8, word for word: *clean building facade* 0.61 came first
    shown = _shown(esco, esco_recognizer, "Klienten har arbetat som städare på ett hotell")
    assert "clean rooms" in shown, shown
    assert "clean building facade" not in shown, shown


def test_the_crane_card_offered_as_a_merit_still_names_the_crane(esco, esco_recognizer):
    # tester 30, T30-7, word for word (fixed by neg30; kept)
    assert _shown(esco, esco_recognizer, "Det är meriterande om du har kranförarkort.") == ["operate cranes"]


def test_the_collective_agreement_gives_no_stray_skill(esco, esco_recognizer):
    # tester 30, T30-7 (neg30's fix holds): the lorry ad's line gives its licences, heavy trucks
    # now among them, and labour law, not clockwork or colleagues
    text = (
        "Vi förutsätter att du har körkort C och CE, ADR-intyg samt god kännedom om kollektivavtalet. "
        "Det är meriterande om du har kranförarkort."
    )
    shown = _shown(esco, esco_recognizer, text, k=10)
    assert {"drive vehicles", "manoeuvre heavy trucks", "transport dangerous goods", "operate cranes"} <= set(
        shown
    )
    assert not {"attach clock cases", "attach clockwork", "liaise with colleagues"} & set(shown), shown
    assert _shown(esco, esco_recognizer, "Lön enligt kollektivavtalet.") == []
