"""Array helpers the ranking stages share: entries of CSR rows, sorted membership."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .kernels import compiled_row_positions


def row_positions(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in `rows`, index into the data arrays) of every stored entry of the given rows of
    a CSR matrix (or columns of a CSC one) with this `indptr`, row by row; both int64.
    Compiled (`kernels.compiled_row_positions`, the same numbers) where numba is on."""
    found = compiled_row_positions(indptr, rows)
    if found is not None:
        return found
    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    at = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return at, offsets + np.arange(len(at))


def gather_rows(m: sp.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in `rows`, column, value) of every stored entry of the given CSR rows."""
    at, idx = row_positions(m.indptr, rows)
    return at, m.indices[idx], m.data[idx].astype(np.float64)


def experience_block(
    at: np.ndarray,
    occ: np.ndarray,
    weight: np.ndarray,
    n: int,
    experience: sp.csr_matrix,
    skill_col: np.ndarray,
) -> np.ndarray:
    """(n, width) dense: for each of n rows, the sum over its work history (row position `at`,
    occupation `occ`, `weight`) of weight x the occupation's skill weights, in the column that
    `skill_col` gives each skill (skills mapped to -1 are left out; width = largest column + 1)."""
    width = int(skill_col.max()) + 1 if len(skill_col) else 0
    out = np.zeros(n * width)
    if len(occ) and width:
        which, skill, value = gather_rows(experience, occ)
        col = skill_col[skill]
        hit = col >= 0
        out += np.bincount(
            at[which[hit]] * width + col[hit], weight[which[hit]] * value[hit], minlength=n * width
        )
    return out.reshape(n, width)


def occupation_block(
    at: np.ndarray,
    occ: np.ndarray,
    weight: np.ndarray,
    n: int,
    by_occupation: tuple[np.ndarray, np.ndarray, np.ndarray],
    width: int,
) -> np.ndarray:
    """(n, width) dense: `experience_block` from an occupation-skill matrix already cut down to
    the block's columns (`by_occupation`: (indptr (n_occupations + 1,), column (m,) in
    0..width-1, value (m,) float64), each occupation's entries at most one per column, e.g.
    `query.ExactWeights.cov_experience`). Every cell adds the same products in the same order
    as `experience_block` over the whole rows (the row's work history in order), so the sums are
    equal to the bit, for a fraction of the entries read."""
    out = np.zeros(n * width)
    if len(occ) and width:
        indptr, column, value = by_occupation
        which, idx = row_positions(indptr, occ)
        out += np.bincount(at[which] * width + column[idx], weight[which] * value[idx], minlength=n * width)
    return out.reshape(n, width)


def member(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Membership of each of `rows` in the sorted array `sorted_rows`."""
    if not len(sorted_rows):
        return np.zeros(len(rows), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_rows, rows), len(sorted_rows) - 1)
    return sorted_rows[at] == rows


def best_rows(ub: np.ndarray, x: int) -> tuple[np.ndarray, float]:
    """The (at most) x positions with the largest positive `ub`, and a bound on every other one.

    Avoids a full argpartition: a threshold is estimated from a strided sample (its value of a
    given rank found by a partition of the sample's positive values, not a sort of the sample:
    most near rows of a vacancy have no evidence, a bound of 0), the positions above it are
    collected in one pass, and only those are partitioned."""
    n = len(ub)
    step = max(1, n // 16384)
    sample = ub[::step]
    top = sample[sample > 0]
    rank = x // step + 16
    while True:
        # the value at `rank` of the sample sorted in descending order (0 past its end)
        if rank < len(top):
            threshold = float(np.partition(top, len(top) - 1 - rank)[len(top) - 1 - rank])
        elif rank < len(sample):  # no positive one left: the largest of the others, in order
            threshold = float(np.sort(sample[~(sample > 0)])[::-1][rank - len(top)])
        else:
            threshold = 0.0
        rows = np.flatnonzero(ub > threshold) if threshold > 0 else np.flatnonzero(ub > 0)
        if len(rows) >= x or threshold <= 0:
            break
        rank *= 2
    if len(rows) > x:
        rows = rows[np.argpartition(ub[rows], len(rows) - x)[len(rows) - x :]]
        return rows, float(ub[rows].min())
    return rows, threshold


def positions_to_rows(lo: np.ndarray, base: np.ndarray, geo_row: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Segment rows of the positions `at` (numbered 0 .. size - 1 across the ranges [lo[k], ...)
    that start at `base[k]`) of a segment's geographic order `geo_row`."""
    k = np.searchsorted(base, at, side="right") - 1
    return geo_row[lo[k] + (at - base[k])].astype(np.int64)
