"""POST /api/v1/skills/recognise with `context: cv` (issue 12, session 38, helper `cv38`; outside tester
38, M1/M2): the occupation a CV or a coach's note names is the person's own experience, returned as
a work-history row (ESCO occupation, label, years when the line gives them) with the skills the
index infers from such a row (evidence kind "inferred"), the same in Finnish, Swedish and English.
An ad's text (the default context) names the job hired for and gives no row."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"

COOK = "cook"
CLEANER = "building cleaner"
CHILD_CARE = "child care worker"
PRACTICAL_NURSE = "healthcare assistant"


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def rows(client, text, lang=None):
    body = {"text": text, "context": "cv"} | ({"lang": lang} if lang else {})
    r = client.post(URL + "?lang=en", json=body, headers=COACH)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["named_work"]


@pytest.mark.parametrize(
    ("text", "lang", "occupation", "years", "ended"),
    [
        # the tester's lines
        ("Kokki lounasravintolassa 2010-2022.", "fi", COOK, 12, 2022),
        ("Laitossiivooja sairaalassa 2001-2018.", "fi", CLEANER, 17, 2018),
        ("Lastenhoitaja päiväkodissa 2015-2022, 1-3-vuotiaiden ryhmässä.", "fi", CHILD_CARE, 7, 2022),
        ("Kock på lunchrestaurang 2010-2022.", "sv", COOK, 12, 2022),
        ("Cook at a lunch restaurant 2010-2022.", "en", COOK, 12, 2022),
        # the same kind, written for this file
        ("Siivooja kauppakeskuksessa 2016–2020.", "fi", CLEANER, 4, 2020),
        ("Städare på sjukhus 2001-2018.", "sv", CLEANER, 17, 2018),
        ("I worked as a practical nurse 2015-2020.", "en", PRACTICAL_NURSE, 5, 2020),
        ("Kokki 2012-2014", None, COOK, 2, 2014),
    ],
)
def test_a_cv_line_of_title_workplace_and_years_is_a_work_history_row(
    client, text, lang, occupation, years, ended
):
    found = rows(client, text, lang)
    assert [(r["label"], r["years"], r["ended_year"]) for r in found][:1] == [(occupation, years, ended)], (
        found
    )
    row = found[0]
    assert row["occupation_uri"].startswith("http://data.europa.eu/esco/occupation/")
    assert row["source"] == text.strip()
    # what the index infers from the row, said as inferred, not as a claimed skill
    assert row["inferred_skills"], row
    assert {s["evidence"] for s in row["inferred_skills"]} == {"inferred"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Valmistunut lähihoitajaksi 2026.", "fi"),
        ("Olen lähihoitaja.", "fi"),
        ("Utbildad närvårdare 2012.", "sv"),
        ("I am a practical nurse.", "en"),
    ],
)
def test_a_qualified_practical_nurse_is_a_practical_nurse_without_invented_years(client, text, lang):
    # M1: the new lähihoitaja was labelled a hospital pharmacist, her title read as nothing
    found = rows(client, text, lang)
    assert [r["label"] for r in found] == [PRACTICAL_NURSE], found
    assert found[0]["years"] is None and found[0]["ended_year"] is None
    assert "provide basic support to patients" in {s["label"] for s in found[0]["inferred_skills"]}


@pytest.mark.parametrize(
    "text",
    [
        "Opiskelen leipuri-kondiittoriksi, valmistun keväällä 2027.",
        "Haluan palata lastenhoitajaksi.",
        "Vill bli busschaufför.",
        "I would like to work as a cook.",
        "Studerar till närvårdare.",
    ],
)
def test_studies_and_wishes_are_no_work_history(client, text):
    assert rows(client, text) == []


def test_a_cv_of_several_lines_gives_each_job_once_in_its_order(client):
    cv = "Työhistoria:\n- Kokki lounasravintolassa 2010-2022\n- Siivooja 2022–2024\n- Kokki, Pori 2024–2025"
    found = rows(client, cv, "fi")
    # each job once, its spans on every line added up and its end the latest (tester 39b, Q2)
    assert [(r["label"], r["years"], r["ended_year"]) for r in found] == [
        (COOK, 13, 2025),
        (CLEANER, 2, 2024),
    ], found


def test_an_ad_gives_no_work_history_and_the_skills_are_the_same(client):
    text = "Kokki lounasravintolassa 2010-2022."
    ad = client.post(URL, json={"text": text, "lang": "fi"}, headers=COACH).get_json()
    cv = client.post(URL, json={"text": text, "lang": "fi", "context": "cv"}, headers=COACH).get_json()
    assert "work_history" not in ad and "named_work" not in ad
    assert ad["items"] == cv["items"]


def test_an_unknown_context_is_refused(client):
    r = client.post(URL, json={"text": "Kokki", "context": "resume"}, headers=COACH)
    assert r.status_code == 422
    assert "context" in str(r.get_json())
