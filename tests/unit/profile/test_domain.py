import json
from datetime import UTC, date, datetime

import pytest

from services.profile.domain import (
    EducationLevel,
    InvalidProfileError,
    Language,
    PersonalData,
    Profile,
    ProfileDetails,
    SkillEntry,
    Status,
    TargetGroup,
    pseudonym,
)

NOW = datetime(2026, 11, 22, tzinfo=UTC)
KEY = b"k" * 32


def details(**overrides):
    base = dict(
        personal=PersonalData("Aino Virtanen", "aino@example.fi", "+358 40 1234567"),
        skills=(SkillEntry("skill:weld", "advanced"),),
        suggested_skills=("skill:grind",),
        work_history=(),
        education_level=EducationLevel.VOCATIONAL,
        languages=(Language("fi", "native"),),
        municipality="837",
        max_commute_km=40,
        available_from=date(2026, 12, 1),
        working_time="any",
        target_groups=(TargetGroup.OVER_50,),
        consented_orgs=frozenset({"agency-a"}),
    )
    return ProfileDetails(**{**base, **overrides})


def test_the_pseudonym_is_stable_and_reveals_nothing_of_the_profile_id():
    assert pseudonym(KEY, "tampere", "p-123") == pseudonym(KEY, "tampere", "p-123")
    assert pseudonym(KEY, "tampere", "p-123") != pseudonym(b"x" * 32, "tampere", "p-123")
    assert "123" not in pseudonym(KEY, "tampere", "p-123")


def test_the_same_id_in_two_organisations_is_two_candidates():
    assert pseudonym(KEY, "tampere", "p-1") != pseudonym(KEY, "vaasa", "p-1")


def test_what_matching_receives_has_no_name_contact_education_or_target_group():
    profile = Profile.create("p-1", pseudonym(KEY, "tampere", "p-1"), "tampere", details(), NOW)
    text = json.dumps(profile.for_matching())
    for secret in ("Aino", "Virtanen", "aino@example.fi", "1234567", "p-1", "over_50", "vocational"):
        assert secret not in text
    assert profile.for_matching()["consented_orgs"] == ["agency-a", "tampere"]  # + the own organisation


def test_a_skill_cannot_be_both_chosen_and_suggested():
    with pytest.raises(InvalidProfileError):
        Profile.create("p", "c", "o", details(suggested_skills=("skill:weld",)), NOW)


def test_withdrawal_erases_the_personal_data():
    withdrawn = Profile.create("p", "c", "o", details(), NOW).withdraw(NOW)
    assert withdrawn.status is Status.WITHDRAWN and withdrawn.details is None


def test_a_withdrawn_profile_pushed_again_is_active_again():
    again = Profile.create("p", "c", "o", details(), NOW).withdraw(NOW).update(details(), NOW)
    assert again.status is Status.ACTIVE and again.version == 3


def test_only_consented_partners_may_see_the_profile():
    profile = Profile.create("p", "c", "o", details(), NOW)
    assert profile.visible_to_partner("agency-a")
    assert not profile.visible_to_partner("agency-b")


def test_marking_hired_happens_once():
    hired = Profile.create("p", "c", "o", details(), NOW).mark_hired(NOW)
    assert hired.status is Status.HIRED
    assert hired.mark_hired(NOW) is hired
