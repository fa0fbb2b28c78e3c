"""A vacancy's occupation from real Finnish and Finland-Swedish job titles, and what confirming a
suggested skill does to it (outside tester, session 13, P2 and P3: the tester's inputs, and what a
recruiter expects of them)."""

import pytest

from tests.api.matching_world import NURSE, Clock, matching_app, vacancy
from tests.helpers import auth

EMPLOYER = auth("employer", "konepaja-oy")
OCCUPATION = "http://data.europa.eu/esco/occupation/"
HEALTHCARE_ASSISTANT = OCCUPATION + "d38c2107-98f2-47b7-8bb4-f69750d51082"  # lähihoitaja, 5321
BUILDING_CLEANER = OCCUPATION + "303a1e34-cb16-4054-b323-81e5eec17397"  # laitossiivooja, 9112
DOMESTIC_CLEANER = OCCUPATION + "cbad55a4-c7cf-4ab6-9540-eac72b26729b"  # kotisiivooja, 9111
AIRCRAFT_GROOMER = OCCUPATION + "69e4e877-9d7a-4df0-973b-34defd318e26"
PERFORM_CLEANING_DUTIES = "http://data.europa.eu/esco/skill/4f1b6304-f54a-42f0-9604-5427a28d240f"
BASIC_PROGRAMMING = "http://data.europa.eu/esco/skill/bf4d884f-c848-402a-b130-69c266b04164"


@pytest.fixture
def app(database_url):
    return matching_app(database_url, Clock())


def ranked(app, vacancy_id):
    body = (
        app.test_client().get(f"/api/v1/vacancies/{vacancy_id}/skills?lang=en", headers=EMPLOYER).get_json()
    )
    return body["ranked_occupation"]


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Städare", BUILDING_CLEANER),  # was a train cleaner: the title's cleaning skills outweighed it
        ("Närvårdare till hemvården", HEALTHCARE_ASSISTANT),  # named no occupation at all
        ("Närvårdare i hemvården", HEALTHCARE_ASSISTANT),
        ("Sjukskötare", NURSE),  # Finland-Swedish for sairaanhoitaja: was a nurse assistant
        ("Sjukskötare till akutmottagningen", NURSE),
    ],
)
def test_a_finland_swedish_title_only_vacancy_is_read_as_its_occupation(app, title, occupation):
    vacancy(app, "v-title", occupation=None, skills=[], title=title, description=title)
    got = ranked(app, "v-title")
    assert got["uri"] == occupation, got


CLEANER_AD = (
    "Haemme siivoojaa toimistojen ja koulujen siivoukseen Nokialla. Työhön kuuluu päivittäinen "
    "ylläpitosiivous. Suomen kielen perustaito riittää. Työaika on arkisin klo 6-14."
)


def test_confirming_a_suggested_cleaning_skill_keeps_the_cleaners_occupation(app):
    vacancy(
        app, "v-clean", occupation=None, skills=[], title="Siivooja / laitoshuoltaja", description=CLEANER_AD
    )
    before = ranked(app, "v-clean")
    assert before["uri"] in (BUILDING_CLEANER, DOMESTIC_CLEANER) and before["confident"], before
    # the employer does what the README says: confirms a suggestion, rejects another
    vacancy(
        app,
        "v-clean",
        version=2,
        occupation=None,
        skills=[PERFORM_CLEANING_DUTIES],
        rejected_skills=[BASIC_PROGRAMMING],
        title="Siivooja / laitoshuoltaja",
        description=CLEANER_AD,
    )
    after = ranked(app, "v-clean")
    assert after["uri"] in (BUILDING_CLEANER, DOMESTIC_CLEANER) and after["confident"], after
    assert after["uri"] != AIRCRAFT_GROOMER
