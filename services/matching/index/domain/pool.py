"""Stage 2 of a shortlist: the candidate pool.

For each segment, the rows within commuting distance of the vacancy (`near_ranges`: nobody else
can pass the commute filter) and an upper bound of each one's score from the inverted index
(`upper_bounds`, a compiled loop in `kernels`). The bound is exact for the similarity part and
sums rather than maxes the coverage part; occupation columns that could add little are skipped
and their total is carried as a bound (`QueryWeights.pruned_bound`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from .kernels import range_bounds
from .query import QueryWeights
from .segment import GEO_KEY_SPAN, Segment, encode_id
from .spoken import declared_ranks


def near_ranges(
    seg: Segment, distances: np.ndarray, include_unknown_distance: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lo, hi, block): sorted, disjoint ranges of geographic positions (`Segment.geo_row`)
    holding every candidate who passes the commute filter (`distances`: km from the vacancy to
    each municipality position, NaN last), and (only where a commute was missing or out of
    range) a few who do not; one range per municipality block at most, the candidates whose
    maximum commute reaches the vacancy being a suffix of the block."""
    n_blocks = len(distances)  # the municipalities, then the unknown one (position -1)
    blocks = np.arange(n_blocks + 1, dtype=np.float64) * GEO_KEY_SPAN  # block b: municipality b - 1
    edges = np.searchsorted(seg.geo_key, blocks)
    start, end = edges[:-1], edges[1:]
    distance = np.roll(distances.astype(np.float64), 1)  # block 0 = unknown municipality
    unknown = np.isnan(distance)
    lo = np.searchsorted(seg.geo_key, blocks[:-1] + np.where(unknown, 0.0, distance))
    lo = np.where(unknown, start if include_unknown_distance else end, lo)
    keep = np.flatnonzero(lo < end)
    return lo[keep].astype(np.int64), end[keep].astype(np.int64), keep.astype(np.int64)


@dataclass(frozen=True, eq=False)
class NearRows:
    """The rows of a segment that stage 1 considers for one vacancy: the geographic positions
    in the ranges [lo[k], hi[k]) (see `near_ranges`), numbered 0 .. size - 1 in order."""

    lo: np.ndarray
    hi: np.ndarray
    block: np.ndarray  # municipality block of each range (see `segment.block_offsets`)
    base: np.ndarray  # number of positions before each range
    size: int

    @classmethod
    def of(cls, lo: np.ndarray, hi: np.ndarray, block: np.ndarray) -> NearRows:
        sizes = hi - lo
        base = np.zeros(len(lo), dtype=np.int64)
        np.cumsum(sizes[:-1], out=base[1:])
        return cls(lo, hi, block, base, int(sizes.sum()))


@dataclass(frozen=True, eq=False)
class Pool:
    """One segment's stage-1 state for a query."""

    seg: Segment
    present: np.ndarray  # (len(seg),) bool: False for removed or superseded rows
    near: NearRows
    ub: np.ndarray  # stage-1 bound of each near position
    excluded_rows: np.ndarray


def near_rows_of(seg: Segment, distances: np.ndarray, include_unknown_distance: bool) -> NearRows:
    """The `NearRows` of `near_ranges`."""
    return NearRows.of(*near_ranges(seg, distances, include_unknown_distance))


def candidate_pools(
    segments: Sequence[tuple[Segment, np.ndarray]],
    qw: QueryWeights,
    distances: np.ndarray,
    include_unknown_distance: bool,
    exclude: Collection[str],
    *,
    threads: int = 1,
    near_of: Callable[[Segment], NearRows] | None = None,
    bounds_of: Callable[[Segment, NearRows], np.ndarray] | None = None,
) -> list[Pool]:
    """One `Pool` per (segment, present mask): its near rows, their stage-1 bounds and the rows of
    the excluded candidate ids. `near_of`: each segment's near rows for these `distances` and
    `include_unknown_distance` when the caller keeps them (`near_rows_of`'s, the same arrays);
    `bounds_of`: likewise the stage-1 bounds of a segment's near rows with `qw` (`upper_bounds`'
    numbers, read only). Neither depends on the present mask or on `exclude`."""
    keys = [encode_id(c) for c in exclude]
    pools = []
    for seg, present in segments:
        excluded = np.asarray([r for r in map(seg.find, keys) if r >= 0], dtype=np.int64)
        near = near_of(seg) if near_of is not None else near_rows_of(seg, distances, include_unknown_distance)
        ub = bounds_of(seg, near) if bounds_of is not None else upper_bounds(seg, qw, near, threads=threads)
        pools.append(Pool(seg, present, near, ub, excluded))
    return pools


def upper_bounds(seg: Segment, qw: QueryWeights, near: NearRows, *, threads: int = 1) -> np.ndarray:
    """Stage 1: for every near row (in `near` order) an upper bound of its score, less
    `qw.pruned_bound`.

    Sums over the query's columns of the inverted index: the similarity part (a bound from the
    row's walked sum, its norm and its largest coordinate:
    `kernels.similarity_bound_of`) and the coverage and experience-match part (coverage as a sum over
    the candidate's skills instead of a max per essential skill, so never below the exact
    coverage). Computed by `kernels.range_bounds`, only within the near ranges. A vacancy with
    ESCO language skills adds what the rows' declared languages can earn there (`language_bounds`)
    to rows with other evidence (a language alone is none: `spoken`)."""
    if not near.size:
        return np.zeros(0, dtype=np.float32)
    ub = range_bounds(
        seg.postings,
        seg.geo_inv_norm,
        qw.columns,
        qw.column_weights,
        qw.n_cov_columns,
        near.lo,
        near.hi,
        table=seg.block_offsets,
        blocks=near.block,
        threads=threads,
        bound=qw.bound.as_tuple(),
        vector_max=seg.geo_vector_max,
        trade_fall=_trade_fall(seg),
        whole=qw.bound.whole,
    )
    if qw.language_bound:
        ub = ub + language_bounds(seg, qw, near, ub > 0)
    return ub


def _trade_fall(seg: Segment) -> np.ndarray | None:
    """The segment's `geo_trade_fall` when it has one per row (the rule on), else None."""
    fall = seg.geo_trade_fall
    return fall if fall is not None and len(fall) == len(seg) else None


def language_bounds(seg: Segment, qw: QueryWeights, near: NearRows, evidence: np.ndarray) -> np.ndarray:
    """(near.size,) float32: the most that the declared languages of the near rows with `evidence`
    ((near.size,) bool) add to their scores at the query's language skills (`QueryWeights.
    language_bound`, claim weight of the best declared level); 0 for the others."""
    out = np.zeros(near.size, dtype=np.float32)
    at = np.flatnonzero(evidence)
    if not len(at):
        return out
    rows = near_rows(seg, near)[at]
    weight_of = qw.language_weights
    assert weight_of is not None
    extra = np.zeros(len(at))
    for meets, (sim, cov) in zip(qw.query.languages.meets, qw.language_bound, strict=True):
        w = weight_of[declared_ranks(seg.columns["languages"], meets, rows)]
        extra += np.where(w > 0, sim, 0.0) + np.minimum(w, 1.0) * cov
    out[at] = extra
    return out


def evidence_rows(
    seg: Segment, qw: QueryWeights, present: np.ndarray, excluded_rows: np.ndarray
) -> np.ndarray:
    """Rows of `seg` anywhere in the country with skill evidence for the query (a positive stage-1
    bound), present and not among `excluded_rows`: (m,) int64 in geographic order (unsorted:
    counting needs no order, and sorting cost as much as the walk). Walks the query's
    columns over the whole segment (about 2-3x stage 1's walk of the near rows, measured at
    100,000 profiles), for counting what the hard filters remove (`filters.Exclusions`)."""
    n = len(seg)
    if not n:
        return np.zeros(0, dtype=np.int64)
    ub = range_bounds(
        seg.postings,
        seg.geo_inv_norm,
        qw.columns,
        qw.column_weights,
        qw.n_cov_columns,
        np.array([0]),
        np.array([n]),
    )
    rows = seg.geo_row[np.flatnonzero(ub > 0)].astype(np.int64)
    rows = rows[present[rows]]
    if len(excluded_rows):
        rows = rows[~np.isin(rows, excluded_rows)]
    return rows


def positive_rows(seg: Segment, near: NearRows, ub: np.ndarray) -> np.ndarray:
    """(m,) int32 ascending: the segment rows at the near positions whose stage-1 bound `ub`
    ((near.size,), `upper_bounds`) is positive."""
    return np.sort(near_rows(seg, near)[ub > 0])


def reach_evidence_rows(
    pool: Pool, qw: QueryWeights, full: QueryWeights, positive_of: np.ndarray | None = None
) -> np.ndarray:
    """Rows of the pool (within commuting reach) with skill evidence for the query, present and not
    among the pool's excluded rows: (m,) int64 ascending. `qw` are the weights the pool's bounds were
    walked with, `full` the same query's unpruned weights: evidence is a positive bound with the
    unpruned weights (so it does not depend on which columns a page needed), which is the pool's
    bound, or else one of the columns `qw` left to a bound, walked here over the near rows only.
    `positive_of`: `positive_rows` of the pool's bounds when the caller keeps them (the same array)."""
    seg, near = pool.seg, pool.near
    if not near.size:
        return np.zeros(0, dtype=np.int64)
    if qw is full and positive_of is not None:  # kept: no walk and no sort
        rows = positive_of.astype(np.int64)
        rows = rows[pool.present[rows]]
        if len(pool.excluded_rows):
            rows = rows[~np.isin(rows, pool.excluded_rows)]
        return rows
    positive = pool.ub > 0
    if qw is not full:  # the same weights (stage 1 walked unpruned): nothing else to walk
        walked = np.zeros(seg.postings.shape[1], dtype=bool)
        walked[qw.columns] = True
        extra = ~walked[full.columns]
        if extra.any():
            at = np.flatnonzero(extra)
            positive |= (
                range_bounds(
                    seg.postings,
                    seg.geo_inv_norm,
                    full.columns[at],
                    full.column_weights[at],
                    int((at < full.n_cov_columns).sum()),
                    near.lo,
                    near.hi,
                    table=seg.block_offsets,
                    blocks=near.block,
                )
                > 0
            )
    # the near positions' rows, one slice of the geographic order per range, then those with
    # evidence; sorted, so that the filters (and `present`) read their columns in memory order
    rows = np.sort(near_rows(seg, near)[positive]).astype(np.int64)
    rows = rows[pool.present[rows]]
    if len(pool.excluded_rows):
        rows = rows[~np.isin(rows, pool.excluded_rows)]
    return rows


def near_rows(seg: Segment, near: NearRows) -> np.ndarray:
    """(near.size,) int32: the segment row at each near position (`NearRows` order)."""
    geo_row = seg.geo_row
    if len(near.lo) == 0:  # no candidate within any reach (e.g. an empty region)
        return geo_row[:0]
    if len(near.lo) == 1:
        return geo_row[int(near.lo[0]) : int(near.hi[0])]
    return np.concatenate([geo_row[a:b] for a, b in zip(near.lo.tolist(), near.hi.tolist(), strict=True)])
