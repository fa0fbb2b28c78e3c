"""Finnish working days: Monday to Friday, except public holidays and the customary days off
(Midsummer Eve, Christmas Eve), from the ``holidays`` library (MIT, maintained; its Finnish calendar
follows the Finnish holiday acts and moves Easter, Ascension, Midsummer and All Saints' Day each year).

A rule both services apply alike: the profile service's worklist counts how late an action is in
working days, and matching's weekly meeting shows the same figure for the same watch point.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


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
