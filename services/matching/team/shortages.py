"""Labour-shortage occupations per region and half-year: the operator's CSV, its validation, and the
rule that says whether a vacancy is a shortage role.

Pure Python (no Flask, SQL or Kafka): ``parse_shortage_csv`` checks a whole file and either returns
every list in it or raises ``ShortageCsvError`` with the reasons per line, so a bad file imports
nothing. See docs/meeting.md for the CSV format.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

NATIONAL = "national"
COLUMNS = ("occupation", "region", "period", "level")
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
PERIOD = re.compile(r"^(\d{4})H([12])$")
ISCO = re.compile(r"^\d{1,4}$")


class Level(StrEnum):
    """The Occupational Barometer's five-step scale, from the employers' point of view."""

    SEVERE_SHORTAGE = "severe_shortage"  # suuri pula
    SHORTAGE = "shortage"  # pulaa
    BALANCE = "balance"  # tasapaino
    SURPLUS = "surplus"  # ylitarjontaa
    SEVERE_SURPLUS = "severe_surplus"  # suuri ylitarjonta

    @property
    def is_shortage(self) -> bool:
        return self in (Level.SEVERE_SHORTAGE, Level.SHORTAGE)


class OccupationCatalogue(Protocol):
    """What parsing needs of the ESCO taxonomy."""

    def has_occupation(self, uri: str) -> bool: ...

    def occupations_in_isco(self, code: str) -> Sequence[str]: ...


class ShortageCsvError(ValueError):
    """A shortage file breaks the format; ``errors`` maps a line number (1 = header) to reasons."""

    def __init__(self, errors: Mapping[int, list[str]]) -> None:
        self.errors = dict(sorted(errors.items()))
        super().__init__("; ".join(f"line {n}: {', '.join(r)}" for n, r in self.errors.items()))


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A half-year, e.g. ``2026H2`` (July to December 2026)."""

    year: int
    half: int

    @classmethod
    def parse(cls, text: str) -> Period:
        m = PERIOD.match(text.strip().upper())
        if not m or not 2000 <= int(m.group(1)) <= 2100:
            raise ValueError("period must be a half-year like 2026H2 (years 2000–2100)")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"


@dataclass(frozen=True, slots=True)
class ShortageEntry:
    occupation: str  # an ESCO occupation URI or an ISCO-08 code of 1–4 digits
    level: Level
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ShortageList:
    """One region's (or the whole country's) ratings for one half-year, as imported.

    ``levels`` resolves the entries to ESCO occupation URIs: an ISCO code covers every ESCO occupation
    in its group, and a more specific entry (a URI, then a longer code) wins over a broader one.
    """

    region: str
    period: Period
    entries: tuple[ShortageEntry, ...]
    levels: Mapping[str, Level] = field(default_factory=dict)
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.region}|{self.period}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "period": str(self.period),
            "source": self.source,
            "entries": [{"occupation": e.occupation, "level": e.level.value} for e in self.entries],
            "levels": {uri: level.value for uri, level in sorted(self.levels.items())},
        }

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> ShortageList:
        return cls(
            region=str(p["region"]),
            period=Period.parse(str(p["period"])),
            entries=tuple(ShortageEntry(str(e["occupation"]), Level(e["level"])) for e in p["entries"]),
            levels={str(uri): Level(level) for uri, level in p["levels"].items()},
            source=str(p.get("source") or ""),
        )


@dataclass(frozen=True, slots=True)
class ShortageFlag:
    """Why a vacancy counts as a shortage role: the level, the half-year and whose list said so."""

    level: Level
    period: Period
    list_region: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {
            "level": self.level.value,
            "period": str(self.period),
            "region": self.list_region,
            "source": self.source,
        }


class ShortageBook:
    """Every current list; answers "is this occupation in shortage in this region?".

    The rule: among the lists covering the region (its own and the ``national`` ones), the latest
    imported period applies; within that period a region's own rating of an occupation wins over the
    national one. An occupation the applicable lists do not rate, or rate below ``shortage``, is not a
    shortage role. Older periods never apply once a newer one has been imported for the region.
    """

    def __init__(self, lists: Iterable[ShortageList]) -> None:
        self._by_region: dict[str, list[ShortageList]] = {}
        for item in lists:
            self._by_region.setdefault(item.region, []).append(item)

    def lists(self) -> list[ShortageList]:
        return [x for items in self._by_region.values() for x in items]

    def applicable(self, region: str) -> list[ShortageList]:
        """The lists that decide for ``region``, the region's own first."""
        covering = self._by_region.get(region, []) + self._by_region.get(NATIONAL, [])
        if not covering:
            return []
        latest = max(x.period for x in covering)
        return [x for x in covering if x.period == latest]

    def flag(self, region: str, occupation_uri: str | None) -> ShortageFlag | None:
        if not occupation_uri:
            return None
        for item in self.applicable(region):
            level = item.levels.get(occupation_uri)
            if level is not None:
                return (
                    ShortageFlag(level, item.period, item.region, item.source) if level.is_shortage else None
                )
        return None


def resolve(entries: Iterable[ShortageEntry], catalogue: OccupationCatalogue) -> dict[str, Level]:
    """ESCO occupation URI → level; the most specific entry wins (URI, then longer ISCO codes)."""

    def specificity(e: ShortageEntry) -> int:
        return 5 if e.occupation.startswith(ESCO_OCCUPATION) else len(e.occupation)

    levels: dict[str, Level] = {}
    for entry in sorted(entries, key=specificity):
        uris = (
            [entry.occupation] if specificity(entry) == 5 else catalogue.occupations_in_isco(entry.occupation)
        )
        levels.update(dict.fromkeys(uris, entry.level))
    return levels


def parse_shortage_csv(
    text: str, catalogue: OccupationCatalogue, regions: Collection[str], source: str = ""
) -> list[ShortageList]:
    """Every list in the file, or ``ShortageCsvError`` listing each bad line (nothing is half-read).

    Columns (header row required, any order, extra columns ignored): ``occupation`` (ESCO occupation URI
    or ISCO-08 code of 1–4 digits), ``region`` (a region id such as ``pirkanmaa``, or ``national``),
    ``period`` (``2026H2``), ``level`` (see ``Level``). One list per (region, period) in the file.
    """
    errors: dict[int, list[str]] = {}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ShortageCsvError({1: ["The file is empty: a header row is required."]}) from None
    except csv.Error as exc:
        raise ShortageCsvError({1: [f"Not a CSV file: {exc}."]}) from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ShortageCsvError({1: [f"Missing column(s): {', '.join(missing)}."]})
    index = {c: header.index(c) for c in COLUMNS}
    seen: dict[tuple[str, str, Period], int] = {}
    grouped: dict[tuple[str, Period], list[ShortageEntry]] = {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors[start] = [f"Not valid CSV: {exc}."]
            break
        line = start
        if not any(cell.strip() for cell in row):
            continue
        reasons: list[str] = []
        if len(row) <= max(index.values()):
            errors[line] = [f"{len(row)} field(s) where the header has {len(header)}."]
            continue
        value = {c: row[i].strip() for c, i in index.items()}
        occupation = _occupation(value["occupation"], catalogue, reasons)
        region = value["region"].lower()
        if region != NATIONAL and region not in regions:
            reasons.append(
                f"Unknown region {value['region']!r} (a region id such as 'pirkanmaa', or 'national')."
            )
        period: Period | None = None
        try:
            period = Period.parse(value["period"])
        except ValueError as exc:
            reasons.append(f"Bad period {value['period']!r}: {exc}.")
        level: Level | None = None
        try:
            level = Level(value["level"].lower())
        except ValueError:
            reasons.append(f"Bad level {value['level']!r}: one of {', '.join(x.value for x in Level)}.")
        if not reasons and occupation and period and level:
            first = seen.setdefault((occupation, region, period), line)
            if first != line:
                reasons.append(f"Same occupation, region and period as line {first}.")
            else:
                grouped.setdefault((region, period), []).append(ShortageEntry(occupation, level, line))
        if reasons:
            errors[line] = reasons
    if not errors and not grouped:
        errors[1] = ["No data rows after the header."]
    if errors:
        raise ShortageCsvError(errors)
    return [
        ShortageList(region, period, tuple(entries), resolve(entries, catalogue), source)
        for (region, period), entries in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]


def _occupation(raw: str, catalogue: OccupationCatalogue, reasons: list[str]) -> str | None:
    if raw.startswith(ESCO_OCCUPATION):
        if catalogue.has_occupation(raw):
            return raw
        reasons.append("Unknown ESCO occupation URI.")
        return None
    if ISCO.match(raw):
        if catalogue.occupations_in_isco(raw):
            return raw
        reasons.append(f"No ESCO occupation in ISCO-08 group {raw}.")
        return None
    reasons.append(f"Occupation {raw!r} is neither an ESCO occupation URI nor an ISCO-08 code of 1–4 digits.")
    return None
