"""Kinds of Swedish recognition faults counted on the Swedish tuning sets (sv tune half, sv-dev …
sv-dev12; issue 12, session 34, helper `sv34`). The sentences are written for this file as an ad or a
CV would say them (none is a set's own); each test names what a recruiter relies on.

1. A single clause that asks for a licence or the readiness to obtain it ("Vi kräver körkort B eller
   beredskap att avlägga det") offers the licence as a plus, as the same words beside another
   requirement already did (`skill_plus.said_as_plus`; session 33's open item).
2. A CV's past tense: a glossary phrase written with an ad's present verb ("tar emot beställ",
   "delar ut post", "ge råd") also matches the verb's other forms ("tog emot", "delade ut", "gav
   råd"; `recognition_text.swedish_word_matches`).
3. Finland-Swedish frames of "knowledge of" and "used to" ("kunnande inom", "vana av", "van vid",
   "insikt i", "förtrogen med") are stock phrases, as "kunskaper i" and "erfarenhet av" were; so are
   the frames that open a list of tasks ("Till dina uppgifter hör att", "I uppgifterna ingår",
   "Arbetet består av", "Du ansvarar för", a CV's "ansvarade för"), but not a genitive title in them.
4. Task words of trades the Swedish glossary lacked, by kind (`sv_glossary.csv`): a team of several
   professions, disinfection, insulin, confidentiality, circuit diagrams, business clients,
   bookkeeping's closing and VAT, checking in guests and bookings, filling and wallpapering,
   irrigation, forest thinning, e-mail and digital services. A compound's specific stem also keeps a
   shorter look-alike's gloss out ("isoleringsrum" is no insulation, "spackla" no packing).
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition_text import strip_stock, swedish_word_matches
from services.matching.index.domain.skill_plus import parts, said_as_plus

DRIVE = "drive vehicles"


def _shown(recognizer, text: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k)]


@pytest.fixture(scope="module")
def suggest(suggest_essential):
    """title, text → {English label: essential?} as `GET /vacancies/<id>/skills` suggests them."""
    return suggest_essential


# -- 1. a licence or the readiness to obtain it, in one clause, is a plus ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi kräver körkort B eller beredskap att avlägga det.",
        "Körkort B krävs eller att du är villig att ta det.",
        "Vi förutsätter hygienpass eller beredskap att skaffa ett.",
        "Edellytämme B-ajokorttia tai valmiutta hankkia se.",
        "We require a driving licence or willingness to obtain one.",
    ],
)
def test_a_requirement_word_before_a_licence_one_may_obtain_later_still_offers_a_plus(sentence):
    assert said_as_plus(sentence)
    assert parts(sentence) is None  # nothing in it is required


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi kräver körkort B.",
        "Vi kräver körkort B eller C.",  # a choice of licences is still required
        "Vi kräver beredskap att jobba kvällar.",  # readiness for evenings: no alternative
    ],
)
def test_a_requirement_without_the_alternative_of_obtaining_it_stays_required(sentence):
    assert not said_as_plus(sentence)


def test_the_other_requirements_of_the_sentence_stay_required():
    split = parts("Vi kräver hygienpass och körkort B eller beredskap att avlägga det.")
    assert split is not None
    assert "hygienpass" in split.required and "körkort" not in split.required
    assert "körkort B" in split.plus


def test_a_vacancy_offers_the_licence_one_may_obtain_later_as_a_plus(suggest):
    found = suggest("Hemvårdare", "Vi kräver körkort B eller beredskap att avlägga det.")
    assert found[DRIVE] is False


# -- 2. a CV's past tense of a glossary phrase's verb ------------------------------------------------


@pytest.mark.parametrize(
    ("token", "word"),
    [
        ("tog", "tar"),  # strong verbs in any form
        ("tagit", "ta"),
        ("klippte", "klippa"),  # an infinitive's past after its stem
        ("gav", "ge"),
        ("lade", "lägga"),
        ("skötte", "sköta"),
        ("delade", "delar"),  # a weak verb's present by its stem
        ("delat", "delar"),
        ("fyllde", "fyller"),
        ("beställningar", "beställ"),  # any other word as a prefix, as before
    ],
)
def test_a_swedish_phrase_word_matches_its_other_forms(token, word):
    assert swedish_word_matches(token, word)


@pytest.mark.parametrize(
    ("token", "word"),
    [("betala", "ta"), ("angav", "ge"), ("fyllnad", "fylla"), ("sköter", "sköta")],
)
def test_a_verbs_past_is_matched_whole_and_a_present_not_for_an_infinitive(token, word):
    assert not swedish_word_matches(token, word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag tog emot beställningar från gästerna.", "take food and beverage orders"),
        ("Tog hand om barnen på eftermiddagarna.", "take care of"),
        ("Gav råd till kunderna i butiken.", "advise"),
        ("Fyllde på hyllorna i butiken.", "restock"),
    ],
)
def test_a_cvs_past_tense_reads_the_glossary_phrase_as_the_ads_present(esco_recognizer, text, expected):
    assert expected in esco_recognizer._glossed(text, "sv")


def test_a_shop_assistants_cv_in_the_past_tense_reads_stocking_shelves(esco_recognizer):
    # "fyllt på" now reads the phrase "fylla på" (restock): the shelves name the skill
    shown = _shown(esco_recognizer, "Har jobbat i en matbutik och fyllt på hyllorna.")
    assert "stock shelves" in shown, shown


def test_a_waiters_cv_in_the_past_tense_reads_taking_orders(esco_recognizer):
    shown = _shown(esco_recognizer, "Jag tog emot beställningar från gästerna och skötte kassan.")
    assert "take food and beverage orders from customers" in shown, shown
    assert "operate cash register" in shown, shown


# -- 3. Finland-Swedish frames of knowledge and habit --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Kunnande inom lönehantering.", "lönehantering"),
        ("Vana av truckkörning.", "truckkörning"),
        ("God vana att laga mat.", "laga mat"),
        ("Du är van vid att svetsa.", "svetsa"),
        ("Insikt i bokföring.", "bokföring"),
        ("Förtrogen med Excel.", "Excel"),
        ("Kompetens inom sårvård.", "sårvård"),
    ],
)
def test_a_finland_swedish_frame_of_knowledge_names_nothing_itself(text, left):
    assert strip_stock(text, "sv").strip(" .") == left


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Till dina uppgifter hör att planera lektioner.", "planera lektioner"),
        ("I uppgifterna ingår också slipning av svetsfogar.", "slipning av svetsfogar"),
        ("Arbetet består av underhållsstädning.", "underhållsstädning"),
        ("Dina arbetsuppgifter är att städa kontor.", "städa kontor"),
        ("Ansvarade för kassan.", "kassan"),
    ],
)
def test_a_frame_that_opens_a_list_of_tasks_names_nothing_itself(text, left):
    assert strip_stock(text, "sv").strip(" .") == left


def test_a_genitive_title_in_a_task_frame_stays():
    assert "städarens" in strip_stock("I städarens uppgifter ingår dammtorkning.", "sv")


# -- 4. task words of trades, by kind ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Du arbetar i ett multiprofessionellt team med läkare och fysioterapeuter.",
            "work in multidisciplinary health teams",
        ),
        ("Städning och desinficering av patientrummen ingår.", "disinfect surfaces"),
        ("Jag gav insulin och mätte blodsocker hos klienterna.", "administer prescribed medication"),
        ("Som tolk har du tystnadsplikt.", "observe confidentiality"),
        ("Automationsmontören läser kretsscheman och felsöker styrsystem.", "circuit diagrams"),
        ("Säljaren bearbetar företagskunder i hela Österbotten.", "consult with business clients"),
        ("Vi söker en redovisningsassistent som sköter moms och bokslut.", "prepare financial statements"),
        ("Receptionisten checkar in gästerna och tar emot bokningar per telefon.", "check in guests"),
        ("Receptionisten checkar in gästerna och tar emot bokningar per telefon.", "process booking"),
        ("Kan kakla och spackla badrum.", "plaster surfaces"),
        ("Skogsarbetare med erfarenhet av gallring och röjning.", "perform tree thinning"),
        ("Klienten behöver hjälp med mejl och digitala tjänster.", "use e-services"),
    ],
)
def test_a_trades_task_word_names_its_skill(esco_recognizer, text, expected):
    shown = _shown(esco_recognizer, text)
    assert expected in shown, shown


@pytest.mark.parametrize(
    ("text", "unlike"),
    [
        ("Städning av isoleringsrum på avdelningen.", "insulation"),
        ("Kan kakla och spackla badrum.", "pack"),
    ],
)
def test_a_compounds_own_stem_keeps_a_look_alikes_gloss_out(esco_recognizer, text, unlike):
    assert unlike not in esco_recognizer._glossed(text, "sv")[len(text) :]  # (the glosses only)
    assert not [s for s in _shown(esco_recognizer, text) if unlike in s]
