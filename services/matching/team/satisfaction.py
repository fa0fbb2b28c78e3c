"""Satisfaction figures for the weekly meeting and the API: ratings of referrals and path steps,
by week and by the organisation rated. Pure Python.

Ratings come from the profile service as figures only (``rating.recorded``: region, organisation
rated, what was rated, by whom — jobseeker or employer — the score and the ISO week). Figures are
released **per ISO week**: a mean or a distribution of fewer than ``SMALL_CELL`` ratings of one week
is not shown (the count is), nor one that would give such a figure away by difference with the
week's total (complementary suppression, ``protected``). A figure over several weeks adds up only
the weekly figures that were shown (``counted`` says how many ratings its mean covers): it is then
a function of what each week released, so comparing two periods (six weeks to W and six weeks to
W + 1, or 1 against 2 weeks) tells nothing a single week did not — with means over all of a
period's ratings, two periods differing by one rating gave that rating away (an outside tester).
A week's mean and distribution are released once the week has ended (``open_from``): until then
only its counts are shown, since re-reading the open week before and after one referral's rating
showed that rating (an outside tester).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    mean: float | None  # None when no shown weekly figure is behind it
    distribution: list[int] | None = None  # ratings per score 1..5; None with the mean
    counted: int | None = None  # ratings the mean covers (None: all ``count``, or no mean)

    @property
    def suppressed(self) -> bool:
        return self.count > 0 and self.mean is None

    @property
    def partial(self) -> bool:
        """The mean covers only some of the ratings (weeks whose figure was not shown are left out)."""
        return self.mean is not None and self.counted is not None and self.counted < self.count


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


def over_weeks(key: str, weekly: Sequence[Figure]) -> Figure:
    """One figure over several weeks from the weekly figures of the same group: every rating counts,
    the mean and distribution add up the shown weekly figures only (``counted`` ratings)."""
    count = sum(f.count for f in weekly)
    shown = [f.distribution for f in weekly if f.distribution is not None]
    if not shown:
        return Figure(key, count, None, None)
    distribution = [sum(d[i] for d in shown) for i in range(5)]
    counted = sum(distribution)
    mean = round(sum((i + 1) * n for i, n in enumerate(distribution)) / counted, 2)
    return Figure(key, count, mean, distribution, counted if counted < count else None)


def satisfaction(
    facts: Iterable[RatingFact], weeks: Sequence[str], open_from: str | None = None
) -> Satisfaction:
    """Figures for the ratings of ``weeks`` (ISO weeks, oldest first). Each week's groupings
    (organisations, raters, subjects) are protected against differencing with the week's total
    (``protected``); the figures over all the weeks add up the shown weekly figures (``over_weeks``),
    so no choice of weeks gives away what a week's figures hide. Weeks from ``open_from`` (the
    current ISO week, e.g. "2026-W49") on have not ended: they show counts only."""
    wanted = set(weeks)
    by_week: dict[str, list[RatingFact]] = {w: [] for w in weeks}
    for f in facts:
        if f.week in wanted:
            by_week[f.week].append(f)

    groupings: dict[str, tuple[Any, Sequence[str]]] = {
        "org": (lambda f: f.rated_org, ()),
        "rater": (lambda f: f.rater, ("jobseeker", "employer")),
        "subject": (lambda f: f.subject_kind, ("referral", "path_step")),
    }
    cells: dict[str, dict[str, list[Figure]]] = {g: {} for g in groupings}

    def is_open(week: str) -> bool:
        return open_from is not None and week >= open_from  # ("2026-W09" < "2026-W10": zero-padded)

    week_totals: list[Figure] = []
    for week in weeks:
        kept = by_week[week]
        hide_total = False
        for name, (key_of, keys) in groupings.items():
            buckets: dict[str, list[int]] = {k: [] for k in keys}
            for f in kept:
                buckets.setdefault(key_of(f), []).append(f.score)
            figures, hide = protected(list(buckets.items()))
            if is_open(week):
                figures = [Figure(f.key, f.count, None, None) for f in figures]
            hide_total = hide_total or hide or is_open(week)
            for fig in figures:
                cells[name].setdefault(fig.key, []).append(fig)
        scores = [f.score for f in kept]
        week_totals.append(Figure(week, len(scores), None, None) if hide_total else figure(week, scores))

    def window(name: str, keys: Sequence[str] = ()) -> list[Figure]:
        found = cells[name]
        return [over_weeks(k, found.get(k, [])) for k in dict.fromkeys([*keys, *found])]

    by_org = sorted(window("org"), key=lambda g: (-g.count, g.key))
    return Satisfaction(
        weeks=week_totals,
        by_org=by_org,
        by_rater=window("rater", ("jobseeker", "employer")),
        by_subject=window("subject", ("referral", "path_step")),
        total=over_weeks("all", week_totals),
        first_week=weeks[0] if weeks else "",
        last_week=weeks[-1] if weeks else "",
    )
