"""Skill vectors of vacancies and candidates, related-skill credit, and IDF weighting.

A candidate's raw skill vector is the sum of their claims (weighted by level) and, for each
occupation in their work history, that occupation's essential and optional skills weighted by
the spell's identity weight (`experience_weight`: weakly by age and length, strongly by later
work elsewhere). Only the claims and the (occupation, weight) pairs are stored; the
expansion through the occupation-skill matrix is linear, so the ranking applies it to the query
instead of to a million stored rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import numpy as np
import scipy.sparse as sp

from . import filters
from .arrays import row_positions
from .model import SKILL_LEVELS, Candidate, InvalidRecordError, WorkExperience
from .occupations import OccupationModel, fitted_model, occupation_profiles
from .params import RankingParams
from .taxonomy import Taxonomy
from .titles import TitleReader

REASONS = ("", "related skill", "broader or narrower skill", "same skill group")
"""Why a related skill earns credit; `SkillSpace.reason` stores positions in this tuple."""

SUGGESTED_BIT = 4  # claim meta: level position in SKILL_LEVELS | SUGGESTED_BIT


@dataclass(frozen=True, eq=False)
class SkillSpace:
    """Taxonomy-derived matrices for one `RankingParams`.

    experience : (n_occupations, n_skills) CSR float32, the skills a work-history occupation
        gives (essential and optional weights from the params)
    credit : (n_skills, n_skills) CSR float32, credit[j, r] = partial credit that a candidate's
        skill r earns for a wanted skill j (zero diagonal; not symmetric, as each wanted skill
        keeps only its best `max_related_per_skill` related skills)
    reason : same sparsity as `credit`, int8 position in `REASONS`
    occupations : the fitted occupation-inference model (`occupations.fitted_model`: constants
        learnt on the tuning half, so start-up does not train)
    titles : what a vacancy's job title names (`titles.TitleReader`: exact labels of any
        language, and, when the service gives it the multilingual model, titles of any language
        read against the occupations' label embeddings), for vacancies without an occupation
    """

    taxonomy: Taxonomy
    params: RankingParams
    experience: sp.csr_matrix
    experience_csc: sp.csc_matrix
    credit: sp.csr_matrix
    reason: sp.csr_matrix
    claim_table: dict[tuple[str, bool], tuple[float, int, bool]]
    occupations: OccupationModel
    titles: TitleReader
    specificity: np.ndarray | None = None  # (n_skills,) float64, `skill_specificity`
    trade: sp.csr_matrix | None = None  # `trade_profiles`, while `RankingParams.trade_claim_units` < 1
    trade_by_skill: sp.csc_matrix | None = None  # the same by skill (a vacancy's skills' columns)

    @property
    def n_skills(self) -> int:
        return self.taxonomy.n_skills

    def trade_continuity(self, earlier: int, later: int) -> float:
        """How much later work in occupation position `later` continues the trade of an earlier spell
        in `earlier`, in [0, 1]: the share of `earlier`'s essential ESCO skills that `later`'s profile
        (essential or optional) lists, each skill weighted by its specificity (`skill_specificity`:
        skills many occupations list, "follow health and safety procedures", count little). 1 for
        the same occupation. Plumber -> plumbing supervisor 0.84, cook -> chef 0.86, hairdresser ->
        barber 0.75, plumber -> carpenter 0.32, electrician -> electrical engineer 0.17, plumber ->
        warehouse worker 0 (real ESCO). `experience_weight` counts the later years so continued as
        work in the trade, not as a career change (outside tester 32: a plumber of 13 years,
        then a plumbing supervisor, read as a career changer)."""
        if earlier == later:
            return 1.0
        tax = self.taxonomy
        ess = tax.essential
        own = ess.indices[ess.indptr[earlier] : ess.indptr[earlier + 1]]
        if not len(own):
            return 0.0
        weight = np.ones(len(own)) if self.specificity is None else self.specificity[own]
        total = float(weight.sum())
        if total <= 0:
            return 0.0
        listed = np.zeros(len(own), dtype=bool)
        for m in (ess, tax.optional):
            listed |= np.isin(own, m.indices[m.indptr[later] : m.indptr[later + 1]])
        return float(weight[listed].sum()) / total

    def trade_closeness(self, a: int, b: int) -> float:
        """How close the trades of occupation positions `a` and `b` are, in [0, 1], symmetric: the
        larger of `trade_continuity(a, b)` and `trade_continuity(b, a)`, so the share of one's
        specific essential ESCO skills that the other's profile lists, whichever is larger. A
        job whose own essential skills mostly lie in the other trade's profile is work of that
        trade's kind, whichever came first. Real ESCO: nurse responsible for general care <->
        healthcare assistant 0.60 (0.21 one way: an assistant's 0.60 of her duties are a
        nurse's), pharmacist <-> pharmacy assistant 0.72, physiotherapist <-> physiotherapy
        assistant 0.89, bus driver <-> taxi driver 0.58, welder <-> welding coordinator 0.51,
        plumber <-> carpenter 0.32, electrician <-> electrical engineer 0.17, nurse <-> social
        care worker 0.09, early years teacher <-> healthcare assistant 0, plumber <-> warehouse
        worker 0.01. `experience_weight` discounts later years in a close trade less as a career
        change (`RankingParams.trade_closeness`)."""
        if a == b:
            return 1.0
        return max(self.trade_continuity(a, b), self.trade_continuity(b, a))

    def infer_occupations(
        self, claims: sp.csr_matrix, experience: sp.csr_matrix, meta: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each row's most likely occupations and ISCO-08 unit groups, as the index stores them.

        claims : (n, n_skills) CSR claim weights; experience : (n, n_occupations) CSR work-history
        weights (the segment's matrices); meta : (claims.nnz,) uint8 claim meta aligned with
        `claims.data` (level position | `SUGGESTED_BIT`, `claims_matrix`): with it, each claim counts
        in the inference by its evidence weight (`claim_evidence`: a confirmed claim or a suggestion 1
        at any level), not by its level weight; None reads `claims` as
        given (evidence weights already). Returns (position, probability): (n, k + k_u) int16 and
        (n, k + k_u) uint8 in units of 1/255, k = `RankingParams.inferred_occupations`, k_u =
        `RankingParams.inferred_unit_groups`: the first k slots hold occupation positions and
        their posterior probabilities, the last k_u unit groups as n_occupations + unit code
        (`OccupationProfiles.unit`) and the posterior mass of all their occupations; -1 and 0
        pad both (see `inferred_columns`)."""
        k, k_u = self.params.inferred_occupations, self.params.inferred_unit_groups
        n = claims.shape[0]
        if not n:
            return np.zeros((0, k + k_u), np.int16), np.zeros((0, k + k_u), np.uint8)
        if meta is not None:
            claims = sp.csr_matrix(
                (claim_evidence(self.params)[meta & _EVIDENCE_MASK], claims.indices, claims.indptr),
                shape=claims.shape,
            )
        x = sp.hstack([claims, experience], format="csr", dtype=np.float64)
        occ, prob, units, mass = self.occupations.predict_top_groups(x, k, k_u)
        pos = np.hstack([occ, np.where(units >= 0, units + self.taxonomy.n_occupations, -1)])
        q = np.rint(np.hstack([prob, mass]) * 255.0).astype(np.uint8)
        pos = np.where(q > 0, pos, -1)
        return pos.astype(np.int16), q

    @property
    def inferred_columns(self) -> int:
        """Positions an inferred slot can hold: the occupations, then the ISCO-08 unit groups."""
        return self.taxonomy.n_occupations + self.occupations._profiles().n_units


def build_skill_space(
    taxonomy: Taxonomy, params: RankingParams, titles: TitleReader | None = None
) -> SkillSpace:
    """The space of `params` over `taxonomy`; `titles` reads vacancies' job titles (default: exact
    labels only, `TitleReader(taxonomy)`)."""
    experience = (
        taxonomy.essential * params.experience_essential_weight
        + taxonomy.optional * params.experience_optional_weight
    ).astype(np.float32)
    credit, reason = related_credit(taxonomy, params)
    if not (np.array_equal(credit.indptr, reason.indptr) and np.array_equal(credit.indices, reason.indices)):
        raise AssertionError("related-skill reasons out of step with credits")
    experience = experience.tocsr()
    if 2 * taxonomy.n_occupations >= 2**15:  # slots hold occupations or unit groups (fewer)
        raise ValueError("the index stores occupation and unit-group positions as int16")
    trade = trade_profiles(taxonomy) if params.trade_claim_units < 1.0 else None
    return SkillSpace(
        taxonomy,
        params,
        experience,
        experience.tocsc(),
        credit,
        reason,
        claim_table(params),
        specificity=skill_specificity(taxonomy),
        trade=trade,
        trade_by_skill=trade.tocsc() if trade is not None else None,
        occupations=fitted_model(
            occupation_profiles(taxonomy),
            top_k=params.inferred_occupations,
            absence=params.occupation_absence,
            listed=params.vacancy_listed_epsilon,
            several=params.occupation_several,
            anchor=params.occupation_history_anchor,
            pair=params.occupation_pair,
        ),
        titles=titles or TitleReader(taxonomy),
    )


def trade_profiles(taxonomy: Taxonomy) -> sp.csr_matrix:
    """(n_occupations, n_skills) CSR float32 of 0/1: row o marks the skills a spell in occupation o is
    evidence of the trade of, the essential and optional skills of every occupation in o's ISCO-08 unit
    group (o's own where it has no code). For `RankingParams.trade_claim_units`."""
    n = taxonomy.n_occupations
    codes = [taxonomy.occupation_isco(u) or f"#{i}" for i, u in enumerate(taxonomy.occupation_uris)]
    _, group = np.unique(np.asarray(codes), return_inverse=True)
    member = sp.csr_matrix((np.ones(n, np.float32), (group, np.arange(n))), shape=(int(group.max()) + 1, n))
    listed = (taxonomy.essential + taxonomy.optional).astype(np.float32).tocsr()
    profiles = (member.T @ (member @ listed)).tocsr()
    profiles.data[:] = 1.0
    return profiles.astype(np.float32)


def trade_claim_falls(
    claims: sp.csr_matrix,
    experience: sp.csr_matrix,
    space: SkillSpace,
    idf: np.ndarray,
    chunk: int = 65536,
) -> np.ndarray:
    """(n,) float64 >= 0: how much each row's squared IDF-weighted norm falls when every claim that
    its own work history is evidence of (a skill of a spell's ISCO-08 unit group's profiles,
    `SkillSpace.trade`) counts times phi = `RankingParams.trade_claim_units` beside that history:
    the sum over those claims c_j of idf_j^2 c_j ((1 - phi^2) c_j + 2 (1 - phi) h_j), h_j what the
    row's spells give skill j (sum over spells of spell weight x `SkillSpace.experience`), whatever
    the vacancy. A vacancy's skills V then take their own claims' part back out
    (`scoring._trade_claims_fall`), and stage 1 bounds a row's outside part by its squared norm less
    this (`kernels.similarity_bound_of`). 0 for rows without work history or without such claims,
    and for every row while phi is 1 (`space.trade` None).

    claims : (n, n_skills) CSR float32 claim weights; experience : (n, n_occupations) CSR float32
    spell weights (a segment's matrices); idf : (n_skills,) the segment's IDF."""
    if space.trade is None:
        return np.zeros(claims.shape[0])
    return claim_falls(
        claims, experience, space.experience, space.trade, idf, float(space.params.trade_claim_units), chunk
    )


def claim_falls(
    claims: sp.csr_matrix,
    experience: sp.csr_matrix,
    skills_of: sp.csr_matrix,
    trade: sp.csr_matrix,
    idf: np.ndarray,
    phi: float,
    chunk: int = 65536,
) -> np.ndarray:
    """`trade_claim_falls` with the skill space's parts given: `skills_of` (n_occupations,
    n_skills) CSR the skills a spell gives (`SkillSpace.experience`), `trade` its
    `trade_profiles`, phi `RankingParams.trade_claim_units`."""
    n = claims.shape[0]
    out = np.zeros(n)
    if phi >= 1.0 or not n:
        return out
    idf2 = np.asarray(idf, dtype=np.float64) ** 2
    for start in range(0, n, chunk):
        c = claims[start : start + chunk]
        e = experience[start : start + chunk]
        m = c.shape[0]
        at = np.repeat(np.arange(m), np.diff(c.indptr))
        spells = np.diff(e.indptr)
        k = spells[at]  # every (claim, spell of the same row) pair, the spells grouped by row
        claim_of = np.repeat(np.arange(len(at)), k)
        spell = np.repeat(e.indptr[:-1][at] - np.cumsum(k) + k, k) + np.arange(int(k.sum()))
        if not len(spell):
            continue
        pair_o, pair_j = e.indices[spell], c.indices[claim_of]
        listed = np.asarray(trade[pair_o, pair_j], dtype=np.float64).ravel()
        of_trade = np.bincount(claim_of, listed, len(at)) > 0
        given = np.asarray(skills_of[pair_o, pair_j], dtype=np.float64).ravel()
        h = np.bincount(claim_of, e.data[spell].astype(np.float64) * given, len(at))
        w = c.data.astype(np.float64)
        fall = of_trade * idf2[c.indices] * w * ((1.0 - phi * phi) * w + 2.0 * (1.0 - phi) * h)
        out[start : start + m] = np.bincount(at, fall, m)
    return out


def other_trades_bound_falls(
    claims: sp.csr_matrix,
    experience: sp.csr_matrix,
    tenure: sp.csr_matrix,
    skills_of: sp.csr_matrix,
    trade: sp.csr_matrix | None,
    idf: np.ndarray,
    phi: float,
    psi: float,
    power: float,
    chunk: int = 65536,
) -> np.ndarray:
    """(n,) float64 >= 0: for each row, the most `other_trades_fall` (computed on the vector with its
    own trade's claims at phi) can take from its outside part for any vacancy, so that stage 1's
    bound of the outside part, b^2 less the row's `trade_claim_falls` less this, is at most the
    exact one with both rules on (`segment.Segment.geo_trade_fall` holds their sum).

    With t_max the row's longest tenure (length x recency), every spell o but the vacancy's s counts
    at psi_o = max(psi, min(1, (t_o / t_s)^power)) >= g_o = max(psi, min(1, (t_o / t_max)^power))
    (t_s <= t_max; s itself keeps 1 >= g_s; g_o = 1 when t_max is 0, as no spell is then
    discounted), so the exact d_j = sum_o (1 - psi_o) w_o E_oj <= D_j = sum_o (1 - g_o) w_o E_oj <=
    h_j <= x_j = phi_j c_j + h_j, and d (2 x - d) rises with d up to x: the fall is at most the
    sum over every skill j of idf_j^2 D_j (2 x_j - D_j). 0 for rows of fewer than two occupations
    and while psi is 1.

    claims : (n, n_skills) CSR claim weights; experience : (n, n_occupations) CSR spell weights;
    tenure : the same shape, each spell's `experience_tenure` (a missing entry reads 0); skills_of :
    (n_occupations, n_skills) CSR, `SkillSpace.experience`; trade : `SkillSpace.trade`, None while
    phi is 1; idf : (n_skills,) the segment's IDF."""
    n = claims.shape[0]
    out = np.zeros(n)
    if psi >= 1.0 or not n:
        return out
    idf2 = np.asarray(idf, dtype=np.float64) ** 2
    many = np.flatnonzero(np.diff(experience.indptr) >= 2)
    for start in range(0, len(many), chunk):
        rows = many[start : start + chunk]
        e = experience[rows].tocsr()
        e.sum_duplicates()
        m = len(rows)
        at = np.repeat(np.arange(m), np.diff(e.indptr))
        ten = np.asarray(tenure[rows[at], e.indices], dtype=np.float64).ravel()
        t_max = np.zeros(m)
        np.maximum.at(t_max, at, ten)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(t_max[at] > 0, ten / np.where(t_max[at] > 0, t_max[at], 1.0), 1.0)
        g = np.where(t_max[at] > 0, np.clip(ratio**power, psi, 1.0), 1.0)
        w = e.data.astype(np.float64)
        h = sp.csr_matrix((w, e.indices, e.indptr), shape=e.shape) @ skills_of
        d = sp.csr_matrix(((1.0 - g) * w, e.indices, e.indptr), shape=e.shape) @ skills_of
        c = claims[rows].astype(np.float64)
        if trade is not None and phi < 1.0:
            listed = sp.csr_matrix((np.ones(len(w)), e.indices, e.indptr), shape=e.shape) @ trade
            own = c.multiply(listed > 0)
            c = c - (1.0 - phi) * own
        x = (c + h).tocsr()
        out[rows] = np.asarray(d.multiply(2.0 * x - d) @ idf2, dtype=np.float64).ravel()
    return np.maximum(out, 0.0)


def rounded_up(values: np.ndarray) -> np.ndarray:
    """`values` (float64) as float32, each at least its float64 value (for stored bounds)."""
    up = np.asarray(values, dtype=np.float64).astype(np.float32)
    return np.where(up < values, np.nextafter(up, np.float32(np.inf)), up).astype(np.float32)


def skill_specificity(taxonomy: Taxonomy) -> np.ndarray:
    """(n_skills,) float64 >= 0: how specific each skill is to few occupations, ln((1 + n) / (1 + df))
    with n ESCO occupations and df the occupations whose profile (essential or optional) lists the
    skill (an IDF over the occupation profiles): "install plumbing pipes" about 5, "follow health
    and safety procedures in construction" about 2.5, a skill no occupation lists ln(1 + n)."""
    listed = (taxonomy.essential + taxonomy.optional).tocsc()
    df = np.diff(listed.indptr).astype(np.float64)
    n = float(taxonomy.n_occupations)
    return np.log((1.0 + n) / (1.0 + df))


def related_credit(taxonomy: Taxonomy, params: RankingParams) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Credit and reason matrices, row = wanted skill, column = related skill that earns credit.

    Where several relations link two skills the highest credit wins (among equal credits the
    first reason in `REASONS`). Each wanted skill keeps its `max_related_per_skill` best related
    skills: highest credit first, then the most specific (used by the fewest occupations)."""
    n = taxonomy.n_skills
    parts: list[tuple[sp.coo_matrix, float, int]] = []
    parts.append((taxonomy.skill_relations.tocoo(), params.related_skill_credit, 1))
    parent = taxonomy.skill_parent
    parts.append(((parent + parent.T).tocoo(), params.hierarchy_credit, 2))
    broader = taxonomy.skill_broader.tocsc()
    sizes = np.diff(broader.indptr)
    small = broader[:, np.flatnonzero((sizes > 1) & (sizes <= params.max_group_size))]
    parts.append(((small @ small.T).tocoo(), params.same_group_credit, 3))
    rows = np.concatenate([p.row for p, _, _ in parts])
    cols = np.concatenate([p.col for p, _, _ in parts])
    credits = np.concatenate([np.full(p.nnz, c, np.float32) for p, c, _ in parts])
    codes = np.concatenate([np.full(p.nnz, r, np.int8) for p, _, r in parts])
    keep = (rows != cols) & (credits > 0)
    rows, cols, credits, codes = rows[keep], cols[keep], credits[keep], codes[keep]
    if not len(rows):
        empty = sp.csr_matrix((n, n), dtype=np.float32)
        return empty, sp.csr_matrix((n, n), dtype=np.int8)
    order = np.lexsort((codes, -credits, cols, rows))
    rows, cols, credits, codes = rows[order], cols[order], credits[order], codes[order]
    first = np.r_[True, (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])]
    rows, cols, credits, codes = rows[first], cols[first], credits[first], codes[first]
    used_by = np.asarray((taxonomy.essential + taxonomy.optional).sum(axis=0)).ravel()
    order = np.lexsort((cols, used_by[cols], -credits, rows))
    rows, cols, credits, codes = rows[order], cols[order], credits[order], codes[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = np.arange(len(rows)) - starts < params.max_related_per_skill
    rows, cols, credits, codes = rows[keep], cols[keep], credits[keep], codes[keep]
    credit = sp.csr_matrix((credits, (rows, cols)), shape=(n, n), dtype=np.float32)
    reason = sp.csr_matrix((codes, (rows, cols)), shape=(n, n), dtype=np.int8)
    return credit, reason


def occupation_inv_norms(space: SkillSpace, idf: np.ndarray) -> np.ndarray:
    """1 / ||experience skill vector of each occupation * idf|| (0 for an empty one)."""
    m = space.experience
    sq = m.multiply(m).tocsr() @ (idf.astype(np.float64) ** 2)
    with np.errstate(divide="ignore"):
        return np.where(sq > 0, 1.0 / np.sqrt(sq), 0.0)


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """scikit-learn's smooth IDF, ln((1 + n) / (1 + df)) + 1, as float32."""
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)


# -- vacancies ---------------------------------------------------------------------------------


# -- candidates --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CompactCandidate:
    """A candidate reduced to what the index stores (positions instead of URIs)."""

    candidate_id: str
    version: int
    claim_skills: tuple[int, ...]  # skill positions, ascending
    claim_weights: tuple[float, ...]
    claim_meta: tuple[int, ...]  # level position | SUGGESTED_BIT
    occupations: tuple[int, ...]  # work-history occupation positions, ascending
    occupation_weights: tuple[float, ...]
    attributes: tuple[Any, ...]  # what the hard filters read, in `filters.COLUMNS` order
    unknown_uris: int = 0  # skills and occupations the taxonomy does not know (ignored)
    inferred: tuple[int, ...] | None = None  # inferred occupations (`with_inferred`), None: not yet
    inferred_p: tuple[int, ...] | None = None  # their probabilities in units of 1/255
    occupation_tenure: tuple[float, ...] = ()  # per `occupations`: length x recency of the work
    # there (`experience_tenure`, <= its weight); () when not kept (then the weights stand in)


def with_inferred(rows: Sequence[CompactCandidate], space: SkillSpace) -> list[CompactCandidate]:
    """`rows` with their inferred occupations attached, inferred in one batch: an update's rows
    are inferred once, not each time the delta segment that holds them is rebuilt."""
    if not rows:
        return []
    claims, meta = claims_matrix(rows, space.n_skills)
    occ, prob = space.infer_occupations(claims, experience_matrix(rows, space.taxonomy.n_occupations), meta)
    return [
        replace(r, inferred=tuple(o), inferred_p=tuple(q))
        for r, o, q in zip(rows, occ.tolist(), prob.tolist(), strict=True)
    ]


def compact_candidate(candidate: Candidate, space: SkillSpace, current_year: int) -> CompactCandidate:
    """Validate and compact a candidate. Raises `InvalidRecordError` for values outside the
    documented vocabularies; skill or occupation URIs unknown to the taxonomy are counted and
    ignored (ESCO versions differ between systems).

    A skill claimed twice keeps the confirmed claim over a suggestion, then the higher level;
    an occupation listed twice keeps its best-weighted spell."""
    tax, table = space.taxonomy, space.claim_table
    skill_index = tax.skill_index
    claims: dict[int, tuple[float, int, bool]] = {}
    unknown = 0
    for claim in candidate.skills:
        j = skill_index.get(claim.uri)
        if j is None:
            unknown += 1
            continue
        new = table.get((claim.level, claim.suggested))
        if new is None:
            raise InvalidRecordError(f"unknown skill level {claim.level!r}")
        old = claims.get(j)
        if old is None or (old[2], -old[0]) > (new[2], -new[0]):
            claims[j] = new
    experience: dict[int, float] = {}
    tenure: dict[int, float] = {}
    latest = latest_year(candidate.experience, current_year)
    where = [tax.occupation_index.get(w.occupation_uri) for w in candidate.experience]
    continuity = _continuity(space, where)
    closeness = _closeness(space, where)
    keep = space.params.change_of_job_keeps_years
    nested = space.params.nested_spell_years
    shares, changed = calendar_shares(candidate.experience, current_year, continuity, keep, nested, closeness)
    continued = continued_years(candidate.experience, current_year, continuity)
    close = close_years(candidate.experience, current_year, continuity, closeness)
    for work, share, o, cont, ch, cl in zip(
        candidate.experience, shares, where, continued, changed, close, strict=True
    ):
        if o is None:
            unknown += 1
            continue
        p = space.params
        w = share * experience_weight(work.years, work.ended_year, current_year, p, latest, cont, ch, cl)
        experience[o] = max(experience.get(o, 0.0), w)
        t = share * experience_tenure(work.years, work.ended_year, current_year, p, latest, cont, ch, cl)
        tenure[o] = max(tenure.get(o, 0.0), t)
    attributes = filters.encode(candidate)
    skills = sorted(claims)
    occupations = sorted(experience)
    return CompactCandidate(
        candidate_id=candidate.candidate_id,
        version=candidate.version,
        claim_skills=tuple(skills),
        claim_weights=tuple([claims[j][0] for j in skills]),
        claim_meta=tuple([claims[j][1] for j in skills]),
        occupations=tuple(occupations),
        occupation_weights=tuple([experience[o] for o in occupations]),
        attributes=attributes,
        unknown_uris=unknown,
        occupation_tenure=tuple([tenure[o] for o in occupations]),
    )


_EVIDENCE_MASK = len(SKILL_LEVELS) - 1 | SUGGESTED_BIT  # the meta bits `claim_evidence` reads


def claim_evidence(p: RankingParams) -> np.ndarray:
    """(8,) float64: a claim's evidence weight in the occupation inference by its claim meta
    (level position | `SUGGESTED_BIT`): `RankingParams.occupation_claim_levels` of its level, for
    a suggestion nobody confirmed as for a confirmed claim (the inference is not monotone in a
    claim's evidence: `RankingParams.suggested_claim_factor`, outside tester 36, H1)."""
    out = np.zeros(_EVIDENCE_MASK + 1, dtype=np.float64)
    for i in range(len(SKILL_LEVELS)):
        out[i] = out[i | SUGGESTED_BIT] = p.occupation_claim_levels[i]
    return out


def suggested_weight(p: RankingParams) -> float:
    """A suggestion's claim weight (0-1, one for every level: nobody stated one):
    `suggested_claim_factor` x the lowest level's weight, below every confirmed claim's."""
    return p.suggested_claim_factor * min(p.level_weights)


def claim_table(p: RankingParams) -> dict[tuple[str, bool], tuple[float, int, bool]]:
    """(level, suggested) -> (weight, meta, suggested) of a skill claim: a confirmed claim weighs
    `RankingParams.level_weights` of its level, a suggestion `suggested_weight`."""
    return {
        (level, suggested): (
            suggested_weight(p) if suggested else p.level_weights[i],
            i | (SUGGESTED_BIT if suggested else 0),
            suggested,
        )
        for i, level in enumerate(SKILL_LEVELS)
        for suggested in (False, True)
    }


def experience_weight(
    years: float,
    ended_year: int | None,
    current_year: int,
    p: RankingParams,
    latest_year: int | None = None,
    continued: float = 0.0,
    changed: float = 0.0,
    close: float = 0.0,
) -> float:
    """Identity weight of one spell in an occupation, in (0, 1]: how strongly it says the person is
    of that occupation (the occupation inference's history evidence, the work-history agreement,
    the occupation's skills the spell implies: everything `CompactCandidate.occupation_weights`
    feeds). years: its length in years; ended_year: None for a current job; latest_year: the year
    the person's most recent spell ended (`current_year` when any spell is current; None: this
    spell is the most recent, `spell_weights` gives it for a whole work history); continued: of the
    years between this spell's end and `latest_year`, those worked in later spells of the same trade
    (`continued_years`: each later spell's years there times its `SkillSpace.trade_continuity`);
    changed: years before this spell's end that a later job in another trade, begun before it ended,
    already held (`calendar_shares`: a change of job whose new job began early), counted as later
    years not in the trade, 0 when none; close: of the later years not continued, those worked in a
    close trade (`close_years`: each later spell's years times its `SkillSpace.trade_closeness`
    read through `RankingParams.trade_closeness`), which are no career change away from it (a nurse
    working on as a healthcare assistant), 0 when none. All years are in years (floats >= 0).

    Three factors. Age, weakly: half after `experience_identity_half_life_years` (20) since the
    trade ended (the spell's end, plus the continued years). A career change, strongly: half for
    each `experience_half_life_years` (5) of later years not in the trade (what someone did before
    their later work says less about what they are now), but never below the spell's own floor,
    `former_floor` (a trade of more than five years keeps `former_spell_share`, 0.75, however long
    the later work: outside tester 32, nine years of plumbing ended ten years ago, then ten in a
    warehouse, read 0.18, below a gamer, 0.49 with session 33's floor rising to ten years, 0.57 since
    session 35's, whole from five and a half: outside tester 35, F1, an early years teacher of 5.7
    years kept 0.1 of it; a year's job twenty years ago keeps little, 0.028 as before). Length: from `experience_min_factor` (0.8, a
    few months) to 1 (`experience_full_years`, 2). A person's only or latest spell so keeps its
    occupation however long ago it ended: read in 2026, six years current 1.0, four years ended 2025
    0.97, three ended 2022 0.87, one ended 2020 0.73, one ended 2010 0.52 (before session 25 recency
    alone, 5-year half-life and 0.5 floor: 0.87, 0.87, 0.57, 0.33, 0.08; outside tester 26, T26-7:
    the README's welder read as a spot welder, 4.3 / 100 on a welder vacancy); five years as a bus
    driver that ended in 2021, followed by a current job as a cleaner, 0.42; thirteen years as a
    plumber ended 2020, then a plumbing supervisor since, 1.0 (0.37 before session 33), then a
    warehouse worker, 0.70. How
    current the experience is, the tie-break between people of the occupation, is
    `experience_tenure`."""
    since = 0.0 if ended_year is None else max(0.0, float(current_year - ended_year))
    end = current_year if ended_year is None else ended_year
    later = 0.0 if latest_year is None else max(0.0, float(latest_year - end))
    kept = min(max(0.0, continued), later)  # later years in the same trade
    near = min(max(0.0, close), later - kept)  # later years in a close trade: no career change
    age = 0.5 ** (max(0.0, since - kept) / p.experience_identity_half_life_years)
    floor = former_floor(years, p)
    changed_years = later - kept - near + max(0.0, changed)
    change = floor + (1.0 - floor) * 0.5 ** (changed_years / p.experience_half_life_years)
    share = min(1.0, max(0.0, years) / p.experience_full_years) if p.experience_full_years else 1.0
    duration = p.experience_min_factor + (1.0 - p.experience_min_factor) * share
    return age * change * duration


def former_floor(years: float, p: RankingParams) -> float:
    """The share of a spell of `years` (years) that later work in other trades never takes away, in
    [0, `RankingParams.former_spell_share`]: none up to `former_spell_years[0]` (5: a career changer's
    short trade fades as before), rising linearly to the whole share at `former_spell_years[1]` (5.5:
    a trade of more than five years is the person's trade; 10 before session 35)."""
    return p.former_spell_share * ramp(years, p.former_spell_years)


def ramp(years: float, band: tuple[float, float]) -> float:
    """In [0, 1]: 0 up to `band[0]` years, 1 from `band[1]`, linear between (1 above `band[0]` when
    the two are equal)."""
    lo, hi = band
    if years <= lo:
        return 0.0
    return min(1.0, (years - lo) / (hi - lo)) if hi > lo else 1.0


def continued_years(
    experience: Sequence[WorkExperience], current_year: int, continuity: Callable[[int, int], float]
) -> list[float]:
    """Per spell, in its order: the years after it ends (up to the person's latest end, `latest_year`)
    worked in later spells of the same trade, each later spell's years there times
    `continuity(this spell's position, the later one's)` (`SkillSpace.trade_continuity`, in [0, 1]),
    at most the years between (`experience_weight`'s `continued`). A promotion inside the trade
    (plumber, then plumbing supervisor) continues it; a career change (plumber, then warehouse
    worker) does not; a gap continues nothing."""
    latest = latest_year(experience, current_year)
    if latest is None:
        return []
    ends = [
        float(min(current_year, current_year if w.ended_year is None else w.ended_year)) for w in experience
    ]
    out = []
    for i in range(len(experience)):
        gap = max(0.0, latest - ends[i])
        total = 0.0
        if gap > 0:
            for j, v in enumerate(experience):
                if j == i or ends[j] <= ends[i]:
                    continue
                inside = min(ends[j], latest) - max(ends[j] - max(0.0, float(v.years)), ends[i])
                if inside > 0:
                    total += inside * continuity(i, j)
        out.append(min(total, gap))
    return out


def _continuity(space: SkillSpace, where: Sequence[int | None]) -> Callable[[int, int], float]:
    """`continued_years`' continuity between two spells by their occupation positions (`where`, None:
    unknown to the taxonomy, continuing nothing): `SkillSpace.trade_continuity` read through
    `RankingParams.trade_continuity`'s (lo, hi); 0 everywhere when that is None."""

    band = space.params.trade_continuity
    seen: dict[tuple[int, int], float] = {}  # each pair read once per history

    def of(i: int, j: int) -> float:
        a, b = where[i], where[j]
        if a is None or b is None or band is None:
            return 0.0
        if (a, b) not in seen:
            lo, hi = band
            seen[a, b] = min(1.0, max(0.0, (space.trade_continuity(a, b) - lo) / (hi - lo)))
        return seen[a, b]

    return of


def close_years(
    experience: Sequence[WorkExperience],
    current_year: int,
    continuity: Callable[[int, int], float] | None,
    closeness: Callable[[int, int], float] | None,
) -> list[float]:
    """Per spell, in its order: the years after it ends (up to the person's latest end) worked in
    later spells of a close trade and not continuing it, each later spell's years there times
    (1 - `continuity(i, j)`) x `closeness(i, j)` (both in [0, 1]; None: 0 everywhere), at most the
    years between (`experience_weight`'s `close`, which caps it again below the years not
    continued). All zeros when `closeness` is None."""
    if closeness is None:
        return [0.0] * len(experience)
    cont = continuity or (lambda i, j: 0.0)
    return continued_years(experience, current_year, lambda i, j: (1.0 - cont(i, j)) * closeness(i, j))


def _closeness(space: SkillSpace, where: Sequence[int | None]) -> Callable[[int, int], float] | None:
    """How close the trades of two spells are by their occupation positions (`where`, None: unknown
    to the taxonomy, close to nothing): `SkillSpace.trade_closeness` read through
    `RankingParams.trade_closeness`'s (lo, hi) as (c - lo) / (hi - lo), clipped to [0, 1]; None
    (the rule off) when that is None."""

    band = space.params.trade_closeness
    if band is None:
        return None
    lo, hi = band
    seen: dict[tuple[int, int], float] = {}  # each pair read once per history

    def of(i: int, j: int) -> float:
        a, b = where[i], where[j]
        if a is None or b is None:
            return 0.0
        if (a, b) not in seen:
            seen[a, b] = min(1.0, max(0.0, (space.trade_closeness(a, b) - lo) / (hi - lo)))
        return seen[a, b]

    return of


def latest_year(experience: Sequence[WorkExperience], current_year: int) -> int | None:
    """The year a person's most recent spell ended: `current_year` when any is current (or ended
    later, a typo the weights read as current), None without work history."""
    if not experience:
        return None
    return min(current_year, max(current_year if w.ended_year is None else w.ended_year for w in experience))


def spell_weights(
    experience: Sequence[WorkExperience],
    current_year: int,
    p: RankingParams,
    continuity: Callable[[int, int], float] | None = None,
    closeness: Callable[[int, int], float] | None = None,
) -> list[float]:
    """Identity weight (`experience_weight`) of each spell of one person's work history, in its
    order, each read against the person's most recent spell and times its share of the calendar
    (`calendar_shares`), as `compact` stores it. `continuity(i, j)`: how much spell j continues
    spell i's trade (`continued_years`; None: no later spell does, every later year a change);
    `closeness(i, j)`: how close spell j's trade is to spell i's (`close_years`; None: none is)."""
    latest = latest_year(experience, current_year)
    cont = continuity or (lambda i, j: 0.0)
    shares, changed = calendar_shares(
        experience, current_year, cont, p.change_of_job_keeps_years, p.nested_spell_years, closeness
    )
    kept = continued_years(experience, current_year, cont)
    close = close_years(experience, current_year, cont, closeness)
    return [
        s * experience_weight(w.years, w.ended_year, current_year, p, latest, c, ch, cl)
        for w, s, c, ch, cl in zip(experience, shares, kept, changed, close, strict=True)
    ]


def overlap_shares(experience: Sequence[WorkExperience], current_year: int) -> list[float]:
    """Each spell's share of its own years, in [0, 1], when a person's work-years per calendar year
    never exceed one: a spell covers the years [end - years, end] (end = `ended_year`, or
    `current_year` for a current job; a later end reads as current, as `latest_year` does). The
    spells that end latest hold the calendar first (a new job overlapping the end of the one before
    is what the person does now; the earlier spell keeps the years before the overlap, and the
    career change already weighs it down, `experience_weight`); spells ending in the same year share
    every stretch they cover together equally. Spells that do not overlap keep 1; two current
    part-time jobs of equal length 0.5 each (a main job and one beside it are real). More than two
    at once are not a career: a stretch that k > 2 spells ending together share counts 1 / (k - 1)
    work-years in all instead of one (staggered ends already leave the earlier spells only the
    years the later ones do not hold), so three current ten-year jobs weigh 1/6 each, below
    `RankingParams.held_spell_weight` (1/5) whatever their recency, four 1/12 each (outside tester
    31, F10: 1/4 each passed it, showed every essential skill of four trades as held and ranked
    above a career changer's earlier trade, 0.25), six 1/30 each (outside tester 29, F4: each
    counted fully, and a person of six trades at once ranked third on ads of each). A
    spell of no length keeps 1. Multiplies the spell's identity weight and tenure (`compact`,
    `spell_weights`): the work-history agreement, the occupation inference's history evidence and
    the skills the spell implies all read the shared weight, so the agreement and the inferred
    occupations tell one story."""
    spans = []
    for w in experience:
        end = float(current_year if w.ended_year is None else min(w.ended_year, current_year))
        spans.append((end - max(0.0, float(w.years)), end))
    cuts = sorted({t for span in spans for t in span})
    if len(cuts) < 2:
        return [1.0] * len(spans)
    lo, hi = np.asarray(cuts[:-1]), np.asarray(cuts[1:])
    free = hi - lo  # calendar years of each stretch not yet held by a later-ending spell
    held = [0.0] * len(spans)
    for end in sorted({b for _, b in spans}, reverse=True):
        group = [i for i, (_, b) in enumerate(spans) if b == end]
        cover = np.zeros(len(lo))
        for i in group:
            cover += (lo >= spans[i][0]) & (hi <= spans[i][1])
        # more than two jobs at once contradict each other: a stretch k > 2 share counts 1 / (k - 1)
        credit = np.where(cover > 2, 1.0 / np.maximum(cover - 1.0, 1.0), 1.0)
        share = np.divide(free * credit, cover, out=np.zeros_like(free), where=cover > 0)
        for i in group:
            inside = (lo >= spans[i][0]) & (hi <= spans[i][1])
            held[i] = float(share[inside].sum())
        free = np.where(cover > 0, 0.0, free)
    return [1.0 if b <= a else min(1.0, held[i] / (b - a)) for i, (a, b) in enumerate(spans)]


def calendar_shares(
    experience: Sequence[WorkExperience],
    current_year: int,
    continuity: Callable[[int, int], float] | None = None,
    keep: bool = True,
    nested: tuple[float, float] | None = None,
    closeness: Callable[[int, int], float] | None = None,
) -> tuple[list[float], list[float]]:
    """Per spell, in its order: (its share of its own years, in [0, 1]; its changed years, >= 0),
    what `experience_weight` multiplies and reads (`changed`). As `overlap_shares`, except at a
    change of job: a stretch that exactly two spells cover, one beginning and ending later than the
    other (a new job begun before the old one ended), is not taken from the earlier spell, which
    keeps those years, and they count as later work in the other trade, times 1 - `continuity(earlier, later)`
    (`continued_years`' continuity; None: every later job another trade), which the career
    change's halving reads (`experience_weight`, with the floor of the spell's whole length). So a
    long spell is discounted by the time since the new job began, whether that job has ended or
    goes on, never more for the ended one: outside tester 35, F1, an early years teacher of 5.7 years
    (ended 2023) with 3.5 years as a healthcare assistant beside and after it weighed 0.45 with the
    assistant's job ended 2024, its 2.5 shared years taken whole, and 0.57 with it still going on
    (0.9 and 24.1 / 100 on a daycare-teacher ad); now 0.59 each.

    A spell within a longer later one (the stretch's other spell began no later and ends later) keeps
    `ramp(its length, nested)` of the years they share as work beside it, not changed (a trade of more
    than five years held beside another job), and the rest as a change of job, as above, when the
    outer job has ended; while it goes on, the outer job holds the rest (`overlap_shares`: a short
    spell inside what the person does now). So an ended later job never weighs an earlier spell below
    the same job still going on, whatever their lengths: a teacher of 5.7 years (ended 2023) inside
    eight years as a healthcare assistant ended last year weighed 0, the same eight years going on
    (a change of job) 0.75; now 0.85 and 0.75. Stretches that more than two spells cover and spells
    ending together share the calendar as `overlap_shares` says (a person of many jobs at once).

    experience: the work history; current_year: the year it is read in; continuity(i, j): in
    [0, 1], how much spell j continues spell i's trade (positions in `experience`); keep: False
    gives `overlap_shares` and no changed years (`RankingParams.change_of_job_keeps_years`), whatever
    `nested`; nested: (from, to) years, `RankingParams.nested_spell_years`, None: a spell within a
    longer later one shares as `overlap_shares` says; closeness(i, j): in [0, 1], how close spell j's
    trade is to spell i's (`close_years`), the share of the changed years that are none (a nurse's
    assistant job begun before her nursing ended), None: 0."""
    shares = overlap_shares(experience, current_year)
    changed = [0.0] * len(experience)
    if not keep:
        return shares, changed
    spans = []
    for w in experience:
        end = float(current_year if w.ended_year is None else min(w.ended_year, current_year))
        spans.append((end - max(0.0, float(w.years)), end))
    cuts = sorted({t for span in spans for t in span})
    returned = [0.0] * len(experience)
    for lo, hi in pairwise(cuts):
        cover = [i for i, (a, b) in enumerate(spans) if a <= lo and hi <= b and b > a]
        if len(cover) != 2:
            continue
        i, j = sorted(cover, key=lambda k: spans[k][1])
        if spans[i][1] == spans[j][1]:
            continue  # two jobs ending together: half each (`overlap_shares`)
        other = 1.0 - (continuity(i, j) if continuity else 0.0)
        if closeness is not None:
            other *= 1.0 - closeness(i, j)
        if spans[j][0] > spans[i][0]:  # a change of job
            returned[i] += hi - lo
            changed[i] += (hi - lo) * other
            continue
        if nested is None:
            continue  # one within a longer later one: `overlap_shares`
        beside = ramp(spans[i][1] - spans[i][0], nested)  # a trade held beside the outer job
        returned[i] += beside * (hi - lo)
        if spans[j][1] < current_year:  # the outer job has ended: the rest as a change of job
            returned[i] += (1.0 - beside) * (hi - lo)
            changed[i] += (1.0 - beside) * (hi - lo) * other
    for i, (a, b) in enumerate(spans):
        if returned[i] > 0:
            shares[i] = min(1.0, shares[i] + returned[i] / (b - a))
    return shares, changed


def experience_tenure(
    years: float,
    ended_year: int | None,
    current_year: int,
    p: RankingParams,
    latest_year: int | None = None,
    continued: float = 0.0,
    changed: float = 0.0,
    close: float = 0.0,
) -> float:
    """Length x recency of one spell in an occupation, in [0, 1]: how current and how long the
    experience is, the tie-break between people of the occupation (`RankingParams.experience_match_weight`):
    recency halves after `experience_half_life_years` (5), times years / `experience_tenure_years`,
    capped at 1 (a five-year spell and a ten-year one read alike). Never above the spell's
    identity weight `experience_weight` with the same `latest_year`, `continued`, `changed` and `close` (capped at it: a spell that later
    work in another occupation followed can weigh less as identity than as tenure), which the
    stage-1 bound of `RankingParams.experience_match_weight` relies on. 2 years ended 2024 read in
    2026: 0.76 x 0.4 = 0.30; 6 years ended 2025: 0.87."""
    since = 0.0 if ended_year is None else max(0.0, float(current_year - ended_year))
    recency = 0.5 ** (since / p.experience_half_life_years)
    share = min(1.0, max(0.0, years) / p.experience_tenure_years) if p.experience_tenure_years else 1.0
    identity = experience_weight(years, ended_year, current_year, p, latest_year, continued, changed, close)
    return min(recency * share, identity)


def claims_matrix(rows: Sequence[CompactCandidate], n_skills: int):  # type: ignore[no-untyped-def]
    """(claims CSR float32, claim meta uint8 aligned with its data) for compacted rows."""
    indices: list[int] = []
    data: list[float] = []
    meta: list[int] = []
    counts = np.fromiter((len(r.claim_skills) for r in rows), dtype=np.int64, count=len(rows))
    for r in rows:
        indices.extend(r.claim_skills)
        data.extend(r.claim_weights)
        meta.extend(r.claim_meta)
    m = sp.csr_matrix(
        (
            np.asarray(data, dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            _indptr(counts),
        ),
        shape=(len(rows), n_skills),
    )
    return m, np.asarray(meta, dtype=np.uint8)


def experience_matrix(
    rows: Sequence[CompactCandidate], n_occupations: int, *, tenure: bool = False
) -> sp.csr_matrix:
    """(n, n_occupations) CSR float32: each row's work-history occupations with their weights, or
    with `tenure` their length x recency (`CompactCandidate.occupation_tenure`; a row without it
    gives its weights, an upper bound of it)."""
    indices: list[int] = []
    data: list[float] = []
    counts = np.fromiter((len(r.occupations) for r in rows), dtype=np.int64, count=len(rows))
    for r in rows:
        indices.extend(r.occupations)
        kept = tenure and len(r.occupation_tenure) == len(r.occupations)
        data.extend(r.occupation_tenure if kept else r.occupation_weights)
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), _indptr(counts)),
        shape=(len(rows), n_occupations),
    )


def _indptr(counts: np.ndarray) -> np.ndarray:
    indptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr.astype(np.int32) if indptr[-1] < 2**31 else indptr


def document_frequency(
    claims: sp.csr_matrix, experience: sp.csr_matrix, space: SkillSpace, chunk: int = 65536
) -> np.ndarray:
    """How many candidates have each skill in their expanded vector, shape (n_skills,)."""
    df = np.zeros(space.n_skills, dtype=np.int64)
    for start in range(0, claims.shape[0], chunk):
        block = expanded(claims, experience, space, start, start + chunk)
        df += np.bincount(block.indices, minlength=space.n_skills)
    return df


def inverse_norms(
    claims: sp.csr_matrix,
    experience: sp.csr_matrix,
    space: SkillSpace,
    idf: np.ndarray,
    chunk: int = 65536,
) -> np.ndarray:
    """1 / ||raw vector * idf|| of every candidate (0 for an empty vector), float32."""
    out = np.zeros(claims.shape[0], dtype=np.float32)
    idf2 = idf.astype(np.float64) ** 2
    for start in range(0, claims.shape[0], chunk):
        block = expanded(claims, experience, space, start, start + chunk)
        sq = block.multiply(block).tocsr() @ idf2
        with np.errstate(divide="ignore"):
            out[start : start + block.shape[0]] = np.where(sq > 0, 1.0 / np.sqrt(sq), 0.0)
    return out


def vector_max(
    claims: sp.csr_matrix, experience: sp.csr_matrix, space: SkillSpace, chunk: int = 65536
) -> np.ndarray:
    """(n,) float32: each row's largest raw coordinate, max over skills of (claims + experience @
    space.experience)[row] (before IDF), rounded up to float32, and negative for a row without
    work history (0 for an empty row). Stage 1 bounds the share of a row's vector at a vacancy's
    skills with it (`kernels.similarity_bound_of`); query-independent, so stored per row."""
    n = claims.shape[0]
    out = np.zeros(n, dtype=np.float32)
    for start in range(0, n, chunk):
        block = expanded(claims, experience, space, start, start + chunk)
        if block.nnz:
            top = block.max(axis=1).toarray().ravel().astype(np.float64)
            up = top.astype(np.float32)
            out[start : start + block.shape[0]] = np.where(up < top, np.nextafter(up, np.float32(np.inf)), up)
    held = np.diff(experience.indptr) > 0
    return np.where(held, out, -out).astype(np.float32)


def expanded(
    claims: sp.csr_matrix, experience: sp.csr_matrix, space: SkillSpace, start: int, stop: int
) -> sp.csr_matrix:
    """Raw expanded skill vectors of rows [start, stop): claims + experience @ occupation skills."""
    block = claims[start:stop] + experience[start:stop] @ space.experience
    block = block.tocsr()
    block.sum_duplicates()
    return block


def other_trades_fall(
    n: int,
    claims: tuple[np.ndarray, np.ndarray, np.ndarray],
    history: tuple[np.ndarray, np.ndarray, np.ndarray],
    tenure: tuple[np.ndarray, np.ndarray, np.ndarray],
    reach: tuple[np.ndarray, np.ndarray, np.ndarray],
    experience: sp.csr_matrix,
    outside: np.ndarray,
    psi: float,
    power: float = 1.0,
    trade: sp.csr_matrix | None = None,
    phi: float = 1.0,
) -> np.ndarray:
    """(n,) float64 >= 0: how much each of n rows' outside part b^2 (the skill similarity's, IDF
    weighted) falls when the implied skills of its other trades count times psi_o beside the spell
    that is the evidence of the vacancy's trade (`RankingParams.other_trades_outside`), computed on
    the vector with the claims of the row's own trade already at phi (`trade_claim_falls`), so that
    the two reductions together are exactly what the two rules mean.

    claims : the rows' claims (row position, skill, weight), each (k,); history : the rows' work
    history (row position (m,), occupation (m,), identity weight (m,)), grouped by row, as
    `arrays.gather_rows` gives it; tenure : the same for each spell's length x recency
    (`experience_tenure`, <= its weight; a spell it lacks reads 0); reach : (indptr (n_occupations +
    1,), column, value) each occupation's skills at the vacancy's own skills V with value =
    experience weight x idf x the vacancy's unit vector there (what a spell of weight 1 adds to q^ .
    x_V); experience : (n_occupations, n_skills) CSR, `SkillSpace.experience`; outside : (n_skills,)
    float64, idf^2 at skills outside V and 0 inside it; psi : the floor in (0, 1]; power : >= 0, how
    steeply a shorter or older other trade counts less; trade : (n_occupations, n_skills) CSR,
    `SkillSpace.trade` (`trade_profiles`), None while `RankingParams.trade_claim_units` phi is 1.

    Per row of two or more occupations, s is the spell with the largest weight x reach (ties: the
    first; none when no spell reaches V); every other spell o counts at psi_o = max(psi, min(1,
    (tenure_o / tenure_s)^power)) of its weight. With phi_j = phi for a claim c_j that a spell's
    unit group's profiles list (`trade`; 1 else), h = sum_o w_o E_o, a = h - d and d = sum_o (1 -
    psi_o) w_o E_o, x = phi_j c + h is the vector after `trade_claim_falls`' rule and the fall is the
    sum over skills outside V of idf^2 (x^2 - (x - d)^2) = idf^2 d (2 x - d). The two rules together
    then leave the outside part at exactly sum_j idf_j^2 (phi_j c_j + a_j)^2: b^2 less the trade
    fall sum idf^2 ((c + h)^2 - (phi_j c + h)^2) less this one. Rows of one occupation, or whose
    other spells are as long and recent as s, fall by 0."""
    at, occ, weight = history
    out = np.zeros(n)
    if psi >= 1.0 or not len(at):
        return out
    many = np.bincount(at, minlength=n)[at] >= 2
    if not many.any():
        return out
    at, occ, weight = at[many], occ[many], weight[many]
    indptr, _, value = reach
    which, idx = row_positions(indptr, occ)
    evidence = np.bincount(which, value[idx], len(occ)) * weight
    t_at, t_occ, t_value = tenure
    ten = np.zeros(len(at))  # each spell's tenure (0 where the tenure matrix holds none)
    if len(t_at):
        span = int(max(occ.max(), t_occ.max())) + 1
        key, t_key = at.astype(np.int64) * span + occ, t_at.astype(np.int64) * span + t_occ
        order = np.argsort(t_key, kind="stable")
        found = np.minimum(np.searchsorted(t_key[order], key), len(t_key) - 1)
        ten = np.where(t_key[order][found] == key, t_value[order][found], 0.0)
    # s: the first spell of each row with the largest evidence
    order = np.lexsort((np.arange(len(at)), -evidence, at))
    first = np.r_[True, at[order][1:] != at[order][:-1]]
    top = np.zeros(n, dtype=np.int64)
    top[at[order[first]]] = order[first]
    s = top[at]
    live = (evidence[s] > 0) & (s != np.arange(len(at))) & (ten[s] > 0)
    keep = np.ones(len(at))
    keep[live] = np.clip((ten[live] / ten[s[live]]) ** power, psi, 1.0)
    reached = np.zeros(n, dtype=bool)  # the rows some other spell of which counts less
    reached[at[keep < 1.0]] = True
    rows = np.flatnonzero(reached)
    if not len(rows):
        return out
    # every (row, skill) of those rows' vectors: their spells' skills and their claims
    mine = reached[at]
    at, occ, weight, keep = at[mine], occ[mine], weight[mine], keep[mine]
    which, idx = row_positions(experience.indptr, occ)
    skill = experience.indices[idx].astype(np.int64)
    given = weight[which] * experience.data[idx]
    c_at, c_skill, c_weight = claims
    c_mine = reached[c_at]
    n_skills = len(outside)
    c_weight = c_weight[c_mine]
    if trade is not None and phi < 1.0 and len(c_weight):
        # claims listed by a spell's unit group's profiles count times phi (`trade_claim_falls`)
        t_which, t_idx = row_positions(trade.indptr, occ)
        listed = at[t_which].astype(np.int64) * n_skills + trade.indices[t_idx]
        c_key = c_at[c_mine].astype(np.int64) * n_skills + c_skill[c_mine]
        order = np.argsort(c_key)  # the few claims sorted, the profiles' many entries looked up in them
        at_claim = np.minimum(np.searchsorted(c_key[order], listed), len(order) - 1)
        hit = c_key[order][at_claim] == listed
        of_trade = np.zeros(len(c_key), dtype=bool)
        of_trade[order[at_claim[hit]]] = True
        c_weight = np.where(of_trade, phi * c_weight, c_weight)
    key = np.concatenate(
        [
            at[which].astype(np.int64) * n_skills + skill,
            c_at[c_mine].astype(np.int64) * n_skills + c_skill[c_mine],
        ]
    )
    cells, inverse = np.unique(key, return_inverse=True)
    x = np.bincount(inverse, np.concatenate([given, c_weight]), len(cells))
    d = np.bincount(inverse[: len(given)], (1.0 - keep[which]) * given, len(cells))
    np.add.at(out, cells // n_skills, outside[cells % n_skills] * d * (2.0 * x - d))
    return np.maximum(out, 0.0)
