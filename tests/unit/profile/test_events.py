"""A candidate event is what its declaration says, and the largest profile the API accepts fits the
event budget."""

from datetime import UTC, date, datetime

import pytest

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
from shared.messaging.consumer import PoisonMessageError, Record
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


OUTCOME = {
    "candidate_id": "c-" + "0" * 24,
    "status": "hired",
    "vacancy_id": "v-1",
    "occurred_on": "2026-11-30",
    "recorded_by_org": "pirkan-rekry-oy",
    "recorded_by_role": "recruiter",
}


def _read_outcome(payload: dict) -> dict:
    [reader] = [h for h in events.OUTCOMES_CONSUMER.handles if h.event_type == "outcome.recorded"]
    return reader.read(payload)


@pytest.mark.parametrize(
    "bad",
    [
        {"status": "zombie"},
        {"status": "HIRED"},
        {"recorded_by_role": "x" * 51},
        {"candidate_id": "p-1"},
        {"vacancy_id": ""},
        {"recorded_by_org": "x" * 101},
        {"occurred_on": "30.11.2026"},
    ],
)
def test_an_outcome_outside_the_events_vocabulary_is_poison_not_handled(bad):
    # outside tester 39b, Q13: a `zombie` outcome was logged as handled (docs/events.md names it rejected)
    with pytest.raises(PoisonMessageError):
        _read_outcome({**OUTCOME, **bad})


def test_every_documented_outcome_status_is_read():
    for status in ("proposed", "contacted", "interviewed", "hired", "not_hired"):
        assert _read_outcome({**OUTCOME, "status": status})["status"] == status
    assert _read_outcome({**OUTCOME, "recorded_by_role": None})["recorded_by_role"] is None


def test_an_outcome_for_another_key_than_its_record_is_poison():
    record = Record("kohtaanto.outcomes.v1", 0, 1, "c-" + "1" * 24, envelope=object())  # type: ignore[arg-type]
    with pytest.raises(PoisonMessageError):
        events.outcome_recorded(object(), record, _read_outcome(OUTCOME))  # type: ignore[arg-type]
