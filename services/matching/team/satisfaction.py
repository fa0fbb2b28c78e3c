"""Satisfaction figures for the weekly meeting and the API: ratings of referrals and path steps,
by week and by the organisation rated. Pure Python.

Ratings come from the profile service as figures only (``rating.recorded``: region, organisation
rated, what was rated, by whom — jobseeker or employer — the score and the ISO week). A mean or a
distribution of fewer than ``SMALL_CELL`` ratings is not shown (the count is): with so few, a rated
organisation could tell who gave which score. Nor is one that would give such a figure away by
difference with the total (complementary suppression, ``protected``).
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


def protected(
    members: Sequence[tuple[str, Sequence[int]]], small: int = SMALL_CELL
) -> tuple[list[Figure], bool]:
    """The figures of a partition of the shown total's ratings, with complementary suppression: the
    ratings hidden together must number at least ``small`` (else, with the total shown, they would be
    the total minus the shown ones: an outside tester read one jobseeker's rating of an agency off
    that way), so the smallest shown members are hidden too. Returns the figures and whether the
    total's mean and distribution must be hidden as well (nothing left to hide with)."""
    counts = {k: len(v) for k, v in members}
    hidden = {k for k, n in counts.items() if 0 < n < small}
    while hidden and sum(counts[k] for k in hidden) < small:
        shown = sorted((n, k) for k, n in counts.items() if n > 0 and k not in hidden)
        if not shown:
            break
        hidden.add(shown[0][1])
    hide_total = bool(hidden) and sum(counts[k] for k in hidden) < small
    figures = [Figure(k, len(v), None, None) if k in hidden else figure(k, v, small) for k, v in members]
    return figures, hide_total


def satisfaction(facts: Iterable[RatingFact], weeks: Sequence[str]) -> Satisfaction:
    """Figures for the ratings of ``weeks`` (ISO weeks, oldest first); every grouping (weeks,
    organisations, raters, subjects) is protected against differencing with the total (``protected``)."""
    wanted = set(weeks)
    kept = [f for f in facts if f.week in wanted]
    hide_total = False

    def group(key_of: object, keys: Sequence[str] | None = None) -> list[Figure]:
        nonlocal hide_total
        buckets: dict[str, list[int]] = {k: [] for k in (keys or [])}
        for f in kept:
            buckets.setdefault(key_of(f), []).append(f.score)  # type: ignore[operator]
        figures, hide = protected(list(buckets.items()))
        hide_total = hide_total or hide
        return figures

    by_org = sorted(group(lambda f: f.rated_org), key=lambda g: (-g.count, g.key))
    weekly = group(lambda f: f.week, list(weeks))
    by_rater = group(lambda f: f.rater, ["jobseeker", "employer"])
    by_subject = group(lambda f: f.subject_kind, ["referral", "path_step"])
    scores = [f.score for f in kept]
    return Satisfaction(
        weeks=weekly,
        by_org=by_org,
        by_rater=by_rater,
        by_subject=by_subject,
        total=Figure("all", len(scores), None, None) if hide_total else figure("all", scores),
        first_week=weeks[0] if weeks else "",
        last_week=weeks[-1] if weeks else "",
    )
