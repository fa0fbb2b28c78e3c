"""``Idempotency-Key`` on the POSTs that create something (outside tester 36, H7): the same vacancy
POSTed twice with ``Idempotency-Key: abc-123`` gave two vacancies, and an outcome POSTed twice stored two
outcomes, both then shown at the weekly meeting. A retry with the key gets the first answer and writes
and publishes nothing again; the key with another body is a 422; keys are per organisation and kept
24 hours; without a key a POST is what it was."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from services.matching.team.repository import outbox as matching_outbox
from services.matching.team.repository import outcomes
from services.vacancy.repository import idempotency_keys, outbox, vacancies
from shared.idempotency import EXTENSION, KEY_TTL
from tests.api.matching_world import welders_world
from tests.api.vacancy_bodies import valid
from tests.helpers import at_once, auth, row_count

EMPLOYER = auth("employer", "konepaja-oy")
OTHER_EMPLOYER = auth("employer", "hervannan-konepaja-oy")
RECRUITER = auth("recruiter", "agency-a")
KEY = {"Idempotency-Key": "abc-123"}
URL = "/api/v1/vacancies"


def events(app) -> list[str]:
    """The event types in matching's outbox, in order (`access.granted` rows audit the outcome's write)."""
    with app.extensions["kohtaanto.engine"].connect() as conn:
        query = select(matching_outbox.c.event_type).order_by(matching_outbox.c.id)
        return list(conn.execute(query).scalars())


def test_a_vacancy_posted_twice_with_one_key_is_one_vacancy_and_one_event(vacancy_app):
    """The tester's retry: both 201 with the same id, one vacancy, one event in the outbox."""
    client = vacancy_app.test_client()
    first = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    again = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    assert first.status_code == again.status_code == 201, (first.json, again.json)
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert (row_count(vacancy_app, vacancies), row_count(vacancy_app, outbox)) == (1, 1)


def test_the_same_body_written_otherwise_is_the_same_request(vacancy_app):
    """JSON compared as parsed: another key order or spacing is a retry, not a new request."""
    client = vacancy_app.test_client()
    first = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    reordered = dict(reversed(list(valid().items())))
    again = client.post(URL, json=reordered, headers={**EMPLOYER, **KEY})
    assert again.status_code == 201 and again.json["id"] == first.json["id"]
    assert row_count(vacancy_app, vacancies) == 1


@pytest.mark.parametrize(
    ("change", "headers"),
    [
        ({"title": "Levyseppä"}, {}),  # another body
        ({}, {"Accept-Language": "fi"}),  # (the same body: not a conflict, see below)
    ],
)
def test_a_key_reused_for_another_body_is_a_422_and_writes_nothing(vacancy_app, change, headers):
    client = vacancy_app.test_client()
    client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    r = client.post(URL, json=valid(**change), headers={**EMPLOYER, **KEY, **headers})
    if not change:
        assert r.status_code == 201 and r.headers["Idempotent-Replayed"] == "true"
        return
    assert r.status_code == 422, r.json
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert "Idempotency-Key" in r.json["errors"]["headers"]
    assert (row_count(vacancy_app, vacancies), row_count(vacancy_app, outbox)) == (1, 1)


def test_keys_are_per_organisation(vacancy_app):
    client = vacancy_app.test_client()
    mine = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    theirs = client.post(URL, json=valid(), headers={**OTHER_EMPLOYER, **KEY})
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs.headers
    assert theirs.json["id"] != mine.json["id"] and theirs.json["employer_org"] == "hervannan-konepaja-oy"


def test_simultaneous_retries_with_one_key_create_one_vacancy(vacancy_app):
    """A client that retries before the first answer came: one runs, the others wait and replay it."""
    answers = at_once(
        vacancy_app, 4, lambda client, _: client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    )
    assert {r.status_code for r in answers} == {201}, [r.json for r in answers]
    assert len({r.json["id"] for r in answers}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in answers) == 3
    assert (row_count(vacancy_app, vacancies), row_count(vacancy_app, outbox)) == (1, 1)


def test_without_a_key_each_post_creates_as_before(vacancy_app):
    client = vacancy_app.test_client()
    ids = {client.post(URL, json=valid(), headers=EMPLOYER).json["id"] for _ in range(2)}
    assert len(ids) == 2 and row_count(vacancy_app, idempotency_keys) == 0


def test_a_refused_request_stores_nothing_and_its_retry_runs_again(vacancy_app):
    """A 422 wrote nothing, so its key is free: the corrected request with the same key is answered."""
    client = vacancy_app.test_client()
    bad = client.post(URL, json=valid(openings=0), headers={**EMPLOYER, **KEY})
    assert bad.status_code == 422 and row_count(vacancy_app, idempotency_keys) == 0
    good = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    assert good.status_code == 201 and "Idempotent-Replayed" not in good.headers


@pytest.mark.parametrize("key", ["", " " * 3, "ä-avain", "x" * 256, "a b"])
def test_a_malformed_key_is_a_422_naming_the_header(vacancy_app, key):
    r = vacancy_app.test_client().post(URL, json=valid(), headers={**EMPLOYER, "Idempotency-Key": key})
    assert r.status_code == 422 and "Idempotency-Key" in r.json["errors"]["headers"], r.json
    assert row_count(vacancy_app, vacancies) == 0


def test_a_key_expires_after_24_hours_and_is_purged_when_the_next_key_is_stored(vacancy_app):
    client = vacancy_app.test_client()
    store = vacancy_app.extensions[EXTENSION]
    first = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    stored_at = store.now()
    store.now = lambda: stored_at + KEY_TTL + timedelta(seconds=1)
    later = client.post(URL, json=valid(), headers={**EMPLOYER, **KEY})
    assert later.status_code == 201 and later.json["id"] != first.json["id"]
    assert "Idempotent-Replayed" not in later.headers
    assert row_count(vacancy_app, idempotency_keys) == 1, "the expired key's row is gone"


# -- outcomes (matching) -----------------------------------------------------------------------------
@pytest.fixture
def team_app(database_url):
    return welders_world(database_url)


def test_an_outcome_posted_twice_with_one_key_is_stored_and_published_once(team_app):
    client = team_app.test_client()
    outcome = {
        "candidate_id": team_app.candidate_ids[0],
        "status": "proposed",
        "comment": "Soitetaan maanantaina.",
    }
    path = "/api/v1/vacancies/v-weld/outcomes"
    first = client.post(path, json=outcome, headers={**RECRUITER, **KEY})
    again = client.post(path, json=outcome, headers={**RECRUITER, **KEY})
    assert first.status_code == again.status_code == 201, (first.json, again.json)
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert row_count(team_app, outcomes) == 1
    rows = events(team_app)
    assert rows.count("outcome.recorded") == 1, rows
    # the replay sends the answer naming the candidate again: an access of its own, audited (privacy36, H8)
    assert rows.count("access.granted") == 2, rows
    listed = client.get(path, headers=RECRUITER).json["items"]
    assert len(listed) == 1
    other = client.post(path, json={**outcome, "status": "contacted"}, headers={**RECRUITER, **KEY})
    assert other.status_code == 422 and "Idempotency-Key" in other.json["errors"]["headers"]
    assert row_count(team_app, outcomes) == 1


def openapi_parameters(app, path):
    spec = app.test_client().get("/openapi.json").get_json()
    return [p.get("name") for p in spec["paths"][path]["post"].get("parameters", [])]


def test_the_openapi_document_names_the_header_on_the_creating_posts(vacancy_app):
    assert "Idempotency-Key" in openapi_parameters(vacancy_app, "/api/v1/vacancies")


def test_the_openapi_document_names_the_header_on_the_outcome_post(team_app):
    assert "Idempotency-Key" in openapi_parameters(team_app, "/api/v1/vacancies/{vacancy_id}/outcomes")


def test_a_withdrawn_jobseekers_outcome_answer_is_erased_with_the_outcome(team_app):
    """The stored answer holds the outcome's comment: erasure reaches it as it reaches the outcome."""
    from services.matching.team.events import ERASURE_CONSUMER
    from services.matching.team.repository import idempotency_keys as matching_keys
    from shared.messaging.consumer import Record
    from tests.api.matching_world import CANDIDATES, apply

    client = team_app.test_client()
    gone, kept = team_app.candidate_ids[:2]
    for n, candidate in enumerate((gone, kept)):
        body = {"candidate_id": candidate, "status": "proposed", "comment": "Soitetaan maanantaina."}
        r = client.post(
            "/api/v1/vacancies/v-weld/outcomes", json=body, headers={**RECRUITER, "Idempotency-Key": f"k{n}"}
        )
        assert r.status_code == 201, r.json
    apply(team_app, CANDIDATES, gone, None, None)
    ERASURE_CONSUMER.dispatcher(team_app.extensions["kohtaanto.matching.team"].uow_factory)(
        Record(CANDIDATES, 0, 9, gone, None)
    )
    with team_app.extensions["kohtaanto.engine"].connect() as conn:
        bodies = conn.execute(select(matching_keys.c.body)).scalars().all()
    assert len(bodies) == 1 and kept in bodies[0] and gone not in bodies[0]


# -- a creating POST of the profile service ------------------------------------------------------------
def test_a_service_path_opened_twice_with_one_key_is_one_path_and_one_event(profile_app):
    from datetime import UTC, datetime

    from services.profile.paths.repository import service_paths
    from services.profile.repository import outbox as profile_outbox
    from tests.helpers import profile_body

    monday = datetime(2026, 11, 30, 9, tzinfo=UTC)
    profile_app.extensions["kohtaanto.profile.paths"].clock = lambda: monday
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: monday
    coach = auth("coach", "tampere-tyollisyys")
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/asiakas-1", json=profile_body(), headers=coach).status_code == 201
    body = {
        "group": "long_term_unemployed",
        "first_step": {
            "kind": "coaching",
            "org": "tampere-tyollisyys",
            "person": "coach@tampere-tyollisyys",
            "starts_on": "2026-11-02",
            "planned_end": "2026-12-18",
        },
    }
    first = client.post("/api/v1/profiles/asiakas-1/path", json=body, headers={**coach, **KEY})
    assert first.status_code == 201, first.json
    events = row_count(profile_app, profile_outbox)
    again = client.post("/api/v1/profiles/asiakas-1/path", json=body, headers={**coach, **KEY})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert row_count(profile_app, service_paths) == 1
    assert row_count(profile_app, profile_outbox) == events, "nothing published again"
    without_key = client.post("/api/v1/profiles/asiakas-1/path", json=body, headers=coach)
    assert without_key.status_code == 409, "without a key a second path is refused, as before"
    # the jobseeker withdrawn: the answer naming them is erased with the rest
    from services.profile.repository import idempotency_keys as profile_keys

    assert client.delete("/api/v1/profiles/asiakas-1", headers=coach).status_code in (200, 204)
    assert row_count(profile_app, profile_keys) == 0
