"""The vacancy service's copy of the labour-shortage lists, read from ``kohtaanto.shortages.v1``, and
the flag it puts on every vacancy it shows.

The matching service owns the lists (operators import them there); this service keeps the latest
list per (region, period: half-year or month) so it can say, wherever it shows a vacancy, whether it is a shortage
role. The rule is the same as matching's: among the lists covering the vacancy's region (its own and
the ``national`` ones) the latest period applies, and within it the region's own rating wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from shared.messaging.consumer import PoisonMessageError

NATIONAL = "national"
SHORTAGE_LEVELS = ("severe_shortage", "shortage")
CONSUMER = "vacancy.shortages"
_PERIOD = re.compile(r"^(\d{4})(?:H([12])|-(0[1-9]|1[0-2]))$")  # a half-year 2026H2 or a month 2026-03


@dataclass(frozen=True, slots=True)
class StoredList:
    region: str
    period: str
    source: str
    levels: Mapping[str, str]  # ESCO occupation URI -> level

    @property
    def order(self) -> tuple[int, int, int]:
        """(year, first month, last month): the latest period starts last, as in matching's rule."""
        m = _PERIOD.match(self.period)
        if not m:
            return (0, 0, 0)
        if m.group(2):
            half = int(m.group(2))
            return (int(m.group(1)), 6 * half - 5, 6 * half)
        return (int(m.group(1)), int(m.group(3)), int(m.group(3)))


class ShortageBook:
    def __init__(self, lists: Iterable[StoredList]) -> None:
        self._by_region: dict[str, list[StoredList]] = {}
        for item in lists:
            self._by_region.setdefault(item.region, []).append(item)

    def flag(self, region: str, occupation_uri: str) -> dict[str, str] | None:
        """``{level, period, region, source}`` when the occupation is in shortage in the region, else None."""
        covering = self._by_region.get(region, []) + self._by_region.get(NATIONAL, [])
        if not covering:
            return None
        latest = max(x.order for x in covering)
        for item in (x for x in covering if x.order == latest):
            level = item.levels.get(occupation_uri)
            if level is not None:
                if level not in SHORTAGE_LEVELS:
                    return None
                return {"level": level, "period": item.period, "region": item.region, "source": item.source}
        return None


def parse_payload(payload: Mapping[str, Any]) -> StoredList:
    """The consumer's tolerant reading of a ``shortage_list.imported`` payload (extra fields ignored)."""
    region, period, levels = payload.get("region"), payload.get("period"), payload.get("levels")
    if not isinstance(region, str) or not isinstance(period, str) or not _PERIOD.match(period):
        raise PoisonMessageError("shortage list needs a region and a period like 2026H2 or 2026-03")
    if not isinstance(levels, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in levels.items()
    ):
        raise PoisonMessageError("shortage list needs levels: {occupation URI: level}")
    return StoredList(region, period, str(payload.get("source") or ""), levels)


class ShortageStore(Protocol):
    def replace(self, item: StoredList, event_id: str) -> None: ...

    def delete(self, region: str, period: str) -> None: ...


class ConsumerUnitOfWork(Protocol):
    @property
    def shortages(self) -> ShortageStore: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: object) -> None: ...

    def claim(self, consumer: str, event_id: str) -> bool: ...

    def commit(self) -> None: ...
