"""The bad-input table against every service (issue 8, item 7): every operation of each OpenAPI
document, 0 answers ≥ 500, every error in the JSON shape, nothing stored or published on a refusal.
Bounded (``PER_OPERATION`` attempts per operation, sampled deterministically, one caller per
operation, one app per service and database for the module). The counts are printed for the
closing note."""

import uuid

import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.api.matching_world import SHORTAGE_CSV, Clock, matching_app, vacancy, welders
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.bad_input import operations, run_table, upload_attempts
from tests.helpers import MAG_WELDING, PSEUDONYM_KEY, auth, common_settings, profile_body, sqlite_url

# validation refused before storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

#: Attempts per documented operation (the table has 20-200 per operation; a sample of them, the
#: kinds issue 8 named always included, keeps the module within about a minute of CPU).
PER_OPERATION = 14


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_database(request, tmp_path_factory):
    """A function that returns the URL of a fresh, empty database (SQLite file or a database in the
    session's PostgreSQL), one per service."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("bad-input")
        return lambda name: sqlite_url(folder, name)
    import psycopg

    postgres = request.getfixturevalue("postgres")

    def create(_: str) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return postgres.url(name)

    return create


@pytest.fixture(scope="module")
def vacancy_service(new_database):
    common = common_settings("vacancy", new_database("vacancy"))
    return create_vacancy_app(VacancySettings(common=common), testing=True)


@pytest.fixture(scope="module")
def profile_service(new_database):
    common = common_settings("profile", new_database("profile"))
    return create_profile_app(ProfileSettings(common=common, pseudonym_key=PSEUDONYM_KEY), testing=True)


def test_no_bad_input_makes_the_vacancy_service_fail(vacancy_service):
    result = run_table(
        vacancy_service,
        {
            ("POST", "/api/v1/vacancies"): vacancy_body(),
            ("PUT", "/api/v1/vacancies/{vacancy_id}"): vacancy_body(),
            ("POST", "/api/v1/vacancies/{vacancy_id}/close"): {"reason": "filled"},
        },
        orgs=("konepaja-oy",),
        per_operation=PER_OPERATION,
    )
    print(f"\nbad input, vacancy: {result['tried']} requests, {len(result['failures'])} failures")
    assert result["tried"] > 60
    assert result["failures"] == []


def test_no_bad_input_makes_the_profile_service_fail(profile_service):
    result = run_table(
        profile_service,
        {
            ("PUT", "/api/v1/profiles/{profile_id}"): profile_body(),
            ("POST", "/api/v1/contacts/lookup"): {"candidate_ids": ["c-" + "1" * 24], "purpose": "meeting"},
        },
        orgs=("tampere-tyollisyys",),
        per_operation=PER_OPERATION,
    )
    print(f"\nbad input, profile: {result['tried']} requests, {len(result['failures'])} failures")
    assert result["tried"] > 150
    assert result["failures"] == []


def test_no_bad_input_makes_the_matching_service_fail(new_database):
    app = matching_app(new_database("matching"), Clock())
    vacancy(app, "v-weld")
    [candidate_id, *_] = welders(app)
    csv = {**auth("operator", "kohtaanto"), "Content-Type": "text/csv"}
    assert app.test_client().post("/api/v1/shortages", data=SHORTAGE_CSV, headers=csv).status_code == 201
    outcome = {
        "candidate_id": candidate_id,
        "status": "not_hired",
        "reason": "skills",
        "comment": "Hitsauskokemus lyhyt",
        "follow_up": {"action": "Hitsauskurssi", "owner": "valmentaja@tampere", "due": "2026-12-15"},
        "occurred_on": "2026-11-20",
        "missing_skills": [MAG_WELDING],
    }
    result = run_table(
        app,
        {
            ("POST", "/api/v1/vacancies/{vacancy_id}/outcomes"): outcome,
            ("POST", "/api/v1/skills/recognise"): {
                "text": "MIG/MAG-hitsaus ja trukin ajo",
                "top_k": 5,
                "lang": "fi",
            },
            ("POST", "/api/v1/index/versions"): {"candidate_ids": [candidate_id]},
        },
        orgs=("agency-a", "tampere-tyollisyys", "kohtaanto"),
        path_values={
            "vacancy_id": "v-weld",
            "candidate_id": candidate_id,
            "region": "pirkanmaa",
            "week": "2026-W48",
            "period": "2026H2",
        },
        extra=[*upload_attempts("/api/v1/shortages"), *upload_attempts("/api/v1/training/catalogue")],
        per_operation=PER_OPERATION,
    )
    spec = app.test_client().get("/openapi.json").get_json()
    documented = {(method, path) for method, path, _ in operations(spec)}
    print(f"\nbad input, matching: {result['tried']} requests, {len(result['failures'])} failures")
    assert result["operations"] >= documented, "every documented operation is tried"
    assert result["tried"] > 200
    assert result["failures"] == []


def test_methods_a_path_does_not_offer_get_405_with_allow(vacancy_service, profile_service):
    from tests.bad_input import unsupported_method_answers

    for app in (vacancy_service, profile_service):
        answers = unsupported_method_answers(app)
        assert answers
        for method, path, status, allow in answers:
            assert status == 405 and allow, (method, path, status)
