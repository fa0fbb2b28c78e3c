"""The 0-100 match score a recruiter reads, and the vacancy's occupation when the employer gave
none.

Ranking score (raw, in [0, 1]): the weighted sum of its parts, each in [0, 1]:

    raw = w_occ * occupation agreement + w_sim * skill similarity + w_rel * related skills

What the match score means: among candidates shown with match m, a candidate of the vacancy's
occupation, or of an occupation whose ESCO profile asks for every skill the vacancy asks for,
counts 50 plus 50 times the share of the vacancy's essential skills they hold, and any other 0;
the mean of that is about m (`benchmarks.ranking_quality.target`). So 100 reads "of the right
occupation holding every essential skill", 50 "of it holding none". The essential skills are the employer's accepted
ones, a named occupation's ESCO essential skills, or what a text was written from; the meaning is
the same whether the vacancy names an occupation, lists many skills, a few, or has only a title
and text (outside tester 14, P10: with "of the right occupation" alone, 3 / 88 essential skills of
a named occupation read 99.6 while 4 / 4 accepted skills read 74.5).

How: the raw score is first read as a share of the vacancy's ideal raw score (`scale_input`,
`query.ideal_score`: the best real candidate, certainly of the best-agreeing occupation, with
the skill similarity a full-coverage profile of that occupation reaches), when
`RankingParams.match_relative` says so (chosen on the tuning half), then turned into the
percentage by a monotone calibration (`MatchScale`: isotonic regression of the target on that
input, kept as piecewise-linear knots) fitted on the benchmark's tuning half, one per kind of
vacancy (`query.VACANCY_KINDS`: occupation given; more than five skills chosen; at most five;
title and text only, its occupation unsure; title and text read surely as one occupation), since
the scores of each kind run at their own heights; a text read surely as one occupation reads the
named occupation's scale, as its query is the named one's scaled and its ideal the same (since
session 32; outside tester 31, F12: its own scale read a cook graduate 47.7 on a text-only cook ad
and 23.2 on one naming the cook at the same share of the ideal). A candidate at the ideal reads 91-93 for a
vacancy given by an occupation, by skills or by a text read surely (the benchmark's rank-1
candidates at or above the ideal fit 91-93 % of the time, report half, session 23; before then a
surely read text shared the unsure text's scale and its complete candidates read 79-81, outside
tester T5) and 77-80 for a title and text whose occupation is unsure, which reads high: on the
report half about half of those candidates fit (the one kind whose meaning does not hold; README).
The occupation counts half because the raw score cannot tell skills outside the vacancy that
dilute the skill similarity from missing ones (`benchmarks.ranking_quality.OCCUPATION_SHARE`;
more of a skill the vacancy asks for never lowers it: `scoring.similarity`).
Within a vacancy the match strictly increases with raw, so it never reorders a shortlist (the
order stays that of raw) and equal matches (unrounded) mean equal raw scores; shown to one decimal,
neighbours closer than that read alike (outside tester 31, F11): the input is not capped at the
ideal, and above the scale's last knot the match rises on linearly towards 100 at a raw score of
1, which no candidate reaches (outside tester 17, P2/P3: capped, 2 / 3 and 3 / 3 essential skills
read 92.1 alike and a meeting's complete cooks all 93.5). What raw cannot tell, the match cannot
either: skills and past occupations outside the vacancy's own skills lower the similarity, so a
candidate holding every essential skill among many others reads lower (about 60 with ten noted
skills of other trades) than one holding them alone; the shortlist's essential skills held and
missing say which. docs/benchmarks.md shows the reliability table per vacancy variant.
Each part's points are its share of raw times the match score, so the parts add up to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class MatchScale:
    """match = piecewise-linear interpolation through the knots (raw[i], match[i]); strictly
    increasing everywhere, so equal matches mean equal raw scores (outside tester 17, P2/P3: the
    input was capped at the ideal and the top knot's match held above it, so 2 / 3 and 3 / 3
    essential skills both read 92.1 and a meeting's cooks at raw 0.847 ... 0.784 all 93.5):
    below the first knot linearly from (0, 0); above the last knot linearly on towards 100 at
    `ceiling`, the largest input a raw score can give (1 / ideal, or 1 on the raw score itself),
    which no candidate reaches (a raw score of 1 needs cosine 1, holding every skill the vacancy
    asks for, and related-skill credit, which counts only for missing ones), so 100 is never read.

    raw: increasing inputs >= 0 (the raw score or its share of the ideal); match: increasing 0-100
    values, one per knot. Fitted by `benchmarks.ranking_quality --tune` (isotonic regression of
    the target, fits the occupation x share of essential skills held, on the share of the ideal
    of every candidate in the engine's top 50 of each tuning vacancy, over quantile bins of it).
    Raises ValueError for knots that are not of that shape."""

    raw: tuple[float, ...]
    match: tuple[float, ...]

    def __post_init__(self) -> None:
        r, m = np.asarray(self.raw, dtype=np.float64), np.asarray(self.match, dtype=np.float64)
        if len(r) < 2 or r.shape != m.shape:
            raise ValueError("a match scale needs at least two knots, as many match values as raw ones")
        if np.any(np.diff(r) <= 0) or r[0] < 0:
            raise ValueError("the knots' raw scores must increase from 0 or more")
        if np.any(np.diff(m) <= 0) or m[0] < 0 or m[-1] >= 100:
            raise ValueError("the knots' match values must increase within [0, 100)")

    def __call__(self, raw: np.ndarray, ceiling: float = 1.0) -> np.ndarray:
        """(n,) float inputs >= 0 -> (n,) float64 match scores in [0, 100), strictly increasing in
        the input. `ceiling`: the input at which the line beyond the last knot reaches 100, at
        least 0.1 beyond that knot (a larger input, which no raw score gives, reads 99.9)."""
        x = np.asarray(raw, dtype=np.float64)
        r = np.asarray(self.raw, dtype=np.float64)
        m = np.asarray(self.match, dtype=np.float64)
        if r[0] > 0:
            r, m = np.concatenate([[0.0], r]), np.concatenate([[0.0], m])
        top = max(float(ceiling), r[-1] + 0.1)  # room above the last knot, whatever the ideal
        out = np.interp(x, r, m)
        above = x > r[-1]
        if np.any(above):
            out[above] = np.minimum(m[-1] + (100.0 - m[-1]) * (x[above] - r[-1]) / (top - r[-1]), 99.9)
        return out


def scale_input(raw: np.ndarray, ideal: float | None) -> np.ndarray:
    """What a match scale reads: the raw score (n,) itself when `ideal` is None, else the raw
    score as a share of the vacancy's ideal raw score (`query.ideal_score`), not capped (a
    candidate above the ideal reads above it; capped at 1 before session 17, outside tester 17,
    P2/P3), 0 when the ideal is 0: the vacancy gives nothing to match on."""
    raw = np.asarray(raw, dtype=np.float64)
    if ideal is None:
        return raw
    return raw / ideal if ideal > 0 else np.zeros_like(raw)


def scale_ceiling(ideal: float | None) -> float:
    """The input a raw score of 1 gives (`scale_input`): 1 / ideal, or 1 when the scale reads
    the raw score itself (or the ideal is 0)."""
    return 1.0 / ideal if ideal is not None and ideal > 0 else 1.0


def match_scores(raw: np.ndarray, scale: MatchScale, ideal: float | None = None) -> np.ndarray:
    """(n,) raw scores in [0, 1] -> (n,) match scores in [0, 100), strictly increasing in the raw
    score from 0.1 up; 0 for a raw score of 0 (no evidence, no match), at least 0.1 for any other
    (what the shortlist's one decimal can tell from none: a stored 0 reads "no match"; below 0.1
    the scale holds only candidates of other occupations with a sliver of shared evidence).
    `ideal`: the vacancy's ideal raw score when the scale reads shares of it (`scale_input`)."""
    raw = np.asarray(raw, dtype=np.float64)
    match = scale(scale_input(raw, ideal), scale_ceiling(ideal))
    return np.where(raw > 0, np.maximum(match, 0.1), 0.0)


def match_points(
    raw_parts: np.ndarray, scale: MatchScale, ideal: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(match, points): raw_parts (n, n_parts) float, the weighted parts of the raw score ->
    (n,) match scores in [0, 100) (`match_scores`) and (n, n_parts) points per part adding up to
    the match score (a candidate with a raw score of 0 gets 0, not the scale's floor).
    `ideal`: the vacancy's ideal raw score when the scale reads shares of it (`scale_input`)."""
    raw = raw_parts.sum(axis=1)
    match = match_scores(raw, scale, ideal)
    share = np.divide(
        raw_parts, raw[:, None], out=np.zeros_like(raw_parts, dtype=np.float64), where=raw[:, None] > 0
    )
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
