"""The weekly meeting's service-path follow-ups: jobseekers about to fall off their path, counted and
pseudonymous. Pure Python.

The profile service owns the paths and the rule of who must act from when; it publishes, per
jobseeker, only those moments ("watch points": a reason, a day and the organisation that must act).
Here a watch point is due when its day has come by the meeting day: nothing else about the path
(no target group, no work ability, no kind of service) ever reaches matching.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.kernel.calendar import FinnishWorkingDays

_CALENDAR = FinnishWorkingDays()
REASONS = ("handover_unacknowledged", "step_overdue", "no_active_step")


@dataclass(frozen=True, slots=True)
class PathWatch:
    """One published watch point of one jobseeker's open path."""

    candidate_id: str
    reason: str
    from_day: date
    org: str


@dataclass(frozen=True, slots=True)
class Count:
    key: str  # a reason or an organisation id
    count: int


@dataclass(frozen=True, slots=True)
class PathRow:
    candidate_id: str
    reason: str
    since: date
    org: str
    working_days: (
        int  # Finnish working days late (0 on the day it became due), as the coach's worklist counts
    )


@dataclass(frozen=True, slots=True)
class PathFollowUps:
    followed: int  # jobseekers of the region with an open service path
    needing_attention: int  # of them, with something due by the meeting day
    by_reason: list[Count]
    by_org: list[Count]
    rows: list[PathRow]  # oldest first


def path_follow_ups(watch: Iterable[PathWatch], followed: int, day: date, limit: int = 50) -> PathFollowUps:
    """What is due on ``day``: counts by reason and by the organisation that must act, and the
    ``limit`` longest-waiting items (pseudonymous), each with the Finnish working days it is late
    (``services.kernel.calendar``: the figure the coach's worklist in the profile service shows,
    outside tester 8, J10: the page said "10 days" in calendar days beside the worklist's 7)."""
    due = [w for w in watch if w.from_day <= day]
    rows = sorted(
        (
            PathRow(w.candidate_id, w.reason, w.from_day, w.org, _CALENDAR.between(w.from_day, day))
            for w in due
        ),
        key=lambda r: (r.since, REASONS.index(r.reason) if r.reason in REASONS else 9, r.org, r.candidate_id),
    )
    reasons = Counter(w.reason for w in due)
    orgs = Counter(w.org for w in due)
    return PathFollowUps(
        followed=followed,
        needing_attention=len({w.candidate_id for w in due}),
        by_reason=[Count(r, reasons[r]) for r in sorted(reasons, key=lambda r: (-reasons[r], r))],
        by_org=[Count(o, orgs[o]) for o in sorted(orgs, key=lambda o: (-orgs[o], o))],
        rows=rows[:limit],
    )
