"""A degree named by its field or its own name, whose practitioner has no ESCO label of the same
stem, is read as the occupation it qualifies for (`data/recognition/degrees.csv`), not as
look-alike words (recog35b's leftovers: "Bachelor's degree in nursing" gave *nurse plants* 0.66,
"socionomexamen" and "sosionomi (AMK)" their words, "Studentexamen räcker" *assess students* 0.42).
A general qualification (the matriculation examination) names no skill at all."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE

pytestmark = pytest.mark.usefixtures("esco_recognizer")


def confident(recognizer, text, lang=None):
    return [
        (r.label("en"), r.score)
        for r in recognizer.recognise(text, top_k=10, lang=lang)
        if r.score >= CONFIDENT_SCORE
    ]


@pytest.mark.parametrize(
    ("text", "lang", "title"),
    [
        ("Bachelor's degree in nursing.", "en", "Sairaanhoitaja"),
        ("We require a degree in nursing.", "en", "Sairaanhoitaja"),
        ("A nursing degree is required.", "en", "Sairaanhoitaja"),
        ("Master's degree in social work.", "en", "Sosiaalityöntekijä"),
        ("Edellytämme sosionomin (AMK) tutkintoa.", "fi", "Sosiaaliohjaaja"),
        ("Sosionomi (AMK).", "fi", "Sosiaaliohjaaja"),
        ("Vi förutsätter socionomexamen.", "sv", "Sosiaaliohjaaja"),
        ("Socionom (YH).", "sv", "Sosiaaliohjaaja"),
    ],
)
def test_a_degree_names_the_occupation_it_qualifies_for(esco_recognizer, text, lang, title):
    found = confident(esco_recognizer, text, lang)
    assert found, "the degree names its occupation"
    assert all(score < 0.5 for _, score in found), found  # the qualification's weight
    title_skills = {label for label, _ in confident(esco_recognizer, title, "fi")}
    assert {label for label, _ in found} <= title_skills


@pytest.mark.parametrize(
    "text",
    ["Bachelor's degree in nursing.", "We require a degree in nursing.", "A nursing degree is required."],
)
def test_nursing_is_not_read_as_plants(esco_recognizer, text):
    labels = [label for label, _ in confident(esco_recognizer, text, "en")]
    assert not any("plant" in label for label in labels), labels


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ylioppilastutkinto riittää.", "fi"),
        ("Edellytämme ylioppilastutkintoa.", "fi"),
        ("Studentexamen räcker.", "sv"),
        ("Matriculation examination is enough.", "en"),
        ("A high school diploma is enough.", "en"),
        ("A degree in engineering.", "en"),
    ],
)
@pytest.mark.parametrize("given_lang", [True, False])
def test_a_general_qualification_names_nothing(esco_recognizer, text, lang, given_lang):
    assert confident(esco_recognizer, text, lang if given_lang else None) == []


def test_beside_the_duties_the_degree_adds_no_look_alike(esco_recognizer):
    text = (
        "You will assess patients, give medication and plan their care.\n"
        "We require a Bachelor's degree in nursing."
    )
    found = esco_recognizer.recognise(text, top_k=10, lang="en")
    labels = [r.label("en") for r in found if r.score >= CONFIDENT_SCORE]
    assert labels
    assert not any("plant" in label or label == "nursing science" for label in labels), labels


def test_a_named_branch_of_engineering_still_names_its_engineer(esco_recognizer):
    found = confident(esco_recognizer, "A degree in mechanical engineering.", "en")
    assert found
    assert {label for label, _ in found} <= {
        label for label, _ in confident(esco_recognizer, "Koneinsinööri", "fi")
    }


def test_an_early_childhood_socionom_is_not_the_social_care_worker(esco_recognizer):
    # "socionom inom småbarnspedagogik" is the early-childhood title of job_titles.csv, not the degree row
    labels = {label for label, _ in confident(esco_recognizer, "Socionom inom småbarnspedagogik.", "sv")}
    social = {label for label, _ in confident(esco_recognizer, "Sosiaaliohjaaja", "fi")}
    assert labels and not labels & social, labels
