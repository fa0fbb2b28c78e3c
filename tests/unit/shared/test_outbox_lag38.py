"""Readiness tells the truth about a dead relay: the outbox check is not ok (the service
``degraded``, still 200) once the oldest unpublished row has waited longer than the configured lag,
and says why (outside tester 38, M4: with the vacancy worker killed, readiness stayed ``ok`` while
``pending`` grew 5 -> 14 and nothing reached matching). A fake clock stands for time passing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData, update

from shared.config import ConfigError
from shared.db import make_engine
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import Outbox, OutboxCheck, OutboxRelay, outbox_table
from tests.helpers import FakeSender

LAG_S = 60.0


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def outbox(tmp_path):
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    metadata.create_all(engine)
    return engine, table


def write(engine, table, *keys: str) -> datetime:
    """Add one event per key; returns when the oldest pending row was written (as stored)."""
    with engine.begin() as conn:
        for key in keys:
            Outbox(table).add(conn, "t", Envelope("e", key, {"k": key}, producer="p"))
    with engine.connect() as conn:
        oldest = Outbox(table).backlog(conn).oldest
    assert oldest is not None
    return oldest


def test_an_empty_outbox_is_ok_and_says_its_limit(outbox):
    engine, table = outbox
    check = OutboxCheck(engine, table, LAG_S, clock=FakeClock(datetime.now(UTC)))
    assert check() == {"ok": True, "pending": 0, "parked": 0, "oldest_pending_age_s": 0.0, "max_lag_s": LAG_S}


def test_rows_younger_than_the_lag_are_a_normal_backlog(outbox):
    engine, table = outbox
    written = write(engine, table, "a", "b")
    result = OutboxCheck(engine, table, LAG_S, clock=FakeClock(written + timedelta(seconds=LAG_S - 1)))()
    assert result["ok"] is True
    assert result["pending"] == 2
    assert result["oldest_pending_age_s"] == pytest.approx(LAG_S - 1, abs=0.1)
    assert "reason" not in result


def test_a_row_older_than_the_lag_makes_the_check_fail_saying_why(outbox):
    engine, table = outbox
    written = write(engine, table, "a", "b", "c")
    result = OutboxCheck(engine, table, LAG_S, clock=FakeClock(written + timedelta(seconds=LAG_S + 1)))()
    assert result["ok"] is False
    assert (result["pending"], result["parked"], result["max_lag_s"]) == (3, 0, LAG_S)
    assert result["oldest_pending_age_s"] > LAG_S
    assert "relay" in result["reason"] and "broker" in result["reason"]


def test_the_check_is_ok_again_once_a_relay_has_published_the_backlog(outbox):
    engine, table = outbox
    written = write(engine, table, "a", "b")
    clock = FakeClock(written + timedelta(seconds=LAG_S * 10))
    check = OutboxCheck(engine, table, LAG_S, clock=clock)
    assert check()["ok"] is False
    OutboxRelay(engine, table, FakeSender()).relay_once()
    assert check() == {"ok": True, "pending": 0, "parked": 0, "oldest_pending_age_s": 0.0, "max_lag_s": LAG_S}


def test_only_the_oldest_unpublished_row_counts_not_old_published_ones(outbox):
    engine, table = outbox
    write(engine, table, "old")
    OutboxRelay(engine, table, FakeSender()).relay_once()
    with engine.begin() as conn:  # published long ago, kept for inspection
        conn.execute(update(table).values(created_at=datetime(2020, 1, 1, tzinfo=UTC)))
    fresh = write(engine, table, "fresh")
    result = OutboxCheck(engine, table, LAG_S, clock=FakeClock(fresh + timedelta(seconds=1)))()
    assert result["ok"] is True and result["pending"] == 1


def test_the_lag_is_a_setting_with_a_default_and_must_be_positive(monkeypatch):
    from tests.helpers import common_settings

    assert common_settings("vacancy", "sqlite://").outbox_max_lag_seconds > 0
    monkeypatch.setenv("KOHTAANTO_OUTBOX_MAX_LAG_SECONDS", "15")
    monkeypatch.setenv("KOHTAANTO_JWT_SECRET", "s" * 40)
    from services.vacancy.config import Settings

    assert Settings.from_env().common.outbox_max_lag_seconds == 15
    monkeypatch.setenv("KOHTAANTO_OUTBOX_MAX_LAG_SECONDS", "0")
    with pytest.raises(ConfigError, match="KOHTAANTO_OUTBOX_MAX_LAG_SECONDS"):
        Settings.from_env()
