"""How the meeting's page and downloads in words write its numbers (outside tester 14, P19)."""

from __future__ import annotations

import pytest

from services.matching.team.web import whole_match


@pytest.mark.parametrize(
    ("value", "shown"), [(99.6, 99), (99.5, 99), (99.49, 99), (100.0, 100), (74.5, 74), (25.6, 26), (0.4, 0)]
)
def test_the_whole_match_is_never_100_for_less_than_a_full_match(value, shown):
    """A 99.6 match was printed "100", read as perfect by a team holding "3 / 88" essential skills."""
    assert whole_match(value) == shown
