"""The vacancy service's copy of the labour-shortage lists, read from ``kohtaanto.shortages.v1``.

The matching service owns the lists (operators import them there); this service keeps the latest
list per (region, period: half-year or month) so it can say, wherever it shows a vacancy, whether it
is a shortage role. It answers with the same rule as matching: ``services.kernel.shortages.ShortageBook``
(the shared kernel; the rule is part of what a ``shortage_list.imported`` event means).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from services.kernel.shortages import Period
from shared.messaging.consumer import PoisonMessageError

CONSUMER = "vacancy.shortages"


@dataclass(frozen=True, slots=True)
class StoredList:
    """One list as the vacancy service keeps it (a ``services.kernel.shortages.RatedList``)."""

    region: str
    period: Period
    source: str
    levels: Mapping[str, str]  # ESCO occupation URI -> level


def parse_payload(payload: Mapping[str, Any]) -> StoredList:
    """The consumer's tolerant reading of a ``shortage_list.imported`` payload (extra fields ignored)."""
    region, period, levels = payload.get("region"), payload.get("period"), payload.get("levels")
    try:
        parsed = Period.parse(period) if isinstance(region, str) and isinstance(period, str) else None
    except ValueError:
        parsed = None
    if parsed is None or not isinstance(region, str):
        raise PoisonMessageError("shortage list needs a region and a period like 2026H2 or 2026-03")
    if not isinstance(levels, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in levels.items()
    ):
        raise PoisonMessageError("shortage list needs levels: {occupation URI: level}")
    return StoredList(region, parsed, str(payload.get("source") or ""), levels)


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
