"""Hard filters: consent, availability, languages, working time and commute.

Evaluated on whole segments as vectorised numpy passes, or on a subset of rows (the best rows
of stage 1) when that is cheaper; `failed_filters` explains one candidate's failures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .geo import MunicipalityTable
from .model import LANGUAGE_LEVELS, WORKING_TIMES, Vacancy, language_rank
from .params import RankingParams
from .segment import GEO_KEY_SPAN, Segment


@dataclass(frozen=True, eq=False)
class FilterSpec:
    available_by: int  # date ordinal: candidates available on or before this day pass
    working_time: int | None  # required WORKING_TIMES position, None when the vacancy says "any"
    languages: tuple[tuple[str, int], ...]  # required (code, minimum rank)
    distances: np.ndarray  # km from the vacancy to each municipality; last entry NaN (unknown)
    include_unknown_distance: bool
    org: int | None  # consent filter: organisation position (-1 nobody consented), None = off


def filter_spec(
    vacancy: Vacancy,
    *,
    today: date,
    org: int | None,
    municipalities: MunicipalityTable,
    params: RankingParams,
) -> FilterSpec:
    start = max(today, vacancy.start_date or today)
    wt = None if vacancy.working_time == "any" else WORKING_TIMES.index(vacancy.working_time)
    return FilterSpec(
        available_by=start.toordinal(),
        working_time=wt,
        languages=tuple(sorted((c, language_rank(lvl)) for c, lvl in vacancy.languages.items())),
        distances=municipalities.distances_from(vacancy.municipality, params.road_factor).astype(np.float32),
        include_unknown_distance=params.include_unknown_distance,
        org=org,
    )


def near_ranges(seg: Segment, spec: FilterSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lo, hi, block): sorted, disjoint ranges of geographic positions (`Segment.geo_row`)
    holding every candidate who passes the commute filter, and (only where a commute was
    missing or out of range) a few who do not; one range per municipality block at most, the
    candidates whose maximum commute reaches the vacancy being a suffix of the block."""
    n_blocks = len(spec.distances)  # the municipalities, then the unknown one (position -1)
    blocks = np.arange(n_blocks + 1, dtype=np.float64) * GEO_KEY_SPAN  # block b: municipality b - 1
    edges = np.searchsorted(seg.geo_key, blocks)
    start, end = edges[:-1], edges[1:]
    distance = np.roll(spec.distances.astype(np.float64), 1)  # block 0 = unknown municipality
    unknown = np.isnan(distance)
    lo = np.searchsorted(seg.geo_key, blocks[:-1] + np.where(unknown, 0.0, distance))
    lo = np.where(unknown, start if spec.include_unknown_distance else end, lo)
    keep = np.flatnonzero(lo < end)
    return lo[keep].astype(np.int64), end[keep].astype(np.int64), keep.astype(np.int64)


def eligible_mask(
    seg: Segment,
    alive: np.ndarray,
    spec: FilterSpec,
    dense_languages: Sequence[str],
    excluded_rows: np.ndarray,
    rows: np.ndarray,
) -> np.ndarray:
    """Which of `rows` pass every hard filter (and are alive and not excluded).

    The filters run one after the other on the rows still passing, the most selective first,
    so that each later one reads the (randomly placed) attributes of fewer rows."""
    at = np.arange(len(rows))  # positions in `rows` still passing
    if spec.org is not None:
        at = at[seg.consents(spec.org, rows[at])]
    if spec.working_time is not None:
        wt = seg.working_time[rows[at]]
        at = at[(wt == spec.working_time) | (wt == WORKING_TIMES.index("any"))]
    at = at[seg.available_day[rows[at]] <= spec.available_by]
    at = at[_near(seg, spec, rows[at])]
    for code, rank in spec.languages:
        if code in dense_languages:
            at = at[seg.lang_dense[rows[at], dense_languages.index(code)] >= rank]
        else:
            lrows, ranks = seg.lang_sparse.get(code, _NO_LANGUAGE)
            at = at[member(lrows[ranks >= rank], rows[at])]
    at = at[alive[rows[at]]]
    if len(excluded_rows):
        at = at[~member(np.sort(excluded_rows), rows[at])]
    ok = np.zeros(len(rows), dtype=bool)
    ok[at] = True
    return ok


def _near(seg: Segment, spec: FilterSpec, at: np.ndarray | slice) -> np.ndarray:
    distance = spec.distances[seg.municipality[at]]  # index -1 picks the NaN entry
    near = distance <= seg.max_commute_km[at]
    if spec.include_unknown_distance:
        near |= np.isnan(distance)
    return near


_NO_LANGUAGE = (np.zeros(0, np.int32), np.zeros(0, np.uint8))


def member(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Membership of each of `rows` in the sorted array `sorted_rows`."""
    if not len(sorted_rows):
        return np.zeros(len(rows), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_rows, rows), len(sorted_rows) - 1)
    return sorted_rows[at] == rows


def failed_filters(
    seg: Segment, row: int, spec: FilterSpec, dense_languages: Sequence[str]
) -> tuple[str, ...]:
    """Human-readable reasons why one row fails the hard filters (empty when it passes)."""
    out = []
    if seg.hired[row]:
        out.append("hired")
    if spec.org is not None and not seg.consents(spec.org, np.asarray([row]))[0]:
        out.append("no consent for the viewing organisation")
    if seg.available_day[row] > spec.available_by:
        out.append(f"available from {date.fromordinal(int(seg.available_day[row])).isoformat()}")
    wt = int(seg.working_time[row])
    if spec.working_time is not None and wt not in (spec.working_time, WORKING_TIMES.index("any")):
        out.append(f"working time {WORKING_TIMES[wt]}")
    for code, rank in spec.languages:
        have = _language(seg, row, code, dense_languages)
        if have < rank:
            level = LANGUAGE_LEVELS[have - 1] if have else "none"
            out.append(f"language {code}: {level} < {LANGUAGE_LEVELS[rank - 1]}")
    distance = spec.distances[seg.municipality[row]]
    if distance > seg.max_commute_km[row]:
        out.append(f"commute {distance:.0f} km > {seg.max_commute_km[row]:.0f} km")
    if np.isnan(distance) and not spec.include_unknown_distance:
        out.append("distance unknown")
    return tuple(out)


def _language(seg: Segment, row: int, code: str, dense_languages: Sequence[str]) -> int:
    if code in dense_languages:
        return int(seg.lang_dense[row, dense_languages.index(code)])
    rows, ranks = seg.lang_sparse.get(code, _NO_LANGUAGE)
    hit = np.flatnonzero(rows == row)
    return int(ranks[hit[0]]) if len(hit) else 0
