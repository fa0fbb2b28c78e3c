"""A vacancy event is what its declaration says, and the largest vacancy the API accepts fits the
event budget."""

from datetime import UTC, date, datetime

from services.vacancy import domain, events
from services.vacancy.domain import LanguageRequirement, RequiredSkill, Vacancy, VacancyDetails, VacancyEvent
from shared.messaging.topics import MAX_EVENT_BYTES

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
WORST_CHAR = "\x01"  # JSON escapes a control character as \u0001: 6 bytes, the most any character takes
URI = "http://data.europa.eu/esco/skill/" + "f" * 70  # longer than any ESCO URI


def largest_vacancy() -> Vacancy:
    details = VacancyDetails(
        title=WORST_CHAR * events.MAX_TITLE_CHARS,
        occupation_uri=URI,
        description=WORST_CHAR * events.MAX_DESCRIPTION_CHARS,
        municipality="837",
        region="x" * 100,
        working_time="full_time",
        openings=10_000,
        skills=tuple(RequiredSkill(f"{URI}{i:04d}", False) for i in range(events.MAX_SKILLS)),
        languages=tuple(LanguageRequirement(f"l{i}", "native") for i in range(events.MAX_LANGUAGES)),
        rejected_skills=tuple(f"{URI}r{i:04d}" for i in range(events.MAX_REJECTED_SKILLS)),
        start_date=date(2027, 1, 1),
        application_deadline=date(2026, 12, 31),
    )
    return Vacancy.post("v" * 36, "o" * 100, details, NOW)


def test_the_largest_vacancy_the_api_accepts_makes_an_event_within_the_budget():
    event = VacancyEvent(domain.POSTED, largest_vacancy())
    size = len(events.published(domain.POSTED).envelope(event.key, event.payload(), events.PRODUCER).encode())
    assert size <= MAX_EVENT_BYTES


def test_every_vacancy_event_carries_the_declared_payload():
    vacancy = largest_vacancy()
    closed = vacancy.close(domain.CloseReason.FILLED, NOW)
    for event in (VacancyEvent(domain.POSTED, vacancy), VacancyEvent(domain.CLOSED, closed)):
        declared = events.published(event.event_type)
        assert declared.payload().validate(event.payload()) == {}
        envelope = declared.envelope(event.key, event.payload(), events.PRODUCER)
        assert (envelope.event_type, envelope.schema_version) == (event.event_type, declared.schema_version)
