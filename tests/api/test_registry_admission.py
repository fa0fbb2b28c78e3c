"""Tokens are admitted against the organisation registry in every service, before any view runs
(issue 8; shared.entitlement.ROLE_KINDS): a token of an unregistered organisation is 401, a role
that does not fit the organisation's kind (a coach of a recruitment agency, a recruiter of an
employer) is 403, both in the JSON error shape, nothing is stored or published, and the security
log says why."""

import logging

import pytest
from sqlalchemy import func, select

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from shared.auth import SESSION_COOKIE, Role
from shared.entitlement import ROLE_KINDS
from shared.organisations import registry
from tests.api.matching_world import Clock, matching_app
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import PSEUDONYM_KEY, TEST_ORGANISATIONS, auth, common_settings, profile_body, sqlite_url

KIND = {o.id: o.kind.value for o in registry(TEST_ORGANISATIONS)}
#: One organisation of each kind in the test registry.
OF_KIND = {kind: next(org for org, k in KIND.items() if k == kind) for kind in sorted(set(KIND.values()))}


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("admission")
    vacancy = create_vacancy_app(
        VacancySettings(common=common_settings("vacancy", sqlite_url(folder, "vacancy"))), testing=True
    )
    profile = create_profile_app(
        ProfileSettings(
            common=common_settings("profile", sqlite_url(folder, "profile")), pseudonym_key=PSEUDONYM_KEY
        ),
        testing=True,
    )
    matching = matching_app(sqlite_url(folder, "matching"), Clock())
    return {"vacancy": vacancy, "profile": profile, "matching": matching}


#: (service, method, path, body, the caller who may do it): each a write or a read of personal data.
REQUESTS = [
    ("vacancy", "POST", "/api/v1/vacancies", vacancy_body(), (Role.EMPLOYER, "konepaja-oy")),
    ("profile", "PUT", "/api/v1/profiles/henkilo-1", profile_body(), (Role.COACH, "tampere-tyollisyys")),
    (
        "profile",
        "POST",
        "/api/v1/contacts/lookup",
        {"candidate_ids": ["c-" + "0" * 24], "purpose": "meeting"},
        (Role.RECRUITER, "agency-a"),
    ),
    ("profile", "GET", "/api/v1/audit", None, (Role.DATA_PROTECTION_OFFICER, "agency-a")),
    ("matching", "GET", "/api/v1/shortlists?region=pirkanmaa", None, (Role.RECRUITER, "agency-a")),
    (
        "matching",
        "POST",
        "/api/v1/vacancies/v-1/outcomes",
        {"candidate_id": "c-" + "0" * 24, "status": "proposed"},
        (Role.RECRUITER, "agency-a"),
    ),
]

#: Callers the registry refuses, and the status: unregistered organisations (401) and roles that
#: do not fit the organisation's kind (403).
REFUSED = [
    (Role.RECRUITER, "agency-z", 401),
    (Role.EMPLOYER, "acme-oy", 401),
    (Role.COACH, "131052-308T", 401),
    (Role.COACH, "agency-a", 403),  # a coach token for a private recruitment agency
    (Role.RECRUITER, "konepaja-oy", 403),  # a recruiter for an employer
    (Role.RECRUITER, "tampere-tyollisyys", 403),
    (Role.EMPLOYER, "agency-a", 403),
    (Role.OPERATOR, "agency-a", 403),
    (Role.SYSTEM_AUDITOR, "tampere-tyollisyys", 403),
    (Role.TEAM_MEMBER, "konepaja-oy", 403),
]


def stored(app) -> dict[str, int]:
    """Rows per table, except the rate-limit counters."""
    from sqlalchemy import MetaData

    engine = app.extensions["kohtaanto.engine"]
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in metadata.tables.items()
            if name != "rate_limits"
        }


@pytest.mark.parametrize(("role", "org", "status"), REFUSED)
def test_a_token_the_registry_refuses_is_answered_before_any_view(apps, caplog, role, org, status):
    caplog.set_level(logging.WARNING, logger="shared.auth")
    for service, method, path, body, _ in REQUESTS:
        app = apps[service]
        before = stored(app)
        # a subject of its own: an identity code in the subject is refused before the registry is
        # asked (tests/api/test_identifier_echo_and_subject.py), and minting one raises
        r = app.test_client().open(path, method=method, json=body, headers=auth(role, org, f"{role.value}-1"))
        assert r.status_code == status, (service, method, path, r.json)
        assert set(r.json) >= {"code", "status", "message", "errors"}
        assert "jwt" not in r.json["message"].lower() and org not in r.json["message"]
        if status == 401:
            assert "invalid_token" in r.headers["WWW-Authenticate"]
        assert stored(app) == before, (service, path)  # nothing stored, audited or published
    # a public endpoint too: the token is refused before any view
    assert (
        apps["vacancy"]
        .test_client()
        .get("/openapi.json", headers=auth(role, org, f"{role.value}-1"))
        .status_code
        == status
    )
    reasons = [r for r in caplog.records if r.getMessage() == "token refused by the organisation registry"]
    assert len(reasons) >= len(REQUESTS)
    assert {r.reason for r in reasons} == {
        "unregistered" if status == 401 else "role does not fit the organisation's kind"
    }
    assert all(r.role == role.value for r in reasons)
    assert all("131052-308T" not in r.org for r in reasons)  # the log names no identity code


def test_registered_callers_whose_role_fits_are_let_in(apps):
    for service, method, path, body, (role, org) in REQUESTS:
        r = apps[service].test_client().open(path, method=method, json=body, headers=auth(role, org))
        assert r.status_code not in (401, 403), (service, path, role, org, r.json)


def test_every_role_is_admitted_exactly_for_the_kinds_it_fits(apps):
    """The whole role x kind table, on an endpoint every admitted caller may read (the docs JSON)."""
    client = apps["profile"].test_client()
    assert set(ROLE_KINDS) == {r.value for r in Role}
    for role in Role:
        for kind, org in OF_KIND.items():
            r = client.get("/openapi.json", headers=auth(role, org))
            expected = 200 if kind in ROLE_KINDS[role.value] else 403
            assert r.status_code == expected, (role.value, kind, org)


def test_the_sign_in_page_refuses_such_a_token_and_sets_no_cookie(apps):
    from tests.helpers import token

    client = apps["matching"].test_client()
    for role, org, status in ((Role.RECRUITER, "agency-z", 401), (Role.COACH, "agency-a", 403)):
        r = client.post("/login", data={"token": token(role, org), "next": "/"})
        assert r.status_code == status
        assert SESSION_COOKIE not in r.headers.get("Set-Cookie", "")
    # a session cookie the registry refuses is no sign-in: the page asks for one
    client.set_cookie(SESSION_COOKIE, token(Role.COACH, "agency-a"))
    r = client.get("/meetings/pirkanmaa/2026-W48")
    assert r.status_code in (302, 303, 401) or b"login" in r.data.lower()
