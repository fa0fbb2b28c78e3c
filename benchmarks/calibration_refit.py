"""Refit the 0-100 match scales on a tuning run's calibration pairs and judge them on a report run's.

    python -m benchmarks.ranking_quality --tune --rankers engine --candidates 20000 --vacancies 100 --json tune.json
    python -m benchmarks.ranking_quality --rankers engine --candidates 20000 --vacancies 100 --json report.json
    python -m benchmarks.calibration_refit tune.json report.json

Fits one scale per kind of vacancy (`query.VACANCY_KINDS`) on the tuning pairs (`ranking_quality.fit_scale`,
input: share of the ideal), then prints, on the report pairs, the expected calibration error (ECE, points,
`ranking_quality.ece`) per benchmark variant and per kind for the installed scales (`RankingParams.match_scales`)
and the refit, with bootstrap standard errors over vacancies (of each ECE and of the paired difference), and the
refit's knots. A pair's kind is the engine's, except that a text vacancy whose occupation distribution's largest
probability reaches `RankingParams.inferred_profile_probability` is "text-read" (what `query.vacancy_query` calls
it since session 23; runs written before that call it "text" and record that probability as `certainty`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import numpy as np

from benchmarks.ranking_families import VARIANTS
from benchmarks.ranking_quality import Pairs, ece, fit_scale, match_of
from services.matching.index.domain.match_score import MatchScale
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS

BOOTSTRAP = 200  # resamples of vacancies for the standard errors


def load_pairs(path: str, sure: float) -> list[Pairs]:
    """The calibration pairs of a `ranking_quality --json` file; kind "text" with certainty >= `sure`
    becomes "text-read"."""
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["calibration_pairs"]
    out = []
    for row in rows:
        variant, kind, raw, ideal, fit, same, occ = row[:7]
        certainty = float(row[7]) if len(row) > 7 else 0.0
        if kind == "text" and certainty >= sure:
            kind = "text-read"
        out.append(
            Pairs(
                variant,
                kind,
                np.asarray(raw, np.float64),
                float(ideal),
                np.asarray(fit, np.float64),
                np.asarray(same, bool),
                None if occ is None else np.asarray(occ, np.float64),
                certainty,
            )
        )
    return out


def installed_scales(params: RankingParams, kinds: Sequence[str]) -> dict[str, MatchScale]:
    """The scales in `params` by kind; a kind without its own reads the "text" one (as before session 23)."""
    scales = {k: MatchScale(*s) for k, s in zip(VACANCY_KINDS, params.match_scales, strict=False)}
    return {k: scales.get(k, scales["text"]) for k in kinds}


def ece_with_se(
    pairs: Sequence[Pairs], a: dict[str, MatchScale], b: dict[str, MatchScale], rng: np.random.Generator
) -> tuple[float, float, float, float, float]:
    """(ECE a, its s.e., ECE b, its s.e., s.e. of b - a): bootstrap over the pairs' vacancies."""
    ma = [match_of([x], a, True) for x in pairs]
    mb = [match_of([x], b, True) for x in pairs]
    fit = [x.fit for x in pairs]

    def both(idx: np.ndarray) -> tuple[float, float]:
        f = np.concatenate([fit[i] for i in idx])
        return ece(np.concatenate([ma[i] for i in idx]), f), ece(np.concatenate([mb[i] for i in idx]), f)

    ea, eb = both(np.arange(len(pairs)))
    draws = np.asarray([both(rng.integers(0, len(pairs), len(pairs))) for _ in range(BOOTSTRAP)])
    return (
        ea,
        float(draws[:, 0].std(ddof=1)),
        eb,
        float(draws[:, 1].std(ddof=1)),
        float((draws[:, 1] - draws[:, 0]).std(ddof=1)),
    )


def capped(x: Pairs) -> Pairs:
    """The pairs with raw scores above the vacancy's ideal read at the ideal."""
    return Pairs(
        x.variant, x.kind, np.minimum(x.raw, x.ideal), x.ideal, x.fit, x.same, x.occupation_fit, x.certainty
    )


def at_ideal(scale: MatchScale, ceiling: float = 1.25) -> float:
    """The match at the ideal (input 1) of a vacancy whose ideal raw score is 1 / `ceiling` (0.8)."""
    return float(scale(np.asarray([1.0]), ceiling)[0])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tune", help="ranking_quality --tune --json output")
    parser.add_argument("report", help="ranking_quality --json output (report half)")
    parser.add_argument(
        "--keep",
        default="",
        help="comma-separated kinds whose installed scale the refit keeps (not refitted)",
    )
    parser.add_argument(
        "--capped",
        action="store_true",
        help="fit on the input capped at the ideal (as the installed scales were, session 17: top knot at 1, "
        "then the line on towards 100); read on the uncapped input either way",
    )
    args = parser.parse_args(argv)
    params = RankingParams()
    sure = params.inferred_profile_probability
    tune, report = load_pairs(args.tune, sure), load_pairs(args.report, sure)
    kinds = [k for k in VACANCY_KINDS if any(x.kind == k for x in tune)]
    fitting = [capped(x) for x in tune] if args.capped else tune
    old = installed_scales(params, kinds)
    keep = set(filter(None, args.keep.split(",")))
    refit = {k: old[k] if k in keep else fit_scale([x for x in fitting if x.kind == k], True) for k in kinds}
    rng = np.random.default_rng(23)
    print("| pairs of | vacancies | ECE installed (s.e.) | ECE refit (s.e.) | difference (s.e.) |")
    print("|---|---|---|---|---|")
    groups = [(f"variant {v}", [x for x in report if x.variant == v]) for v in VARIANTS]
    groups += [(f"kind {k}", [x for x in report if x.kind == k]) for k in kinds]
    groups += [("all", report)]
    for name, mine in groups:
        if not mine:
            continue
        ea, sa, eb, sb, sd = ece_with_se(mine, old, refit, rng)
        print(
            f"| {name} | {len(mine)} | {ea:.2f} ({sa:.2f}) | {eb:.2f} ({sb:.2f}) | {eb - ea:+.2f} ({sd:.2f}) |"
        )
    print()
    for k in kinds:
        mine = [x for x in report if x.kind == k]
        fit = np.concatenate([x.fit for x in mine]) if mine else np.zeros(0)
        top = [x for x in mine if len(x.raw) and x.ideal > 0 and x.raw[0] >= x.ideal]
        top_fit = np.mean([x.fit[0] for x in top]) if top else float("nan")
        print(
            f"{k}: at the ideal installed {at_ideal(old[k]):.1f}, refit {at_ideal(refit[k]):.1f}; report mean "
            f"match installed {match_of(mine, old, True).mean():.1f} / refit {match_of(mine, refit, True).mean():.1f}"
            f" / target {100 * fit.mean():.1f}; report rank 1 at or above its ideal: {len(top)}, target "
            f"{100 * top_fit:.1f}"
        )
    print("\nrefit knots (" + ", ".join(kinds) + "):")
    print(tuple((refit[k].raw, refit[k].match) for k in kinds))


if __name__ == "__main__":
    main()
