"""Shortlist entries: the score's parts, matched, related and missing skills, and evidence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

import numpy as np

from .filters import FilterSpec
from .model import SKILL_LEVELS, RelatedCredit, ShortlistEntry
from .ranking import COMPONENTS, Exact, QueryWeights
from .segment import Segment
from .vectors import REASONS, SUGGESTED_BIT, SkillSpace


def explain_rows(
    seg: Segment,
    ex: Exact,
    positions: Sequence[int],
    qw: QueryWeights,
    space: SkillSpace,
    spec: FilterSpec,
    *,
    ranks: Sequence[int],
    filters: tuple[str, ...] = (),
) -> list[ShortlistEntry]:
    """Shortlist entries of rows `ex.rows[positions]`: matched, related and missing skills."""
    q, uris = qw.query, space.taxonomy.skill_uris
    skills = q.skills
    pos = np.asarray(positions, dtype=np.int64)
    raw = ex.raw[pos]
    has = raw > 0
    strength = np.minimum(raw, 1.0)
    n_e, n_own = len(q.essential), q.n_own
    # best related skill of every unmatched own skill, for all rows at once
    best_v = np.full((len(pos), n_own), -1, dtype=np.int64)
    best_c = np.zeros((len(pos), n_own))
    if len(q.rel_v):
        eff = strength[:, q.rel_v] * q.rel_c
        top = np.maximum.reduceat(eff, q.rel_starts, axis=1)
        lengths = np.diff(np.append(q.rel_starts, len(q.rel_v)))
        at_max = eff >= np.repeat(top, lengths, axis=1)
        index = np.where(at_max, np.arange(len(q.rel_v)), len(q.rel_v))
        first = np.minimum.reduceat(index, q.rel_starts, axis=1)
        ok = (top > 0) & ~has[:, q.rel_owner]
        r, g = np.nonzero(ok)
        best_v[r, q.rel_owner[g]] = q.rel_v[first[r, g]]
        best_c[r, q.rel_owner[g]] = top[r, g]
    uri_u = [uris[x] for x in skills.tolist()]
    skills_l = skills.tolist()
    hit_rows, hit_cols = np.nonzero(has)  # row-major: columns ascending within a row
    hit_split = np.searchsorted(hit_rows, np.arange(len(pos) + 1)).tolist()
    hit_cols_l = hit_cols.tolist()
    rel_rows, rel_cols = np.nonzero(best_v >= 0)
    rel_split = np.searchsorted(rel_rows, np.arange(len(pos) + 1)).tolist()
    rel_v = best_v[rel_rows, rel_cols]
    rel_cols_l, rel_v_l = rel_cols.tolist(), rel_v.tolist()
    rel_c_l = np.round(best_c[rel_rows, rel_cols], 4).tolist()
    rel_r_l = [REASONS[r] for r in q.own_reason[rel_cols, rel_v].tolist()]
    rows_l = ex.rows[pos].tolist()
    scores = ex.score[pos].tolist()
    parts = np.round(ex.parts[pos], 9).tolist()
    distances = np.round(spec.distances[seg.municipality[ex.rows[pos]]].astype(np.float64), 1)
    days = seg.available_day[ex.rows[pos]].tolist()
    out = []
    for i, row in enumerate(rows_l):
        cols = hit_cols_l[hit_split[i] : hit_split[i + 1]]
        n_matched_e = bisect_left(cols, n_e)
        n_matched = bisect_left(cols, n_own)
        colset = set(cols[:n_matched_e])
        lo, hi = rel_split[i], rel_split[i + 1]
        related = tuple(
            RelatedCredit(uri_u[u], uri_u[v], c, r)
            for u, v, c, r in zip(
                rel_cols_l[lo:hi], rel_v_l[lo:hi], rel_c_l[lo:hi], rel_r_l[lo:hi], strict=True
            )
        )
        evidence = _claim_evidence(seg, row)
        out.append(
            ShortlistEntry(
                rank=ranks[i],
                candidate_id=seg.ids[row].decode("utf-8"),
                score=scores[i],
                components=dict(zip(COMPONENTS, parts[i], strict=True)),
                matched_essential=tuple([uri_u[u] for u in cols[:n_matched_e]]),
                matched_optional=tuple([uri_u[u] for u in cols[n_matched_e:n_matched]]),
                related=related,
                missing_essential=tuple([uri_u[u] for u in range(n_e) if u not in colset]),
                distance_km=float(distances[i]),
                available_from=date.fromordinal(days[i]),
                evidence={uri_u[u]: evidence.get(skills_l[u], "experience") for u in cols},
                filters=filters,
            )
        )
    return out


_EVIDENCE = {
    1 + (i | flag): f"{'suggested' if flag else 'claimed'} ({level})"
    for i, level in enumerate(SKILL_LEVELS)
    for flag in (0, SUGGESTED_BIT)
}


def _claim_evidence(seg: Segment, row: int) -> dict[int, str]:
    """Skill position -> "claimed (level)" / "suggested (level)" for one row's claims."""
    lo, hi = seg.claims.indptr[row], seg.claims.indptr[row + 1]
    metas = seg.claim_meta.data[lo:hi].tolist()
    return dict(zip(seg.claims.indices[lo:hi].tolist(), map(_EVIDENCE.__getitem__, metas), strict=True))
