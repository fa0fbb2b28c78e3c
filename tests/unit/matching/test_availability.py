"""Issue 10 item 5: availability as recruiters think of it. A vacancy without a start date accepts
candidates available within a window (default 4 weeks) that a request may widen or narrow; a
vacancy with a start date keeps its rule; availability never changes a score."""

from datetime import date, timedelta

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.filters import DEFAULT_AVAILABILITY_WINDOW_DAYS, available_by

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy

PERFECT = {"s:weld": "expert", "s:blue": "expert"}


@pytest.fixture
def engine(taxonomy):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES)
    engine.bulk_load(
        [
            candidate("tomorrow", PERFECT, available_from=TODAY + timedelta(days=1)),
            candidate("today", PERFECT, available_from=TODAY),
            candidate("in-4-weeks", PERFECT, available_from=TODAY + timedelta(days=28)),
            candidate("in-6-weeks", PERFECT, available_from=TODAY + timedelta(days=42)),
        ]
    )
    return engine


def _ids(entries):
    return [e.candidate_id for e in entries]


def test_a_perfect_candidate_available_tomorrow_is_on_the_shortlist_of_a_vacancy_without_a_start_date(
    engine,
):
    """Before: only candidates available today passed, so 'tomorrow' was silently dropped."""
    v = vacancy(("s:weld",), ("s:blue",), start_date=None)
    entries = engine.shortlist(v, k=10, viewer_org=None, today=TODAY)
    assert "tomorrow" in _ids(entries)
    assert DEFAULT_AVAILABILITY_WINDOW_DAYS == 28
    assert set(_ids(entries)) == {"today", "tomorrow", "in-4-weeks"}


def test_availability_never_changes_the_score_sooner_is_not_ranked_below_later(engine):
    v = vacancy(("s:weld",), ("s:blue",), start_date=None)
    entries = engine.shortlist(v, k=10, viewer_org=None, today=TODAY, available_within_days=60)
    assert len({e.score for e in entries}) == 1  # equal skills, equal score, whatever the date
    assert _ids(entries) == sorted(_ids(entries))  # ties broken by the stable key (candidate id)
    assert {e.candidate_id: e.available_from for e in entries}["tomorrow"] == TODAY + timedelta(days=1)


def test_a_request_widens_or_narrows_the_window_and_counts_follow(engine):
    v = vacancy(("s:weld",), ("s:blue",), start_date=None)
    wide = engine.rank(v, k=10, viewer_org=None, today=TODAY, available_within_days=60)
    assert set(_ids(wide.entries)) == {"today", "tomorrow", "in-4-weeks", "in-6-weeks"}
    assert wide.exclusions.by_reason["availability"] == 0
    now = engine.rank(v, k=10, viewer_org=None, today=TODAY, available_within_days=0)
    assert _ids(now.entries) == ["today"] and now.exclusions.by_reason["availability"] == 3
    why = engine.explain(v, "tomorrow", today=TODAY, available_within_days=0)
    assert [str(f) for f in why.filters] == ["available from 2025-03-02, after 2025-03-01"]
    with pytest.raises(ValueError):
        engine.shortlist(v, k=10, viewer_org=None, today=TODAY, available_within_days=-1)


def test_a_vacancy_with_a_start_date_keeps_its_rule_whatever_the_window(engine):
    starts = TODAY + timedelta(days=30)
    v = vacancy(("s:weld",), ("s:blue",), start_date=starts)
    for window in (0, 28, 365):
        entries = engine.shortlist(v, k=10, viewer_org=None, today=TODAY, available_within_days=window)
        assert set(_ids(entries)) == {"today", "tomorrow", "in-4-weeks"}
    past = vacancy(("s:weld",), start_date=TODAY - timedelta(days=10))  # already started: today
    assert _ids(engine.shortlist(past, k=10, viewer_org=None, today=TODAY, available_within_days=90)) == [
        "today"
    ]


def test_available_by():
    undated, dated = vacancy(start_date=None), vacancy(start_date=date(2025, 5, 1))
    assert available_by(undated, TODAY, 28) == date(2025, 3, 29)
    assert available_by(undated, TODAY, 0) == TODAY
    assert available_by(dated, TODAY, 0) == date(2025, 5, 1)
    assert available_by(dated, date(2025, 6, 1), 28) == date(2025, 6, 1)
    with pytest.raises(ValueError):
        available_by(undated, TODAY, -1)
