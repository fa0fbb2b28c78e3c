"""The rule for uploads that replace stored sets (outside tester 34, F13): what they add, change and
remove, and when a removal must be confirmed."""

from datetime import date

import pytest

from services.matching.team.replacing import (
    RemovalNotConfirmedError,
    Replacement,
    changes,
    refuse_unconfirmed,
    removal_needs_confirming,
)


@pytest.mark.parametrize(
    ("stored", "removed", "refused"),
    [
        (45, 44, True),  # the tester's one-course file for a school of 45
        (19, 10, True),  # more than half, and 10
        (20, 10, False),  # exactly half is not more than half
        (9, 9, False),  # a small set emptied: fewer than 10 rows go
        (100, 40, False),  # 40 go, but most stay
        (12, 0, False),
        (0, 0, False),  # a new set removes nothing
    ],
)
def test_a_removal_needs_confirming_only_when_it_takes_more_than_half_and_at_least_ten_rows(
    stored, removed, refused
):
    assert removal_needs_confirming(stored, removed) is refused


def test_changes_name_the_ids_added_changed_and_removed_and_count_the_stored_rows():
    r = changes("tredu", {"A": 1, "B": 2, "C": 3}, {"B": 2, "C": 30, "D": 4})
    assert r == Replacement("tredu", 3, added=("D",), changed=("C",), removed=("A",))
    assert not r.needs_confirming


def test_refusal_names_every_set_that_needs_confirming_and_only_those():
    big = changes("tredu", {f"C{i:02}": i for i in range(12)}, {"C00": 0})
    small = changes("sasky", {"A": 1, "B": 2}, {})
    with pytest.raises(RemovalNotConfirmedError) as caught:
        refuse_unconfirmed([big, small], confirmed=False)
    assert caught.value.unconfirmed == (big,)
    assert "tredu: 11 of 12 removed" in str(caught.value)
    refuse_unconfirmed([big, small], confirmed=True)  # confirmed: goes through
    refuse_unconfirmed([small], confirmed=False)


def course(course_id, provider="tredu", municipality="837", title="Hitsaus"):
    from services.matching.team.training import Course

    return Course(provider, course_id, title, "", frozenset({"s"}), 8.0, municipality, False, False,
                  (date(2027, 1, 11),))  # fmt: skip


def test_a_providers_changes_count_only_its_courses_where_the_caller_acts():
    from services.matching.team.training_handlers import provider_changes

    stored = [course(f"C{i:02}") for i in range(12)] + [course("X", municipality="091"), course("Y", "sasky")]
    found = [course("C00"), course("C01", title="Hitsaus 2"), course("NEW")]
    [r] = provider_changes(found, stored, None)
    assert (r.scope, r.stored, r.added, r.changed) == ("tredu", 13, ("NEW",), ("C01",))
    assert r.removed == (*(f"C{i:02}" for i in range(2, 12)), "X") and r.needs_confirming
    [within] = provider_changes(found, stored, frozenset({"091"}))  # acts in Helsinki only
    assert (within.stored, within.removed) == (1, ("X",))


def test_a_shortage_lists_changes_are_by_the_occupation_each_row_rates():
    from services.matching.team.handlers import list_changes
    from services.matching.team.shortages import Level, ShortageEntry, ShortageList, parse_period

    period = parse_period("2026H2")
    codes = [str(7210 + i) for i in range(12)]
    stored = ShortageList("pirkanmaa", period, tuple(ShortageEntry(c, Level.SHORTAGE) for c in codes))
    uploaded = ShortageList("pirkanmaa", period, (ShortageEntry("7210", Level.SEVERE_SHORTAGE),))
    r = list_changes(stored, uploaded)
    assert (r.scope, r.stored, r.changed, r.removed) == ("pirkanmaa|2026H2", 12, ("7210",), tuple(codes[1:]))
    assert r.needs_confirming
    assert list_changes(None, uploaded) == Replacement("pirkanmaa|2026H2", 0, added=("7210",))
