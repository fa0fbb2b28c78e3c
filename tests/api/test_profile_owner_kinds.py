"""Only coaches of the public employment services own jobseekers' profiles (README, "Which doors each
role has"): outside tester 24, T2, created profiles as a vocational school's teacher (role ``coach``,
organisation kind ``education``). Every role × organisation kind the registry admits is tried on the
profile owner's doors: only a coach of an ``employment_services`` organisation passes; the rest get a
403 in the JSON error shape, audited as refused, with nothing stored or published."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.profile.repository import audit_log, outbox, profiles
from shared.entitlement import ROLE_KINDS
from tests.helpers import auth, profile_body

#: One registered organisation of each kind (tests/data/organisations.csv).
ORG_OF_KIND = {
    "employment_services": "tampere-tyollisyys",
    "education": "tredu",
    "partner": "agency-a",
    "employer": "konepaja-oy",
    "operator": "kohtaanto",
}
ADMITTED = sorted((role, kind) for role, kinds in ROLE_KINDS.items() for kind in kinds)
OWNER = auth("coach", "tampere-tyollisyys")


def count(app, table, **where):
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(query).scalar_one()


@pytest.mark.parametrize(("role", "kind"), ADMITTED)
def test_only_an_employment_services_coach_creates_a_profile(profile_app, role, kind):
    client = profile_app.test_client()
    org = ORG_OF_KIND[kind]
    r = client.put("/api/v1/profiles/t2-owner", json=profile_body(), headers=auth(role, org, f"u@{org}"))
    if (role, kind) == ("coach", "employment_services"):
        assert r.status_code == 201, r.json
        return
    assert r.status_code == 403, r.json
    assert {"code", "status", "message"} <= set(r.json) and r.json["status"] == "Forbidden"
    assert count(profile_app, profiles) == 0 and count(profile_app, outbox) == 0
    assert count(profile_app, audit_log, actor=f"u@{org}", action="profile.write", granted="no") == 1


def test_a_school_teacher_passes_none_of_the_owners_doors(profile_app):
    """T2 itself, on every owner-only door: create, read, replace, withdraw, the service path."""
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/t2-p", json=profile_body(), headers=OWNER).status_code == 201
    school = auth("coach", "tredu", "opettaja@tredu")
    attempts = [
        client.put("/api/v1/profiles/t2-school", json=profile_body(), headers=school),
        client.put("/api/v1/profiles/t2-p", json=profile_body(), headers={**school, "If-Match": "*"}),
        client.get("/api/v1/profiles/t2-p", headers=school),
        client.delete("/api/v1/profiles/t2-p", headers=school),
        client.post("/api/v1/profiles/t2-school/path", json={"group": "young_people"}, headers=school),
        client.get("/api/v1/profiles/t2-p/path", headers=school),
        client.get("/api/v1/profiles/t2-p/vouchers", headers=school),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts), [r.json for r in attempts]
    messages = {r.json["message"] for r in attempts}
    assert all("education" in m and "employment services" in m for m in messages), messages
    assert count(profile_app, profiles) == 1  # the owner's only, unchanged
    assert count(profile_app, audit_log, actor="opettaja@tredu", granted="no") == len(attempts)
    assert client.get("/api/v1/profiles/t2-p", headers=OWNER).json["version"] == 1


def test_the_refusal_is_in_the_callers_language(profile_app):
    school = auth("coach", "tredu")
    r = profile_app.test_client().put(
        "/api/v1/profiles/t2-fi", json=profile_body(), headers={**school, "Accept-Language": "fi"}
    )
    assert r.status_code == 403 and "työllisyyspalvelujen" in r.json["message"], r.json
