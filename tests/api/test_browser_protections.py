"""What browsers are told by every service (privacy audit, session 12): answers with personal data
are never stored by a browser's or proxy's cache (``Cache-Control: no-store``; outside tester 11,
M1), pages are not framed by other sites, and a change signed in
by the session cookie alone that another site or another service of the same site started is refused
before anything changes (``shared.sign_in.install_browser_protections``)."""

import pytest

from shared.auth import SESSION_COOKIE
from tests.api.matching_world import Clock, matching_app, vacancy, welders
from tests.helpers import auth, profile_body, token

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = ("coach", "tampere-tyollisyys")
RECRUITER = ("recruiter", "agency-a")
EVIL = {"Origin": "http://evil.example"}
SIBLING = {"Sec-Fetch-Site": "same-site"}  # another port or subdomain of the same site
OWN_PAGE = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}
# What headless Chromium sends for a form on the meeting page, whose <meta name="referrer"
# content="no-referrer"> makes the Origin "null" (measured 2026-12-02 with /usr/bin/chromium)
MEETING_PAGE_FORM = {"Sec-Fetch-Site": "same-origin", "Origin": "null"}


def signed_in(app, role, org):
    client = app.test_client()
    client.set_cookie(SESSION_COOKIE, token(role, org))
    return client


@pytest.fixture
def profiles(profile_app):
    client = profile_app.test_client()
    r = client.put("/api/v1/profiles/bp-1", json=profile_body(), headers=auth(*COACH))
    assert r.status_code == 201
    profile_app.candidate_id = r.json["candidate_id"]
    return profile_app


def test_answers_with_personal_data_are_never_cached(profiles):
    coach = profiles.test_client()
    recruiter = auth(*RECRUITER)
    officer = auth("data_protection_officer", "tampere-tyollisyys")
    answers = {
        "profile": coach.get("/api/v1/profiles/bp-1", headers=auth(*COACH)),
        "contacts": coach.post(
            "/api/v1/contacts/lookup",
            json={"candidate_ids": [profiles.candidate_id], "purpose": "haastattelu"},
            headers=recruiter,
        ),
        "audit": coach.get("/api/v1/audit?profile_id=bp-1", headers=officer),
        "refusal": coach.get("/api/v1/profiles/bp-1", headers=recruiter),
    }
    assert answers["profile"].json["personal"]["name"] == "Aino Virtanen"
    assert answers["contacts"].json["items"][0]["name"] == "Aino Virtanen"
    for what, r in answers.items():
        assert "no-store" in r.headers.get("Cache-Control", ""), what


def test_a_cookie_signed_change_another_site_or_service_started_changes_nothing(profiles):
    for headers in (EVIL, SIBLING, {"Referer": "http://evil.example/page"}):
        client = signed_in(profiles, *COACH)
        r = client.delete("/api/v1/profiles/bp-1", headers=headers)
        assert r.status_code == 403, (headers, r.json)
        assert "another site" in r.json["message"]
    # the profile was not withdrawn: the coach still reads it
    assert profiles.test_client().get("/api/v1/profiles/bp-1", headers=auth(*COACH)).status_code == 200


def test_tools_with_a_bearer_token_and_the_own_page_still_change(profiles):
    # a bearer token is never sent by a browser on its own: a program's request from anywhere
    r = profiles.test_client().delete("/api/v1/profiles/bp-1", headers={**auth(*COACH), **EVIL})
    assert r.status_code == 204
    client = signed_in(profiles, *COACH)
    r = client.put("/api/v1/profiles/bp-2", json=profile_body(), headers=OWN_PAGE)
    assert r.status_code == 201


def test_the_meeting_pages_origin_is_trusted_by_the_profile_service(profile_database_url):
    from services.profile.app import create_app
    from services.profile.config import Settings
    from tests.helpers import PSEUDONYM_KEY, common_settings

    common = common_settings("profile", profile_database_url).model_copy(
        update={"cors_origins": ("http://matching.example",)}
    )
    app = create_app(Settings(common=common, pseudonym_key=PSEUDONYM_KEY), testing=True)
    r = app.test_client().put("/api/v1/profiles/bp-3", json=profile_body(), headers=auth(*COACH))
    cid = r.json["candidate_id"]
    client = signed_in(app, *RECRUITER)
    body = {"candidate_ids": [cid], "purpose": "weekly meeting"}
    page = {"Origin": "http://matching.example", "Sec-Fetch-Site": "same-site"}
    r = client.post("/api/v1/contacts/lookup", json=body, headers=page)
    assert r.status_code == 200 and r.json["items"][0]["name"] == "Aino Virtanen"
    assert r.headers["Access-Control-Allow-Credentials"] == "true"
    # the page reads Retry-After to say when to try again (outside tester 22, R5)
    assert r.headers["Access-Control-Expose-Headers"] == "Retry-After"
    r = client.post("/api/v1/contacts/lookup", json=body, headers=EVIL)
    assert r.status_code == 403


MATCHING_ORIGIN = "http://matching.example"
# what a browser sends with a fetch from matching's meeting page (another port of the same site)
FROM_MATCHING = {"Origin": MATCHING_ORIGIN, "Sec-Fetch-Site": "same-site"}


@pytest.fixture
def trusting_profiles(profile_database_url):
    """The profile service as the README sets it up: matching's origin in its CORS origins."""
    from services.profile.app import create_app
    from services.profile.config import Settings
    from tests.helpers import PSEUDONYM_KEY, common_settings

    common = common_settings("profile", profile_database_url).model_copy(
        update={"cors_origins": (MATCHING_ORIGIN,)}
    )
    app = create_app(Settings(common=common, pseudonym_key=PSEUDONYM_KEY), testing=True)
    r = app.test_client().put("/api/v1/profiles/tt-2026-0102", json=profile_body(), headers=auth(*COACH))
    assert r.status_code == 201
    return app


def test_a_cors_listed_origin_cannot_change_anything_with_the_cookie_alone(trusting_profiles):
    """Outside tester 16, P5: ``DELETE /profiles/tt-2026-0102`` with only a coach's cookie and
    ``Origin:`` matching's (listed in ``KOHTAANTO_CORS_ORIGINS``, as the README requires) answered 204
    and erased the jobseeker. A listed origin may read what its page needs (the name look-up); every
    change it starts with the cookie alone is refused in the JSON error shape, nothing changed."""
    coach = signed_in(trusting_profiles, *COACH)
    changed = profile_body()
    changed["personal"]["name"] = "Olena Kovalenko"
    for headers in (FROM_MATCHING, {"Origin": MATCHING_ORIGIN}, {**FROM_MATCHING, "If-Match": '"1"'}):
        for r in (
            coach.delete("/api/v1/profiles/tt-2026-0102", headers=headers),
            coach.put("/api/v1/profiles/tt-2026-0102", json=changed, headers=headers),
            coach.put("/api/v1/profiles/tt-2026-0103", json=changed, headers=headers),
        ):
            assert r.status_code == 403, (headers, r.status_code, r.json)
            assert set(r.json) == {"code", "status", "message", "errors"} and r.json["code"] == 403
            assert "another site or service" in r.json["message"]
    reader = trusting_profiles.test_client()
    r = reader.get("/api/v1/profiles/tt-2026-0102", headers=auth(*COACH))
    assert r.status_code == 200 and r.json["personal"]["name"] == "Aino Virtanen" and r.json["version"] == 1
    assert reader.get("/api/v1/profiles/tt-2026-0103", headers=auth(*COACH)).status_code == 404
    # the browser's preflight still lets a bearer-token program from that origin through, but with no
    # cookie: a script on matching's pages cannot read a profile with a coach's cookie either
    preflight = {"Origin": MATCHING_ORIGIN, "Access-Control-Request-Method": "DELETE"}
    r = reader.options("/api/v1/profiles/tt-2026-0102", headers=preflight)
    assert r.headers["Access-Control-Allow-Origin"] == MATCHING_ORIGIN
    assert "Access-Control-Allow-Credentials" not in r.headers
    r = coach.get("/api/v1/profiles/tt-2026-0102", headers=FROM_MATCHING)
    assert "Access-Control-Allow-Credentials" not in r.headers
    # ... while the name look-up the meeting page makes is still credentialed
    preflight = {"Origin": MATCHING_ORIGIN, "Access-Control-Request-Method": "POST"}
    r = reader.options("/api/v1/contacts/lookup", headers=preflight)
    assert r.headers["Access-Control-Allow-Credentials"] == "true"
    assert r.headers["Access-Control-Allow-Origin"] == MATCHING_ORIGIN


def test_a_cors_listed_origin_changes_with_a_bearer_token(trusting_profiles):
    """A program (or a page holding a token, not the ambient cookie) from a listed origin may change."""
    client = trusting_profiles.test_client()
    bearer = {**auth(*COACH), **FROM_MATCHING}
    r = client.put("/api/v1/profiles/tt-2026-0104", json=profile_body(), headers=bearer)
    assert r.status_code == 201
    r = client.delete("/api/v1/profiles/tt-2026-0102", headers=bearer)
    assert r.status_code == 204
    r = client.get("/api/v1/profiles/tt-2026-0102", headers=auth(*COACH))
    assert r.json["status"] == "withdrawn" and "personal" not in r.json


def test_a_cors_listed_origin_cannot_record_outcomes_with_the_cookie_alone(database_url):
    """Outside tester 16, P5: ``POST /vacancies/<id>/outcomes`` with a recruiter's cookie and the
    vacancy service's origin (a listed one) answered 201. Now 403, nothing recorded; with a bearer
    token 201."""
    vacancy_origin = "http://vacancies.example"
    app = matching_app(database_url, Clock(), cors_origins=(vacancy_origin, MATCHING_ORIGIN))
    vacancy(app, "v-weld", openings=3)
    cid = welders(app)[0]
    body = {"candidate_id": cid, "status": "proposed", "occurred_on": "2026-11-18"}
    page = {"Origin": vacancy_origin, "Sec-Fetch-Site": "same-site"}
    r = signed_in(app, *RECRUITER).post("/api/v1/vacancies/v-weld/outcomes", json=body, headers=page)
    assert r.status_code == 403 and r.json["code"] == 403 and r.json["errors"] == {}
    client = app.test_client()
    assert client.get("/api/v1/vacancies/v-weld/outcomes", headers=auth(*RECRUITER)).json["items"] == []
    r = client.post("/api/v1/vacancies/v-weld/outcomes", json=body, headers={**auth(*RECRUITER), **page})
    assert r.status_code == 201, r.json


def test_pages_may_run_only_their_own_scripts(meeting_app, profile_app):
    """Outside tester 16, P5: the pages' only policy was ``frame-ancestors 'none'``. Now scripts only
    from the own origin (an injected inline script would not run), and the meeting page may fetch
    names from the profile service and nowhere else."""
    team = signed_in(meeting_app, "team_member", "tampere-tyollisyys")
    w48 = "/meetings/pirkanmaa/2026-W48"
    assert team.post(f"{w48}/prepare", headers=OWN_PAGE).status_code == 303
    page = team.get(w48)
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert (
        "default-src 'self'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    profile_origin = meeting_app.config["KOHTAANTO_PROFILE_PUBLIC_URL"].rstrip("/")
    assert f"connect-src 'self' {profile_origin};" in policy
    # the page has no inline script: only its JSON data block and its own script file
    html = page.get_data(as_text=True)
    assert html.count("<script") == 2 and '<script type="application/json"' in html
    assert team.get("/assets/matching/meeting.js").status_code == 200
    for app, path in ((profile_app, "/login"), (meeting_app, "/login")):
        policy = app.test_client().get(path).headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "form-action 'self'" in policy, path
    # the API documentation (Swagger UI's own inline start-up script) still loads
    r = profile_app.test_client().get("/docs")
    assert r.status_code == 200 and r.headers["Content-Security-Policy"] == "frame-ancestors 'none'"


@pytest.fixture
def meeting_app(database_url):
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld", openings=3)
    welders(app)
    return app


def test_the_meeting_page_is_not_cached_and_prepare_again_refuses_other_sites(meeting_app):
    team = signed_in(meeting_app, "team_member", "tampere-tyollisyys")
    w48 = "/meetings/pirkanmaa/2026-W48"
    tester11_m2 = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}  # outside tester 11, M2
    for headers in (EVIL, SIBLING, tester11_m2):
        r = team.post(f"{w48}/prepare", headers={**headers, "Accept": "text/html", "Accept-Language": "en"})
        assert r.status_code == 403 and b"another site" in r.data
        r = team.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=headers)
        assert r.status_code == 403
    recruiter = signed_in(meeting_app, *RECRUITER)  # opens, never prepares
    assert recruiter.get(f"{w48}/content.json").status_code == 404  # nothing was prepared
    assert team.post(f"{w48}/prepare", headers=OWN_PAGE).status_code == 303
    for path in (w48, f"{w48}/content.json", f"{w48}/content.csv", f"{w48}/content.xlsx"):
        r = team.get(path)
        assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store", path
        assert (
            r.headers["X-Frame-Options"] == "DENY"
            and "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        )
    # signing out from another site does nothing either
    assert team.post("/logout", headers=EVIL).status_code == 403
    assert team.get(f"{w48}/content.json").status_code == 200


def test_the_meeting_pages_own_forms_work_in_a_real_browser(meeting_app):
    """The page's forms come with ``Origin: null`` and ``Sec-Fetch-Site: same-origin``: prepare
    again, sign out and the sign-in form are the page's own, not another site's."""
    form = {"token": token("team_member", "tampere-tyollisyys"), "next": "/meetings/"}
    r = meeting_app.test_client().post("/login", data=form, headers=MEETING_PAGE_FORM)
    assert r.status_code == 303 and "kohtaanto_token=" in r.headers["Set-Cookie"]
    team = signed_in(meeting_app, "team_member", "tampere-tyollisyys")
    w48 = "/meetings/pirkanmaa/2026-W48"
    assert team.post(f"{w48}/prepare", headers=MEETING_PAGE_FORM).status_code == 303
    r = team.post("/logout", headers=MEETING_PAGE_FORM)
    assert r.status_code == 303 and "kohtaanto_token=;" in r.headers["Set-Cookie"]
    # an older browser without Sec-Fetch-Site: a "null" origin is not this service
    assert (
        signed_in(meeting_app, "team_member", "tampere-tyollisyys")
        .post(f"{w48}/prepare", headers={"Origin": "null"})
        .status_code
        == 403
    )


def test_a_sign_out_another_site_started_is_refused_with_or_without_the_cookie(meeting_app, profile_app):
    """Outside tester 14, P20: ``POST /logout`` with ``Origin: https://evil.example`` (no cookie) was
    accepted while every other cross-site change got 403. Harmless with SameSite=Strict, but one rule
    for every change: 403 from both services' sign-out, and the own page's sign-out still works."""
    for app in (meeting_app, profile_app):
        for headers in ({"Origin": "https://evil.example"}, SIBLING, {"Origin": "null"}):
            r = app.test_client().post("/logout", headers=headers)
            assert r.status_code == 403, (app.name, headers, r.status_code)
            assert "Set-Cookie" not in r.headers
        assert app.test_client().post("/logout", headers=OWN_PAGE).status_code == 303
        assert app.test_client().post("/logout").status_code == 303  # a tool: no browser headers
