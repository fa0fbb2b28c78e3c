"""Organisation-wide powers act only for the regions an organisation serves (the registry's ``regions``;
``shared.entitlement.may_act_for_region``), over HTTP on SQLite and PostgreSQL.

Each refusal is an outside tester's reproduction (tester 3, F3/F4): Vaasa's operator rewrote
Pirkanmaa's service-voucher pilot, replaced a vocational school's whole training catalogue and
imported a Pirkanmaa shortage list rating nurses as surplus; a Vaasa coach prepared Pirkanmaa's past
week, freezing it "late" before Pirkanmaa's team ever saw it. The allowed paths (own region, the
system operator) are tested beside them, and a refusal stores and publishes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.matching.team.repository import outbox as matching_outbox
from services.profile.paths.repository import voucher_pilots
from tests.api.matching_world import (
    WELDER,
    Clock,
    candidate,
    essential,
    matching_app,
    pid,
    vacancy,
    welding_shortage_world,
)
from tests.helpers import auth, token

SYSTEM_OPERATOR = auth("operator", "kohtaanto")
TAMPERE_OPERATOR = auth("operator", "tampere-tyollisyys")
VAASA_OPERATOR = auth("operator", "vaasa-tyollisyys")
AUDITOR = auth("system_auditor", "kohtaanto")


def rows(app, table) -> int:
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# -- service-voucher pilots (profile service) -----------------------------------------------------------
PILOT = {
    "name": "Korkeakoulutetut yli 50-vuotiaat, palveluseteli",
    "rule": {
        "min_age": 50,
        "min_education": "bachelor",
        "min_unemployed_months": 3,
        "max_unemployed_months": 6,
    },
    "voucher_months": 4,
    "providers": ["agency-a", "agency-b"],
    "starts_on": "2026-10-02",
    "ends_on": "2027-09-27",
    "region": "pirkanmaa",
    "path_group": "highly_educated_over_50",
}
HIJACK = {
    **PILOT,
    "name": "HIJACKED by Vaasa",
    "rule": {"min_age": 75, "min_education": "doctorate"},
    "voucher_months": 1,
    "providers": ["agency-a", "agency-b", "nordic-staffing-ab"],
    "region": "ahvenanmaa",
    "path_group": "young_people",
}


@pytest.fixture
def pilots(profile_app):
    client = profile_app.test_client()
    r = client.put("/api/v1/pilots/yli50", json=PILOT, headers=SYSTEM_OPERATOR)
    assert r.status_code == 201, r.json
    return client


def audit(client, action):
    items = client.get("/api/v1/audit?limit=1000", headers=AUDITOR).json["items"]
    return [e for e in items if e["action"] == action]


def test_another_citys_operator_cannot_rewrite_a_pilot_and_the_attempt_is_audited(pilots, profile_app):
    """Tester 3, F3: Vaasa's operator rewrote Pirkanmaa's pilot (name, rule, region, providers)."""
    stored = rows(profile_app, voucher_pilots)
    for body in (HIJACK, {**HIJACK, "region": "pirkanmaa"}, {**HIJACK, "region": "pohjanmaa"}):
        r = pilots.put("/api/v1/pilots/yli50", json=body, headers=VAASA_OPERATOR)
        assert r.status_code == 403, r.json
        assert set(r.json) == {"code", "status", "message", "errors"}
        assert "pirkanmaa" in r.json["errors"]["path"]["pilot_id"][0]
    assert pilots.get("/api/v1/pilots/yli50", headers=TAMPERE_OPERATOR).json["name"] == PILOT["name"]
    assert rows(profile_app, voucher_pilots) == stored
    refused = audit(pilots, "pilot.refused")
    assert len(refused) == 3 and {e["actor_org"] for e in refused} == {"vaasa-tyollisyys"}
    assert all(e["granted"] == "no" for e in refused)


def test_an_operator_sets_up_pilots_only_in_its_own_region(pilots):
    r = pilots.put("/api/v1/pilots/vaasa-new", json=PILOT, headers=VAASA_OPERATOR)  # a new one in Pirkanmaa
    assert r.status_code == 403 and "pirkanmaa" in r.json["errors"]["json"]["region"][0]
    national = {k: v for k, v in PILOT.items() if k != "region"}
    r = pilots.put("/api/v1/pilots/vaasa-all", json=national, headers=VAASA_OPERATOR)
    assert r.status_code == 403 and r.json["errors"]["json"]["region"], (
        "a pilot in every region: system operator"
    )
    assert pilots.get("/api/v1/pilots/vaasa-new", headers=VAASA_OPERATOR).status_code == 404
    vasa = {**PILOT, "region": "pohjanmaa", "providers": ["nordic-staffing-ab"]}  # a provider serving it
    r = pilots.put("/api/v1/pilots/vasa-sedel", json=vasa, headers=VAASA_OPERATOR)
    assert r.status_code == 201, r.json
    r = pilots.put("/api/v1/pilots/kaikki", json=national, headers=SYSTEM_OPERATOR)
    assert r.status_code == 201, r.json


def test_the_own_citys_operator_changes_its_pilot_but_cannot_move_it_away_and_changes_are_audited(pilots):
    changed = {**PILOT, "voucher_months": 6, "providers": ["agency-a", "agency-b", "pirkan-rekry-oy"]}
    r = pilots.put("/api/v1/pilots/yli50", json=changed, headers=TAMPERE_OPERATOR)
    assert r.status_code == 200 and r.json["voucher_months"] == 6
    r = pilots.put("/api/v1/pilots/yli50", json={**changed, "region": "ahvenanmaa"}, headers=TAMPERE_OPERATOR)
    assert r.status_code == 403 and "ahvenanmaa" in r.json["errors"]["json"]["region"][0]
    assert pilots.get("/api/v1/pilots/yli50", headers=TAMPERE_OPERATOR).json["region"] == "pirkanmaa"
    (created,) = audit(pilots, "pilot.created")
    assert created["actor_org"] == "kohtaanto" and created["at"]
    (change,) = audit(pilots, "pilot.changed")
    assert change["actor"] == "operator@tampere-tyollisyys" and change["granted"] == "yes"
    assert "voucher_months" in change["purpose"] and "providers" in change["purpose"]
    assert "name" not in change["purpose"]


# -- the matching service: training catalogue, shortage lists, the weekly meeting ------------------------
HEADER = (
    "course_id;provider;title_fi;title_sv;skills;length_weeks;municipality;online;apprenticeship;start_dates"
)


def catalogue(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode()


@pytest.fixture
def world(database_url):
    app = welding_shortage_world(database_url)
    skills = essential(WELDER, 100)
    school = catalogue(
        f"HITS-24;tredu;Hitsauksen perusteet;Grunder i svetsning;{skills[-1]};8;Tampere;ei;ei;11.1.2027",
        f"HITS-OPPI;tredu;Hitsaajan oppisopimus;;{skills[-2]};52;Nokia;ei;kyllä;jatkuva haku",
        f"TURVA;tredu;Työturvallisuus verkossa;;{skills[-3]};1;;kyllä;ei;7.12.2026",
    )
    r = app.test_client().post(
        "/api/v1/training/catalogue", data=school, headers={**SYSTEM_OPERATOR, "Content-Type": "text/csv"}
    )
    assert r.status_code == 201, r.json
    app.skills = skills
    return app


def courses(app, region):
    r = app.test_client().get(
        f"/api/v1/training/courses?region={region}", headers=auth("team_member", "tampere-tyollisyys")
    )
    return sorted(c["course_id"] for c in r.json["items"])


def post_csv(app, path, data, headers):
    return app.test_client().post(path, data=data, headers={**headers, "Content-Type": "text/csv"})


def test_another_citys_operator_cannot_replace_a_schools_catalogue(world):
    """Tester 3, F4a: Vaasa's operator replaced the school's 45 Pirkanmaa courses with one."""
    before = courses(world, "pirkanmaa")
    published = rows(world, matching_outbox)
    skill = world.skills[0]
    for line, why in (
        (f"X1;tredu;Tampereen kurssi;;{skill};2;Tampere;ei;ei;15.1.2027", "municipality"),
        (f"X2;tredu;Verkkokurssi;;{skill};2;;kyllä;ei;15.1.2027", "municipality"),
        (f"HITS-24;tredu;Vaasan kurssi;;{skill};2;Vaasa;ei;ei;15.1.2027", "course_id"),
    ):
        ok = f"X9;tredu;Vaasan kurssi;Vasa kurs;{skill};2;Vaasa;ei;ei;15.1.2027"
        r = post_csv(world, "/api/v1/training/catalogue", catalogue(ok, line), VAASA_OPERATOR)
        assert r.status_code == 422, r.json
        assert list(r.json["errors"]["file"]) == ["3"] and r.json["errors"]["file"]["3"][0].startswith(why)
    assert courses(world, "pirkanmaa") == before and courses(world, "pohjanmaa") == ["TURVA"]
    assert rows(world, matching_outbox) == published


def test_a_regional_import_adds_and_replaces_only_courses_held_in_the_importers_regions(world):
    skill = world.skills[0]
    vaasa = catalogue(f"X1;tredu;Vaasan kurssi;Vasa kurs;{skill};2;Vaasa;ei;ei;15.1.2027")
    r = post_csv(world, "/api/v1/training/catalogue", vaasa, VAASA_OPERATOR)
    assert r.status_code == 201 and r.json["courses"] == 1
    assert courses(world, "pirkanmaa") == ["HITS-24", "HITS-OPPI", "TURVA"], (
        "the school's courses elsewhere stay"
    )
    assert courses(world, "pohjanmaa") == ["TURVA", "X1"]
    # Tampere's operator replaces the school's Pirkanmaa courses: HITS-OPPI (Nokia) goes, Vaasa's and
    # the online course stay.
    tampere = catalogue(f"HITS-24;tredu;Hitsauksen perusteet 2;;{skill};8;Tampere;ei;ei;11.1.2027")
    assert post_csv(world, "/api/v1/training/catalogue", tampere, TAMPERE_OPERATOR).status_code == 201
    assert courses(world, "pirkanmaa") == ["HITS-24", "TURVA"]
    assert courses(world, "pohjanmaa") == ["TURVA", "X1"]
    # The system operator still replaces a provider's whole catalogue.
    assert post_csv(world, "/api/v1/training/catalogue", tampere, SYSTEM_OPERATOR).status_code == 201
    assert courses(world, "pirkanmaa") == ["HITS-24"] and courses(world, "pohjanmaa") == []


SURPLUS_FI = (
    "Ammatti;Alue;Ajankohta;Arvio\r\n2221 Sairaanhoitajat;Pirkanmaa;syksy 2026;ylitarjontaa\r\n"
    "5321 Lähihoitajat;Pirkanmaa;syksy 2026;paljon ylitarjontaa\r\n"
).encode("cp1252")


def listing(app):
    r = app.test_client().get("/api/v1/shortages", headers=auth("team_member", "tampere-tyollisyys"))
    return sorted((x["region"], x["period"], x["source"]) for x in r.json["items"])


def test_another_citys_operator_cannot_import_or_withdraw_a_regions_shortage_list(world):
    """Tester 3, F4c: Vaasa's operator imported a Pirkanmaa list rating nurses as surplus."""
    before, published = listing(world), rows(world, matching_outbox)
    r = post_csv(world, "/api/v1/shortages?source=x", SURPLUS_FI, VAASA_OPERATOR)
    assert r.status_code == 422, r.json
    assert sorted(r.json["errors"]["file"]) == ["2", "3"]
    assert "pirkanmaa" in r.json["errors"]["file"]["2"][0]
    national = b"occupation,region,period,level\n7212,national,2026H2,surplus\n"
    assert post_csv(world, "/api/v1/shortages?source=x", national, VAASA_OPERATOR).status_code == 422
    for region in ("pirkanmaa", "national"):
        r = world.test_client().delete(
            f"/api/v1/shortages/{region}/2026H2?reason=sabotage", headers=VAASA_OPERATOR
        )
        assert r.status_code == 403 and r.json["errors"]["path"]["region"], r.json
    assert listing(world) == before and rows(world, matching_outbox) == published
    history = world.test_client().get("/api/v1/shortages/history", headers=SYSTEM_OPERATOR).json["items"]
    assert history and all(h["by_org"] == "kohtaanto" for h in history), "the refusals recorded no change"


def test_a_line_for_another_region_is_told_with_the_files_other_bad_lines(world):
    """Outside tester 13, P6: the region the uploader does not serve was told only once the other bad
    lines were fixed."""
    mixed = (
        b"occupation,region,period,level\n7212,pohjanmaa,2062H2,shortage\n9999,pohjanmaa,2026H2,shortage\n"
        b"7212,pirkanmaa,2026H2,shortage\n7212,pohjanmaa,2026H2,=cmd\n"
    )
    before, published = listing(world), rows(world, matching_outbox)
    r = post_csv(world, "/api/v1/shortages?source=x", mixed, VAASA_OPERATOR)
    assert r.status_code == 422, r.json
    assert sorted(r.json["errors"]["file"]) == ["2", "3", "4", "5"]
    assert "pirkanmaa" in r.json["errors"]["file"]["4"][0]
    assert listing(world) == before and rows(world, matching_outbox) == published


def test_an_operator_imports_and_withdraws_its_own_regions_lists(world):
    own = b"occupation,region,period,level\n7212,pohjanmaa,2026H2,shortage\n"
    assert post_csv(world, "/api/v1/shortages?source=vaasa", own, VAASA_OPERATOR).status_code == 201
    r = world.test_client().delete("/api/v1/shortages/pohjanmaa/2026H2?reason=typo", headers=VAASA_OPERATOR)
    assert r.status_code == 204
    assert post_csv(world, "/api/v1/shortages?source=x", SURPLUS_FI, TAMPERE_OPERATOR).status_code == 201
    assert ("pirkanmaa", "2026H2", "x") in listing(world)


@pytest.fixture
def meeting_app(database_url):
    app = matching_app(database_url, Clock())  # Tuesday of 2026-W48
    vacancy(app, "v-weld")
    return app


def test_another_regions_coach_cannot_prepare_its_past_week_and_freeze_it(meeting_app):
    """Tester 3, F4b: a Vaasa coach prepared Pirkanmaa's past week 2026-W47; the team then got 409."""
    client = meeting_app.test_client()
    for outsider in (auth("coach", "vaasa-tyollisyys"), auth("team_member", "agency-c"), VAASA_OPERATOR):
        for week in ("2026-W47", "2026-W48", "2026-W49"):
            r = client.post(f"/api/v1/meetings/pirkanmaa/{week}/prepare", headers=outsider)
            assert r.status_code == 403, r.json
            assert "pirkanmaa" in r.json["errors"]["path"]["region"][0]
    assert meeting_app.extensions["kohtaanto.matching.team"].meeting_weeks("pirkanmaa") == []
    r = client.post(
        "/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=auth("team_member", "tampere-tyollisyys")
    )
    assert r.status_code == 201 and r.json["prepared_by"] == "team_member@tampere-tyollisyys"


def test_opening_another_regions_coming_week_does_not_prepare_it(meeting_app):
    client = meeting_app.test_client()
    r = client.get(f"/login?token={token('coach', 'vaasa-tyollisyys')}&next=/meetings/")
    assert r.status_code == 303
    assert client.get("/meetings/pirkanmaa/2026-W48").status_code == 403
    assert client.get("/meetings/pirkanmaa/2026-W48/content.json").status_code == 403
    assert meeting_app.extensions["kohtaanto.matching.team"].meeting_weeks("pirkanmaa") == []
    assert client.get("/meetings/pohjanmaa/2026-W48").status_code == 200, (
        "its own region's is prepared on view"
    )
    r = client.post("/meetings/pirkanmaa/2026-W48/prepare")  # the page's "prepare again" button
    assert r.status_code == 403
    assert meeting_app.extensions["kohtaanto.matching.team"].meeting_weeks("pirkanmaa") == []


OUTSIDERS = [
    ("team_member", "vaasa-tyollisyys"),
    ("coach", "vaasa-tyollisyys"),
    ("operator", "vaasa-tyollisyys"),
    ("recruiter", "agency-c"),  # a partner agency of another region only
    ("team_member", "agency-c"),
]


def _signed_in_to_a_prepared_meeting(meeting_app, role, org):
    """A browser client signed in as (role, org), after Tampere's team prepared Pirkanmaa's 2026-W48."""
    own = auth("team_member", "tampere-tyollisyys")
    assert (
        meeting_app.test_client().post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=own).status_code
        == 201
    )
    client = meeting_app.test_client()
    assert client.get(f"/login?token={token(role, org)}&next=/meetings/").status_code == 303
    return client


@pytest.mark.parametrize(("role", "org"), OUTSIDERS)
def test_another_regions_organisation_reads_no_part_of_a_prepared_meeting(meeting_app, role, org):
    """Outside tester 14, P11: Vaasa's employment services (team member, coach, operator) and a
    Pohjanmaa-only agency read Pirkanmaa's prepared meeting (page, JSON, CSV: the same 231 lines as
    Tampere's team, the service-path list with it). An organisation acts, and reads, only for its
    regions: every view and download is a 403 naming the region, and the region is not offered."""
    client = _signed_in_to_a_prepared_meeting(meeting_app, role, org)
    page = client.get("/meetings/pirkanmaa/2026-W48")
    assert page.status_code == 403 and "pirkanmaa" in page.data.decode()
    assert "/meetings/pirkanmaa/" not in client.get("/meetings/").data.decode()
    for download in ("content.json", "content.csv", "content.xlsx", "content.csv?lang=fi"):
        r = client.get(f"/meetings/pirkanmaa/2026-W48/{download}")
        assert r.status_code == 403, download
        assert "pirkanmaa" in r.json["errors"]["path"]["region"][0], r.json
    for download in ("content.json", "content.csv"):  # with a bearer token, no cookie
        r = meeting_app.test_client().get(f"/meetings/Birkaland/2026-W48/{download}", headers=auth(role, org))
        assert r.status_code == 403, download


@pytest.mark.parametrize(
    ("role", "org"),
    [("team_member", "tampere-tyollisyys"), ("recruiter", "agency-a"), ("operator", "kohtaanto")],
)
def test_the_regions_own_organisations_and_the_system_operator_read_its_meeting(meeting_app, role, org):
    client = _signed_in_to_a_prepared_meeting(meeting_app, role, org)
    assert "/meetings/pirkanmaa/" in client.get("/meetings/").data.decode()
    assert client.get("/meetings/pirkanmaa/2026-W48").status_code == 200
    for download in ("content.json", "content.csv", "content.xlsx"):
        assert client.get(f"/meetings/pirkanmaa/2026-W48/{download}").status_code == 200, download


@pytest.mark.parametrize(
    "headers",
    [
        auth("team_member", "tampere-tyollisyys"),
        auth("coach", "tampere-tyollisyys"),
        TAMPERE_OPERATOR,
        SYSTEM_OPERATOR,
    ],
)
def test_the_regions_employment_services_and_the_system_operator_prepare_its_meeting(meeting_app, headers):
    r = meeting_app.test_client().post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=headers)
    assert r.status_code == 201, r.json


def test_a_partner_agency_of_the_regions_joint_team_reads_its_meeting_but_does_not_prepare_it(meeting_app):
    """Outside tester 26, T26-5 (tests/api/test_meeting_preparers.py): it was a 201, and the meeting
    was then built from the agency's view for everyone."""
    client = meeting_app.test_client()
    r = client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=auth("team_member", "agency-a"))
    assert r.status_code == 403 and "region" in r.json["errors"]["path"], r.json


@pytest.mark.parametrize("region", ["Pohjanmaa", "POHJANMAA", "Österbotten", "15", "pohjanmaa"])
def test_a_pilots_region_is_taken_as_id_name_or_code_in_any_case_before_the_caller_s_regions_are_checked(
    pilots, region
):
    """Outside tester 8, J7: Pohjanmaa's own operator got 403 for "Pohjanmaa", "Österbotten" and "15"
    (only the id worked), and the system operator stored "Österbotten" verbatim, locking it out."""
    body = {**PILOT, "region": region, "providers": ["nordic-staffing-ab"]}
    r = pilots.put("/api/v1/pilots/vasa-sedel", json=body, headers=VAASA_OPERATOR)
    assert r.status_code == 201 and r.json["region"] == "pohjanmaa", r.json
    r = pilots.put("/api/v1/pilots/vasa-sedel-2", json=body, headers=SYSTEM_OPERATOR)
    assert r.status_code == 201 and r.json["region"] == "pohjanmaa", r.json
    r = pilots.put(
        "/api/v1/pilots/vasa-sedel-2", json={**body, "region": "pohjanmaa"}, headers=VAASA_OPERATOR
    )
    assert r.status_code == 200, "the region's own operator changes what the system operator set up"


@pytest.mark.parametrize("headers", ["VAASA", "SYSTEM"])
def test_an_unknown_pilot_region_is_a_422_naming_the_known_ids_for_everyone_and_nothing_is_stored(
    pilots, profile_app, headers
):
    caller = VAASA_OPERATOR if headers == "VAASA" else SYSTEM_OPERATOR
    stored = rows(profile_app, voucher_pilots)
    r = pilots.put("/api/v1/pilots/narnia", json={**PILOT, "region": "narnia"}, headers=caller)
    assert r.status_code == 422, r.json
    assert (
        "pohjanmaa" in r.json["errors"]["json"]["region"][0]
        and "pirkanmaa" in r.json["errors"]["json"]["region"][0]
    )
    assert rows(profile_app, voucher_pilots) == stored


def test_a_regional_pilots_providers_serve_its_region(pilots, profile_app):
    """J7, the same call: a Pohjanmaa pilot took an agency that serves only Pirkanmaa."""
    stored = rows(profile_app, voucher_pilots)
    body = {**PILOT, "region": "pohjanmaa", "providers": ["nordic-staffing-ab", "pirkan-rekry-oy"]}
    r = pilots.put("/api/v1/pilots/vasa-sedel", json=body, headers=VAASA_OPERATOR)
    assert r.status_code == 422 and "pirkan-rekry-oy" in r.json["errors"]["json"]["providers"][0], r.json
    assert "nordic" not in r.json["errors"]["json"]["providers"][0]
    assert rows(profile_app, voucher_pilots) == stored
    national = {k: v for k, v in body.items() if k != "region"}
    assert pilots.put("/api/v1/pilots/kaikki", json=national, headers=SYSTEM_OPERATOR).status_code == 201


def test_every_door_shows_an_employment_services_organisation_its_regions_residents_and_its_own_jobseekers_only(
    database_url,
):
    """Decision (session 15, replacing the earlier "region overviews are not region-scoped"): minimum
    necessary, one rule (``shared.entitlement.viewer``) in every door. Outside tester 15, P2/P3:
    Vaasa's employment services read Pirkanmaa's shortage shortlists through ``/api/v1/shortlists``
    and a Tampere partner's interview comment about a Tampere jobseeker through the vacancy's
    outcomes, while the meeting holding the same was a 403. Now an employment-services organisation
    sees the candidates living in the regions it serves and those who belong or consented to it,
    wherever they live (Vaasa's coach still finds Pirkanmaa vacancies for Vaasa's own jobseekers:
    people move for work); the system operator sees everyone; agencies see consenting candidates
    only. The single shortlist, the region overview (entries and exclusion counts), explanations
    and the outcomes' list agree."""
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    skills = essential(WELDER, 100)
    tampere = pid("tampere-jobseeker")
    vaasa_own = pid("vaasa-jobseeker-moving-for-work")
    ostrobothnian = pid("vaasa-resident-consented-to-agency-c")
    candidate(app, tampere, skills=skills, consent=("tampere-tyollisyys", "pirkan-rekry-oy"))
    candidate(
        app,
        vaasa_own,
        skills=skills[:-1],
        municipality="905",
        max_commute_km=400,
        consent=("vaasa-tyollisyys",),
    )
    candidate(
        app, ostrobothnian, skills=skills[:-2], municipality="905", max_commute_km=400, consent=("agency-c",)
    )
    client = app.test_client()
    comment = "Haastattelussa jännitti kovasti, ei sopinut tiimiin."
    recorded = client.post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={"candidate_id": tampere, "status": "not_hired", "reason": "language", "comment": comment},
        headers=auth("recruiter", "pirkan-rekry-oy"),
    )
    assert recorded.status_code == 201, recorded.json
    vaasa_note = "Muuttaa Tampereelle tammikuussa."
    recorded = client.post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={"candidate_id": vaasa_own, "status": "proposed", "comment": vaasa_note},
        headers=auth("coach", "vaasa-tyollisyys"),
    )
    assert recorded.status_code == 201, recorded.json
    everyone = [tampere, vaasa_own, ostrobothnian]
    callers = {
        "another region's coach": (auth("coach", "vaasa-tyollisyys"), [vaasa_own, ostrobothnian]),
        "another region's team member": (auth("team_member", "vaasa-tyollisyys"), [vaasa_own, ostrobothnian]),
        "the region's team member": (auth("team_member", "tampere-tyollisyys"), [tampere]),
        "the region's other city": (auth("coach", "nokia-tyollisyys"), [tampere]),
        "a third region's employment services": (auth("coach", "helsinki-tyollisyys"), []),
        "another region's agency": (auth("recruiter", "agency-c"), [ostrobothnian]),
        "the region's agency": (auth("recruiter", "pirkan-rekry-oy"), [tampere]),
        "the system operator": (SYSTEM_OPERATOR, everyone),
    }
    unknown = pid("nobody")
    for who, (headers, expected) in callers.items():
        hidden = set(everyone) - set(expected)
        # the agency's own not_hired settles the candidate for it (not for anyone else)
        listed = [] if who == "the region's agency" else expected
        lists = client.get("/api/v1/shortlists?region=pirkanmaa&k=10", headers=headers)
        assert lists.status_code == 200, who
        (weld,) = lists.json["items"]
        assert [e["candidate_id"] for e in weld["entries"]] == listed, who
        assert weld["exclusions"]["considered"] == len(listed), f"{who}: counts reveal nobody hidden"
        assert not any(h in lists.get_data(as_text=True) for h in hidden), f"{who}: no other candidate's id"
        single = client.get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=headers).json
        assert [e["candidate_id"] for e in single["entries"]] == listed, who
        assert single["exclusions"] == weld["exclusions"], who
        nobody = client.get(f"/api/v1/vacancies/v-weld/candidates/{unknown}/explanation", headers=headers)
        for cid in everyone:
            explained = client.get(f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation", headers=headers)
            if cid in hidden:  # a hidden candidate answers exactly as an unknown one
                assert (explained.status_code, explained.json) == (nobody.status_code, nobody.json), who
            else:
                assert explained.status_code == 200, who
        outcomes = client.get("/api/v1/vacancies/v-weld/outcomes", headers=headers)
        if outcomes.status_code == 403:  # roles without the outcomes' list
            continue
        text = outcomes.get_data(as_text=True)
        assert not any(h in text for h in hidden), f"{who}: no outcome about a hidden candidate"
        reads_comment = who in ("the region's team member", "the region's other city", "the region's agency")
        comments = {o.get("comment") for o in outcomes.json["items"]}
        assert (comment in comments) == (reads_comment or who == "the system operator"), who
    # the operator and the region's team read the partner's comment; Vaasa's coach reads its own note
    vaasa = client.get("/api/v1/vacancies/v-weld/outcomes", headers=auth("coach", "vaasa-tyollisyys"))
    assert [o["comment"] for o in vaasa.json["items"]] == [vaasa_note]
    own_team = client.get(
        "/api/v1/vacancies/v-weld/outcomes", headers=auth("team_member", "tampere-tyollisyys")
    )
    assert [o["comment"] for o in own_team.json["items"]] == [comment]
    # the meeting stays with the region's own organisations
    meeting = client.get(
        "/meetings/pirkanmaa/2026-W48/content.json", headers=auth("coach", "vaasa-tyollisyys")
    )
    assert meeting.status_code == 403
