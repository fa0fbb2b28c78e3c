"""Outside tester 26: a language code's 422 echoed the birth date of an identity code as its suggestion
(T26-4), and a token whose ``sub`` is an identity code was accepted and stored as the audit log's ``actor``
and ``recorded_by`` (T26-3)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.helpers import JWT_SECRET, WELDER, auth, profile_body

COACH = auth("coach", "tampere-tyollisyys")
EMPLOYER = auth("employer", "konepaja-oy")
CODES = ["131052-308T", "131052A308T", "010594Y903B", "040-1234567"]


def _leaks(body: object, value: str) -> list[str]:
    """The runs of four or more letters and digits of ``value`` that ``body`` (as JSON) repeats."""
    text = json.dumps(body, ensure_ascii=False)
    return [part for part in value.replace("-", " ").split() if len(part) >= 4 and part in text]


@pytest.mark.parametrize("code", CODES)
def test_a_language_code_that_is_an_identifier_is_refused_without_echoing_any_part(profile_app, code):
    body = profile_body(languages=[{"code": code, "level": "B1"}])
    r = profile_app.test_client().put("/api/v1/profiles/t26-echo", json=body, headers=COACH)
    assert r.status_code == 422, r.json
    assert "languages" in r.json["errors"]["json"]
    assert _leaks(r.json, code) == [] and "131052" not in json.dumps(r.json)


@pytest.mark.parametrize("code", CODES[:2])
def test_the_vacancy_language_code_is_refused_without_echo_too(vacancy_app, code):
    body = {
        "title": "Hitsaaja",
        "occupation_uri": WELDER,
        "municipality": "Tampere",
        "working_time": "full_time",
        "openings": 1,
        "languages": [{"code": code, "level": "B1"}],
    }
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert r.status_code == 422, r.json
    assert "131052" not in json.dumps(r.json)


def test_a_region_tag_still_gets_its_suggestion(profile_app):
    body = profile_body(languages=[{"code": "sv-FI", "level": "B1"}])
    r = profile_app.test_client().put("/api/v1/profiles/t26-echo", json=body, headers=COACH)
    assert r.status_code == 422 and "'sv'" in json.dumps(r.json), r.json


def _claims(sub: str) -> dict[str, object]:
    now = datetime.now(UTC)
    return {
        "sub": sub,
        "role": "recruiter",
        "org": "agency-a",
        "iss": "kohtaanto",
        "aud": "kohtaanto",
        "iat": now,
        "exp": now + timedelta(hours=1),
    }


def _token(sub: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {jwt.encode(_claims(sub), JWT_SECRET, algorithm='HS256')}"}


@pytest.mark.parametrize("sub", ["131052-308T", "+358 40 123 4567"])
def test_a_token_whose_subject_is_an_identifier_is_refused_and_not_logged_as_actor(profile_app, sub):
    client = profile_app.test_client()
    body = {"candidate_ids": ["c-999163b6116d4e2562f4d748"], "purpose": "recruitment"}
    r = client.post("/api/v1/contacts/lookup", json=body, headers=_token(sub))
    assert r.status_code == 401, r.json
    assert "pseudonymous user id" in r.json["message"] and sub not in json.dumps(r.json)
    entries = client.get("/api/v1/audit", headers=auth("system_auditor", "kohtaanto")).json["items"]
    assert all(e.get("actor") != sub for e in entries)


@pytest.mark.parametrize(
    "sub", ["Liisa, asiakas on raskaana ja hänellä on MS-tauti", "<img src=x onerror=alert(1)>\"'"]
)
def test_a_token_whose_subject_is_free_text_opens_no_path_and_is_not_logged_as_actor(profile_app, sub):
    """Outside tester 27, T27-5: such a ``sub`` was stored as the path's ``coach`` (and would be a
    handover's ``sent_by``, a meeting's ``prepared_by``), while the same text typed as ``coach`` was a
    422. Admission holds it to the staff user-id rule (``shared.auth._subject_not_staff``)."""
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/t27-clean-3", json=profile_body(), headers=COACH).status_code == 201
    claims_coach = {**_claims(sub), "role": "coach", "org": "tampere-tyollisyys"}
    odd = {"Authorization": f"Bearer {jwt.encode(claims_coach, JWT_SECRET, algorithm='HS256')}"}
    body = {
        "group": "long_term_unemployed",
        "first_step": {"kind": "coaching", "org": "tampere-tyollisyys", "starts_on": "2026-12-01",
                       "planned_end": "2027-02-01"},
    }  # fmt: skip
    r = client.post("/api/v1/profiles/t27-clean-3/path", json=body, headers=odd)
    assert r.status_code == 401 and "not a user id" in r.json["message"], r.json
    assert sub not in json.dumps(r.json)
    path = client.get("/api/v1/profiles/t27-clean-3/path", headers=COACH)
    assert path.status_code == 404
    entries = client.get("/api/v1/audit", headers=auth("system_auditor", "kohtaanto")).json["items"]
    assert all(e.get("actor") != sub for e in entries)
