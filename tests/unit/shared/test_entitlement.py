import pytest

from shared.entitlement import (
    consent_scope,
    may_mark_hired,
    may_record_outcome,
    may_see_candidate,
)

CONSENT = {"tampere-tyollisyys", "agency-a"}  # own organisation + one partner


def test_city_and_operator_organisations_see_every_candidate_partners_only_consented_ones():
    assert consent_scope("tampere-tyollisyys", "employment_services") is None
    assert consent_scope("kohtaanto", "operator") is None
    assert consent_scope("agency-a", "partner") == "agency-a"
    assert consent_scope("unknown-org", None) == "unknown-org"
    assert may_see_candidate("agency-a", "partner", CONSENT)
    assert not may_see_candidate("agency-b", "partner", CONSENT)
    assert may_see_candidate("vaasa-tyollisyys", "employment_services", CONSENT)


@pytest.mark.parametrize(
    ("role", "org", "kind", "employer", "allowed"),
    [
        ("recruiter", "agency-a", "partner", "konepaja-oy", True),
        ("recruiter", "agency-b", "partner", "konepaja-oy", False),  # no consent
        ("coach", "tampere-tyollisyys", "employment_services", "konepaja-oy", True),  # own coach
        ("coach", "vaasa-tyollisyys", "employment_services", "konepaja-oy", False),  # another city
        ("team_member", "tampere-tyollisyys", "employment_services", "konepaja-oy", False),
        ("operator", "kohtaanto", "operator", "konepaja-oy", False),
        ("employer", "agency-a", "partner", "konepaja-oy", False),  # not the vacancy's employer
        ("recruiter", "tampere-tyollisyys", "employment_services", "konepaja-oy", True),
    ],
)
def test_who_may_record_an_outcome(role, org, kind, employer, allowed):
    assert may_record_outcome(role, org, kind, CONSENT, employer) is allowed


def test_an_employer_records_outcomes_only_for_its_own_vacancy_and_consenting_candidates():
    consent = {"tampere-tyollisyys", "konepaja-oy"}
    assert may_record_outcome("employer", "konepaja-oy", "employer", consent, "konepaja-oy")
    assert not may_record_outcome("employer", "konepaja-oy", "employer", consent, "other-oy")
    assert not may_record_outcome("employer", "other-oy", "employer", consent, "other-oy")


def test_the_profile_service_marks_hired_only_for_entitled_recorders():
    partners = {"agency-a"}
    assert may_mark_hired("recruiter", "agency-a", "tampere-tyollisyys", partners)
    assert may_mark_hired("coach", "tampere-tyollisyys", "tampere-tyollisyys", partners)
    assert not may_mark_hired("recruiter", "agency-b", "tampere-tyollisyys", partners)
    assert not may_mark_hired("coach", "vaasa-tyollisyys", "tampere-tyollisyys", partners)
    assert not may_mark_hired(None, "agency-a", "tampere-tyollisyys", partners)  # old events: refused
    # A coach of another city the jobseeker consented to may record outcomes in matching; the
    # profile service must agree, or matching would hide as hired someone who stays active there.
    moving = {"vaasa-tyollisyys"}
    assert may_record_outcome("coach", "vaasa-tyollisyys", "employment_services", moving, "konepaja-oy")
    assert may_mark_hired("coach", "vaasa-tyollisyys", "tampere-tyollisyys", moving)
    assert not may_mark_hired("team_member", "agency-a", "tampere-tyollisyys", partners)
