"""Does a ranking change keep the installed match scales calibrated? Two tuning runs of the same seed, paired.

    python -m benchmarks.ranking_quality --tune --rankers engine --candidates 20000 --vacancies 100 --json before.json
    (the same on the changed code) --json after.json
    python -m benchmarks.scale_guard before.json after.json [--refit occupation]

Both runs must come from the same seed and sizes, so vacancy *i* is the same generated vacancy in both (checked
by variant). Prints the expected calibration error (ECE, points, `ranking_quality.ece`) of the installed scales
(`RankingParams.match_scales`) per benchmark variant, before and after, with bootstrap standard errors over
vacancies (of each ECE and of the paired difference); then the same per noise family, so a rise can be traced to
the family whose candidates the change reads differently. With ``--refit KIND``, the after run's pairs of that
kind refitted as the calibration refits do (`ranking_quality.fit_scale` on the input capped at the ideal,
`calibration_refit.capped`), read on the after pairs in-sample and cross-fitted (two folds of vacancies by
position, each read by the scale fitted on the other), with what the refit reads at the ideal
(`calibration_refit.at_ideal`) beside the installed scale's. The refit scale replaces the kind's and every kind
reading the same installed scale (text-read reads the occupation's, session 32). Nothing here reads the report
half (outside tester 34, F2; session 35, helper `outside35`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence

import numpy as np

from benchmarks.calibration_refit import at_ideal, capped, installed_scales, load_pairs
from benchmarks.ranking_quality import Pairs, ece, fit_scale, match_of
from services.matching.index.domain.match_score import MatchScale
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS

BOOTSTRAP = 200  # resamples of vacancies for the standard errors
VARIANTS = ("occupation", "skills", "sparse", "text")


def families_of(path: str, n_pairs: int) -> list[str]:
    """The noise family of each of a run's `n_pairs` calibration pairs: the run writes them family by family,
    in the order of its `results`, the same number per family."""
    with open(path, encoding="utf-8") as f:
        names = list(json.load(f)["results"])
    per = n_pairs // len(names)
    return [names[i // per] for i in range(n_pairs)]


def paired_ece(
    matches: Sequence[Sequence[np.ndarray]], runs: Sequence[Sequence[Pairs]], idx: Sequence[int], seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """ECE of each reading over the vacancies `idx` and its bootstrap draws.

    matches: per reading, (vacancies,) arrays of each vacancy's top-50 match scores (0-100); runs: per reading,
    the pairs they read (their `fit`, the target in [0, 1]). Returns (readings,) ECEs in points and
    (BOOTSTRAP, readings) draws over vacancies resampled alike for every reading (for paired differences)."""

    def at(sample: Sequence[int]) -> list[float]:
        return [
            ece(np.concatenate([m[i] for i in sample]), np.concatenate([r[i].fit for i in sample]))
            for m, r in zip(matches, runs, strict=True)
        ]

    rng = np.random.default_rng(seed)
    draws = [at([idx[j] for j in rng.integers(0, len(idx), len(idx))]) for _ in range(BOOTSTRAP)]
    return np.asarray(at(idx)), np.asarray(draws)


def refit_kind(pairs: Sequence[Pairs], kind: str) -> MatchScale:
    """The kind's scale fitted on `pairs` of that kind, input capped at the ideal."""
    return fit_scale([capped(x) for x in pairs if x.kind == kind], True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", help="ranking_quality --tune --json output of the code before")
    parser.add_argument("after", help="the same run on the changed code")
    parser.add_argument(
        "--refit", default="", help="a kind of vacancy whose scale to refit on the after pairs"
    )
    args = parser.parse_args(argv)
    params = RankingParams()
    installed = installed_scales(params, VACANCY_KINDS)
    before, after = (load_pairs(p, params.inferred_profile_probability) for p in (args.before, args.after))
    if len(before) != len(after) or any(a.variant != b.variant for a, b in zip(before, after, strict=True)):
        raise SystemExit("the runs' vacancies differ: run both with the same seed, sizes and families")
    family = families_of(args.after, len(after))

    def read(pairs: Sequence[Pairs], scales_of: Callable[[int], dict[str, MatchScale]]) -> list[np.ndarray]:
        return [match_of([x], scales_of(i), True) for i, x in enumerate(pairs)]

    readings = [read(before, lambda i: installed), read(after, lambda i: installed)]
    runs: list[Sequence[Pairs]] = [before, after]
    names = ["before, installed", "after, installed"]
    if args.refit:
        old = installed[args.refit]
        same = [k for k in VACANCY_KINDS if (installed[k].raw, installed[k].match) == (old.raw, old.match)]
        whole = refit_kind(after, args.refit)
        folds = [refit_kind(after[1 - k :: 2], args.refit) for k in (0, 1)]
        readings += [
            read(after, lambda i: installed | dict.fromkeys(same, whole)),
            read(after, lambda i: installed | dict.fromkeys(same, folds[i % 2])),
        ]
        runs += [after, after]
        names += [f"after, {args.refit} refit in-sample", "cross-fitted"]
        print(f"refit {args.refit} (read by {', '.join(same)}): knots {whole.raw} {whole.match}")
        print(f"at the ideal: refit {at_ideal(whole):.1f}, installed {at_ideal(installed[args.refit]):.1f}\n")
    print(
        "| vacancies | n | "
        + " | ".join(names)
        + " | "
        + " | ".join(f"{n} - before" for n in names[1:])
        + " |"
    )
    print("|---|---|" + "---|" * (2 * len(names) - 1))
    groups: list[tuple[str, list[int]]] = [
        (f"variant {v}", [i for i, x in enumerate(after) if x.variant == v]) for v in VARIANTS
    ]
    for name in dict.fromkeys(family):
        for v in VARIANTS:
            idx = [i for i, x in enumerate(after) if x.variant == v and family[i] == name]
            groups.append((f"{name}, {v}", idx))
    for label, idx in groups:
        if not idx:
            continue
        e, draws = paired_ece(readings, runs, idx, seed=35)
        se = draws.std(axis=0, ddof=1)
        cells = [f"{e[j]:.2f} ± {se[j]:.2f}" for j in range(len(names))]
        diffs = [
            f"{e[j] - e[0]:+.2f} ± {(draws[:, j] - draws[:, 0]).std(ddof=1):.2f}"
            for j in range(1, len(names))
        ]
        print(f"| {label} | {len(idx)} | " + " | ".join(cells + diffs) + " |")


if __name__ == "__main__":
    main()
