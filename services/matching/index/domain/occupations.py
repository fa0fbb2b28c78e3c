"""Occupation inference: which ESCO occupations a person's skills and work history point to.

A multinomial mixture over ESCO's occupation-skill profiles. A person in occupation o names a
skill j with probability

    P(j | o) = a_E E[o, j] / |E_o| + a_O O[o, j] / |O_o| + a_R R[o, j] + a_B b_j

(E, O: the occupation's essential and optional skills in ESCO; R: skills related to its
essential skills, each row summing to 1; b: a background distribution over all skills), and a
past occupation h with probability

    P(h | o) = c_same [h = o] + c_unit [same ISCO-08 unit group, h != o] / (n_unit(o) - 1)
             + c_minor [same minor group, other unit group] / n_minor_rest(o) + c_any / n_occ.

Evidence is a weighted bag: each claimed skill counts with its level weight, each past job with
its identity weight (`vectors.experience_weight`). The log-likelihood ratio against the background is sparse (zero
for occupations that share nothing with the person), so scoring a million people is one sparse
product; the posterior (uniform prior, tempered by 1 / temperature because skills are not
independent) is kept as its few most likely occupations.

`fit` learns the mixture weights (a_*, c_*) from labelled profiles by EM and the temperature by
minimum log-loss; occupations absent from the training profiles are inferred from their ESCO
profiles all the same (no per-occupation parameter is learnt).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from .arrays import row_positions
from .taxonomy import Taxonomy

SKILL_PARTS = ("essential", "optional", "related", "background")
HISTORY_PARTS = ("same", "unit", "minor", "any")

FITTED_SKILL_SHARES = (0.6207, 0.1366, 0.0, 0.2427)
"""a_E, a_O, a_R, a_B learnt by `OccupationModel.fit` on 18,000 generated profiles of the tuning
half of ESCO's occupations (benchmarks/ranking_model.py `trained_model`, seed 1108, families
partial-25, partial-50, substituted, random-noise, history-only, two-occupations; 2026-11-30)."""
FITTED_HISTORY_SHARES = (0.5885, 0.0440, 0.0618, 0.3058)
"""c_same, c_unit, c_minor, c_any, from the same fit."""
FITTED_TEMPERATURE = 1.0
"""Temperature from the same fit (minimum log-loss over 0.5 ... 8)."""


@dataclass(frozen=True, eq=False)
class OccupationProfiles:
    """ESCO's occupation profiles as the model needs them.

    essential, optional : (n_occupations, n_skills) CSR float64, each row a distribution over
        the occupation's essential / optional skills (uniform; all-zero row when it has none)
    related : (n_occupations, n_skills) CSR float64, distribution over skills related to the
        occupation's essential skills (not themselves in its profile)
    background : (n_skills,) float64, sums to 1: how often a skill appears in any profile
        (add-one smoothed)
    unit, minor, submajor : (n_occupations,) int32 ISCO-08 group of each occupation (4, 3, 2
        digits) as small integers (-1 when the code is missing)
    same_unit, same_minor : (n_occupations, n_occupations) CSR float64: rows distributions over
        the other occupations of the same unit group / of the same minor group outside the unit
        group
    """

    essential: sp.csr_matrix
    optional: sp.csr_matrix
    related: sp.csr_matrix
    background: np.ndarray
    unit: np.ndarray
    minor: np.ndarray
    submajor: np.ndarray
    same_unit: sp.csr_matrix
    same_minor: sp.csr_matrix

    @property
    def n_skills(self) -> int:
        return int(self.essential.shape[1])

    @property
    def n_occupations(self) -> int:
        return int(self.essential.shape[0])

    @cached_property
    def n_units(self) -> int:
        """How many ISCO-08 unit groups the occupations fall in (codes 0 .. n_units - 1)."""
        return int(self.unit.max()) + 1 if len(self.unit) and self.unit.max() >= 0 else 0

    def unit_parents(self) -> tuple[np.ndarray, np.ndarray]:
        """((n_units,) int32 minor group, (n_units,) int32 sub-major group) of each unit group
        (read-only arrays, made once: every vacancy's query reads them)."""
        return self._unit_parents

    @cached_property
    def _unit_parents(self) -> tuple[np.ndarray, np.ndarray]:
        minor = np.full(self.n_units, -1, dtype=np.int32)
        submajor = np.full(self.n_units, -1, dtype=np.int32)
        ok = self.unit >= 0
        minor[self.unit[ok]] = self.minor[ok]
        submajor[self.unit[ok]] = self.submajor[ok]
        minor.flags.writeable = False
        submajor.flags.writeable = False
        return minor, submajor


def occupation_profiles(taxonomy: Taxonomy, related: sp.csr_matrix | None = None) -> OccupationProfiles:
    """Profiles from the taxonomy. `related` (n_skills, n_skills), row = skill, columns = skills
    related to it (any non-negative weights), e.g. `default_related`; None leaves the related
    component empty. Measured on the tuning half, EM gives the related component a weight of
    0.003 (substitutions there follow other rules than ESCO's relations) while it makes the
    model's sparse scores five times denser, so the engine leaves it out."""
    ess = taxonomy.essential.astype(np.float64)
    opt = taxonomy.optional.astype(np.float64)
    if related is None:
        related = sp.csr_matrix((taxonomy.n_skills, taxonomy.n_skills))
    rel = (ess @ (related > 0).astype(np.float64)).tocsr()
    in_profile = ((ess + opt) > 0).astype(np.float64)
    rel = (rel - rel.multiply(in_profile)).tocsr()
    rel.eliminate_zeros()
    df = np.asarray((ess + opt).sum(axis=0)).ravel()
    background = (df + 1.0) / (df + 1.0).sum()
    codes = [taxonomy.occupation_isco(u) or "" for u in taxonomy.occupation_uris]
    unit, minor, submajor = (_codes([c[:n] if c else "" for c in codes]) for n in (4, 3, 2))
    same_unit = _same_group(unit)
    same_minor = _same_group(minor, exclude=unit)
    return OccupationProfiles(
        essential=_rows_sum_to_one(ess),
        optional=_rows_sum_to_one(opt),
        related=_rows_sum_to_one(rel),
        background=background,
        unit=unit,
        minor=minor,
        submajor=submajor,
        same_unit=same_unit,
        same_minor=same_minor,
    )


def default_related(taxonomy: Taxonomy, max_group_size: int = 40) -> sp.csr_matrix:
    """(n_skills, n_skills) bool-valued float CSR: ESCO skill-skill relations, broader and
    narrower skills, and siblings under a broader concept of at most `max_group_size` skills."""
    parent = taxonomy.skill_parent
    broader = taxonomy.skill_broader.tocsc()
    sizes = np.diff(broader.indptr)
    small = broader[:, np.flatnonzero((sizes > 1) & (sizes <= max_group_size))].tocsr()
    m = (taxonomy.skill_relations + parent + parent.T + small @ small.T).tocsr()
    m.setdiag(0)
    m.eliminate_zeros()
    m.data[:] = 1.0
    return m.astype(np.float64)


PREDICT_CHUNK = 2048
"""Rows `predict_top` scores at a time: small enough that the temporaries (about 400 scores per
person, several float64/int64 arrays of them) stay in the CPU caches. Measured 2026-12-01 (2 cores,
24 GiB) on 65,536 generated profiles: 0.95 CPU-s at 2,048 rows per chunk, 3.4-3.9 CPU-s at 65,536."""


class OccupationModel(BaseEstimator):  # type: ignore[misc]
    """Posterior over ESCO occupations from skill and work-history evidence.

    Parameters
    ----------
    profiles : OccupationProfiles
        ESCO's occupation profiles (`occupation_profiles`).
    skill_shares : tuple of 4 floats, optional
        Initial (or, with ``learn_shares=False``, fixed) mixture weights a_E, a_O, a_R, a_B.
    history_shares : tuple of 4 floats, optional
        Initial / fixed c_same, c_unit, c_minor, c_any.
    temperature : float
        Initial / fixed temperature (>= 1 flattens the naive-Bayes posterior).
    learn_shares, learn_temperature : bool
        Whether `fit` learns them from the labelled profiles.
    top_k : int
        How many occupations `predict_top` keeps per person.
    absence : (float, float)
        Evidence of the skills a person does *not* claim, in nats per skill of an occupation's
        essential / optional profile that the person leaves out (`predict_top` and
        `predict_top_groups`, i.e. people, when they claim any skill; not `predict_top_one`, the
        vacancy's reading: an employer lists a few skills on purpose). The multinomial counts
        only the skills present, so it cannot tell two sibling occupations apart when a person's
        claims fit both; a person in occupation o leaves out each of its essential skills with a
        chance of about 1 - keep, so an occupation whose profile the person mostly does not claim
        is less likely: log-likelihood + a_E (claimed essential skills of o) - a_E |E_o|
        (and the same with a_O over the optional profile), with a_E about -log(1 - keep).
        The claimed part is folded into the people's log-likelihood matrix (each claim by its
        weight), the |E_o| part is one bias per occupation, which the posterior's normaliser
        counts for the occupations that share no evidence with the person as well.
        A past occupation's own ESCO profile is held, not left out: a spell in h of weight w
        (the spell's identity weight, `vectors.experience_weight`) takes back w x h's whole absence
        evidence (a_E |E_h| + a_O |O_h|) from h, none from h's siblings. Without it a person's
        stated occupation paid for every skill of its profile the person did not also claim, so
        the larger a profile, the more a few claims made a smaller sibling win: six years as a
        welder (36 essential skills) and two welding claims read as spot welder (18) at 0.808,
        welder 0.024 (outside tester, issue 11 F5; `tests/unit/matching/test_history_decides.py`).
    listed : float
        epsilon in (0, 1) of the likelihood of the skills an employer *lists* (`predict_top_one`'s
        `listed_essential` / `listed_optional`; 0: they are read like anyone's claims). The
        listed skills are a sample of the occupation's profile, so an occupation that lists all
        of them explains them better the fewer skills it has (the size principle): a skill listed
        as essential has P(j | o) = (1 - eps) E[o, j] / |E_o| + eps (the same with O over the
        optional profile for one listed as optional), i.e. about log(1 / |E_o|) for an
        occupation listing it and log(eps) for one that does not; its log-likelihood ratio
        against "no occupation lists it" is log(1 + (1 - eps) / (eps |E_o|)). The mixture above instead credits an essential skill to
        an occupation listing it as optional, and saturates (1 / |E_o| against the background
        b_j), so a common listed skill tells little and a sibling with a larger profile of
        the same skills reads as likely. Each listed skill counts with its evidence weight
        (`vacancy_target`: 1, essential or optional).

    several : (float, float)
        (lambda, log prior): how many claims outside an occupation's ESCO profile a person of it
        makes (Poisson mean lambda, in units of claim evidence), and the log prior odds of the
        "no single occupation" alternative; lambda 0: off (needs `absence`, whose rows it reads:
        people claiming any skill). Every occupation's multinomial puts the claims outside its
        profile in the background (a_B b_j each), so a profile claiming every skill of three trades
        read as certain of the trade that explains most of them (outside tester 29, F3: the 187
        essential and optional skills of cook, building cleaner and welder, no work history, read
        welder 1.0). The size principle on the person's side, in two terms. The breadth: an
        occupation o explains the person at all with the Poisson log-probability of their claims
        outside its profile, n_off(o) = claim evidence outside it, less that of lambda such claims:
        -(log Gamma(n_off + 1) - n_off log lambda) beyond lambda, 0 up to it (121 claims outside
        the welder's profile at lambda 2: -379 nats). The alternative: the claims drawn from the
        general skill distribution b (how often a skill is in any profile), log-likelihood ratio
        -log(a_B) per unit of claim evidence against the background, plus the log prior. Its
        share is scored against the best occupation with its breadth term, and taken from every
        occupation alike (not stored: the kept probabilities sum to less); the posterior among
        occupations stays the multinomial's. A claims-only person whose claims one occupation
        explains keeps it.
    anchor : float
        How many claims a spell at identity weight 1 stands for, per skill of its occupation's
        ESCO profile (0: off; `RankingParams.occupation_history_anchor`). A person with both claims
        and work history is read as a mixture: each spell's share (its weight x its profile's size
        x anchor, against the claim evidence no spell's occupation lists) is the spell's own
        occupation, the claims' share the claims-only posterior (with `several`). The claims add
        a second occupation beside the history and never rename the one held (outside tester 31,
        F3); people with only claims or only history are read as without it.
    pair : float or None
        Log prior odds of a second "no single occupation" alternative, scored with `several` (None:
        off; needs `several` on): the claims are a copy of two occupations' profiles. The breadth
        term fires only when the claims outside the best occupation's profile are very many, so a
        profile claiming every skill of cook, child care worker and bus driver (109) read cook 1.0
        and the three trades' essential skills bus driver 1.0 (outside tester 31, F1). The first
        occupation is the person's best single one, claimed whole or in part (a new graduate
        claims one trade's whole profile and keeps it); the second is read from the claims
        outside the first's profile: over its skills the first does not list, of its essential
        profile or its whole one, each claimed counts log((1 - PAIR_MISS) / PAIR_KEEP) and each
        left out log(PAIR_MISS / (1 - PAIR_KEEP)), copied against learnt (`_pair_odds`). Its odds
        join the background alternative's (log-sum) in the share taken from every occupation.

    Attributes (after `fit`)
    ------------------------
    skill_shares_, history_shares_ : (4,) float64 learnt mixture weights
    temperature_ : float
    skill_llr_ : (n_occupations, n_skills) CSR float64, log(P(j | o) / (a_B b_j))
    history_llr_ : (n_occupations, n_occupations) CSR float64, log(P(h | o) / (c_any / n_occ))

    Input ``X`` everywhere: (n_samples, n_skills + n_occupations) sparse, non-negative float;
    the first n_skills columns are skill evidence weights (a claim's level weight), the rest
    work-history weights (identity weights, `vectors.experience_weight`) of each occupation, i.e. the layout of the
    engine's inverted index.
    """

    def __init__(
        self,
        profiles: OccupationProfiles | None = None,
        skill_shares: tuple[float, float, float, float] = (0.6, 0.15, 0.0, 0.25),
        history_shares: tuple[float, float, float, float] = (0.6, 0.15, 0.1, 0.15),
        temperature: float = 1.0,
        learn_shares: bool = True,
        learn_temperature: bool = True,
        top_k: int = 4,
        n_iter: int = 30,
        absence: tuple[float, float] = (0.0, 0.0),
        listed: float = 0.0,
        several: tuple[float, float] = (0.0, 0.0),
        anchor: float = 0.0,
        pair: float | None = None,
    ) -> None:
        self.profiles = profiles
        self.skill_shares = skill_shares
        self.history_shares = history_shares
        self.temperature = temperature
        self.learn_shares = learn_shares
        self.learn_temperature = learn_temperature
        self.top_k = top_k
        self.n_iter = n_iter
        self.absence = absence
        self.listed = listed
        self.several = several
        self.anchor = anchor
        self.pair = pair

    # -- fitting ----------------------------------------------------------------------------
    def fit(self, X: sp.spmatrix | None = None, y: np.ndarray | None = None) -> OccupationModel:
        """Learn the mixture weights (EM, labels known) and the temperature (minimum log-loss
        of the true occupation) from labelled profiles X (see the class docstring), y
        (n_samples,) int occupation positions. With X None, keeps the initial values."""
        prof = self._profiles()
        a = np.asarray(self.skill_shares, dtype=np.float64)
        c = np.asarray(self.history_shares, dtype=np.float64)
        self.temperature_ = float(self.temperature)
        if X is not None and y is not None and self.learn_shares:
            X = sp.csr_matrix(X, dtype=np.float64)
            y = np.asarray(y, dtype=np.int64)
            n_s = prof.n_skills
            a = _em(a, self._skill_densities(X[:, :n_s], y), self.n_iter)
            hist = self._history_densities(X[:, n_s:], y)
            if hist[1].sum() > 0:
                c = _em(c, hist, self.n_iter)
        self.skill_shares_ = a / a.sum()
        self.history_shares_ = c / c.sum()
        self._build()
        if X is not None and y is not None and self.learn_temperature:
            self.temperature_ = self._fit_temperature(sp.csr_matrix(X, dtype=np.float64), np.asarray(y))
        return self

    def _skill_densities(self, X: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """((nnz, 4) component densities of each observed skill under its label, (nnz,) weight)."""
        prof = self._profiles()
        coo = X.tocoo()
        occ = y[coo.row]
        dens = np.column_stack(
            [
                _lookup(prof.essential, occ, coo.col),
                _lookup(prof.optional, occ, coo.col),
                _lookup(prof.related, occ, coo.col),
                prof.background[coo.col],
            ]
        )
        return dens, coo.data

    def _history_densities(self, H: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        prof = self._profiles()
        coo = H.tocoo()
        occ = y[coo.row]
        dens = np.column_stack(
            [
                (coo.col == occ).astype(np.float64),
                _lookup(prof.same_unit, occ, coo.col),
                _lookup(prof.same_minor, occ, coo.col),
                np.full(coo.nnz, 1.0 / prof.n_occupations),
            ]
        )
        return dens, coo.data

    def _build(self) -> None:
        prof = self._profiles()
        a, c = self.skill_shares_, self.history_shares_
        mix = a[0] * prof.essential + a[1] * prof.optional + a[2] * prof.related
        mix = mix.tocsr()
        floor = a[3] * prof.background
        llr = mix.copy()
        llr.data = np.log1p(mix.data / floor[mix.indices])
        self.skill_llr_ = llr
        n_o = prof.n_occupations
        hmix = (
            c[0] * sp.identity(n_o, format="csr") + c[1] * prof.same_unit + c[2] * prof.same_minor
        ).tocsr()
        hllr = hmix.copy()
        hllr.data = np.log1p(hmix.data / (c[3] / n_o))
        self.history_llr_ = hllr
        self._llr_t = sp.vstack([llr.T, hllr.T], format="csr")  # (n_skills + n_occ, n_occ)
        eps = float(self.listed)
        if eps > 0:
            # (n_skills + n_occ + 2 n_skills, n_occ): the mixture, work history, then the skills
            # listed as essential and as optional (`listed`)
            listed_e, listed_o = prof.essential.copy(), prof.optional.copy()
            for m in (listed_e, listed_o):
                m.data = np.log1p((1.0 - eps) * m.data / eps)  # rows hold 1 / |E_o| (1 / |O_o|)
            self._listed_llr_t: sp.csr_matrix | None = sp.vstack(
                [llr.T, hllr.T, listed_e.T, listed_o.T], format="csr"
            )
        else:
            self._listed_llr_t = None
        a_e, a_o = (float(v) for v in self.absence)
        if a_e or a_o:
            ess = (prof.essential > 0).astype(np.float64)
            opt = (prof.optional > 0).astype(np.float64)
            claimed = (llr + a_e * ess + a_o * opt).tocsr()
            self._people_llr_t = sp.vstack([claimed.T, hllr.T], format="csr")
            sizes_e = np.asarray(ess.sum(axis=1)).ravel()
            sizes_o = np.asarray(opt.sum(axis=1)).ravel()
            self._absence_bias: np.ndarray | None = -(a_e * sizes_e + a_o * sizes_o)
            # a past occupation's own ESCO skills are held, not absent (`absence`, last part)
            self._held_back: np.ndarray | None = -self._absence_bias
        else:
            self._people_llr_t = self._llr_t
            self._absence_bias = None
            self._held_back = None
        lam, prior = (float(v) for v in self.several)
        if lam > 0 and self._absence_bias is not None:
            self._profile_t: sp.csr_matrix | None = (
                ((prof.essential + prof.optional) > 0).astype(np.float64).T.tocsr()
            )
            self._several_llr: float | None = -float(np.log(a[3]))
            self._several_prior = prior
        else:
            self._profile_t = None
            self._several_llr = None
            self._several_prior = 0.0

    def _fit_temperature(self, X: sp.csr_matrix, y: np.ndarray) -> float:
        scores = self.decision_function(X)
        best, best_t = np.inf, 1.0
        for t in np.geomspace(0.5, 8.0, 25):
            loss = -np.mean(_log_posterior_of(scores, y, 1.0 / t))
            if loss < best:
                best, best_t = loss, float(t)
        return best_t

    # -- inference --------------------------------------------------------------------------
    def decision_function(self, X: sp.spmatrix) -> sp.csr_matrix:
        """(n_samples, n_occupations) CSR float64 log-likelihood ratios against the background
        (untempered; zero where an occupation shares no evidence with the person)."""
        return (sp.csr_matrix(X, dtype=np.float64) @ self._llr_t).tocsr()

    def _people_scores(self, X: sp.spmatrix) -> tuple[sp.csr_matrix, np.ndarray | None]:
        """People's log-likelihood ratios (`decision_function`, plus the claimed part of the
        `absence` evidence) and (n_samples,) bool: whose rows the absence bias applies to (those
        claiming any skill); None without absence evidence."""
        X = sp.csr_matrix(X, dtype=np.float64)
        if self._absence_bias is None:
            return (X @ self._llr_t).tocsr(), None
        n_s = self._profiles().n_skills
        biased = np.diff(X[:, :n_s].indptr) > 0
        scores = (X @ self._people_llr_t).tocsr()
        history = X[:, n_s:]
        if self._held_back is not None and history.nnz and biased.any():
            # each spell (weight w) in occupation h takes back w x h's absence evidence, on the
            # rows that pay it; h's own column is already stored (the history llr's diagonal)
            back = (sp.diags(biased.astype(np.float64)) @ history @ sp.diags(self._held_back)).tocsr()
            back.eliminate_zeros()
            scores = sp.csr_matrix(scores + back)
        return scores, biased

    def _several(self, X: sp.spmatrix, scores: sp.csr_matrix) -> np.ndarray | None:
        """(n_samples,) float64 in [0, 1]: the share of each row's posterior that the "no single
        occupation" alternative (`several`) takes, against the row's best occupation with its
        breadth term (0 for rows claiming no skill); None when it is off. Scored against the best
        occupation only, so the posterior among the occupations is the one without the breadth
        term, scaled by 1 - this share: which occupation a person fits is the multinomial's, whether
        one occupation explains them at all is the breadth's."""
        if self._several_llr is None or self._profile_t is None or self._absence_bias is None:
            return None
        X = sp.csr_matrix(X, dtype=np.float64)
        n_s = self._profiles().n_skills
        lam = float(self.several[0])
        mask = np.zeros(X.shape[1])
        mask[:n_s] = 1.0
        total = X @ mask  # the claim evidence of each row
        inv_t = 1.0 / self.temperature_
        bias = self._bias()
        assert bias is not None
        floor = float(bias.max())  # what an occupation sharing no claim scores: the best is at least it
        none = _breadth(total, lam)
        alt = (total * self._several_llr + self._several_prior + none) * inv_t
        from scipy.special import expit

        # log odds of the alternatives against the best occupation: the copy of two profiles
        # (`pair`, scored apart: it needs no breadth term) ...
        odds = np.full(X.shape[0], -np.inf)
        if self.pair is not None:
            odds = self._pair_odds(X[:, :n_s].tocsr(), scores)
        # ... and the background; the rest take less than e^-SEVERAL_SKIP: only people claiming
        # many skills are scored
        rows = np.flatnonzero((total > 0) & (alt > floor - SEVERAL_SKIP))
        if not len(rows):
            out = expit(odds)
            out[total <= 0] = 0.0
            return out
        claims, scores = X[rows][:, :n_s], sp.csr_matrix(scores)[rows]
        inside = (claims @ self._profile_t).tocsr()
        at = np.repeat(np.arange(len(rows)), np.diff(inside.indptr))
        # each occupation's breadth term less that of one sharing no claim (which every unstored
        # occupation pays, as does the alternative: it cancels)
        inside.data = none[rows][at] - _breadth(np.maximum(total[rows][at] - inside.data, 0.0), lam)
        broad = sp.csr_matrix(scores + inside)
        scaled = broad.data * inv_t + bias[broad.indices]
        _, best = _row_peaks(broad, scaled, np.full(len(rows), floor))
        odds = odds.copy()
        odds[rows] = np.logaddexp(odds[rows], alt[rows] - best)
        out = expit(odds)
        out[total <= 0] = 0.0
        return out

    def _pair_odds(self, claims: sp.csr_matrix, scores: sp.csr_matrix) -> np.ndarray:
        """(n_rows,) float64 log odds of the `pair` alternative (the claims are a copy of two
        occupations' profiles) against a single occupation (-inf where it is not scored). claims:
        (n_rows, n_skills) the rows' claim evidence; scores: their `_people_scores`.

        The first occupation o1 is the row's most likely single one (scores and absence bias); its
        own profile, claimed whole or in part, is what a person of it learns (a new graduate
        claims a whole trade). A second occupation o2 is read from the claims outside o1's
        profile: over o2's skills that o1's profile does not list, of its essential profile or of
        its whole one (whichever is likelier), each claimed skill counts
        log((1 - PAIR_MISS) / PAIR_KEEP) and each left out log(PAIR_MISS / (1 - PAIR_KEEP)):
        copied (nearly all claimed) against learnt (about half). Plus the log prior `pair`; best
        o2 per row, among those with at least PAIR_MIN_RESIDUAL such claims. A person who learnt
        part of a second trade (the benchmark's two-occupations family: a quarter of its
        essential skills) reads far below, every skill of two trades far above. Greedy (o1
        fixed), so it understates the best pair: it fires no more often. Only rows claiming at
        least PAIR_MIN_CLAIMS skills are scored."""
        out = np.full(claims.shape[0], -np.inf)
        cand = np.flatnonzero(np.diff(claims.indptr) >= PAIR_MIN_CLAIMS)
        bias = self._bias()
        if not len(cand) or bias is None:
            return out
        s = sp.csr_matrix(scores)[cand]
        row = np.repeat(np.arange(len(cand)), np.diff(s.indptr))
        scaled = s.data / self.temperature_ + bias[s.indices]
        peak = np.full(len(cand), -np.inf)
        np.maximum.at(peak, row, scaled)
        top = np.flatnonzero(scaled >= peak[row])
        first_rows, first_at = np.unique(row[top], return_index=True)
        o1 = np.full(len(cand), -1, dtype=np.int64)
        o1[first_rows] = s.indices[top[first_at]]
        cand, o1 = cand[first_rows], o1[first_rows]
        held = (claims[cand] > 0).astype(np.float64).tocsr()
        resid = (held - held.multiply(self._profile_rows[o1])).tocsr()
        resid.eliminate_zeros()
        inside = (resid @ self._profile_t).tocsr()  # o2's claimed skills outside o1's profile
        r2 = np.repeat(np.arange(len(cand)), np.diff(inside.indptr))
        ok = (inside.data >= PAIR_MIN_RESIDUAL) & (inside.indices != o1[r2])
        r2, o2, hit_w = r2[ok], inside.indices[ok], inside.data[ok]
        if not len(r2):
            return out
        first = self._profile_rows[o1[r2]]  # (n_entries, n_skills): o1's profile, per entry
        copied = np.full(len(o2), -np.inf)
        for rows_m, hit in ((self._essential_rows, None), (self._profile_rows, hit_w)):
            second = rows_m[o2]
            if hit is None:
                hit = np.asarray(resid[r2].multiply(second).sum(axis=1)).ravel()
            shared = np.asarray(first.multiply(second).sum(axis=1)).ravel()
            miss = np.maximum(np.diff(second.indptr) - shared - hit, 0.0)
            copied = np.maximum(copied, hit * PAIR_HIT + miss * PAIR_MISSED)
        prior = self.pair
        assert prior is not None
        best = np.full(len(cand), -np.inf)
        np.maximum.at(best, r2, copied + float(prior))
        out[cand] = best
        return out

    def _anchored(
        self,
        X: sp.spmatrix,
        r: np.ndarray,
        o: np.ndarray,
        p: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The posterior entries (row, occupation, probability) of `_top_posterior` with every row
        that has both claims and work history read as the `anchor` mixture (the class docstring);
        None when no row of X has both. X: the rows' evidence; r, o, p: `_top_posterior`'s entries
        of X (rows without both are kept as they are). Returns entries with rows ascending and
        occupations distinct within a row."""
        prof = self._profiles()
        n_s, n_occ = prof.n_skills, prof.n_occupations
        X = sp.csr_matrix(X, dtype=np.float64)
        claims, history = X[:, :n_s], X[:, n_s:].tocsr()
        total = np.asarray(claims.sum(axis=1)).ravel()
        mix = np.flatnonzero((total > 0) & (np.diff(history.indptr) > 0))
        if not len(mix):
            return None
        inv_t = 1.0 / self.temperature_
        # the claims alone (the history columns dropped): the claims' component
        alone = sp.hstack([claims[mix], sp.csr_matrix((len(mix), n_occ))], format="csr")
        s_c, biased_c = self._people_scores(alone)
        _, _, r_c, o_c, p_c = _top_posterior(
            s_c,
            inv_t,
            n_occ,
            1,
            entries=True,
            bias=self._bias(),
            biased=biased_c,
            several=self._several(alone, s_c),
        )
        # each spell's component: the spell's own occupation (the API names one ESCO occupation per
        # spell, never only a group). The joint posterior restricted to the spell's unit and minor
        # group let two or three claims rename ten years of history as a sibling never held (outside
        # tester 31, F3: a truck driver read trolley bus driver 0.44); a claim adds a second
        # occupation through the claims' share below, it does not rename the one the person held
        hist = history[mix].tocoo()
        size = self._profile_sizes
        n_h = self.anchor * hist.data * size[hist.col]
        # the claims' share counts only the claims no spell's occupation lists (essential or
        # optional): a kitchen assistant's claims of skills the cook shares are the assistant's
        worked = ((history[mix] > 0).astype(np.float64) @ self._profile_rows).tocsr()
        off = total[mix] - np.asarray(claims[mix].multiply(worked > 0).sum(axis=1)).ravel()
        off = np.maximum(off, 0.0)
        # the history as a whole stands for sum N claims against the claims' C; the spells share
        # the history's part by their weights (a larger ESCO profile is more evidence against the
        # claims, not a larger share among the spells)
        weights = np.bincount(hist.row, hist.data, len(mix))
        worth = np.bincount(hist.row, n_h, len(mix))
        den = worth + off
        who, g = hist.row, hist.col
        share = hist.data / weights[hist.row] * worth[hist.row] / den[hist.row]
        rows = np.concatenate([mix[who], mix[r_c]])
        occs = np.concatenate([g, o_c]).astype(np.int64)
        probs = np.concatenate([share, p_c * (off / den)[r_c]])
        keep = ~np.isin(r, mix)
        rows = np.concatenate([r[keep], rows])
        occs = np.concatenate([o[keep].astype(np.int64), occs])
        probs = np.concatenate([p[keep], probs])
        key, inv = np.unique(rows.astype(np.int64) * n_occ + occs, return_inverse=True)
        summed = np.bincount(inv, probs, len(key))
        return (key // n_occ).astype(r.dtype if len(r) else np.int64), (key % n_occ).astype(np.int32), summed

    @cached_property
    def _profile_rows(self) -> sp.csr_matrix:
        """(n_occupations, n_skills) CSR float64, 1 where the skill is in the occupation's ESCO
        profile (essential or optional)."""
        prof = self._profiles()
        return ((prof.essential + prof.optional) > 0).astype(np.float64).tocsr()

    @cached_property
    def _essential_rows(self) -> sp.csr_matrix:
        """(n_occupations, n_skills) CSR float64, 1 where the skill is essential to the occupation."""
        return (self._profiles().essential > 0).astype(np.float64).tocsr()

    @cached_property
    def _profile_sizes(self) -> np.ndarray:
        """(n_occupations,) float64: skills in each occupation's ESCO profile, essential and optional."""
        return np.diff(self._profile_rows.indptr).astype(np.float64)

    def _bias(self) -> np.ndarray | None:
        """(n_occupations,) the absence bias, tempered as the log-likelihoods are; None without."""
        return None if self._absence_bias is None else self._absence_bias / self.temperature_

    def predict_top(
        self, X: sp.spmatrix, k: int | None = None, chunk: int = PREDICT_CHUNK, *, people: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k most likely occupations of each person and their posterior probabilities
        (`people` False: of each vacancy, without the `absence` evidence, as `predict_top_one`).

        Returns (occupations, probabilities): (n_samples, k) int32 positions (-1 padding when a
        person has fewer than k occupations with any evidence) and (n_samples, k) float32,
        descending (equal probabilities: lower position first), summing to at most 1 (the rest
        is spread over the other occupations). A person with no evidence gets -1 and 0
        throughout. Rows are independent: any `chunk` (rows scored at a time) gives the same
        result; it only bounds the temporaries (about 400 scores per person)."""
        k = self.top_k if k is None else k
        X = sp.csr_matrix(X)
        n = X.shape[0]
        occ = np.full((n, k), -1, dtype=np.int32)
        prob = np.zeros((n, k), dtype=np.float32)
        for start in range(0, n, chunk):
            several = None
            if people:
                s, biased = self._people_scores(X[start : start + chunk])
                several = self._several(X[start : start + chunk], s)
            else:
                s, biased = self.decision_function(X[start : start + chunk]), None
            o, p, r, oo, pp = _top_posterior(
                s,
                1.0 / self.temperature_,
                self._profiles().n_occupations,
                k,
                entries=True,
                bias=self._bias() if people else None,
                biased=biased,
                several=several,
            )
            if people and self.anchor > 0:
                mixed = self._anchored(X[start : start + chunk], r, oo, pp)
                if mixed is not None:
                    o, p = np.full((len(o), k), -1, dtype=np.int32), np.zeros((len(o), k), dtype=np.float32)
                    _take_top(mixed[0], mixed[2].astype(np.float32), mixed[1], k, o, p)
            occ[start : start + len(o)] = o
            prob[start : start + len(o)] = p
        return occ, prob

    def predict_top_one(
        self,
        x: np.ndarray,
        k: int | None = None,
        listed_essential: np.ndarray | None = None,
        listed_optional: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """`predict_top` of one person given as a dense (n_skills + n_occupations,) float64 row
        (the class docstring's layout), without building scipy matrices (a vacancy is one row; the
        constructors cost more than the product). Returns the same ((1, k) int32, (1, k) float32),
        equal to the bit: the product adds the same terms in the same order as scipy's sparse
        product (`_row_scores`), so the posterior's normaliser sums the same floats.

        listed_essential, listed_optional : (n_skills,) float64 evidence weights of the skills an
        employer listed as essential / optional (a vacancy's), read by the `listed` likelihood
        (the size principle) instead of the mixture; x should then hold zero for them. Ignored
        when the model has no `listed` epsilon (`vacancy_target` then leaves them in x)."""
        k = self.top_k if k is None else k
        n_occ = self._profiles().n_occupations
        llr_t = self._llr_t
        if self._listed_llr_t is not None and (listed_essential is not None or listed_optional is not None):
            n_s = self._profiles().n_skills
            zero = np.zeros(n_s)
            e = zero if listed_essential is None else np.asarray(listed_essential, dtype=np.float64)
            o = zero if listed_optional is None else np.asarray(listed_optional, dtype=np.float64)
            x, llr_t = np.concatenate([x, e, o]), self._listed_llr_t
        return _top_posterior(_row_scores(x, llr_t), 1.0 / self.temperature_, n_occ, k)  # type: ignore[return-value]

    def predict_top_groups(
        self, X: sp.spmatrix, k: int, k_units: int, chunk: int = PREDICT_CHUNK
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`predict_top`'s k occupations and, besides, each person's k_units most likely ISCO-08
        unit groups with the posterior mass of all their occupations (not only of the top k:
        when ESCO lists twenty near-identical occupations of one unit group, such as the
        import-export specialists of twenty trades, a person whose skills fit them all has
        about 1/20 on each, so the top k hold a few twentieths of a mass that is nearly all
        in the unit group).

        Returns (occupations, probabilities, units, masses): (n_samples, k) as `predict_top`,
        and (n_samples, k_units) int32 unit-group codes (`OccupationProfiles.unit`, -1 padding)
        and float32 masses, descending (equal masses: lower code first), summing to at most 1.
        Occupations more than e^16 below a person's best are left out of the masses."""
        X = sp.csr_matrix(X)
        n = X.shape[0]
        prof = self._profiles()
        occ = np.full((n, k), -1, dtype=np.int32)
        prob = np.zeros((n, k), dtype=np.float32)
        units = np.full((n, k_units), -1, dtype=np.int32)
        mass = np.zeros((n, k_units), dtype=np.float32)
        for start in range(0, n, chunk):
            s, biased = self._people_scores(X[start : start + chunk])
            several = self._several(X[start : start + chunk], s)
            m = s.shape[0]
            o, p, r, oo, pp = _top_posterior(
                s,
                1.0 / self.temperature_,
                prof.n_occupations,
                k,
                entries=True,
                bias=self._bias(),
                biased=biased,
                several=several,
            )
            if self.anchor > 0:
                mixed = self._anchored(X[start : start + chunk], r, oo, pp)
                if mixed is not None:
                    r, oo, pp = mixed
                    o, p = np.full((m, k), -1, dtype=np.int32), np.zeros((m, k), dtype=np.float32)
                    _take_top(r, pp.astype(np.float32), oo, k, o, p)
            occ[start : start + m] = o
            prob[start : start + m] = p
            if k_units and len(r):
                u = prof.unit[oo].astype(np.int64)
                ok = u >= 0
                key = r[ok].astype(np.int64) * max(prof.n_units, 1) + u[ok]
                uniq, inv = np.unique(key, return_inverse=True)
                total = np.bincount(inv, pp[ok].astype(np.float64), len(uniq))
                uo, um = np.full((m, k_units), -1, dtype=np.int32), np.zeros((m, k_units), dtype=np.float32)
                _take_top(
                    uniq // max(prof.n_units, 1),
                    total,
                    (uniq % max(prof.n_units, 1)).astype(np.int32),
                    k_units,
                    uo,
                    um,
                )
                units[start : start + m] = uo
                mass[start : start + m] = um
        return occ, prob, units, mass

    def predict(self, X: sp.spmatrix) -> np.ndarray:
        """(n_samples,) int32 most likely occupation (-1 without evidence)."""
        return self.predict_top(X, 1)[0][:, 0]

    def _profiles(self) -> OccupationProfiles:
        if self.profiles is None:
            raise ValueError("OccupationModel needs `profiles` (see occupation_profiles)")
        return self.profiles


def fitted_model(
    profiles: OccupationProfiles,
    top_k: int = 4,
    absence: tuple[float, float] = (0.0, 0.0),
    listed: float = 0.0,
    several: tuple[float, float] = (0.0, 0.0),
    anchor: float = 0.0,
    pair: float | None = None,
) -> OccupationModel:
    """The model with the shares and temperature learnt on the tuning half (`FITTED_*`), ready
    to infer without training (what the engine uses at start-up); `absence`, `listed`, `several`
    and `anchor` as in `OccupationModel` (the engine's `RankingParams.occupation_absence`,
    `RankingParams.vacancy_listed_epsilon`, `RankingParams.occupation_several` and
    `RankingParams.occupation_history_anchor`)."""
    return OccupationModel(
        profiles,
        skill_shares=FITTED_SKILL_SHARES,
        history_shares=FITTED_HISTORY_SHARES,
        temperature=FITTED_TEMPERATURE,
        learn_shares=False,
        learn_temperature=False,
        top_k=top_k,
        absence=absence,
        listed=listed,
        several=several,
        anchor=anchor,
        pair=pair,
    ).fit()


def vacancy_target(
    model: OccupationModel,
    skill_weights: np.ndarray,
    title_occupations: Sequence[int] = (),
    *,
    occupation: int = -1,
    k: int = 10,
    title_weight: float = 1.0,
    title_confidences: Sequence[float] | None = None,
    title_floor: float = 1.0,
    title_skill_correlation: float = 0.0,
    listed_essential: Sequence[int] = (),
    listed_optional: Sequence[int] = (),
) -> np.ndarray:
    """The vacancy's occupation as a distribution over ESCO occupations.

    occupation >= 0 (the employer named it): all mass there. Otherwise inferred by `model` from
    skill_weights, (n_skills,) float (e.g. 1 for an essential skill the employer chose, 0.5 for
    an optional one, 0.3 for one recognised from the text), and from occupations the job title
    names (positions, `titles.TitleReader`; each counts like a current job of weight
    `title_weight` times its confidence in `title_confidences`, 1 when not given); the
    k most likely occupations keep their posterior, the rest is dropped.

    title_floor < 1: the title's occupations are also the prior the skills weigh against. The
    posterior is multiplied by each title occupation's confidence and by `title_floor` for every
    other occupation, and normalised again (the mass beyond the `k + len(title_occupations)`
    kept counts at `title_floor`), so that skills choose among the title's occupations and
    override them only when they make another occupation more than 1 / `title_floor` times as
    likely. Without it a title counts like one current job, which a handful of skills outweighs:
    naive-Bayes skill evidence is largest for the occupations with the fewest ESCO skills, so
    confirming "perform cleaning duties" on an outside tester's "Siivooja / laitoshuoltaja" ad
    turned a confident cleaner into an aircraft groomer (0.395), and the nine cleaning skills
    recognised in "Städare" made it a train cleaner though the title names the building cleaner.

    title_skill_correlation rho >= 0, with the title prior and a title occupation of confidence 1
    (an exact label or the glossary's; not the multilingual model's guesses, which the skills
    should be able to correct: "Assistant animal nurse", read as a nurse assistant at 0.7, is a
    veterinary nurse by its description): the vacancy's skills are not
    independent of its title (suggestions are read from the title and the text about it, and an
    employer confirms skills from those suggestions), so n skills (n = the sum of
    `skill_weights`) count as n / (1 + rho (n - 1)) independent ones, the design effect of n
    equally correlated observations: each skill's log-likelihood ratio is multiplied by
    1 / (1 + rho max(0, n - 1)) where they weigh against the title: the title's occupations
    together keep the mass the tempered posterior gives them, shared among them as the untempered
    posterior does (skills that choose among the title's occupations are no evidence against it;
    tempering there too cost the text vacancies of the ranking benchmark's tuning half 0.018
    NDCG@10 in one family). A skill an occupation's ESCO profile lacks costs it nothing
    while one it lists adds about 7 nats, so three confirmed cleaning skills that ESCO lists for
    the train cleaner but not the building cleaner overrode a "Laitoshuoltaja" title at 1000:1
    (session 13 outside tester, P2: 42 of the 120 ways of confirming three of an ad's ten
    suggestions). 0: skills are independent evidence (before 2026-12-02 evening).

    listed_essential, listed_optional: positions of the skills the employer chose as essential /
    optional. With the model's `listed` epsilon (`RankingParams.vacancy_listed_epsilon`) they
    are read by the size principle (`OccupationModel`, `listed`), each with weight 1, instead of
    their `skill_weights`; the other skills (suggestions nobody confirmed) keep theirs. Without
    it, or with none listed, only `skill_weights` count.
    Returns (n_occupations,) float64, summing to at most 1 (all zeros without any evidence)."""
    prof = model._profiles()
    target = np.zeros(prof.n_occupations)
    if occupation >= 0:
        target[occupation] = 1.0
        return target
    x = np.zeros(prof.n_skills + prof.n_occupations)
    x[: prof.n_skills] = skill_weights
    listed: dict[str, np.ndarray] = {}
    if model.listed > 0 and (len(listed_essential) or len(listed_optional)):
        for name, at in (("listed_essential", listed_essential), ("listed_optional", listed_optional)):
            w = np.zeros(prof.n_skills)
            w[np.asarray(at, dtype=np.int64)] = 1.0
            listed[name] = w
        x[np.asarray([*listed_essential, *listed_optional], dtype=np.int64)] = 0.0
    confidences = title_confidences if title_confidences is not None else [1.0] * len(title_occupations)
    prior: dict[int, float] = {}
    for o, c in zip(title_occupations, confidences, strict=True):
        x[prof.n_skills + o] = max(x[prof.n_skills + o], title_weight * c)
        prior[o] = max(prior.get(o, 0.0), c)
    weigh = bool(prior) and title_floor < 1.0
    kk = k + len(prior) if weigh else k
    occ, prob = model.predict_top_one(x, kk, **listed)
    ok = occ[0] >= 0
    o_top, p_top = occ[0][ok], prob[0][ok].astype(np.float64)
    if weigh and len(o_top):
        within = {
            int(o): float(p) * prior[int(o)] for o, p in zip(o_top, p_top, strict=True) if int(o) in prior
        }
        # against a title read exactly (a label, or the glossary's): the skills as correlated
        # evidence; a title the multilingual model only guesses (confidence < 1) they may override
        temper = title_skill_correlation > 0.0 and max(prior.values()) >= 1.0
        if temper:
            n = float(np.sum(skill_weights))
            x[: prof.n_skills] /= 1.0 + title_skill_correlation * max(0.0, n - 1.0)
            listed = {
                name: w / (1.0 + title_skill_correlation * max(0.0, n - 1.0)) for name, w in listed.items()
            }
            occ, prob = model.predict_top_one(x, kk, **listed)
            ok = occ[0] >= 0
            o_top, p_top = occ[0][ok], prob[0][ok].astype(np.float64)
        rest = max(0.0, 1.0 - float(p_top.sum())) * title_floor
        p_top = p_top * np.asarray([max(prior.get(int(o), 0.0), title_floor) for o in o_top])
        titled = np.asarray([int(o) in prior for o in o_top])
        if temper and (total := sum(within.values())) > 0.0:
            # among the title's occupations the skills choose as they are (they are no evidence
            # against the title there): the title's mass, shared as the untempered posterior does
            mass = float(p_top[titled].sum())
            p_top[titled] = [mass * within.get(int(o), 0.0) / total for o in o_top[titled]]
        p_top /= p_top.sum() + rest
        order = np.lexsort((o_top, -p_top))[:k]
        o_top, p_top = o_top[order], p_top[order]
    target[o_top] = p_top
    return target


def group_agreement(
    occ: np.ndarray, prob: np.ndarray, target: np.ndarray, profiles: OccupationProfiles
) -> np.ndarray:
    """Chance that a person's occupation and the target's agree, at four levels.

    occ, prob : (n, k) a person's top occupations and probabilities (`predict_top`)
    target : (n_occupations,) float probability distribution of the target's occupation
    Returns (n, 4) float64: P(same occupation), P(same ISCO-08 unit group), P(same minor group),
    P(same sub-major group), each counting only the person's top k occupations."""
    out = np.zeros((occ.shape[0], 4))
    valid = occ >= 0
    o = np.where(valid, occ, 0)
    p = np.where(valid, prob, 0.0).astype(np.float64)
    out[:, 0] = (p * target[o]).sum(axis=1)
    for level, codes in enumerate((profiles.unit, profiles.minor, profiles.submajor), start=1):
        mass = np.bincount(codes[codes >= 0], target[codes >= 0], minlength=int(codes.max()) + 1)
        g = codes[o]
        out[:, level] = (p * np.where(g >= 0, mass[np.maximum(g, 0)], 0.0)).sum(axis=1)
    return out


# -- helpers -----------------------------------------------------------------------------------
def _em(shares: np.ndarray, densities: tuple[np.ndarray, np.ndarray], n_iter: int) -> np.ndarray:
    dens, weight = densities
    a = shares / shares.sum()
    for _ in range(n_iter):
        joint = dens * a
        total = joint.sum(axis=1, keepdims=True)
        resp = np.divide(joint, total, out=np.zeros_like(joint), where=total > 0)
        a = (resp * weight[:, None]).sum(axis=0)
        a = np.maximum(a, 1e-6)
        a /= a.sum()
    return a


def _lookup(m: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """m[rows[i], cols[i]] for every i, float64 (0 where not stored)."""
    m = sp.csr_matrix(m)
    m.sort_indices()
    width = np.int64(m.shape[1])
    flat = np.repeat(np.arange(m.shape[0], dtype=np.int64), np.diff(m.indptr)) * width + m.indices
    keys = np.asarray(rows, dtype=np.int64) * width + np.asarray(cols, dtype=np.int64)
    out = np.zeros(len(keys))
    if not len(flat):
        return out
    at = np.minimum(np.searchsorted(flat, keys), len(flat) - 1)
    ok = flat[at] == keys
    out[ok] = m.data[at[ok]]
    return out


@dataclass(frozen=True)
class _Scores:
    """A CSR matrix's parts that `_top_posterior` reads (one row of `_row_scores`)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    @property
    def nnz(self) -> int:
        return len(self.data)


def _row_scores(x: np.ndarray, llr_t: sp.csr_matrix) -> _Scores:
    """``sp.csr_matrix(x) @ llr_t`` for one dense row x (n_rows of llr_t,) float64, as scipy's
    ``csr_matmat`` builds it: each output is the sum, from 0 in the order of x's non-zero columns
    and then of llr_t's row entries, of x[j] * llr_t[j, o] (`np.bincount` adds in input order);
    outputs come in the reverse order of their first term, and exact zeros are dropped."""
    cols = np.flatnonzero(x)
    at, idx = row_positions(llr_t.indptr, cols)
    o = llr_t.indices[idx]
    n_occ = llr_t.shape[1]
    sums = np.bincount(o, x[cols][at] * llr_t.data[idx], minlength=n_occ)
    uniq, first = np.unique(o, return_index=True)
    order = uniq[np.argsort(-first)]
    order = order[sums[order] != 0]
    indices = order.astype(llr_t.indices.dtype)
    return _Scores(sums[order], indices, np.asarray([0, len(order)], dtype=llr_t.indptr.dtype), (1, n_occ))


PAIR_MIN_CLAIMS = 10
"""`OccupationModel.pair`: rows claiming fewer skills than this are not scored for a second
occupation (two copied profiles take more)."""

PAIR_MIN_RESIDUAL = 5
"""`OccupationModel.pair`: a second occupation needs at least this many claimed skills outside the
first's profile (a few general skills beside one trade are the breadth term's `lambda`)."""

PAIR_KEEP = 0.4
"""`OccupationModel.pair`: the share of an occupation's profile a person who learnt it claims (the
benchmark's families keep a quarter to three quarters of the essential skills)."""

PAIR_MISS = 0.05
"""`OccupationModel.pair`: the share of a profile a person copying it leaves out."""

PAIR_HIT = float(np.log((1.0 - PAIR_MISS) / PAIR_KEEP))
PAIR_MISSED = float(np.log(PAIR_MISS / (1.0 - PAIR_KEEP)))
"""Log-likelihood ratios, copied against learnt, of a profile skill claimed / left out."""

SEVERAL_SKIP = 40.0
"""`OccupationModel.several`: a person whose alternative scores more than this below what any
occupation scores (the absence bias's largest) is left at share 0 (it is below e^-40) without
computing the breadth terms: the claims of nearly everyone are too few for it."""

PRUNE = 16.0
"""Posterior terms more than this below a person's best log score (a factor e^-16) are dropped
before the top k are chosen; they still count in the normaliser."""


def _row_peaks(
    s: sp.csr_matrix | _Scores, scaled: np.ndarray, floor: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(row of every stored entry, best scaled score of each row, at least `floor` (n_rows,), the
    best an unstored occupation can score; 0 without it, and for empty rows)."""
    n = s.shape[0]
    counts = np.diff(s.indptr)
    row = np.repeat(np.arange(n), counts)
    peak = np.zeros(n) if floor is None else np.where(counts > 0, floor, 0.0)
    filled = np.flatnonzero(counts)
    if len(filled):
        peak[filled] = np.maximum(np.maximum.reduceat(scaled, s.indptr[filled]), peak[filled])
    return row, peak


def _top_posterior(
    s: sp.csr_matrix | _Scores,
    inv_t: float,
    n_occ: int,
    k: int,
    entries: bool = False,
    bias: np.ndarray | None = None,
    biased: np.ndarray | None = None,
    several: np.ndarray | None = None,
) -> tuple[np.ndarray, ...]:
    """Each row's top k (occupations, probabilities); with `entries`, also (row, occupation,
    probability) of every entry within `PRUNE` of its row's best. `bias` (n_occ,) float64 <= 0,
    tempered log-likelihood added to every occupation of the rows where `biased`
    (n_rows,) bool holds, the stored entries and the rest alike (`OccupationModel.absence`).
    `several` (n_rows,) float64 in [0, 1], the share of the "no single occupation" alternative
    (`OccupationModel.several`): every probability of the row is scaled by 1 - it."""
    n = s.shape[0]
    occ = np.full((n, k), -1, dtype=np.int32)
    prob = np.zeros((n, k), dtype=np.float32)
    if not s.nnz:
        none = np.zeros(0, dtype=np.int64)
        return (occ, prob, none, none, np.zeros(0)) if entries else (occ, prob)
    counts = np.diff(s.indptr)
    scaled = s.data * inv_t
    if bias is not None and biased is not None and biased.any():
        top_b = float(bias.max())
        eb = np.exp(bias - top_b)
        if biased.all():  # the common case: everyone claims some skill
            scaled += bias[s.indices]
            stored = eb[s.indices]
        else:
            on = np.repeat(biased, counts)
            scaled += np.where(on, bias[s.indices], 0.0)
            stored = np.where(on, eb[s.indices], 0.0)
        # every unstored occupation o of a biased row scores bias[o] <= top_b: the row's floor
        floor = np.where(biased, top_b, 0.0)
        row, peak = _row_peaks(s, scaled, floor)
        e = np.exp(scaled - peak[row])
        stored_b = np.bincount(row, stored, n)
        rest = np.where(
            biased,
            np.maximum(eb.sum() - stored_b, 0.0) * np.exp(top_b - peak),
            (n_occ - counts) * np.exp(-peak),
        )
        z = np.bincount(row, e, n) + rest
    else:
        row, peak = _row_peaks(s, scaled)
        e = np.exp(scaled - peak[row])
        z = np.bincount(row, e, n) + (n_occ - counts) * np.exp(-peak)
    keep = np.flatnonzero(scaled >= peak[row] - PRUNE)
    r, o = row[keep], s.indices[keep]
    p = e[keep] / z[r]
    if several is not None:  # the alternative's share, taken from every occupation alike
        p = p * (1.0 - several[r])
    _take_top(r, p, o, k, occ, prob)
    return (occ, prob, r, o, p) if entries else (occ, prob)


def _breadth(n_off: np.ndarray, lam: float) -> np.ndarray:
    """-(Poisson log-probability of n_off claims outside a profile, mean lam, less that of lam
    claims), 0 up to lam: log Gamma(n + 1) - n log lam - (the same at lam), n = max(n_off, lam),
    (n,) float64 (`OccupationModel.several`)."""
    from scipy.special import gammaln

    n = np.maximum(n_off, lam)
    return gammaln(n + 1.0) - n * np.log(lam) - (gammaln(lam + 1.0) - lam * np.log(lam))


def _take_top(r: np.ndarray, p: np.ndarray, o: np.ndarray, k: int, occ: np.ndarray, prob: np.ndarray) -> None:
    """Write into occ/prob[row] each row's k entries of highest p, equal p by lower o: the order of
    ``np.lexsort((o, -p, r))``, found in k passes over the entries instead of sorting them (about
    4x cheaper when a person has hundreds of plausible occupations). ``r`` ascending (one run of
    entries per row) and ``o`` distinct within a row, as in a canonical CSR matrix."""
    if not len(r):
        return
    if r[0] == r[-1]:  # one row (a vacancy): sorting its few hundred entries is cheaper than k passes
        order = np.lexsort((o, -p))[:k]
        occ[r[0], : len(order)] = o[order]
        prob[r[0], : len(order)] = p[order]
        return
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    owner = r[starts]
    run = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(r)]))
    left = p.astype(np.float64, copy=True)
    last = np.iinfo(o.dtype).max
    for slot in range(k):
        best = np.maximum.reduceat(left, starts)
        tied = left == best[run]
        first = np.minimum.reduceat(np.where(tied, o, last), starts)
        chosen = np.flatnonzero(tied & (o == first[run]))
        chosen = chosen[best[run[chosen]] > -np.inf]  # runs with nothing left choose nothing
        rows = owner[run[chosen]]
        occ[rows, slot] = o[chosen]
        prob[rows, slot] = p[chosen]
        left[chosen] = -np.inf


def _log_posterior_of(s: sp.csr_matrix, y: np.ndarray, inv_t: float) -> np.ndarray:
    n, n_occ = s.shape
    counts = np.diff(s.indptr)
    scaled = s.data * inv_t
    row, peak = _row_peaks(s, scaled)
    z = np.bincount(row, np.exp(scaled - peak[row]), n) + (n_occ - counts) * np.exp(-peak)
    own = _lookup(s, np.arange(n), y) * inv_t
    return own - peak - np.log(z)


def _rows_sum_to_one(m: sp.spmatrix) -> sp.csr_matrix:
    m = sp.csr_matrix(m, dtype=np.float64)
    sums = np.asarray(m.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return sp.diags(scale) @ m


def _codes(values: list[str]) -> np.ndarray:
    uniq = sorted({v for v in values if v})
    pos = {v: i for i, v in enumerate(uniq)}
    return np.asarray([pos.get(v, -1) for v in values], dtype=np.int32)


def _same_group(group: np.ndarray, exclude: np.ndarray | None = None) -> sp.csr_matrix:
    """Rows: uniform over the other occupations of the same group (and, with `exclude`, not of
    the same `exclude` group)."""
    n = len(group)
    valid = np.flatnonzero(group >= 0)
    member = sp.csr_matrix((np.ones(len(valid)), (valid, group[valid])), shape=(n, int(group.max()) + 1))
    same = (member @ member.T).tocsr()
    same.setdiag(0)
    if exclude is not None:
        ev = np.flatnonzero(exclude >= 0)
        ex = sp.csr_matrix((np.ones(len(ev)), (ev, exclude[ev])), shape=(n, int(exclude.max()) + 1))
        same = same - same.multiply(ex @ ex.T)
    same = sp.csr_matrix(same)
    same.eliminate_zeros()
    return _rows_sum_to_one(same)
