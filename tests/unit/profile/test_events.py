"""A candidate event is what its declaration says, and the largest profile the API accepts fits the
event budget."""

from datetime import UTC, date, datetime

from services.profile import events
from services.profile.domain import (
    EducationLevel,
    Experience,
    Language,
    PersonalData,
    Profile,
    ProfileDetails,
    SkillEntry,
)
from shared.messaging.topics import MAX_EVENT_BYTES

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
URI = "http://data.europa.eu/esco/skill/" + "f" * 70  # longer than any ESCO URI


def largest_profile() -> Profile:
    details = ProfileDetails(
        personal=PersonalData("x" * 200),
        skills=tuple(SkillEntry(f"{URI}{i:04d}", "intermediate") for i in range(events.MAX_SKILLS)),
        suggested_skills=tuple(f"{URI}s{i:04d}" for i in range(events.MAX_SUGGESTED_SKILLS)),
        work_history=tuple(Experience(URI, 59.99, 2025) for _ in range(events.MAX_WORK_HISTORY)),
        education_level=EducationLevel("vocational"),
        languages=tuple(Language(f"l{i}", "native") for i in range(events.MAX_LANGUAGES)),
        municipality="837",
        max_commute_km=499.5,
        available_from=date(2026, 12, 1),
        working_time="full_time",
        target_groups=(),
        consented_orgs=frozenset(f"{i:03d}" + "o" * 97 for i in range(events.MAX_CONSENTED_ORGS)),
    )
    return Profile.create("p-1", "c-" + "0" * 24, "coach-org", details, NOW)


def test_the_largest_profile_the_api_accepts_makes_an_event_within_the_budget():
    profile = largest_profile()
    envelope = events.CANDIDATE_UPSERTED.envelope(
        profile.candidate_id, profile.for_matching(), events.PRODUCER
    )
    assert len(envelope.encode()) <= MAX_EVENT_BYTES


def test_a_candidate_event_carries_the_declared_payload():
    profile = largest_profile().mark_hired(NOW)
    assert events.CandidatePayload().validate(profile.for_matching()) == {}
