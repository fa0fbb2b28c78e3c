"""The bad-input table against every service (issue 8, item 7): every operation of each OpenAPI
document, 0 answers ≥ 500, every error in the JSON shape. The counts are printed for the closing
note."""

from tests.api.matching_world import SHORTAGE_CSV, Clock, matching_app, vacancy, welders
from tests.api.test_vacancy_api import valid as vacancy_body
from tests.bad_input import operations, run_table, upload_attempts
from tests.helpers import MAG_WELDING, auth, profile_body


def test_no_bad_input_makes_the_vacancy_service_fail(vacancy_app):
    result = run_table(
        vacancy_app,
        {
            ("POST", "/api/v1/vacancies"): vacancy_body(),
            ("PUT", "/api/v1/vacancies/{vacancy_id}"): vacancy_body(),
            ("POST", "/api/v1/vacancies/{vacancy_id}/close"): {"reason": "filled"},
        },
        orgs=("konepaja-oy",),
    )
    assert result["tried"] > 150
    assert result["failures"] == []


def test_no_bad_input_makes_the_profile_service_fail(profile_app):
    result = run_table(
        profile_app,
        {
            ("PUT", "/api/v1/profiles/{profile_id}"): profile_body(),
            ("POST", "/api/v1/contacts/lookup"): {"candidate_ids": ["c-1"], "purpose": "meeting"},
        },
        orgs=("tampere-tyollisyys",),
    )
    assert result["tried"] > 150
    assert result["failures"] == []


def test_no_bad_input_makes_the_matching_service_fail(database_url):
    app = matching_app(database_url, Clock())
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
    )
    spec = app.test_client().get("/openapi.json").get_json()
    documented = {(method, path) for method, path, _ in operations(spec)}
    print(f"\nbad input, matching: {result['tried']} requests, {len(result['failures'])} failures")
    assert result["operations"] >= documented, "every documented operation is tried"
    assert result["tried"] > 300
    assert result["failures"] == []


def test_methods_a_path_does_not_offer_get_405_with_allow(vacancy_app, profile_app):
    from tests.bad_input import unsupported_method_answers

    for app in (vacancy_app, profile_app):
        answers = unsupported_method_answers(app)
        assert answers
        for method, path, status, allow in answers:
            assert status == 405 and allow, (method, path, status)
