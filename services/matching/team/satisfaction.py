"""Satisfaction figures for the weekly meeting and the API: ratings of referrals and path steps,
by week and by the organisation rated. Pure Python.

Ratings come from the profile service as figures only (``rating.recorded``: region, organisation
rated, what was rated, by whom — jobseeker or employer — the score and the ISO week). A mean or a
distribution of fewer than ``SMALL_CELL`` ratings is not shown (the count is): with so few, a rated
organisation could tell who gave which score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SMALL_CELL = 5


@dataclass(frozen=True, slots=True)
class RatingFact:
    rating_id: str
    region: str
    rated_org: str
    subject_kind: str  # referral | path_step
    rater: str  # jobseeker | employer
    score: int  # 1–5
    week: str  # ISO week, e.g. 2026-W48


@dataclass(frozen=True, slots=True)
class Figure:
    key: str  # a week, an organisation or a rater kind
    count: int
    mean: float | None  # None when count < SMALL_CELL
    distribution: list[int] | None = None  # ratings per score 1..5; None when count < SMALL_CELL

    @property
    def suppressed(self) -> bool:
        return self.count > 0 and self.mean is None


@dataclass(frozen=True, slots=True)
class Satisfaction:
    weeks: list[Figure]  # oldest first
    by_org: list[Figure]  # over all the weeks, most ratings first
    by_rater: list[Figure]  # jobseeker, employer
    by_subject: list[Figure]  # referral, path_step
    total: Figure
    small_cell: int = SMALL_CELL
    first_week: str = ""
    last_week: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def figure(key: str, scores: Sequence[int], small: int = SMALL_CELL) -> Figure:
    """Count, mean (2 decimals) and distribution of ``scores``; mean and distribution hidden under ``small``."""
    if len(scores) < small:
        return Figure(key, len(scores), None, None)
    return Figure(
        key, len(scores), round(sum(scores) / len(scores), 2), [scores.count(s) for s in range(1, 6)]
    )


def satisfaction(facts: Iterable[RatingFact], weeks: Sequence[str]) -> Satisfaction:
    """Figures for the ratings of ``weeks`` (ISO weeks, oldest first)."""
    wanted = set(weeks)
    kept = [f for f in facts if f.week in wanted]

    def group(key_of: object, keys: Sequence[str] | None = None) -> list[Figure]:
        buckets: dict[str, list[int]] = {k: [] for k in (keys or [])}
        for f in kept:
            buckets.setdefault(key_of(f), []).append(f.score)  # type: ignore[operator]
        return [figure(k, v) for k, v in buckets.items()]

    by_org = sorted(group(lambda f: f.rated_org), key=lambda g: (-g.count, g.key))
    return Satisfaction(
        weeks=group(lambda f: f.week, list(weeks)),
        by_org=by_org,
        by_rater=group(lambda f: f.rater, ["jobseeker", "employer"]),
        by_subject=group(lambda f: f.subject_kind, ["referral", "path_step"]),
        total=figure("all", [f.score for f in kept]),
        first_week=weeks[0] if weeks else "",
        last_week=weeks[-1] if weeks else "",
    )
