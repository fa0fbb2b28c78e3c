"""Does stated work history decide the occupation a person is read as? (issue 11 F5)

For every ESCO occupation o with at least 3 essential skills and a sibling s in its ISCO-08 unit
group: a person with one spell in o (by default six years ended last year; `--spells` adds the
outside tester's older and shorter ones, T26-7: four years ended 2025, three ended 2022, one ended
2020, one ended 2010; identity weight `vectors.experience_weight`) and two claims (level weights
0.8 / 1.0), drawn as

- ``shared``: two of o's essential skills that s's profile lists too (the tester's kind: the
  claims fit both, the smaller profile better);
- ``own``: two of o's essential skills;
- ``sibling-only``: two skills of s's profile that o's profile does not list.

Prints, per spell and kind, how often o is the most likely inferred occupation, its mean
probability and how often it is at least 0.5, and the tester's own profile. Seed 11 (the sibling
and the claims; the same people for every spell). Read in 2026.

    python -m benchmarks.history_decides [--spells 6:2025,4:2025,3:2022,1:2020,1:2010]
"""

from __future__ import annotations

import argparse
import random

import numpy as np
import scipy.sparse as sp

from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import build_skill_space, experience_weight
from services.matching.index.reference import load_taxonomy

KINDS = ("shared", "sibling-only", "own")
USE_WELDING_EQUIPMENT = "http://data.europa.eu/esco/skill/2ee57de4-bffd-4194-b009-0060edec77cc"
MAG_WELDING = "http://data.europa.eu/esco/skill/60ff3eac-7d4d-4e51-87b8-74c3b5d62498"


def _row(m: sp.csr_matrix, o: int) -> set[int]:
    return set(m.indices[m.indptr[o] : m.indptr[o + 1]].tolist())


def main(seed: int = 11, spells: tuple[tuple[float, int | None], ...] = ((6.0, 2025),)) -> None:
    esco = load_taxonomy()
    space = build_skill_space(esco, RankingParams())
    for years, ended in spells:
        w = experience_weight(years, ended, 2026, RankingParams())
        print(f"spell: {years:g} years, ended {ended or 'no'}: identity weight {w:.3f}")
        _one(esco, space, seed, w)


def _one(esco, space, seed: int, w: float) -> None:  # type: ignore[no-untyped-def]
    model, prof = space.occupations, space.occupations._profiles()
    n_s, n_o = esco.n_skills, esco.n_occupations
    rng = random.Random(seed)
    rows, truth, kinds = [], [], []
    for o in range(n_o):
        own = _row(esco.essential, o)
        if prof.unit[o] < 0 or len(own) < 3:
            continue
        siblings = [int(s) for s in np.flatnonzero(prof.unit == prof.unit[o]) if s != o]
        if not siblings:
            continue
        s = rng.choice(siblings)
        theirs = _row(esco.essential, s) | _row(esco.optional, s)
        pools = (sorted(own & theirs), sorted(theirs - own - _row(esco.optional, o)), sorted(own))
        for kind, pool in zip(KINDS, pools, strict=True):
            if len(pool) < 2:
                continue
            x = np.zeros(n_s + n_o)
            for j in rng.sample(pool, 2):
                x[j] = rng.choice([0.8, 1.0])
            x[n_s + o] = w
            rows.append(x)
            truth.append(o)
            kinds.append(kind)
    occ, prob = model.predict_top(sp.csr_matrix(np.array(rows)), 3)
    y, k_of = np.array(truth), np.array(kinds)
    for kind in KINDS:
        k = k_of == kind
        p = np.where(occ[k] == y[k][:, None], prob[k], 0.0).sum(axis=1)
        print(
            f"{kind:13s} people {int(k.sum()):5d}  top-1 {float((occ[k, 0] == y[k]).mean()):.3f}  "
            f"mean P {float(p.mean()):.3f}  P >= 0.5 {float((p >= 0.5).mean()):.3f}"
        )
    en = esco.tables.occupation_labels["en"]
    x = np.zeros(n_s + n_o)
    x[esco.skill_index[USE_WELDING_EQUIPMENT]] = 1.0
    x[esco.skill_index[MAG_WELDING]] = 0.8
    x[n_s + en.index("welder")] = w
    o_top, p_top = model.predict_top(sp.csr_matrix(x), 3)
    print("tester:", ", ".join(f"{en[i]} {float(q):.3f}" for i, q in zip(o_top[0], p_top[0], strict=True)))


def _spell(text: str) -> tuple[float, int | None]:
    years, _, ended = text.partition(":")
    return float(years), (int(ended) if ended and ended != "current" else None)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spells", default="6:2025", help="years:ended_year (or years:current), comma-separated")
    args = ap.parse_args()
    main(spells=tuple(_spell(t) for t in args.spells.split(",")))
