"""Swedish and English recognition faults by kind (issue 12, session 38, helper `sv38`; outside tester
36b, J4). The sentences are written for this file as an ad, a CV or a coach's note would say them (none
is a set's own); each test names what a recruiter relies on.

1. Finland-Swedish task nouns and compounds the glossary lacked, each of a kind that more than one
   author of the study sets wrote (`data/recognition/sv_glossary.csv`): tyre changes, milking and hoof
   care, pruning, filleting, spray painting, the laundry, health examinations, installing computers,
   fitting windows, drainage, grouting, wage calculation, gutters, beard trimming, work at heights,
   lifting, speech therapy, learning difficulties, aids.
2. A vehicle named as the owner of the parts serviced is not the vehicle driven ("Huolsin
   linja-autojen jarruja": brakes and tyres, not *manoeuvre bus*; `skill_rules.csv`, condition row).
3. "Carry out activities" with no kind of activity between names no skill: the daycare group's
   children are read, not ESCO's "carry out de-icing activities" (`skill_rules.csv`, condition row),
   and "daycare" in one word is ESCO's "day care" (*supervise children*).
4. A licence of the study sets' licence kind gives what it certifies (`skill_rules.csv`, licence rows):
   STCW basic safety training, the F-gas certificate, the IV permit.
"""

from __future__ import annotations

import pytest


def _shown(recognizer, text: str, k: int = 5) -> list[str]:
    return [r.label("en") for r in recognizer.recognise(text, top_k=k)]


# -- 1. Finland-Swedish task nouns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Säsongsjobb på däckfirman i Närpes: däckbyten och däckförvaring.", "replace tyres"),
        ("Djurskötare: mjölkning och klövvård.", "milk animals"),
        ("Växthusarbetare till paprikaodlingen: beskärning och skörd.", "prune plants"),
        ("Fiskberedare till Kaskö, filetering av sik och abborre.", "slice fish"),
        ("Bilmålare, sprutmålning av karosser i lackeringsboxen.", "paint with a paint gun"),
        ("Hotellstädare till Mariehamn, även arbete i tvätteriet.", "wash the laundry"),
        (
            "Skolhälsovårdare till Vörå: hälsoundersökningar av eleverna i årskurs 5.",
            "perform health assessment",
        ),
        ("IT-stöd till kommunen: installation av datorer åt de nya anställda.", "install software"),
        ("Byggsnickare till radhusbygget i Borgå, fönstermontering och listning.", "set window"),
        ("Grävmaskinist: dränering och dikning kring egnahemshus.", "perform drainage work"),
        ("Plattsättare till badrumsrenoveringar, kakling och fogning.", "fill tile joints"),
        ("Löneräknare till byrån i Vasa, löneberäkning för små företag.", "calculate wages"),
        ("Plåtslagare till Jakobstad: takavvattning och hängrännor på egnahemshus.", "install gutters"),
        ("Barberare, skäggtrimning och rakning med kniv.", "treat facial hair"),
        ("Takmontör, höjdarbete och falsade plåttak.", "follow safety procedures when working at heights"),
        ("Kunden lyfter tungt utan besvär och söker lagerjobb.", "lift heavy weights"),
        ("Talterapeut till hälsocentralen: barn med stamning och språkstörning.", "treat speech disorders"),
        ("Speciallärare, stöd för elever med inlärningssvårigheter.", "learning difficulties"),
    ],
)
def test_a_finland_swedish_task_noun_gives_the_skill_a_recruiter_expects(esco_recognizer, sentence, expected):
    assert expected in _shown(esco_recognizer, sentence)


@pytest.mark.xfail(
    strict=True,
    reason="left open (the crowding kind): a workplace, client or field word beside the task ('mjölkgård' as "
    "dairy farm, 'äldre' as elderly, rehabilitation) or the gloss's own look-alikes ('perform milk control', "
    "'prepare equid hooves') fill the five places at scores about 0.3; a ranking change, not a glossary one",
)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Har jobbat på en mjölkgård i Pedersöre med mjölkning och klövvård.", "milk animals"),
        ("Ergoterapeut: utprovning av hjälpmedel för äldre i hemmet.", "assistive instruments"),
        (
            "Ergoterapeut till hemrehabiliteringen: utprovning av hjälpmedel och hembesök.",
            "assistive instruments",
        ),
        ("Ladugårdsskötare till Pedersöre: mjölkning, klövvård och utfodring.", "milk animals"),
        ("Ladugårdsskötare till Pedersöre: mjölkning, klövvård och utfodring.", "trim bovine hooves"),
    ],
)
def test_a_task_noun_beside_a_glossed_workplace_or_client_word_is_read(esco_recognizer, sentence, expected):
    assert expected in _shown(esco_recognizer, sentence)


@pytest.mark.parametrize(
    ("sentence", "not_expected"),
    [
        ("Blandning av färg enligt kundens önskemål.", "prune plants"),
        ("Vi erbjuder en trevlig arbetsmiljö och god lön.", "calculate wages"),
    ],
)
def test_a_look_alike_of_a_new_stem_gives_not_its_skill(esco_recognizer, sentence, not_expected):
    assert not_expected not in _shown(esco_recognizer, sentence)


# -- 2. a vehicle named as the owner of the parts serviced --------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Huolsin linja-autojen jarruja ja vaihdoin renkaita.", {"maintain braking system", "replace tyres"}),
        ("Huollan kuorma-autojen jarruja.", {"maintain braking system"}),
        ("Servade bussarnas bromsar och bytte däck.", {"replace tyres"}),
        ("I serviced the brakes of buses and changed tyres.", {"replace tyres"}),
    ],
)
def test_a_mechanics_parts_are_read_not_driving_the_vehicle(esco_recognizer, sentence, expected):
    shown = _shown(esco_recognizer, sentence)
    assert expected <= set(shown)
    assert not {"manoeuvre bus", "recruit bus drivers", "manoeuvre heavy trucks"} & set(shown)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bussförare till linjetrafiken i Vasa, D-körkort krävs.", "manoeuvre bus"),
        ("Toimin linja-auton kuljettajana kaupunkiliikenteessä.", "manoeuvre bus"),
    ],
)
def test_a_driver_of_the_vehicle_is_still_read_as_driving_it(esco_recognizer, sentence, expected):
    assert expected in _shown(esco_recognizer, sentence)


# -- 3. "carry out activities" in a daycare group ---------------------------------------------------


def test_daycare_activities_are_read_as_childcare_not_de_icing(esco_recognizer):
    shown = _shown(esco_recognizer, "You plan and carry out activities for 3-5-year-olds in a daycare group.")
    assert "supervise children" in shown
    assert not [label for label in shown if label.startswith("carry out") and "activities" in label]


def test_work_in_a_daycare_centre_is_read_as_childcare(esco_recognizer):
    assert "supervise children" in _shown(
        esco_recognizer, "I have worked for three years at a daycare centre."
    )


def test_activities_of_a_named_kind_are_still_read(esco_recognizer):
    shown = _shown(esco_recognizer, "Carry out maintenance activities on the production line.")
    assert any("maintenance" in label for label in shown)


# -- 4. licences and certificates by what they certify -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Däcksman till skärgårdsfärjan, STCW-grundkurs krävs.",
            {"survive at sea in the event of ship abandonment", "prevent fires on board"},
        ),
        ("Kansimies yhteysalukselle, perusturvallisuuskoulutus (STCW) voimassa.", {"prevent fires on board"}),
        (
            "Deckhand for the archipelago ferry, STCW basic safety training required.",
            {"prevent fires on board"},
        ),
        ("Kylmäasentaja, F-kaasupätevyys vaaditaan.", {"perform refrigerant leak checks"}),
        ("Kylmontör med F-gascertifikat till Vasa.", {"perform refrigerant leak checks"}),
        ("Sjukskötare till akuten i Borgå, IV-tillstånd är ett krav.", {"intravenous infusion"}),
        ("Sairaanhoitaja teho-osastolle, IV-luvat voimassa.", {"intravenous infusion"}),
    ],
)
def test_a_licence_gives_what_it_certifies(esco_recognizer, sentence, expected):
    assert expected <= set(_shown(esco_recognizer, sentence))


@pytest.mark.parametrize("sentence", ["Ivan kävi IVA-osastolla katsomassa.", "Fgas och el i samma firma."])
def test_a_look_alike_of_a_licence_name_gives_not_its_skill(esco_recognizer, sentence):
    shown = set(_shown(esco_recognizer, sentence))
    assert not {"intravenous infusion", "perform refrigerant leak checks"} & shown


def test_weld_joints_are_not_grouting(esco_recognizer):
    """'fogning' is glossed as grouting, written "fognin" so that its verb's forms ("fogar") are not read:
    "svetsfogar" (weld joints) gave *fill tile joints* in a welder's sentence (a tuning set's sentence,
    reworded)."""
    shown = _shown(esco_recognizer, "Du slipar svetsfogar och kontrollerar kvaliteten på svetsarna.")
    assert "fill tile joints" not in shown
