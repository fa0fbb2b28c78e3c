"""Outside tester 31, F10: more than two jobs at once are accepted with a warning, not refused.

`t31-att-concurrent` (cook, bus driver, child care worker and chef, each ten years and current) was
accepted without a word. Two part-time jobs are real, so neither is refused; more than two
overlapping spells get a `warnings` entry (`jobs_at_once`, field `work_history`) in the coach's
language. Matching counts their shared years at a fraction (`vectors.overlap_shares`)."""

import pytest

from tests.helpers import COOK, HEALTHCARE_ASSISTANT, WELDER, auth, profile_body

COACH = auth("coach", "tampere-tyollisyys")
CURRENT = lambda uri, years=10: {"occupation_uri": uri, "years": years}  # noqa: E731


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "Jobs 1, 2, 3 of the work history overlap"),
        ("fi", "Työhistorian työt 1, 2, 3"),
        ("sv", "Jobben 1, 2, 3"),
    ],
)
def test_three_current_jobs_are_stored_with_a_warning_naming_the_field(profile_app, lang, start):
    body = profile_body(work_history=[CURRENT(COOK), CURRENT(WELDER), CURRENT(HEALTHCARE_ASSISTANT)])
    headers = {**COACH, "Accept-Language": lang} if lang != "en" else COACH
    r = profile_app.test_client().put("/api/v1/profiles/p-at-once", json=body, headers=headers)
    assert r.status_code == 201, r.json
    assert len(r.json["work_history"]) == 3
    [warning] = r.json["warnings"]
    assert warning["code"] == "jobs_at_once" and warning["field"] == "work_history"
    assert warning["message"].startswith(start), warning


@pytest.mark.parametrize(
    "history",
    [
        [CURRENT(COOK, 4), CURRENT(WELDER, 4)],  # two part-time jobs
        # a career: cook to 2018, welder since, a short overlap at the change, healthcare beside it
        [
            {"occupation_uri": COOK, "years": 10, "ended_year": 2018},
            CURRENT(WELDER, 9),
            CURRENT(HEALTHCARE_ASSISTANT, 2),
        ],
        [],
    ],
)
def test_two_jobs_at_once_and_careers_get_no_warning(profile_app, history):
    body = profile_body(work_history=history)
    r = profile_app.test_client().put("/api/v1/profiles/p-career", json=body, headers=COACH)
    assert r.status_code == 201, r.json
    assert r.json["warnings"] == []


# Outside tester 32: a spell of 60 years, or one that started in 1945, was stored without a word.
@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "Jobs 1 of the work history are longer than 50 years or started before"),
        ("fi", "Työhistorian työt 1 ovat pidempiä kuin 50 vuotta"),
        ("sv", "Jobben 1 i arbetshistoriken är längre än 50 år"),
    ],
)
@pytest.mark.parametrize(
    "odd",
    [
        {"occupation_uri": WELDER, "years": 60, "ended_year": 2016},  # sixty years
        {"occupation_uri": WELDER, "years": 10, "ended_year": 1955},  # started in 1945
    ],
)
def test_a_spell_no_working_life_holds_is_stored_with_a_warning(profile_app, lang, start, odd):
    body = profile_body(work_history=[odd])  # alone: the years of a history add up to 60 at most
    headers = {**COACH, "Accept-Language": lang} if lang != "en" else COACH
    r = profile_app.test_client().put("/api/v1/profiles/p-odd", json=body, headers=headers)
    assert r.status_code == 201, r.json
    assert len(r.json["work_history"]) == 1
    [warning] = r.json["warnings"]
    assert warning["code"] == "implausible_spell" and warning["field"] == "work_history"
    assert warning["message"].startswith(start), warning


def test_a_long_career_gets_no_implausible_spell_warning(profile_app):
    """Forty years in one trade, or a first job 45 years ago, are careers."""
    history = [{"occupation_uri": WELDER, "years": 40, "ended_year": 2020}, CURRENT(COOK, 5)]
    r = profile_app.test_client().put(
        "/api/v1/profiles/p-long", json=profile_body(work_history=history), headers=COACH
    )
    assert r.status_code == 201, r.json
    assert r.json["warnings"] == []
