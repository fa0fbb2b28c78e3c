"""Outside tester 35b's recognition findings G5 and G7, each kept as a kind.

G5: a qualification sentence (a degree, an examination, a licence or a registration) names its
occupation by its title or its field; it is the occupation's central skills at the qualification
weight, not the title's words as skills, in Finnish, Swedish and English
("toimintaterapeutin tutkinto" gave *apply techniques of occupational therapy* 0.60, essential;
"fysioterapeutexamen och legitimation" *provide physiotherapy diagnosis* 0.53; "a physiotherapist's
degree" *develop physiotherapy services* 0.57, above the ad's duties). Beside a sentence of duties,
the degree adds nothing above the line.

G7: how much of the work falls when ("Työaika painottuu viikonloppuihin", "Work is mainly at
weekends", "Arbetet är främst förlagt till helger") is a term of employment and names nothing; a
sentence saying only in what shifts the work is done names *work in shifts* and nothing of its
words ("Work is done in evening shifts." also gave *work with the lighting crew* 0.42)."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")

WORK_IN_SHIFTS = "work in shifts"


def confident(recognizer, text, lang=None):
    return [
        (r.label("en"), r.score)
        for r in recognizer.recognise(text, top_k=10, lang=lang)
        if r.score >= CONFIDENT_SCORE
    ]


def central_skills_of(recognizer, title, lang):
    """The English labels of the central skills a title line alone names (the occupation's)."""
    return {label for label, _ in confident(recognizer, title, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "title"),
    [
        ("Edellytämme toimintaterapeutin tutkintoa.", "fi", "Toimintaterapeutti"),
        (
            "Edellytämme toimintaterapeutin (AMK) tutkintoa ja Valviran laillistusta.",
            "fi",
            "Toimintaterapeutti",
        ),
        ("Laillistettu toimintaterapeutti.", "fi", "Toimintaterapeutti"),
        ("Vi förutsätter fysioterapeutexamen och legitimation.", "sv", "Fysioterapeutti"),
        ("Vi förutsätter fysioterapeutexamen (YH).", "sv", "Fysioterapeutti"),
        ("Legitimerad fysioterapeut.", "sv", "Fysioterapeutti"),
        ("We require a physiotherapist's degree and registration with Valvira.", "en", "Fysioterapeutti"),
        ("A degree in physiotherapy.", "en", "Fysioterapeutti"),
        ("BSc Physiotherapy.", "en", "Fysioterapeutti"),
        ("Registered physiotherapist.", "en", "Fysioterapeutti"),
        ("Occupational therapist's degree required.", "en", "Toimintaterapeutti"),
    ],
)
def test_a_qualification_names_its_occupations_central_skills_not_its_titles_words(
    esco_recognizer, text, lang, title
):
    found = confident(esco_recognizer, text, lang)
    assert found, "the qualification names its occupation"
    # at the qualification's weight, not as a skill the text says outright
    assert all(score < 0.5 for _, score in found), found
    # the occupation's skills, as its title alone names them
    assert {label for label, _ in found} <= central_skills_of(esco_recognizer, title, "fi")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Toimintaterapeutti\nTyöhösi kuuluu asiakkaiden kotikäynnit ja apuvälineiden sovitus.\n"
            "Edellytämme toimintaterapeutin tutkintoa.",
            "fi",
        ),
        (
            "You will assess patients' mobility, plan rehabilitation after stroke and fit assistive devices.\n"
            "We require a physiotherapist's degree and registration with Valvira.",
            "en",
        ),
        (
            "I arbetet ingår rehabilitering av patienter efter stroke.\n"
            "Vi förutsätter fysioterapeutexamen och legitimation.",
            "sv",
        ),
    ],
)
def test_beside_the_duties_a_degree_gives_no_skill_of_its_own(esco_recognizer, text, lang):
    degree = text.splitlines()[-1]
    sources = [
        r.source for r in esco_recognizer.recognise(text, top_k=10, lang=lang) if r.score >= CONFIDENT_SCORE
    ]
    assert degree not in sources


def test_an_english_duties_sentence_outranks_the_degree(esco_recognizer):
    text = (
        "You will assess patients' mobility, plan rehabilitation after stroke and fit assistive devices.\n"
        "We require a physiotherapist's degree and registration with Valvira."
    )
    top = esco_recognizer.recognise(text, top_k=3, lang="en")
    assert top and all(r.source.startswith("You will") for r in top)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Työaika painottuu viikonloppuihin.", "fi"),
        ("Työaika painottuu iltoihin ja viikonloppuihin.", "fi"),
        ("Työt painottuvat iltoihin.", "fi"),
        ("Työ ajoittuu pääosin viikonloppuihin.", "fi"),
        ("Arbetet sker främst på kvällar.", "sv"),
        ("Arbetet är främst förlagt till helger.", "sv"),
        ("Arbetet sker huvudsakligen nattetid.", "sv"),
        ("Work is mainly at weekends.", "en"),
        ("The job is mainly at night.", "en"),
        ("Work takes place mostly in the evenings.", "en"),
    ],
)
def test_when_most_of_the_work_falls_names_no_skill(esco_recognizer, text, lang):
    for given in (lang, None):
        assert confident(esco_recognizer, text, given) == [], given


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Work is done in evening shifts.", "en"),
        ("The work is mainly in night shifts.", "en"),
        ("Työ tehdään kahdessa vuorossa.", "fi"),
        ("Työ painottuu iltavuoroihin.", "fi"),
        ("Arbetet sker främst i kvällsskift.", "sv"),
        ("Arbetet sker i treskift.", "sv"),
    ],
)
def test_a_sentence_of_the_shifts_worked_names_work_in_shifts_only(esco_recognizer, text, lang):
    for given in (lang, None):
        assert [label for label, _ in confident(esco_recognizer, text, given)] == [WORK_IN_SHIFTS], given


def test_a_job_that_plans_shifts_keeps_its_planning(esco_recognizer):
    labels = [label for label, _ in confident(esco_recognizer, "Työ on vuorojen suunnittelua.", "fi")]
    assert "plan shifts of employees" in labels


def test_a_swedish_compound_names_its_title_without_the_final_e(esco_recognizer):
    # "närvårdarexamen" is the practical nurse's (närvårdare) examination: its skills, not none
    labels = {label for label, _ in confident(esco_recognizer, "Du har närvårdarexamen.", "sv")}
    assert labels and labels <= central_skills_of(esco_recognizer, "Lähihoitaja", "fi") | {
        "provide basic support to patients"
    }
