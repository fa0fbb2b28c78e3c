"""Which labour-shortage lists decide for a region, and whether an occupation is a shortage role there.

The rule (docs/meeting.md, "Which list applies"): among the lists covering a region (its own and the
``national`` ones) whose period has started on the day asked about (a list for a later period is
stored but decides nothing until its first day), the **frame** is the latest-starting period that
lies inside no other such period (a half-year, or a month outside every stored half-year); a later
frame replaces an earlier one wholly (the barometer's next half-year). Lists whose period lies inside the frame (the months of a
half-year) **refine** it: each occupation is decided by the latest-starting list that rates it (a month
before its half-year; the later of two months), the region's own rating before the national one for
the same period; an occupation no refining list rates stays with the frame. An occupation the deciding
list rates below ``shortage``, or that no applicable list rates, is not a shortage role. Before
(outside tester 15, P4) the latest period alone decided, so a one-line month wiped its half-year.

The matching service imports the lists and publishes them on ``kohtaanto.shortages.v1``
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

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies inside this period (a month of a half-year; a period contains itself)."""
        return self.start <= other.start and other.end <= self.end

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
    """Every stored list, as in force on the day ``on``; answers "is this occupation in shortage in
    this region on that day?" (the rule above). A list whose period starts after ``on`` is **pending**:
    it is kept (``lists``, ``pending``) but decides nothing until its first day, so an outlook for the
    next half-year imported in autumn leaves this week's meeting alone (outside tester 22, R1).
    ``on`` is the caller's clock (the services' injected ``clock``, the week a meeting is for); the
    kernel never reads the system time."""

    def __init__(self, lists: Iterable[L], *, on: date) -> None:
        self.on = on
        self._by_region: dict[str, list[L]] = {}
        self._pending: list[L] = []
        self._applicable: dict[str, list[L]] = {}  # the book never changes: computed once per region
        for item in lists:
            if item.period.start > on:
                self._pending.append(item)
            else:
                self._by_region.setdefault(item.region, []).append(item)

    def lists(self) -> list[L]:
        """Every stored list, pending ones included."""
        return [*(x for items in self._by_region.values() for x in items), *self._pending]

    def in_force(self) -> list[L]:
        """The lists whose period has started by ``on`` (those the rule reads)."""
        return [x for items in self._by_region.values() for x in items]

    def is_pending(self, item: L) -> bool:
        """Whether ``item``'s period starts after ``on`` (stored, deciding nothing yet)."""
        return item.period.start > self.on

    def at(self, day: date) -> ShortageBook[L]:
        """The same lists as in force on ``day`` (a meeting prepared for a later week)."""
        return ShortageBook(self.lists(), on=day)

    def regions(self) -> list[str]:
        """The regions with a list of their own (``national`` not included), sorted."""
        return sorted(r for r in self._by_region if r != NATIONAL)

    def frame(self, region: str) -> Period | None:
        """The period whose lists decide for ``region``: the latest-starting stored period (of the
        region's own and the national lists) that lies inside no other stored period; None without lists."""
        periods = {x.period for x in self._covering(region)}
        outer = [p for p in periods if not any(q != p and q.contains(p) for q in periods)]
        return max(outer, key=lambda p: (p.start, p.end)) if outer else None

    def applicable(self, region: str) -> list[L]:
        """The lists that decide for ``region`` in the order they decide: the frame's refining lists
        first (latest start first, then the shorter period), the region's own before the national one
        for the same period. ``region`` "" (or ``national``) is the view of a region without lists."""
        if region not in self._applicable:
            frame = self.frame(region)
            inside = [x for x in self._covering(region) if frame is not None and frame.contains(x.period)]
            self._applicable[region] = sorted(
                inside, key=lambda x: (-x.period.start.toordinal(), x.period.end, x.region != region)
            )
        return list(self._applicable[region])

    def decisions(self, region: str) -> dict[str, L]:
        """ESCO occupation URI → the list whose rating decides it in ``region`` (see ``applicable``)."""
        decided: dict[str, L] = {}
        for item in self.applicable(region):
            for uri in item.levels:
                decided.setdefault(uri, item)
        return decided

    def views(self, item: L) -> list[str]:
        """The regions ``item`` can decide for: its own, or for a national list every region with a
        list of its own and "" (the regions without one)."""
        return [item.region] if item.region != NATIONAL else [*self.regions(), ""]

    def applies(self, item: L) -> bool:
        """Whether ``item`` is among the applicable lists of some region it covers (never while pending)."""
        return any(item in self.applicable(r) for r in self.views(item))

    def decided_by(self, item: L) -> int:
        """How many occupations ``item`` decides: in its own region, or for a national list in the
        regions without a list of their own (``views``' last)."""
        view = self.views(item)[-1]
        return sum(1 for x in self.decisions(view).values() if x == item)

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

    def _covering(self, region: str) -> list[L]:
        own = self._by_region.get(region, []) if region != NATIONAL else []
        return own + self._by_region.get(NATIONAL, [])
