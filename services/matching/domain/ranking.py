"""Hard filters, scoring and explanations over candidate segments.

score = similarity_weight * cosine(vacancy, candidate)
      + coverage_weight * essential coverage
      + experience_match_weight * (recency x duration weight of work in the vacancy's occupation)

Cosine is between IDF-weighted skill vectors, the vacancy's expanded with related skills (a
related skill r of wanted skill j gets weight credit(j, r) * weight(j)). Coverage is the weighted
share of the vacancy's essential skills the candidate has: per essential skill the best of
min(1, own strength) and credit x strength of a related skill.

Ranking runs in two stages. Stage 1 walks only the inverted-index columns of the query's skills
and a sparse product over work-history occupations, computing for every eligible candidate an
upper bound of the score that is exact for the similarity part and sums rather than maxes the
coverage part. Stage 2 scores exactly the best candidates by that bound and widens the pool
until the k-th exact score beats every bound left out, so the result equals a full exact scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp

from .geo import MunicipalityTable
from .model import (
    LANGUAGE_LEVELS,
    SKILL_LEVELS,
    WORKING_TIMES,
    RelatedCredit,
    ShortlistEntry,
    Vacancy,
    language_rank,
)
from .params import RankingParams
from .segment import Segment
from .vectors import REASONS, SUGGESTED_BIT, SkillSpace, VacancyQuery

EPS = 1e-4  # slack between the float32 stage-1 bounds and the float64 exact scores
COMPONENTS = (
    "skill_similarity",
    "related_similarity",
    "essential_coverage",
    "related_coverage",
    "experience_match",
)


# -- hard filters ------------------------------------------------------------------------------
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
        distances=municipalities.distances_from(vacancy.municipality, params.road_factor).astype(
            np.float32
        ),
        include_unknown_distance=params.include_unknown_distance,
        org=org,
    )


def eligible_rows(
    seg: Segment,
    alive: np.ndarray,
    spec: FilterSpec,
    dense_languages: Sequence[str],
    excluded_rows: np.ndarray,
    rows: np.ndarray | None = None,
) -> np.ndarray:
    """The rows among `rows` (all rows when None) that pass every hard filter.

    `alive` marks rows that are current and not hired. Over all rows the commute filter runs
    first, as one vectorised pass, and the other filters only on the rows near enough."""
    if rows is None:
        near = _near(seg, spec, slice(None))
        near &= alive
        rows = np.flatnonzero(near)
    else:
        rows = rows[alive[rows] & _near(seg, spec, rows)]
    ok = seg.available_day[rows] <= spec.available_by
    if spec.org is not None:
        ok &= _member(seg.consenting(spec.org), rows)
    if spec.working_time is not None:
        wt = seg.working_time[rows]
        ok &= (wt == spec.working_time) | (wt == WORKING_TIMES.index("any"))
    for code, rank in spec.languages:
        if code in dense_languages:
            ok &= seg.lang_dense[rows, dense_languages.index(code)] >= rank
        else:
            lrows, ranks = seg.lang_sparse.get(code, _NO_LANGUAGE)
            ok &= _member(lrows[ranks >= rank], rows)
    if len(excluded_rows):
        ok &= ~_member(np.sort(excluded_rows), rows)
    return rows[ok]


def _near(seg: Segment, spec: FilterSpec, at: np.ndarray | slice) -> np.ndarray:
    distance = spec.distances[seg.municipality[at]]  # index -1 picks the NaN entry
    near = distance <= seg.max_commute_km[at]
    if spec.include_unknown_distance:
        near |= np.isnan(distance)
    return near


_NO_LANGUAGE = (np.zeros(0, np.int32), np.zeros(0, np.uint8))


def _member(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
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
    if spec.org is not None and not _member(seg.consenting(spec.org), np.asarray([row]))[0]:
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


# -- scoring -----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class QueryWeights:
    """A `VacancyQuery` combined with the pool's IDF.

    sim : (n_u,) cosine weight of each query position, q * idf^2 / ||q * idf||
    cov : (n_u,) coverage bound weight: sum over essentials of coverage weight x credit / total
    occ_skills : (n_occupations, n_u) CSR, occupation-skill weights restricted to the query
    columns : stage-1 columns of the segments' postings (query skills and the occupations
        whose bound exceeds the pruning threshold, offset by n_skills), the `n_cov_columns`
        with a coverage weight first
    column_weights : (n_columns, 2) float32 [similarity, coverage] weight of each column
    pruned_bound : most that the pruned occupation columns can add to any candidate's score
    """

    query: VacancyQuery
    sim: np.ndarray
    cov: np.ndarray
    occ_skills: sp.csr_matrix
    coverage_total: float
    columns: np.ndarray
    column_weights: np.ndarray
    n_cov_columns: int
    pruned_bound: float

    def unpruned(self, occupation_inv_norm: np.ndarray, space: SkillSpace) -> QueryWeights:
        return _weights(
            self.query,
            self.sim,
            self.cov,
            self.occ_skills,
            self.coverage_total,
            occupation_inv_norm,
            space,
            max_occupations=0,
            bound=0.0,
        )


def query_weights(
    query: VacancyQuery,
    idf: np.ndarray,
    occupation_inv_norm: np.ndarray,
    space: SkillSpace,
    *,
    max_occupations: int,
    prune_bound: float,
) -> QueryWeights:
    """Query weights; occupation columns are pruned so that what they could add to any
    candidate (at most `max_occupations` of them) stays within `prune_bound`."""
    idf_u = idf[query.skills].astype(np.float64)
    qi = query.weight.astype(np.float64) * idf_u
    norm = float(np.sqrt(qi @ qi))
    sim = qi * idf_u / norm if norm > 0 else np.zeros_like(qi)
    total = float(query.coverage_weight.sum())
    cov = (
        query.credit.astype(np.float64) @ query.coverage_weight / total
        if total > 0
        else np.zeros_like(qi)
    )
    occ_skills = space.experience_csc[:, query.skills].tocsr()
    return _weights(query, sim, cov, occ_skills, total, occupation_inv_norm, space,
                    max_occupations=max_occupations, bound=prune_bound)


def _weights(  # type: ignore[no-untyped-def]
    query, sim, cov, occ_skills, total, occupation_inv_norm, space, *, max_occupations, bound
):
    p = space.params
    occ = np.asarray(occ_skills @ np.column_stack([sim, cov]))  # (n_occupations, 2)
    occ *= [p.similarity_weight, p.coverage_weight]
    if query.occupation >= 0:  # worked in the vacancy's occupation
        occ[query.occupation, 1] += p.experience_match_weight
    # An occupation adds at most e * inv_norm * occ_sim <= occ_sim / ||occupation * idf||
    # (its skills are part of the candidate's vector) plus e * occ_cov <= occ_cov.
    ub = occ[:, 0] * occupation_inv_norm + occ[:, 1]
    if max_occupations > 0 and bound > 0:
        kept = np.flatnonzero(ub > bound / max_occupations)
        pruned = np.sort(np.delete(ub, kept))[::-1][:max_occupations]
        pruned_bound = float(pruned.sum())
    else:
        kept, pruned_bound = np.flatnonzero(ub > 0), 0.0
    columns = np.concatenate([query.skills, space.n_skills + kept]).astype(np.int64)
    own = np.column_stack([p.similarity_weight * sim, p.coverage_weight * cov])
    weights = np.concatenate([own, occ[kept]]).astype(np.float32)
    order = np.argsort(weights[:, 1] <= 0, kind="stable")  # coverage columns first
    n_cov = int((weights[:, 1] > 0).sum())
    return QueryWeights(
        query, sim, cov, occ_skills, total, columns[order], weights[order], n_cov, pruned_bound
    )


def upper_bounds(seg: Segment, qw: QueryWeights) -> np.ndarray:
    """Stage 1: for every row an upper bound of its score, less `qw.pruned_bound`.

    Sparse products over the query's columns of the inverted index: the similarity part (exact,
    scaled by the row's inverse norm) and the coverage and experience-match part (coverage as
    a sum over the candidate's skills instead of a max per essential skill, so never below the
    exact coverage)."""
    if not len(seg):
        return np.zeros(0, dtype=np.float32)
    n_cov = qw.n_cov_columns
    w = qw.column_weights
    cov_part = seg.postings[:, qw.columns[:n_cov]]
    rest = seg.postings[:, qw.columns[n_cov:]]
    ub = cov_part @ w[:n_cov, 0]
    ub += rest @ w[n_cov:, 0]
    ub *= seg.inv_norm
    ub += cov_part @ w[:n_cov, 1]
    return ub


def best_rows(ub: np.ndarray, x: int) -> tuple[np.ndarray, float]:
    """The (at most) x rows with the largest positive `ub`, and a bound on every other row.

    Avoids a full argpartition: a threshold is estimated from a strided sample, the rows above
    it are collected in one pass, and only those are partitioned."""
    n = len(ub)
    step = max(1, n // 16384)
    sample = np.sort(ub[::step])[::-1]
    rank = x // step + 16
    while True:
        threshold = float(sample[rank]) if rank < len(sample) else 0.0
        rows = np.flatnonzero(ub > threshold) if threshold > 0 else np.flatnonzero(ub > 0)
        if len(rows) >= x or threshold <= 0:
            break
        rank *= 2
    if len(rows) > x:
        rows = rows[np.argpartition(ub[rows], len(rows) - x)[len(rows) - x :]]
        return rows, float(ub[rows].min())
    return rows, threshold


def eligible_top(
    seg: Segment,
    alive: np.ndarray,
    ub: np.ndarray,
    spec: FilterSpec,
    dense_languages: Sequence[str],
    excluded_rows: np.ndarray,
    need: int,
) -> tuple[np.ndarray, float]:
    """Eligible rows with a positive bound, at least `need` of the best by bound when there are
    that many, and a bound on every row left out (0 when none is).

    Filters run first on the best rows by bound only, widening by the observed pass rate; when
    that would cover an eighth of the segment they run on all rows at once."""
    n = len(ub)
    x = max(8 * need, 2048)
    while True:
        if x >= n // 8:
            rows = eligible_rows(seg, alive, spec, dense_languages, excluded_rows)
            return rows[ub[rows] > 0], 0.0
        top, boundary = best_rows(ub, x)
        rows = eligible_rows(seg, alive, spec, dense_languages, excluded_rows, top)
        if len(rows) >= need or boundary <= 0:
            return rows, boundary
        rate = max(len(rows), 1) / max(len(top), 1)
        x = max(4 * x, int(2 * need / rate))


@dataclass(frozen=True, eq=False)
class Exact:
    """Stage 2: exact scores and the per-skill evidence of some rows of one segment."""

    rows: np.ndarray
    score: np.ndarray
    coverage: np.ndarray
    parts: np.ndarray  # (n, 5) in COMPONENTS order
    raw: np.ndarray  # (n, n_u) expanded skill weight at each query position
    claimed: np.ndarray  # (n, n_u) claim weight at each query position


def exact_scores(seg: Segment, rows: np.ndarray, qw: QueryWeights, p: RankingParams) -> Exact:
    q = qw.query
    cols = q.skills
    claimed = seg.claims[rows][:, cols].toarray().astype(np.float64)
    experience = seg.experience[rows]
    raw = claimed + (experience @ qw.occ_skills).toarray()
    if q.occupation >= 0:
        match = experience[:, [q.occupation]].toarray().ravel().astype(np.float64)
    else:
        match = np.zeros(len(rows))
    own = q.n_own
    inv = seg.inv_norm[rows].astype(np.float64)
    sim_own = inv * (raw[:, :own] @ qw.sim[:own])
    sim_rel = inv * (raw[:, own:] @ qw.sim[own:])
    strength = np.minimum(raw, 1.0)
    if len(q.essential):  # best credit per essential skill: itself or a related skill
        best = np.maximum.reduceat(strength[:, q.cov_u] * q.cov_c, q.cov_starts, axis=1)
    if qw.coverage_total > 0:
        w = q.coverage_weight / qw.coverage_total
        cov_exact = strength[:, q.essential] @ w
        cov_all = best @ w
    else:
        cov_exact = cov_all = np.zeros(len(rows))
    parts = np.column_stack(
        [
            p.similarity_weight * sim_own,
            p.similarity_weight * sim_rel,
            p.coverage_weight * cov_exact,
            p.coverage_weight * (cov_all - cov_exact),
            p.experience_match_weight * match,
        ]
    )
    score = np.round(parts.sum(axis=1), 9)
    return Exact(rows, score, np.round(cov_all, 9), parts, raw, claimed)


# -- selection across segments -----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Pool:
    """One segment's stage-1 state for a query."""

    seg: Segment
    alive: np.ndarray  # current and not hired
    ub: np.ndarray
    excluded_rows: np.ndarray


def top_k(
    pools: Sequence[Pool],
    qw: QueryWeights,
    spec: FilterSpec,
    p: RankingParams,
    dense_languages: Sequence[str],
    k: int,
    rerank: int,
) -> list[tuple[Segment, Exact, int]] | None:
    """The k best (segment, exact scores, position) by score desc, coverage desc, id asc.

    Scores exactly the `need` best eligible rows by stage-1 bound and widens `need` until the
    k-th exact score beats every bound left out (plus what pruned columns could add). None
    when rows outside stage 1 (evidence only in pruned columns) might still make the top k:
    the caller then repeats with unpruned weights."""
    need = max(rerank * k, k)
    complete: dict[int, np.ndarray] = {}  # pools whose eligible rows are all known
    while True:
        picked: list[tuple[int, np.ndarray, np.ndarray]] = []
        rest = 0.0
        for i, pool in enumerate(pools):
            if i in complete:
                rows, bound = complete[i], 0.0
            else:
                rows, bound = eligible_top(
                    pool.seg, pool.alive, pool.ub, spec, dense_languages, pool.excluded_rows, need
                )
                if bound <= 0:
                    complete[i] = rows
            picked.append((i, rows, pool.ub[rows]))
            rest = max(rest, bound)
        ub = np.concatenate([u for _, _, u in picked]) if picked else np.zeros(0)
        which = np.concatenate([np.full(len(r), i) for i, r, _ in picked]) if picked else ub
        rows = np.concatenate([r for _, r, _ in picked]) if picked else ub
        if len(ub) > need:
            top = np.argpartition(-ub, need - 1)[:need]
            rest = max(rest, float(np.max(np.delete(ub, top))))
        else:
            top = np.arange(len(ub))
        exact = []
        for i, pool in enumerate(pools):
            mine = rows[top[which[top] == i]].astype(np.int64)
            if len(mine):
                exact.append((pool.seg, exact_scores(pool.seg, mine, qw, p)))
        ranked = [r for r in _order(exact) if r[0] > 0]
        kth = ranked[k - 1][0] if len(ranked) >= k else 0.0
        everything = rest <= 0 and len(ub) <= need
        if kth > rest + qw.pruned_bound + EPS or (everything and qw.pruned_bound == 0):
            return [(seg, ex, j) for _, _, _, seg, ex, j in ranked[:k]]
        if everything:
            return None
        need *= 4


def _order(exact: list[tuple[Segment, Exact]]):  # type: ignore[no-untyped-def]
    out = []
    for seg, ex in exact:
        ids = seg.ids
        for j, (score, cov, row) in enumerate(zip(ex.score.tolist(), ex.coverage.tolist(), ex.rows.tolist(), strict=True)):
            out.append((score, cov, ids[row], seg, ex, j))
    out.sort(key=lambda r: (-r[0], -r[1], r[2]))
    return out


# -- explanations ------------------------------------------------------------------------------
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
    hit_rows, hit_cols = np.nonzero(has)
    hit_split = np.searchsorted(hit_rows, np.arange(len(pos) + 1)).tolist()
    hit_cols_l = hit_cols.tolist()
    rel_rows, rel_cols = np.nonzero(best_v >= 0)
    rel_split = np.searchsorted(rel_rows, np.arange(len(pos) + 1)).tolist()
    rel_cols_l, best_v_l, best_c_l = rel_cols.tolist(), best_v.tolist(), best_c.tolist()
    out = []
    for i, j in enumerate(pos.tolist()):
        row = int(ex.rows[j])
        cols = hit_cols_l[hit_split[i] : hit_split[i + 1]]
        colset = set(cols)
        related = []
        for u in rel_cols_l[rel_split[i] : rel_split[i + 1]]:
            v = best_v_l[i][u]
            related.append(
                RelatedCredit(
                    vacancy_skill=uri_u[u],
                    candidate_skill=uri_u[v],
                    credit=round(best_c_l[i][u], 4),
                    reason=REASONS[int(q.own_reason[u, v])],
                )
            )
        evidence = _claim_evidence(seg, row)
        distance = float(spec.distances[seg.municipality[row]])
        out.append(
            ShortlistEntry(
                rank=ranks[i],
                candidate_id=seg.ids[row].decode("utf-8"),
                score=float(ex.score[j]),
                components={
                    name: round(v, 9) for name, v in zip(COMPONENTS, ex.parts[j].tolist(), strict=True)
                },
                matched_essential=tuple(uri_u[u] for u in cols if u < n_e),
                matched_optional=tuple(uri_u[u] for u in cols if n_e <= u < n_own),
                related=tuple(related),
                missing_essential=tuple(uri_u[u] for u in range(n_e) if u not in colset),
                distance_km=round(distance, 1) if not np.isnan(distance) else float("nan"),
                available_from=date.fromordinal(int(seg.available_day[row])),
                evidence={uri_u[u]: evidence.get(int(skills[u]), "experience") for u in cols},
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
