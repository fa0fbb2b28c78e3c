"""POST /api/v1/skills/recognise with `context: cv`: session 40's follow-ups (helper `cvnow40`), each
through the endpoint: a job told in the present tense or named as current is going on and the coach
is asked only for its years (outside tester 40, T40-6), the perfect with a duration is going on with
its years, the past is not; common one-word titles the bare-head rule had left unnamed ("teller",
"guide", "dispatcher"); a title after a heading of work and a colon ("Kesätyöt: mansikanpoimija
2014–2016"). The readings themselves: tests/unit/matching/test_cv_now_cvnow40.py."""

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


def read(body):
    return [(w["label"], w["years"], w["ongoing"], w["missing"]) for w in body["named_work"]]


@pytest.mark.parametrize(
    "text",
    [
        "Työskentelen kokkina lounasravintolassa.",
        "Olen töissä kokkina lounasravintolassa.",
        "Jag jobbar som kock på en lunchrestaurang.",
        "I work as a cook in a lunch restaurant.",
        "Nykyinen työ: kokki, lounasravintola.",
        "Tällä hetkellä kokkina lounasravintolassa.",
        "För närvarande kock på en lunchrestaurang.",
        "I am currently working as a cook.",
    ],
)
def test_a_job_in_the_present_tense_is_ongoing_and_misses_only_its_years(client, text):
    body = recognised(client, text)
    assert read(body) == [("cook", None, True, ["years"])]
    assert body["work_history"] == []  # (no years yet: the coach fills them in)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Olen työskennellyt kokkina ravintolassa viisi vuotta.", ("cook", 5, True, [])),
        ("I have worked as a cook for five years.", ("cook", 5, True, [])),
        ("Jag har jobbat som kock i fem år.", ("cook", 5, True, [])),
        ("Olen työskennellyt kokkina vuoteen 2015 asti.", ("cook", None, False, ["years"])),
        ("Työskentelin kokkina lounasravintolassa.", ("cook", None, False, ["years", "ended_year"])),
        ("Jobbade som kock på en lunchrestaurang.", ("cook", None, False, ["years", "ended_year"])),
        ("I worked as a cook in a lunch restaurant.", ("cook", None, False, ["years", "ended_year"])),
    ],
)
def test_the_perfect_with_a_duration_goes_on_the_past_and_the_perfect_with_an_end_do_not(
    client, text, expected
):
    assert read(recognised(client, text)) == [expected]


def test_a_perfect_with_a_duration_is_a_work_history_row_as_it_is(client):
    body = recognised(client, "Olen työskennellyt kokkina ravintolassa viisi vuotta.")
    assert [(w["years"], w["ended_year"]) for w in body["work_history"]] == [(5, None)]


@pytest.mark.parametrize(
    ("text", "label", "alternatives"),
    [
        ("Teller 2015-2020", "bank teller", []),
        ("Guide 2015-2020", "tourist guide", []),
        ("Dispatcher 2015-2020", "freight transport dispatcher", ["emergency medical dispatcher"]),
        ("Valmentaja 2015-2020", "sports coach", []),
        ("Ompelija 2015-2020", "sewing machine operator", ["dressmaker"]),
    ],
)
def test_a_common_one_word_title_gives_its_row(client, text, label, alternatives):
    [row] = recognised(client, text)["named_work"]
    assert (row["label"], [a["label"] for a in row["alternatives"]]) == (label, alternatives)
    assert (row["years"], row["ended_year"], row["missing"]) == (5, 2020, [])


def test_installer_and_broker_stay_unnamed(client):
    assert recognised(client, "Installer 2015-2020\nBroker 2015-2020")["named_work"] == []


def test_a_title_after_a_heading_of_work_and_a_colon_gives_its_row(client):
    body = recognised(
        client, "Kesätyöt: mansikanpoimija 2014–2016\nAjokortti: C\nSummer jobs: dishwasher 2017–2018"
    )
    assert [(w["label"], w["years"], w["ended_year"]) for w in body["named_work"]] == [
        ("fruit and vegetable picker", 2, 2016),
        ("kitchen porter", 1, 2018),
    ]
    assert body["named_work"][0]["source"] == "Kesätyöt: mansikanpoimija 2014–2016"
    assert [(w["years"], w["ended_year"]) for w in body["work_history"]] == [(2, 2016), (1, 2018)]


def test_an_ads_reading_of_a_present_tense_line_is_unchanged(client):
    # (outside `context: "cv"` no work is named: the title is the job hired for)
    assert recognised(client, "Työskentelet kokkina lounasravintolassa.", context="ad").get("named_work") in (
        None,
        [],
    )
