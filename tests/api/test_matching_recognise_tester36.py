"""POST /api/v1/skills/recognise with outside tester 36's ads (H2): the start time and the licence to
practise give no skill, the dental hygienist's and the pharmacist's duties are read as their trade's
skills (issue 12, session 36, helper `recog36`)."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

EMPLOYER = auth("employer", "konepaja-oy")
URL = "/api/v1/skills/recognise"

BAKERY = (
    "Leipuri-kondiittori aamuvuoroon leipomoon. Tehtäviisi kuuluu taikinoiden valmistus, leipien ja pullien "
    "leivonta sekä kakkujen koristelu. Hygieniapassi vaaditaan. Aloitat työt klo 4."
)
DENTAL_HYGIENIST = (
    "Dental hygienist wanted for a private clinic in Espoo. You will perform scaling and root planing, take "
    "dental X-rays and give patients oral hygiene instruction. Licence from Valvira required."
)
PHARMACY = (
    "Vi söker en farmaceut till vårt apotek i Vasa. Du expedierar recept, ger läkemedelsrådgivning till kunder "
    "och sköter kassan. Vi förutsätter farmaceutexamen och goda kunskaper i svenska och finska."
)


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def _post(client, text, lang):
    r = client.post(f"{URL}?lang={lang}", json={"text": text}, headers=EMPLOYER)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_the_start_time_gives_no_skill(client):
    body = _post(client, BAKERY, "fi")
    assert body["items"], body
    assert not [i for i in body["items"] if i["source"] == "Aloitat työt klo 4."], body


def test_the_licence_to_practise_gives_no_licensing_skill(client):
    body = _post(client, DENTAL_HYGIENIST, "en")
    labels = {i["label"] for i in body["items"]}
    assert "remove calculus, plaque and stains" in labels, body
    assert not any("licen" in label for label in labels), body
    assert not [i for i in body["items"] if i["source"] == "Licence from Valvira required."], body


def test_a_pharmacy_dispenses_and_advises_and_does_not_prescribe(client):
    body = _post(client, PHARMACY, "sv")
    labels = {i["label"] for i in body["items"] if not i.get("below_line")}
    assert {"dispense medicines", "provide pharmaceutical advice"} <= labels, body
    assert "prescribe medication" not in labels, body
    assert not any("chemistry" in label or "test pharmaceutical" in label for label in labels), body
