"""Outside tester 26: reopening a closed vacancy (F10); work sites, remote work and salary (F9)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from services.vacancy.domain import (
    REOPENED,
    CloseReason,
    InvalidVacancyError,
    RequiredSkill,
    Salary,
    SalaryPeriod,
    Status,
    Vacancy,
    VacancyDetails,
    VacancyEvent,
    VacancyOpenError,
    VersionConflictError,
    WorkMode,
    salary_errors,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def details(**overrides):
    base = dict(
        title="Siivooja",
        occupation_uri="occ:cleaner",
        description="Toimistosiivousta",
        municipality="905",  # Vaasa
        region="pohjanmaa",
        working_time="part_time",
        openings=2,
        skills=(RequiredSkill("skill:clean"),),
        application_deadline=date(2026, 12, 15),
        start_date=date(2027, 1, 7),
    )
    return VacancyDetails(**{**base, **overrides})


def closed(reason=CloseReason.FILLED, **overrides):
    return Vacancy.post("v1", "acme", details(**overrides), NOW).close(reason, NOW)


def test_a_closed_vacancy_reopens_open_at_the_next_version_without_its_close_reason():
    later = NOW + timedelta(days=2)
    reopened = closed().reopen(later)
    assert (reopened.status, reopened.close_reason, reopened.version) == (Status.OPEN, None, 3)
    assert reopened.reopened_at == later and reopened.updated_at == later
    assert reopened.details == details()


def test_a_reopened_vacancy_can_be_changed_and_closed_again():
    reopened = closed().reopen(NOW)
    assert reopened.update(details(openings=1), NOW).version == 4
    assert reopened.close(CloseReason.CANCELLED, NOW).status is Status.CLOSED


def test_an_open_vacancy_is_not_reopened():
    with pytest.raises(VacancyOpenError):
        Vacancy.post("v1", "acme", details(), NOW).reopen(NOW)


def test_a_reopen_against_an_old_version_is_a_conflict():
    with pytest.raises(VersionConflictError):
        closed().reopen(NOW, expected_version=1)


def test_a_reopen_after_the_deadline_asks_for_a_new_one_and_takes_it():
    vacancy = closed()
    after_deadline = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
    with pytest.raises(InvalidVacancyError) as refused:
        vacancy.reopen(after_deadline)
    assert "application_deadline" in refused.value.errors
    reopened = vacancy.reopen(after_deadline, application_deadline=date(2027, 1, 3), keep_deadline=False)
    assert reopened.details.application_deadline == date(2027, 1, 3)
    no_deadline = vacancy.reopen(after_deadline, application_deadline=None, keep_deadline=False)
    assert no_deadline.details.application_deadline is None


def test_the_reopened_event_carries_the_whole_open_vacancy():
    reopened = closed().reopen(NOW)
    payload = VacancyEvent(REOPENED, reopened).payload()
    assert (payload["status"], payload["close_reason"], payload["version"]) == ("open", None, 3)
    assert payload["reopened_at"] == NOW.isoformat()


def test_work_sites_mode_and_salary_round_trip_through_storage_and_events():
    d = details(
        other_municipalities=("499",),  # Mustasaari
        work_mode=WorkMode.HYBRID,
        salary=Salary(13.5, 15.0, "EUR", SalaryPeriod.HOUR, collective_agreement=True),
    )
    data = d.to_dict()
    assert data["other_municipalities"] == ["499"] and data["work_mode"] == "hybrid"
    assert data["salary"] == {
        "min": 13.5,
        "max": 15.0,
        "currency": "EUR",
        "period": "hour",
        "collective_agreement": True,
    }
    assert VacancyDetails.from_dict(data) == d
    assert d.municipalities == ("905", "499")


def test_details_stored_before_sites_and_salary_read_as_on_site_at_one_site_without_salary():
    old = details().to_dict()
    for name in ("work_mode", "other_municipalities", "salary"):
        old.pop(name)
    d = VacancyDetails.from_dict(old)
    assert (d.work_mode, d.other_municipalities, d.salary) == (WorkMode.ON_SITE, (), None)


def test_a_work_site_listed_twice_or_repeating_the_main_municipality_is_refused():
    with pytest.raises(InvalidVacancyError) as twice:
        Vacancy.post("v1", "acme", details(other_municipalities=("499", "499")), NOW)
    assert list(twice.value.errors) == ["other_municipalities"]
    with pytest.raises(InvalidVacancyError) as main_again:
        Vacancy.post("v1", "acme", details(other_municipalities=("905",)), NOW)
    assert list(main_again.value.errors) == ["other_municipalities"]


def test_the_order_of_work_sites_does_not_make_a_change():
    v = Vacancy.post("v1", "acme", details(other_municipalities=("499", "545")), NOW)
    assert v.update(details(other_municipalities=("545", "499")), NOW, versioned=False) is v


@pytest.mark.parametrize(
    ("salary", "fields"),
    [
        ({"min": 3000, "max": 2500, "period": "month"}, {"min"}),
        ({"min": 14, "max": None, "period": None}, {"period"}),
        ({"min": None, "max": None, "period": None, "collective_agreement": False}, {"_schema"}),
        ({"min": 4500, "max": None, "period": "hour"}, {"min"}),  # a monthly figure given per hour
        ({"min": 2500, "max": 90_000, "period": "month"}, {"max"}),
        # outside tester 27, T27-14 (e): a sub-cent amount was stored
        ({"min": 1e-300, "max": None, "period": "hour"}, {"min"}),
        ({"min": 0.5, "max": 14, "period": "hour"}, {"min"}),
        ({"min": 12.123456789, "max": None, "period": "hour"}, {"min"}),
        ({"min": 2500, "max": 25, "period": "month"}, {"min", "max"}),  # max per hour, min per month
    ],
)
def test_a_salary_breaking_a_rule_is_refused_naming_the_field(salary, fields):
    assert set(salary_errors(salary)) == fields


@pytest.mark.parametrize(
    "salary",
    [
        {"min": 2500, "max": 3000, "period": "month"},
        {"min": 14.5, "max": 14.5, "period": "hour"},
        {"min": None, "max": 18, "period": "hour"},
        {"min": None, "max": None, "period": None, "collective_agreement": True},
        {"min": 13, "max": None, "period": "hour", "collective_agreement": True},
        {"min": 1, "max": 12.35, "period": "hour"},
        {"min": 100, "max": 2345.67, "period": "month"},
    ],
)
def test_a_salary_range_or_the_collective_agreement_passes(salary):
    assert salary_errors(salary) == {}
