"""The services' "today" is the day in Finland (Europe/Helsinki), in the domain's kernel and in the
shared plumbing alike; timestamps stay UTC (session 22: it was the UTC date, 2-3 hours late)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.kernel import calendar
from shared import days


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        ("2026-12-31T21:59:59+00:00", "2026-12-31"),  # 23:59:59 in Helsinki (UTC+2)
        ("2026-12-31T22:30:00+00:00", "2027-01-01"),  # 00:30 on New Year's Day in Helsinki
        ("2027-06-30T20:59:00+00:00", "2027-06-30"),  # summer time, UTC+3: 23:59
        ("2027-06-30T21:00:00+00:00", "2027-07-01"),
        ("2027-03-28T00:30:00+00:00", "2027-03-28"),  # the night summer time begins
        ("2027-01-01T00:30:00+02:00", "2027-01-01"),  # an instant written in Finnish time
        ("2026-12-31T22:30:00", "2027-01-01"),  # a naive stored timestamp is UTC
    ],
)
def test_a_day_taken_from_the_clock_is_the_day_in_finland(instant, day):
    moment = datetime.fromisoformat(instant)
    assert calendar.local_day(moment).isoformat() == day
    assert days.local_day(moment).isoformat() == day


def test_the_kernel_and_the_plumbing_name_one_time_zone():
    assert calendar.SERVICE_TIME_ZONE_NAME == days.SERVICE_TIME_ZONE_NAME == "Europe/Helsinki"
    now = datetime.now(UTC)
    assert calendar.today() in {calendar.local_day(now), calendar.local_day(now + timedelta(minutes=1))}
    assert days.today() == calendar.today() or days.today() == calendar.local_day(now + timedelta(minutes=1))
