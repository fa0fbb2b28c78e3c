import pytest

from shared.entitlement import (
    Viewer,
    may_mark_hired,
    may_record_outcome,
    may_see_candidate,
    viewer,
)

CONSENT = {"tampere-tyollisyys", "agency-a"}  # own organisation + one partner


def test_one_rule_decides_who_sees_a_candidate_minimum_necessary():
    """Outside tester 15, P2/P3: another region's employment services read a Tampere jobseeker's
    shortlist rows and a partner's interview comment about them. The operator sees everyone; an
    employment-services organisation the residents of the regions it serves and those who consented
    to it (its own jobseekers included), wherever they live; anyone else consent only."""
    assert viewer("kohtaanto", "operator", ()) == Viewer("kohtaanto", everyone=True)
    assert viewer("vaasa-tyollisyys", "employment_services", {"pohjanmaa"}) == Viewer(
        "vaasa-tyollisyys", frozenset({"pohjanmaa"})
    )
    # a partner serving a region still sees consenting candidates only
    assert viewer("agency-a", "partner", {"pirkanmaa"}) == Viewer("agency-a")
    assert viewer("unknown-org", None, {"pirkanmaa"}) == Viewer("unknown-org")

    tampere_jobseeker = (CONSENT, "pirkanmaa")
    vaasa_jobseeker_moving = ({"vaasa-tyollisyys"}, "pirkanmaa")  # Vaasa's own, living in Tampere now
    vaasa_resident = ({"someone-else"}, "pohjanmaa")
    unknown_home = ({"someone-else"}, None)
    vaasa = viewer("vaasa-tyollisyys", "employment_services", {"pohjanmaa"})
    assert not vaasa.sees(*tampere_jobseeker)
    assert vaasa.sees(*vaasa_jobseeker_moving)
    assert vaasa.sees(*vaasa_resident)
    assert not vaasa.sees(*unknown_home)
    tampere = viewer("tampere-tyollisyys", "employment_services", {"pirkanmaa"})
    assert tampere.sees(*tampere_jobseeker) and tampere.sees(*vaasa_jobseeker_moving)
    assert not tampere.sees(*vaasa_resident)
    operator = viewer("kohtaanto", "operator")
    assert all(operator.sees(*c) for c in (tampere_jobseeker, vaasa_resident, unknown_home))
    agency = viewer("agency-a", "partner", {"pirkanmaa"})
    assert agency.sees(*tampere_jobseeker) and not agency.sees(*vaasa_jobseeker_moving)

    assert may_see_candidate("agency-a", "partner", CONSENT)
    assert not may_see_candidate("agency-b", "partner", CONSENT, {"pirkanmaa"}, "pirkanmaa")
    assert not may_see_candidate(
        "vaasa-tyollisyys", "employment_services", CONSENT, {"pohjanmaa"}, "pirkanmaa"
    )
    assert may_see_candidate("tampere-tyollisyys", "employment_services", set(), {"pirkanmaa"}, "pirkanmaa")


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
