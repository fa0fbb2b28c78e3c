"""The 0-100 match score a recruiter reads, and the vacancy's occupation when the employer gave
none.

Ranking score (raw, in [0, 1]): the weighted sum of its parts, each in [0, 1]:

    raw = w_occ * occupation agreement + w_sim * skill similarity + w_rel * related skills

The match score turns raw into the chance, in percent, that a candidate with this raw score is
of the vacancy's occupation, by a logistic calibration fitted on the benchmark's tuning half
(`MatchScale`), one per kind of vacancy (occupation given; skills chosen without an occupation;
title and text only), because raw scores run higher when the occupation is given. Within a
vacancy it is strictly increasing in raw, so it never reorders a shortlist; across vacancies a
given match score means the same chance (docs/benchmarks.md shows the reliability table). Each part's points are its share of raw times the match score, so
the parts add up to the match score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class MatchScale:
    """match = 100 / (1 + exp(-(slope * raw + intercept))), raw in [0, 1].

    Fitted by `benchmarks.ranking_quality --tune` (logistic regression of "same occupation" on
    the raw score of every candidate in the top 50 of each tuning vacancy)."""

    slope: float
    intercept: float

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        """(n,) float64 raw scores -> (n,) float64 match scores in (0, 100)."""
        return 100.0 / (1.0 + np.exp(-(self.slope * np.asarray(raw, dtype=np.float64) + self.intercept)))


def match_points(raw_parts: np.ndarray, scale: MatchScale) -> tuple[np.ndarray, np.ndarray]:
    """(match, points): raw_parts (n, n_parts) float, the weighted parts of the raw score ->
    (n,) match scores in (0, 100) and (n, n_parts) points per part adding up to the match score
    (a candidate with a raw score of 0 gets the scale's floor, all of it in no part: points 0)."""
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
