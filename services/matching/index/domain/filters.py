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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import numpy as np

from services.kernel.texts import N_

from .arrays import best_rows, member, positions_to_rows
from .columns import (
    Column,
    ConsentColumn,
    LanguageColumn,
    LanguageLevels,
    RowColumn,
    consents,
)
from .model import LANGUAGE_LEVELS, WORKING_TIMES, Candidate, InvalidRecordError, Vacancy, language_rank

if TYPE_CHECKING:
    from .pool import Pool
    from .segment import Segment

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
DEFAULT_AVAILABILITY_WINDOW_DAYS = 28
"""A vacancy without a start date accepts candidates available within this many days (4 weeks):
recruiters fill such a job "as soon as possible", which in practice means within a notice period
(Finnish notice periods are 14 days to a month for most employees, so a month covers them)."""


@dataclass(frozen=True, eq=False)
class Request:
    """What the terms of a shortlist or explanation request are computed from."""

    vacancy: Vacancy
    today: date
    org: int | None  # consent filter: the viewer's organisation position (-1 nobody consented), None off
    distances: np.ndarray  # km from the vacancy to each municipality; last entry NaN (unknown)
    include_unknown_distance: bool
    availability_window_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS  # no start date: `available_by`
    # with `org`: (n_municipalities + 1,) bool, True where the viewer also sees the residents
    # (the regions an employment-services organisation serves); last entry False (unknown); None: none
    homes: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class ViewerScope:
    """A viewer who sees the candidates who consented to `org` and those whose home municipality
    (a code as candidates carry it) is in `municipalities` (``shared.entitlement.viewer``: the
    regions an employment-services organisation serves, as municipality codes). Hashable: cached
    answers are keyed by it."""

    org: str
    municipalities: frozenset[str] = frozenset()


ViewerArg = str | ViewerScope | None
"""Whom a shortlist or explanation is for: None nobody filtered (every candidate), an organisation
id (the candidates who consented to it), or a `ViewerScope`."""


@dataclass(frozen=True, eq=False)
class Audience:
    """Whom a viewer may see (`Consent`): candidates who consented to `org`, and (when `homes` is
    given) those whose home municipality's position has `homes` True. Built once per request."""

    org: int  # the viewer's organisation position in the consent column (-1: nobody consented)
    homes: np.ndarray | None  # see `Request.homes`


def available_by(vacancy: Vacancy, today: date, window_days: int) -> date:
    """The last day a candidate may become available and still pass `Availability`: the vacancy's
    start date (today when it lies in the past), or, for a vacancy without one, today plus
    `window_days`. Raises `ValueError` for a negative window."""
    if window_days < 0:
        raise ValueError(f"availability window must be >= 0 days, got {window_days}")
    if vacancy.start_date is not None:
        return max(today, vacancy.start_date)
    return date.fromordinal(today.toordinal() + window_days)


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
        return (N_("hired"),)


class Consent(HardFilter[Audience]):
    """Who the viewer may see (``shared.entitlement.viewer``): candidates who consented to the
    viewer's organisation, or who live where the viewer serves (`Audience.homes`: one lookup in a
    small per-request mask by the municipality column). Hides whoever fails it."""

    reason, columns, hides_candidate = Reason.CONSENT, (CONSENT, MUNICIPALITY), True

    def term(self, request: Request) -> Audience | None:
        return None if request.org is None else Audience(request.org, request.homes)

    def passes(self, cols: Columns, term: Audience, rows: np.ndarray) -> np.ndarray:
        ok = consents(cols["consent"], term.org, rows)
        if term.homes is not None:
            ok |= term.homes[cols["municipality"][rows]]  # index -1 (unknown) picks the False entry
        return ok

    def describe(self, cols: Columns, term: Audience, row: int) -> tuple[str, ...]:
        return (N_("no consent for the viewing organisation"),)


class Availability(HardFilter[int]):
    """Available on or before the vacancy's start date (today when it lies in the past); for a
    vacancy without a start date, within the request's window from today (`available_by`).

    Passing is all that availability does: it never changes a score, so a candidate available
    today and one available on the last day of the window rank alike by their skills (nobody is
    pushed down for being available sooner, or later, than another); entries show
    `available_from` for the recruiter to weigh."""

    reason, columns = Reason.AVAILABILITY, (AVAILABLE_DAY,)

    def term(self, request: Request) -> int:
        return available_by(request.vacancy, request.today, request.availability_window_days).toordinal()

    def passes(self, cols: Columns, term: int, rows: np.ndarray) -> np.ndarray:
        return cols["available_day"][rows] <= term

    def describe(self, cols: Columns, term: int, row: int) -> tuple[str, ...]:
        day = date.fromordinal(int(cols["available_day"][row])).isoformat()
        by = date.fromordinal(term).isoformat()
        return (N_("available from %(day)s, after %(by)s") % {"day": day, "by": by},)


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
        wanted = WORKING_TIMES[int(cols["working_time"][row])]
        return (N_("looks for full-time work") if wanted == "full_time" else N_("looks for part-time work"),)


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
                need = LANGUAGE_LEVELS[rank - 1]
                if have:
                    level = LANGUAGE_LEVELS[have - 1]
                    text = N_("language %(code)s: %(level)s < %(need)s") % {
                        "code": code,
                        "level": level,
                        "need": need,
                    }
                else:
                    text = N_("language %(code)s: none < %(need)s") % {"code": code, "need": need}
                out.append(text)
        return tuple(out)


@dataclass(frozen=True, eq=False)
class Reach:
    distances: np.ndarray  # km from the vacancy to each municipality position; last entry NaN
    include_unknown: bool  # whether an unknown distance passes


class Commute(HardFilter[Reach]):
    """The vacancy within the candidate's maximum commute (road distance estimate; none across the
    sea between Åland and the mainland, whose distance is +inf here)."""

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
            return (N_("distance unknown"),)
        if np.isinf(distance):  # another road network (`query.road_distances`): the sea between
            return (N_("no road between home and work: the sea between Åland and the mainland"),)
        limit = float(cols["max_commute_km"][row])
        return (
            N_("commute %(km)s km > %(max)s km")
            % {"km": _beyond(float(distance), limit), "max": f"{limit:g}"},
        )


def _beyond(distance: float, limit: float) -> str:
    """``distance`` (km) written with as few decimals (0-2) as show it above ``limit`` (km): a
    30.3 km commute over a 30 km limit reads "30.3 km > 30 km", not "30 km > 30 km" (outside
    tester 27, T27-3)."""
    for decimals in (0, 1, 2):
        written = f"{distance:.{decimals}f}"
        if float(written) > limit:
            return written
    return f"{distance:.2f}"


FILTERS: tuple[HardFilter[Any], ...] = (
    Hired(),
    Consent(),
    Availability(),
    WorkingTime(),
    Languages(),
    Commute(),
)
"""Every hard filter, in the order they run and explanations list them."""

COLUMNS: tuple[Column, ...] = tuple(dict.fromkeys(c for f in FILTERS for c in f.columns))
"""Every candidate attribute the hard filters read (each once), as segments store them."""

HIDING = frozenset(f.reason for f in FILTERS if f.hides_candidate)
"""Reasons that hide a candidate from the caller altogether (an explanation answers "unknown")."""

COUNTED: tuple[Reason, ...] = tuple(f.reason for f in FILTERS if not f.hides_candidate)
"""Reasons counted in a shortlist's exclusions (`Exclusions`): every hard filter that removes a
candidate the caller may see. Filters that hide a candidate (consent) define who is counted at
all, so a count never reveals that a candidate the caller may not see exists."""


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


def filter_spec(request: Request) -> FilterSpec:
    """The filters that apply to `request`, with their terms."""
    terms = tuple((f, t) for f in FILTERS if (t := f.term(request)) is not None)
    return FilterSpec(terms, request.distances, request.include_unknown_distance)


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


class Scope(StrEnum):
    """Which candidates a shortlist's exclusion counts cover (`Exclusions.scope`)."""

    REACH = "commuting_reach"
    """Those whose own maximum commute reaches the vacancy (the candidates stage 1 already walks):
    commute defines who is counted, like consent, and is not a counted reason. The default: it
    answers what a recruiter can act on (the availability window, the vacancy's languages and
    working time) about people who could actually take the job, at a small cost."""
    COUNTRY = "country"
    """Everyone in the index, commute counted as a reason: one more walk of the vacancy's columns
    over the whole country (several times the cost of the shortlist itself)."""


@dataclass(frozen=True, slots=True)
class Exclusions:
    """What the hard filters removed from one shortlist request.

    Counted over the candidates with skill evidence for the vacancy (they would be listed with a
    score above 0 but for the filters) that the caller may see (those failing a hiding filter,
    i.e. without consent for a partner recruiter's organisation, are not counted anywhere), that
    the team has not already hired or rejected for it and, in the `Scope.REACH` scope (the
    default), whose maximum commute reaches the vacancy. `by_reason` counts each counted filter
    independently (a candidate failing two counts under both); `excluded` counts each removed
    candidate once; `considered` is everyone counted."""

    considered: int
    excluded: int
    by_reason: Mapping[str, int]
    scope: Scope = Scope.COUNTRY


def scope_reasons(scope: Scope) -> frozenset[Reason]:
    """The reasons that decide who is counted in `scope` (never counted themselves)."""
    return HIDING | {Reason.COMMUTE} if scope is Scope.REACH else HIDING


def counted_reasons(scope: Scope) -> tuple[Reason, ...]:
    """The reasons counted in `scope`, in `FILTERS` order."""
    return tuple(r for r in COUNTED if r not in scope_reasons(scope))


def count_exclusions(
    cols: Columns, rows: np.ndarray, spec: FilterSpec, scope: Scope = Scope.COUNTRY
) -> tuple[int, int, np.ndarray]:
    """(considered, excluded, per `counted_reasons(scope)` reason) over `rows` (the candidates with
    skill evidence, present and not excluded by the team): see `Exclusions`. `rows`: (n,) int64."""
    reasons = counted_reasons(scope)
    defining = scope_reasons(scope)
    counts = np.zeros(len(reasons), dtype=np.int64)
    for f, term in spec.terms:
        if f.reason in defining:
            rows = rows[f.passes(cols, term, rows)]
    failed = np.zeros(len(rows), dtype=bool)
    for f, term in spec.terms:
        if f.reason not in defining:
            fails = ~f.passes(cols, term, rows)
            counts[reasons.index(f.reason)] = int(fails.sum())
            failed |= fails
    return len(rows), int(failed.sum()), counts


OUTSIDE_SCOPE_BIT = 7
"""`failure_bits`: the bit of a row failing a filter that defines the scope without hiding the
candidate (commute within reach): such a row is not counted at all."""


def failure_bits(cols: Columns, rows: np.ndarray, spec: FilterSpec, scope: Scope) -> np.ndarray:
    """(len(rows),) uint8: per row of `rows` ((n,) int64), bit i set where it fails the i-th reason
    of `counted_reasons(scope)`, bit `OUTSIDE_SCOPE_BIT` where it fails a filter that defines the
    scope without hiding (commute within reach). The hiding filters (consent) are left out: they
    depend on the viewer, the rest only on the vacancy, the day and the row, so a vacancy's bits
    serve every viewer's counts that day (`count_with_bits`; the same counts as `count_exclusions`,
    each filter's test being per row)."""
    reasons = counted_reasons(scope)
    defining = scope_reasons(scope)
    bits = np.zeros(len(rows), dtype=np.uint8)
    for f, term in spec.terms:
        if f.reason in HIDING:
            continue
        at = OUTSIDE_SCOPE_BIT if f.reason in defining else reasons.index(f.reason)
        bits |= (~f.passes(cols, term, rows)).astype(np.uint8) << np.uint8(at)
    return bits


def failure_key(spec: FilterSpec, scope: Scope) -> tuple[Any, ...]:
    """What `failure_bits` depend on besides the rows: the scope and the terms of the filters that
    do not hide (by value; the commute's as its distances' bytes)."""
    key: list[Any] = [scope]
    for f, term in spec.terms:
        if f.reason in HIDING:
            continue
        if isinstance(term, Reach):
            term = (term.distances.tobytes(), term.include_unknown)
        key.append((f.reason, term))
    return tuple(key)


def count_with_bits(
    cols: Columns, rows: np.ndarray, bits: np.ndarray, keep: np.ndarray, spec: FilterSpec, scope: Scope
) -> tuple[int, int, np.ndarray]:
    """`count_exclusions` over the rows of `rows` where `keep` ((len(rows),) bool: present, not
    excluded by the team) is True, from their `failure_bits` `bits` (made with the same spec's
    terms but the hiding ones, which run here)."""
    reasons = counted_reasons(scope)
    at = np.flatnonzero(keep)
    for f, term in spec.terms:
        if f.reason in HIDING:
            at = at[f.passes(cols, term, rows[at])]
    seen = np.bincount(bits[at], minlength=256)[: 1 << OUTSIDE_SCOPE_BIT]  # within the scope only
    values = np.arange(len(seen))
    counts = np.asarray(
        [int(seen[(values >> i) & 1 == 1].sum()) for i in range(len(reasons))], dtype=np.int64
    )
    return int(seen.sum()), int(seen[1:].sum()), counts


def explain_failures(
    request: Request, rows: Sequence[tuple[Segment, int]]
) -> list[tuple[FilterFailure, ...]]:
    """Stage 3 for explanations: the hard filters each (segment, row) fails."""
    spec = filter_spec(request)
    return [failed_filters(seg.columns, row, spec) for seg, row in rows]


@dataclass(frozen=True, eq=False)
class Eligible:
    """Stage 3's answer for one request: for each pool, eligible rows with a positive stage-1
    bound (at least `need` of the best by bound when there are that many), their bounds, and a
    bound on every near row left out (0 when none is)."""

    spec: FilterSpec
    need: int
    segments: tuple[Segment, ...]
    rows: tuple[np.ndarray, ...]
    bounds: tuple[np.ndarray, ...]
    rest: tuple[float, ...]
    rates: tuple[float, ...] = ()
    """Per pool, the share of the rows filtered last that passed (0 when the pool was filtered
    whole): where a request asking for more (`previous`) starts its width, not at 8 x need again."""


def eligible(
    pools: Sequence[Pool], request: Request, need: int, previous: Eligible | None = None
) -> Eligible:
    """Stage 3 of a shortlist: the hard filters over each pool's best rows by stage-1 bound.

    Filters run first on the best positions by bound only, widening by the observed pass rate;
    when that would cover an eighth of the near rows they run on all of them at once. With
    `previous` (the same request, asking for a larger `need`), pools that already gave every
    eligible row or enough of them are kept as they were."""
    spec = previous.spec if previous is not None else filter_spec(request)
    rows, bounds, rest, rates = [], [], [], []
    for i, pool in enumerate(pools):
        if previous is not None and not (previous.rest[i] > 0 and previous.rows[i].size < need):
            found = previous.rows[i], previous.bounds[i], previous.rest[i], previous.rates[i]
        else:
            # asked again (a consent filter few pass): start from the pass rate seen, so that
            # the filters do not first run once more on a width that rate says is too narrow
            rate = previous.rates[i] if previous is not None else 0.0
            found = _eligible_top(pool, spec, need, rate)
        rows.append(found[0])
        bounds.append(found[1])
        rest.append(found[2])
        rates.append(found[3])
    return Eligible(
        spec, need, tuple(p.seg for p in pools), tuple(rows), tuple(bounds), tuple(rest), tuple(rates)
    )


FIRST_WIDTH = 2048
"""The fewest best-bound rows of a pool the filters run on first (`eligible`)."""


def _eligible_top(
    pool: Pool, spec: FilterSpec, need: int, rate: float = 0.0
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(rows, bounds, rest, rate) of `eligible` for one pool; `rate` (0: unknown) the share of
    filtered rows that passed in an earlier call for this request, which widens the first width."""
    ub, seg, near = pool.ub, pool.seg, pool.near
    n = len(ub)
    x = max(8 * need, FIRST_WIDTH)
    if rate > 0:
        x = max(x, int(2 * need / rate))
    while True:
        if x >= n // 8:
            at, boundary = np.flatnonzero(ub > 0), 0.0
        else:
            at, boundary = best_rows(ub, x)
        rows = positions_to_rows(near.lo, near.base, seg.geo_row, at)
        ok = eligible_mask(seg.columns, pool.present, spec, pool.excluded_rows, rows)
        rate = max(int(ok.sum()), 1) / max(len(at), 1)
        if x >= n // 8 or ok.sum() >= need or boundary <= 0:
            return rows[ok], ub[at[ok]], boundary, (rate if boundary > 0 else 0.0)
        x = max(4 * x, int(2 * need / rate))
