"""One match scale for two kinds of vacancy? Cross-fitted calibration error on a tuning run's pairs alone.

    python -m benchmarks.ranking_quality --tune --rankers engine --candidates 20000 --vacancies 100 --json tune.json
    python -m benchmarks.scale_kinds tune.json [--capped] [--joint occupation,text-read]

Prints, per kind of vacancy (`query.VACANCY_KINDS`), the expected calibration error (points,
`ranking_quality.ece`) of: the installed scales (`RankingParams.match_scales`); the installed scales with
the joint kinds all reading the first one's; scales refitted per kind; and the joint kinds refitted as one
scale on their pooled pairs. Refits are cross-fitted: two folds of the run's vacancies (by position), each
fold read by scales fitted on the other, so no figure is read on pairs its scale was fitted on; the installed
scales were fitted on an earlier tuning run. Then the joint refit's knots on every pair and what it reads at
the ideal. Nothing here reads the report half (outside tester 31, F12; session 32).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

import numpy as np

from benchmarks.calibration_refit import at_ideal, capped, installed_scales, load_pairs
from benchmarks.ranking_quality import Pairs, ece, fit_scale, match_of
from services.matching.index.domain.match_score import MatchScale
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS


def refit(
    pairs: Sequence[Pairs], kinds: Sequence[str], joint: Sequence[str], cap: bool
) -> dict[str, MatchScale]:
    """A scale per kind fitted on `pairs` (capped at the ideal when `cap`); the `joint` kinds share
    one fitted on their pooled pairs (none: each its own)."""
    train = [capped(x) for x in pairs] if cap else list(pairs)
    out = {k: fit_scale([x for x in train if x.kind == k], True) for k in kinds}
    if joint:
        one = fit_scale([x for x in train if x.kind in joint], True)
        out.update(dict.fromkeys(joint, one))
    return out


def cross_fitted(
    pairs: Sequence[Pairs], kinds: Sequence[str], joint: Sequence[str], scales_for: Callable[[int], dict]
) -> dict[str, float]:
    """ECE per kind, of the joint kinds together and of all, each fold read by `scales_for(fold)`."""
    ms, fs, ks = [], [], []
    for k in (0, 1):
        test = list(pairs[k::2])
        ms.append(match_of(test, scales_for(k), True))
        fs.append(np.concatenate([x.fit for x in test]))
        ks.append(np.concatenate([[x.kind] * len(x.raw) for x in test]))
    m, f, kk = (np.concatenate(a) for a in (ms, fs, ks))
    out = {k: ece(m[kk == k], f[kk == k]) for k in kinds}
    both = np.isin(kk, list(joint))
    return out | {"+".join(joint): ece(m[both], f[both]), "all": ece(m, f)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tune", help="ranking_quality --tune --json output")
    parser.add_argument("--capped", action="store_true", help="fit on the input capped at the ideal")
    parser.add_argument("--joint", default="occupation,text-read", help="kinds to read one scale")
    args = parser.parse_args(argv)
    params = RankingParams()
    pairs = load_pairs(args.tune, params.inferred_profile_probability)
    kinds = [k for k in VACANCY_KINDS if any(x.kind == k for x in pairs)]
    joint = [k for k in args.joint.split(",") if k in kinds]
    installed = installed_scales(params, kinds)
    folds = [pairs[0::2], pairs[1::2]]
    rows = {
        "installed": lambda k: installed,
        f"installed, {'/'.join(joint)} read {joint[0]}'s": lambda k: (
            installed | dict.fromkeys(joint, installed[joint[0]])
        ),
        "refit per kind": lambda k: refit(folds[1 - k], kinds, (), args.capped),
        "refit, joint kinds as one": lambda k: refit(folds[1 - k], kinds, joint, args.capped),
    }
    print("vacancies per kind:", {k: sum(x.kind == k for x in pairs) for k in kinds})
    print("| scales | " + " | ".join([*kinds, "+".join(joint), "all"]) + " |")
    print("|---|" + "---|" * (len(kinds) + 2))
    for name, scales_for in rows.items():
        e = cross_fitted(pairs, kinds, joint, scales_for)
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in e.values()) + " |")
    one = refit(pairs, kinds, joint, args.capped)[joint[0]]
    print(f"\njoint refit on every pair: knots {one.raw} {one.match}; at the ideal {at_ideal(one):.1f}")
    for k in joint:
        print(f"installed {k} at the ideal {at_ideal(installed[k]):.1f}")


if __name__ == "__main__":
    main()
