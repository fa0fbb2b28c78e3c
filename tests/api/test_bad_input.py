"""The bad-input table against the vacancy and profile services (issue 8, item 7): 0 answers ≥ 500,
every error in the JSON shape. (The matching service's table is in test_matching_bad_input.py.)"""

from tests.api.test_vacancy_api import valid as vacancy_body
from tests.bad_input import run_table
from tests.helpers import profile_body


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


def test_methods_a_path_does_not_offer_get_405_with_allow(vacancy_app, profile_app):
    from tests.bad_input import unsupported_method_answers

    for app in (vacancy_app, profile_app):
        answers = unsupported_method_answers(app)
        assert answers
        for method, path, status, allow in answers:
            assert status == 405 and allow, (method, path, status)
