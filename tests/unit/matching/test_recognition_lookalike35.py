"""Look-alike skills read from numbers, certificates and stock phrases (issue 12, session 35, helper
`lookalike35`; faults noticed by meeting35, tester 35 and fi35). The sentences are written for this
file, as an ad, a CV or a coach's note would say it (none is copied from the sets); each test names
what a recruiter expects and what must not show.

1. A number that counts shifts ("Three-shift work.", "in two shifts", "kolmivuorotyö", "2-vuorotyö",
   "treskift") is no number of a skill's label: *3D modelling*, *drive two-wheeled vehicles* and
   *operate two-way radio systems* matched the number word (`SkillRecognizer._counted_shift_lookalikes`).
   The shifts of the job are the worker's *work in shifts*, not the bare *supervise work* or *manage
   work* (`SkillRecognizer._unasked_shift_managing`).
2. A certificate or a qualification test held ("svetscertifikat", "hitsaussertifikaatti", "hitsaajan
   pätevyyskoe", "certified welder", "welding certificate") says the holder is certified to do the
   work, not that they inspect, verify or certify it (`SkillRecognizer._certificate_lookalikes`); a
   text that speaks of inspecting ("visuell kontroll av svetsfogarna") still reads the inspection.
3. The Finnish stock phrase "Hänellä on …" (a coach's note of the jobseeker) is stripped as "Asiakas
   on …" and "Hän on …" are (`recognition_text._STOCK`).
4. Measured, not changed: a daycare teacher's title ("Barnträdgårdslärare", "Lastentarhanopettaja") suggests
   ESCO's early years teacher profile, whose most central skills include the teacher family's shared
   *assist students in their learning*; what the test keeps is that the kindergarten's own skill is among
   them, and that a childminder's title reads children's care (docs/benchmarks.md, lookalike35).
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE
from services.matching.index.domain.recognition_text import strip_stock

WORK_IN_SHIFTS = "work in shifts"

NUMBERED = {
    "3D modelling",
    "3D texturing",
    "3D lighting",
    "drive two-wheeled vehicles",
    "operate two-way radio systems",
}

SUPERVISING_WORK = {"supervise work", "manage work"}

WELDING = {
    "welding techniques",
    "operate welding equipment",
    "use welding equipment",
    "join metals",
    "perform metal active gas welding",
    "perform metal inert gas welding",
    "perform tungsten inert gas welding",
    "apply arc welding techniques",
    "apply spot welding techniques",
    "apply thermite welding techniques",
}

INSPECTING = {
    "perform welding inspection",
    "verify qualifications of water transport crew",
    "apply certification and payment procedures",
    "verify product specifications",
}


def _read(recognizer, text: str, k: int = 6) -> list[tuple[str, float]]:
    return [(r.label("en"), r.score) for r in recognizer.recognise(text, top_k=k, min_score=0.0)]


# -- 1. a number that counts shifts ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Three-shift work.",
        "The work is done in two shifts.",
        "Two-shift work, also weekends.",
        "Kolmivuorotyö.",
        "Työ on 2-vuorotyötä.",
        "Arbetet sker i treskift.",
        "Treskift, även helger.",
    ],
)
def test_a_count_of_shifts_is_shift_work_and_no_numbered_skill(esco_recognizer, text):
    read = _read(esco_recognizer, text)
    assert read[0][0] == WORK_IN_SHIFTS
    assert not {label for label, _ in read} & NUMBERED


def test_a_number_of_its_own_still_reads_a_numbered_skill(esco_recognizer):
    # the CAD designer's 3D is asked for in its own words beside the shifts: it is read
    read = _read(esco_recognizer, "3D-mallinnus SolidWorksilla, työ on kaksivuorotyötä.", k=10)
    assert {label for label, _ in read} & {"3D modelling", "use CAD software"}


@pytest.mark.xfail(
    strict=True,
    reason="held on lookalike35's base only through fi35's compound heads (iltavuoroja -> vuoro), which the lead "
    "turned off by default (a workplace read as a look-alike on a cook's title): 'follow work schedule' 0.40 comes "
    "first, 'work in shifts' 0.36 second",
)
def test_morning_and_evening_shifts_are_shift_work_before_a_schedule(esco_recognizer):
    read = _read(esco_recognizer, "Työajat: aamu- ja iltavuoroja.")
    assert read[0][0] == WORK_IN_SHIFTS


@pytest.mark.parametrize("text", ["Työ on kolmivuorotyötä.", "Three-shift work.", "Kolmivuorotyö."])
def test_shift_work_is_no_supervising_of_work(esco_recognizer, text):
    # before: *supervise work* 0.35 on the line beside *work in shifts*
    read = _read(esco_recognizer, text, k=10)
    assert all(score < CONFIDENT_SCORE for label, score in read if label in SUPERVISING_WORK)


def test_a_shift_supervisor_still_supervises_the_work(esco_recognizer):
    read = _read(esco_recognizer, "Vuoroesimies, kolmivuorotyö: johdat ja valvot työtä.", k=6)
    assert "supervise work" in {label for label, _ in read}


# -- 2. a certificate held ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vi förutsätter svetscertifikat.",
        "Svetsarcertifikat krävs.",
        "Edellytämme voimassa olevaa hitsaussertifikaattia.",
        "Hitsauksen pätevyyskoe on eduksi.",
        "Hitsaajan pätevyyskoe (SFS-EN ISO 9606-1) on voimassa.",
        "We require a valid welding certificate.",
        "Certified welder",
        "I am a certified welder.",
    ],
)
def test_a_welding_certificate_is_welding_not_inspection(esco_recognizer, text):
    read = _read(esco_recognizer, text, k=10)
    assert read[0][0] in WELDING
    assert not {label for label, _ in read} & INSPECTING


def test_a_certificate_beside_a_check_of_welds_keeps_the_inspection(esco_recognizer):
    # a coach's note: the client checks the welds, the certificate has expired
    text = "Kunden gör själv visuell kontroll av svetsfogarna, men certifikatet har gått ut."
    assert "perform welding inspection" in {label for label, _ in _read(esco_recognizer, text, k=6)}


# -- 3. "Hänellä on …" --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Hänellä on trukkikortti.", "trukkikortti"),
        ("Hän on kokenut siivooja.", "kokenut siivooja"),
        ("Asiakkaalla on trukkikortti.", "trukkikortti"),
    ],
)
def test_the_stock_phrase_of_a_coach_note_is_stripped(text, left):
    assert strip_stock(text, "fi") == left


def test_a_note_saying_hanella_on_reads_the_skill(esco_recognizer):
    read = _read(esco_recognizer, "Hänellä on kokemusta siivoustyöstä.", k=3)
    assert read[0][1] >= CONFIDENT_SCORE
    assert "clean" in read[0][0] or "cleaning" in read[0][0]


# -- 4. a daycare teacher's title ---------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Barnträdgårdslärare", "Lastentarhanopettaja", "Förskollärare"])
def test_a_daycare_teachers_title_suggests_the_kindergartens_teaching(esco_recognizer, title):
    assert "teach kindergarten class content" in {label for label, _ in _read(esco_recognizer, title, k=5)}


@pytest.mark.parametrize("title", ["Lastenhoitaja", "Barnskötare"])
def test_a_childminders_title_suggests_the_care_of_children(esco_recognizer, title):
    read = {label for label, _ in _read(esco_recognizer, title, k=5)}
    assert "supervise children" in read
    assert not any("student" in label for label in read)
