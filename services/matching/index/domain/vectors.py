"""Skill vectors of vacancies and candidates, related-skill credit, and IDF weighting.

A candidate's raw skill vector is the sum of their claims (weighted by level) and, for each
occupation in their work history, that occupation's essential and optional skills weighted by
recency and duration. Only the claims and the (occupation, weight) pairs are stored; the
expansion through the occupation-skill matrix is linear, so the ranking applies it to the query
instead of to a million stored rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import (
    SKILL_LEVELS,
    WORKING_TIMES,
    Candidate,
    InvalidRecordError,
    Vacancy,
    language_rank,
)
from .params import RankingParams
from .taxonomy import Taxonomy

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
    """

    taxonomy: Taxonomy
    params: RankingParams
    experience: sp.csr_matrix
    experience_csc: sp.csc_matrix
    credit: sp.csr_matrix
    reason: sp.csr_matrix
    claim_table: dict[tuple[str, bool], tuple[float, int, bool]]

    @property
    def n_skills(self) -> int:
        return self.taxonomy.n_skills


def build_skill_space(taxonomy: Taxonomy, params: RankingParams) -> SkillSpace:
    experience = (
        taxonomy.essential * params.experience_essential_weight
        + taxonomy.optional * params.experience_optional_weight
    ).astype(np.float32)
    credit, reason = related_credit(taxonomy, params)
    if not (np.array_equal(credit.indptr, reason.indptr) and np.array_equal(credit.indices, reason.indices)):
        raise AssertionError("related-skill reasons out of step with credits")
    experience = experience.tocsr()
    return SkillSpace(taxonomy, params, experience, experience.tocsc(), credit, reason, claim_table(params))


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
@dataclass(frozen=True, eq=False)
class VacancyQuery:
    """A vacancy's wanted skills, their related skills, and coverage structure.

    skills : (n_u,) int32 positions U: the vacancy's own skills first (in `own` order), then
        related skills that earn credit
    weight : (n_u,) float32 vector weight of each position (related ones: credit x weight)
    n_own : the first `n_own` positions of `skills` are the vacancy's own skills
    essential : (n_e,) int32 indices into `skills` of the essential skills
    coverage_weight : (n_e,) float32 weight of each essential skill in coverage
    credit : (n_u, n_e) float32, credit[u, e]: what having skill u earns towards essential e
        (1 on the skill itself)
    own_credit, own_reason : (n_own, n_u) related-skill credit and reason code between each own
        skill and every position (for explanations)
    cov_u, cov_c, cov_starts : the non-zeros of `credit` column by column (position, credit,
        start of each essential's run), for vectorised best-credit lookups
    rel_u, rel_v, rel_c, rel_starts : the non-zeros of `own_credit` (own skill, position,
        credit) grouped by own skill; rel_owner holds the own skill of each group
    """

    skills: np.ndarray
    weight: np.ndarray
    n_own: int
    essential: np.ndarray
    coverage_weight: np.ndarray
    credit: np.ndarray
    own_credit: np.ndarray
    own_reason: np.ndarray
    cov_u: np.ndarray
    cov_c: np.ndarray
    cov_starts: np.ndarray
    rel_v: np.ndarray
    rel_c: np.ndarray
    rel_starts: np.ndarray
    rel_owner: np.ndarray
    position: np.ndarray  # (n_skills,) index into `skills` of every skill, -1 if absent
    occupation: int = -1  # position of the vacancy's occupation, -1 when none

    @property
    def optional(self) -> np.ndarray:
        """Indices into `skills` of own skills that are not essential."""
        mask = np.ones(self.n_own, dtype=bool)
        mask[self.essential] = False
        return np.flatnonzero(mask)


def vacancy_query(vacancy: Vacancy, space: SkillSpace) -> VacancyQuery:
    """The vacancy's skill vector: its chosen skills and its occupation's essential (full
    weight) and optional (lower weight) skills, expanded with related skills. An employer's
    choice wins over the occupation's defaults; skills unknown to the taxonomy are ignored."""
    p, tax = space.params, space.taxonomy
    weight: dict[int, float] = {}
    coverage: dict[int, float] = {}
    chosen: set[int] = set()
    for s in vacancy.skills:
        j = tax.skill_index.get(s.uri)
        if j is None:
            continue
        if s.suggested:
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), p.suggested_skill_weight)
            continue
        w = p.chosen_essential_weight if s.essential else p.chosen_optional_weight
        weight[j] = w if j not in chosen else max(weight[j], w)
        chosen.add(j)
        if s.essential:
            coverage[j] = 1.0
    o = -1
    if vacancy.occupation_uri and tax.has_occupation(vacancy.occupation_uri):
        o = tax.occupation_index[vacancy.occupation_uri]
        for j in _row(tax.essential, o):
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), p.occupation_essential_weight)
                coverage.setdefault(int(j), p.occupation_essential_coverage)
        for j in _row(tax.optional, o):
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), p.occupation_optional_weight)
    coverage = {j: c for j, c in coverage.items() if c > 0}
    own = sorted(weight, key=lambda j: (j not in coverage, j))
    own_arr = np.asarray(own, dtype=np.int32)
    own_w = np.asarray([weight[j] for j in own], dtype=np.float32)

    # related skills: weight = best credit x wanted weight over the vacancy's own skills
    n_s = space.n_skills
    rel_row, idx = row_positions(space.credit.indptr, own_arr)
    rel_indices, rel_data = space.credit.indices[idx], space.credit.data[idx]
    rel_reasons = space.reason.data[idx]  # same structure as credit (build_skill_space checks)
    best = np.zeros(n_s, dtype=np.float32)
    np.maximum.at(best, rel_indices, rel_data * own_w[rel_row])
    best[own_arr] = 0.0
    extra = np.flatnonzero(best > 0).astype(np.int32)
    skills = np.concatenate([own_arr, extra])
    vec_w = np.concatenate([own_w, best[extra]])
    position = np.full(n_s, -1, dtype=np.int64)
    position[skills] = np.arange(len(skills))
    own_credit = np.zeros((len(own), len(skills)), dtype=np.float32)
    own_reason = np.zeros((len(own), len(skills)), dtype=np.int8)
    at = position[rel_indices]
    ok = at >= 0
    own_credit[rel_row[ok], at[ok]] = rel_data[ok]
    own_reason[rel_row[ok], at[ok]] = rel_reasons[ok]

    n_e = len(coverage)
    essential = np.arange(n_e, dtype=np.int32)  # essential skills come first in `own`
    credit = np.ascontiguousarray(own_credit[:n_e].T)  # (n_u, n_e)
    credit[essential, essential] = 1.0
    cov_e, cov_u = np.nonzero(credit.T)
    rel_u, rel_v = np.nonzero(own_credit)
    rel_owner, rel_starts = np.unique(rel_u, return_index=True)
    return VacancyQuery(
        skills=skills,
        weight=vec_w,
        n_own=len(own),
        essential=essential,
        coverage_weight=np.asarray([coverage[j] for j in own[:n_e]], dtype=np.float32),
        credit=credit,
        own_credit=own_credit,
        own_reason=own_reason,
        cov_u=cov_u,
        cov_c=credit[cov_u, cov_e],
        cov_starts=np.searchsorted(cov_e, np.arange(n_e)),
        rel_v=rel_v,
        rel_c=own_credit[rel_u, rel_v],
        rel_starts=rel_starts,
        rel_owner=rel_owner,
        position=position,
        occupation=o,
    )


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
    languages: tuple[tuple[str, int], ...]  # (ISO 639-1 code, rank 1..7)
    municipality: str
    max_commute_km: float
    available_day: int  # date.toordinal()
    working_time: int  # position in WORKING_TIMES
    consented_orgs: tuple[str, ...]
    hired: bool
    unknown_uris: int = 0  # skills and occupations the taxonomy does not know (ignored)


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
    for work in candidate.experience:
        o = tax.occupation_index.get(work.occupation_uri)
        if o is None:
            unknown += 1
            continue
        w = experience_weight(work.years, work.ended_year, current_year, space.params)
        experience[o] = max(experience.get(o, 0.0), w)
    if candidate.working_time not in WORKING_TIMES:
        raise InvalidRecordError(f"unknown working time {candidate.working_time!r}")
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
        languages=tuple(sorted((c, language_rank(lvl)) for c, lvl in candidate.languages.items())),
        municipality=candidate.municipality,
        max_commute_km=float(candidate.max_commute_km),
        available_day=candidate.available_from.toordinal(),
        working_time=WORKING_TIMES.index(candidate.working_time),
        consented_orgs=tuple(sorted(candidate.consented_orgs)),
        hired=candidate.hired,
        unknown_uris=unknown,
    )


def claim_table(p: RankingParams) -> dict[tuple[str, bool], tuple[float, int, bool]]:
    """(level, suggested) -> (weight, meta, suggested) of a skill claim."""
    return {
        (level, suggested): (
            p.level_weights[i] * (p.suggested_claim_factor if suggested else 1.0),
            i | (SUGGESTED_BIT if suggested else 0),
            suggested,
        )
        for i, level in enumerate(SKILL_LEVELS)
        for suggested in (False, True)
    }


def experience_weight(years: float, ended_year: int | None, current_year: int, p: RankingParams) -> float:
    """Recency x duration weight of one spell in an occupation, in (0, 1]."""
    since = 0.0 if ended_year is None else max(0.0, float(current_year - ended_year))
    recency = 0.5 ** (since / p.experience_half_life_years)
    share = min(1.0, max(0.0, years) / p.experience_full_years) if p.experience_full_years else 1.0
    duration = p.experience_min_factor + (1.0 - p.experience_min_factor) * share
    return recency * duration


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


def experience_matrix(rows: Sequence[CompactCandidate], n_occupations: int) -> sp.csr_matrix:
    indices: list[int] = []
    data: list[float] = []
    counts = np.fromiter((len(r.occupations) for r in rows), dtype=np.int64, count=len(rows))
    for r in rows:
        indices.extend(r.occupations)
        data.extend(r.occupation_weights)
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


def expanded(
    claims: sp.csr_matrix, experience: sp.csr_matrix, space: SkillSpace, start: int, stop: int
) -> sp.csr_matrix:
    """Raw expanded skill vectors of rows [start, stop): claims + experience @ occupation skills."""
    block = claims[start:stop] + experience[start:stop] @ space.experience
    block = block.tocsr()
    block.sum_duplicates()
    return block


def row_positions(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in `rows`, index into the data arrays) of every stored entry of the given rows of
    a CSR matrix (or columns of a CSC one) with this `indptr`, row by row."""
    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    at = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return at, offsets + np.arange(len(at))


def _row(m: sp.csr_matrix, i: int) -> np.ndarray:
    return m.indices[m.indptr[i] : m.indptr[i + 1]]
