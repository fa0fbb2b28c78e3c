"""Calibrating a reproduction of the team's independent ranking benchmark (issue 11).

    python -m benchmarks.team_calibration gen OUT.json [--config JSON] ...   # generate data
    python benchmarks/team_calibration.py eval IN.json [IN.json ...]          # rank it

`gen` runs in this worktree (it needs `benchmarks.ranking_families`); `eval` imports only
`services.*` names that every engine version has (model, engine, params, reference), so it can
rank the same file with an older engine: ``PYTHONPATH=/path/to/old/worktree python
benchmarks/team_calibration.py eval data.json`` (run the file by path, not with -m).

Data file: the generator's settings, candidates as (true occupation, [[skill URI, level], ...])
and the vacancies' occupations. Three vacancy variants as the team's table: ``occupation``
(the occupation only), ``essential`` (all its essential skills, no occupation) and
``ess+opt`` (all essential and optional skills, no occupation). Relevance and NDCG@10 as
`benchmarks.ranking_quality` (3 / 2 / 1 for same occupation / ISCO unit / 2-digit group, gains
2^rel - 1, ideal order over the whole pool).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp

LEVELS = ("basic", "intermediate", "advanced", "expert")
LEVEL_TABLE = (0,) * 20 + (1,) * 45 + (2,) * 25 + (3,) * 10
DAY = date(2025, 1, 1)
VARIANTS = ("occupation", "essential", "ess+opt")

DEFAULT = {
    "pool": "all",  # "all" ESCO occupations | "half0" | "half1"
    "candidates": 5000,
    "vacancies": 200,
    "keep": [1 / 3, 0.5],  # uniform range of the kept share of essential skills
    "keep_optional": 0.0,
    "substitute": 0.2,  # share of kept skills replaced by a neighbour
    "rule": "sibling",  # sibling (any broader concept) | skill-parent | group-parent | cousin
    "noise": 2.0,  # mean number of unrelated skills
    "noise_dist": "poisson",  # poisson | uniform (0..2*noise)
    "vac_min_candidates": 5,
    "levels": "random",  # random (20/45/25/10% basic ... expert) | a fixed level for every claim
    "seed": 1101,
}


def generate(cfg: dict) -> dict:
    from benchmarks.ranking_families import Hierarchy
    from benchmarks.ranking_quality import occupation_half
    from services.matching.index.reference import load_taxonomy

    tax = load_taxonomy()
    h = Hierarchy(tax)
    if cfg["pool"] == "all":
        occupations = list(tax.occupation_uris)
    else:
        occupations = occupation_half(tax, int(cfg["pool"][-1]))
    rng = random.Random(json.dumps(cfg, sort_keys=True))
    skills_of = {o: tax.occupation_skills(o) for o in occupations}
    usable = [o for o in occupations if len(skills_of[o][0]) >= 3]
    used = np.unique(np.r_[tax.essential.indices, tax.optional.indices])
    noise_pool = [tax.skill_uris[j] for j in used]
    n_s = tax.n_skills

    def neighbour(j: int) -> int | None:
        rule = cfg["rule"]
        if rule == "cousin":
            return h.cousin(j, rng)
        parents = h.parents[j]
        if rule == "skill-parent":
            parents = parents[parents < n_s]
        elif rule == "group-parent":
            parents = parents[parents >= n_s]
        options = [s for p in parents for s in h.children[p] if s != j]
        return rng.choice(options) if options else None

    def level() -> str:
        drawn = LEVELS[LEVEL_TABLE[int(rng.random() * 100)]]
        return drawn if cfg["levels"] == "random" else cfg["levels"]

    cands: list[tuple[str, list[tuple[str, str]]]] = []
    for _ in range(cfg["candidates"]):
        occ = rng.choice(usable)
        essential, optional = skills_of[occ]
        keep = rng.uniform(*cfg["keep"])
        picks = [u for u in essential if rng.random() < keep] or [rng.choice(essential)]
        keep_opt = keep if cfg["keep_optional"] == "same" else cfg["keep_optional"]
        picks += [u for u in optional if rng.random() < keep_opt]
        claims: dict[str, str] = {}
        for uri in picks:
            if rng.random() < cfg["substitute"]:
                other = neighbour(tax.skill_index[uri])
                if other is not None:
                    uri = tax.skill_uris[other]
            claims.setdefault(uri, level())
        if cfg["noise_dist"] == "uniform":
            n_noise = rng.randint(0, round(2 * cfg["noise"]))
        else:
            n_noise = int(np.random.default_rng(rng.getrandbits(32)).poisson(cfg["noise"]))
        for uri in rng.sample(noise_pool, n_noise):
            claims.setdefault(uri, level())
        items = list(claims.items())
        rng.shuffle(items)
        cands.append((occ, items))
    counts: dict[str, int] = {}
    for o, _ in cands:
        counts[o] = counts.get(o, 0) + 1
    # the vacancies from their own stream: configs with the same seed share most of them
    vrng = random.Random(f"vacancies/{cfg['pool']}/{cfg['seed']}")
    vac: list[str] = []
    while len(vac) < cfg["vacancies"]:
        o = vrng.choice(usable)
        if counts.get(o, 0) >= cfg["vac_min_candidates"]:
            vac.append(o)
    return {"config": cfg, "candidates": cands, "vacancies": vac}


# -- evaluation: services.* only -----------------------------------------------------------------
def relevance(tax, vac_occ: str, cand_occs: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    isco = tax.occupation_isco(vac_occ) or ""
    out = np.zeros(len(cand_occs), dtype=np.int8)
    for i, occ in enumerate(cand_occs):
        code = tax.occupation_isco(occ) or ""
        out[i] = 3 if occ == vac_occ else 2 if code == isco else 1 if code[:2] == isco[:2] else 0
    return out


GAINS = "exp"  # "exp": 2^rel - 1 (as benchmarks.ranking_quality) | "lin": rel (sklearn's ndcg_score)


def ndcg(ranked: np.ndarray, rel: np.ndarray, k: int = 10, gains: str | None = None) -> float:
    disc = 1.0 / np.log2(np.arange(2, k + 2))
    top = ranked[:k].astype(np.float64)
    ideal = np.sort(rel)[::-1][:k].astype(np.float64)
    g = (lambda r: r) if (gains or GAINS) == "lin" else (lambda r: 2.0**r - 1)
    best = g(ideal) @ disc[: len(ideal)]
    return float((g(top) @ disc[: len(top)]) / best) if best > 0 else 0.0


def _top(scores: np.ndarray, k: int = 10) -> np.ndarray:
    top = np.argpartition(-scores, min(k, len(scores) - 1))[: k + 1]
    top = top[np.lexsort((top, -scores[top]))][:k]
    return top[scores[top] > 0]


def evaluate(path: str, rankers: list[str], params_json: str | None) -> dict:
    from sklearn.feature_extraction.text import TfidfTransformer

    from services.matching.index.domain.engine import MatchingEngine
    from services.matching.index.domain.model import Candidate, SkillClaim, Vacancy, VacancySkill
    from services.matching.index.domain.params import RankingParams
    from services.matching.index.reference import load_taxonomy

    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    tax = load_taxonomy()
    cand_occs = [o for o, _ in data["candidates"]]
    rels = [relevance(tax, o, cand_occs) for o in data["vacancies"]]
    rows, cols = [], []
    for i, (_, items) in enumerate(data["candidates"]):
        js = sorted({tax.skill_index[u] for u, _ in items})
        rows += [i] * len(js)
        cols += js
    x = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cand_occs), tax.n_skills))
    tfidf = TfidfTransformer().fit(x)
    cx = tfidf.transform(x).tocsc()

    def row(m, i):  # type: ignore[no-untyped-def]
        return m.indices[m.indptr[i] : m.indptr[i + 1]].tolist()

    def vac_sets(occ: str) -> dict[str, tuple[list[int], list[int]]]:
        o = tax.occupation_index[occ]
        ess, opt = row(tax.essential, o), row(tax.optional, o)
        return {"occupation": (ess, opt), "essential": (ess, []), "ess+opt": (ess, opt)}

    out: dict = {"config": data["config"], "n": len(cand_occs)}
    if {"idf-cosine", "idf-cosine-ess", "idf-binq"} & set(rankers):
        for name, with_opt in (("idf-cosine", True), ("idf-cosine-ess", False), ("idf-binq", True)):
            if name not in rankers:
                continue
            res: dict[str, list[float]] = {v: [] for v in VARIANTS}
            for occ, rel in zip(data["vacancies"], rels, strict=True):
                for v, (ess, opt) in vac_sets(occ).items():
                    js = sorted(set(ess) | (set(opt) if with_opt or v == "ess+opt" else set()))
                    q = sp.csr_matrix((np.ones(len(js)), ([0] * len(js), js)), shape=(1, tax.n_skills))
                    if name != "idf-binq":  # idf-binq: the query binary, only candidates IDF-weighted
                        q = tfidf.transform(q)
                    top = _top((cx @ q.T).toarray().ravel())
                    res[v].append(ndcg(rel[top], rel))
                    res.setdefault(v + "/lin", []).append(ndcg(rel[top], rel, gains="lin"))
            out[name] = res
    if "engine" in rankers:
        params = RankingParams(**json.loads(params_json)) if params_json else RankingParams()
        engine = MatchingEngine(tax, {"837": (61.4978, 23.7610)}, params, clock=lambda: DAY)
        cands = [
            Candidate(
                candidate_id=f"c{i:06d}",
                version=1,
                skills=tuple(SkillClaim(u, lv) for u, lv in items),
                experience=(),
                languages={"fi": "native"},
                municipality="837",
                max_commute_km=10_000.0,
                available_from=DAY,
                working_time="any",
                consented_orgs=frozenset(),
            )
            for i, (_, items) in enumerate(data["candidates"])
        ]
        engine.bulk_load(cands)
        base: dict[str, Any] = {
            "version": 1,
            "employer_org": "employer-x",
            "languages": {},
            "municipality": "837",
            "working_time": "any",
            "start_date": DAY,
        }
        res = {v: [] for v in VARIANTS}  # type: ignore[misc]
        for n, (occ, rel) in enumerate(zip(data["vacancies"], rels, strict=True)):
            for v, (ess, opt) in vac_sets(occ).items():
                if v == "occupation":
                    vac = Vacancy(
                        vacancy_id=f"v{n}",
                        title=tax.occupation_label(occ),
                        occupation_uri=occ,
                        skills=(),
                        **base,
                    )
                else:
                    skills = [VacancySkill(tax.skill_uris[j], True) for j in ess]
                    skills += [VacancySkill(tax.skill_uris[j], False) for j in opt]
                    vac = Vacancy(
                        vacancy_id=f"v{n}", title="", occupation_uri=None, skills=tuple(skills), **base
                    )
                entries = engine.shortlist(vac, k=10, viewer_org=None, today=DAY)
                at = np.asarray([int(e.candidate_id[1:]) for e in entries], dtype=np.int64)
                res[v].append(ndcg(rel[at], rel))
                res.setdefault(v + "/lin", []).append(ndcg(rel[at], rel, gains="lin"))
        out["engine"] = res
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("out")
    g.add_argument("--config", default="{}", help="JSON overriding DEFAULT")
    gr = sub.add_parser("grid", help="generate each config of a JSON list and rank it with IDF-cosine")
    gr.add_argument("configs", help='JSON list of {"name": ..., overrides}')
    gr.add_argument("--dir", default="/tmp/rk")
    e = sub.add_parser("eval")
    e.add_argument("files", nargs="+")
    e.add_argument("--rankers", default="idf-cosine,idf-cosine-ess,engine")
    e.add_argument("--params", help="JSON of RankingParams overrides for the engine")
    e.add_argument("--tag", default="")
    e.add_argument("--out", help="append JSON lines of per-vacancy results here")
    args = ap.parse_args(argv)
    if args.cmd == "gen":
        cfg = {**DEFAULT, **json.loads(args.config)}
        t = time.time()
        data = generate(cfg)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(data, f)
        print(f"{args.out}: {len(data['candidates'])} candidates in {time.time() - t:.0f}s", file=sys.stderr)
        return
    if args.cmd == "grid":
        for c in json.loads(args.configs):
            name = c.pop("name")
            path = f"{args.dir}/{name}.json"
            with open(path, "w", encoding="utf-8") as f:
                json.dump(generate({**DEFAULT, **c}), f)
            r = evaluate(path, ["idf-cosine", "idf-cosine-ess"], None)
            print(
                f"{name} {json.dumps(c)}: idf-cosine "
                + " / ".join(f"{np.mean(r['idf-cosine'][v]):.3f}" for v in VARIANTS)
                + f" | ess-only query {np.mean(r['idf-cosine-ess']['occupation']):.3f}"
                + " | lin "
                + " / ".join(f"{np.mean(r['idf-cosine'][v + '/lin']):.3f}" for v in VARIANTS),
                flush=True,
            )
        return
    for path in args.files:
        t = time.time()
        r = evaluate(path, args.rankers.split(","), args.params)
        cells = []
        for name in ("idf-cosine", "idf-cosine-ess", "idf-binq", "engine"):
            if name in r:
                cells.append(name + " " + " / ".join(f"{np.mean(r[name][v]):.3f}" for v in VARIANTS))
                cells.append("lin " + " / ".join(f"{np.mean(r[name][v + '/lin']):.3f}" for v in VARIANTS))
        print(f"{args.tag} {path}: " + " | ".join(cells) + f"  ({time.time() - t:.0f}s)", flush=True)
        if args.out:
            with open(args.out, "a", encoding="utf-8") as f:
                f.write(json.dumps({"tag": args.tag, "file": path, **r}) + "\n")


if __name__ == "__main__":
    main()
