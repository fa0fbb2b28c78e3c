"""POST /api/v1/skills/recognise with `context: cv`: any ESCO occupation title or alternative label
in Finnish, Swedish or English, inflected as CVs write it, gives the work-history row (issue 12,
helper `cvfix38`; outside tester 38b, N1, N2, N3). A recruiter relies on a jobseeker's "Warehouse
worker 2014-2021." or "Kassamyyjä S-marketissa 2018–2024." counting as experience, whatever the
language or title, and on a future graduation not counting. An ad still gives no row."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def recognised(client, text, lang, context="cv"):
    body = {"text": text, "lang": lang} | ({"context": context} if context else {})
    r = client.post(URL, json=body, headers=COACH)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def rows(client, text, lang):
    """(label in the line's language, years, ended_year) of each work-history row."""
    return [(r["label"], r["years"], r["ended_year"]) for r in recognised(client, text, lang)["named_work"]]


@pytest.mark.parametrize(
    ("text", "lang", "occupation", "years", "ended"),
    [
        # tester 38b, N1: English titles other than the README's cook and cleaner
        ("Warehouse worker at a logistics centre 2014-2021.", "en", "warehouse worker", 7, 2021),
        ("Warehouse worker 2014-2021.", "en", "warehouse worker", 7, 2021),
        ("Worked as a bus driver in Tampere 2016-2023.", "en", "bus driver", 7, 2023),
        ("Bus driver in Tampere 2016-2023.", "en", "bus driver", 7, 2023),
        ("Welder, engineering workshop, 2005-2019.", "en", "welder", 14, 2019),
        # tester 38b, N2: Finnish cashier titles (a compound whose head is a title; a till's worker)
        ("Kassamyyjä S-marketissa 2018–2024.", "fi", "myyjä", 6, 2024),
        ("Työskentelin kassamyyjänä Lidlissä 2018–2024.", "fi", "myyjä", 6, 2024),
        ("Kassatyöntekijä Prismassa 2018–2024.", "fi", "kassanhoitaja", 6, 2024),
        # the same kind, written for this file: alternative labels, several words, inflected
        ("Worked as an order picker in a warehouse 2015-2019.", "en", "warehouse worker", 4, 2019),
        ("Checkout operator at a supermarket 2012-2016.", "en", "cashier", 4, 2016),
        ("Betonipumppuauton kuljettaja 2010-2015.", "fi", "betonipumppuauton kuljettaja", 5, 2015),
        (
            "Toimin betonipumppuauton kuljettajana Tampereella 2010-2015.",
            "fi",
            "betonipumppuauton kuljettaja",
            5,
            2015,
        ),
        ("Arbetade som lagerarbetare i Vasa 2011-2020.", "sv", "warehouse worker", 9, 2020),
    ],
)
def test_any_esco_title_in_a_cv_line_is_a_work_history_row(client, text, lang, occupation, years, ended):
    assert rows(client, text, lang)[:1] == [(occupation, years, ended)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jag tar examen som kock i vår.", "sv"),  # tester 38b, N3
        ("Valmistun sähköasentajaksi ensi keväänä.", "fi"),
        ("I will graduate as a cook next spring.", "en"),
        ("Jag ska bli busschaufför.", "sv"),
    ],
)
def test_a_future_graduation_is_no_work_history(client, text, lang):
    assert rows(client, text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Warehouse worker at a logistics centre 2014-2021.", "en"),
        ("Kassamyyjä S-marketissa 2018–2024.", "fi"),
        ("We are hiring a warehouse worker for our logistics centre.", "en"),
    ],
)
def test_an_ad_still_gives_no_row_and_the_same_items(client, text, lang):
    ad = recognised(client, text, lang, context=None)
    cv = recognised(client, text, lang)
    assert "work_history" not in ad and "named_work" not in ad
    # the same items, but for the skills of leading the own job's workers or managing its work,
    # which an ad weighs as a guess and a CV line of one's own job does not give (tester 39, P7)
    recognizer = client.application.extensions["kohtaanto.matching.state"].recognizer
    own = {
        u
        for w in cv["named_work"]
        for u in (w["occupation_uri"], *(a["occupation_uri"] for a in w["alternatives"]))
    }
    leading = recognizer.leading_skills(own)
    assert [i for i in ad["items"] if i["uri"] not in leading] == [i for i in cv["items"] if i in ad["items"]]
    assert not {i["uri"] for i in cv["items"]} & leading


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Haluaisin työskennellä hitsaajana.", "fi"),  # tester 38b, N5
        ("I would like to work as a welder.", "en"),
        ("Jag vill arbeta som svetsare.", "sv"),
    ],
)
def test_a_wish_in_a_cv_is_no_row_and_its_skills_are_warned_of(client, text, lang):
    cv = recognised(client, text, lang)
    ad = recognised(client, text, lang, context=None)
    assert cv["work_history"] == cv["named_work"] == []
    assert cv["items"] == ad["items"]
    if cv["items"]:  # the skills the wish names are shown, but not as experience
        assert text in cv.get("warning", "")


def test_a_cv_line_of_work_done_gets_no_wish_warning(client):
    cv = recognised(client, "Hitsaaja konepajassa 2005-2019.", "fi")
    assert "Hitsaaja konepajassa" not in cv.get("warning", "")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the lead's before-stop read (session 38): what a line says the person lacks or seeks is no job held
        ("Ei kokemusta hitsaajana.", "fi"),
        ("I have no experience as a welder.", "en"),
        ("Haen hitsaajan töitä.", "fi"),
        ("Söker jobb som svetsare.", "sv"),
        ("Looking for work as a welder.", "en"),
    ],
)
def test_a_line_saying_the_person_lacks_or_seeks_a_job_gives_no_row(client, text, lang):
    assert rows(client, text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "occupation"),
    [
        # words that only look like studies or wishes: a student canteen's cook, a goal-driven seller
        ("Opiskelijaruokalan kokki 2015-2020.", "fi", "kokki"),
        ("Tavoitteellinen myyjä Prismassa 2018-2024.", "fi", "myyjä"),
    ],
)
def test_a_word_that_only_looks_like_a_wish_or_studies_keeps_the_row(client, text, lang, occupation):
    assert occupation in [label for label, _, _ in rows(client, text, lang)]
