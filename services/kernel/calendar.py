"""Finnish working days: Monday to Friday, except public holidays and the customary days off
(Midsummer Eve, Christmas Eve), from the ``holidays`` library (MIT, maintained; its Finnish calendar
follows the Finnish holiday acts and moves Easter, Ascension, Midsummer and All Saints' Day each year).

A rule both services apply alike: the profile service's worklist counts how late an action is in
working days, and matching's weekly meeting shows the same figure for the same watch point.

And the services' "today": the day in Finland (``local_day``), not in UTC. Timestamps are kept in
UTC; a *day* taken from the clock (a deadline passed, a week ended, a consent or a link expired, a
shortage period begun) is the day it is in Finland at that instant, so near midnight the services
agree with their users: 2026-12-31T22:30Z is already 1 January 2027 in Helsinki (UTC+2; UTC+3 in
summer), and a week ends at Sunday midnight Finnish time, not two or three hours later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

#: The services' time zone: every user is in Finland (IANA data from the system, else the ``tzdata``
#: package, a dependency, so a container without time-zone files still has it).
SERVICE_TIME_ZONE_NAME = "Europe/Helsinki"
SERVICE_TIME_ZONE = ZoneInfo(SERVICE_TIME_ZONE_NAME)


def local_day(instant: datetime) -> date:
    """The day in Finland at ``instant`` (an aware datetime; a naive one is read as UTC, as stored
    timestamps are): ``2026-12-31T22:30Z`` → ``2027-01-01``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(SERVICE_TIME_ZONE).date()


def today() -> date:
    """The day it is in Finland now (``local_day`` of the system clock)."""
    return local_day(datetime.now(UTC))


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("FI", years=year))


class FinnishWorkingDays:
    """Finnish working days (the ``WorkingDays`` calendar of ``services.profile.paths.domain``)."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _holidays(day.year)

    def add(self, day: date, working_days: int) -> date:
        """The date ``working_days`` (≥ 0) working days after ``day``: 0 gives ``day`` itself when it
        is a working day, else the next working day. Raises ``ValueError`` for a negative count."""
        if working_days < 0:
            raise ValueError("working_days must be >= 0")
        current = day
        while not self.is_working_day(current):
            current += timedelta(days=1)
        for _ in range(working_days):
            current += timedelta(days=1)
            while not self.is_working_day(current):
                current += timedelta(days=1)
        return current

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count
