"""How much of the +0.08 target is reachable: a ranker that knows how the benchmark's data were made.

    python -m benchmarks.ranking_ceiling --tune --families partial-75,indep-1,indep-2
    python -m benchmarks.ranking_ceiling --tune --families indep-2 --told '{"substitute": 0}'

`benchmarks.ranking_quality` grades a candidate by the occupation they were generated from; a
perfect ranking reaches NDCG@10 1, so "1 - IDF-cosine" is all any ranker could gain over the
baseline. This asks a sharper question: how well can a ranking do that sees only what the engine
sees (the claimed skills; for skills and sparse vacancies only the listed skills), but knows the
family's generator (`benchmarks.ranking_families`)? Its ranking is the Bayes decision for NDCG:

- each candidate's posterior over the occupation they were generated from, uniform prior over the
  pool's usable occupations (at least 3 essential skills), and a likelihood that treats each skill
  as claimed independently with probability q[o, j] = keep x (1 - substitute) for the
  occupation's essential skills (the family's optional keep share for its optional ones) +
  substitute x the chance that a kept skill is replaced by j (the family's sibling or cousin rule,
  each option equally likely) + Poisson noise over the skills some occupation uses; a keep share
  drawn from a range is averaged over five points of it. Exact for the partial families but for
  the one-skill fallback and the 40-skill cut; an approximation where substitutions and noise
  make skills dependent (so the figure is a lower bound of the true ceiling);
- a skills or sparse vacancy's posterior over its own occupation by the generator's sampling:
  the listed essential skills a uniformly drawn set of 5-10 (sparse: 3-5) of the occupation's
  essential skills, the optional ones a set of 0-3 of its optional skills (the "size principle":
  an occupation with fewer skills explains the same list better);
- candidates ranked by expected gain sum_v P(v | vacancy) / IDCG_v x sum_o P(o | candidate)
  (2^rel(v, o) - 1), which maximises the expected NDCG@10 (IDCG_v of the pool's labels).

So "Bayes - IDF-cosine" is what the target asks of a ranker that reads the data as well as can be
read; where it is below +0.08 the cell cannot be met but by luck. Families with work history
(`history-only`, `two-occupations`) are not modelled (their labels are discussed in
docs/benchmarks.md). `--told` replaces fields of the family the ranker is told (e.g. no
substitution), to see which knowledge the ranker's edge comes from. The text variant is not
modelled (its recognised skills follow no generator rule).

Prints per family and variant the NDCG@10 of IDF-cosine and of the Bayes ranking, and their
paired difference (± s.e.); the engine's figures come from `benchmarks.ranking_quality` on the
same split, seed and sizes (the same generated data).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from math import comb, log

import numpy as np
import scipy.sparse as sp

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import FAMILIES, Family, Hierarchy, Labelled, generate_family
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_taxonomy

VARIANTS = ("occupation", "skills", "sparse")
KEEP_POINTS = 5


class Pool:
    """The occupations of one split with their ESCO profiles and the graded gains between them.

    E, O : (n_o, n_skills) float64 CSR, essential / optional skills of each pool occupation
    gain : (n_o, n_o) float64, gain[v, o] = 2^rel - 1 of a candidate of o for a vacancy of v
    level : (n_o, n_o) int8, rel (3 same occupation, 2 same ISCO unit group, 1 same sub-major)
    """

    def __init__(self, taxonomy: Taxonomy, occupations: Sequence[str]) -> None:
        self.tax = taxonomy
        self.uris = list(occupations)
        self.at = {o: k for k, o in enumerate(self.uris)}
        rows = np.asarray([taxonomy.occupation_index[o] for o in self.uris])
        self.E = taxonomy.essential[rows].astype(np.float64).tocsr()
        self.O = taxonomy.optional[rows].astype(np.float64).tocsr()
        self.n_essential = np.asarray(self.E.sum(1)).ravel()
        self.n_optional = np.asarray(self.O.sum(1)).ravel()
        self.usable = self.n_essential >= 3
        self.used = np.unique(np.r_[taxonomy.essential.indices, taxonomy.optional.indices])
        unit = np.asarray([taxonomy.occupation_isco(o) or "" for o in self.uris])
        sub_major = np.asarray([c[:2] for c in unit])
        same_unit = unit[:, None] == unit[None, :]
        same_sub = sub_major[:, None] == sub_major[None, :]
        level = np.where(same_unit, 2, np.where(same_sub, 1, 0)).astype(np.int8)
        np.fill_diagonal(level, 3)
        self.level = level
        self.gain = 2.0 ** level.astype(np.float64) - 1.0


def substitution_matrix(taxonomy: Taxonomy, hierarchy: Hierarchy, rule: str) -> sp.csr_matrix:
    """(n_skills, n_skills) row-stochastic CSR: the chance that a kept skill (row) is claimed as
    each skill (column) when the family substitutes it by `rule` ("sibling" | "cousin", as
    `Hierarchy.sibling` / `Hierarchy.cousin` draw: uniform over the option list); a skill with no
    option stays itself."""
    h, n = hierarchy, taxonomy.n_skills
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for j in range(n):
        options = h.sibling_options(j) if rule == "sibling" else h.cousin_options(j)
        if not options:
            rows.append(j)
            cols.append(j)
            vals.append(1.0)
            continue
        u, counts = np.unique(np.asarray(options), return_counts=True)
        rows += [j] * len(u)
        cols += u.tolist()
        vals += (counts / len(options)).tolist()
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, n))


def presence(pool: Pool, family: Family, keep: float, substitution: sp.csr_matrix | None) -> np.ndarray:
    """(n_o, n_skills) float64 in (0, 1): P(skill claimed | generated from occupation o) for one
    keep share of the essential skills (see the module docstring)."""
    keep_optional = keep if family.keep_optional is None else family.keep_optional
    profile = (keep * pool.E + keep_optional * pool.O).tocsr()
    q = ((1.0 - family.substitute) * profile).toarray()
    if family.substitute and substitution is not None:
        q += family.substitute * (profile @ substitution).toarray()
    if family.noise_mean:
        rate = family.noise_mean / len(pool.used)
        q[:, pool.used] = 1.0 - (1.0 - q[:, pool.used]) * (1.0 - rate)
    return np.clip(q, 1e-9, 1.0 - 1e-9)


def claimed_matrix(taxonomy: Taxonomy, data: Labelled) -> sp.csr_matrix:
    """(n_candidates, n_skills) binary CSR of the claimed skills (not work history)."""
    rows: list[int] = []
    cols: list[int] = []
    for i, c in enumerate(data.candidates):
        for s in c.skills:
            rows.append(i)
            cols.append(taxonomy.skill_index[s.uri])
    shape = (len(data.candidates), taxonomy.n_skills)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


def candidate_posterior(
    pool: Pool, family: Family, claimed: sp.csr_matrix, substitution: sp.csr_matrix | None
) -> np.ndarray:
    """(n_candidates, n_o) float64, rows summing to 1: P(generated from o | claimed skills)."""
    lo, hi = family.keep_essential
    keeps = [lo] if lo == hi else list(np.linspace(lo, hi, KEEP_POINTS))
    lls = []
    for keep in keeps:
        q = presence(pool, family, keep, substitution)
        ratio = np.log(q) - np.log1p(-q)
        lls.append(np.asarray(claimed @ ratio.T) + np.log1p(-q).sum(1)[None, :])
    ll = np.logaddexp.reduce(np.stack(lls), axis=0) - np.log(len(keeps))
    ll[:, ~pool.usable] = -np.inf
    ll -= ll.max(1, keepdims=True)
    p = np.exp(ll)
    return p / p.sum(1, keepdims=True)


def vacancy_posterior(pool: Pool, variant: str, vacancy: Vacancy, wanted: np.ndarray) -> np.ndarray:
    """(n_o,) float64 summing to 1: P(the vacancy's occupation | its listed skills) under the
    generator's sampling of skills and sparse vacancies (`generate_family`), over the occupations
    vacancies are drawn from (`wanted`, uniform prior)."""
    tax = pool.tax
    ess = [tax.skill_index[s.uri] for s in vacancy.skills if s.essential]
    opt = [tax.skill_index[s.uri] for s in vacancy.skills if not s.essential]
    held_e = np.asarray(pool.E[:, ess].sum(1)).ravel()
    held_o = np.asarray(pool.O[:, opt].sum(1)).ravel() if opt else np.zeros(len(pool.uris))
    lp = np.full(len(pool.uris), -np.inf)
    k, m = len(ess), len(opt)
    for v in np.flatnonzero(wanted & (held_e >= k) & (held_o >= m)):
        n_e, n_o = int(pool.n_essential[v]), int(pool.n_optional[v])
        if variant == "sparse":  # 3-5 of 5-10 drawn: a uniform 3-5 of the essential skills
            lp[v] = -log(comb(n_e, k))
            continue
        p_k = sum(1 / 6 for kk in range(5, 11) if min(n_e, kk) == k)
        p_m = sum(1 / 4 for mm in range(4) if min(n_o, mm) == m)
        if p_k > 0 and p_m > 0:
            lp[v] = log(p_k) - log(comb(n_e, k)) + log(p_m) - log(comb(n_o, m))
    if not np.isfinite(lp).any():
        return np.zeros(len(pool.uris))
    p = np.exp(lp - lp.max())
    return p / p.sum()


def _idcg(rel: np.ndarray) -> float:
    discounts = 1.0 / np.log2(np.arange(2, rq.K + 2))
    ideal = np.sort(rel)[::-1][: rq.K]
    return float((2.0**ideal - 1) @ discounts[: len(ideal)])


def bayes_ndcg(pool: Pool, data: Labelled, posterior: np.ndarray, variant: str) -> np.ndarray:
    """(n_vacancies,) NDCG@10 of the expected-gain ranking (see the module docstring)."""
    truth = np.asarray([pool.at[o] for o in data.candidate_occupations])
    counts = np.bincount(truth, minlength=len(pool.uris))
    wanted = pool.usable & (counts >= 5) & (pool.n_essential >= 5)
    expected = posterior @ pool.gain.T  # (n_c, n_o): expected gain for a vacancy of each occupation
    out = []
    for i, occ in enumerate(data.vacancy_occupations):
        rel = pool.level[pool.at[occ], truth]
        if variant == "occupation":
            score = expected[:, pool.at[occ]]
        else:
            w = vacancy_posterior(pool, variant, data.vacancies[variant][i], wanted)
            top = np.flatnonzero(w > 1e-6)
            weights = np.asarray([w[v] / max(_idcg(pool.level[v, truth]), 1e-12) for v in top])
            score = expected[:, top] @ weights
        out.append(rq.ndcg(rel[rq._top(score)], rel))
    return np.asarray(out, dtype=np.float64)


def run(
    split: dict, families: Sequence[Family], *, n_candidates: int, n_vacancies: int, told: dict | None = None
) -> dict[str, dict[str, dict[str, np.ndarray]]]:
    """Per family, ranker ("idf-cosine", "bayes") and variant, (n_vacancies,) NDCG@10 on the data
    `benchmarks.ranking_quality.run` generates for the same split and sizes."""
    tax = load_taxonomy()
    hierarchy = Hierarchy(tax)
    occupations = rq.occupation_half(tax, split["half"])
    pool = Pool(tax, occupations)
    substitutions: dict[str, sp.csr_matrix] = {}
    results: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for fam in families:
        t = time.time()
        n = rq.pool_candidates(fam, n_candidates, len(occupations), tax.n_occupations)
        data = generate_family(
            tax,
            fam,
            occupations,
            n_candidates=n,
            n_vacancies=n_vacancies,
            seed=split["seed"],
            hierarchy=hierarchy,
        )
        rel = [
            pool.level[pool.at[o], [pool.at[c] for c in data.candidate_occupations]]
            for o in data.vacancy_occupations
        ]
        prepared = rq.Prepared(data, dict(data.vacancies), rel)
        idf = rq.idf_cosine_ranker(tax, prepared)
        seen = dataclasses.replace(fam, **(told or {}))
        sub = None
        if seen.substitute:
            if seen.substitute_rule not in substitutions:
                substitutions[seen.substitute_rule] = substitution_matrix(
                    tax, hierarchy, seen.substitute_rule
                )
            sub = substitutions[seen.substitute_rule]
        posterior = candidate_posterior(pool, seen, claimed_matrix(tax, data), sub)
        per: dict[str, dict[str, np.ndarray]] = {"idf-cosine": {}, "bayes": {}}
        for variant in VARIANTS:
            per["idf-cosine"][variant] = np.asarray(
                [rq.ndcg(r[idf(variant, i)], r) for i, r in enumerate(rel)], dtype=np.float64
            )
            per["bayes"][variant] = bayes_ndcg(pool, data, posterior, variant)
            base, best = per["idf-cosine"][variant], per["bayes"][variant]
            d, se = rq.paired(best, base)
            print(
                f"{fam.name:16s} {variant:10s} idf-cosine {base.mean():.3f} | bayes {best.mean():.3f} "
                f"({d:+.3f} ± {se:.3f}) | 1 - idf-cosine {1 - base.mean():.3f}",
                flush=True,
            )
        print(f"  ({time.time() - t:.0f}s)", flush=True)
        results[fam.name] = per
    return results


def main(argv: Sequence[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tune", action="store_true", help="tuning half and seed (default: report)")
    ap.add_argument("--families", default="partial-75,indep-1,indep-2")
    ap.add_argument("--candidates", type=int, default=20000)
    ap.add_argument("--vacancies", type=int, default=200)
    ap.add_argument("--told", default="", help="JSON: family fields the ranker is told instead")
    ap.add_argument("--json", default="", help="write per-vacancy NDCG@10 here")
    args = ap.parse_args(argv)
    names = args.families.split(",")
    modelled = [f for f in FAMILIES if f.name in names and f.history == "none" and not f.second_occupation]
    results = run(
        rq.TUNING if args.tune else rq.REPORT,
        modelled,
        n_candidates=args.candidates,
        n_vacancies=args.vacancies,
        told=json.loads(args.told) if args.told else None,
    )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    fam: {r: {v: a.tolist() for v, a in x.items()} for r, x in d.items()}
                    for fam, d in results.items()
                },
                f,
            )
    return results


if __name__ == "__main__":
    main()
