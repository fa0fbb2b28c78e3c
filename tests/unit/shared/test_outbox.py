import contextlib

from sqlalchemy import MetaData

from shared.db import make_engine
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import Outbox, OutboxRelay, RelayError, outbox_table
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
