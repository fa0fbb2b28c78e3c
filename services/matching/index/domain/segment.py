"""Columnar, immutable storage of indexed candidates.

A segment keeps, per candidate row (rows sorted by candidate id): the claimed skills and the
work-history occupations as CSR rows (for exact re-scoring and explanations); the inverse norm
of each row's expanded, IDF-weighted vector; and the attributes the hard filters read, as the
filters declare them (`filters.COLUMNS`: built and merged here without knowing what they mean). Ids live in a sorted fixed-width bytes array searched with `np.searchsorted`, not in a
dict of Python objects.

The inverted index that the first ranking stage walks (one CSC matrix whose columns are skills
then occupations) numbers its rows in *geographic order*: by municipality, then by the
candidate's maximum commute, then by row. For a vacancy, the candidates within commuting
distance are then, in each municipality, a suffix of that municipality's block (those whose
maximum commute is at least the distance), so stage 1 walks a handful of row ranges instead
of every candidate in the country. `geo_row` maps a geographic position back to its row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import scipy.sparse as sp

from .columns import Layout, Part
from .filters import COLUMNS
from .spoken import with_declared
from .vectors import (
    CompactCandidate,
    SkillSpace,
    claims_matrix,
    document_frequency,
    experience_matrix,
    inverse_norms,
    rounded_up,
    smooth_idf,
    trade_claim_falls,
    vector_max,
)


@dataclass(frozen=True, eq=False)
class Segment:
    ids: np.ndarray  # (n,) fixed-width bytes, sorted ascending
    versions: np.ndarray  # (n,) int64
    claims: sp.csr_matrix  # (n, n_skills) float32 claim weights
    claim_meta: sp.csr_matrix  # same structure as claims, uint8: 1 + (level | SUGGESTED_BIT)
    experience: sp.csr_matrix  # (n, n_occupations) float32 occupation weights
    postings: sp.csc_matrix  # (n, n_skills + n_occupations + inferred columns): claims, experience,
    # then inferred occupations and unit groups (probability), by column; rows in geographic order (see the module docstring)
    inferred: np.ndarray  # (n, k + k_u) int16 inferred occupation positions, most likely first, then
    # unit groups as n_occupations + code (`SkillSpace.infer_occupations`), -1 padding
    inferred_p: np.ndarray  # (n, k + k_u) uint8 their posterior probabilities in units of 1/255
    inv_norm: np.ndarray  # (n,) float32 1 / ||expanded vector * idf||
    geo_row: np.ndarray  # (n,) int32 row at each geographic position
    geo_inv_norm: np.ndarray  # (n,) float32 inv_norm in geographic order
    geo_key: np.ndarray  # (n,) float64 ascending: (municipality + 1) * GEO_KEY_SPAN + max commute
    block_offsets: np.ndarray  # (n_columns, n_blocks + 1) int64 first posting of each column in
    # each municipality block (see block_offsets); (0, 0) for small segments
    columns: Mapping[str, Any]  # the hard filters' columns by name (see `filters.COLUMNS`)
    max_occupations: int  # most work-history occupations of any row (bounds pruned terms)
    geo_vector_max: np.ndarray | None = None  # (n,) float32 largest raw coordinate of each row,
    # negative without work history (`vectors.vector_max`), in geographic order, for the stage-1
    # similarity bound; None only in an image written before it existed (`with_vector_max`)
    experience_tenure: sp.csr_matrix | None = None  # (n, n_occupations) float32 length x recency
    # of each work-history occupation (`vectors.experience_tenure`), for the experience part of the
    # score; None in an image written before it existed (`tenure_of`: the weights stand in)
    trade_fall: np.ndarray | None = None  # (n,) float32 >= 0, rounded up: how much each row's
    # squared norm falls when its claims of its own work history's trade count times
    # `RankingParams.trade_claim_units` (`vectors.trade_claim_falls`; the exact score takes the
    # vacancy's own skills' part back out); None while that is 1 (off)
    geo_trade_fall: np.ndarray | None = None  # the same in geographic order, for stage 1's bound

    def __len__(self) -> int:
        return len(self.ids)

    def find(self, key: bytes) -> int:
        """Row of the candidate with id `key` (utf-8), or -1."""
        i = int(np.searchsorted(self.ids, key))
        return i if i < len(self.ids) and self.ids[i] == key else -1

    @property
    def municipality(self) -> np.ndarray:
        """(n,) int16 position in the MunicipalityTable, -1 unknown."""
        return self.columns["municipality"]  # type: ignore[no-any-return]

    @property
    def max_commute_km(self) -> np.ndarray:
        """(n,) float32."""
        return self.columns["max_commute_km"]  # type: ignore[no-any-return]

    @property
    def available_day(self) -> np.ndarray:
        """(n,) int32 date ordinal."""
        return self.columns["available_day"]  # type: ignore[no-any-return]

    def nbytes(self) -> int:
        """Bytes held by the segment's arrays (the index's memory, excluding Python overhead);
        arrays shared between matrices are counted once."""
        arrays: dict[tuple[int, int], int] = {}

        def add(a: np.ndarray) -> None:
            arrays[(a.__array_interface__["data"][0], a.nbytes)] = a.nbytes

        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                add(value)
            elif sp.issparse(value):
                for a in (value.data, value.indices, value.indptr):
                    add(a)
        for column in COLUMNS:
            for a in column.nbytes(self.columns[column.name]):
                add(a)
        return sum(arrays.values())


BLOCK_TABLE_MIN_ROWS = 65_536
"""Segments with at least this many rows get `Segment.block_offsets`: at a million profiles it
makes stage 1 about 1.5x faster for 8 bytes per column and municipality (8 MB); below, the
kernel's search per column and range costs little."""


def block_offsets(postings: sp.csc_matrix, geo_key: np.ndarray) -> np.ndarray:
    """(n_columns, n_blocks + 1): for column j and municipality block b (municipality + 1, 0 for
    unknown) the index of the column's first posting in the block; [j, b + 1] is one past its
    last. Empty (0, 0) for segments smaller than BLOCK_TABLE_MIN_ROWS."""
    if len(geo_key) < BLOCK_TABLE_MIN_ROWS:
        return np.zeros((0, 0), dtype=np.int64)
    block_of_row = (geo_key // GEO_KEY_SPAN).astype(np.int64)
    n_blocks = int(block_of_row[-1]) + 1
    n_columns = postings.shape[1]
    column = np.repeat(np.arange(n_columns, dtype=np.int64), np.diff(postings.indptr))
    counts = np.bincount(column * n_blocks + block_of_row[postings.indices], minlength=n_columns * n_blocks)
    table = np.zeros((n_columns, n_blocks + 1), dtype=np.int64)
    np.cumsum(counts.reshape(n_columns, n_blocks), axis=1, out=table[:, 1:])
    table += postings.indptr[:-1, None]
    return table


def encode_id(candidate_id: str) -> bytes:
    return candidate_id.encode("utf-8")


GEO_KEY_SPAN = float(2**24)
"""Key distance between two municipality blocks in `Segment.geo_key`: more than any commute."""


def geo_order(municipality: np.ndarray, max_commute_km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(geo_row, geo_key): rows ordered by municipality (unknown first), then maximum commute,
    then row, and the ascending key (municipality + 1) * GEO_KEY_SPAN + commute of each
    position. A missing or negative commute is keyed as 0 and a huge one capped below the
    next block: stage 1 may then include a few rows that the exact commute filter drops,
    never the other way round."""
    block = municipality.astype(np.float64) + 1.0
    commute = np.clip(np.nan_to_num(max_commute_km.astype(np.float64), nan=0.0), 0.0, GEO_KEY_SPAN / 2)
    geo_row = np.lexsort((np.arange(len(block)), commute, block)).astype(np.int32)
    return geo_row, block[geo_row] * GEO_KEY_SPAN + commute[geo_row]


def build_segment(
    rows: Sequence[CompactCandidate], space: SkillSpace, idf: np.ndarray | None, layout: Layout
) -> Segment:
    """A segment of `rows`, which must be sorted by candidate id with no duplicates.
    With `idf` None the ranking columns are left empty (for rows that will be merged)."""
    n = len(rows)
    keys = [encode_id(r.candidate_id) for r in rows]
    width = max((len(k) for k in keys), default=1)
    ids = np.array(keys, dtype=f"S{width}") if n else np.zeros(0, dtype="S1")
    claims, meta = claims_matrix(rows, space.n_skills)
    claim_meta = sp.csr_matrix((meta + 1, claims.indices, claims.indptr), shape=claims.shape)
    experience = experience_matrix(rows, space.taxonomy.n_occupations)
    columns = {
        column.name: column.build([r.attributes[i] for r in rows], layout) for i, column in enumerate(COLUMNS)
    }
    geo_row, geo_key = geo_order(columns["municipality"], columns["max_commute_km"])
    if n and all(r.inferred is not None for r in rows):
        inferred = np.asarray([r.inferred for r in rows], dtype=np.int16)
        inferred_p = np.asarray([r.inferred_p for r in rows], dtype=np.uint8)
    else:
        inferred, inferred_p = space.infer_occupations(claims, experience, meta)
    if idf is None:  # rows about to be merged: the merge computes the ranking columns
        inv_norm = np.zeros(n, dtype=np.float32)
        postings = sp.csc_matrix(
            (n, claims.shape[1] + experience.shape[1] + space.inferred_columns), dtype=np.float32
        )
    else:
        inv_norm = inverse_norms(claims, experience, space, idf)
        postings = _postings(claims, experience, inferred, inferred_p, geo_row, space.inferred_columns)
    fall = trade_falls(claims, experience, space, idf)
    return Segment(
        ids=ids,
        versions=np.fromiter((r.version for r in rows), dtype=np.int64, count=n),
        claims=claims,
        claim_meta=claim_meta,
        experience=experience,
        postings=postings,
        inferred=inferred,
        inferred_p=inferred_p,
        inv_norm=inv_norm,
        geo_row=geo_row,
        geo_inv_norm=inv_norm[geo_row],
        geo_key=geo_key,
        block_offsets=block_offsets(postings, geo_key) if idf is not None else np.zeros((0, 0), np.int64),
        columns=columns,
        max_occupations=_max_row_nnz(experience),
        geo_vector_max=vector_max(claims, experience, space)[geo_row],
        experience_tenure=tenure_sharing(
            experience, experience_matrix(rows, space.taxonomy.n_occupations, tenure=True)
        ),
        trade_fall=fall,
        geo_trade_fall=fall[geo_row] if fall is not None else None,
    )


def trade_falls(
    claims: sp.csr_matrix, experience: sp.csr_matrix, space: SkillSpace, idf: np.ndarray | None
) -> np.ndarray | None:
    """(n,) float32 `Segment.trade_fall` of these rows (`vectors.trade_claim_falls`, rounded up),
    or None while `RankingParams.trade_claim_units` is 1 or without an IDF (rows to be merged)."""
    if idf is None or space.trade is None or space.params.trade_claim_units >= 1.0:
        return None
    return rounded_up(trade_claim_falls(claims, experience, space, idf))


def tenure_of(seg: Segment) -> sp.csr_matrix:
    """(n, n_occupations) CSR: the segment's `experience_tenure`, or its work-history weights (an
    upper bound of it) for a segment of an image written before it existed."""
    t = seg.experience_tenure
    return t if t is not None and t.shape == seg.experience.shape else seg.experience


def shared_structure(claims: sp.csr_matrix, claim_meta: sp.csr_matrix) -> sp.csr_matrix:
    """`claim_meta` holding the claims' own `indices` and `indptr` arrays (not a copy of them: 64 B
    per profile at 16 claims each). Raises `ValueError` when the two differ in structure."""
    if not _same_structure(claims, claim_meta):
        raise ValueError("claim levels out of step with claims")
    return sp.csr_matrix((claim_meta.data, claims.indices, claims.indptr), shape=claims.shape)


def tenure_sharing(experience: sp.csr_matrix, tenure: sp.csr_matrix) -> sp.csr_matrix:
    """`tenure` (`Segment.experience_tenure`) holding the work history's own `indices` and `indptr`
    arrays when it has the same structure, as it is built (one entry per work-history occupation:
    7 B per profile less at a million profiles); else `tenure` as it is."""
    if tenure.shape != experience.shape or not _same_structure(experience, tenure):
        return tenure
    return sp.csr_matrix((tenure.data, experience.indices, experience.indptr), shape=experience.shape)


def _same_structure(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return bool(np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices))


def with_trade_fall(seg: Segment, space: SkillSpace, idf: np.ndarray) -> Segment:
    """`seg` with `trade_fall` as `space`'s parameters and `idf` give it (an image written before it
    existed, or while the rule was off, has None there), or None when the rule is off."""
    fall = trade_falls(seg.claims, seg.experience, space, idf)
    return replace(seg, trade_fall=fall, geo_trade_fall=None if fall is None else fall[seg.geo_row])


def with_vector_max(seg: Segment, space: SkillSpace) -> Segment:
    """`seg` with `geo_vector_max` (an image written before it existed has None there)."""
    if seg.geo_vector_max is not None and len(seg.geo_vector_max) == len(seg):
        return seg
    return replace(seg, geo_vector_max=vector_max(seg.claims, seg.experience, space)[seg.geo_row])


def with_shared_structure(seg: Segment) -> Segment:
    """`seg` with its claim levels sharing the claims' structure again, and its tenure matrix the
    work history's (a segment read from a snapshot or an image holds copies of them). Raises
    `ValueError` when either pair differs in structure."""
    tenure = seg.experience_tenure
    if tenure is not None:
        tenure = tenure_sharing(seg.experience, tenure)
    return replace(seg, claim_meta=shared_structure(seg.claims, seg.claim_meta), experience_tenure=tenure)


def merge_segments(
    parts: Sequence[tuple[Segment, np.ndarray | None]],
    space: SkillSpace,
) -> tuple[Segment, np.ndarray, list[int]]:
    """One segment of the kept rows of every part (keep mask None = all rows), sorted by id,
    with the IDF recomputed over the merged candidates.

    When several parts hold the same id, the highest version wins and, among equal versions,
    the earliest part (so replaying an event changes nothing). Returns (segment, idf, number of
    rows of each part that made it into the merged segment).
    """
    rows = [np.flatnonzero(keep) if keep is not None else np.arange(len(seg)) for seg, keep in parts]
    segs = [seg for seg, _ in parts]
    ids = np.concatenate([seg.ids[r] for seg, r in zip(segs, rows, strict=True)])
    versions = np.concatenate([seg.versions[r] for seg, r in zip(segs, rows, strict=True)])
    part_of = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
    order = np.lexsort((part_of, -versions, ids))
    if len(order) > 1:
        order = order[np.r_[True, ids[order][1:] != ids[order][:-1]]]
    n = len(order)
    kept_counts = np.bincount(part_of[order], minlength=len(parts)).tolist()
    new_pos = np.full(len(ids), -1, dtype=np.int64)  # concatenated position -> merged row
    new_pos[order] = np.arange(n)
    remaps, offset = [], 0
    for seg, r in zip(segs, rows, strict=True):
        remap = np.full(len(seg), -1, dtype=np.int64)
        remap[r] = new_pos[offset : offset + len(r)]
        remaps.append(remap)
        offset += len(r)

    def matrix(name: str) -> sp.csr_matrix:
        blocks = [getattr(seg, name)[r] for seg, r in zip(segs, rows, strict=True)]
        return sp.vstack(blocks, format="csr")[order]

    claims, experience = matrix("claims"), matrix("experience")
    # the rows were selected identically: the tenure matrix shares the work history's structure
    tenure = tenure_sharing(
        experience,
        sp.vstack([tenure_of(seg)[r] for seg, r in zip(segs, rows, strict=True)], format="csr")[order],
    )
    claim_meta = shared_structure(claims, matrix("claim_meta"))  # the rows were selected identically
    columns = {
        c.name: c.merge(
            [Part(seg.columns[c.name], r, remap) for seg, r, remap in zip(segs, rows, remaps, strict=True)],
            order,
            n,
        )
        for c in COLUMNS
    }
    # declared languages count at their ESCO language skills (`spoken.with_declared`)
    df = with_declared(document_frequency(claims, experience, space), columns["languages"], space.taxonomy, n)
    idf = smooth_idf(df, n)
    inv_norm = inverse_norms(claims, experience, space, idf)
    fall = trade_falls(claims, experience, space, idf)
    geo_row, geo_key = geo_order(columns["municipality"], columns["max_commute_km"])
    inferred = np.concatenate([seg.inferred[r] for seg, r in zip(segs, rows, strict=True)])[order]
    inferred_p = np.concatenate([seg.inferred_p[r] for seg, r in zip(segs, rows, strict=True)])[order]
    postings = _postings(claims, experience, inferred, inferred_p, geo_row, space.inferred_columns)
    merged = Segment(
        ids=ids[order],
        versions=versions[order],
        claims=claims,
        claim_meta=claim_meta,
        experience=experience,
        postings=postings,
        inferred=inferred,
        inferred_p=inferred_p,
        inv_norm=inv_norm,
        geo_row=geo_row,
        geo_inv_norm=inv_norm[geo_row],
        geo_key=geo_key,
        block_offsets=block_offsets(postings, geo_key),
        columns=columns,
        max_occupations=_max_row_nnz(experience),
        geo_vector_max=vector_max(claims, experience, space)[geo_row],
        experience_tenure=tenure,
        trade_fall=fall,
        geo_trade_fall=fall[geo_row] if fall is not None else None,
    )
    return merged, idf, kept_counts


def inferred_matrix(inferred: np.ndarray, inferred_p: np.ndarray, n_columns: int) -> sp.csr_matrix:
    """(n, n_columns) CSR float32: each row's inferred occupations and unit groups (slot
    positions) with their probability (the quantised value the exact score uses, so stage-1
    bounds hold exactly)."""
    n, k = inferred.shape
    ok = inferred >= 0
    rows = np.repeat(np.arange(n), k).reshape(n, k)[ok]
    data = inferred_p[ok].astype(np.float32) / np.float32(255.0)
    m = sp.csr_matrix((data, (rows, inferred[ok].astype(np.int64))), shape=(n, n_columns))
    m.sum_duplicates()
    return m


def _postings(
    claims: sp.csr_matrix,
    experience: sp.csr_matrix,
    inferred: np.ndarray,
    inferred_p: np.ndarray,
    geo_row: np.ndarray,
    n_inferred: int,
) -> sp.csc_matrix:
    """The inverted index: claims, experience, then the `n_inferred` inferred columns
    (occupations, then ISCO-08 unit groups; `SkillSpace.infer_occupations`) by column, rows in
    geographic order."""
    guess = inferred_matrix(inferred, inferred_p, n_inferred)
    rows = sp.hstack([claims, experience, guess], format="csr", dtype=np.float32)[geo_row]
    postings = rows.tocsc()
    postings.sort_indices()
    return postings


def _max_row_nnz(m: sp.csr_matrix) -> int:
    return int(np.diff(m.indptr).max()) if m.shape[0] else 0
