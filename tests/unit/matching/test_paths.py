"""The weekly meeting's service-path follow-ups from the profile service's watch points."""

from datetime import date

import pytest

from services.matching.team.consumer import read_path
from services.matching.team.paths import PathWatch, path_follow_ups
from shared.messaging.consumer import PoisonMessageError

DAY = date(2026, 12, 3)


def test_only_watch_points_whose_day_has_come_are_counted_by_reason_and_by_organisation():
    points = [
        PathWatch("c-1", "handover_unacknowledged", date(2026, 12, 1), "tredu"),
        PathWatch("c-1", "step_overdue", date(2026, 12, 19), "tampere-tyollisyys"),  # not yet
        PathWatch("c-2", "step_overdue", date(2026, 11, 20), "tampere-tyollisyys"),
        PathWatch("c-3", "no_active_step", date(2026, 12, 3), "tampere-tyollisyys"),
    ]
    f = path_follow_ups(points, followed=7, day=DAY)
    assert (f.followed, f.needing_attention) == (7, 3)
    assert [(c.key, c.count) for c in f.by_org] == [("tampere-tyollisyys", 2), ("tredu", 1)]
    assert {(c.key, c.count) for c in f.by_reason} == {
        ("handover_unacknowledged", 1),
        ("step_overdue", 1),
        ("no_active_step", 1),
    }
    # Finnish working days late, as the coach's worklist counts them (tester 8, J10): Thursday 3.12.2026
    # is 9 working days after Friday 20.11. (13 calendar days), 2 after Tuesday 1.12.
    assert [(r.candidate_id, r.working_days) for r in f.rows] == [("c-2", 9), ("c-1", 2), ("c-3", 0)]


def test_the_days_late_skip_weekends_and_finnish_holidays():
    # Friday 4.12.2026 -> Tuesday 8.12.: Independence Day (Sunday 6.12.) falls on a weekend, so 2;
    # Wednesday 23.12. -> Monday 28.12.: Christmas Eve, Christmas Day and Boxing Day are off, so 1
    points = [
        PathWatch("c-1", "step_overdue", date(2026, 12, 4), "tampere-tyollisyys"),
        PathWatch("c-2", "step_overdue", date(2026, 12, 23), "tampere-tyollisyys"),
    ]
    assert [r.working_days for r in path_follow_ups(points[:1], 1, date(2026, 12, 8)).rows] == [2]
    assert [r.working_days for r in path_follow_ups(points[1:], 1, date(2026, 12, 28)).rows] == [1]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {
            "candidate_id": "c-1",
            "path_id": "p",
            "version": 1,
            "status": "open",
            "watch": [{"reason": "x", "from": "2026-12-01", "org": "o"}],
        },
        {
            "candidate_id": "c-1",
            "path_id": "p",
            "version": 1,
            "status": "open",
            "watch": [{"reason": "step_overdue", "from": "soon", "org": "o"}],
        },
        {"candidate_id": "c-1", "path_id": "p", "version": "one", "status": "open", "watch": []},
    ],
)
def test_an_unusable_path_event_is_poison(payload):
    with pytest.raises(PoisonMessageError):
        read_path(payload)
