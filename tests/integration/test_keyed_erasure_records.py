"""privacy37: migrations m0009, p0013 and v0005 on SQLite and PostgreSQL. What a withdrawn jobseeker left
in matching's ``erased_candidates`` (an unkeyed SHA-256 of the pseudonym and the time of the erasure) and
the stored fingerprints of retried POSTs (an unkeyed SHA-256 of a request naming a case number) are keyed
from then on: nothing that anyone holding an old pseudonym or case number can recompute is left, and the
erased person still cannot come back."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from deploy import migrate
from services.matching.team.erasure import ErasedCandidates
from shared.db import make_engine
from shared.idempotency import keyed, record_key
from shared.migrations import upgrade
from tests.helpers import JWT_SECRET, MATCHING_KEY, PSEUDONYM_KEY, sqlite_url

GONE = "c-00000000000000000000abcd"
STAYS = "c-00000000000000000000beef"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path, "service")
    return str(request.getfixturevalue("postgres_url"))


def plain(candidate_id: str) -> str:
    """What ``erased_candidates`` held before m0009 (32 hex)."""
    return hashlib.sha256(candidate_id.encode()).digest()[:16].hex()


REQUEST = b"POST /api/v1/profiles/t37-case/rating-links?\n" + b'{"subject":{"kind":"referral"}}'
PLAIN_FINGERPRINT = hashlib.sha256(REQUEST).hexdigest()


def _answer(engine, fingerprint: str = PLAIN_FINGERPRINT) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO idempotency_keys (org, key, fingerprint, status, headers, body, created_at) "
                "VALUES ('tampere-tyollisyys', 'k-1', :f, 201, '{}', '{}', :at)"
            ),
            {"f": fingerprint, "at": datetime.now(UTC)},
        )


def _fingerprints(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT fingerprint FROM idempotency_keys")).scalars())


def test_matchings_erased_candidates_become_keyed_markers_without_a_time(database_url, monkeypatch):
    migrations = migrate.migrations_of("matching")
    engine = make_engine(database_url)
    upgrade(engine, migrations, "m0008")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO erased_candidates (digest, erased_at) VALUES (:d, :at)"),
            {"d": plain(GONE), "at": datetime(2026, 11, 30, 14, 5, tzinfo=UTC)},
        )
    _answer(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                'INSERT INTO dead_letters (consumer, topic, "partition", "offset", reason, sent_at) '
                "VALUES ('matching.index', 'kohtaanto.candidates.v1', 0, 7, :r, :at)"
            ),
            {
                "r": f"PoisonMessageError: candidate {GONE!r} differs from the record's key",
                "at": datetime.now(UTC),
            },
        )
    monkeypatch.setenv("KOHTAANTO_MATCHING_KEY", MATCHING_KEY.decode())
    upgrade(engine, migrations)
    with engine.connect() as conn:
        (reason,) = conn.execute(text("SELECT reason FROM dead_letters")).scalars()
    assert reason == "PoisonMessageError: candidate '<pseudonym>' differs from the record's key"
    assert "forget_when_published" in {c["name"] for c in inspect(engine).get_columns("outbox")}
    columns = {c["name"] for c in inspect(engine).get_columns("erased_candidates")}
    assert columns == {"marker"}, "no time of the erasure is kept"
    with engine.connect() as conn:
        (stored,) = conn.execute(text("SELECT marker FROM erased_candidates")).scalars()
    assert stored != plain(GONE) and plain(GONE) not in stored
    erased = ErasedCandidates(engine, MATCHING_KEY)
    assert GONE in erased and STAYS not in erased, "the erased person still cannot come back"
    assert GONE not in ErasedCandidates(engine, b"another-matching-key-0123456789abcdef")
    assert _fingerprints(engine) == [keyed(record_key(MATCHING_KEY), bytes.fromhex(PLAIN_FINGERPRINT))]


def test_matchings_upgrade_stops_naming_the_key_when_erased_candidates_need_it(database_url, monkeypatch):
    migrations = migrate.migrations_of("matching")
    engine = make_engine(database_url)
    upgrade(engine, migrations, "m0008")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO erased_candidates (digest, erased_at) VALUES (:d, :at)"),
            {"d": plain(GONE), "at": datetime(2026, 11, 30, 14, 5, tzinfo=UTC)},
        )
    monkeypatch.delenv("KOHTAANTO_MATCHING_KEY", raising=False)
    with pytest.raises(Exception, match="KOHTAANTO_MATCHING_KEY"):
        upgrade(engine, migrations)


@pytest.mark.parametrize(
    ("service", "before", "variable", "secret"),
    [
        ("profile", "p0012", "KOHTAANTO_PSEUDONYM_KEY", PSEUDONYM_KEY),
        ("vacancy", "v0004", "KOHTAANTO_JWT_SECRET", JWT_SECRET.encode()),
    ],
)
def test_stored_request_fingerprints_become_keyed(
    database_url, monkeypatch, service, before, variable, secret
):
    migrations = migrate.migrations_of(service)
    engine = make_engine(database_url)
    upgrade(engine, migrations, before)
    _answer(engine)
    monkeypatch.setenv(variable, secret.decode())
    upgrade(engine, migrations)
    (fingerprint,) = _fingerprints(engine)
    assert fingerprint != PLAIN_FINGERPRINT
    assert fingerprint == keyed(record_key(secret), bytes.fromhex(PLAIN_FINGERPRINT))
    assert "subjects" in {c["name"] for c in inspect(engine).get_columns("idempotency_keys")}


def test_without_the_key_the_stored_answers_are_dropped_rather_than_kept_unkeyed(database_url, monkeypatch):
    migrations = migrate.migrations_of("profile")
    engine = make_engine(database_url)
    upgrade(engine, migrations, "p0012")
    _answer(engine)
    monkeypatch.delenv("KOHTAANTO_PSEUDONYM_KEY", raising=False)
    upgrade(engine, migrations)
    assert _fingerprints(engine) == []
