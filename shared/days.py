"""The services' "today" for the shared plumbing: the day in Finland (Europe/Helsinki), not in UTC.

The domain's own copy is ``services.kernel.calendar.local_day`` (the plumbing may import no service,
and the domain cores nothing of the plumbing); ``tests/unit/shared/test_days.py`` checks both agree.
Timestamps stay in UTC; only a day taken from the clock is Finland's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

#: The services' time zone (``services.kernel.calendar.SERVICE_TIME_ZONE_NAME``).
SERVICE_TIME_ZONE_NAME = "Europe/Helsinki"
SERVICE_TIME_ZONE = ZoneInfo(SERVICE_TIME_ZONE_NAME)


def local_day(instant: datetime) -> date:
    """The day in Finland at ``instant`` (aware; a naive one is read as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(SERVICE_TIME_ZONE).date()


def today() -> date:
    """The day it is in Finland now."""
    return local_day(datetime.now(UTC))
