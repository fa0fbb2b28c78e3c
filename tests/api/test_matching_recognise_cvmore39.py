"""POST /api/v1/skills/recognise with `context: cv`: the kinds outside tester 39c found (helper
`cvmore39`), as the coach's answer shows them. The readings themselves are tested in
tests/unit/matching/test_cv_kinds_cvmore39.py."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def rows(client, text):
    r = client.post(URL + "?lang=en", json={"text": text, "context": "cv"}, headers=COACH)
    assert r.status_code == 200, r.get_json()
    a = r.get_json()
    label = {n["occupation_uri"]: n["label"] for n in a["named_work"]}
    return [(label[w["occupation_uri"]], w["years"], w["ended_year"]) for w in a["work_history"]]


@pytest.mark.parametrize(
    "text",
    ["Bus driver 2019–pres.", "2019–pres.  Bus driver, Nysse", "Linja-autonkuljettaja 2019–nyk."],
)
def test_the_current_job_written_with_an_abbreviated_end_is_a_row_running_to_today(client, text):
    [(label, years, ended)] = rows(client, text)
    assert label == "bus driver"
    assert ended is None and years >= 7  # (ended_year null: open to today)


@pytest.mark.parametrize(
    "text",
    [
        "Kokki 2010–2020 (hoitovapaalla 2014–2016)",
        "Cook 2010–2020 (parental leave 2014–2016)",
        "Kock 2010–2020 (föräldraledig 2014–2016)",
    ],
)
def test_a_leave_inside_a_jobs_span_is_not_counted_as_work(client, text):
    assert rows(client, text) == [("cook", 8, 2020)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K-Market Hervanta, kassamyyjä 2010–2014", [("sales assistant", 4, 2014)]),
        ("Lidl – kassamyyjä 2015–2018", [("sales assistant", 3, 2018)]),
        ("Sep 2012 – May 2014 Cook, Amica", [("cook", 1.8, 2014)]),
        ("September 2012 – May 2014 Cook", [("cook", 1.8, 2014)]),
    ],
)
def test_a_title_after_an_employer_or_a_period_is_read_as_at_the_lines_opening(client, text, expected):
    assert rows(client, text) == expected
