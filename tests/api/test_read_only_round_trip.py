"""Outside tester 23, S6: a profile read with GET could not be PUT back as it was: six read-only fields
(id, candidate_id, coach_org, version, created_at, updated_at) had to be removed first, and likewise a
vacancy's. Now a body read with GET goes back as it is (200, nothing new, no event) or with one
writable field edited (stored, a new version); the body's version stands for If-Match; a read-only
field with another value than the stored one is a 422 naming the field, and nothing changes. Over the
API tests' databases (SQLite and PostgreSQL)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from services.profile.repository import outbox as profile_outbox
from services.vacancy.repository import outbox as vacancy_outbox
from tests.api.vacancy_bodies import EMPLOYER
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import auth, profile_body

COACH = auth("coach", "tampere-tyollisyys")
MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)


def count(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def without_etag(body):
    """A write's response without what only a write says: its ``notices`` and (profiles, since
    session 32) its ``warnings`` for the coach (`services.profile.api.warnings_of`)."""
    return {k: v for k, v in body.items() if k not in ("notices", "warnings")}


# -- profiles ----------------------------------------------------------------------------------------
@pytest.fixture
def client(profile_app):
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: MONDAY
    client = profile_app.test_client()
    created = client.put("/api/v1/profiles/s6-roundtrip", json=profile_body(), headers=COACH)
    assert created.status_code == 201, created.json
    return client


def read_profile(client):
    r = client.get("/api/v1/profiles/s6-roundtrip", headers=COACH)
    assert r.status_code == 200, r.json
    return r.json


def test_a_profile_read_with_get_goes_back_unchanged_as_a_no_op(client, profile_app):
    read = read_profile(client)
    assert {"id", "candidate_id", "coach_org", "version", "created_at", "updated_at"} <= read.keys()
    events = count(profile_app, profile_outbox)
    for headers in (COACH, {**COACH, "If-Match": '"1"'}):
        r = client.put("/api/v1/profiles/s6-roundtrip", json=read, headers=headers)
        assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
        assert without_etag(r.json) == read
    assert count(profile_app, profile_outbox) == events


def test_a_profile_read_with_get_and_edited_is_stored_its_version_standing_for_if_match(client, profile_app):
    read = read_profile(client)
    events = count(profile_app, profile_outbox)
    edited = {**read, "max_commute_km": 55}
    r = client.put("/api/v1/profiles/s6-roundtrip", json=edited, headers=COACH)  # no If-Match: the body's
    assert r.status_code == 200 and r.headers["ETag"] == '"2"', r.json
    assert read_profile(client)["max_commute_km"] == 55
    assert count(profile_app, profile_outbox) == events + 1
    # the same with If-Match, from the new read
    again = {**read_profile(client), "working_time": "part_time"}
    r = client.put("/api/v1/profiles/s6-roundtrip", json=again, headers={**COACH, "If-Match": '"2"'})
    assert r.status_code == 200 and r.headers["ETag"] == '"3"', r.json
    assert read_profile(client)["working_time"] == "part_time"


def test_a_stale_read_sent_back_is_a_412_and_a_version_other_than_if_match_too(client):
    read = read_profile(client)
    assert (
        client.put(
            "/api/v1/profiles/s6-roundtrip", json={**read, "max_commute_km": 50}, headers=COACH
        ).status_code
        == 200
    )
    # a colleague's read of version 1, edited: the body's version is stale
    stale = client.put("/api/v1/profiles/s6-roundtrip", json={**read, "municipality": "837"}, headers=COACH)
    assert stale.status_code == 412, stale.json
    current = read_profile(client)
    both = client.put(
        "/api/v1/profiles/s6-roundtrip", json={**current, "version": 1}, headers={**COACH, "If-Match": '"2"'}
    )
    assert both.status_code == 412, both.json
    # If-Match: * replaces any version, but the body still says which one was read
    star = client.put(
        "/api/v1/profiles/s6-roundtrip", json={**current, "version": 1}, headers={**COACH, "If-Match": "*"}
    )
    assert star.status_code == 412, star.json
    assert read_profile(client) == current


def test_a_profile_id_in_another_letter_case_and_a_timestamp_in_another_offset_are_as_read(client):
    read = read_profile(client)
    stored = datetime.fromisoformat(read["created_at"])
    helsinki_form = stored.astimezone(datetime.fromisoformat("2026-01-01T00:00:00+02:00").tzinfo).isoformat()
    same = {**read, "id": "S6-RoundTrip", "created_at": helsinki_form}
    r = client.put("/api/v1/profiles/s6-roundtrip", json=same, headers=COACH)
    assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "someone-else"),
        ("candidate_id", "c-000000000000000000000000"),
        ("coach_org", "agency-a"),
        ("created_at", "2020-01-01T00:00:00+00:00"),
        ("updated_at", "2026-12-01T00:00:00Z"),
    ],
)
def test_changing_a_read_only_profile_field_is_a_422_naming_it_and_nothing_changes(
    client, profile_app, field, value
):
    read = read_profile(client)
    events = count(profile_app, profile_outbox)
    for body in ({**read, field: value}, {**read, field: value, "max_commute_km": 12}):
        r = client.put("/api/v1/profiles/s6-roundtrip", json=body, headers={**COACH, "If-Match": '"1"'})
        assert r.status_code == 422, r.json
        assert list(r.json["errors"]["json"]) == [field]
        assert "Read-only" in r.json["errors"]["json"][field][0]
    assert read_profile(client) == read
    assert count(profile_app, profile_outbox) == events


def test_the_read_only_reason_is_in_the_callers_language(client):
    read = {**read_profile(client), "coach_org": "agency-a"}
    r = client.put("/api/v1/profiles/s6-roundtrip", json=read, headers={**COACH, "Accept-Language": "fi"})
    assert r.status_code == 422
    assert "Read-only" not in r.json["errors"]["json"]["coach_org"][0]


def test_a_get_body_put_to_another_id_creates_nothing(client, profile_app):
    read = read_profile(client)
    events = count(profile_app, profile_outbox)
    # the version read names a profile that does not exist: 412, as If-Match would
    assert client.put("/api/v1/profiles/s6-copy", json=read, headers=COACH).status_code == 412
    # without it, the id and the candidate id are the other profile's: 422 naming them
    copy = {k: v for k, v in read.items() if k != "version"}
    r = client.put("/api/v1/profiles/s6-copy", json=copy, headers=COACH)
    # (the service's clock is stopped here, so the new profile's timestamps would be the read ones)
    assert r.status_code == 422 and set(r.json["errors"]["json"]) == {"id", "candidate_id"}, r.json
    assert client.get("/api/v1/profiles/s6-copy", headers=COACH).status_code == 404
    assert count(profile_app, profile_outbox) == events


# -- vacancies ---------------------------------------------------------------------------------------
@pytest.fixture
def posted(vacancy_app):
    client = vacancy_app.test_client()
    r = client.post("/api/v1/vacancies", json=vacancy_body(), headers=EMPLOYER)
    assert r.status_code == 201, r.json
    return client, r.json["id"]


def read_vacancy(client, vacancy_id):
    r = client.get(f"/api/v1/vacancies/{vacancy_id}", headers=EMPLOYER)
    assert r.status_code == 200, r.json
    return r.json


def test_a_vacancy_read_with_get_goes_back_unchanged_as_a_no_op(posted, vacancy_app):
    client, vid = posted
    read = read_vacancy(client, vid)
    assert {"id", "employer_org", "status", "version", "created_at", "updated_at", "occupation_label"} <= (
        read.keys()
    )
    events = count(vacancy_app, vacancy_outbox)
    for headers in (EMPLOYER, {**EMPLOYER, "If-Match": '"1"'}):
        r = client.put(f"/api/v1/vacancies/{vid}", json=read, headers=headers)
        assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
        assert r.json == read
    assert count(vacancy_app, vacancy_outbox) == events


def test_a_vacancy_read_with_get_and_edited_is_stored(posted, vacancy_app):
    client, vid = posted
    read = read_vacancy(client, vid)
    events = count(vacancy_app, vacancy_outbox)
    r = client.put(f"/api/v1/vacancies/{vid}", json={**read, "openings": 3}, headers=EMPLOYER)
    assert r.status_code == 200 and r.headers["ETag"] == '"2"', r.json
    assert read_vacancy(client, vid)["openings"] == 3
    assert count(vacancy_app, vacancy_outbox) == events + 1
    # the derived fields are computed afresh, whatever was sent: a stale label is no change
    relabelled = {
        **read_vacancy(client, vid),
        "occupation_label": "Hitsaaja",
        "warnings": [],
        "shortage": None,
    }
    r = client.put(f"/api/v1/vacancies/{vid}", json=relabelled, headers={**EMPLOYER, "If-Match": '"2"'})
    assert r.status_code == 200 and r.headers["ETag"] == '"2"', r.json
    assert r.json["occupation_label"] == read["occupation_label"]
    # a stale read sent back: 412
    stale = client.put(f"/api/v1/vacancies/{vid}", json={**read, "openings": 4}, headers=EMPLOYER)
    assert stale.status_code == 412, stale.json


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "00000000-0000-0000-0000-000000000000"),
        ("employer_org", "agency-a"),
        ("status", "closed"),
        ("close_reason", "filled"),
        ("created_at", "2020-01-01T00:00:00Z"),
    ],
)
def test_changing_a_read_only_vacancy_field_is_a_422_naming_it_and_nothing_changes(
    posted, vacancy_app, field, value
):
    client, vid = posted
    read = read_vacancy(client, vid)
    events = count(vacancy_app, vacancy_outbox)
    r = client.put(
        f"/api/v1/vacancies/{vid}",
        json={**read, field: value, "openings": 5},
        headers={**EMPLOYER, "If-Match": '"1"'},
    )
    assert r.status_code == 422, r.json
    assert list(r.json["errors"]["json"]) == [field]
    assert read_vacancy(client, vid) == read
    assert count(vacancy_app, vacancy_outbox) == events


def test_read_only_fields_are_still_unknown_to_a_post(vacancy_app):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=vacancy_body(id="mine"), headers=EMPLOYER)
    assert r.status_code == 422 and "id" in r.json["errors"]["json"]
