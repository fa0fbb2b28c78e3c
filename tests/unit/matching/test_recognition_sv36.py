"""Swedish recognition on text it was not tuned on: no empty result for a sentence that names a skill
(issue 12, session 36, helper `sv36`). The sentences are written for this file as an ad or a CV would
say them (none is a set's own); each test names what a recruiter relies on.

1. A boilerplate clause is read as far as it goes, not over the whole sentence
   (`recognition_text.requirement_clauses`, `BOILERPLATE`):
   - a semicolon ends a sentence: what comes before "…; vi erbjuder …", "…; välkommen …" is read;
   - "enligt överenskommelse" is boilerplate as a term of the employment ("Tillträde enligt
     överenskommelse", "Arbetet inleds enligt …"), not beside a task ("jourer enligt överenskommelse");
   - a sentence that names the job it is about is read without its term or benefit clause.
   Who gives more information and where the application goes stay boilerplate ("Närmare uppgifter ger
   avdelningsskötaren", "Ansökan skickas via …").
2. A wish or a negation ends at a clause with its own predicate of holding or doing ("Klienten vill
   byta bransch, talar svenska och finska"; "…, jobbade tidigare som städare"), as it did at "har",
   "är", "kan" (`recognition_text._clause_of_its_own`).
3. The Swedish glossary's action nouns in -ning/-ering match their verbs' forms ("målning": målar,
   målat), its verbs in -era their nouns ("montera": monteringen) (`recognition.swedish_verb_forms`).
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition import swedish_verb_forms
from services.matching.index.domain.recognition_text import (
    affirmed,
    is_boilerplate,
    requirement_sentences,
)


def _shown(recognizer, text: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k)]


# -- 1. a boilerplate clause beside the work: the work is read -------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lokalvårdare till skolorna i Kimito, städning av klassrum och toaletter; vi erbjuder fast anställning.",
            "clean toilet facilities",
        ),
        (
            "Sommarjobb på lagret i Kyrkslätt, plockning och packning av order; välkommen med din ansökan!",
            "pack goods",
        ),
        (
            "Barnskötare till daghemmet Solstrålen, du leker och vilar med de små; tillträde enligt överenskommelse.",
            "play with children",
        ),
        (
            "Svetsare till verkstaden i Vasa, MIG/MAG-svetsning av stålkonstruktioner; vi erbjuder lön enligt "
            "kollektivavtal.",
            "perform metal active gas welding",
        ),
        (
            "Kock till lunchrestaurangen i Borgå, du lagar lunch för 200 gäster, start enligt överenskommelse.",
            "use cooking techniques",
        ),
    ],
)
def test_the_work_beside_a_benefit_or_a_term_gives_the_skill_a_recruiter_expects(
    esco_recognizer, sentence, expected
):
    assert expected in _shown(esco_recognizer, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi söker en närvårdare till hemvården i Jakobstad: morgonbesök, medicinering och dusch, arbetstid "
        "enligt överenskommelse.",
        "Skötare till avdelningen i Borgå: jourer enligt överenskommelse och vård av äldre patienter.",
        "Lastbilschaufför med C-körkort, distribution i Nyland; intervjuer löpande.",
    ],
)
def test_a_sentence_naming_the_work_beside_a_term_of_employment_is_never_empty(esco_recognizer, sentence):
    assert esco_recognizer.recognise(sentence, top_k=5)


def test_what_comes_before_a_semicolon_and_a_benefit_is_read_the_benefit_is_not():
    read = requirement_sentences(["Städning av klassrum och toaletter; vi erbjuder fast anställning."])
    assert read == ["Städning av klassrum och toaletter."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Närmare uppgifter ger avdelningsskötaren Anna Berg vardagar kl. 9–11.",
        "Närmare upplysningar om tjänsten lämnas av rektor.",
        "Mer information om tjänsten ger HR-chefen per telefon.",
        "Frågor om tjänsten besvaras av enhetschefen.",
        "Ansökan skickas via Kuntarekry senast 31.1.",
        "Din ansökan ska vara oss tillhanda senast fredag.",
        "Tillträde enligt överenskommelse.",
        "Arbetet inleds enligt överenskommelse, prövotid fyra månader.",
        "Lön: enligt överenskommelse.",
        "Tjänsten tillsätts 1.3. eller enligt överenskommelse.",
        "Heltid, tillsvidare, tillträde enligt överenskommelse.",
        "Vi erbjuder lön enligt kollektivavtal, friskvårdsförmåner och trevliga kollegor.",
        "Ansökningstiden går ut den 10 mars; ansök via vår webbplats.",
        "Välkommen med din ansökan; vi intervjuar löpande.",
        "Vi är ett växande familjeföretag i Närpes; välkommen att söka!",
    ],
)
def test_contact_application_and_terms_lines_stay_empty(esco_recognizer, sentence):
    assert esco_recognizer.recognise(sentence, top_k=5) == []


def test_a_clients_application_for_support_is_a_task_not_the_employers_application():
    assert not is_boilerplate("Du hjälper klienterna med ansökan om utkomststöd.")


# -- 2. a wish or a negation ends where a clause says what the person does ------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Klienten vill byta bransch, talar svenska och engelska flytande.", {"Swedish", "English"}),
        ("Kunden vill jobba inom restaurang, behärskar finska och svenska.", {"Finnish", "Swedish"}),
        ("Saknar körkort, talar finska och svenska.", {"Finnish", "Swedish"}),
    ],
)
def test_the_languages_a_client_speaks_after_a_wish_or_a_lack_are_read(esco_recognizer, sentence, expected):
    assert expected <= set(_shown(esco_recognizer, sentence))


def test_a_job_done_before_is_read_after_a_wish_the_wish_is_not(esco_recognizer):
    sentence = "Vill gärna prova på lagerarbete, jobbade tidigare som städare."
    assert affirmed(sentence) == "jobbade tidigare som städare."
    assert any("clean" in label for label in _shown(esco_recognizer, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Saknar truckkort, talar finska och svenska.",
        "Klienten har inget truckkort, pratar bra svenska.",
    ],
)
def test_the_lack_itself_stays_negated(esco_recognizer, sentence):
    assert "operate forklift" not in _shown(esco_recognizer, sentence)
    assert "Swedish" in _shown(esco_recognizer, sentence) or "Finnish" in _shown(esco_recognizer, sentence)


# -- 3. the glossary's action nouns read in their verbs' forms, and its verbs in their nouns ---------------


def test_a_swedish_action_noun_gives_its_verbs_forms_and_a_verb_its_noun():
    assert {"måla", "målar", "målade", "målat"} <= set(swedish_verb_forms("målning"))
    assert "fräser" not in swedish_verb_forms("fräsning")  # (a second conjugation's present: not read)
    assert "sorterar" in swedish_verb_forms("sortering")
    assert "monteringen" in swedish_verb_forms("montera")
    assert swedish_verb_forms("plåt") == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jag har målat fasader och innertak i tio år.", "paint surfaces"),
        ("Du isolerar väggar och vindar i nybyggen.", "install insulation material"),
        ("Medicinerar och dokumenterar enligt ordination.", "administer prescribed medication"),
        ("Du sorterar returer och planterar sommarblommor.", "sort waste"),
    ],
)
def test_the_work_said_by_its_verb_gives_the_skill_its_noun_gives(esco_recognizer, sentence, expected):
    assert expected in _shown(esco_recognizer, sentence)
