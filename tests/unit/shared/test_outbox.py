import contextlib

import pytest
from sqlalchemy import MetaData, func, select

from shared.db import make_engine
from shared.messaging.envelope import Envelope
from shared.messaging.errors import EventTooLargeError
from shared.messaging.outbox import Outbox, OutboxRelay, RelayError, outbox_table, parked_table
from tests.helpers import FakeSender


def make(tmp_path):
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    metadata.create_all(engine)
    return engine, table


def add(engine, table, n):
    with engine.begin() as conn:
        for i in range(n):
            Outbox(table).add(conn, "t", Envelope("e", f"k{i}", {"i": i}, producer="p"))


def test_the_relay_publishes_pending_events_in_order_and_only_once(tmp_path):
    engine, table = make(tmp_path)
    add(engine, table, 3)
    sender = FakeSender()
    relay = OutboxRelay(engine, table, sender)
    assert relay.relay_once() == 3
    assert relay.relay_once() == 0
    assert [key for _, key, _, _ in sender.sent] == ["k0", "k1", "k2"]


def test_unacknowledged_events_stay_in_the_outbox_until_the_broker_takes_them(tmp_path):
    engine, table = make(tmp_path)
    add(engine, table, 3)
    relay = OutboxRelay(engine, table, FakeSender(fail_after=1))
    with contextlib.suppress(RelayError):
        relay.relay_once()
    with engine.connect() as conn:
        assert Outbox(table).pending(conn) == 2
    healthy = FakeSender()
    OutboxRelay(engine, table, healthy).relay_once()
    assert [key for _, key, _, _ in healthy.sent] == ["k1", "k2"]


def test_a_rolled_back_transaction_leaves_no_event_behind(tmp_path):
    engine, table = make(tmp_path)
    with engine.connect() as conn:
        conn.begin()
        Outbox(table).add(conn, "t", Envelope("e", "k", {}, producer="p"))
        conn.rollback()
    with engine.connect() as conn:
        assert Outbox(table).pending(conn) == 0


def test_a_tombstone_is_published_with_no_value(tmp_path):
    engine, table = make(tmp_path)
    with engine.begin() as conn:
        Outbox(table).add_tombstone(conn, "t", "c-1")
    sender = FakeSender()
    OutboxRelay(engine, table, sender).relay_once()
    assert sender.sent == [("t", "c-1", None, [])]


def add_raw(engine, table, key, value):
    """A row as an older release could have stored it (no size check on the way in)."""
    from datetime import UTC, datetime

    with engine.begin() as conn:
        conn.execute(
            table.insert().values(
                topic="t", message_key=key, value=value, event_type="e", created_at=datetime.now(UTC)
            )
        )


def test_a_record_the_broker_can_never_take_is_parked_and_the_rows_behind_it_go_on(tmp_path):
    engine, table = make(tmp_path)
    add(engine, table, 1)
    add_raw(engine, table, "huge", b"x" * 2_000_000)
    add(engine, table, 2)  # k0, k1 again: later events of the same service
    sender = FakeSender(max_bytes=1_048_576)
    relay = OutboxRelay(engine, table, sender)
    while relay.relay_once():
        pass
    assert [key for _, key, _, _ in sender.sent] == ["k0", "k0", "k1"]
    with engine.connect() as conn:
        box = Outbox(table)
        assert (box.pending(conn), box.parked(conn)) == (0, 1)
        [parked] = box.recently_parked(conn)
        assert parked["topic"] == "t" and "MessageSizeTooLargeError" in parked["reason"]
        stored = conn.execute(select(parked_table(table).c.value)).scalar_one()
        assert stored == b"x" * 2_000_000  # kept whole, for an operator to look at
    assert relay.parked == 1


def test_a_broker_outage_parks_nothing(tmp_path):
    engine, table = make(tmp_path)
    add(engine, table, 3)
    relay = OutboxRelay(engine, table, FakeSender(fail_after=0))
    for _ in range(3):
        with pytest.raises(RelayError):
            relay.relay_once()
    with engine.connect() as conn:
        assert (Outbox(table).pending(conn), Outbox(table).parked(conn)) == (3, 0)


def test_an_event_over_the_budget_is_refused_before_it_is_stored(tmp_path):
    engine, table = make(tmp_path)
    with engine.connect() as conn, pytest.raises(EventTooLargeError) as refused:
        conn.begin()
        Outbox(table, max_event_bytes=1000).add(conn, "t", Envelope("e", "k", {"text": "ä" * 1000}, "p"))
    assert refused.value.size > 1000 and refused.value.limit == 1000
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0


def test_a_published_tombstone_leaves_no_row_of_its_key_behind_it(tmp_path):
    """Outside tester 36, H9: the withdrawal's tombstone row (and an upsert still waiting at the withdrawal,
    published after it) stayed in the outbox for ``keep_published``, the erased pseudonym beside the time of
    the erasure. Rows of other keys and topics, and a row of the key written after the tombstone, stay."""
    engine, table = make(tmp_path)
    with engine.begin() as conn:
        box = Outbox(table)
        box.add(conn, "t", Envelope("e", "c-gone", {"v": 1}, producer="p"))
        box.add(conn, "other", Envelope("e", "c-gone", {"v": 1}, producer="p"))
        box.add(conn, "t", Envelope("e", "c-stays", {"v": 1}, producer="p"))
        box.add_tombstone(conn, "t", "c-gone")
        box.add(conn, "t", Envelope("e", "c-gone", {"v": 9}, producer="p"))  # e.g. a list imported again
    sender = FakeSender()
    OutboxRelay(engine, table, sender).relay_once()
    assert [(topic, key, value is None) for topic, key, value, _ in sender.sent] == [
        ("t", "c-gone", False),
        ("other", "c-gone", False),
        ("t", "c-stays", False),
        ("t", "c-gone", True),
        ("t", "c-gone", False),
    ]
    with engine.connect() as conn:
        kept = conn.execute(
            select(table.c.topic, table.c.message_key, table.c.value).order_by(table.c.id)
        ).all()
    assert [(topic, key) for topic, key, _ in kept] == [
        ("other", "c-gone"),
        ("t", "c-stays"),
        ("t", "c-gone"),
    ]
    assert all(value is not None for _, _, value in kept)


def test_a_row_waiting_when_its_key_is_erased_is_still_sent_and_then_kept_no_longer(tmp_path):
    """privacy37: an erasure deletes the rows already sent under the key; one still waiting (an outcome, an
    access report the profile service's audit log needs) must still go, but was then kept 7 days, key and
    time beside the erasure. It leaves the outbox once the broker has it; another key's row stays."""
    engine, table = make(tmp_path)
    with engine.begin() as conn:
        Outbox(table).add(conn, "t", Envelope("e", "c-gone", {"a": 1}, producer="p"))
        Outbox(table).add(conn, "t", Envelope("e", "c-stays", {"a": 2}, producer="p"))
    with engine.begin() as conn:
        Outbox(table).forget(conn, "c-gone")
    sender = FakeSender()
    while OutboxRelay(engine, table, sender).relay_once():
        pass
    assert [key for _, key, _, _ in sender.sent] == ["c-gone", "c-stays"]
    with engine.connect() as conn:
        assert [r.message_key for r in conn.execute(select(table))] == ["c-stays"]


def test_a_row_of_an_erased_key_the_broker_can_never_take_is_dropped_not_parked(tmp_path):
    engine, table = make(tmp_path)
    add_raw(engine, table, "c-gone", b"x" * 2_000_000)
    with engine.begin() as conn:
        Outbox(table).forget(conn, "c-gone")
    relay = OutboxRelay(engine, table, FakeSender(max_bytes=1_048_576))
    while relay.relay_once():
        pass
    with engine.connect() as conn:
        assert (Outbox(table).pending(conn), Outbox(table).parked(conn)) == (0, 0)
