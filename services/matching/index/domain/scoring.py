"""Stage 4 of a shortlist: exact scores, best bound first, until the top k are certain.

score = occupation_weight * occupation agreement
      + similarity_weight * skill similarity(vacancy, candidate)
      + related_weight * min(related coverage, related_cap) / related_cap
      + coverage_weight * essential coverage
      + experience_match_weight * (length x recency of work in the vacancy's occupation or its unit
        group, `experience_match`)

Occupation agreement is the probability-weighted agreement of the candidate's inferred
occupations (kept in the index) with the vacancy's occupation (`query.occupation_agreement`), or,
when higher, what the candidate's own work history shows (`history_agreement`: the best spell's
min(1, scale x identity weight (`vectors.experience_weight`)) x its occupation's agreement at the occupation and
unit-group levels, `query.history_agreement`), or, when higher still and the vacancy's occupation
was read from its title, what holding the essential skills its employer confirmed earns
(`query.confirmed_agreement` x the share held to `RankingParams.confirmed_agreement_power`), or,
for any vacancy with essential skills, the skill overlap's: `RankingParams.overlap_agreement` x the
share of its essential skills held by a claim or full-weight work history (below the same ISCO
sub-major group's agreement, so it orders only candidates the hierarchy does not join to the
vacancy's occupation: outside tester 27, T27-3).
The skill similarity (`similarity`) is between IDF-weighted skill vectors over the vacancy's own
skills: related skills never enter the vacancy's side, so they cannot dilute exact matches. It is
the cosine of the candidate's vector trimmed, at the vacancy's skills, to the vacancy's
proportions where that reads higher: skills the vacancy does not ask for lower it (their part counts
at `RankingParams.outside_skill_weight`), more of a skill it asks for never does (outside tester
16, P1: the plain cosine fell when a claim came on top of a work history that already held the
occupation's profile). Coverage is the weighted share of the vacancy's
essential skills the candidate has (per essential skill min(1, own strength)); related coverage
is what the best related skill (credit x strength) adds for the essential skills the candidate
shows no evidence of (not claimed, not in the work history). With the default weights (0.6, 0.3, 0.079, 0.02, 0.001) the score is in [0, 1] and the match score
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

from .arrays import gather_rows, member, occupation_block, row_positions
from .filters import Eligible
from .kernels import compiled_other_trades_fall, compiled_similarity
from .params import RankingParams, closeness_floor, unit_level
from .query import ExactWeights, QueryWeights, VacancyQuery
from .segment import Segment, tenure_of
from .spoken import language_claims
from .vectors import claim_falls, other_trades_fall, rounded_up

EPS = 1e-4  # slack between the float32 stage-1 bounds and the float64 exact scores

OUTSIDE_NOISE = 1e-5
"""A row's part outside the vacancy's skills (`similarity`'s b^2) below this share of its squared
norm is float32 rounding of the stored norm (`vectors.inverse_norms`), and counts as 0: two
candidates holding only the vacancy's skills then tie exactly (and their coverage orders them),
instead of by 1e-8 of noise. The stage-1 bound keeps a larger margin (`kernels.similarity_bound_of`)."""

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
    from_history: np.ndarray  # (n,) bool: the agreement is a spell's (at least the inferred one's)
    from_confirmed: np.ndarray | None = None  # (n,) bool: the confirmed skills' (above both; None: none)
    from_overlap: np.ndarray | None = None  # (n,) bool: of those, the skill overlap's
    # (`RankingParams.overlap_agreement`; None: not used)


def exact_scores(seg: Segment, rows: np.ndarray, qw: QueryWeights, p: RankingParams) -> Exact:
    """Exact scores of `rows`. Similarity is summed sparsely over the rows' claims and work
    history; coverage needs each row's strength at the coverage positions only. At the vacancy's
    ESCO language skills a row's declared languages count as claims (`spoken.language_claims`),
    for rows with evidence without them (a language alone is no evidence: `_claim_evidence`,
    `_other_evidence`)."""
    q, xw = qw.query, qw.exact
    n = len(rows)
    at_c, u, w_c = _query_claims(seg, rows, q)
    at_o, occ, w_o = gather_rows(seg.experience, rows)
    # the rows' vectors at the vacancy's own skills V (claims + work history), IDF-weighted
    n_own = q.n_own
    indptr, column, value = xw.own_experience
    which, idx = row_positions(indptr, occ)
    from_work = (at_o[which] * n_own + column[idx], w_o[which] * value[idx])  # flat cell, weight
    raw_v = _own_block(at_c, u, w_c, n, n_own, from_work)
    at_v = raw_v * xw.own_idf
    inv = seg.inv_norm[rows].astype(np.float64)
    with np.errstate(divide="ignore"):
        full_sq = np.where(inv > 0, 1.0 / (inv * inv), 0.0)
    in_v = (xw.own_hat > 0).astype(np.float64)
    outside_sq = full_sq - (at_v * at_v) @ in_v  # ||x outside V||^2
    # the stored norm is float32 arithmetic: below OUTSIDE_NOISE of it the outside part is noise
    outside_sq = np.where(outside_sq > OUTSIDE_NOISE * full_sq, outside_sq, 0.0)
    # the two rules' reductions of the outside part, the second computed on the first's vector
    # (`_other_trades_fall`), so together they subtract exactly sum idf^2 ((c + h)^2 - (phi_j c + a)^2)
    if xw.own_trade is not None:  # claims of the work history's trade in its units
        fall = _trade_claims_fall(seg, rows, q, xw, p, (at_o, occ, w_o), (at_c, u, w_c, raw_v))
        outside_sq = np.maximum(outside_sq - fall, 0.0)
    if p.other_trades_outside < 1.0:  # other trades' implied skills beside the vacancy's trade
        fall = _other_trades_fall(seg, rows, q, xw, p, (at_o, occ, w_o))
        outside_sq = np.maximum(outside_sq - fall, 0.0)
    outside_sq *= p.outside_skill_weight  # 1: the outside part counts whole
    languages = bool(q.languages) and n > 0
    # the claims before the declared languages join them: the skill overlap's agreement counts the
    # trade's skills only (a language alone is no evidence for another occupation either)
    trade_claims = (at_c, u, w_c)
    if languages:
        claimed = _claim_evidence(at_c, u, w_c, qw, p, n)
        at_c, u, w_c = _with_languages(seg, rows, q, p, at_c, u, w_c)
        # a declared language counts where it is stronger than the claim, not in the norm
        at_v = _own_block(at_c, u, w_c, n, n_own, from_work) * xw.own_idf
    # the confirmed skills' agreement (`RankingParams.confirmed_agreement_power`), None when not used
    confirmed: np.ndarray | None = None
    overlap: np.ndarray | None = None  # (n,) the skill overlap's agreement before `band_order`
    from_overlap: np.ndarray | None = None  # (n,) bool: the overlap's part, above the rest
    match = experience_match(seg, rows, q, p, (at_o, occ, w_o))
    if qw.coverage_total > 0:
        work = occupation_block(at_o, occ, w_o, n, xw.cov_experience, len(xw.cov_positions))
        raw = _coverage_claims(at_c, u, w_c, work.shape, xw.cov_col) + work
        strength = np.minimum(raw, 1.0)
        w = q.coverage_weight / qw.coverage_total
        held = strength[:, xw.essential_col]
        cov_exact = held @ w
        best = np.maximum.reduceat(strength[:, xw.cov_u_col] * q.cov_c, q.cov_starts, axis=1)
        cov_all = best @ w
        # related credit for the essential skills the row shows no evidence of at all: where it
        # holds one (a claim, or work history at 0.3), a claim on top must not lower the score by
        # taking away the related credit it replaces (outside tester 16, P1's kind)
        gap = np.where(held > 0, 0.0, np.maximum(best - held, 0.0)) @ w
        if q.confirmed_agreement > 0:  # a claim at any level holds a confirmed skill
            share = np.minimum(raw[:, xw.essential_col] / p.level_weights[0], 1.0) @ w
            confirmed = q.confirmed_agreement * np.minimum(share, 1.0) ** p.confirmed_agreement_power
        if q.overlap_agreement > 0:  # a claim or full-weight work history holds a skill
            # the same block without the declared languages' claims
            trade = _coverage_claims(*trade_claims, work.shape, xw.cov_col) + work if languages else raw
            share = np.minimum(trade[:, xw.essential_col] / p.experience_essential_weight, 1.0) @ w
            overlap = q.overlap_agreement * np.minimum(share, 1.0) ** max(1.0, p.overlap_agreement_power)
    else:
        cov_exact = cov_all = gap = np.zeros(n)
    inferred = inferred_agreement(seg, rows, q)
    if overlap is not None and q.best_agreement > 0:  # the share held decides below the unit group
        inferred = closeness_kept(np.clip(inferred / q.best_agreement, 0.0, 1.0), p) * inferred
    history = history_agreement(at_o, occ, w_o, n, q, p)
    agreement = np.maximum(inferred, history)
    from_confirmed = None
    if confirmed is not None:  # the confirmed skills' agreement, where it is the largest
        from_confirmed = confirmed > agreement
        agreement = np.maximum(agreement, confirmed)
    band = np.ones(n)
    if overlap is not None:  # the share held, added below the next ISCO level (`band_order`)
        added, band = band_order(agreement, overlap, q, p, unit_mass(seg, rows, q, p))
        from_overlap = added > agreement
        from_confirmed = from_overlap if from_confirmed is None else from_confirmed | from_overlap
        agreement = agreement + added
    related = np.minimum(gap, p.related_cap) / p.related_cap
    parts = np.column_stack(
        [
            p.occupation_weight * agreement,
            band * p.similarity_weight * similarity(at_v, xw.own_hat, outside_sq),
            band * p.related_weight * related,
            band * p.coverage_weight * cov_exact,
            p.experience_match_weight * match,
        ]
    )
    if languages:  # rows without other evidence score 0, as without their languages
        none = ~(claimed | _other_evidence(at_o, occ, w_o, n, qw, p, agreement, match))
        parts[none], cov_all[none] = 0.0, 0.0
    score = np.round(parts.sum(axis=1), 9)
    # a spell that agrees as much as the inferred reading is the source a recruiter can check: the
    # history's share of the inference names the spell's own occupation (session 32), so a
    # carpenter of ten current years ties with it (outside tester 32, F5)
    from_history = (history >= inferred) & (history > 0)
    if from_confirmed is not None:
        from_history &= ~from_confirmed
    return Exact(
        rows, score, np.round(cov_all, 9), parts, agreement, from_history, from_confirmed, from_overlap
    )


def unit_mass(seg: Segment, rows: np.ndarray, q: VacancyQuery, p: RankingParams) -> np.ndarray:
    """(len(rows),) float64 in [0, 1]: each row's inferred-occupation probability on occupations
    (or unit groups) that agree with the vacancy at least as much as its ISCO unit group does (the
    slot's `q.agreement` at least the unit group's share of the level weights x `q.best_agreement`):
    the posterior mass `band_order` keeps the similarity whole for. Zeros without an occupation."""
    if q.agreement is None or q.best_agreement <= 0:
        return np.zeros(len(rows))
    unit = unit_level(p)
    occ = seg.inferred[rows].astype(np.int64)
    prob = seg.inferred_p[rows].astype(np.float64) / 255.0
    value = np.where(occ >= 0, q.agreement[np.maximum(occ, 0)], 0.0)
    near = value >= unit * q.best_agreement - 1e-9
    return np.minimum((prob * near).sum(axis=1), 1.0)


def band_order(
    agreement: np.ndarray,
    overlap: np.ndarray,
    q: VacancyQuery,
    p: RankingParams,
    mass: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """How candidates *not* of the vacancy's occupation are ordered as a recruiter orders them
    (outside tester 29, F1/F2/F5; tester 31, F4/F5): the same unit group first, then the share of the
    vacancy's essential skills held (the minor or sub-major group only breaking its near-ties: the
    inferred agreement below the unit group is `closeness_kept`'s share of itself before this), then
    the skill similarity.

    agreement : (n,) float64 in [0, 1], the larger of the inferred, work-history and confirmed
        skills' agreements (the ISCO closeness); overlap : (n,) float64 in [0,
        `RankingParams.overlap_agreement`], `overlap_agreement` x share held^power.
    Returns (added, band), both (n,) float64: `added` = overlap x max(0, 1 - r /
    `band_full`)^`band_share_decay` (r = agreement / the vacancy's best agreement
    `q.best_agreement`, in [0, 1]) is added to the agreement: it never lifts a candidate past the
    next ISCO level (sub-major 1/7 + at most 0.125 x (3/4)^5 = 0.030 < minor 1.25/7; from r =
    `band_full` on, the vacancy's own occupation's candidates, it is 0),
    and where the hierarchy joins nothing (r = 0) it is the overlap's whole. `band` in
    [`band_similarity`, 1] multiplies the similarity, related-skill and coverage parts: 1 from
    r >= `band_full` on (the vacancy's own occupation's candidates, unchanged), `band_similarity`
    at r <= the unit-group level (3/7 with the default level weights), linear between, so within
    the band the share held outweighs the similarity. Both only lower (`band`) or add no more than
    the overlap's bound (`added` <= overlap), so stage 1's bounds (`kernels.range_bounds`:
    the larger of the other agreements plus the overlap's bound) stay valid."""
    if q.best_agreement <= 0:  # no occupation to agree with: the overlap alone, as before
        return np.maximum(overlap - agreement, 0.0), np.ones(len(agreement))
    best = q.best_agreement
    r = np.clip(agreement / best, 0.0, 1.0)
    if p.band_share_decay > 0:
        added = overlap * np.maximum(1.0 - r / p.band_full, 0.0) ** p.band_share_decay
    else:  # off: the larger of the overlap and the closeness (before session 29)
        added = np.maximum(overlap - agreement, 0.0)
    unit = unit_level(p)
    full = max(p.band_full, unit + 1e-9)
    ramp = np.clip((r - unit) / (full - unit), 0.0, 1.0)
    if mass is not None and p.band_unit_mass > 0:  # some posterior on the unit group: less shrink
        ramp = np.maximum(ramp, np.clip(mass / p.band_unit_mass, 0.0, 1.0))
    band = p.band_similarity + (1.0 - p.band_similarity) * ramp
    return added, band


def closeness_kept(r: np.ndarray, p: RankingParams) -> np.ndarray:
    """(n,) float64 in [`band_closeness_share`, 1]: the factor `exact_scores` puts on the inferred
    occupations' agreement, from r = that agreement / the vacancy's best ((n,) float64 in [0, 1]),
    on a vacancy with essential skills: `RankingParams.band_closeness_share` up to halfway between
    the minor group's level and the unit group's (`params.minor_level`, `params.unit_level`), 1 from
    the unit group's on, linear between. Below the unit group the share of the vacancy's essential
    skills held (`band_order`'s overlap) decides; the ISCO group, or a little inferred probability
    from a few claims, breaks its ties (outside tester 31, F4/F5). Only lowers, and the kept
    agreement, factor x agreement, never falls as the agreement rises: stage 1 applies the same
    factor to its bound of the inferred agreement (`kernels.kept_bound_of`, `query.BandBound.kept`;
    before session 33 it counted the agreement whole, a valid but loose bound)."""
    lam = p.band_closeness_share
    if lam >= 1.0:
        return np.ones(len(r))
    unit = unit_level(p)
    floor = closeness_floor(p)  # halfway: the closeness is mostly of the unit group's
    if unit <= floor:
        return np.where(r >= unit, 1.0, lam)
    return lam + (1.0 - lam) * np.clip((r - floor) / (unit - floor), 0.0, 1.0)


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


def experience_match(
    seg: Segment,
    rows: np.ndarray,
    q: VacancyQuery,
    p: RankingParams,
    history: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """(len(rows),) float64 in [0, 1]: how long and how recently each row worked in the vacancy's
    occupation, the best over its work-history occupations of length x recency
    (`vectors.experience_tenure`, saturating at `RankingParams.experience_tenure_years`) x that
    occupation's `q.history_agreement` (1 for the vacancy's own occupation, 3/7 of its unit group's
    probability for another of the unit group: `query.history_agreement`). Without a target
    distribution (`q.history_agreement` None) the weight of work in the vacancy's named occupation.
    `history`: the rows' work history (position in the rows, occupation, weight) as
    `gather_rows(seg.experience, rows)` gives it. Stage 1 bounds it by `experience_match_weight` x
    the history agreement per unit of weight (`query._weights`): tenure <= weight."""
    n = len(rows)
    out = np.zeros(n)
    if p.experience_match_weight <= 0:
        return out
    if q.history_agreement is None:
        at_o, occ, w_o = history
        worked = occ == q.occupation  # never true without an occupation (-1)
        return np.bincount(at_o[worked], w_o[worked], n).astype(np.float64)
    at_t, occ_t, tenure = gather_rows(tenure_of(seg), rows)
    if len(at_t):
        np.maximum.at(out, at_t, tenure * q.history_agreement[occ_t])
    return out


def history_agreement(
    at: np.ndarray, occ: np.ndarray, weight: np.ndarray, n: int, q: VacancyQuery, p: RankingParams
) -> np.ndarray:
    """(n,) float64 in [0, 1]: the occupation agreement a row's own work history shows, the best
    over its spells of min(1, `history_agreement_scale` x identity weight) x
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


def _own_block(
    at: np.ndarray, u: np.ndarray, w: np.ndarray, n: int, n_own: int, history: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """(n, n_own) float64 dense: the claims (position in the rows, query position, weight) at the
    vacancy's own skills (query positions below `n_own`; one claim per row and position) plus the
    work history there (`history`: flat cell row x n_own + own position, weight), in one pass."""
    own = u < n_own
    flat = np.concatenate([at[own].astype(np.int64) * n_own + u[own], history[0]])
    weight = np.concatenate([w[own].astype(np.float64), history[1].astype(np.float64)])
    return np.bincount(flat, weight, n * n_own).reshape(n, n_own)


def _trade_claims_fall(
    seg: Segment,
    rows: np.ndarray,
    q: VacancyQuery,
    xw: ExactWeights,
    p: RankingParams,
    history: tuple[np.ndarray, np.ndarray, np.ndarray],
    own: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """(n,) float64 >= 0: how much each row's outside part b^2 falls when its claims outside the
    vacancy's skills V that its own work history is evidence of (a skill of a spell's ISCO-08 unit
    group's profiles, `vectors.trade_profiles`) count times phi = `RankingParams.trade_claim_units`:
    the sum over those claims c_j of idf_j^2 c_j ((1 - phi^2) c_j + 2 (1 - phi) h_j), h_j what the
    row's spells give skill j (the stored norm holds (c_j + h_j)^2 idf_j^2 there). Claims of
    another trade, and rows without work history, fall by 0.

    It is the row's fall over all its claims, stored at index time (`Segment.trade_fall`, float32
    rounded up; computed here for a segment without it), less the same sum over its claims inside V
    (`ExactWeights.own_trade` says which are of a spell's trade, h_j is the row's work history at
    V): a gather and a few small sums per row, not a look-up per (claim, spell) pair. Below
    `TRADE_NOISE` of the stored fall the difference is the float32 rounding of it and counts as 0
    (a row whose trade claims all lie inside V reads as with the rule off).

    history : the rows' work history as `gather_rows(seg.experience, rows)` gives it (row position,
    occupation, spell weight); own : the rows' claims of query skills (row position, query position,
    weight; `_query_claims`) and `raw_v`, (n, n_own) float64, their claims plus work history at V
    before IDF (`_own_block`)."""
    n = len(rows)
    phi = float(p.trade_claim_units)
    if xw.own_trade is None or phi >= 1.0 or not n:
        return np.zeros(n)
    stored = seg.trade_fall
    if stored is not None and len(stored) == len(seg):
        total = stored[rows].astype(np.float64)
    else:
        assert xw.trade is not None and xw.idf is not None
        total = rounded_up(
            claim_falls(seg.claims[rows], seg.experience[rows], xw.experience, xw.trade, xw.idf, phi)
        ).astype(np.float64)
    if not total.any():  # no row here has a claim of its own trade
        return total
    at_c, u, c, raw_v = own
    inside = u < q.n_own
    at_c, u, c = at_c[inside], u[inside], c[inside]
    if not len(at_c):
        return total
    at_o, occ, _ = history
    n_own = q.n_own
    indptr, column = xw.own_trade
    which, idx = row_positions(indptr, occ)
    listed = np.zeros(n * n_own, dtype=bool)
    listed[at_o[which] * n_own + column[idx]] = True
    cell = at_c * n_own + u
    h = raw_v.ravel()[cell] - c  # the work history at the claimed skill
    idf2 = xw.own_idf[u] ** 2
    inside_fall = listed[cell] * idf2 * c * ((1.0 - phi * phi) * c + 2.0 * (1.0 - phi) * np.maximum(h, 0.0))
    fall = total - np.bincount(at_c, inside_fall, n)
    return np.where(fall > TRADE_NOISE * total, fall, 0.0)


TRADE_NOISE = 1e-6
"""A row's fall outside the vacancy's skills (`_trade_claims_fall`) below this share of its stored
fall over all its claims is that float32 rounding (at most 1.2e-7 of it), not a claim: the smallest
claim's fall is about 1e-5 of the largest row's."""


def _other_trades_fall(
    seg: Segment,
    rows: np.ndarray,
    q: VacancyQuery,
    xw: ExactWeights,
    p: RankingParams,
    history: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    """(n,) float64 >= 0: `vectors.other_trades_fall` of these rows (`RankingParams.other_trades_outside`):
    how much each row's outside part falls when its other trades' implied skills count at their
    share beside the spell that is the evidence of the vacancy's trade (the one whose implied skills
    reach furthest into the vacancy's own), computed on the vector after `_trade_claims_fall` (its
    own trade's claims at phi = `RankingParams.trade_claim_units`). With c_j a claim, phi_j phi for
    one of the row's own trade (1 else), h_j its work history and a_j that history with the other
    trades at their share, the two falls sum to exactly sum over skills j outside V of idf_j^2
    ((c_j + h_j)^2 - (phi_j c_j + a_j)^2), not twice the part where both reach one skill.
    `history`: the rows' work history as `gather_rows(seg.experience, rows)` gives it."""
    n = len(rows)
    two = np.flatnonzero(np.bincount(history[0], minlength=n) >= 2)  # rows of two occupations or more
    if xw.idf is None or not len(two):
        return np.zeros(n)
    indptr, column, value = xw.own_experience
    reach = (indptr, column, value * (xw.own_idf * xw.own_hat)[column])
    inside = q.skills[: q.n_own][xw.own_hat > 0]  # V: the vacancy's own skills it weighs
    psi, power, phi = p.other_trades_outside, p.other_trades_power, float(p.trade_claim_units)
    trade = xw.trade if xw.own_trade is not None else None  # claims of the own trade at phi first
    compiled = compiled_other_trades_fall(
        rows[two],
        seg.experience,
        tenure_of(seg),
        seg.claims,
        (indptr, reach[2]),
        xw.experience,
        trade,
        xw.idf,
        inside,
        psi,
        power,
        phi,
    )
    if compiled is not None:
        out = np.zeros(n)
        out[two] = compiled
        return out
    outside = xw.idf * xw.idf
    outside[inside] = 0.0
    c_at, c_skill, c_weight = gather_rows(seg.claims, rows[two])
    t_at, t_occ, t_value = gather_rows(tenure_of(seg), rows[two])
    claims, tenure = (two[c_at], c_skill, c_weight), (two[t_at], t_occ, t_value)
    return other_trades_fall(
        n, claims, history, tenure, reach, xw.experience, outside, psi, power, trade, phi
    )


def similarity(at_v: np.ndarray, hat: np.ndarray, outside_sq: np.ndarray) -> np.ndarray:
    """(n,) float64 in [0, 1]: the skill similarity of candidates with a vacancy, the cosine of
    the best trimmed vector: max over y with 0 <= y <= x_V of q^ . y / sqrt(||y||^2 + b^2)
    (`exact_scores` passes b^2 times `RankingParams.outside_skill_weight`).

    at_v : (n, m) float64 >= 0, each row's IDF-weighted vector x_V at the vacancy's own skills
    (claims plus work history); hat : (m,) float64 >= 0 the vacancy's unit vector q^ there (q x
    idf / ||q x idf||; a 0 drops the column); outside_sq : (n,) float64 b^2 = ||x outside V||^2
    (skills the vacancy does not ask for, and related skills).

    Why: the plain cosine q^ . x / ||x|| falls when a candidate adds a skill the vacancy asks for
    beyond the vacancy's proportions (a claim on top of a work history already holding the
    occupation's profile: 93.5 -> 80.4 -> 70.6 for a bus driver adding "manoeuvre bus" and
    "drive vehicles", outside tester 16, P1). Here more of a wanted skill never lowers the
    similarity (the set of y only grows), skills outside V still lower it (b grows), it is at
    least the cosine (y = x_V), equals it when x_V is proportional to q^ on its support, and a
    profile holding few of the vacancy's skills still reads low (y lies on the skills held).
    The best y is min(x_V, lambda q^) for one lambda (the optimality conditions); between two
    consecutive ratios x_j / q^_j the value (A + lambda Q) / sqrt(B + b^2 + lambda^2 Q) peaks at
    lambda = (B + b^2) / A, so each row is one sort of its ratios and one pass over them."""
    compiled = compiled_similarity(at_v, hat, outside_sq)
    if compiled is not None:
        return compiled
    return _similarity_numpy(at_v, hat, outside_sq)


def _similarity_numpy(at_v: np.ndarray, hat: np.ndarray, outside_sq: np.ndarray) -> np.ndarray:
    """`similarity` with numpy (without numba, or ``KOHTAANTO_NUMBA=0``)."""
    n = at_v.shape[0]
    out = np.zeros(n)
    cols = np.flatnonzero((hat > 0) & (at_v > 0).any(axis=0)) if n else np.zeros(0, np.int64)
    if not len(cols):
        return out
    z, h = at_v[:, cols], hat[cols]
    a = z @ h
    sq = (z * z).sum(axis=1)
    den = np.sqrt(sq + outside_sq)
    np.divide(a, den, out=out, where=den > 0)  # the cosine: y = x_V
    ratio = z / h
    # trimming helps only where the largest ratio exceeds lambda at y = x_V, (||x||^2) / a
    trim = np.flatnonzero((ratio.max(axis=1) * a > (sq + outside_sq) * (1 + 1e-12)) & (a > 0))
    if not len(trim):
        return out
    r, zt, b2 = ratio[trim], z[trim], outside_sq[trim]
    order = np.argsort(r, axis=1, kind="stable")
    r = np.take_along_axis(r, order, axis=1)
    zs = np.take_along_axis(zt, order, axis=1)
    hs = np.where(zs > 0, h[order], 0.0)  # a skill not held stays at 0 (never free)
    zeros = np.zeros((len(trim), 1))
    # segment s (0..len(cols)): the first s ratios fixed at x, the others free at lambda q^
    big_a = np.hstack([zeros, np.cumsum(hs * zs, axis=1)])
    big_b = np.hstack([zeros, np.cumsum(zs * zs, axis=1)]) + b2[:, None]
    held = np.hstack([zeros, np.cumsum(hs * hs, axis=1)])
    big_q = np.maximum(held[:, -1:] - held, 0.0)
    lo = np.hstack([zeros, r])
    hi = np.hstack([r, np.full((len(trim), 1), np.inf)])
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(big_a > 0, big_b / big_a, np.inf)
    lam = np.minimum(np.maximum(lam, lo), hi)
    lam = np.where(np.isfinite(lam), lam, lo)  # the last segment (Q = 0): any lambda
    num = big_a + lam * big_q
    den = np.sqrt(big_b + lam * lam * big_q)
    f = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    out[trim] = np.minimum(np.maximum(f.max(axis=1), out[trim]), 1.0)
    return out


def _coverage_claims(
    at: np.ndarray, u: np.ndarray, w: np.ndarray, shape: tuple[int, int], cov_col: np.ndarray
) -> np.ndarray:
    """`shape` (rows, coverage positions) float64: the claims (row position `at`, query position `u`,
    weight `w`) at the vacancy's coverage positions (`cov_col[u]`, -1 where `u` is not one)."""
    out = np.zeros(shape)
    col = cov_col[u]
    hit = col >= 0
    out[at[hit], col[hit]] = w[hit]
    return out


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
