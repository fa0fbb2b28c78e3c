"""Scoring and top-k selection over candidate segments (filters in `filters`, explanations in
`explain`).

score = similarity_weight * cosine(vacancy, candidate)
      + coverage_weight * essential coverage
      + experience_match_weight * (recency x duration weight of work in the vacancy's occupation)

Cosine is between IDF-weighted skill vectors, the vacancy's expanded with related skills (a
related skill r of wanted skill j gets weight credit(j, r) * weight(j)). Coverage is the weighted
share of the vacancy's essential skills the candidate has: per essential skill the best of
min(1, own strength) and credit x strength of a related skill.

Ranking runs in two stages. Stage 1 walks only the inverted-index columns of the query's skills
and of the work-history occupations that overlap it, and only their rows within commuting
distance of the vacancy (`filters.near_ranges`; nobody else can pass the commute filter),
computing for each of those candidates an upper bound of the score that is exact for the
similarity part and sums rather than maxes the coverage part; occupation columns that could add
little are skipped and their total is carried as a bound. The hard filters then run on the best
rows by bound. Stage 2 scores exactly the best eligible candidates, then every one whose bound
still reaches the k-th exact score, and widens the examined rows until the k-th exact score
beats every bound left out, so the result equals a full exact scan (the unit tests check this
against scoring everyone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .filters import FilterSpec, eligible_mask, member
from .kernels import range_bounds
from .params import RankingParams
from .segment import Segment
from .vectors import SkillSpace, VacancyQuery, row_positions

EPS = 1e-4  # slack between the float32 stage-1 bounds and the float64 exact scores
COMPONENTS = (
    "skill_similarity",
    "related_similarity",
    "essential_coverage",
    "related_coverage",
    "experience_match",
)


# -- scoring -----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class QueryWeights:
    """A `VacancyQuery` combined with the pool's IDF.

    sim : (n_u,) cosine weight of each query position, q * idf^2 / ||q * idf||
    cov : (n_u,) coverage bound weight: sum over essentials of coverage weight x credit / total
    occ : (n_occupations, 2) what one unit of work history in each occupation adds to the
        similarity (before the row's inverse norm) and to the coverage bound, through the
        occupation's skills at the query positions (unscaled by the score weights)
    columns : stage-1 columns of the segments' postings (query skills and the occupations
        whose bound exceeds the pruning threshold, offset by n_skills), the `n_cov_columns`
        with a coverage weight first
    column_weights : (n_columns, 2) float32 [similarity, coverage] weight of each column
    pruned_bound : most that the pruned occupation columns can add to any candidate's score
    exact : what stage 2 needs (see `ExactWeights`)
    """

    query: VacancyQuery
    sim: np.ndarray
    cov: np.ndarray
    occ: np.ndarray
    coverage_total: float
    columns: np.ndarray
    column_weights: np.ndarray
    n_cov_columns: int
    pruned_bound: float
    exact: ExactWeights

    def unpruned(self, occupation_inv_norm: np.ndarray, space: SkillSpace) -> QueryWeights:
        return _weights(
            self.query,
            self.sim,
            self.cov,
            self.occ,
            self.coverage_total,
            occupation_inv_norm,
            space,
            max_occupations=0,
            bound=0.0,
            exact=self.exact,
        )


@dataclass(frozen=True, eq=False)
class ExactWeights:
    """Stage-2 precomputations of one query.

    experience : (n_occupations, n_skills) CSR, the skill space's occupation-skill weights
    occ_sim_own, occ_sim_rel : (n_occupations,) cosine weight that a unit of work history in
        each occupation earns through its skills among the vacancy's own / related positions
    cov_positions : query positions that coverage looks at (essential skills and the skills
        related to them), ascending; cov_col maps every query position to its index there (-1)
    cov_skill_col : (n_skills,) the same by skill (-1 for skills coverage does not look at)
    essential_col, cov_u_col : `query.essential` and `query.cov_u` as indices into cov_positions
    """

    experience: sp.csr_matrix
    occ_sim_own: np.ndarray
    occ_sim_rel: np.ndarray
    cov_positions: np.ndarray
    cov_col: np.ndarray
    cov_skill_col: np.ndarray
    essential_col: np.ndarray
    cov_u_col: np.ndarray


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
    cov = query.credit.astype(np.float64) @ query.coverage_weight / total if total > 0 else np.zeros_like(qi)
    # the occupations' skills at the query positions: the query's columns of the occupation-skill matrix
    m = space.experience_csc
    at, idx = row_positions(m.indptr, query.skills.astype(np.int64))
    occ_of, value = m.indices[idx], m.data[idx].astype(np.float64)
    n_occ = m.shape[0]
    own = at < query.n_own
    occ = np.column_stack(
        [np.bincount(occ_of, value * sim[at], n_occ), np.bincount(occ_of, value * cov[at], n_occ)]
    )
    positions = np.unique(np.concatenate([query.essential, query.cov_u]).astype(np.int64))
    col = np.full(len(query.skills), -1, dtype=np.int64)
    col[positions] = np.arange(len(positions))
    skill_col = np.full(space.n_skills, -1, dtype=np.int64)
    skill_col[query.skills[positions]] = np.arange(len(positions))
    exact = ExactWeights(
        experience=space.experience,
        occ_sim_own=np.bincount(occ_of[own], value[own] * sim[at[own]], n_occ),
        occ_sim_rel=np.bincount(occ_of[~own], value[~own] * sim[at[~own]], n_occ),
        cov_positions=positions,
        cov_col=col,
        cov_skill_col=skill_col,
        essential_col=col[query.essential],
        cov_u_col=col[query.cov_u],
    )
    return _weights(
        query,
        sim,
        cov,
        occ,
        total,
        occupation_inv_norm,
        space,
        max_occupations=max_occupations,
        bound=prune_bound,
        exact=exact,
    )


def _weights(  # type: ignore[no-untyped-def]
    query, sim, cov, occ_raw, total, occupation_inv_norm, space, *, max_occupations, bound, exact
):
    p = space.params
    occ = occ_raw * [p.similarity_weight, p.coverage_weight]  # (n_occupations, 2)
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
        query, sim, cov, occ_raw, total, columns[order], weights[order], n_cov, pruned_bound, exact
    )


@dataclass(frozen=True, eq=False)
class NearRows:
    """The rows of a segment that stage 1 considers for one vacancy: the geographic positions
    in the ranges [lo[k], hi[k]) (see `filters.near_ranges`), numbered 0 .. size - 1 in order."""

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

    def rows(self, seg: Segment, at: np.ndarray) -> np.ndarray:
        """Segment rows of near positions `at`."""
        k = np.searchsorted(self.base, at, side="right") - 1
        return seg.geo_row[self.lo[k] + (at - self.base[k])].astype(np.int64)


def upper_bounds(seg: Segment, qw: QueryWeights, near: NearRows, *, threads: int = 1) -> np.ndarray:
    """Stage 1: for every near row (in `near` order) an upper bound of its score, less
    `qw.pruned_bound`.

    Sums over the query's columns of the inverted index: the similarity part (exact, scaled by
    the row's inverse norm) and the coverage and experience-match part (coverage as a sum over
    the candidate's skills instead of a max per essential skill, so never below the exact
    coverage). Computed by `kernels.range_bounds`, only within the near ranges."""
    if not near.size:
        return np.zeros(0, dtype=np.float32)
    return range_bounds(
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
    )


def best_rows(ub: np.ndarray, x: int) -> tuple[np.ndarray, float]:
    """The (at most) x positions with the largest positive `ub`, and a bound on every other one.

    Avoids a full argpartition: a threshold is estimated from a strided sample, the positions
    above it are collected in one pass, and only those are partitioned."""
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
    pool: Pool, spec: FilterSpec, dense_languages: Sequence[str], need: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """(rows, bounds, rest): eligible rows with a positive bound, at least `need` of the best
    by bound when there are that many, and a bound on every near row left out (0 when none is).

    Filters run first on the best positions by bound only, widening by the observed pass rate;
    when that would cover an eighth of the near rows they run on all of them at once."""
    ub, seg = pool.ub, pool.seg
    n = len(ub)
    x = max(8 * need, 2048)
    while True:
        if x >= n // 8:
            at, boundary = np.flatnonzero(ub > 0), 0.0
        else:
            at, boundary = best_rows(ub, x)
        rows = pool.near.rows(seg, at)
        ok = eligible_mask(seg, pool.alive, spec, dense_languages, pool.excluded_rows, rows)
        if x >= n // 8 or ok.sum() >= need or boundary <= 0:
            return rows[ok], ub[at[ok]], boundary
        rate = max(int(ok.sum()), 1) / max(len(at), 1)
        x = max(4 * x, int(2 * need / rate))


@dataclass(frozen=True, eq=False)
class Exact:
    """Stage 2: exact scores of some rows of one segment."""

    rows: np.ndarray
    score: np.ndarray
    coverage: np.ndarray
    parts: np.ndarray  # (n, 5) in COMPONENTS order


def exact_scores(seg: Segment, rows: np.ndarray, qw: QueryWeights, p: RankingParams) -> Exact:
    """Exact scores of `rows`. Similarity is summed sparsely over the rows' claims and work
    history; coverage needs each row's strength at the coverage positions only."""
    q, xw = qw.query, qw.exact
    n = len(rows)
    at_c, u, w_c = _query_claims(seg, rows, q)
    at_o, occ, w_o = gather_rows(seg.experience, rows)
    inv = seg.inv_norm[rows].astype(np.float64)
    own = u < q.n_own
    sim_c = w_c * qw.sim[u]
    sim_own = np.bincount(at_c[own], sim_c[own], n) + np.bincount(at_o, w_o * xw.occ_sim_own[occ], n)
    sim_rel = np.bincount(at_c[~own], sim_c[~own], n) + np.bincount(at_o, w_o * xw.occ_sim_rel[occ], n)
    worked = occ == q.occupation  # never true without an occupation (-1)
    match = np.bincount(at_o[worked], w_o[worked], n).astype(np.float64)
    if qw.coverage_total > 0:
        raw = np.zeros((n, len(xw.cov_positions)))
        col = xw.cov_col[u]
        hit = col >= 0
        raw[at_c[hit], col[hit]] = w_c[hit]
        raw += _experience_block(at_o, occ, w_o, n, xw.experience, xw.cov_skill_col)
        strength = np.minimum(raw, 1.0)
        w = q.coverage_weight / qw.coverage_total
        cov_exact = strength[:, xw.essential_col] @ w
        best = np.maximum.reduceat(strength[:, xw.cov_u_col] * q.cov_c, q.cov_starts, axis=1)
        cov_all = best @ w
    else:
        cov_exact = cov_all = np.zeros(n)
    parts = np.column_stack(
        [
            p.similarity_weight * inv * sim_own,
            p.similarity_weight * inv * sim_rel,
            p.coverage_weight * cov_exact,
            p.coverage_weight * (cov_all - cov_exact),
            p.experience_match_weight * match,
        ]
    )
    score = np.round(parts.sum(axis=1), 9)
    return Exact(rows, score, np.round(cov_all, 9), parts)


def query_evidence(seg: Segment, rows: np.ndarray, qw: QueryWeights) -> tuple[np.ndarray, np.ndarray]:
    """(raw, source), both (len(rows), n_u): each row's expanded skill weight (claims plus work
    history) at every query position, and where a claim supplies it the claim's meta byte
    (1 + level | SUGGESTED_BIT; 0 where only work history does), for explanations."""
    q = qw.query
    at, idx = row_positions(seg.claims.indptr, rows)
    u = q.position[seg.claims.indices[idx]]
    hit = u >= 0
    at, u, idx = at[hit], u[hit], idx[hit]
    raw = np.zeros((len(rows), len(q.skills)))
    raw[at, u] = seg.claims.data[idx]
    source = np.zeros(raw.shape, dtype=np.uint8)
    source[at, u] = seg.claim_meta.data[idx]
    at_o, occ, w_o = gather_rows(seg.experience, rows)
    raw += _experience_block(at_o, occ, w_o, len(rows), qw.exact.experience, q.position)
    return raw, source


def _query_claims(
    seg: Segment, rows: np.ndarray, q: VacancyQuery
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in `rows`, query position, weight) of the rows' claims of query skills."""
    at, skill, weight = gather_rows(seg.claims, rows)
    u = q.position[skill]
    hit = u >= 0
    return at[hit], u[hit], weight[hit]


def _experience_block(
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


def gather_rows(m: sp.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in `rows`, column, value) of every stored entry of the given CSR rows."""
    at, idx = row_positions(m.indptr, rows)
    return at, m.indices[idx], m.data[idx].astype(np.float64)


# -- selection across segments -----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Pool:
    """One segment's stage-1 state for a query."""

    seg: Segment
    alive: np.ndarray  # current and not hired
    near: NearRows
    ub: np.ndarray  # stage-1 bound of each near position
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

    Examines the `need` best eligible rows of each pool by stage-1 bound and scores exactly,
    best bound first and a batch at a time, every examined row whose bound (plus what pruned
    columns could add) still reaches the k-th exact score so far; widens `need` until the k-th
    exact score beats every bound left out. None when rows outside stage 1 (evidence only in
    pruned columns) might still make the top k: the caller then repeats with unpruned weights."""
    need = batch = max(rerank * k, k)
    slack = qw.pruned_bound + EPS
    examined: dict[int, tuple[np.ndarray, np.ndarray, float]] = {}
    scored = [np.zeros(0, dtype=np.int64) for _ in pools]  # sorted rows already scored exactly
    exact: list[tuple[Segment, Exact]] = []
    ranked = np.zeros(0, dtype=np.int64)
    kth = 0.0
    while True:
        rest, parts = 0.0, []
        for i, pool in enumerate(pools):
            if i not in examined or (examined[i][2] > 0 and examined[i][0].size < need):
                examined[i] = eligible_top(pool, spec, dense_languages, need)
            rows, bounds, bound = examined[i]
            rest = max(rest, bound)
            fresh = ~member(scored[i], rows)
            parts.append((i, rows[fresh], bounds[fresh]))
        ub = np.concatenate([b for _, _, b in parts])
        rows = np.concatenate([r for _, r, _ in parts])
        which = np.concatenate([np.full(len(r), i) for i, r, _ in parts])
        todo = np.flatnonzero(ub + slack >= kth) if len(ranked) >= k else np.arange(len(ub))
        if len(todo) > batch:
            todo = todo[np.argpartition(-ub[todo], batch - 1)[:batch]]
        if len(todo):
            for i, pool in enumerate(pools):
                mine = np.sort(rows[todo[which[todo] == i]].astype(np.int64))
                if len(mine):
                    exact.append((pool.seg, exact_scores(pool.seg, mine, qw, p)))
                    scored[i] = np.union1d(scored[i], mine)
            score, which_ex, position, ranked = _order(exact)
            kth = float(score[ranked[k - 1]]) if len(ranked) >= k else 0.0
            continue
        # every examined row that could beat the k-th score is scored; and the others?
        if kth > rest + slack or (rest <= 0 and qw.pruned_bound == 0):
            if not len(exact):
                return []
            return [(*exact[which_ex[o]], int(position[o])) for o in ranked[:k].tolist()]
        if rest <= 0:
            return None
        need *= 4


def _order(
    exact: list[tuple[Segment, Exact]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(score, exact index, position, order) of every scored row: `order` lists the rows with a
    positive score by score desc, coverage desc, candidate id asc."""
    score = np.concatenate([ex.score for _, ex in exact])
    coverage = np.concatenate([ex.coverage for _, ex in exact])
    ids = np.concatenate([seg.ids[ex.rows] for seg, ex in exact])
    which = np.concatenate([np.full(len(ex.rows), i) for i, (_, ex) in enumerate(exact)])
    position = np.concatenate([np.arange(len(ex.rows)) for _, ex in exact])
    order = np.lexsort((ids, -coverage, -score))
    return score, which, position, order[score[order] > 0]
