"""Hard filters, each declared once: hired, consent, availability, working time, languages, commute.

A declaration (`HardFilter`) says everything about one filter:

* its typed reason code (`Reason`), used in explanations and for counting exclusions;
* the candidate attributes it reads (`Column`s): how each is validated and encoded from a
  `Candidate`, stored as a column of a segment and carried over when segments merge;
* its term in the filter spec: what this vacancy (and this caller, today) asks, or None when the
  filter does not apply to the request;
* its vectorised test over segment rows and the words that explain a failure.

`eligible_mask` (the shortlist) and `failed_filters` (an explanation) both run the declarations in
`FILTERS`, so they cannot disagree, and `segment` builds and merges the declared columns without
knowing what they mean. Adding a filter means adding a declaration to `FILTERS` (and the attribute
to `model.Candidate` and to the event reader).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

from .geo import MunicipalityTable
from .model import LANGUAGE_LEVELS, WORKING_TIMES, Candidate, InvalidRecordError, Vacancy, language_rank
from .params import RankingParams

T = TypeVar("T")


class Reason(StrEnum):
    """Why a candidate is left off a shortlist: one code per hard filter."""

    HIRED = "hired"
    CONSENT = "consent"
    AVAILABILITY = "availability"
    WORKING_TIME = "working_time"
    LANGUAGE = "language"
    COMMUTE = "commute"


@dataclass(frozen=True, slots=True)
class FilterFailure:
    """One failed hard filter of one candidate: the typed reason and the words shown to people."""

    reason: Reason
    detail: str  # e.g. "language fi: A2 < B1", "commute 48 km > 30 km"

    def __str__(self) -> str:
        return self.detail


# -- how candidate attributes are stored ----------------------------------------------------------
class OrgRegistry:
    """Organisation codes -> small integers; append-only, shared by all segments."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}

    def index(self, org: str) -> int:
        """Position of `org`, registering it if new (writer side only)."""
        return self._index.setdefault(org, len(self._index))

    def find(self, org: str) -> int:
        """Position of `org`, or -1 when no candidate ever consented to it."""
        return self._index.get(org, -1)


@dataclass(frozen=True, eq=False)
class Layout:
    """What encoding columns needs beyond the candidates: shared by every segment of an index."""

    municipalities: MunicipalityTable
    orgs: OrgRegistry
    dense_languages: Sequence[str]


@dataclass(frozen=True, eq=False)
class Part:
    """One segment's column in a merge: its value, the rows kept (ascending) and where each of the
    segment's rows lands in the merged segment (-1: dropped)."""

    value: Any
    rows: np.ndarray
    remap: np.ndarray


class Column(ABC):
    """One candidate attribute as a segment stores it."""

    name: str

    @abstractmethod
    def encode(self, candidate: Candidate) -> Any:
        """The attribute as a compact Python value; raises `InvalidRecordError` for values outside
        the documented vocabulary."""

    @abstractmethod
    def build(self, values: Sequence[Any], layout: Layout) -> Any:
        """The column of a new segment from the encoded values of its rows (in row order)."""

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> Any:
        """The column of the merged segment: by default row arrays, concatenated and reordered."""
        return np.concatenate([p.value[p.rows] for p in parts])[order]

    def nbytes(self, value: Any) -> list[np.ndarray]:
        """The arrays holding `value` (memory accounting)."""
        return [value]


class RowColumn(Column):
    """One number per row in a numpy array of `dtype`."""

    def __init__(
        self,
        name: str,
        dtype: type,
        encode: Callable[[Candidate], Any],
        to_number: Callable[[Any, Layout], Any] | None = None,
    ) -> None:
        self.name, self.dtype, self._encode, self._to_number = name, dtype, encode, to_number

    def encode(self, candidate: Candidate) -> Any:
        return self._encode(candidate)

    def build(self, values: Sequence[Any], layout: Layout) -> np.ndarray:
        if self._to_number is not None:
            convert = self._to_number
            values = [convert(v, layout) for v in values]
        return np.fromiter(values, dtype=self.dtype, count=len(values))


@dataclass(frozen=True, eq=False)
class LanguageLevels:
    """Language ranks (0 none .. 7 native): dense columns for the common languages, (rows, ranks)
    pairs for the others."""

    dense_codes: tuple[str, ...]
    dense: np.ndarray  # (n, len(dense_codes)) uint8
    sparse: Mapping[str, tuple[np.ndarray, np.ndarray]]  # code -> (rows int32 ascending, ranks uint8)

    def ranks(self, code: str, rows: np.ndarray) -> np.ndarray:
        """Rank of `code` of each of `rows` (0 when not known)."""
        if code in self.dense_codes:
            return self.dense[rows, self.dense_codes.index(code)]
        have, ranks = self.sparse.get(code, _NO_LANGUAGE)
        if not len(have):
            return np.zeros(len(rows), dtype=np.uint8)
        at = np.minimum(np.searchsorted(have, rows), len(have) - 1)
        return np.where(have[at] == rows, ranks[at], 0).astype(np.uint8)


_NO_LANGUAGE = (np.zeros(0, np.int32), np.zeros(0, np.uint8))


class LanguageColumn(Column):
    name = "languages"

    def encode(self, candidate: Candidate) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((c, language_rank(lvl)) for c, lvl in candidate.languages.items()))

    def build(self, values: Sequence[Any], layout: Layout) -> LanguageLevels:
        codes = tuple(layout.dense_languages)
        dense_pos = {code: i for i, code in enumerate(codes)}
        dense = np.zeros((len(values), len(codes)), dtype=np.uint8)
        rows: dict[str, list[int]] = {}
        ranks: dict[str, list[int]] = {}
        for i, languages in enumerate(values):
            for code, rank in languages:
                j = dense_pos.get(code)
                if j is not None:
                    dense[i, j] = rank
                else:
                    rows.setdefault(code, []).append(i)
                    ranks.setdefault(code, []).append(rank)
        sparse = {
            code: (np.asarray(rows[code], np.int32), np.asarray(ranks[code], np.uint8)) for code in rows
        }
        return LanguageLevels(codes, dense, sparse)

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> LanguageLevels:
        dense = np.concatenate([p.value.dense[p.rows] for p in parts])[order]
        sparse: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for code in sorted({c for p in parts for c in p.value.sparse}):
            new_rows, new_ranks = [], []
            for p in parts:
                rows, ranks = p.value.sparse.get(code, _NO_LANGUAGE)
                new = p.remap[rows]
                new_rows.append(new[new >= 0])
                new_ranks.append(ranks[new >= 0])
            r, k = np.concatenate(new_rows), np.concatenate(new_ranks)
            o = np.argsort(r, kind="stable")
            sparse[code] = (r[o].astype(np.int32), k[o])
        return LanguageLevels(parts[0].value.dense_codes, dense, sparse)

    def nbytes(self, value: LanguageLevels) -> list[np.ndarray]:
        return [value.dense, *(a for pair in value.sparse.values() for a in pair)]


class ConsentColumn(Column):
    """Consent as bits: row r of organisation o is bit r of ``bits[o]`` (little-endian), shape
    (n_orgs, ceil(n / 8)) uint8; organisations numbered by the index's `OrgRegistry`."""

    name = "consent"

    def encode(self, candidate: Candidate) -> tuple[str, ...]:
        return tuple(sorted(candidate.consented_orgs))

    def build(self, values: Sequence[Any], layout: Layout) -> np.ndarray:
        pairs = [(layout.orgs.index(o), i) for i, orgs in enumerate(values) for o in orgs]
        return consent_bits(np.asarray(pairs, dtype=np.int64), len(values))

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> np.ndarray:
        pairs = []
        for p in parts:
            for org in range(len(p.value)):
                rows_of_org = np.flatnonzero(
                    np.unpackbits(p.value[org], count=len(p.remap), bitorder="little")
                )
                new = p.remap[rows_of_org]
                pairs.append(np.stack([np.full(len(new), org), new], axis=1)[new >= 0])
        return consent_bits(np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64), n)


def consent_bits(pairs: np.ndarray, n: int) -> np.ndarray:
    """Consent bits (see `ConsentColumn`) of n rows from (organisation, row) pairs."""
    pairs = pairs.reshape(-1, 2)
    n_orgs = int(pairs[:, 0].max()) + 1 if len(pairs) else 0
    bits = np.zeros((n_orgs, (n + 7) // 8), dtype=np.uint8)
    for org in range(n_orgs):
        mask = np.zeros(n, dtype=bool)
        mask[pairs[pairs[:, 0] == org, 1]] = True
        bits[org] = np.packbits(mask, bitorder="little")
    return bits


def consents(bits: np.ndarray, org: int, rows: np.ndarray) -> np.ndarray:
    """Whether each of `rows` consented to the organisation at position `org`."""
    if org < 0 or org >= len(bits):
        return np.zeros(len(rows), dtype=bool)
    return ((bits[org][rows >> 3] >> (rows & 7).astype(np.uint8)) & 1).astype(bool)


def _working_time(candidate: Candidate) -> int:
    if candidate.working_time not in WORKING_TIMES:
        raise InvalidRecordError(f"unknown working time {candidate.working_time!r}")
    return WORKING_TIMES.index(candidate.working_time)


HIRED = RowColumn("hired", bool, lambda c: c.hired)
CONSENT = ConsentColumn()
AVAILABLE_DAY = RowColumn("available_day", np.int32, lambda c: c.available_from.toordinal())
WORKING_TIME = RowColumn("working_time", np.uint8, _working_time)
LANGUAGES = LanguageColumn()
MUNICIPALITY = RowColumn(
    "municipality", np.int16, lambda c: c.municipality, lambda code, layout: layout.municipalities.index(code)
)  # position in the MunicipalityTable, -1 unknown
MAX_COMMUTE_KM = RowColumn("max_commute_km", np.float32, lambda c: float(c.max_commute_km))


# -- what a request asks ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Request:
    """What the terms of a shortlist or explanation request are computed from."""

    vacancy: Vacancy
    today: date
    org: int | None  # consent filter: the viewer's organisation position (-1 nobody consented), None off
    distances: np.ndarray  # km from the vacancy to each municipality; last entry NaN (unknown)
    include_unknown_distance: bool


class Columns(Protocol):
    """A segment's declared columns by name (`segment.Segment.columns`)."""

    def __getitem__(self, name: str) -> Any: ...


class HardFilter(ABC, Generic[T]):
    """One hard filter (see the module docstring). `hides_candidate`: failing it means the caller
    may not see the candidate at all (not even in an explanation)."""

    reason: Reason
    columns: tuple[Column, ...]
    hides_candidate: bool = False

    @abstractmethod
    def term(self, request: Request) -> T | None:
        """What the request asks of candidates; None when this filter does not apply to it."""

    @abstractmethod
    def passes(self, cols: Columns, term: T, rows: np.ndarray) -> np.ndarray:
        """(len(rows),) bool: which of `rows` pass."""

    @abstractmethod
    def describe(self, cols: Columns, term: T, row: int) -> tuple[str, ...]:
        """Why `row` (which fails) fails, in words."""


class Hired(HardFilter[bool]):
    reason, columns = Reason.HIRED, (HIRED,)

    def term(self, request: Request) -> bool:
        return True  # hired candidates are never shortlisted

    def passes(self, cols: Columns, term: bool, rows: np.ndarray) -> np.ndarray:
        return ~cols["hired"][rows]

    def describe(self, cols: Columns, term: bool, row: int) -> tuple[str, ...]:
        return ("hired",)


class Consent(HardFilter[int]):
    reason, columns, hides_candidate = Reason.CONSENT, (CONSENT,), True

    def term(self, request: Request) -> int | None:
        return request.org

    def passes(self, cols: Columns, term: int, rows: np.ndarray) -> np.ndarray:
        return consents(cols["consent"], term, rows)

    def describe(self, cols: Columns, term: int, row: int) -> tuple[str, ...]:
        return ("no consent for the viewing organisation",)


class Availability(HardFilter[int]):
    """Available on or before the vacancy's start (today when it starts earlier or has no date)."""

    reason, columns = Reason.AVAILABILITY, (AVAILABLE_DAY,)

    def term(self, request: Request) -> int:
        return max(request.today, request.vacancy.start_date or request.today).toordinal()

    def passes(self, cols: Columns, term: int, rows: np.ndarray) -> np.ndarray:
        return cols["available_day"][rows] <= term

    def describe(self, cols: Columns, term: int, row: int) -> tuple[str, ...]:
        return (f"available from {date.fromordinal(int(cols['available_day'][row])).isoformat()}",)


ANY_WORKING_TIME = WORKING_TIMES.index("any")


class WorkingTime(HardFilter[int]):
    reason, columns = Reason.WORKING_TIME, (WORKING_TIME,)

    def term(self, request: Request) -> int | None:
        wt = request.vacancy.working_time
        return None if wt == "any" else WORKING_TIMES.index(wt)

    def passes(self, cols: Columns, term: int, rows: np.ndarray) -> np.ndarray:
        wt = cols["working_time"][rows]
        return (wt == term) | (wt == ANY_WORKING_TIME)

    def describe(self, cols: Columns, term: int, row: int) -> tuple[str, ...]:
        return (f"working time {WORKING_TIMES[int(cols['working_time'][row])]}",)


class Languages(HardFilter[tuple[tuple[str, int], ...]]):
    """Every language the vacancy requires, at its minimum level or better."""

    reason, columns = Reason.LANGUAGE, (LANGUAGES,)

    def term(self, request: Request) -> tuple[tuple[str, int], ...] | None:
        wanted = tuple(sorted((c, language_rank(lvl)) for c, lvl in request.vacancy.languages.items()))
        return wanted or None

    def passes(self, cols: Columns, term: tuple[tuple[str, int], ...], rows: np.ndarray) -> np.ndarray:
        levels: LanguageLevels = cols["languages"]
        ok = np.ones(len(rows), dtype=bool)
        for code, rank in term:
            at = np.flatnonzero(ok)
            ok[at] = levels.ranks(code, rows[at]) >= rank
        return ok

    def describe(self, cols: Columns, term: tuple[tuple[str, int], ...], row: int) -> tuple[str, ...]:
        levels: LanguageLevels = cols["languages"]
        out = []
        for code, rank in term:
            have = int(levels.ranks(code, np.asarray([row]))[0])
            if have < rank:
                level = LANGUAGE_LEVELS[have - 1] if have else "none"
                out.append(f"language {code}: {level} < {LANGUAGE_LEVELS[rank - 1]}")
        return tuple(out)


@dataclass(frozen=True, eq=False)
class Reach:
    distances: np.ndarray  # km from the vacancy to each municipality position; last entry NaN
    include_unknown: bool  # whether an unknown distance passes


class Commute(HardFilter[Reach]):
    """The vacancy within the candidate's maximum commute (road distance estimate)."""

    reason, columns = Reason.COMMUTE, (MUNICIPALITY, MAX_COMMUTE_KM)

    def term(self, request: Request) -> Reach:
        return Reach(request.distances, request.include_unknown_distance)

    def passes(self, cols: Columns, term: Reach, rows: np.ndarray) -> np.ndarray:
        distance = term.distances[cols["municipality"][rows]]  # index -1 picks the NaN entry
        near = distance <= cols["max_commute_km"][rows]
        if term.include_unknown:
            near |= np.isnan(distance)
        return near

    def describe(self, cols: Columns, term: Reach, row: int) -> tuple[str, ...]:
        distance = term.distances[cols["municipality"][row]]
        if np.isnan(distance):
            return ("distance unknown",)
        return (f"commute {distance:.0f} km > {cols['max_commute_km'][row]:.0f} km",)


FILTERS: tuple[HardFilter[Any], ...] = (
    Hired(),
    Consent(),
    Availability(),
    WorkingTime(),
    Languages(),
    Commute(),
)
"""Every hard filter, in the order they run and explanations list them."""

COLUMNS: tuple[Column, ...] = tuple(c for f in FILTERS for c in f.columns)
"""Every candidate attribute the hard filters read, as segments store them."""

HIDING = frozenset(f.reason for f in FILTERS if f.hides_candidate)
"""Reasons that hide a candidate from the caller altogether (an explanation answers "unknown")."""


def encode(candidate: Candidate) -> tuple[Any, ...]:
    """The candidate's filter attributes in `COLUMNS` order (validated)."""
    return tuple(c.encode(candidate) for c in COLUMNS)


# -- evaluating ------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class FilterSpec:
    """The hard filters that apply to one request, each with its term, in `FILTERS` order."""

    terms: tuple[tuple[HardFilter[Any], Any], ...]
    distances: np.ndarray  # km from the vacancy to each municipality; last entry NaN (unknown)
    include_unknown_distance: bool


def filter_spec(
    vacancy: Vacancy,
    *,
    today: date,
    org: int | None,
    municipalities: MunicipalityTable,
    params: RankingParams,
) -> FilterSpec:
    distances = municipalities.distances_from(vacancy.municipality, params.road_factor).astype(np.float32)
    request = Request(vacancy, today, org, distances, params.include_unknown_distance)
    terms = tuple((f, t) for f in FILTERS if (t := f.term(request)) is not None)
    return FilterSpec(terms, distances, params.include_unknown_distance)


def eligible_mask(
    cols: Columns, present: np.ndarray, spec: FilterSpec, excluded_rows: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Which of `rows` pass every hard filter (and are present and not excluded).

    The filters run one after the other on the rows still passing, so that each later one reads
    the (randomly placed) attributes of fewer rows."""
    at = np.arange(len(rows))  # positions in `rows` still passing
    for f, term in spec.terms:
        at = at[f.passes(cols, term, rows[at])]
    at = at[present[rows[at]]]
    if len(excluded_rows):
        at = at[~member(np.sort(excluded_rows), rows[at])]
    ok = np.zeros(len(rows), dtype=bool)
    ok[at] = True
    return ok


def failed_filters(cols: Columns, row: int, spec: FilterSpec) -> tuple[FilterFailure, ...]:
    """The hard filters that one row fails, with their reasons (empty when it passes)."""
    one = np.asarray([row])
    return tuple(
        FilterFailure(f.reason, detail)
        for f, term in spec.terms
        if not f.passes(cols, term, one)[0]
        for detail in f.describe(cols, term, row)
    )


def member(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Membership of each of `rows` in the sorted array `sorted_rows`."""
    if not len(sorted_rows):
        return np.zeros(len(rows), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_rows, rows), len(sorted_rows) - 1)
    return sorted_rows[at] == rows
