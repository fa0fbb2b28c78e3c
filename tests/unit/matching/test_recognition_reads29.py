"""Kinds of recognition faults read off the tuning sets `sv-dev10` and `fi-dev16` (issue 12, session
27, helper `reads29`), each tested on sentences written for this file (not the sets' own), on the real
ESCO taxonomy: a sentence passes when the skills a recruiter expects are among the five suggestions.

1. Finland-Swedish task words no glossary had, read by their letters or by the title beside them:
   farm and forest machines (traktor, skördare, mjölka, kalvar), machining (svarva, fräsa,
   skjutmått, mikrometer), building and plumbing (byta fönster, trägolv, solpaneler), IT support
   (lösenord, programvara), car sales (provkörning, finansiering), diets (glutenfri, laktosfri),
   social work (missbruk, bostadslös), blood samples (blodprov) — `sv_glossary.csv`; and the
   Finnish farm, warehouse and shift words (traktori, lypsy, trukilla, vuorotyö) — `fi_glossary.csv`.
2. A boilerplate word in a task's sense: "ansökningar om stöd" are the applications a social worker
   makes for clients, not the applications to the employer (the sentence gave nothing at all).
3. A qualification's profile in a text that says its work (tester 28, T28-9: "Siivousalan
   ammattitutkinto katsotaan eduksi." gave *clean toilet facilities* beside office cleaning).
4. The nurse's task beside the nursing field (a leftover of session 26): "Som sjukskötare tar du
   blodprov och sköter om sår" suggests *take blood samples* second (it was 7th); the nursing field
   still comes first, by 0.002.
"""

from __future__ import annotations

import pytest

SWEDISH = [
    ("Du kör traktor och sköter djuren på gården.", {"operate tractor"}),
    ("Vi söker en skogsmaskinförare som kör skördare.", {"operate forestry machinery"}),
    ("Jag har mjölkat kor och skött kalvarna.", {"milk animals", "care for juvenile animals"}),
    ("Du svarvar och fräser detaljer i verkstaden.", {"tend lathe"}),
    ("Du mäter detaljerna med skjutmått och mikrometer.", {"use measurement instruments"}),
    ("Erfarenhet av att installera solpaneler.", {"install photovoltaic systems"}),
    ("Du återställer lösenord och installerar programvara åt användarna.", {"install software"}),
    (
        "Som bilförsäljare ordnar du provkörningar och finansiering.",
        {"sell vehicles", "advise customers on financing options for vehicles"},
    ),
    ("I vårt kök lagar vi glutenfri och laktosfri mat.", {"prepare dietary meals"}),
    ("Du byter fönster och lägger trägolv.", {"set window", "install floor coverings"}),
    ("Jag har arbetat med missbrukare och bostadslösa.", {"assist the homeless"}),
    ("Som sjukskötare tar du blodprov.", {"take blood samples"}),
]
FINNISH = [
    ("Ajat traktoria ja hoidat lypsyn.", {"operate tractor", "milk animals"}),
    ("Lastaat kuormia trukilla.", {"operate forklift"}),
    ("Työ on kolmivuorotyötä.", {"work in shifts"}),
]


def _shown(esco, recognizer, text, k=5):
    return [esco.skill_label(r.uri) for r in recognizer.recognise(text, top_k=k)]


@pytest.mark.parametrize(("text", "expected"), SWEDISH + FINNISH)
def test_everyday_task_words_name_their_skills(esco, esco_recognizer, text, expected):
    shown = _shown(esco, esco_recognizer, text)
    assert expected <= set(shown), shown


def test_applications_made_for_clients_are_a_task_not_the_application(esco, esco_recognizer):
    shown = _shown(esco, esco_recognizer, "Jag har skött ansökningar om utkomststöd åt klienterna.")
    assert "investigate social security applications" in shown, shown


@pytest.mark.parametrize(
    "text",
    ["Käsittelet asiakkaiden hakemukset ja teet päätöksiä.", "Ratkaiset hakemukset ja neuvot asiakkaita."],
)
def test_applications_a_finnish_worker_handles_are_a_task(esco_recognizer, text):
    # the Finnish side of the same kind (reads29's note): "hakemukset" dropped every such sentence
    assert esco_recognizer.recognise(text, top_k=5) != []


def test_the_applications_a_finnish_worker_handles_name_processing_them(esco, esco_recognizer):
    assert "process applications" in _shown(esco, esco_recognizer, "Käsittelet asiakkaiden hakemukset.")


@pytest.mark.parametrize(
    "text",
    [
        "Hakemukset käsitellään luottamuksellisesti.",
        "Toimita hakemukset 15.3. mennessä.",
        "Lähetä hakemuksesi viimeistään perjantaina.",
        "Skicka din ansökan senast 1.3.",
        "Ansökningar om tjänsten skickas till rekrytering@firma.fi.",
        "Vi tar emot ansökningar till 15.3.",
    ],
)
def test_the_application_to_the_employer_still_names_no_skill(esco_recognizer, text):
    assert esco_recognizer.recognise(text, top_k=5) == []


T28_9 = (
    "Haemme Espoon toimistokohteisiimme siivoojaa. Työ sisältää toimistojen ylläpitosiivousta, lattioiden "
    "pesua koneellisesti ja jätehuoltoa. Työ alkaa aamulla klo 6. Edellytämme kokemusta ammattisiivouksesta "
    "ja puhdistusaineiden turvallista käyttöä. Siivousalan ammattitutkinto katsotaan eduksi. Suomen kielen "
    "perusteet."
)


def test_a_degree_beside_the_ads_own_tasks_adds_no_task_of_its_profile(esco, esco_recognizer):
    shown = _shown(esco, esco_recognizer, T28_9, k=10)
    assert "clean toilet facilities" not in shown, shown
    assert {"maintain cleaning equipment", "manage routine waste", "cleaning products"} <= set(shown), shown


def test_a_degree_alone_still_names_its_occupations_skills(esco, esco_recognizer):
    assert "cleaning techniques" in _shown(
        esco, esco_recognizer, "Siivousalan ammattitutkinto katsotaan eduksi."
    )


def test_the_nurses_task_is_suggested_among_the_nursing_field_not_below_it(esco, esco_recognizer):
    """Before: *provide nursing advice on healthcare*, *provide professional care in nursing*,
    *nursing science*, *surgery*, *diagnose nursing care* (the blood samples 7th, 0.24). Now the
    task is second, 0.002 under the field's first (that the task wins outright is left: see the
    note of reads29; the field's skills are boosted as the title's own, `own_skill_weight`)."""
    shown = _shown(esco, esco_recognizer, "Som sjukskötare tar du blodprov och sköter om sår.")
    assert "take blood samples" in shown[:2], shown


def _occupation(esco, label):
    return esco.occupation_uris[list(esco.tables.occupation_labels["en"]).index(label)]


@pytest.mark.parametrize(
    ("occupation", "core", "specialised"),
    [
        (
            "welder",
            {"welding techniques", "perform metal active gas welding"},
            "weld in hyperbaric conditions",
        ),
        ("building cleaner", {"clean building floors", "clean surfaces"}, "clean building facade"),
        ("bus driver", {"manoeuvre bus"}, None),
    ],
)
def test_a_title_suggests_its_occupations_core_skills_before_a_specialised_one(
    esco, esco_recognizer, occupation, core, specialised
):
    """Tester 28, T28-9: "Siivooja" suggested *clean building facade* second (façade work is another
    trade); the welder's third was *weld in hyperbaric conditions*. The unit group's common ground now
    weighs in the centrality (`title_skills.centrality`)."""
    order = [
        esco.skill_label(u) for u in esco_recognizer.central_skills((_occupation(esco, occupation),), 10)
    ]
    assert all(order.index(c) < 4 for c in core), order
    if specialised is not None:
        assert all(order.index(c) < order.index(specialised) for c in core), order
        assert specialised not in order[:4], order
