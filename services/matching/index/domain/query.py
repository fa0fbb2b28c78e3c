"""Stage 1 of a shortlist: the vacancy query.

`prepare` turns a vacancy into what ranking asks of candidates, once, when the vacancy is applied:
its skill vector expanded with related skills and its coverage structure (`VacancyQuery`), and its
distance to every municipality. `weights` combines that with the current index's IDF for one
request (`QueryWeights`: stage-1 bound weights and stage-2 precomputations).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .arrays import row_positions
from .geo import MunicipalityTable
from .model import Vacancy
from .occupations import vacancy_target
from .params import RankingParams, closeness_floor, unit_level
from .skill_plus import asked_as_essential
from .spoken import NO_LANGUAGES, QueryLanguages, query_languages, rank_tables
from .vectors import SkillSpace

VACANCY_KINDS = ("occupation", "skills", "few-skills", "text", "text-read")
"""What a vacancy gives to match on: an occupation; chosen skills but no occupation (more than
`FEW_SKILLS`; at most that many: "few-skills"); only a title and text (recognised skills) whose
occupation is not sure ("text"), or is read surely enough that the vacancy asks for its ESCO
profile ("text-read": `inferred_profile`, probability at least
`RankingParams.inferred_profile_probability`). The match score has one calibration per kind
(`RankingParams.match_scales`, in this order). "text-read" has its own since session 23 (outside
tester T5): with one scale for both, a surely read English practical-nurse ad's candidate holding
all 32 essential skills read 79-81, since the scale mixed in unsure texts whose candidates at the
ideal are of another occupation a quarter of the time. Since session 32 that entry is the
"occupation" one: the query is the named occupation's scaled, so one scale gives the same candidate
the same match on both (outside tester 31, F12)."""

FEW_SKILLS = 5
"""A vacancy given by at most this many chosen skills and no occupation is of kind "few-skills":
its skills fit many occupations (MIG and MAG welding and a forklift: welders, plate workers,
metal fabricators …), so its scores run lower than those of a vacancy listing an occupation's
skills, and its match score has a calibration of its own (outside tester 5, F7)."""


@dataclass(frozen=True, eq=False)
class PreparedVacancy:
    """A vacancy with its query, built once when the vacancy is applied (see `prepare`)."""

    vacancy: Vacancy
    query: VacancyQuery
    # (n_municipalities + 1,) float32 km the commute filter reads for each municipality position
    # (`site_distances`; last entry for an unknown municipality): all 0 for a remote vacancy
    distances: np.ndarray
    # the same, as shown to people (`distance_km`): to the nearest site, remote or not; None: `distances`
    shown_km: np.ndarray | None = None
    # (n_municipalities + 1,) bool: the shown distance crosses the sea (no site on the municipality's
    # road network: Åland and the mainland); None: no municipality is parted from a site by the sea
    sea: np.ndarray | None = None

    @property
    def km(self) -> np.ndarray:
        """Km from the nearest work site to each municipality position, as shown (NaN unknown)."""
        return self.distances if self.shown_km is None else self.shown_km

    @property
    def crossings(self) -> np.ndarray | None:
        """(n_municipalities + 1,) bool: whether the shown distance crosses the sea (`sea`); None: none does."""
        return self.sea


def site_distances(vacancy: Vacancy, municipalities: MunicipalityTable, road_factor: float) -> np.ndarray:
    """(n_municipalities + 1,) float64 km from the vacancy's nearest work site (`Vacancy.municipalities`)
    to each municipality position, the road estimate (`road_factor` x great-circle); the last entry
    (unknown municipality) NaN, as is a position no known site reaches (every site unknown)."""
    sites = [municipalities.distances_from(code, road_factor) for code in vacancy.municipalities]
    return sites[0] if len(sites) == 1 else np.fmin.reduce(sites)  # (fmin: a NaN site gives way)


def road_distances(
    vacancy: Vacancy, municipalities: MunicipalityTable, road_factor: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(commute, shown, sea), each (n_municipalities + 1,): `commute` float64 km from the nearest
    work site on the municipality's road network (`site_distances`), +inf where every known site
    is across the sea (Åland and the mainland: no road, so no commute, and no maximum commute
    reaches it); `shown` the same with the estimate to the nearest site across the sea where no
    site is on the network (what a person reads beside `sea`); `sea` bool, True there, or None
    when no municipality is parted from a site by the sea. NaN for an unknown municipality."""
    km = site_distances(vacancy, municipalities, road_factor)
    if not municipalities.islands:
        return km, km, None
    crossing = [municipalities.crossings_from(code) for code in vacancy.municipalities]
    sites = [municipalities.distances_from(code, road_factor) for code in vacancy.municipalities]
    by_road = np.fmin.reduce([np.where(c, np.inf, d) for c, d in zip(crossing, sites, strict=True)])
    sea = np.isinf(by_road)
    if not sea.any():
        return km, km, None
    return by_road, np.where(sea, km, by_road), sea


def prepare(vacancy: Vacancy, space: SkillSpace, municipalities: MunicipalityTable) -> PreparedVacancy:
    """What every request about `vacancy` needs that does not depend on the index's contents: its
    query and the commute distances (`road_distances`: to the nearest work site on the candidate's
    road network, +inf across the sea between Åland and the mainland, which no maximum commute
    reaches; a remote vacancy's commute filter passes everyone, even a candidate of unknown
    municipality or across the sea, `distances` then being all 0). The shown distance
    (`PreparedVacancy.km`) across the sea is the estimate to the nearest site, with `crossings` True."""
    commute, shown, sea = road_distances(vacancy, municipalities, space.params.road_factor)
    km = commute.astype(np.float32)
    shown_km = None if sea is None else shown.astype(np.float32)
    if vacancy.remote:
        return PreparedVacancy(
            vacancy,
            vacancy_query(vacancy, space),
            np.zeros_like(km),
            km if shown_km is None else shown_km,
            sea,
        )
    return PreparedVacancy(vacancy, vacancy_query(vacancy, space), km, shown_km, sea)


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
    target: np.ndarray | None = None  # (n_occupations,) float64 the vacancy's occupation distribution
    agreement: np.ndarray | None = None  # (n_occupations + n_units,) float64 level-weighted
    # agreement in [0, 1] per unit of probability in each inferred slot (see `occupation_agreement`)
    history_agreement: np.ndarray | None = None  # (n_occupations,) float64 in [0, 1]: the agreement
    # of a candidate certainly of each occupation at the occupation and unit-group levels (see
    # `history_agreement`), what work history in it earns at full weight
    kind: str = "skills"  # one of VACANCY_KINDS
    confirmed_agreement: float = 0.0  # in [0, 1]: the agreement a candidate holding every essential
    # skill the employer confirmed earns (`RankingParams.confirmed_agreement_power`); 0: not used
    close_occupation: int = -1  # position of the occupation whose ESCO narrower and broader
    # occupations count close to it (`close_occupation`), -1 when none
    best_agreement: float = 0.0  # in [0, 1]: the agreement of a candidate certainly of the
    # vacancy's best-agreeing occupation (`history_agreement`'s largest; 0: no occupation), the
    # scale of `scoring.band_order`'s closeness
    overlap_agreement: float = 0.0  # in [0, 1): the agreement holding every essential skill earns
    # whatever the occupation (`RankingParams.overlap_agreement`: a claim or full-weight work history
    # holds a skill; power 1); 0: not used
    profile: int = -1  # position of the inferred occupation whose ESCO profile the vacancy asks for
    # (`inferred_profile`; its essential skills are `essential`), -1 when none
    asked_essential: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # (k,) int32 indices into `skills` of own skills outside `essential` that the vacancy asks for
    # as essential all the same (`skill_plus.asked_as_essential`: suggestions read in its text that it
    # does not offer as a plus, not yet confirmed): the score counts them optional (a suggestion is
    # never essential until the employer confirms it), what is shown counts them essential, as the
    # vacancy's `/skills` does (outside tester 38, M1)
    ideal: float = 0.0  # raw score of an ideal candidate for this vacancy (`ideal_score`)
    languages: QueryLanguages = NO_LANGUAGES  # positions that are ESCO language skills, by
    # language: a candidate's declared languages hold them (`spoken.language_claims`)

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
    listed_essential: set[int] = set()
    asked: set[int] = set()  # suggestions the ad asks for as essential (shown so, scored optional)
    for s in vacancy.skills:
        j = tax.skill_index.get(s.uri)
        if j is None:
            continue
        if s.suggested:
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), p.suggested_skill_weight)
                if asked_as_essential(s):
                    asked.add(int(j))
            continue
        w = p.chosen_essential_weight if s.essential else p.chosen_optional_weight
        weight[j] = w if j not in chosen else max(weight[j], w)
        chosen.add(j)
        if s.essential:
            coverage[j] = 1.0
            listed_essential.add(int(j))
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
    q = np.zeros(tax.n_skills)
    q[list(weight)] = list(weight.values())
    titles = space.titles.read(vacancy.title) if o < 0 and vacancy.title else ()
    target = vacancy_target(
        space.occupations,
        q,
        [t.occupation for t in titles],
        occupation=o,
        k=p.vacancy_occupations,
        title_weight=p.title_weight,
        title_confidences=[t.confidence for t in titles],
        title_floor=p.title_floor,
        title_skill_correlation=p.title_skill_correlation,
        listed_essential=sorted(listed_essential),
        listed_optional=sorted(chosen - listed_essential),
    )
    profile = inferred_profile(target, o, bool(chosen) and not vacancy.described, p)
    if profile >= 0:  # the inferred occupation's ESCO profile, as a named one's, at a share
        share = p.inferred_profile_share
        # and the text's suggestions beside it at the same share, as beside a named occupation: a
        # suggestion weighs suggested_skill_weight against the profile's whole weights there, so
        # here share x that against share x them (the query is the named one's, scaled, and its
        # complete holder reads as there). At their whole weight, above the profile's share, the
        # suggestions outside the profile outweighed it: rare in the pool (their IDF high), the
        # recogniser's off-profile guesses of a Swedish ad diluted its complete holder's similarity
        # to 0.59 and read 77.8 where the README promises about 92 (outside tester 30, T30-4; which
        # guesses a text gives depends on its language, the profile does not)
        # The employer's own skills (confirmed suggestions of the text, or chosen up front beside
        # it) are added to the profile as to a named occupation's, the whole query scaled: their
        # weights and coverage win over the profile's defaults (outside tester 34, F1: confirming the
        # five suggestions of a cook ad read as cook 1.0 dropped the cook's profile, and cooks of
        # years holding 16 of its 16 essential skills fell from 96.6 to 66.8-72.1, "2/3")
        weight = {j: share * w for j, w in weight.items()}
        coverage = {j: share * c for j, c in coverage.items()}
        for j in _row(tax.essential, profile):
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), share * p.occupation_essential_weight)
                coverage.setdefault(int(j), share * p.occupation_essential_coverage)
        for j in _row(tax.optional, profile):
            if j not in chosen:
                weight[j] = max(weight.get(j, 0.0), share * p.occupation_optional_weight)
        coverage = {j: c for j, c in coverage.items() if c > 0}
    kind = (
        "occupation"
        if o >= 0
        else "text-read"
        if profile >= 0
        else "text"
        if not chosen
        else "few-skills"
        if len(chosen) <= FEW_SKILLS
        else "skills"
    )
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
    # ESCO's relatives count close to the occupation named, or read from a title and text alone; the
    # skills an employer lists tell the relatives apart (`RankingParams.occupation_lineage_share`),
    # for work history and inferred occupations alike (outside tester 31, F2)
    close = close_occupation(target, space, listed=o < 0 and profile < 0 and bool(chosen))
    agreement = occupation_agreement(target, space, close)
    by_history = history_agreement(target, space, close)
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
        target=target,
        agreement=agreement,
        history_agreement=by_history,
        close_occupation=close,
        kind=kind,
        confirmed_agreement=confirmed_agreement(  # (none beside an adopted profile, as for a named one)
            by_history, max(o, profile), len(listed_essential), bool(titles), p
        ),
        overlap_agreement=p.overlap_agreement if n_e > 0 and p.experience_essential_weight > 0 else 0.0,
        best_agreement=float(min(1.0, by_history.max()))
        if by_history is not None and len(by_history)
        else 0.0,
        profile=profile,
        asked_essential=np.asarray(
            [u for u, j in enumerate(own[n_e:], start=n_e) if j in asked and j not in chosen], dtype=np.int32
        ),
        ideal=ideal_score(agreement, own_arr, own_w, n_e, space, by_history),
        languages=query_languages(skills, tax),
    )


def inferred_profile(target: np.ndarray | None, occupation: int, confirmed: bool, p: RankingParams) -> int:
    """The occupation position whose ESCO profile a vacancy asks for although the employer named
    none (`RankingParams.inferred_profile_share`): the most probable of `target` ((n_occupations,)
    float64, `vacancy_target`) when it reaches `RankingParams.inferred_profile_probability`, for a
    vacancy without an occupation (`occupation` -1) and without confirmed skills (`confirmed`
    False); else -1. `vacancy_query` passes `confirmed` False for a vacancy with a description
    (`Vacancy.described`) whatever its employer chose: a title and text read surely ask for the
    occupation's profile, and skills confirmed from its suggestions are added to it, as to a named
    occupation's (outside tester 34, F1: confirming them made a surely read cook ad a few-skills one,
    its profile dropped). Only a vacancy of chosen skills and no description is read by its skills
    alone, as before."""
    if p.inferred_profile_share <= 0 or occupation >= 0 or confirmed or target is None or not len(target):
        return -1
    best = int(np.argmax(target))
    return best if target[best] >= p.inferred_profile_probability else -1


def confirmed_agreement(
    by_history: np.ndarray | None, occupation: int, n_confirmed: int, titled: bool, p: RankingParams
) -> float:
    """The occupation agreement, in [0, 1], that holding every essential skill the employer
    confirmed earns (`RankingParams.confirmed_agreement_power`): that of a candidate certainly of
    the vacancy's best-agreeing occupation (the largest of `by_history`, `history_agreement`'s
    (n_occupations,) array), for a vacancy without an occupation (`occupation` -1) with
    `n_confirmed` essential skills its employer confirmed (`vacancy_query` passes the chosen ones
    only: the essential skills of an occupation read from the text, `inferred_profile`, are not
    confirmed by anyone; outside tester 29, F3: a text-only ad read surely as cook gave a profile
    claiming every skill of three trades 0.75 and 57.5 / 100) (at least `RankingParams.
    confirmed_agreement_min_skills`, and one), whose occupation was read from its title
    (`titled`) when `RankingParams.confirmed_agreement_titled` asks for it; else 0 (not used)."""
    if (
        p.confirmed_agreement_power <= 0
        or occupation >= 0
        or n_confirmed < max(1, p.confirmed_agreement_min_skills)
        or by_history is None
        or not len(by_history)
        or (p.confirmed_agreement_titled and not titled)
        or p.confirmed_agreement_share <= 0
    ):
        return 0.0
    return float(min(1.0, by_history.max()) * p.confirmed_agreement_share)


def share_unit(query: VacancyQuery, p: RankingParams) -> float:
    """The strength that holds an essential skill in the share stage 1 walks for the agreements of
    held skills: full-weight work history (`RankingParams.experience_essential_weight`) when the
    skill overlap's agreement is used (`VacancyQuery.overlap_agreement`), else a claim at any level
    (`level_weights[0]`, the confirmed skills' own share)."""
    return p.experience_essential_weight if query.overlap_agreement > 0 else p.level_weights[0]


def share_ratio(query: VacancyQuery, p: RankingParams) -> float:
    """The confirmed skills' share is at most this times the share stage 1 walks (`share_unit`): 1,
    or level_weights[0] / experience_essential_weight's inverse when that walks the overlap's."""
    return share_unit(query, p) / p.level_weights[0]


def share_cap(query: VacancyQuery, p: RankingParams) -> float:
    """The claim weight from which a claim holds an essential skill whole in every share stage 1
    walks for the agreements of held skills (the confirmed-share column weights, `_linear`): the
    skill overlap's (`RankingParams.experience_essential_weight`, when used) and the confirmed
    skills' (`level_weights[0]`, when used), the larger; 0 when neither is used. `scoring.exact_scores`
    counts each essential skill at min(1, strength / unit); stage 1 sums strength / `share_unit`
    over a row's postings, so a claim posting above this weight counts as this weight
    (`kernels.range_bounds`' eighth column weight): the share stays an upper bound (the overlap's
    directly, the confirmed skills' through `share_ratio`) and an advanced claim no longer counts
    2.7 essential skills of the overlap's share (0.8 / 0.3; session 33: at 200,000 profiles most of
    the bound's slack on the rows scored in vain after session 32's linear `overlap_agreement`)."""
    cap = p.experience_essential_weight if query.overlap_agreement > 0 else 0.0
    if query.confirmed_agreement > 0:
        cap = max(cap, p.level_weights[0])
    return float(cap)


def confirmed_factor(query: VacancyQuery, p: RankingParams, power: float = 1.0) -> float:
    """What one unit of an essential skill's coverage share can add to the score through the
    agreements of held skills: `confirmed_agreement` (A x c^power <= A x c, and c <= coverage / the
    lowest level weight; `power` scales that part, the derivative of c^power on [0, 1]) and
    `overlap_agreement` (s x c'^q, c' <= coverage / experience_essential_weight, q =
    `RankingParams.overlap_agreement_power`, always at its derivative's bound q): occupation_weight x
    (power x A / level_weights[0] + q x s / experience_essential_weight); 0 when neither is used. Stage
    1 adds it to the coverage columns' weights (`_linear`, `_weights`) so that its bounds stay above
    the exact scores."""
    out = 0.0
    if query.confirmed_agreement > 0:
        out += power * query.confirmed_agreement / p.level_weights[0]
    if query.overlap_agreement > 0:
        out += max(1.0, p.overlap_agreement_power) * query.overlap_agreement / p.experience_essential_weight
    return p.occupation_weight * out


INFERRED_CONFIDENT = 0.5
"""An inferred occupation this probable (of the vacancy's target distribution) is shown as what
the vacancy is ranked as without a hedge, and counts for the shortage list (docs/meeting.md);
below it the vacancy's occupation is uncertain (several occupations fit its title and skills)."""


@dataclass(frozen=True, slots=True)
class RankedOccupation:
    """The occupation a vacancy is ranked as: `occupation` its taxonomy position, `probability`
    in (0, 1] (1 when the employer named it), `inferred` True when the employer named none and it
    is the most probable occupation of the vacancy's title and skills (`vacancy_target`)."""

    occupation: int
    probability: float
    inferred: bool

    @property
    def confident(self) -> bool:
        """Named by the employer, or inferred with probability at least `INFERRED_CONFIDENT`."""
        return not self.inferred or self.probability >= INFERRED_CONFIDENT


def ranked_occupation(q: VacancyQuery) -> RankedOccupation | None:
    """The occupation `q` ranks candidates as: the employer's, else the most probable of its
    target distribution; None when the vacancy gives nothing to infer one from."""
    if q.occupation >= 0:
        return RankedOccupation(q.occupation, 1.0, False)
    if q.target is None or not len(q.target) or q.target.max() <= 0:
        return None
    best = int(np.argmax(q.target))
    return RankedOccupation(best, round(float(q.target[best]), 3), True)


IDEAL_TIE_BREAKS = False
"""Whether the ideal (`ideal_score`) counts the two small tie-break parts, essential coverage and
experience (`RankingParams.coverage_weight`, `experience_match_weight`, session 21): no, so that
the match scales (fitted on the share of the ideal without them) read as before, a candidate
holding every essential skill by claims and years of recent work a little above it. Counting them
(True) lowered the matches by about a point and raised ECE on the tuning half from 1.17 to 1.86
points (history-only, indep-1/2, team-1/2) and from 1.63 to 2.02 and 2.41 to 2.81 (the partial,
substituted and random-noise families; two-occupations 7.91 -> 7.04)."""


def ideal_score(
    agreement: np.ndarray,
    own: np.ndarray,
    own_weight: np.ndarray,
    n_essential: int,
    space: SkillSpace,
    by_history: np.ndarray | None = None,
) -> float:
    """The raw score, in [0, 1], of the best real candidate for a vacancy: certainly of the
    occupation o* that agrees best with the vacancy's (its occupation's slot and its ISCO unit
    group's at probability 1; `agreement` as `occupation_agreement` gives it), holding every
    essential skill of the vacancy and, as a real profile of o* does, o*'s other essential skills
    (`full_coverage_cosine`), and no related-skill credit.

    own : (n_own,) int skill positions of the vacancy's own skills, its `n_essential` essential
    ones first; when it has none (a title-only vacancy's suggestions, or only optional skills)
    the profile holds those of them o*'s ESCO profile lists (essential or optional), since a
    text's suggestions include skills no real profile of its occupation holds (with all of them
    held, text vacancies' candidates never reached their ideal: best share 0.93 on the tuning
    half, and the best welders of a "Hitsaaja" text read 66-69); own_weight : (n_own,) float
    their query weights. The match score divides the raw score by it before its calibration
    (`match_score`), so that 100 means as good a fit as this vacancy allows, whether it names an
    occupation, gives four accepted skills or only a title. Before session 15 the skill part was
    cosine 1 (a candidate holding exactly the vacancy's skills and nothing else), which no real
    profile reaches for a short list: a candidate holding 4/4 accepted essential skills among 20
    read 74.5 while title-only vacancies read 94 (outside tester 14, P10). It has worked in o* long
    and recently enough (`experience_match` at full length x recency: `by_history`, the vacancy's
    `history_agreement`, at o*; None: 1)."""
    p = space.params
    prof = space.occupations._profiles()
    n_occ = prof.n_occupations
    occ = agreement[:n_occ].copy()
    if p.inferred_unit_groups > 0 and len(agreement) > n_occ:
        ok = prof.unit >= 0
        occ[ok] += agreement[n_occ + prof.unit[ok]]
    best = float(occ.max()) if len(occ) else 0.0
    o = int(np.argmax(occ)) if len(occ) and best > 0 else -1
    worked = 0.0  # the experience part of a candidate of o* with years of recent work in it
    if IDEAL_TIE_BREAKS and p.experience_match_weight > 0 and o >= 0:
        worked = p.experience_match_weight * (float(by_history[o]) if by_history is not None else 1.0)
    if not len(own):
        return min(1.0, p.occupation_weight * best + worked)
    tax = space.taxonomy
    if n_essential:
        held = own[:n_essential]
    elif o >= 0:  # no essential skill (a text's suggestions): those o*'s ESCO profile lists
        listed = np.zeros(tax.essential.shape[1], dtype=bool)  # a mask: np.isin costs 10x more
        listed[tax.essential.indices[tax.essential.indptr[o] : tax.essential.indptr[o + 1]]] = True
        listed[tax.optional.indices[tax.optional.indptr[o] : tax.optional.indptr[o + 1]]] = True
        held = own[listed[own]]
    else:
        held = own
    cosine = full_coverage_cosine(own_weight, own, held, tax.essential, o)
    coverage = p.coverage_weight if IDEAL_TIE_BREAKS and n_essential else 0.0  # holds every essential skill
    return min(1.0, p.occupation_weight * best + p.similarity_weight * cosine + coverage + worked)


def full_coverage_cosine(
    own_weight: np.ndarray, own: np.ndarray, held: np.ndarray, essential: sp.csr_matrix, o: int
) -> float:
    """The cosine, in [0, 1], between a vacancy's own skills (`own`: (n,) int positions,
    `own_weight`: (n,) float weights) and a full-coverage profile of occupation `o` (its row in
    `essential`, (n_occupations, n_skills) CSR; -1: none): one holding the skills `held` (the
    vacancy's essential ones, (m,) int positions) and every essential skill of `o`, each at
    strength 1, skills weighted alike (no IDF: the index's IDF is not known when the vacancy is
    prepared, and the scale is fitted on the resulting share).
    A vacancy of four accepted skills of a 30-skill occupation: 4 / (2 x sqrt(30)) = 0.37; one
    naming an occupation (its essential and optional skills at weight 1):
    sqrt(n_essential / (n_essential + n_optional))."""
    w = np.asarray(own_weight, dtype=np.float64)
    norm = float(np.sqrt(w @ w))
    # the profile as a mask over the skills (a set and np.isin cost a tenth of a millisecond, in
    # every cold shortlist: issue 11)
    profile = np.zeros(essential.shape[1], dtype=bool)
    profile[np.asarray(held, dtype=np.int64)] = True
    if o >= 0:
        profile[essential.indices[essential.indptr[o] : essential.indptr[o + 1]]] = True
    size = int(np.count_nonzero(profile))
    if norm == 0 or not size:
        return 0.0
    dot = float(w[profile[np.asarray(own, dtype=np.int64)]].sum())
    return min(1.0, dot / (norm * np.sqrt(size)))


def occupation_agreement(target: np.ndarray, space: SkillSpace, close: int = -1) -> np.ndarray:
    """(space.inferred_columns,) float64 in [0, 1], what one unit of probability in each inferred
    slot (`SkillSpace.infer_occupations`) adds to a candidate's agreement with the vacancy's
    occupation distribution `target` (n_occupations,), the levels (same occupation, ISCO-08 unit,
    minor and sub-major group) weighted by `RankingParams.occupation_level_weights` (normalised).
    With unit groups kept (`inferred_unit_groups` > 0): an occupation slot earns the occupation
    level, a unit-group slot the three group levels; without, an occupation slot earns all four.
    A candidate's agreement is the probability-weighted sum over their slots; for a candidate
    certainly of occupation o (probability 1 in o's slot and its unit group's) it is the
    level-weighted agreement of o with `target`. An occupation ESCO places broader or narrower than
    `close` (`close_occupation`; -1: none) earns `inferred_lineage_share` of the occupation level
    besides (`lineage_target`), as its work history does (`history_agreement`): a cook graduate
    whose claims read grill cook (cook's essential skills less one) agrees 0.943 with a cook ad,
    not the unit group's 3/7 (outside tester 31, F2)."""
    prof = space.occupations._profiles()
    lw = np.asarray(space.params.occupation_level_weights, dtype=np.float64)
    lw = lw / lw.sum() if lw.sum() > 0 else lw
    n_occ, n_units = prof.n_occupations, prof.n_units
    # the group masses from the target's few non-zero entries (a zero adds nothing to a sum: the
    # same floats as over every occupation, for a tenth of the reads)
    nz = np.flatnonzero(target)
    mass = []
    for codes in (prof.unit, prof.minor, prof.submajor):
        ok = codes[nz] >= 0
        size = int(codes.max()) + 1 if len(codes) and codes.max() >= 0 else 0
        mass.append(np.bincount(codes[nz][ok], target[nz][ok], minlength=size))
    out = np.zeros(n_occ + n_units)
    out[:n_occ] = lw[0] * lineage_target(target, space, close, space.params.inferred_lineage_share)
    if space.params.inferred_unit_groups > 0:
        minor, submajor = prof.unit_parents()
        group_codes = (np.arange(n_units), minor, submajor)
        at, size = slice(n_occ, None), n_units
    else:
        group_codes = (prof.unit, prof.minor, prof.submajor)
        at, size = slice(0, n_occ), n_occ
    for w, m, codes in zip(lw[1:], mass, group_codes, strict=True):
        if w == 0 or not len(m):
            continue
        out[at] += w * np.where(codes >= 0, m[np.maximum(codes, 0)], 0.0)[:size]
    return out


def close_occupation(target: np.ndarray, space: SkillSpace, listed: bool) -> int:
    """The occupation position whose ESCO relatives count close to it (`lineage_target`), -1 for
    none: the vacancy's most probable occupation in `target` (n_occupations,) when it is at least
    `RankingParams.occupation_lineage_sure` probable (named by the employer: 1; read so from a title
    and text) and the vacancy does not list skills of its own without naming it (`listed`: the
    occupation read from listed skills is their summary, and its relatives differ in exactly such
    skills). -1 also when `occupation_lineage_share` is 0 or the taxonomy has no relation."""
    p = space.params
    if (
        listed
        or p.occupation_lineage_share <= 0
        or not space.taxonomy.occupation_lineage.nnz
        or not len(target)
    ):
        return -1
    best = int(np.argmax(target))
    return best if target[best] >= p.occupation_lineage_sure else -1


def lineage_target(
    target: np.ndarray, space: SkillSpace, close: int = -1, share: float | None = None
) -> np.ndarray:
    """(n_occupations,) float64 in [0, 1]: each occupation's share of the same-occupation level,
    its own probability in `target` (n_occupations,) plus, for the occupations ESCO places broader
    or narrower than `close` within its ISCO unit group (`Taxonomy.occupation_lineage`: a building
    electrician on an electrician's ad, and the converse; siblings, two narrower occupations of
    one broader, earn nothing here), `share` (default `RankingParams.occupation_lineage_share`) x
    the probability of `close` (`close_occupation`; -1: `target` as it is)."""
    out = np.asarray(target, dtype=np.float64).copy()
    share = space.params.occupation_lineage_share if share is None else share
    if close < 0 or share <= 0:
        return out
    lineage = space.taxonomy.occupation_lineage
    rel = lineage.indices[lineage.indptr[close] : lineage.indptr[close + 1]]
    out[rel] = np.minimum(out[rel] + share * out[close], 1.0)
    return out


def history_agreement(target: np.ndarray, space: SkillSpace, close: int = -1) -> np.ndarray:
    """(n_occupations,) float64 in [0, 1]: what work history in each occupation earns towards the
    agreement with the vacancy's occupation distribution `target` (n_occupations,) at full history
    weight (`RankingParams.history_agreement_scale`): the vacancy's very occupation all four levels
    (1 x its probability), another occupation of the same ISCO-08 unit group the three group levels
    of `occupation_level_weights` (normalised) times the unit group's probability, and one ESCO
    places broader than the vacancy's besides `occupation_lineage_share` of the occupation level
    (`lineage_target`: 0.943 with the defaults, an electrician's work on a building electrician's
    ad; `close`: the occupation whose relatives count so, `close_occupation`), one it places narrower
    (a specialisation: a barber's work on a hairdresser's ad, a building electrician's on an
    electrician's) `occupation_narrower_share` instead (0.971 with the defaults, outside tester 32).
    Work in an
    occupation of only the same minor or sub-major group earns nothing here (the inferred
    occupations still carry it), which keeps the stage-1 walk to the vacancy's unit groups."""
    prof = space.occupations._profiles()
    lw = np.asarray(space.params.occupation_level_weights, dtype=np.float64)
    lw = lw / lw.sum() if lw.sum() > 0 else lw
    out = np.asarray(target, dtype=np.float64).copy()
    lineage = lineage_target(target, space, close)  # ESCO narrower / broader
    share = space.params.occupation_narrower_share
    if close >= 0 and share > 0:  # a specialisation of the vacancy's occupation: its own share
        narrower = space.taxonomy.occupation_narrower(close)
        # never above the vacancy's occupation itself: the vacancy's best agreement stays its own
        own = np.minimum(target[narrower] + share * target[close], float(target[close]))
        lineage[narrower] = np.maximum(lineage[narrower], own)
    out += lw[0] * (lineage - out)
    ok = prof.unit >= 0
    if ok.any():
        nz = np.flatnonzero(target)  # as in `occupation_agreement`: zeros add nothing
        nz = nz[prof.unit[nz] >= 0]
        mass = np.bincount(prof.unit[nz], target[nz], minlength=prof.n_units)
        group = float(lw[1:].sum())
        out[ok] += group * (mass[prof.unit[ok]] - target[ok])
    return np.clip(out, 0.0, 1.0)


@dataclass(frozen=True, eq=False)
class QueryWeights:
    """A `VacancyQuery` combined with the pool's IDF.

    sim : (n_u,) cosine weight of each query position, q * idf^2 / ||q * idf||
    cov : (n_u,) coverage bound weight: sum over essentials of coverage weight x credit / total
    occ : (n_occupations, 2) what one unit of work history in each occupation adds to the
        similarity (before the row's inverse norm) and to the coverage bound, through the
        occupation's skills at the query positions (unscaled by the score weights)
    columns : stage-1 columns of the segments' postings (query skills and the occupations
        whose bound exceeds the pruning threshold, offset by n_skills; none of weight 0 in
        every part), the `n_cov_columns` with a coverage or confirmed-share weight first
    column_weights : (n_columns, 8) float32 [similarity, coverage, agreement maxed, agreement
        summed, confirmed share, idf^2 at the own skills, unit-group mass, confirmed share's cap]
        weight of each column
        (`kernels.range_bounds`: the occupation agreement is the largest of the inferred
        occupations' sum, the best work-history spell and the confirmed skills' agreement, bounded
        from the confirmed share; the sixth walks each row's sum over the vacancy's own skills of
        idf^2 x strength, for the similarity's bound: `SimilarityBound`; the seventh, 1 on the inferred
        slots agreeing at least as much as the vacancy's unit group, walks the probability the
        band's bound reads: `BandBound`; the eighth, on the claim columns of essential skills, the
        claim weight from which a claim counts whole in the confirmed share: `share_cap`)
    pruned_bound : most that the pruned occupation columns can add to any candidate's score
    exact : what stage 2 needs (see `ExactWeights`)
    pruned_steps : (max_occupations + 1,) float64 ascending, pruned_steps[m] the most that the
        pruned columns can add to the score of a candidate with m work-history occupations
        (`pruned_slack`); [0.0] without pruning
    pruned_occupations : (n_occupations,) float64 the most a unit of work history in each
        pruned occupation adds to a score (0 for the occupations walked; `pruned_history`)
    occ_bound : (n_occupations,) float64 in [0, 1], the most work history in each occupation adds
        to the skill similarity (`similarity_bound` of the occupation's own profile)
    bound : what stage 1 needs to bound each row's skill similarity (`SimilarityBound`)
    language_bound : per language of `query.languages`, (similarity, coverage): the most a
        declared language of claim weight w > 0 adds is similarity + min(1, w) x coverage
        (`pool.upper_bounds`); empty without language skills
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
    pruned_steps: np.ndarray
    pruned_occupations: np.ndarray
    occ_bound: np.ndarray
    bound: SimilarityBound
    language_bound: tuple[tuple[float, float], ...] = ()
    language_weights: np.ndarray | None = (
        None  # (8,) claim weight of each declared rank (`spoken.rank_tables`)
    )
    linear: tuple[np.ndarray, ...] | None = None  # stage 1's coverage-part weights (`_linear`)
    nu_occ: np.ndarray | None = None  # (n_occupations,) sum over the own skills of idf^2 x weight per
    # unit of work history in each occupation (the squares' weights of its column); None: not walked

    def pruned_slack(self, experience: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
        """(len(rows),) float64: the most that the pruned occupation columns can add to the score
        of each of `rows` (int row numbers of a segment whose work history is `experience`, its
        (n, n_occupations) CSR `Segment.experience`): `pruned_steps` at the row's number of
        work-history occupations. Never above `pruned_bound` (to rounding); 0 without history."""
        indptr = experience.indptr
        held = indptr[rows + 1] - indptr[rows]
        return self.pruned_steps[np.minimum(held, len(self.pruned_steps) - 1)]  # type: ignore[no-any-return]

    def pruned_history(self, experience: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
        """(len(rows),) float64: the most that the pruned occupation columns can add to the score
        of each of `rows` (as `pruned_slack`), from the row's own work-history occupations: the
        sum of `pruned_occupations` over them (each adds at most its bound, at weight e <= 1), so
        never above `pruned_slack`. Costs a gather of the rows' work history: for a few rows."""
        at, idx = row_positions(experience.indptr, np.asarray(rows, dtype=np.int64))
        return np.bincount(at, self.pruned_occupations[experience.indices[idx]], len(rows))

    def unpruned(self, occupation_inv_norm: np.ndarray, space: SkillSpace) -> QueryWeights:
        """The same weights with no occupation column pruned (`occupation_inv_norm`, the snapshot's,
        is what `occ_bound` was made of)."""
        return _weights(
            self.query,
            self.sim,
            self.cov,
            self.occ,
            self.coverage_total,
            self.occ_bound,
            self.bound,
            space,
            max_occupations=0,
            bound=0.0,
            exact=self.exact,
            linear=self.linear,
            nu_occ=self.nu_occ,
        )


@dataclass(frozen=True, slots=True)
class SimilarityBound:
    """What stage 1 needs for an upper bound of each row's skill similarity (`scoring.similarity`)
    from its walked postings (`kernels.range_bounds`): with a the row's walked similarity sum, N
    its norm and m its largest raw coordinate (`vectors.vector_max`), the similarity is at most
    a / sqrt(a^2 + max(0, N^2 - m x (min(kappa x a, Q) + nu))) (the subtracted term bounds the
    squared norm of the row's vector at the vacancy's own skills; Q the row's walked sum of idf^2 x
    strength there, with `squares`; nu only with work history; `kernels.similarity_bound_of`).

    scale : the similarity's weight in the score (the walked sums are scaled by it)
    kappa : max over the vacancy's own skills of idf^2 / similarity weight (= ||q * idf|| / q_j)
    nu : the most the pruned occupation columns add to the sum of idf^2 x strength at the
        vacancy's own skills of a row (sum of the largest `max_occupations` of them; 0 unpruned)
    outside : the weight of a row's part outside the vacancy's skills in the similarity's bound
        (`outside_bound_weight`: `RankingParams.outside_skill_weight` x `trade_claim_units`^2 x
        `other_trades_outside`^2), for a row whose `segment.Segment.geo_trade_fall` is not known
    whole : `RankingParams.outside_skill_weight`, the weight of that part for a row whose bound of
        the fall is known (`kernels.similarity_bound_of`: b^2 less the row's
        `segment.Segment.geo_trade_fall`); not in `as_tuple`
    confirmed : the most the confirmed skills' agreement adds to a score (occupation weight x
        `VacancyQuery.confirmed_agreement`; 0 when not used), and `power` its power
        (`RankingParams.confirmed_agreement_power`): stage 1 bounds that part by confirmed x
        min(1, F)^power from the row's walked confirmed share F (`kernels.confirmed_bound_of`)
    squares : 1 when the columns' sixth weight walks each row's sum over V of idf^2 x strength
        (`QueryWeights.column_weights`), which then bounds ||x_V||^2 where below kappa x a; 0: not"""

    scale: float
    kappa: float
    nu: float
    outside: float = 1.0
    confirmed: float = 0.0
    power: float = 1.0
    squares: float = 0.0
    overlap: float = 0.0
    ratio: float = 1.0
    overlap_power: float = 1.0
    band_cap: float = 0.0  # > 0: the occupation part of a row the overlap adds to is at most this
    # (occupation weight x (band_full x best agreement + overlap agreement), `scoring.band_order`:
    # the overlap adds nothing from band_full on), so the bound is min(A + O, max(A, this))
    band: BandBound | None = None  # the band's shrink of the similarity, related-skill and coverage
    # parts (`scoring.band_order`), bounded from the row's walked closeness; None: not bounded
    whole: float = 1.0

    def as_tuple(self) -> tuple[float, ...]:
        return (
            self.scale,
            self.kappa,
            self.nu,
            self.outside,
            self.confirmed,
            self.power,
            self.squares,
            self.overlap,
            self.ratio,
            self.overlap_power,
            self.band_cap,
            *(self.band.as_tuple() if self.band is not None else ()),
        )


@dataclass(frozen=True, slots=True)
class BandBound:
    """What stage 1 needs to bound the band's factor on a row's similarity, related-skill and
    coverage parts (`scoring.band_order`: `band_similarity` + (1 - `band_similarity`) x the larger of
    the closeness ramp clip((r - unit) / (full - unit)) and the unit-group mass ramp clip(mass /
    `band_unit_mass`)) from above, with r and the mass bounded by what the row's walked columns give
    (`kernels._range_bounds_loop`): r <= (max(A, H, the confirmed skills' bound from F + `languages`) +
    `spell`) x `inverse` (A, H, F as there), mass <= M, the row's walked sum of inferred-occupation
    probability on the inferred slots whose agreement reaches the unit group's (the seventh column
    weight, `QueryWeights.column_weights`). The factor is increasing in r and in the mass, so the
    bound of both bounds it. Without it (before session 31) stage 1 counted the similarity whole: a
    candidate of another occupation with a high similarity was scored exactly though it could only
    reach 0.05 of it (rows scored per shortlist at 1,000,000 profiles, p95 238 -> 684).

    similarity : `RankingParams.band_similarity` (the kernel shrinks only for one in (0, 1))
    inverse : 1 / (occupation weight x `VacancyQuery.best_agreement`): the stage-1 agreement
        (occupation-weighted) as a share r of the best
    unit, full : the closeness at which the ramp starts (`scoring.unit_level`) and ends
        (max(`band_full`, unit + 1e-9))
    mass : `RankingParams.band_unit_mass` (0: no mass ramp)
    spell : the most a pruned work-history column adds to the agreement (occupation-weighted: the
        largest pruned spell weight; 0 unpruned)
    languages : what the vacancy's language positions can add to the confirmed share F (declared
        languages count as claims there: `scoring.exact_scores`); 0 without language skills
    rest : the experience-match part's weight (`RankingParams.experience_match_weight`), the one
        part of the walked coverage sum C the band does not shrink (the bound takes band x C +
        (1 - band) x min(C, rest)); negative: C holds other parts too, not shrunk
    decay, share_full : `RankingParams.band_share_decay` and `band_full`: the skill overlap's part
        is added to the agreement a as O x max(0, 1 - r / share_full)^decay (r = a x `inverse`),
        which for decay >= 1 is convex in a up to r = share_full and a from there: its largest over
        a <= the walked agreement A is at a = 0 or a = A, so stage 1 bounds the agreement with the
        overlap's part by max(O, A + O x max(0, 1 - A x `inverse` / share_full)^decay) rather than
        A + O (a candidate of another sub-major group holding every essential skill: 0.24 of O
        at most, not O); decay below 1: A + O as before
    kept, kept_floor : `RankingParams.band_closeness_share` and `scoring.closeness_kept`'s floor
        (halfway between `params.minor_level` and `unit`): the exact score keeps `kept` of the
        inferred agreement below the floor, rising to whole at `unit`; stage 1 applies the same
        factor to the walked inferred agreement A (`kernels.kept_bound_of`: A x c(A x `inverse`) is
        non-decreasing in A, so it bounds the kept agreement) before the work-history spells are
        maxed in. 1: no such factor (and for 0, which would take away a row's evidence)"""

    similarity: float
    inverse: float
    unit: float
    full: float
    mass: float
    spell: float = 0.0
    languages: float = 0.0
    rest: float = -1.0
    decay: float = 0.0
    share_full: float = 1.0
    kept: float = 1.0
    kept_floor: float = 0.0

    def as_tuple(self) -> tuple[float, ...]:
        return (
            self.similarity,
            self.inverse,
            self.unit,
            self.full,
            self.mass,
            self.spell,
            self.languages,
            self.rest,
            self.decay,
            self.share_full,
            self.kept,
            self.kept_floor,
        )


@dataclass(frozen=True, eq=False)
class ExactWeights:
    """Stage-2 precomputations of one query.

    experience : (n_occupations, n_skills) CSR, the skill space's occupation-skill weights
    cov_positions : query positions that coverage looks at (essential skills and the skills
        related to them), ascending; cov_col maps every query position to its index there (-1)
    cov_skill_col : (n_skills,) the same by skill (-1 for skills coverage does not look at)
    essential_col, cov_u_col : `query.essential` and `query.cov_u` as indices into cov_positions
    own_hat : (n_own,) float64 the vacancy's unit vector q * idf / ||q * idf|| at its own skills;
        own_idf : (n_own,) float64 their IDF (the similarity's coordinates: `scoring.similarity`)
    own_experience : `experience` at the own skills, by occupation, as `cov_experience` (column:
        index into the own skills)
    cov_experience : `experience` at the coverage columns only, by occupation: (indptr
        (n_occupations + 1,) int64, column (m,) int64 index into cov_positions, weight (m,)
        float64), the same entries and values as `experience`'s rows hold there (a few per
        occupation instead of its whole skill profile), for `arrays.occupation_block`
    """

    experience: sp.csr_matrix
    cov_positions: np.ndarray
    cov_col: np.ndarray
    cov_skill_col: np.ndarray
    essential_col: np.ndarray
    cov_u_col: np.ndarray
    cov_experience: tuple[np.ndarray, np.ndarray, np.ndarray]
    own_hat: np.ndarray
    own_idf: np.ndarray
    own_experience: tuple[np.ndarray, np.ndarray, np.ndarray]
    # claims of the work history's trade outside the own skills (`RankingParams.trade_claim_units`):
    # every skill's IDF (n_skills,) float64 and `vectors.trade_profiles`; None while it is 1
    idf: np.ndarray | None = None
    trade: sp.csr_matrix | None = None
    # `trade` at the own skills, by occupation (indptr (n_occupations + 1,) int64, column (m,) int64
    # index into the own skills), as `own_experience`: which claims inside V are of a row's trade
    own_trade: tuple[np.ndarray, np.ndarray] | None = None


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
    qi[query.n_own :] = 0.0  # related skills never enter the similarity (nor dilute it)
    norm = float(np.sqrt(qi @ qi))
    sim = qi * idf_u / norm if norm > 0 else np.zeros_like(qi)
    total = float(query.coverage_weight.sum())
    cov = query.credit.astype(np.float64) @ query.coverage_weight / total if total > 0 else np.zeros_like(qi)
    # the occupations' skills at the query positions: the query's columns of the occupation-skill matrix
    m = space.experience_csc
    at, idx = row_positions(m.indptr, query.skills.astype(np.int64))
    occ_of, value = m.indices[idx], m.data[idx].astype(np.float64)
    n_occ = m.shape[0]
    occ = np.column_stack(
        [np.bincount(occ_of, value * sim[at], n_occ), np.bincount(occ_of, value * cov[at], n_occ)]
    )
    linear = _linear(query, sim, cov, occ, total, space, at, occ_of, value)
    positions = np.unique(np.concatenate([query.essential, query.cov_u]).astype(np.int64))
    col = np.full(len(query.skills), -1, dtype=np.int64)
    col[positions] = np.arange(len(positions))
    skill_col = np.full(space.n_skills, -1, dtype=np.int64)
    skill_col[query.skills[positions]] = np.arange(len(positions))
    # the gathered entries at coverage positions, regrouped by occupation (stable, a radix sort of
    # int16 keys: each occupation's entries stay in position order; one entry per occupation and
    # column)
    at_cov = col[at]
    in_cov = np.flatnonzero(at_cov >= 0)
    by_occ = in_cov[np.argsort(occ_of[in_cov].astype(np.int16), kind="stable")]
    cov_experience = _grouped(occ_of[by_occ], at_cov[by_occ], value[by_occ], n_occ)
    # the entries at the vacancy's own skills (V, the similarity's coordinates) come first (`at`
    # ascending, own positions first), likewise regrouped
    hat = qi / norm if norm > 0 else np.zeros_like(qi)
    n_v = int(np.searchsorted(at, query.n_own))
    o_v, u_v, x_v = occ_of[:n_v], at[:n_v], value[:n_v]
    by_own = np.argsort(o_v.astype(np.int16), kind="stable")
    own_experience = _grouped(o_v[by_own], u_v[by_own], x_v[by_own], n_occ)
    # each occupation's own profile against the vacancy: sum of q^ . x (alpha), ||x at V||^2,
    # sum over V of idf^2 x (nu), for the bounds of what its work history adds (`similarity_bound`;
    # an own skill of weight 0 counts here as if in V, which only loosens them)
    idf2 = idf_u[u_v] ** 2
    alpha = np.bincount(o_v, x_v * sim[u_v], n_occ)
    nu_occ = np.bincount(o_v, x_v * idf2, n_occ)
    some = np.flatnonzero(alpha > 0)
    occ_bound = np.zeros(n_occ)
    if len(some):
        inv_o = occupation_inv_norm[some].astype(np.float64)
        with np.errstate(divide="ignore"):
            full_sq = np.where(inv_o > 0, 1.0 / (inv_o * inv_o), 0.0)
        at_v_sq = np.bincount(o_v, x_v * x_v * idf2, n_occ)[some]
        occ_bound[some] = similarity_bound(
            alpha[some], 0.0, full_sq, at_v_sq, outside_bound_weight(space.params)
        )
    weights_v = query.weight[: query.n_own].astype(np.float64)
    positive = weights_v[weights_v > 0]
    kappa = norm / float(positive.min()) if len(positive) and norm > 0 else 0.0
    sb = SimilarityBound(
        scale=float(space.params.similarity_weight),
        kappa=kappa,
        nu=0.0,
        outside=outside_bound_weight(space.params),
        whole=float(space.params.outside_skill_weight),
    )
    exact = ExactWeights(
        experience=space.experience,
        cov_positions=positions,
        cov_col=col,
        cov_skill_col=skill_col,
        essential_col=col[query.essential],
        cov_u_col=col[query.cov_u],
        cov_experience=cov_experience,
        own_hat=hat[: query.n_own],
        own_idf=idf_u[: query.n_own],
        own_experience=own_experience,
        idf=idf.astype(np.float64)
        if space.trade is not None or space.params.other_trades_outside < 1
        else None,
        trade=space.trade,
        own_trade=_own_trade(query, space),
    )
    return _weights(
        query,
        sim,
        cov,
        occ,
        total,
        occ_bound,
        sb,
        space,
        max_occupations=max_occupations,
        bound=prune_bound,
        exact=exact,
        nu_occ=nu_occ,
        linear=linear,
    )


def outside_bound_weight(p: RankingParams) -> float:
    """The weight stage 1 gives a row's part outside the vacancy's skills (b^2) in its bound of the
    skill similarity when its fall (`segment.Segment.geo_trade_fall`) is not known:
    `RankingParams.outside_skill_weight` x phi^2 x psi^2, phi = `trade_claim_units`, psi =
    `other_trades_outside`. The exact outside part is the sum over skills j outside V of idf_j^2
    (phi_j c_j + a_j)^2: c_j the claim, phi_j phi for a claim of the row's own trade (1 else), a_j
    its work history with other trades' implied skills at psi_o >= psi (`vectors.other_trades_fall`),
    so a_j >= psi h_j and phi_j c_j + a_j >= phi psi (c_j + h_j) (c, h >= 0): the exact outside part
    is at least phi^2 psi^2 b^2 and a / sqrt(a^2 + phi^2 psi^2 b^2) bounds it. Stage 1 walks rows
    with their stored bound of the fall (`SimilarityBound.whole`), which keeps a row without claims
    of its own trade and of one occupation at the bound it has with both rules off; this weight also
    bounds what a pruned work-history column adds (`occ_bound`)."""
    phi = float(p.trade_claim_units)
    psi = float(p.other_trades_outside)
    return float(p.outside_skill_weight) * phi * phi * psi * psi


def _own_trade(query: VacancyQuery, space: SkillSpace) -> tuple[np.ndarray, np.ndarray] | None:
    """`ExactWeights.own_trade`: for each occupation, the vacancy's own skills (index into them) in
    its unit group's profiles (`vectors.trade_profiles`); None while the rule is off."""
    by_skill = space.trade_by_skill
    if by_skill is None:
        return None
    at, idx = row_positions(by_skill.indptr, query.skills[: query.n_own].astype(np.int64))
    occ = by_skill.indices[idx]
    order = np.argsort(occ, kind="stable")
    indptr, column, _ = _grouped(occ[order], at[order], np.zeros(0), by_skill.shape[0])
    return indptr, column


def _grouped(
    occ: np.ndarray, column: np.ndarray, value: np.ndarray, n_occ: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indptr (n_occ + 1,) int64, column (m,) int64, value (m,) float64) of entries already
    grouped by occupation (`occ` (m,) ascending)."""
    indptr = np.zeros(n_occ + 1, dtype=np.int64)
    np.cumsum(np.bincount(occ, minlength=n_occ), out=indptr[1:])
    return indptr, np.asarray(column, dtype=np.int64), value


def similarity_bound(
    a: np.ndarray, extra: float, full_sq: np.ndarray, at_v_sq: np.ndarray, outside: float = 1.0
) -> np.ndarray:
    """Upper bounds, in [0, 1], of the skill similarity (`scoring.similarity`) of vectors x with
    a = q^ . x ((m,) float64: the vacancy's unit vector, IDF-weighted), full_sq = ||x||^2 and
    at_v_sq = an upper bound of ||x at the vacancy's own skills V||^2 (both (m,)): a / sqrt(a^2 +
    b^2), b^2 = full_sq - at_v_sq the part of the vector outside V, the cap of the similarity
    (which trims what exceeds the vacancy's proportions inside V and keeps the rest: whatever is
    kept of x at V has q^ . y <= a and ||y|| >= q^ . y). `extra`: added to a (0 here; kept for
    callers that add a bound); `outside`: the weight of b^2 (`RankingParams.outside_skill_weight`).
    0 where a is 0."""
    a = np.asarray(a, dtype=np.float64) + extra
    b2 = np.maximum(np.asarray(full_sq, dtype=np.float64) - at_v_sq, 0.0) * outside
    den = np.sqrt(a * a + b2)
    return np.divide(a, den, out=np.zeros_like(a), where=(den > 0) & (a > 0))


def _linear(  # type: ignore[no-untyped-def]
    query, sim, cov, occ_raw, total, space, at, occ_of, value
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stage 1's weights of the coverage and related parts ((n_u,) per query position, (n_occupations,)
    per unit of work history in each occupation, through its skills at the query positions `at`:
    `occ_of`, `value`): coverage_weight x an essential skill's own share at its position, and
    related_weight / related_cap x the credit other positions earn towards it; then, likewise per
    position and per occupation, the confirmed share weights: an essential skill's own share /
    level_weights[0] (a claim at any level holds a confirmed skill), all 0 when the vacancy's
    confirmed skills' agreement is not used (`confirmed_factor` 0). Their walked sum bounds the
    share `scoring.exact_scores` raises to `confirmed_agreement_power` (`SimilarityBound`). The exact related
    part credits only essential skills the row shows no evidence of (`scoring.exact_scores`), so
    an essential skill's own position never adds to it (before session 18 stage 1 counted it at
    related_weight / related_cap too: a row holding the essential skills read up to
    related_weight above its score). A column that would read 0 in every part keeps the old
    weight, so that the rows with evidence (a positive bound) stay the same."""
    p = space.params
    cov_factor = p.coverage_weight + p.related_weight / p.related_cap
    if total <= 0:
        return cov_factor * cov, cov_factor * occ_raw[:, 1], np.zeros(len(cov)), np.zeros(len(occ_raw))
    essential = query.essential.astype(np.int64)
    own = np.zeros(len(cov))
    own[essential] = query.coverage_weight.astype(np.float64) / total
    # what the other positions' credit adds (credit[e, e] = 1 at an essential skill's own position);
    # rounding of the difference is far below the stage-1 slack (`scoring.EPS`)
    others = np.maximum(cov - own, 0.0)
    lin = p.coverage_weight * own + p.related_weight / p.related_cap * others
    lin = np.where((lin <= 0) & (sim <= 0), cov_factor * cov, lin)
    lin_occ = np.bincount(occ_of, value * lin[at], len(occ_raw))
    lin_occ = np.where((lin_occ <= 0) & (occ_raw[:, 0] <= 0), cov_factor * occ_raw[:, 1], lin_occ)
    # the confirmed skills' share counts at the essential skills' own positions
    share = own / share_unit(query, p) if confirmed_factor(query, p) > 0 else np.zeros(len(cov))
    return lin, lin_occ, share, np.bincount(occ_of, value * share[at], len(occ_raw))


def _weights(  # type: ignore[no-untyped-def]
    query,
    sim,
    cov,
    occ_raw,
    total,
    occ_bound,
    sb,
    space,
    *,
    max_occupations,
    bound,
    exact,
    nu_occ=None,
    linear=None,
):
    p = space.params
    # coverage columns bound both coverage and the related part (<= related_weight / cap x coverage)
    cov_factor = p.coverage_weight + p.related_weight / p.related_cap
    # for pruning and the declared languages also what confirmed skills add to the agreement: a
    # share s more than a row's walked share F adds at most confirmed x ((F + s)^power - F^power)
    # <= power x `confirmed_factor` x the coverage share s (the derivative of x^power is at most
    # power on [0, 1]), which occ_raw[:, 1] and cov bound
    cov_bound = cov_factor + confirmed_factor(query, p, max(1.0, p.confirmed_agreement_power))
    occ = occ_raw * [p.similarity_weight, cov_bound]  # (n_occupations, 2)
    # the experience part (`scoring.experience_match`): at most its weight x the history agreement
    # per unit of work-history weight (length x recency <= the weight: `vectors.experience_tenure`)
    worked = np.zeros(len(occ))
    if query.history_agreement is not None:
        worked = p.experience_match_weight * query.history_agreement
    elif query.occupation >= 0:  # worked in the vacancy's occupation
        worked[query.occupation] = p.experience_match_weight
    occ[:, 1] += worked
    spell = np.zeros(len(occ))  # (n_occupations,) the agreement part of each occupation column
    if query.history_agreement is not None and p.history_agreement_scale > 0:
        # exact: max(inferred agreement, max over work history of min(1, scale x weight) x
        # history agreement) <= max(inferred agreement, max of scale x weight x history
        # agreement): stage 1 takes the larger of the two (`kernels.range_bounds`)
        spell = p.occupation_weight * p.history_agreement_scale * query.history_agreement
    if linear is not None:
        lin_own, lin_occ, share_own, share_occ = linear
    else:  # the confirmed skills' part within the coverage part, at its linear bound
        full = cov_factor + confirmed_factor(query, p)
        lin_own, lin_occ = full * cov, full * occ_raw[:, 1]
        share_own, share_occ = np.zeros(len(cov)), np.zeros(len(occ_raw))
    lin_occ = lin_occ.copy()  # the coverage, related and experience-match part alone
    lin_occ += worked
    occ[:, 1] += spell  # each column's whole bound, for pruning
    # Work history in an occupation adds at most the similarity of the occupation's own profile
    # (`occ_bound`: the similarity is subadditive over the parts of a vector, each part's with
    # the whole vector's outside part, which holds the occupation's own outside part, at any
    # weight e <= 1: `scoring.similarity`) plus e * occ_cov <= occ_cov.
    ub = p.similarity_weight * occ_bound * (occ_raw[:, 0] > 0) + occ[:, 1]
    nu = 0.0
    if max_occupations > 0 and bound > 0:
        kept = np.flatnonzero(ub > bound / max_occupations)
        pruned = np.sort(np.delete(ub, kept))[::-1][:max_occupations]
        pruned_bound = float(pruned.sum())
        if nu_occ is not None:  # what the pruned columns add at V to a row's idf^2-weighted sum
            pruned_nu = nu_occ.copy()
            pruned_nu[kept] = 0.0
            pruned_nu = pruned_nu[pruned_nu > 0]  # a few hundred occupations share a skill with V
            if max_occupations < len(pruned_nu):
                pruned_nu = np.partition(pruned_nu, len(pruned_nu) - max_occupations)[-max_occupations:]
            nu = float(pruned_nu.sum())
    else:
        kept, pruned, pruned_bound = np.flatnonzero(ub > 0), np.zeros(0), 0.0
    pruned_occupations = np.maximum(ub, 0.0)
    pruned_occupations[kept] = 0.0
    # A row with m work-history occupations (distinct, each of weight e <= 1: `compact_candidate`)
    # gets at most ub from each of them, so at most the sum of the m largest pruned ub from the
    # pruned columns: pruned_steps[min(m, len - 1)] (pruned_steps[-1] is `pruned_bound`, to rounding).
    pruned_steps = np.concatenate([[0.0], np.cumsum(pruned)])
    n_occ = len(occ_bound)
    agree = p.occupation_weight * (
        query.agreement if query.agreement is not None else np.zeros(space.inferred_columns)
    )
    guessed = np.flatnonzero(agree > 0)  # inferred-occupation columns (never pruned)
    columns = np.concatenate([query.skills, space.n_skills + kept, space.n_skills + n_occ + guessed])
    columns = columns.astype(np.int64)
    # [similarity, coverage, agreement maxed (work-history spells), agreement summed (inferred)]
    nil = np.zeros(len(query.skills))
    # each row's sum over the own skills V (hat > 0) of idf^2 x strength, for the similarity's
    # bound (`kernels.similarity_bound_of`); a work-history column's counts every own skill
    squares = nu_occ is not None
    own_sq = nil.copy()
    if squares:
        n_own = len(exact.own_hat)
        own_sq[:n_own] = np.where(exact.own_hat > 0, exact.own_idf**2, 0.0)
    occ_sq = nu_occ[kept] if squares else np.zeros(len(kept))
    # a claim counts in the walked share up to the weight that holds the skill whole (`share_cap`)
    cap = np.where(share_own > 0, share_cap(query, p) * (1.0 + 1e-6), 0.0)
    own = np.column_stack([p.similarity_weight * sim, lin_own, nil, nil, share_own, own_sq, nil, cap])
    none = np.zeros(len(guessed))
    band = _band_bound(query, total, p, spell, kept, share_own, linear is not None)
    # the band's mass ramp: a unit of probability on an inferred slot agreeing at least as much as
    # the vacancy's unit group (`scoring.unit_mass`; a hair below its test: more mass, a looser bound)
    near = np.zeros(len(guessed))
    if band is not None and band.mass > 0 and query.agreement is not None:
        near = (query.agreement[guessed] >= unit_level(p) * query.best_agreement - 1e-6).astype(np.float64)
    inferred = np.column_stack([none, none, none, agree[guessed], none, none, near, none])
    zero = np.zeros(len(kept))
    spells = np.column_stack(
        [occ[kept, 0], lin_occ[kept], spell[kept], zero, share_occ[kept], occ_sq, zero, zero]
    )
    weights = np.concatenate([own, spells, inferred]).astype(np.float32)
    # A column of weight 0 in every part adds exactly 0 to every bound: not walked (the related
    # skills of optional skills only, about a seventh of an occupation vacancy's columns). The
    # squares' weight alone does not count: such a column holds no skill of V (similarity 0 there).
    weighed = np.flatnonzero((weights[:, :5] != 0).any(axis=1))
    columns, weights = columns[weighed], weights[weighed]
    covers = (weights[:, 1] > 0) | (weights[:, 4] > 0)
    order = np.argsort(~covers, kind="stable")  # coverage (and confirmed-share) columns first
    n_cov = int(covers.sum())
    # a declared language adds at most q^ at its positions to the similarity (`scoring.similarity`)
    hat = exact.own_hat
    language_bound = tuple(
        (
            p.similarity_weight * float(hat[at[at < len(hat)]].sum()),
            float(cov_bound * cov[at].sum()),
        )
        for at in query.languages.positions
    )
    return QueryWeights(
        query,
        sim,
        cov,
        occ_raw,
        total,
        columns[order],
        weights[order],
        n_cov,
        pruned_bound,
        exact,
        pruned_steps,
        pruned_occupations,
        occ_bound,
        SimilarityBound(
            sb.scale,
            sb.kappa,
            nu * 1.000001,
            sb.outside,
            p.occupation_weight * query.confirmed_agreement if share_own.any() else 0.0,
            max(1.0, p.confirmed_agreement_power),
            1.0 if squares else 0.0,
            p.occupation_weight * query.overlap_agreement if share_own.any() else 0.0,
            share_ratio(query, p),
            max(1.0, p.overlap_agreement_power),
            (
                p.occupation_weight
                * (p.band_full * query.best_agreement + query.overlap_agreement)
                * 1.000001
                if share_own.any()
                and query.overlap_agreement > 0
                and query.best_agreement > 0
                and p.band_share_decay > 0
                else 0.0
            ),
            band,
            sb.whole,
        ),
        language_bound,
        rank_tables(p.level_weights)[0],
        linear,
        nu_occ,
    )


def _band_bound(  # type: ignore[no-untyped-def]
    query: VacancyQuery,
    total: float,
    p: RankingParams,
    spell: np.ndarray,
    kept: np.ndarray,
    share_own: np.ndarray,
    linear: bool,
) -> BandBound | None:
    """Stage 1's bound of the band's shrink and of the overlap's added part (`BandBound`), or None
    where `scoring.exact_scores` does not order by band (no coverage, no skill overlap's agreement,
    no occupation to agree with). The kernel shrinks only with `band_similarity` in (0, 1) (1:
    off; 0: a bound of 0 would hide which rows have evidence). `spell`: (n_occupations,) each work-history column's agreement weight, `kept` the
    columns walked (the rest are pruned: their largest spell is added to the walked agreement);
    `share_own`: (n_u,) the confirmed-share weights per query position; `linear`: the coverage
    weights hold the coverage, related-skill and experience-match parts only (`_linear`)."""
    if not (total > 0 and query.overlap_agreement > 0 and query.best_agreement > 0):
        return None
    if p.occupation_weight <= 0:
        return None
    unit = unit_level(p)
    pruned = np.delete(spell, kept)
    languages = [at for at in query.languages.positions if len(at)]
    # a declared language holds its positions as a claim at the lowest level would (`spoken`)
    at_languages = np.concatenate(languages) if languages else np.zeros(0, dtype=np.int64)
    return BandBound(
        similarity=float(p.band_similarity),
        inverse=1.0 / (p.occupation_weight * query.best_agreement),
        unit=unit,
        full=max(p.band_full, unit + 1e-9),
        mass=float(p.band_unit_mass),
        spell=float(pruned.max()) if len(pruned) else 0.0,
        languages=float(p.level_weights[0] * share_own[np.unique(at_languages)].sum()),
        rest=float(p.experience_match_weight) if linear else -1.0,
        decay=float(p.band_share_decay),
        share_full=float(p.band_full),
        kept=float(p.band_closeness_share) if p.band_closeness_share > 0 else 1.0,
        kept_floor=closeness_floor(p),
    )


def _row(m: sp.csr_matrix, i: int) -> np.ndarray:
    return m.indices[m.indptr[i] : m.indptr[i + 1]]
