"""Outside tester 26 (F9, F10) on the matching side: a vacancy with several work sites measures a
candidate's commute to the nearest site, a remote one is not limited by the commute, its salary is
shown (never ranked on), and a reopened vacancy is shortlisted again, idempotently."""

import pytest

from tests.api.matching_world import Clock, candidate, essential, matching_app, pid, vacancy
from tests.helpers import WELDER, auth

TEAM = auth("recruiter", "agency-a")  # sees every candidate who consented to agency-a, anywhere
SKILLS = essential(WELDER, 100)
HELSINKI, TAMPERE, ROVANIEMI = "091", "837", "698"


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    candidate(app, pid("tampere"), skills=SKILLS, municipality=TAMPERE, max_commute_km=20)
    candidate(app, pid("helsinki"), skills=SKILLS, municipality=HELSINKI, max_commute_km=20)
    candidate(app, pid("rovaniemi"), skills=SKILLS, municipality=ROVANIEMI, max_commute_km=20)
    return app


def shortlist(app, vacancy_id="v-weld"):
    r = app.test_client().get(f"/api/v1/vacancies/{vacancy_id}/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    return r.json


def listed(app, vacancy_id="v-weld"):
    return {e["candidate_id"]: e["distance_km"] for e in shortlist(app, vacancy_id)["entries"]}


def test_an_on_site_vacancy_at_one_site_reaches_only_those_who_commute_to_it(app):
    vacancy(app, "v-weld", municipality=TAMPERE)
    assert set(listed(app)) == {pid("tampere")}


def test_a_vacancy_with_a_second_site_measures_the_commute_to_the_nearest_site(app):
    vacancy(app, "v-weld", municipality=TAMPERE, other_municipalities=[HELSINKI])
    found = listed(app)
    assert set(found) == {pid("tampere"), pid("helsinki")}
    assert found[pid("helsinki")] == 0.0  # to the Helsinki site, not to Tampere
    body = shortlist(app)["vacancy"]
    assert (body["municipality"], body["other_municipalities"]) == (TAMPERE, [HELSINKI])


def test_a_remote_vacancy_finds_candidates_beyond_any_commute_and_shows_their_distance(app):
    vacancy(app, "v-weld", municipality=TAMPERE, work_mode="remote")
    found = listed(app)
    assert set(found) == {pid("tampere"), pid("helsinki"), pid("rovaniemi")}
    assert found[pid("rovaniemi")] > 300  # shown as measured, never a filter
    assert shortlist(app)["vacancy"]["work_mode"] == "remote"


def test_a_hybrid_vacancy_is_still_limited_by_the_commute(app):
    vacancy(app, "v-weld", municipality=TAMPERE, work_mode="hybrid")
    assert set(listed(app)) == {pid("tampere")}


def test_a_vacancy_turned_remote_by_an_update_reaches_further_and_back_again(app):
    vacancy(app, "v-weld", municipality=TAMPERE)
    vacancy(app, "v-weld", municipality=TAMPERE, version=2, work_mode="remote")
    assert len(listed(app)) == 3
    vacancy(app, "v-weld", municipality=TAMPERE, version=3, work_mode="on_site")
    assert set(listed(app)) == {pid("tampere")}


def test_the_salary_is_shown_and_does_not_change_the_ranking(app):
    vacancy(app, "v-plain", municipality=TAMPERE, work_mode="remote")
    salary = {
        "min": 2800.0,
        "max": 3400.0,
        "currency": "EUR",
        "period": "month",
        "collective_agreement": True,
    }
    vacancy(app, "v-paid", municipality=TAMPERE, work_mode="remote", salary=salary)
    paid, plain = shortlist(app, "v-paid"), shortlist(app, "v-plain")
    assert paid["vacancy"]["salary"] == salary and plain["vacancy"]["salary"] is None
    assert [(e["candidate_id"], e["score"]) for e in paid["entries"]] == [
        (e["candidate_id"], e["score"]) for e in plain["entries"]
    ]


def test_a_reopened_vacancy_is_shortlisted_again_and_a_replayed_close_does_not_close_it(app):
    vacancy(app, "v-weld", municipality=TAMPERE)
    vacancy(
        app,
        "v-weld",
        municipality=TAMPERE,
        version=2,
        status="closed",
        close_reason="filled",
        event_type="vacancy.closed",
    )
    assert shortlist(app)["entries"] == []
    reopened = {"reopened_at": "2026-11-24T09:00:00+00:00"}
    vacancy(app, "v-weld", municipality=TAMPERE, version=3, event_type="vacancy.reopened", **reopened)
    assert set(listed(app)) == {pid("tampere")}
    # at least once: the reopen again, and the close before it, change nothing
    vacancy(app, "v-weld", municipality=TAMPERE, version=3, event_type="vacancy.reopened", **reopened)
    vacancy(
        app,
        "v-weld",
        municipality=TAMPERE,
        version=2,
        status="closed",
        close_reason="filled",
        event_type="vacancy.closed",
    )
    body = shortlist(app)
    assert set(e["candidate_id"] for e in body["entries"]) == {pid("tampere")}
    assert body["vacancy"]["status"] == "open" and body["vacancy"]["version"] == 3


@pytest.mark.parametrize(
    "extra",
    [
        {"work_mode": "anywhere"},
        {"other_municipalities": ["999"]},
        {"other_municipalities": "091"},
        {"salary": {"min": "a lot", "period": "month"}},
        {"salary": {"min": 10, "period": "week"}},
        {"salary": {"min": 10, "period": "hour", "currency": "SEK"}},
    ],
)
def test_a_vacancy_event_with_a_site_mode_or_salary_outside_the_catalogue_is_dead_lettered(app, extra):
    from services.matching.index.events import vacancy_from_payload  # noqa: F401  (the reader refuses)
    from shared.messaging.consumer import PoisonMessageError

    with pytest.raises(PoisonMessageError):
        vacancy(app, "v-bad", municipality=TAMPERE, **extra)
    assert app.test_client().get("/api/v1/vacancies/v-bad/shortlist", headers=TEAM).status_code == 404
