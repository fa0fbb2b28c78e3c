"""Outside tester 35b, G2: what an audit entry about an erased person keeps of its purpose."""

import pytest

from services.profile.repository import ERASED_PURPOSE, REFUSED_ACTION, erased_purpose

ROUTE = "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation"


@pytest.mark.parametrize(
    "generated",
    [
        f"matching: 404 {ROUTE} (candidate_not_visible), vacancy f1720797-6152-44cc-9c59-06fb97ae36d1",
        "matching: 422 POST /api/v1/vacancies/<vacancy_id>/outcomes (unknown_candidate)",
        "403 GET /api/v1/profiles/<profile_id>",
    ],
)
def test_a_refusals_generated_route_status_and_reason_stay_after_the_marker(generated):
    assert erased_purpose(REFUSED_ACTION, generated) == f"{ERASED_PURPOSE} {generated}"
    # idempotent: erasing again changes nothing
    assert (
        erased_purpose(REFUSED_ACTION, erased_purpose(REFUSED_ACTION, generated))
        == f"{ERASED_PURPOSE} {generated}"
    )


@pytest.mark.parametrize(
    ("action", "purpose"),
    [
        ("contact.read", "Uusi yritys"),
        ("contact.read", "soitto Aino Virtaselle"),
        # a typed purpose dressed as a route is still typed (not a refusal), or carries more than the route
        ("contact.read", f"matching: 404 {ROUTE} (candidate_not_visible)"),
        (REFUSED_ACTION, f"matching: 404 {ROUTE} (candidate_not_visible) Aino Virtanen"),
        (REFUSED_ACTION, "Aino Virtanen"),
        ("voucher.read", "service vouchers: none"),
    ],
)
def test_any_other_purpose_becomes_the_marker_alone(action, purpose):
    assert erased_purpose(action, purpose) == ERASED_PURPOSE


def test_no_purpose_stays_none():
    assert erased_purpose("profile.withdraw", None) is None
