"""Outside tester 35's recognition findings, each kept as a kind.

F6: every statement of when the work is done is a term of the employment, not a skill, in Finnish,
Swedish and English: times of day and kinds of day too ("Työaika on aamuisin klo 6-10." suggested
*follow work schedule* 0.44 and *measure working time in goods production* 0.43; tester 34's fix
covered weekdays and clock times only). Shift work is the worker's *work in shifts*, whether the ad
says the job is shift work or asks for the readiness to work shifts (ESCO has it as a skill, and a
title line's shift word names it too); the skills of planning and leading shifts (*coordinate
shifts*, *schedule shifts*, *plan shifts of employees*) are a supervisor's, read only where the ad
says the job plans or leads ("Työ on kolmivuorotyötä." gave *coordinate shifts* 0.42).

F5: a degree named after the job with a university of applied sciences' level between the title and
"tutkinto" ("fysioterapeutin (AMK) tutkintoa") is a qualification, read as the occupation's skills,
not as its title's words (*develop physiotherapy services* 0.94 and *engage in physiotherapy research*
0.91 outranked every duty of a physiotherapist's ad); and a programming word qualified by the machine
it programs is that machine's skill, not *computer programming* ("PLC-ohjelmointi (Siemens S7)" gave
*computer programming* at 1.0; ESCO has PLC as an alternative label of *programmable logic
controller*, and *program a CNC controller*)."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")

SHIFT_PLANNING = {
    "coordinate shifts",
    "schedule shifts",
    "plan shifts of employees",
    "supervise the work of staff on different shifts",
    "coordinate mouldmaking shifts",
}


def confident(recognizer, text, lang=None):
    return [
        (r.label("en"), round(r.score, 2))
        for r in recognizer.recognise(text, top_k=10, lang=lang)
        if r.score >= CONFIDENT_SCORE
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Työaika on aamuisin klo 6-10.", "fi"),
        ("Työaika on iltaisin klo 16-22.", "fi"),
        ("Työaika on päivisin.", "fi"),
        ("Työaikamuoto on jaksotyö.", "fi"),
        ("Työ on päivätyötä.", "fi"),
        ("Työ tehdään iltaisin ja viikonloppuisin.", "fi"),
        ("Työ tehdään pääosin päivisin, joskus myös iltaisin.", "fi"),
        ("Arbetstid kl. 7–15.", "sv"),
        ("Arbetstiden är på morgonen kl. 6–10.", "sv"),
        ("Arbetstiderna är dagtid.", "sv"),
        ("Working hours 8–16.", "en"),
        ("Working hours are in the mornings 6–10.", "en"),
        ("Working hours are from 8 am to 4 pm.", "en"),
    ],
)
def test_when_the_work_is_done_names_no_skill(esco_recognizer, text, lang):
    for given in (lang, None):
        assert confident(esco_recognizer, text, given) == [], given


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the job is shift work
        ("Työ on kolmivuorotyötä.", "fi"),
        ("Vuorotyö 2-vuorossa.", "fi"),
        ("Työ tehdään kaksivuorotyönä.", "fi"),
        ("Arbetet är i tvåskift.", "sv"),
        ("Arbetet sker i treskift.", "sv"),
        ("The job is three-shift work.", "en"),
        ("The work is done in two shifts.", "en"),
        # the ad asks for the readiness to work shifts
        ("Edellytämme valmiutta vuorotyöhön.", "fi"),
        ("Sinulla on valmius tehdä vuorotyötä.", "fi"),
        ("Du är beredd att arbeta i skift.", "sv"),
        ("You are willing to work shifts.", "en"),
    ],
)
def test_shift_work_names_work_in_shifts_first_and_no_skill_of_planning_shifts(esco_recognizer, text, lang):
    got = confident(esco_recognizer, text, lang)
    assert got and got[0][0] == "work in shifts", got
    assert not SHIFT_PLANNING & {label for label, _ in got}, got


@pytest.mark.parametrize(
    ("text", "lang", "planning"),
    [
        ("Suunnittelet työvuorot ja vastaat henkilöstön työajoista.", "fi", "plan shifts of employees"),
        ("You will plan the shifts of the team.", "en", "plan shifts of employees"),
    ],
)
def test_a_job_that_plans_the_shifts_keeps_the_skill_of_planning_them(esco_recognizer, text, lang, planning):
    assert planning in {label for label, _ in confident(esco_recognizer, text, lang)}


PHYSIO_AD = (
    "Haemme fysioterapeuttia kuntoutusyksikköömme toistaiseksi voimassa olevaan työsuhteeseen. "
    "Työhösi kuuluu ikäihmisten ja aivohalvauspotilaiden yksilöllinen kuntoutus, liikkumiskyvyn arviointi, "
    "apuvälinetarpeen arviointi ja ohjaus sekä omaisten neuvonta. Edellytämme fysioterapeutin (AMK) "
    "tutkintoa ja Valviran laillistusta. Eduksi katsotaan kokemus neurologisesta kuntoutuksesta. "
    "Hyvä suomen kielen taito ja B-ajokortti. Palkkaus Sote-sopimuksen mukaan."
)


@pytest.mark.parametrize(
    "degree",
    [
        "Edellytämme fysioterapeutin (AMK) tutkintoa ja Valviran laillistusta.",
        "Edellytämme fysioterapeutin AMK-tutkintoa.",
        "Sinulla on sairaanhoitajan (AMK) tutkinto.",
    ],
)
def test_a_degree_with_its_level_between_title_and_tutkinto_is_no_rule_level_look_alike(
    esco_recognizer, degree
):
    got = confident(esco_recognizer, degree, "fi")
    assert got, "the occupation's skills, as a qualification"
    assert max(score for _, score in got) < 0.5, got


def test_a_physiotherapists_ad_suggests_rehabilitation_above_any_skill_of_the_degrees_words(esco_recognizer):
    got = confident(esco_recognizer, PHYSIO_AD, "fi")
    labels = [label for label, _ in got]
    assert "rehabilitation" in labels, got
    physiotherapy = [(label, score) for label, score in got if "physiotherapy" in label]
    rehabilitation = dict(got)["rehabilitation"]
    assert all(score < rehabilitation for _, score in physiotherapy), got


@pytest.mark.parametrize(
    ("text", "lang", "skill"),
    [
        ("PLC-ohjelmointi (Siemens S7)", "fi", "programmable logic controller"),
        ("Kokemus PLC-ohjelmoinnista on eduksi.", "fi", "programmable logic controller"),
        ("PLC-programmering är meriterande.", "sv", "programmable logic controller"),
        ("Experience in PLC programming.", "en", "programmable logic controller"),
        ("CNC-ohjelmointi", "fi", "program a CNC controller"),
        ("Du behärskar CNC-programmering.", "sv", "program a CNC controller"),
    ],
)
def test_programming_a_machine_is_that_machines_skill_not_computer_programming(
    esco_recognizer, text, lang, skill
):
    labels = [label for label, _ in confident(esco_recognizer, text, lang)]
    assert labels and labels[0] == skill, labels
    assert "computer programming" not in labels, labels


@pytest.mark.parametrize("text", ["Python-ohjelmointi", "Hallitset ohjelmoinnin perusteet ja ohjelmointia."])
def test_programming_named_without_a_machine_is_still_computer_programming(esco_recognizer, text):
    assert "computer programming" in {label for label, _ in confident(esco_recognizer, text, "fi")}
