"""Stage 4 of a shortlist: exact scores, best bound first, until the top k are certain.

score = occupation_weight * occupation agreement
      + similarity_weight * cosine(vacancy, candidate)
      + related_weight * min(related coverage, related_cap) / related_cap
      + coverage_weight * essential coverage
      + experience_match_weight * (recency x duration weight of work in the vacancy's occupation)

Occupation agreement is the probability-weighted agreement of the candidate's inferred
occupations (kept in the index) with the vacancy's occupation (`query.occupation_agreement`), or,
when higher, what the candidate's own work history shows (`history_agreement`: the best spell's
min(1, scale x recency x duration weight) x its occupation's agreement at the occupation and
unit-group levels, `query.history_agreement`).
Cosine is between IDF-weighted skill vectors over the vacancy's own skills: related skills never
enter it, so they cannot dilute exact matches. Coverage is the weighted share of the vacancy's
essential skills the candidate has (per essential skill min(1, own strength)); related coverage
is what the best related skill (credit x strength) adds for the essential skills the candidate
lacks. With the default weights (0.6, 0.3, 0.1, 0, 0) the score is in [0, 1] and the match score
(`match_score.MatchScale`) turns it into 0-100.

`Selection` scores exactly the best eligible candidates by stage-1 bound (from the filters
stage), then every one whose bound still reaches the k-th exact score, and is done when the k-th
exact score beats every bound left out, so the result equals a full exact scan (the unit tests
check this against scoring everyone). Otherwise it asks for more eligible rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from .arrays import gather_rows, member, occupation_block
from .filters import Eligible
from .params import RankingParams
from .query import QueryWeights, VacancyQuery
from .segment import Segment
from .spoken import language_claims

EPS = 1e-4  # slack between the float32 stage-1 bounds and the float64 exact scores

COMPONENTS = (
    "occupation_match",
    "skill_similarity",
    "related_skills",
    "essential_coverage",
    "experience_match",
)


def shown_components(p: RankingParams) -> tuple[int, ...]:
    """Indices into `COMPONENTS` of the parts whose weight in `p` is positive: the parts the score
    is made of, and the only ones an entry shows. A part of weight 0 adds nothing and would read
    as measured (outside tester 5, F7: `essential_coverage` 0 beside an empty `missing_essential`
    read as "covers none of the essential skills"); coverage is still shown as the matched and
    missing skills."""
    weights = (
        p.occupation_weight,
        p.similarity_weight,
        p.related_weight,
        p.coverage_weight,
        p.experience_match_weight,
    )
    return tuple(i for i, w in enumerate(weights) if w > 0)


@dataclass(frozen=True, eq=False)
class Exact:
    """Stage 2: exact scores of some rows of one segment."""

    rows: np.ndarray
    score: np.ndarray
    coverage: np.ndarray
    parts: np.ndarray  # (n, 5) in COMPONENTS order
    agreement: np.ndarray  # (n,) occupation agreement in [0, 1] (before its weight)
    from_history: np.ndarray  # (n,) bool: the agreement is a work-history spell's (above the inferred one)


def exact_scores(seg: Segment, rows: np.ndarray, qw: QueryWeights, p: RankingParams) -> Exact:
    """Exact scores of `rows`. Similarity is summed sparsely over the rows' claims and work
    history; coverage needs each row's strength at the coverage positions only. At the vacancy's
    ESCO language skills a row's declared languages count as claims (`spoken.language_claims`),
    for rows with evidence without them (a language alone is no evidence: `_claim_evidence`,
    `_other_evidence`)."""
    q, xw = qw.query, qw.exact
    n = len(rows)
    at_c, u, w_c = _query_claims(seg, rows, q)
    languages = bool(q.languages) and n > 0
    if languages:
        claimed = _claim_evidence(at_c, u, w_c, qw, p, n)
        at_c, u, w_c = _with_languages(seg, rows, q, p, at_c, u, w_c)
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
        raw += occupation_block(at_o, occ, w_o, n, xw.cov_experience, len(xw.cov_positions))
        strength = np.minimum(raw, 1.0)
        w = q.coverage_weight / qw.coverage_total
        cov_exact = strength[:, xw.essential_col] @ w
        best = np.maximum.reduceat(strength[:, xw.cov_u_col] * q.cov_c, q.cov_starts, axis=1)
        cov_all = best @ w
    else:
        cov_exact = cov_all = np.zeros(n)
    inferred = inferred_agreement(seg, rows, q)
    history = history_agreement(at_o, occ, w_o, n, q, p)
    agreement = np.maximum(inferred, history)
    related = np.minimum(np.maximum(cov_all - cov_exact, 0.0), p.related_cap) / p.related_cap
    parts = np.column_stack(
        [
            p.occupation_weight * agreement,
            p.similarity_weight * _cosine(inv * (sim_own + sim_rel), languages),
            p.related_weight * related,
            p.coverage_weight * cov_exact,
            p.experience_match_weight * match,
        ]
    )
    if languages:  # rows without other evidence score 0, as without their languages
        none = ~(claimed | _other_evidence(at_o, occ, w_o, n, qw, p, agreement, match))
        parts[none], cov_all[none] = 0.0, 0.0
    score = np.round(parts.sum(axis=1), 9)
    return Exact(rows, score, np.round(cov_all, 9), parts, agreement, history > inferred)


def _claim_evidence(
    at: np.ndarray, u: np.ndarray, w: np.ndarray, qw: QueryWeights, p: RankingParams, n: int
) -> np.ndarray:
    """(n,) bool: the row claims a query skill that adds to its score (a stage-1 column of
    positive weight: similarity or coverage)."""
    cov_factor = p.coverage_weight + p.related_weight / p.related_cap
    value = w.astype(np.float64) * (p.similarity_weight * qw.sim[u] + cov_factor * qw.cov[u])
    return np.bincount(at, value, n) > 0


def _other_evidence(
    at: np.ndarray,
    occ: np.ndarray,
    w: np.ndarray,
    n: int,
    qw: QueryWeights,
    p: RankingParams,
    agreement: np.ndarray,
    match: np.ndarray,
) -> np.ndarray:
    """(n,) bool: the row's work history adds to its score through the query's skills, or its
    occupation agrees with the vacancy's, or it worked in it (with a weight): the evidence of
    the other stage-1 columns (occupations, inferred occupations)."""
    cov_factor = p.coverage_weight + p.related_weight / p.related_cap
    through = p.similarity_weight * qw.occ[:, 0] + cov_factor * qw.occ[:, 1]
    worked = np.bincount(at, w.astype(np.float64) * through[occ], n) > 0
    return worked | (agreement > 0) | ((p.experience_match_weight > 0) & (match > 0))


def inferred_agreement(seg: Segment, rows: np.ndarray, q: VacancyQuery) -> np.ndarray:
    """(len(rows),) float64: sum over each row's inferred occupations of probability x
    `q.agreement` (the same quantised probabilities as the stage-1 postings)."""
    if q.agreement is None:
        return np.zeros(len(rows))
    occ = seg.inferred[rows].astype(np.int64)
    prob = seg.inferred_p[rows].astype(np.float32) / np.float32(255.0)
    value = np.where(occ >= 0, q.agreement[np.maximum(occ, 0)], 0.0)
    return (prob.astype(np.float64) * value).sum(axis=1)


def history_agreement(
    at: np.ndarray, occ: np.ndarray, weight: np.ndarray, n: int, q: VacancyQuery, p: RankingParams
) -> np.ndarray:
    """(n,) float64 in [0, 1]: the occupation agreement a row's own work history shows, the best
    over its spells of min(1, `history_agreement_scale` x recency x duration weight) x
    `q.history_agreement` of the spell's occupation. `at`, `occ`, `weight`: the rows' work
    history (position in the rows, occupation, weight), as `gather_rows` gives it."""
    out = np.zeros(n)
    if q.history_agreement is None or p.history_agreement_scale <= 0 or not len(at):
        return out
    value = np.minimum(1.0, p.history_agreement_scale * weight.astype(np.float64)) * q.history_agreement[occ]
    np.maximum.at(out, at, value)
    return out


def _query_claims(
    seg: Segment, rows: np.ndarray, q: VacancyQuery
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in `rows`, query position, weight) of the rows' claims of query skills."""
    at, skill, weight = gather_rows(seg.claims, rows)
    u = q.position[skill]
    hit = u >= 0
    return at[hit], u[hit], weight[hit]


def _cosine(sim: np.ndarray, languages: bool) -> np.ndarray:
    """The similarity; with declared languages at most 1, the cosine's own maximum (a declared
    language is not in the row's norm: `spoken`)."""
    return np.minimum(sim, 1.0) if languages else sim


def _with_languages(
    seg: Segment,
    rows: np.ndarray,
    q: VacancyQuery,
    p: RankingParams,
    at: np.ndarray,
    u: np.ndarray,
    w: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows' query claims (position in `rows`, query position, weight) with their declared
    languages' claims at the query's language skills added, the stronger one kept where both."""
    at_l, u_l, w_l, _, _ = language_claims(seg.columns["languages"], rows, q.languages, p.level_weights)
    if not len(at_l):
        return at, u, w
    at_all = np.concatenate([at, at_l])
    u_all = np.concatenate([u, u_l])
    w_all = np.concatenate([w, w_l.astype(w.dtype)])
    key = at_all.astype(np.int64) * len(q.skills) + u_all
    order = np.lexsort((-w_all, key))
    first = np.ones(len(order), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]
    return at_all[keep], u_all[keep], w_all[keep]


@dataclass(eq=False)
class Ranked:
    """Stage 4's answer (and its state, to go on when it needs more eligible rows).

    `best`: the k best (segment, exact scores, position) by score desc, coverage desc, id asc,
    once `done`. `done` with `best` None: rows outside stage 1 (evidence only in pruned occupation
    columns) might still make the top k, and the caller repeats with unpruned weights. Not
    `done`: some eligible row left out by the filters stage might still beat the k-th score;
    ask it for more (`need`) and call `top_k` again with this state."""

    k: int
    batch: int
    done: bool = False
    best: list[tuple[Segment, Exact, int]] | None = None
    exact: list[tuple[Segment, Exact]] = field(default_factory=list)
    scored: dict[int, np.ndarray] = field(default_factory=dict)  # sorted rows already scored, per pool
    ranked: np.ndarray = field(default_factory=partial(np.zeros, 0, np.int64))
    which: np.ndarray = field(default_factory=partial(np.zeros, 0, np.int64))  # exact index of each row
    position: np.ndarray = field(default_factory=partial(np.zeros, 0, np.int64))  # its position there
    kth: float = 0.0


def top_k(
    eligible: Eligible, qw: QueryWeights, p: RankingParams, k: int, state: Ranked | None = None
) -> Ranked:
    """Stage 4 of a shortlist: exact scores of the eligible rows, best bound first and a batch at a
    time, of every row whose bound (plus what pruned columns could add) still reaches the k-th
    exact score so far. A batch is `eligible.need` rows at first (the rerank pool)."""
    st = state or Ranked(k=k, batch=eligible.need)
    slack = qw.pruned_bound + EPS  # for rows not examined: the most pruned columns add to anyone
    while True:
        rest, parts = 0.0, []
        for i, seg in enumerate(eligible.segments):
            rows, bounds = eligible.rows[i], eligible.bounds[i]
            rest = max(rest, eligible.rest[i])
            fresh = ~member(st.scored.get(i, _NONE), rows)
            rows = rows[fresh]
            # each row's own bound: what the pruned columns add to a row of its number of
            # work-history occupations (`QueryWeights.pruned_slack`, <= pruned_bound)
            pruned = len(qw.pruned_steps) > 1
            reach = bounds[fresh] + qw.pruned_slack(seg.experience, rows) if pruned else bounds[fresh]
            parts.append((i, rows, reach, bounds[fresh]))
        ub = np.concatenate([part[2] for part in parts])
        rows = np.concatenate([part[1] for part in parts])
        which = np.concatenate([np.full(len(part[1]), part[0]) for part in parts])
        todo = np.flatnonzero(ub + EPS >= st.kth) if len(st.ranked) >= k else np.arange(len(ub))
        if len(st.ranked) >= k and len(todo) and len(qw.pruned_steps) > 1:
            # tighter still, for the few rows left: the pruned bounds of the row's own
            # work-history occupations (`QueryWeights.pruned_history`, <= its pruned_slack)
            raw = np.concatenate([part[3] for part in parts])
            tight = np.empty(len(todo))
            for i, seg in enumerate(eligible.segments):
                sel = np.flatnonzero(which[todo] == i)
                tight[sel] = raw[todo[sel]] + qw.pruned_history(seg.experience, rows[todo[sel]])
            todo = todo[tight + EPS >= st.kth]
        if len(todo) > st.batch:
            todo = todo[np.argpartition(-ub[todo], st.batch - 1)[: st.batch]]
        if not len(todo):
            break
        for i, seg in enumerate(eligible.segments):
            mine = np.sort(rows[todo[which[todo] == i]].astype(np.int64))
            if len(mine):
                st.exact.append((seg, exact_scores(seg, mine, qw, p)))
                st.scored[i] = np.union1d(st.scored.get(i, _NONE), mine)
        score, st.which, st.position, st.ranked = _order(st.exact, k)
        st.kth = float(score[st.ranked[k - 1]]) if len(st.ranked) >= k else 0.0
        st.batch *= BATCH_GROWTH  # fewer, larger rounds when many bounds reach the k-th score
    # every examined row that could beat the k-th score is scored; and the others?
    if st.kth > rest + slack or (rest <= 0 and qw.pruned_bound == 0):
        st.done = True
        st.best = [(*st.exact[st.which[o]], int(st.position[o])) for o in st.ranked[:k].tolist()]
    elif rest <= 0:
        st.done = True  # best None: repeat with unpruned weights
    return st


_NONE = np.zeros(0, dtype=np.int64)

BATCH_GROWTH = 8
"""How much larger each round of exact scoring (`top_k`) is than the one before. A round costs
about 0.5 ms besides its rows (the bounds of the rows left, the order of all scored): at 1,000,000
profiles 8 (not 2) took the vacancies whose bounds are loose from 3-4 rounds to 2-3, 498 rounds for
300 shortlists instead of 521, for 1 % more rows scored (docs/benchmarks.md, 2026-12-03)."""


def _order(
    exact: list[tuple[Segment, Exact]], k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(score, exact index, position, order) of every scored row: `order` lists the rows with a
    positive score that can be among the k best (a score at least the k-th largest, ties kept;
    all of them when fewer than k), by score desc, coverage desc, candidate id asc: the head of
    the order of all of them, for a sort of about k rows, not of every row scored (hundreds in
    the tail: `BATCH_GROWTH`)."""
    score = np.concatenate([ex.score for _, ex in exact])
    coverage = np.concatenate([ex.coverage for _, ex in exact])
    ids = np.concatenate([seg.ids[ex.rows] for seg, ex in exact])
    which = np.concatenate([np.full(len(ex.rows), i) for i, (_, ex) in enumerate(exact)])
    position = np.concatenate([np.arange(len(ex.rows)) for _, ex in exact])
    at = np.flatnonzero(score > 0)
    if len(at) > k > 0:
        kth = np.partition(score[at], len(at) - k)[len(at) - k]
        at = at[score[at] >= kth]
    return score, which, position, at[np.lexsort((ids[at], -coverage[at], -score[at]))]


def score_rows(
    groups: Sequence[tuple[Segment, np.ndarray]], qw: QueryWeights, p: RankingParams
) -> list[tuple[Segment, Exact]]:
    """Stage 4 for explanations: exact scores of the given rows of each segment."""
    return [(seg, exact_scores(seg, rows, qw, p)) for seg, rows in groups]
