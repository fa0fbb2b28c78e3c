"""POST /api/v1/skills/recognise with `context: cv`: the faults outside testers found in session 39
(helper `cvread40`; outside tester 39c, R3/R4/R7), each kind through the endpoint: the years on the
line below (or above) the title, a bare "Driver", everyday titles ESCO does not write as a CV does, a
bare end year after a month, and a row's alternative that was also a row. A coach accepts the rows into
the profile as they come. The readings themselves: tests/unit/matching/test_cv_read_cvread40.py."""

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


def recognised(client, text, context="cv", lang=None):
    body = {"text": text, "context": context} | ({"lang": lang} if lang else {})
    r = client.post(URL + "?lang=en", json=body, headers=COACH)  # (labels in English)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_the_years_on_the_line_below_or_above_the_title_make_its_row(client):
    text = "TYÖKOKEMUS\nBussinkuljettaja\n2015–2022 Koiviston Auto\nLähihoitaja, Kotihoito Oy\n03/2018 – nyt"
    body = recognised(client, text)
    assert [(w["label"], w["years"], w["ended_year"], w["ongoing"]) for w in body["named_work"]] == [
        ("bus driver", 7, 2022, False),
        ("healthcare assistant", 8.7, None, True),  # (to the clock's November 2026)
    ]
    assert body["named_work"][0]["source"] == "Bussinkuljettaja\n2015–2022 Koiviston Auto"
    assert [(w["years"], w["ended_year"]) for w in body["work_history"]] == [(7, 2022), (8.7, None)]
    above = recognised(client, "2015–2022\nBus driver, Helsinki City Transport")
    assert [(w["years"], w["ended_year"]) for w in above["work_history"]] == [(7, 2022)]


def test_a_bare_driver_is_a_road_driver_with_alternatives_never_a_hearse_driver(client):
    [row] = recognised(client, "Driver 2015-2020")["named_work"]
    assert row["label"] == "cargo vehicle driver"
    assert [a["label"] for a in row["alternatives"]] == [
        "bus driver",
        "car and van delivery driver",
        "taxi driver",
    ]
    assert recognised(client, "Supervisor 2015-2020")["named_work"] == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Työnjohtaja 2015-2020", "construction general supervisor"),
        ("Vuoromestari 2015-2020", "production supervisor"),
        ("Kassabiträde 2015-2020", "cashier"),
        ("Kassörska 2015-2020", "cashier"),
        ("Mansikanpoimija 2015-2020", "fruit and vegetable picker"),
        ("Strawberry picker 2015-2020", "fruit and vegetable picker"),
    ],
)
def test_everyday_titles_give_their_row(client, text, label):
    body = recognised(client, text)
    assert [(w["label"], w["years"], w["ended_year"]) for w in body["named_work"]] == [(label, 5, 2020)]
    assert len(body["work_history"]) == 1


def test_a_bare_end_year_after_a_month_counts_to_its_december(client):
    body = recognised(client, "Kokki 3/2015–2019\nTarjoilija 2020–8/2022")
    assert [(w["years"], w["ended_year"]) for w in body["work_history"]] == [(4.8, 2019), (2.7, 2022)]


def test_no_alternative_of_a_row_is_also_a_row(client):
    body = recognised(client, "Kuljettaja 2015-2020.\nLinja-autonkuljettaja 2012-2015.", lang="fi")
    rows = {w["occupation_uri"] for w in body["named_work"]}
    assert len(rows) == 2
    for w in body["named_work"]:
        assert not {a["occupation_uri"] for a in w["alternatives"]} & rows
