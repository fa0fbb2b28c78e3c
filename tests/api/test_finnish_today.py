"""Session 22: "today" was the UTC date in both services, so near midnight in Finland (UTC+2, +3 in
summer) a deadline passed, a year ended or a day began two or three hours late. The services' day is
the day in Europe/Helsinki (services/kernel/calendar.py); an injected clock shows the edge:
2026-12-31T22:30Z is already 1 January 2027 in Helsinki, 21:30Z still New Year's Eve."""

from datetime import UTC, datetime

import pytest

from tests.api.vacancy_bodies import EMPLOYER
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import WELDER, auth, profile_body

# validation refused before storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
NEW_YEARS_EVE_LATE = datetime(2026, 12, 31, 21, 30, tzinfo=UTC)  # 23:30 in Helsinki
NEW_YEARS_DAY_EARLY = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 00:30 in Helsinki


@pytest.mark.parametrize(("now", "status"), [(NEW_YEARS_EVE_LATE, 201), (NEW_YEARS_DAY_EARLY, 422)])
def test_an_application_deadline_of_new_years_eve_passes_at_midnight_in_finland(vacancy_app, now, status):
    vacancy_app.extensions["kohtaanto.vacancy.handlers"].clock = lambda: now
    body = vacancy_body(application_deadline="2026-12-31", start_date="2027-01-11")
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert r.status_code == status, r.json
    if status == 422:
        assert list(r.json["errors"]["json"]) == ["application_deadline"], r.json


@pytest.mark.parametrize(("now", "status"), [(NEW_YEARS_EVE_LATE, 422), (NEW_YEARS_DAY_EARLY, 201)])
def test_a_job_ended_in_the_new_year_is_a_past_job_from_midnight_in_finland(profile_app, now, status):
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: now
    body = profile_body(work_history=[{"occupation_uri": WELDER, "years": 2, "ended_year": 2027}])
    r = profile_app.test_client().put("/api/v1/profiles/t-new-year", json=body, headers=COACH)
    assert r.status_code == status, r.json
    if status == 422:
        assert "work_history" in r.json["errors"]["json"], r.json


def test_timestamps_stay_in_utc(profile_app):
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: NEW_YEARS_DAY_EARLY
    r = profile_app.test_client().put("/api/v1/profiles/t-utc", json=profile_body(), headers=COACH)
    assert r.status_code == 201, r.json
    assert r.json["created_at"] == "2026-12-31T22:30:00+00:00"
