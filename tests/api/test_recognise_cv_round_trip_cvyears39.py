"""The round trip a coach's client makes (issue 12, helper `cvyears39`): the `work_history` rows
`POST /api/v1/skills/recognise` returns for a CV (`context: cv`) go to the profile API as they are,
and the profile stores them unedited; the occupations named without a complete period are shown in
`named_work` with what to ask, never as a row the profile would refuse or read wrongly."""

from datetime import UTC, datetime

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth, profile_body

COACH = auth("coach", "tampere-tyollisyys")
RECOGNISE = "/api/v1/skills/recognise"

CV = "\n".join(
    [
        "Työhistoria:",
        "- Kokki lounasravintolassa 3/2015–8/2019 (osa-aikainen)",
        "- Siivooja kauppakeskuksessa vuoteen 2012 asti",
        "- Lastenhoitaja päiväkodissa 2019–2020, 2022–nyt",
        "- Hitsaaja konepajassa kolme vuotta",
        "- Myyjä 2021–2035",
    ]
)
"""A CV whose lines give periods of every kind: months, an end alone, two spans to now, a duration
alone, and an end after this year (a fixed term still running)."""


@pytest.fixture
def now():
    return datetime.now(UTC)


def recognised(database_url, text, now, lang=None):
    client = matching_app(database_url, Clock(now)).test_client()
    body = {"text": text, "context": "cv"} | ({"lang": lang} if lang else {})
    r = client.post(RECOGNISE + "?lang=en", json=body, headers=COACH)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_the_rows_recognise_returns_are_a_profiles_work_history_as_they_are(database_url, profile_app, now):
    answer = recognised(database_url, CV, now, "fi")
    rows = answer["work_history"]
    named = {n["label"]: n for n in answer["named_work"]}
    assert {label for label, n in named.items() if n["in_work_history"]} == {
        "cook",
        "child care worker",
        "sales assistant",
    }, answer["named_work"]
    # exactly the profile's fields, nothing to remove
    assert all(set(row) == {"occupation_uri", "years", "ended_year"} for row in rows), rows
    # no row says a job ended in a year not yet over, nor before it began
    assert all(row["ended_year"] is None or row["ended_year"] <= now.year for row in rows), rows
    assert named["cook"]["years"] == 4.5 and named["cook"]["ended_year"] == 2019
    assert named["sales assistant"]["ended_year"] is None and named["sales assistant"]["ongoing"]
    assert (
        named["child care worker"]["ongoing"] and named["child care worker"]["years"] == 1 + now.year - 2022
    )

    r = profile_app.test_client().put(
        "/api/v1/profiles/cv-round-trip", json=profile_body(work_history=rows), headers=COACH
    )
    assert r.status_code in (200, 201), r.get_json()
    stored = profile_app.test_client().get("/api/v1/profiles/cv-round-trip", headers=COACH).get_json()
    key = lambda row: (row["occupation_uri"], float(row["years"]), row["ended_year"])  # noqa: E731
    assert sorted(map(key, stored["work_history"])) == sorted(map(key, rows))


def test_an_occupation_named_without_a_complete_period_is_shown_with_what_to_ask(database_url, now):
    answer = recognised(database_url, CV, now, "fi")
    named = {n["label"]: n for n in answer["named_work"]}
    in_rows = {row["occupation_uri"] for row in answer["work_history"]}
    cleaner = next(n for label, n in named.items() if "cleaner" in label)
    # "vuoteen 2012 asti" is until 2012, not 2012 to now
    assert (cleaner["years"], cleaner["ended_year"], cleaner["ongoing"]) == (None, 2012, False)
    assert cleaner["missing"] == ["years"] and not cleaner["in_work_history"]
    welder = named["welder"]
    assert (welder["years"], welder["missing"], welder["in_work_history"]) == (3, ["ended_year"], False)
    assert cleaner["occupation_uri"] not in in_rows and welder["occupation_uri"] not in in_rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kock på lunchrestaurang sedan 2019.", "sv"),
        ("Cook at a lunch restaurant since 2019.", "en"),
        ("Kokki lounasravintolassa vuodesta 2019.", "fi"),
    ],
)
def test_a_job_since_a_year_is_a_current_row_in_every_language(database_url, now, text, lang):
    rows = recognised(database_url, text, now, lang)["work_history"]
    assert rows and rows[0]["ended_year"] is None and rows[0]["years"] == now.year - 2019, rows
