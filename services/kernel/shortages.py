"""Which labour-shortage list decides for a region, and whether an occupation is a shortage role there.

The rule (docs/meeting.md): among the lists covering a region (its own and the ``national`` ones) the
latest period by start applies; within it the region's own rating of an occupation wins over the
national one; an occupation the applicable lists rate below ``shortage``, or do not rate, is not a
shortage role. The matching service imports the lists and publishes them on ``kohtaanto.shortages.v1``
(``shortage_list.imported``: region, period, source, levels); the vacancy service keeps a copy and
flags the vacancies it shows. Both answer with this one ``ShortageBook``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import total_ordering
from typing import Any, Generic, Protocol, TypeVar

from services.kernel.texts import N_

NATIONAL = "national"
MIN_YEAR, MAX_YEAR = 2000, 2100
_CANONICAL = re.compile(r"^(\d{4})(?:H([12])|-(0[1-9]|1[0-2]))$")  # 2026H2 or 2026-03


class Level(StrEnum):
    """The Occupational Barometer's five-step scale, from the employers' point of view."""

    SEVERE_SHORTAGE = "severe_shortage"  # paljon pulaa / suuri pula
    SHORTAGE = "shortage"  # pulaa
    BALANCE = "balance"  # tasapaino
    SURPLUS = "surplus"  # ylitarjontaa
    SEVERE_SURPLUS = "severe_surplus"  # paljon ylitarjontaa

    @property
    def is_shortage(self) -> bool:
        return self in (Level.SEVERE_SHORTAGE, Level.SHORTAGE)


SHORTAGE_LEVELS = frozenset(x.value for x in Level if x.is_shortage)


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A half-year (``Period(2026, 2)`` = ``2026H2``, July–December) or a month
    (``Period(2026, month=3)`` = ``2026-03``). Periods order by start, then end: the latest starts last."""

    year: int
    half: int = 0  # 1 or 2 for a half-year
    month: int = 0  # 1–12 for a month

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(
                N_("year %(year)s is outside %(first)s–%(last)s")
                % {"year": self.year, "first": MIN_YEAR, "last": MAX_YEAR}
            )
        if (self.half in (1, 2)) == (1 <= self.month <= 12) or self.half not in (0, 1, 2):
            raise ValueError(N_("a period is a half-year (half 1 or 2) or a month (1–12)"))

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period of its published form, ``2026H2`` or ``2026-03`` (what ``str`` gives).
        Raises ``ValueError`` for anything else (an operator's table is read by matching's own,
        lenient ``parse_period``)."""
        m = _CANONICAL.match(text)
        if not m:
            raise ValueError(
                N_("a period is written like 2026H2 or 2026-03, not %(value)s") % {"value": repr(text)}
            )
        return cls(int(m[1]), int(m[2])) if m[2] else cls(int(m[1]), month=int(m[3]))

    @classmethod
    def of(cls, day: date) -> Period:
        """The half-year containing ``day``."""
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, self.month or (1 if self.half == 1 else 7), 1)

    @property
    def end(self) -> date:
        last_month = self.month or (6 if self.half == 1 else 12)
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def _key(self) -> tuple[date, date]:
        return self.start, self.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}H{self.half}"


class RatedList(Protocol):
    """What the rule reads of a list: whose it is, for when, and its ratings (ESCO occupation URI →
    ``Level`` value; a value outside ``Level`` counts as rated but not in shortage)."""

    @property
    def region(self) -> str: ...

    @property
    def period(self) -> Period: ...

    @property
    def source(self) -> str: ...

    @property
    def levels(self) -> Mapping[str, str]: ...


L = TypeVar("L", bound=RatedList)


@dataclass(frozen=True, slots=True)
class ShortageFlag:
    """Why a vacancy counts as a shortage role: the level, the period and whose list said so."""

    level: Level
    period: Period
    list_region: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """``{level, period, region, source}``, as both services show it."""
        return {
            "level": self.level.value,
            "period": str(self.period),
            "region": self.list_region,
            "source": self.source,
        }


class ShortageBook(Generic[L]):
    """Every current list; answers "is this occupation in shortage in this region?" (the rule above).
    Older periods never apply once a newer one is stored for the region."""

    def __init__(self, lists: Iterable[L]) -> None:
        self._by_region: dict[str, list[L]] = {}
        for item in lists:
            self._by_region.setdefault(item.region, []).append(item)

    def lists(self) -> list[L]:
        return [x for items in self._by_region.values() for x in items]

    def applicable(self, region: str) -> list[L]:
        """The lists that decide for ``region``, the region's own first."""
        covering = self._by_region.get(region, []) + self._by_region.get(NATIONAL, [])
        if not covering:
            return []
        latest = max(x.period for x in covering)
        return [x for x in covering if x.period == latest]

    def applies(self, item: L) -> bool:
        """Whether ``item`` decides for some region (for ``national``: for a region without a later list)."""
        if item.region != NATIONAL:
            return item in self.applicable(item.region)
        regions = [r for r in self._by_region if r != NATIONAL] or [""]
        return any(item in self.applicable(r) for r in regions) or item in self.applicable("")

    def flag(self, region: str, occupation_uri: str | None) -> ShortageFlag | None:
        """The flag of ``occupation_uri`` in ``region``, or None when it is not a shortage role there."""
        if not occupation_uri:
            return None
        for item in self.applicable(region):
            level = item.levels.get(occupation_uri)
            if level is not None:
                if level not in SHORTAGE_LEVELS:
                    return None
                return ShortageFlag(Level(level), item.period, item.region, item.source)
        return None
