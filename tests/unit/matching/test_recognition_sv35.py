"""Swedish recognition that holds on text it was not tuned on (issue 12, session 35, helper `sv35`).
The sentences are written for this file as an ad or a CV would say them (none is a set's own); each
test names what a recruiter relies on.

1. No empty result for a sentence that names the work: an ad's "du får …" (you get to …) before a
   work verb or "ansvar för", and "Vi erbjuder dig möjlighet att arbeta med …", open a task, not a
   benefit (`recognition_text.boilerplate_cue`); "oavsett" is equal opportunity only before the
   grounds ("oavsett kön"), not "oavsett väder"; "mångfald" is no boilerplate in "biologisk
   mångfald"; the interviews of the selection are boilerplate, an interviewer's task is not; "att
   kontakta" a client or an authority is a task, "kontakta oss / Anna Berg" how to apply; "tillträde"
   is the job's start, not a guard's access control; "hör till dina uppgifter", "i arbetet ingår" say
   the job as the Finnish "työhön kuuluu" does. The benefits, the selection, the contact person and
   the employer's promise to train stay empty.
2. Willing, said by a negation: "Inte rädd för att köra i stadstrafik", "Du drar dig inte för att städa"
   negate nothing (`recognition_text.LITOTES`); the whole sentence was read as not held and came back
   empty.
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition_text import affirmed, boilerplate_cue, is_boilerplate


def _shown(recognizer, text: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k)]


# -- 1. a task said in a benefit's words is read; the benefits stay empty ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Du får arbeta med barn med särskilda behov.",
        "Du kommer att få ta blodprov och analysera prover.",
        "Du får ansvar för kassan och beställningarna.",
        "Du får även sköta lagret och inventeringen.",
        "Vi erbjuder dig möjlighet att arbeta med barn med särskilda behov.",
        "Du ska kunna arbeta utomhus oavsett väder.",
        "Du sköter planteringarna och främjar biologisk mångfald i parken.",
        "Du genomför intervjuer med klienter och gör utredningar.",
        "Du håller anställningsintervjuer tillsammans med cheferna.",
        "I arbetet ingår att kontakta anhöriga och myndigheter.",
        "Du ska kunna kontakta leverantörer och beställa material.",
        "Jämställdhetsarbete och likabehandlingsplaner hör till dina uppgifter.",
        "Som väktare kontrollerar du tillträde till området.",
        "Hos oss finns möjlighet att jobba med tunga fordon.",
    ],
)
def test_a_task_said_in_a_benefits_words_is_no_boilerplate_and_names_a_skill(sentence, esco_recognizer):
    assert not is_boilerplate(sentence)
    assert esco_recognizer.recognise(sentence, top_k=5)  # never empty


@pytest.mark.parametrize(
    "sentence",
    [
        "Du får arbeta med barn med särskilda behov.",
        "Du får även sköta lagret och inventeringen.",
        "Vi erbjuder dig möjlighet att arbeta med barn.",
        "Du ska kunna kontakta leverantörer.",
    ],
)
def test_a_task_frame_is_no_boilerplate_cue(sentence):
    assert boilerplate_cue(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Du får en trygg arbetsplats och bra förmåner.",
        "Du får arbeta i ett trevligt team.",
        "Du får friskvårdsförmåner och lunchförmån.",
        "Du kommer att få en grundlig introduktion.",
        "Vi erbjuder dig möjlighet att utvecklas i ditt yrke.",
        "Vi erbjuder en trygg arbetsplats och konkurrenskraftig lön.",
        "Vi välkomnar sökande oavsett kön, ålder och bakgrund.",
        "Intervjuerna hålls vecka 12.",
        "Vi håller intervjuer löpande.",
        "De utvalda kallas till intervju.",
        "Vi värdesätter mångfald.",
        "Tveka inte att kontakta oss.",
        "Vid frågor kan du kontakta Anna Berg.",
        "För mer information, tveka inte att kontakta avdelningschefen.",
        "Tillträde enligt överenskommelse.",
        "Tillträde 1.3.2027.",
        "Hos oss finns möjlighet att utvecklas.",
    ],
)
def test_benefits_equal_opportunity_and_the_selection_stay_boilerplate(sentence, esco_recognizer):
    assert is_boilerplate(sentence)
    assert esco_recognizer.recognise(sentence, top_k=5) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Du får arbeta med barn med särskilda behov.",
            "assist children with special needs in education settings",
        ),
        (
            "Vi erbjuder dig möjlighet att arbeta med barn med särskilda behov.",
            "assist children with special needs in education settings",
        ),
        ("Du kommer att få ta blodprov och analysera prover.", "take blood samples"),
        ("Du får ansvar för kassan och beställningarna.", "operate cash register"),
        ("Du får även sköta lagret och inventeringen.", "manage inventory"),
        ("Du ska kunna arbeta utomhus oavsett väder.", "work in outdoor conditions"),
        ("Du ska kunna kontakta leverantörer och beställa material.", "order supplies"),
        ("I arbetet ingår att kontakta anhöriga och myndigheter.", "liaise with local authorities"),
    ],
)
def test_an_ads_task_in_a_benefits_words_gives_the_skill_a_recruiter_expects(
    esco_recognizer, sentence, expected
):
    assert expected in _shown(esco_recognizer, sentence)


# -- 2. "not afraid of" a task is being willing to do it -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Inte rädd för att köra i stadstrafik.", "drive in urban areas"),
        ("Inte rädd för att jobba med händerna och svetsa.", "operate welding equipment"),
        ("Du drar dig inte för att städa.", "cleaning techniques"),
    ],
)
def test_not_afraid_of_a_task_reads_the_task(esco_recognizer, sentence, expected):
    assert affirmed(sentence) == sentence  # nothing in it is negated
    assert expected in _shown(esco_recognizer, sentence)


def test_a_negated_skill_beside_it_stays_negated():
    assert "körkort" not in affirmed("Har inte körkort men är inte rädd för att ta i.")
