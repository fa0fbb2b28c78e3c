"""Stage 5 of a shortlist (and of an explanation): entries with the score's parts, matched, related
and missing skills, evidence, distance, availability and (for explanations) the failed filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .arrays import experience_block, gather_rows, row_positions
from .filters import FilterFailure
from .kernels import compiled_best_related, compiled_query_evidence
from .match_score import MatchScale, match_points
from .model import SKILL_LEVELS, OccupationAgreement, RelatedCredit, ShortlistEntry, SkillEvidence
from .query import VACANCY_KINDS, QueryWeights, VacancyQuery
from .scoring import COMPONENTS, Exact, shown_components
from .segment import Segment
from .spoken import declared_evidence
from .taxonomy import Taxonomy
from .vectors import REASONS, SUGGESTED_BIT, SkillSpace


def shortlist_entries(
    best: Sequence[tuple[Segment, Exact, int]],
    qw: QueryWeights,
    space: SkillSpace,
    distances: np.ndarray,
    *,
    first_rank: int = 1,
    crossings: np.ndarray | None = None,
) -> list[ShortlistEntry]:
    """The ranked rows (segment, exact scores, position; best first) as entries ranked
    `first_rank`, `first_rank` + 1, ... `distances`: km from the vacancy to each municipality
    position (NaN last); `crossings`: bool, the same shape, True where that distance crosses the
    sea (`PreparedVacancy.crossings`; None: nowhere)."""
    # One `_entries` call per segment (its fixed cost is most of a short page's): the rows of the
    # segment's exact-score batches (one per round of `scoring.top_k`) gathered into one `Exact`.
    groups: dict[int, tuple[Segment, list[Exact], list[int], list[int]]] = {}
    for rank, (seg, ex, j) in enumerate(best, start=first_rank):
        group = groups.setdefault(id(seg), (seg, [], [], []))
        group[1].append(ex)
        group[2].append(j)
        group[3].append(rank)
    entries = [
        entry
        for seg, batches, positions, ranks in groups.values()
        for entry in _entries(
            seg,
            _taken(batches, positions),
            range(len(ranks)),
            qw,
            space,
            distances,
            ranks,
            [()] * len(ranks),
            crossings,
        )
    ]
    return sorted(entries, key=lambda e: e.rank)


def _taken(batches: Sequence[Exact], positions: Sequence[int]) -> Exact:
    """One `Exact` of row `positions[i]` of `batches[i]`, for every i (in that order)."""
    distinct: dict[int, int] = {}  # id of a batch -> its number in `used`
    used: list[Exact] = []
    for ex in batches:
        if id(ex) not in distinct:
            distinct[id(ex)] = len(used)
            used.append(ex)
    offsets = np.cumsum([0] + [len(ex.rows) for ex in used])
    at = offsets[[distinct[id(ex)] for ex in batches]] + np.asarray(positions, dtype=np.int64)

    def joined(name: str) -> np.ndarray:
        parts = [getattr(ex, name) for ex in used]
        return (parts[0] if len(parts) == 1 else np.concatenate(parts))[at]

    def confirmed(name: str = "from_confirmed") -> np.ndarray:  # where a batch has one
        parts = [
            getattr(ex, name) if getattr(ex, name) is not None else np.zeros(len(ex.rows), bool)
            for ex in used
        ]
        return (parts[0] if len(parts) == 1 else np.concatenate(parts))[at]

    rows, score, coverage, parts, agreement, from_history = (
        joined(name) for name in ("rows", "score", "coverage", "parts", "agreement", "from_history")
    )
    return Exact(
        rows, score, coverage, parts, agreement, from_history, confirmed(), confirmed("from_overlap")
    )


def explanations(
    scored: Sequence[tuple[Segment, Exact]],
    qw: QueryWeights,
    space: SkillSpace,
    distances: np.ndarray,
    failures: Sequence[tuple[FilterFailure, ...]],
    *,
    crossings: np.ndarray | None = None,
) -> list[ShortlistEntry]:
    """Entries (rank 0) of every row of every (segment, exact scores), in that order, each with
    the hard filters it fails (`failures`, one per row in the same order); `crossings` as in
    `shortlist_entries`."""
    out: list[ShortlistEntry] = []
    for seg, ex in scored:
        n = len(ex.rows)
        out += _entries(
            seg, ex, range(n), qw, space, distances, [0] * n, failures[len(out) : len(out) + n], crossings
        )
    return out


def _entries(
    seg: Segment,
    ex: Exact,
    positions: Sequence[int],
    qw: QueryWeights,
    space: SkillSpace,
    distances: np.ndarray,
    ranks: Sequence[int],
    failures: Sequence[tuple[FilterFailure, ...]],
    crossings: np.ndarray | None = None,
) -> list[ShortlistEntry]:
    """Entries of rows `ex.rows[positions]`: matched, related and missing skills.

    Built from arrays for these rows only: each row's skills are slices of a few lists made for
    all rows at once (the held query positions row by row, column order), not one pass per kind."""
    q = qw.query
    pos = np.asarray(positions, dtype=np.int64)
    rows = ex.rows[pos]
    m, n_u = len(rows), len(q.skills)
    raw, source, essential_held, history = _read_evidence(seg, rows, qw, space)
    spoken = declared_evidence(seg.columns["languages"], rows, ex.score[pos] > 0, q, space, raw, source)
    # A skill only work history supplies counts as held when it is essential to a past occupation:
    # ESCO lists optional skills broadly (a CNC operator's include TypeScript), and "TypeScript
    # (inferred)" on a machinist read as if the system had found programming skills (an outside
    # tester). An optional one still counts in the score, with its small weight.
    has = (raw > 0) & ((source > 0) | essential_held)
    strength = np.minimum(raw, 1.0)
    n_own = q.n_own
    best_v, best_c = best_related(strength, has, q)
    # what is shown essential: the score's essential positions and the suggestions the ad asks for as
    # essential (`VacancyQuery.asked_essential`), the split of the vacancy's `/skills` (outside tester
    # 38, M1); `order` puts the query positions in the order shown, those first
    order, n_e = shown_order(q)
    identity = n_e == len(q.essential)
    uri_q = _query_uris(q.skills, space)
    uri_u, has_s = (uri_q, has) if identity else (uri_q[order], has[:, order])
    # the held positions row by row, in shown order: essential ones first, then optional own
    # ones, then related ones (evidence holds them all; matched_* the first two runs)
    hit_rows, hit_at = np.nonzero(has_s)
    hit_cols = order[hit_at]  # (query positions)
    cuts = np.searchsorted(
        hit_rows * n_u + hit_at,
        (np.arange(m + 1)[:, None] * n_u + np.asarray([0, n_e, n_own])).ravel()[: 3 * m + 1],
    ).tolist()
    # tuples: an entry's runs are slices of them (one object each, no list copied first)
    hit_uris = tuple(uri_u[hit_at].tolist())
    hit_text = _EVIDENCE_BY_META[source[hit_rows, hit_cols]].tolist()
    hit_text = tuple(spoken.evidence(hit_rows, hit_cols, hit_text))  # declared languages' own words
    missing_e = _per_row(~has_s[:, :n_e], uri_u, m)
    # a text or skills vacancy's skills are rarely essential (suggestions never are): what a
    # candidate lacks of them is shown too (outside tester 7, H5: text vacancies showed nothing missing)
    missing_o = [()] * m if q.occupation >= 0 else _per_row(~has_s[:, n_e:n_own], uri_u[n_e:n_own], m)
    rel_rows, rel_cols = np.nonzero(best_v >= 0)
    rel_split = _row_starts(rel_rows, m)
    rel_best = best_v[rel_rows, rel_cols]
    related_all = tuple(  # a named tuple each, built from its fields' lists (a few hundred a page)
        map(
            RelatedCredit._make,
            zip(
                uri_q[rel_cols].tolist(),  # (in query positions)
                uri_q[rel_best].tolist(),
                np.round(best_c[rel_rows, rel_cols], 4).tolist(),
                _REASON_WORDS[q.own_reason[rel_cols, rel_best]].tolist(),
                strict=True,
            ),
        )
    )
    scores = ex.score[pos].tolist()
    shown = list(shown_components(space.params))  # parts of weight 0 are not shown
    names = [COMPONENTS[i] for i in shown]
    shown_parts = ex.parts[pos][:, shown]
    parts = np.round(shown_parts, 9).tolist()
    scale = _scale(*space.params.match_scales[VACANCY_KINDS.index(q.kind)])
    ideal = q.ideal if space.params.match_relative else None
    match, points = match_points(shown_parts, scale, ideal)
    match_l, points_l = np.round(match, 1).tolist(), np.round(points, 2).tolist()
    agreements = occupation_agreements(seg, rows, ex.agreement[pos], ex.from_history[pos], qw, space, history)
    if ex.from_confirmed is not None:
        overlap = ex.from_overlap[pos] if ex.from_overlap is not None else np.zeros(len(pos), bool)
        for i in np.flatnonzero(ex.from_confirmed[pos]).tolist():
            kind = "essential_skills" if overlap[i] else "confirmed_skills"
            agreements[i] = OccupationAgreement(round(float(ex.agreement[pos][i]), 4), kind)
    occupations = _inferred_occupations(seg, rows, space)
    support = occupation_support(seg, rows, space)
    km = np.round(distances[seg.municipality[rows]].astype(np.float64), 1).tolist()
    sea = [False] * m if crossings is None else crossings[seg.municipality[rows]].tolist()
    days = seg.available_day[rows].tolist()
    ids = [key.decode("utf-8") for key in seg.ids[rows].tolist()]
    out = []
    for i in range(m):
        lo, a, b, hi = cuts[3 * i : 3 * i + 4]
        out.append(
            ShortlistEntry(  # positional, in field order (a third cheaper than by keyword)
                ranks[i],  # rank
                ids[i],  # candidate_id
                scores[i],  # score
                dict(zip(names, parts[i], strict=True)),  # components
                hit_uris[lo:a],  # matched_essential
                hit_uris[a:b],  # matched_optional
                related_all[rel_split[i] : rel_split[i + 1]],  # related
                missing_e[i],  # missing_essential
                km[i],  # distance_km
                date.fromordinal(days[i]),  # available_from
                dict(zip(hit_uris[lo:hi], hit_text[lo:hi], strict=True)),  # evidence
                failures[i],  # filters
                match_l[i],  # match
                dict(zip(names, points_l[i], strict=True)),  # points
                occupations[i],  # occupations
                missing_o[i],  # missing_optional
                agreements[i],  # agreement
                sea[i],  # sea_crossing
                support[i],  # occupation_support
            )
        )
    return out


def shown_order(q: VacancyQuery) -> tuple[np.ndarray, int]:
    """(order, n_shown): the query positions ((n_u,) int64, a permutation) in the order an entry
    shows them: the essential ones (`q.essential`), then the own ones the vacancy asks for as
    essential although the score counts them optional (`q.asked_essential`: suggestions of its text
    not offered as a plus), then the other own ones, then the related ones; n_shown, how many come
    first as essential (len(essential) + len(asked_essential)). The identity when nothing is asked
    beside the essential ones."""
    n_u, n_e = len(q.skills), len(q.essential)
    asked = np.asarray(q.asked_essential, dtype=np.int64)
    if not len(asked):
        return np.arange(n_u, dtype=np.int64), n_e
    rest = np.ones(n_u, dtype=bool)
    rest[:n_e] = False
    rest[asked] = False
    order = np.concatenate([np.arange(n_e, dtype=np.int64), asked, np.flatnonzero(rest)])
    return order, n_e + len(asked)


def best_related(strength: np.ndarray, has: np.ndarray, q: VacancyQuery) -> tuple[np.ndarray, np.ndarray]:
    """The best related skill of every own skill a row does not hold, for all rows at once:
    (best_v, best_c), both (m, q.n_own): the query position of the related skill with the largest
    strength x credit (`q.rel_c`; the first such position on ties; -1 where none is above 0) and
    that product (float64, 0 where none). `strength`: (m, n_u) float64 in [0, 1]; `has`: (m, n_u)
    bool, the positions each row holds. Compiled where numba is on (`kernels.compiled_best_related`,
    the same numbers)."""
    m = len(strength)
    best_v = np.full((m, q.n_own), -1, dtype=np.int64)
    best_c = np.zeros((m, q.n_own))
    if not len(q.rel_v) or compiled_best_related(
        strength, has, q.rel_v, q.rel_c, q.rel_starts, q.rel_owner, best_v, best_c
    ):
        return best_v, best_c
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
    return best_v, best_c


def _query_uris(skills: np.ndarray, space: SkillSpace) -> np.ndarray:
    """(len(skills),) object array: the URI of each query position."""
    return _as_objects(space.taxonomy.skill_uris)[skills]


_OBJECTS: dict[int, tuple[Sequence[str], np.ndarray]] = {}


def _as_objects(uris: Sequence[str]) -> np.ndarray:
    """`uris` (a taxonomy's tuple, kept as long as its engine) as an object array, made once per
    tuple, for gathers."""
    held = _OBJECTS.get(id(uris))
    if held is None or held[0] is not uris:
        out = np.empty(len(uris), dtype=object)
        out[:] = list(uris)
        if len(_OBJECTS) >= 8:
            _OBJECTS.clear()
        held = _OBJECTS[id(uris)] = (uris, out)
    return held[1]


def _inferred_occupations(
    seg: Segment, rows: np.ndarray, space: SkillSpace
) -> list[tuple[tuple[str, float], ...]]:
    """Per row: its inferred occupations (ESCO URI, probability rounded to 3 places), in slot order
    (most likely first), leaving out the unit-group slots and empty ones."""
    occ_uris = space.taxonomy.occupation_uris
    guess = seg.inferred[rows]
    r, c = np.nonzero((guess >= 0) & (guess < len(occ_uris)))
    prob = np.round(seg.inferred_p[rows] / 255.0, 3)[r, c].tolist()
    pairs = tuple(zip(_as_objects(occ_uris)[guess[r, c]].tolist(), prob, strict=True))
    split = _row_starts(r, len(rows))
    return [pairs[split[i] : split[i + 1]] for i in range(len(rows))]


MIN_SUPPORTING_CLAIMS = 3
"""How many of a candidate's claimed skills an inferred occupation's ESCO profile must list (when no
spell of their work history is of it) for a recruiter to be shown it (`evidenced`). Outside tester
38, M1: the occupation model read a newly qualified practical nurse whose CV gave two medication
claims (and six suggestions of the same kind) as "hospital pharmacist 0.953": a posterior over
~3,000 occupations from one or two skills is near-certain only in form, as ESCO occupations share
most skills with their neighbours. Three claims is the smallest count that is more than "one or two
skills of the trade" (the tester's case); a choice of reading, not fitted: the score still reads the
whole posterior (what is shown changes, not the ranking)."""


def evidenced(supporting_skills: int, work_history: bool) -> bool:
    """Whether an inferred occupation is shown to a recruiter: a spell of the candidate's work
    history is of it, or at least `MIN_SUPPORTING_CLAIMS` of their claimed skills are in its ESCO
    profile (essential or optional)."""
    return work_history or supporting_skills >= MIN_SUPPORTING_CLAIMS


def occupation_support(
    seg: Segment, rows: np.ndarray, space: SkillSpace
) -> list[tuple[tuple[int, bool], ...]]:
    """Per row of `rows`, per inferred occupation `_inferred_occupations` gives it (in its order): (the
    number of the row's claimed skills, suggestions left out, that the occupation's ESCO profile
    lists as essential or optional; whether a spell of the row's work history, of any weight, is that
    occupation)."""
    tax = space.taxonomy
    guess = seg.inferred[rows]
    r, c = np.nonzero((guess >= 0) & (guess < tax.n_occupations))  # as `_inferred_occupations`
    occ_rc = guess[r, c].astype(np.int64)
    at, idx = row_positions(seg.claims.indptr, rows)
    claimed = ((seg.claim_meta.data[idx].astype(np.int64) - 1) & SUGGESTED_BIT) == 0
    held = sp.csr_matrix(
        (np.ones(int(claimed.sum()), dtype=np.int32), (at[claimed], seg.claims.indices[idx][claimed])),
        shape=(len(rows), tax.n_skills),
    )
    # only the pairs shown: row r's claims times occupation o's profile, summed
    counts = np.asarray(held[r].multiply(_profiles(tax)[occ_rc]).sum(axis=1)).ravel().tolist()
    at_o, occ, w_o = gather_rows(seg.experience, rows)
    spells = set(zip(at_o[w_o > 0].tolist(), occ[w_o > 0].tolist(), strict=True))
    pairs = tuple(
        (int(n), (i, o) in spells) for n, i, o in zip(counts, r.tolist(), occ_rc.tolist(), strict=True)
    )
    split = _row_starts(r, len(rows))
    return [pairs[split[i] : split[i + 1]] for i in range(len(rows))]


_PROFILES: dict[int, tuple[Taxonomy, sp.csr_matrix]] = {}


def _profiles(tax: Taxonomy) -> sp.csr_matrix:
    """(n_occupations, n_skills) int32 CSR, 1 where an occupation's ESCO profile lists the skill
    (essential or optional), made once per taxonomy."""
    held = _PROFILES.get(id(tax))
    if held is None or held[0] is not tax:
        both = (tax.essential.astype(np.int32) + tax.optional.astype(np.int32)).tocsr()
        both.data[:] = 1
        _PROFILES.clear()
        held = _PROFILES[id(tax)] = (tax, both)
    return held[1]


def occupation_agreements(
    seg: Segment,
    rows: np.ndarray,
    agreement: np.ndarray,
    from_history: np.ndarray,
    qw: QueryWeights,
    space: SkillSpace,
    history: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> list[OccupationAgreement | None]:
    """Per row of `rows`: `agreement` ((len(rows),) float64, the agreement the exact score used) and
    its source, "work_history" where `from_history` ((len(rows),) bool: a spell read directly,
    `scoring.history_agreement`, agrees at least as much as the inferred occupations), with that best spell's
    occupation URI and identity weight (`vectors.experience_weight`) and how ESCO relates it to the
    vacancy's occupation where that relation counted ("narrower", "broader": `VacancyQuery.
    close_occupation`, `Taxonomy.occupation_relation`; else None), else "inferred" (with the row's
    most probable inferred occupation and its relation when that occupation is such a relative of
    the vacancy's, else no occupation). None for every row when the
    vacancy has no occupation to agree with. `history`: the rows' work history as
    `gather_rows(seg.experience, rows)` gives it, when the caller has it already."""
    q, p = qw.query, space.params
    if q.agreement is None:
        return [None] * len(rows)
    values = np.round(agreement, 4).tolist()
    out: list[OccupationAgreement | None] = [OccupationAgreement(v, "inferred") for v in values]
    tax = space.taxonomy
    uris = tax.occupation_uris
    close = q.close_occupation  # whose ESCO relatives counted close to it (-1: none did)
    if close >= 0 and p.inferred_lineage_share > 0:
        # an inferred reading led by a relative of the vacancy's occupation names it, as a spell
        # does: a cook graduate read grill cook 0.68 on a cook ad (outside tester 31, F2)
        top = seg.inferred[rows, 0].astype(np.int64)
        lineage = tax.occupation_lineage
        related = lineage.indices[lineage.indptr[close] : lineage.indptr[close + 1]]
        for i in np.flatnonzero(np.isin(top, related) & ~from_history).tolist():
            o = int(top[i])
            out[i] = OccupationAgreement(
                values[i], "inferred", uris[o], None, tax.occupation_relation(uris[o], uris[close])
            )
    spelled = np.flatnonzero(from_history)
    if q.history_agreement is None or not len(spelled):
        return out
    at, occ, w = history if history is not None else gather_rows(seg.experience, rows)
    mine = from_history[at]  # the spells of the rows whose agreement is their history's
    at, occ, w = at[mine], occ[mine], w[mine]
    value = np.minimum(1.0, p.history_agreement_scale * w) * q.history_agreement[occ]
    order = np.lexsort((-value, at))  # by row, best spell first
    rows_of, first = np.unique(at[order], return_index=True)
    for i, k in zip(rows_of.tolist(), order[first].tolist(), strict=True):
        o = int(occ[k])
        relation = tax.occupation_relation(uris[o], uris[close]) if close >= 0 else None
        out[i] = OccupationAgreement(
            values[i], "work_history", uris[o], round(min(1.0, float(w[k])), 3), relation
        )
    return out


@lru_cache(maxsize=16)
def _scale(raw: tuple[float, ...], match: tuple[float, ...]) -> MatchScale:
    """The `MatchScale` of these knots (validated once, not per shortlist)."""
    return MatchScale(raw, match)


def _per_row(mask: np.ndarray, labels: np.ndarray, m: int) -> list[tuple[str, ...]]:
    """For each of the m rows of `mask`, the labels (an object array, one per column) of its True
    columns, in column order."""
    r, c = np.nonzero(mask)
    split = _row_starts(r, m)
    values = tuple(labels[c].tolist())
    return [values[split[i] : split[i + 1]] for i in range(m)]


# A suggestion (read in a coach's note, not confirmed) has no level: nobody stated one (outside
# tester 5: it showed as "intermediate", the level a claim is stored with by default).
_EVIDENCE = {0: SkillEvidence("inferred")} | {
    1 + (i | flag): SkillEvidence("suggested") if flag else SkillEvidence("claimed", level)
    for i, level in enumerate(SKILL_LEVELS)
    for flag in (0, SUGGESTED_BIT)
}


_REASON_WORDS = np.asarray(REASONS, dtype=object)  # REASONS as an object array, for gathers

_EVIDENCE_BY_META = np.empty(max(_EVIDENCE) + 1, dtype=object)
for _meta, _evidence in _EVIDENCE.items():
    _EVIDENCE_BY_META[_meta] = _evidence


def _row_starts(rows: np.ndarray, m: int) -> list[int]:
    """Where each of rows 0..m starts in `rows` (ascending row numbers, from np.nonzero)."""
    return np.searchsorted(rows, np.arange(m + 1)).tolist()  # type: ignore[no-any-return]


def _read_evidence(
    seg: Segment, rows: np.ndarray, qw: QueryWeights, space: SkillSpace
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
    """(raw, source, essential_held, history) of `rows` at the query positions: `query_evidence`'s
    (raw, source), `_essential_in_history`'s (len(rows), n_u) bool, and the rows' work history as
    `gather_rows` gives it (None when the compiled pass read it: `occupation_agreements` then
    gathers it itself, only where an agreement came from work history). One compiled pass where
    numba is on (`kernels.compiled_query_evidence`, the same numbers to the bit), else numpy."""
    q = qw.query
    found = compiled_query_evidence(
        rows,
        q.position,
        len(q.skills),
        seg.claims,
        seg.claim_meta,
        seg.experience,
        qw.exact.experience,
        space.taxonomy.essential,
        space.params.held_spell_weight,
    )
    if found is not None:
        claim, source, worked, essential = found
        claim += worked  # as `query_evidence`: the claims, then the work history's sum added
        return claim, source, essential > 0, None
    history = gather_rows(seg.experience, rows)  # the rows' work history, read once
    raw, source = query_evidence(seg, rows, qw, history)
    return raw, source, _essential_in_history(rows, qw, space, history), history


def _essential_in_history(
    rows: np.ndarray, qw: QueryWeights, space: SkillSpace, history: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> np.ndarray:
    """(len(rows), n_u) bool: the query skill is essential to an occupation in the row's work history
    whose spell weighs at least `RankingParams.held_spell_weight` (`history`: the rows' work history
    as `gather_rows` gives it)."""
    at_o, occ, w_o = history
    material = (w_o >= space.params.held_spell_weight).astype(w_o.dtype)
    block = experience_block(at_o, occ, material, len(rows), space.taxonomy.essential, qw.query.position)
    out = np.zeros((len(rows), len(qw.query.skills)), dtype=bool)
    out[:, : block.shape[1]] = block > 0
    return out


def query_evidence(
    seg: Segment,
    rows: np.ndarray,
    qw: QueryWeights,
    history: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(raw, source), both (len(rows), n_u): each row's expanded skill weight (claims plus work
    history) at every query position, and where a claim supplies it the claim's meta byte
    (1 + level | SUGGESTED_BIT; 0 where only work history does), for explanations. `history`: the
    rows' work history as `gather_rows(seg.experience, rows)` gives it, when the caller has it."""
    q = qw.query
    at, idx = row_positions(seg.claims.indptr, rows)
    u = q.position[seg.claims.indices[idx]]
    hit = u >= 0
    at, u, idx = at[hit], u[hit], idx[hit]
    raw = np.zeros((len(rows), len(q.skills)))
    raw[at, u] = seg.claims.data[idx]
    source = np.zeros(raw.shape, dtype=np.uint8)
    source[at, u] = seg.claim_meta.data[idx]
    at_o, occ, w_o = history if history is not None else gather_rows(seg.experience, rows)
    raw += experience_block(at_o, occ, w_o, len(rows), qw.exact.experience, q.position)
    return raw, source
