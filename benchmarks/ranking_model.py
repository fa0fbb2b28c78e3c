"""Prototype of the occupation-aware score, brute force over a whole candidate pool (offline
evaluation before it is wired into the engine).

score = w_occ * A + w_sim * S   (each part in [0, 1], weights summing to 1)

A: expected agreement between the candidate's inferred occupation and the vacancy's (given, or
inferred from its skills and title), levels occupation / ISCO-08 unit / minor / sub-major group
weighted by `level_weights` (normalised to sum 1); S: cosine of IDF-weighted skill vectors (the
engine's: claims by level, work-history occupations expanded into their skills), the vacancy's
own skills only (no related-skill expansion)."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from benchmarks.ranking_families import FAMILIES, REFERENCE_DAY, Hierarchy, generate_family
from services.matching.index.domain.match_score import title_index, title_occupations
from services.matching.index.domain.model import Candidate, Vacancy
from services.matching.index.domain.occupations import (
    OccupationModel,
    group_agreement,
    occupation_profiles,
    vacancy_target,
)
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.domain.vectors import claim_table, related_credit, smooth_idf, spell_weights

TRAIN_FAMILIES = (
    "partial-25",
    "partial-50",
    "substituted",
    "random-noise",
    "history-only",
    "two-occupations",
)
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "benchmarks"


def evidence(taxonomy: Taxonomy, candidates: list[Candidate], p: RankingParams) -> sp.csr_matrix:
    table = claim_table(p)
    rows, cols, vals = [], [], []
    for i, c in enumerate(candidates):
        for s in c.skills:
            j = taxonomy.skill_index.get(s.uri)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(table[(s.level, s.suggested)][0])
        for w, weight in zip(c.experience, spell_weights(c.experience, REFERENCE_DAY.year, p), strict=True):
            o = taxonomy.occupation_index.get(w.occupation_uri)
            if o is not None:
                rows.append(i)
                cols.append(taxonomy.n_skills + o)
                vals.append(weight)
    x = sp.csr_matrix(
        (vals, (rows, cols)), shape=(len(candidates), taxonomy.n_skills + taxonomy.n_occupations)
    )
    x.sum_duplicates()
    return x


def trained_model(
    taxonomy: Taxonomy, occupations: list[str], seed: int, n_per_family: int = 3000
) -> OccupationModel:
    """The occupation model fitted on generated profiles of the given (tuning) occupations."""
    key = hashlib.sha1(f"{seed}/{n_per_family}/{len(occupations)}/{occupations[:3]}".encode()).hexdigest()[
        :12
    ]
    path = CACHE / f"occupation-model-{key}.pkl"
    prof = occupation_profiles(taxonomy)
    if path.exists():
        shares = pickle.loads(path.read_bytes())
        return OccupationModel(prof, *shares, learn_shares=False, learn_temperature=False).fit()
    h = Hierarchy(taxonomy)
    xs, ys = [], []
    p = RankingParams()
    for fam in FAMILIES:
        if fam.name not in TRAIN_FAMILIES:
            continue
        d = generate_family(
            taxonomy, fam, occupations, n_candidates=n_per_family, n_vacancies=1, seed=seed, hierarchy=h
        )
        xs.append(evidence(taxonomy, d.candidates, p))
        ys.append(np.asarray([taxonomy.occupation_index[o] for o in d.candidate_occupations]))
    m = OccupationModel(prof).fit(sp.vstack(xs).tocsr(), np.concatenate(ys))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((tuple(m.skill_shares_), tuple(m.history_shares_), m.temperature_)))
    return m


@dataclass
class ScoreSettings:
    occupation_weight: float = 0.5
    level_weights: tuple[float, float, float, float] = (4.0, 2.0, 0.5, 1.0)
    occupation_optional_weight: float = 1.0
    chosen_optional_weight: float = 0.5
    suggested_weight: float = 0.3
    vacancy_top: int = 10
    title_weight: float = 1.0
    related_weight: float = 0.0
    related_cap: float = 0.5


class ModelRanker:
    def __init__(
        self,
        taxonomy: Taxonomy,
        candidates: list[Candidate],
        model: OccupationModel,
        s: ScoreSettings,
        p: RankingParams | None = None,
    ):
        self.tax, self.model, self.s = taxonomy, model, s
        p = p or RankingParams()
        x = evidence(taxonomy, candidates, p)
        self.occ, self.prob = model.predict_top(x)
        n_s = taxonomy.n_skills
        exp = (
            taxonomy.essential * p.experience_essential_weight
            + taxonomy.optional * p.experience_optional_weight
        )
        raw = (x[:, :n_s] + x[:, n_s:] @ exp).tocsr()
        df = np.bincount(raw.indices, minlength=n_s)
        self.idf = smooth_idf(df, raw.shape[0]).astype(np.float64)
        self.cand = normalize(raw @ sp.diags(self.idf)).tocsc()
        self.profiles = model.profiles
        self.titles = title_index(taxonomy)
        self.credit = related_credit(taxonomy, p)[0].tocsr()
        self.held = (raw > 0).tocsc().astype(np.float32)

    def vacancy_vector(self, v: Vacancy) -> np.ndarray:
        s, tax = self.s, self.tax
        q = np.zeros(tax.n_skills)
        for sk in v.skills:
            j = tax.skill_index.get(sk.uri)
            if j is None:
                continue
            w = s.suggested_weight if sk.suggested else 1.0 if sk.essential else s.chosen_optional_weight
            q[j] = max(q[j], w)
        if v.occupation_uri:
            o = tax.occupation_index[v.occupation_uri]
            for m, w in ((tax.essential, 1.0), (tax.optional, s.occupation_optional_weight)):
                js = m.indices[m.indptr[o] : m.indptr[o + 1]]
                q[js] = np.maximum(q[js], w)
        return q

    def vacancy_target(self, v: Vacancy, q: np.ndarray) -> np.ndarray:
        o = self.tax.occupation_index[v.occupation_uri] if v.occupation_uri else -1
        titles = title_occupations(v.title, self.titles) if v.title else ()
        return vacancy_target(
            self.model, q, titles, occupation=o, k=self.s.vacancy_top, title_weight=self.s.title_weight
        )

    def parts(self, v: Vacancy) -> np.ndarray:
        """(n_candidates, 3) weighted parts of the raw score: occupation agreement, skill
        similarity, related skills."""
        s = self.s
        q = self.vacancy_vector(v)
        qi = q * self.idf
        nq = float(np.sqrt(qi @ qi))
        sim = np.asarray(self.cand @ (qi / nq)).ravel() if nq > 0 else np.zeros(self.cand.shape[0])
        target = self.vacancy_target(v, q)
        agree = group_agreement(self.occ, self.prob, target, self.profiles)
        lw = np.asarray(s.level_weights) / sum(s.level_weights)
        out = np.zeros((len(sim), 3))
        out[:, 0] = s.occupation_weight * (agree @ lw)
        out[:, 1] = (1 - s.occupation_weight - s.related_weight) * sim
        if s.related_weight:
            out[:, 2] = s.related_weight * self.related_part(v, q)
        return out

    def scores(self, v: Vacancy) -> np.ndarray:
        return self.parts(v).sum(axis=1)

    def related_part(self, v: Vacancy, q: np.ndarray) -> np.ndarray:
        """Capped share of the vacancy's essential skills a candidate lacks but holds a related
        skill for (best credit per essential skill), divided by the cap: in [0, 1]."""
        tax = self.tax
        ess = {tax.skill_index[s.uri] for s in v.skills if s.essential and s.uri in tax.skill_index}
        if v.occupation_uri:
            o = tax.occupation_index[v.occupation_uri]
            ess.update(tax.essential.indices[tax.essential.indptr[o] : tax.essential.indptr[o + 1]].tolist())
        n = self.held.shape[0]
        if not ess:
            return np.zeros(n)
        total = np.zeros(n)
        for e in ess:
            lo, hi = self.credit.indptr[e], self.credit.indptr[e + 1]
            if lo == hi:
                continue
            cols, cr = self.credit.indices[lo:hi], self.credit.data[lo:hi]
            best = (self.held[:, cols].toarray() * cr).max(axis=1)
            missing = self.held[:, [e]].toarray().ravel() == 0
            total += best * missing
        return np.minimum(total / len(ess), self.s.related_cap) / self.s.related_cap
