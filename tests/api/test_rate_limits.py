"""Per-caller rate limits (issue 8, item 10): 429 with Retry-After in the JSON error shape."""

import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from shared.config import RateLimitSettings
from shared.db import make_engine
from shared.ratelimit import SqlStorage
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import PSEUDONYM_KEY, auth, common_settings, profile_body

LOW = RateLimitSettings(write="3 per minute", contact_lookup="10 per minute", login="2 per minute")


def profile_app_with(database_url, limits=LOW):
    common = common_settings("profile", database_url).model_copy(update={"rate_limits": limits})
    return create_profile_app(ProfileSettings(common=common, pseudonym_key=PSEUDONYM_KEY), testing=True)


def test_writes_over_the_limit_get_429_with_retry_after_per_caller(database_url):
    app = profile_app_with(database_url)
    client = app.test_client()
    coach = auth("coach", "tampere-tyollisyys")
    answers = [client.put(f"/api/v1/profiles/p{i}", json=profile_body(), headers=coach) for i in range(4)]
    assert [r.status_code for r in answers] == [201, 201, 201, 429]
    # "Retry-After" only on the refusal (an outside tester saw it on ordinary answers)
    assert all("Retry-After" not in r.headers for r in answers[:3])
    refused = answers[-1]
    assert set(refused.json) == {"code", "status", "message", "errors"} and refused.json["code"] == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Limit"] == "3"
    # Another caller has its own budget.
    other = auth("coach", "vaasa-tyollisyys")
    assert client.put("/api/v1/profiles/p1", json=profile_body(), headers=other).status_code == 201


def test_reads_are_not_counted_as_writes(database_url):
    client = profile_app_with(database_url).test_client()
    coach = auth("coach", "tampere-tyollisyys")
    client.put("/api/v1/profiles/p1", json=profile_body(), headers=coach)
    assert all(client.get("/api/v1/profiles/p1", headers=coach).status_code == 200 for _ in range(6))


def test_a_lookup_of_many_ids_costs_as_many_hits_as_ids(database_url):
    client = profile_app_with(database_url).test_client()
    recruiter = auth("recruiter", "agency-a")

    def lookup(*ids):
        return client.post("/api/v1/contacts/lookup", json={"candidate_ids": list(ids)}, headers=recruiter)

    assert lookup(*(f"c-{i:024x}" for i in range(8))).status_code == 200  # 8 of 10
    assert lookup(f"c-{1:024x}", f"c-{1:024x}", f"c-{2:024x}").status_code == 200  # 2 distinct ids: 10 of 10
    r = lookup(f"c-{3:024x}")
    assert r.status_code == 429 and "Retry-After" in r.headers
    # A different recruiter of the same organisation has a budget of its own.
    assert (
        client.post(
            "/api/v1/contacts/lookup",
            json={"candidate_ids": [f"c-{1:024x}"]},
            headers=auth("recruiter", "agency-a", "bob"),
        ).status_code
        == 200
    )


def test_a_refused_lookup_is_not_charged_and_an_over_long_one_is_a_422_not_a_429(database_url):
    """An outside tester sent 1,001 ids (500 allowed): a 429 that no retry could pass, and the quota
    gone for the meeting page's own look-ups."""
    limits = RateLimitSettings(write="3 per minute", contact_lookup="500 per minute", login="2 per minute")
    client = profile_app_with(database_url, limits).test_client()
    recruiter = auth("recruiter", "agency-a")

    def lookup(n, start=0):
        ids = [f"c-{i:024x}" for i in range(start, start + n)]
        return client.post("/api/v1/contacts/lookup", json={"candidate_ids": ids}, headers=recruiter)

    for _ in range(3):
        r = lookup(1001)
        assert r.status_code == 422 and "candidate_ids" in r.json["errors"]["json"], r.json
    assert lookup(500).status_code == 200  # nothing was charged for the refused ones
    assert lookup(1, start=900).status_code == 429


def test_unauthenticated_floods_are_limited_by_address(database_url):
    client = profile_app_with(database_url).test_client()
    codes = [client.put("/api/v1/profiles/p1", json=profile_body()).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_the_counters_are_shared_by_every_worker_through_the_database(database_url):
    """Two apps on one database stand for two gunicorn workers: one budget."""
    first, second = profile_app_with(database_url), profile_app_with(database_url)
    coach = auth("coach", "tampere-tyollisyys")
    codes = [
        app.test_client().put(f"/api/v1/profiles/p{i}", json=profile_body(), headers=coach).status_code
        for i, app in enumerate([first, second, first, second])
    ]
    assert codes == [201, 201, 201, 429]


def test_every_write_endpoint_of_the_vacancy_service_is_limited(database_url):
    common = common_settings("vacancy", database_url).model_copy(update={"rate_limits": LOW})
    client = create_vacancy_app(VacancySettings(common=common), testing=True).test_client()
    employer = auth("employer", "konepaja-oy")
    codes = [
        client.post("/api/v1/vacancies", json=vacancy_body(), headers=employer).status_code for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_the_sql_storage_counts_in_fixed_windows(tmp_path):
    storage = SqlStorage(engine=make_engine(f"sqlite:///{tmp_path / 'limits.db'}"))
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("k") == 3 and storage.get("other") == 0
    assert storage.incr("short", 0) == 1 and storage.incr("short", 0) == 1  # expired: a new window
    storage.clear("k")
    assert storage.get("k") == 0


@pytest.mark.parametrize("disabled", [RateLimitSettings(enabled=False)])
def test_limits_can_be_switched_off(database_url, disabled):
    client = profile_app_with(database_url, disabled).test_client()
    coach = auth("coach", "tampere-tyollisyys")
    codes = {
        client.put(f"/api/v1/profiles/p{i}", json=profile_body(), headers=coach).status_code for i in range(5)
    }
    assert codes == {201}
