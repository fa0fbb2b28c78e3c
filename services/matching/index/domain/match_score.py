"""The 0-100 match score a recruiter reads, and the vacancy's occupation when the employer gave
none.

Ranking score (raw, in [0, 1]): the weighted sum of its parts, each in [0, 1]:

    raw = w_occ * occupation agreement + w_sim * skill similarity + w_rel * related skills

The match score turns raw into the chance, in percent, that a candidate with this raw score is
of the vacancy's occupation, by a monotone calibration fitted on the benchmark's tuning half
(`MatchScale`: isotonic regression of "same occupation" on the engine's raw score, kept as
piecewise-linear knots), one per kind of vacancy (occupation given; skills chosen without an
occupation; title and text only), because raw scores run higher when the occupation is given.
Within a vacancy it never decreases as raw grows, so it never reorders a shortlist (the order
stays that of raw); across vacancies a given match score means the same chance
(docs/benchmarks.md shows the reliability table). Each part's points are its share of raw times
the match score, so the parts add up to the match score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class MatchScale:
    """match = piecewise-linear interpolation through the knots (raw[i], match[i]); raw below the
    first knot or above the last gets that knot's match.

    raw: increasing raw scores in [0, 1]; match: non-decreasing 0-100 values, one per knot.
    Fitted by `benchmarks.ranking_quality --tune` (isotonic regression of "same occupation" on
    the raw score of every candidate in the engine's top 50 of each tuning vacancy, over quantile
    bins of the raw score). Raises ValueError for knots that are not of that shape."""

    raw: tuple[float, ...]
    match: tuple[float, ...]

    def __post_init__(self) -> None:
        r, m = np.asarray(self.raw, dtype=np.float64), np.asarray(self.match, dtype=np.float64)
        if len(r) < 2 or r.shape != m.shape:
            raise ValueError("a match scale needs at least two knots, as many match values as raw ones")
        if np.any(np.diff(r) <= 0) or r[0] < 0 or r[-1] > 1:
            raise ValueError("the knots' raw scores must increase within [0, 1]")
        if np.any(np.diff(m) < 0) or m[0] < 0 or m[-1] > 100:
            raise ValueError("the knots' match values must not decrease and lie within [0, 100]")

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        """(n,) float raw scores -> (n,) float64 match scores in [0, 100]."""
        return np.interp(np.asarray(raw, dtype=np.float64), self.raw, self.match)


def match_points(raw_parts: np.ndarray, scale: MatchScale) -> tuple[np.ndarray, np.ndarray]:
    """(match, points): raw_parts (n, n_parts) float, the weighted parts of the raw score ->
    (n,) match scores in [0, 100] and (n, n_parts) points per part adding up to the match score
    (a candidate with a raw score of 0 gets 0, not the scale's floor: no evidence, no match)."""
    raw = raw_parts.sum(axis=1)
    match = scale(raw)
    share = np.divide(
        raw_parts, raw[:, None], out=np.zeros_like(raw_parts, dtype=np.float64), where=raw[:, None] > 0
    )
    match = np.where(raw > 0, match, 0.0)
    return match, share * match[:, None]


def title_index(taxonomy: Taxonomy) -> dict[str, tuple[int, ...]]:
    """Casefolded preferred and alternative occupation labels (English, Finnish, Swedish) ->
    occupation positions; what an employer's job title may name."""
    out: dict[str, list[int]] = {}
    t = taxonomy.tables
    for lang in ("en", "fi", "sv"):
        labels, alts = t.occupation_labels.get(lang, []), t.occupation_alt_labels.get(lang, [])
        for o, pref in enumerate(labels):
            for label in (pref, *(alts[o] if o < len(alts) else ())):
                if label:
                    out.setdefault(label.strip().casefold(), []).append(o)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def title_occupations(title: str, index: Mapping[str, Sequence[int]]) -> tuple[int, ...]:
    """Occupations whose label is exactly the title (case and spacing aside); positions, empty
    when none. Deliberately no fuzzy matching: a wrong occupation costs more than none, since
    skills still infer one."""
    return tuple(index.get(" ".join(title.split()).casefold(), ()))
