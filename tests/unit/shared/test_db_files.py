"""SQLite files hold personal data: readable by their owner only, deleted rows overwritten, the
write-ahead log truncated after an erasure (outside tester 18, P12)."""

from __future__ import annotations

import os

from sqlalchemy import text

from shared.db import forget_erased, make_engine


def test_a_new_database_and_its_log_are_the_owners_only(tmp_path):
    old = os.umask(0o022)  # as a shell's default: files -rw-r--r--
    try:
        engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'profile.db'}")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (v TEXT)"))
            conn.execute(text("INSERT INTO t VALUES ('aino@example.fi')"))
            assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
    finally:
        os.umask(old)
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    files = sorted((tmp_path / "data").iterdir())
    assert {p.name for p in files} >= {"profile.db", "profile.db-wal"}
    assert all(p.stat().st_mode & 0o077 == 0 for p in files), [(p.name, oct(p.stat().st_mode)) for p in files]
    engine.dispose()


def test_an_existing_world_readable_database_is_narrowed(tmp_path):
    for name in ("matching.db", "matching.db-wal"):
        (tmp_path / name).touch(mode=0o644)
        (tmp_path / name).chmod(0o644)
    make_engine(f"sqlite:///{tmp_path / 'matching.db'}").dispose()
    assert (tmp_path / "matching.db").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "matching.db-wal").stat().st_mode & 0o777 == 0o600


def test_after_an_erasure_no_file_holds_the_deleted_text(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v TEXT)"))
        conn.execute(text("INSERT INTO t VALUES ('aino@example.fi'), ('eero@example.fi')"))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM t WHERE v = 'aino@example.fi'"))
    forget_erased(engine)
    assert not any(b"aino@example.fi" in p.read_bytes() for p in tmp_path.iterdir())
    assert any(b"eero@example.fi" in p.read_bytes() for p in tmp_path.iterdir())
    engine.dispose()
