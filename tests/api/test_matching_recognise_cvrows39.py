"""POST /api/v1/skills/recognise with `context: cv`: one work-history row per job a line names, the
others its title names as truly as the row's `alternatives`, and no skill of recruiting from the
person's own job line (issue 12, session 39, helper `cvrows39`; outside tester 39, P1, P4, P7). A coach
accepts the rows into the profile as they come: four driver rows for one bus driver's job read as four
jobs at once. The readings themselves are tested in tests/unit/matching/test_cv_rows_cvrows39.py."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"
CV = (  # tester 39's career changer
    "Työkokemus:\nLinja-autonkuljettaja, Tampereen Seudun Joukkoliikenne 2019–\n"
    "Varastotyöntekijä Logistiikka Oy:ssä 2008–2015.\nKokki lounasravintolassa 2005–2007.\n"
    "Koulutus: Ammattikuljettajan perustutkinto 2018. C-ajokortti ja ammattipätevyys."
)


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def recognised(client, text, context="cv", lang=None):
    body = {"text": text, "context": context} | ({"lang": lang} if lang else {})
    r = client.post(URL + "?lang=fi", json=body, headers=COACH)  # (labels in Finnish)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_a_cv_gives_one_row_per_job_and_no_skill_of_recruiting_its_own_workers(client):
    body = recognised(client, CV)
    assert [(w["label"], w["alternatives"]) for w in body["named_work"]] == [
        ("linja-autonkuljettaja", []),
        ("varastotyöntekijä", []),
        ("kokki", []),
    ]
    labels = [i["label"] for i in body["items"]]
    assert "rekrytoida linja-autonkuljettajia" not in labels
    assert "ohjata linja-autoa" in labels
    # the same text as an ad's keeps the ad's reading (items of other contexts unchanged)
    assert "rekrytoida linja-autonkuljettajia" in [i["label"] for i in recognised(client, CV, "ad")["items"]]


def test_a_shared_title_is_one_row_with_its_alternatives_labelled(client):
    [row] = recognised(client, "Kuljettaja 2015-2020.", lang="fi")["named_work"]
    assert row["label"] == "tavaraliikenteen kuljettaja"
    assert [a["label"] for a in row["alternatives"]] == [
        "linja-autonkuljettaja",
        "lähettiautonkuljettaja",
        "taksinkuljettaja",
    ]
    assert all(
        a["occupation_uri"].startswith("http://data.europa.eu/esco/occupation/") for a in row["alternatives"]
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Deltid som butikssäljare 2023-2026.", "myyjä"),
        ("Cleaner at Lassila & Tikanoja 2020-2024.", "laitossiivooja"),
        ("Truck driver 2015–2020.", "tavaraliikenteen kuljettaja"),
    ],
)
def test_everyday_titles_give_their_row_with_the_language_left_out(client, text, label):
    assert [w["label"] for w in recognised(client, text)["named_work"]] == [label]
