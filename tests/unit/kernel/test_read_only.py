"""The comparison of read-only fields a PUT sends back (outside tester 23, S6)."""

from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum

from services.kernel.read_only import READ_ONLY_CHANGED, read_only_changes

AT = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


class State(StrEnum):
    OPEN = "open"


STORED = {"id": "T5-case", "version": 3, "created_at": AT, "status": State.OPEN, "close_reason": None}


def test_values_as_stored_are_no_change():
    helsinki = AT.astimezone(timezone(timedelta(hours=2)))
    sent = {"id": "t5-CASE", "version": 3, "created_at": helsinki, "status": "open", "close_reason": None}
    assert read_only_changes(sent, STORED, folded=("id",)) == {}
    assert read_only_changes({}, STORED) == {}


def test_each_other_value_is_named_with_its_reason():
    sent = {"id": "t5-case", "version": 4, "created_at": AT + timedelta(microseconds=1), "status": "closed"}
    assert read_only_changes(sent, STORED, reasons={"status": "closed by POST"}) == {
        "id": [READ_ONLY_CHANGED],  # not folded: exact
        "version": [READ_ONLY_CHANGED],
        "created_at": [READ_ONLY_CHANGED],
        "status": ["closed by POST"],
    }


def test_a_naive_stored_timestamp_is_utc_and_a_boolean_is_not_a_number():
    assert read_only_changes({"at": AT}, {"at": AT.replace(tzinfo=None)}) == {}
    assert read_only_changes({"n": True}, {"n": 1}) == {"n": [READ_ONLY_CHANGED]}
