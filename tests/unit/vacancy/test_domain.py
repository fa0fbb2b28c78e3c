from datetime import UTC, date, datetime

import pytest

from services.vacancy.domain import (
    CloseReason,
    InvalidVacancyError,
    RequiredSkill,
    Status,
    Vacancy,
    VacancyClosedError,
    VacancyDetails,
    VacancyEvent,
    VersionConflictError,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def details(**overrides):
    base = dict(
        title="Hitsaaja",
        occupation_uri="occ:welder",
        description="MIG/MAG",
        municipality="837",
        region="pirkanmaa",
        working_time="full_time",
        openings=2,
        skills=(RequiredSkill("skill:weld"),),
        application_deadline=date(2026, 12, 15),
        start_date=date(2027, 1, 7),
    )
    return VacancyDetails(**{**base, **overrides})


def test_posting_a_vacancy_opens_it_at_version_one():
    v = Vacancy.post("v1", "acme", details(), NOW)
    assert (v.status, v.version) == (Status.OPEN, 1)


def test_every_change_raises_the_version():
    v = Vacancy.post("v1", "acme", details(), NOW).update(details(openings=3), NOW)
    assert v.version == 2
    assert v.close(CloseReason.FILLED, NOW).version == 3


def test_a_closed_vacancy_cannot_be_changed_or_closed_again():
    closed = Vacancy.post("v1", "acme", details(), NOW).close(CloseReason.FILLED, NOW)
    with pytest.raises(VacancyClosedError):
        closed.update(details(), NOW)
    with pytest.raises(VacancyClosedError):
        closed.close(CloseReason.CANCELLED, NOW)


def test_an_update_against_an_old_version_is_a_conflict():
    v = Vacancy.post("v1", "acme", details(), NOW).update(details(openings=3), NOW)
    with pytest.raises(VersionConflictError):
        v.update(details(), NOW, expected_version=1)


def test_a_deadline_in_the_past_or_a_start_before_the_deadline_is_refused():
    with pytest.raises(InvalidVacancyError) as err:
        Vacancy.post("v1", "acme", details(application_deadline=date(2026, 1, 1)), NOW)
    assert "application_deadline" in err.value.errors
    with pytest.raises(InvalidVacancyError) as err:
        Vacancy.post("v1", "acme", details(start_date=date(2026, 12, 1)), NOW)
    assert "start_date" in err.value.errors


def test_the_event_carries_the_whole_vacancy_keyed_by_its_id():
    v = Vacancy.post("v1", "acme", details(), NOW)
    event = VacancyEvent("vacancy.posted", v)
    payload = event.payload()
    assert event.key == "v1"
    assert payload["skills"] == [{"uri": "skill:weld", "essential": True}]
    assert payload["start_date"] == "2027-01-07" and payload["status"] == "open"
