"""The rules of ``Idempotency-Key`` (outside tester 36, H7) and of the one transaction the write and its
stored answer share (``shared.db.one_transaction``)."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select

from shared.db import SqlUnitOfWork, make_engine, one_transaction
from shared.idempotency import KEY_TTL, IdempotencyStore, fingerprint, forget, idempotency_keys_table

metadata = MetaData()
things = Table("things", metadata, Column("id", Integer, primary_key=True))
keys = idempotency_keys_table(metadata)


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'unit.db'}")
    metadata.create_all(engine)
    return engine


def count(engine, table=things):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


class Uow(SqlUnitOfWork):
    def add(self, thing_id):
        self.conn.execute(insert(things).values(id=thing_id))


def test_a_unit_of_work_inside_one_transaction_commits_only_with_it(engine):
    with pytest.raises(RuntimeError), one_transaction(engine):
        with Uow(engine) as uow:
            uow.add(1)
            uow.commit()
        raise RuntimeError("the answer could not be stored")
    assert count(engine) == 0, "the write went with the failed transaction"
    with one_transaction(engine):
        with Uow(engine) as uow:
            uow.add(1)
            uow.commit()
        assert count(engine) == 0, "not visible to others before the end"
    assert count(engine) == 1


def test_a_unit_of_work_left_without_commit_rolls_back_its_part_only(engine):
    with one_transaction(engine):
        with Uow(engine) as uow:
            uow.add(1)
            uow.commit()
        with Uow(engine) as uow:
            uow.add(2)  # (no commit: its savepoint is rolled back)
    with engine.connect() as conn:
        assert conn.execute(select(things.c.id)).scalars().all() == [1]


def test_a_unit_of_work_on_another_engine_is_its_own_transaction(engine, tmp_path):
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    metadata.create_all(other)
    with pytest.raises(RuntimeError), one_transaction(engine):
        with Uow(other) as uow:
            uow.add(1)
            uow.commit()
        raise RuntimeError
    assert count(other) == 1


def test_a_key_is_claimed_once_and_expires_after_its_ttl(engine):
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    store = IdempotencyStore(engine, keys, now=lambda: now)
    with one_transaction(engine) as conn:
        assert store.claim(conn, "org-a", "k", "f1") is None
    with one_transaction(engine) as conn:
        row = store.claim(conn, "org-a", "k", "f1")
        assert row is not None and row["fingerprint"] == "f1"
        assert store.claim(conn, "org-b", "k", "f1") is None, "keys are per organisation"
    store.now = lambda: now + KEY_TTL
    with one_transaction(engine) as conn:
        assert store.claim(conn, "org-a", "k", "f2") is None, "expired: the key is free"
    assert count(engine, keys) == 1, "both older rows were purged when the key was stored again"


def test_forget_deletes_the_answers_naming_an_erased_id_only(engine):
    store = IdempotencyStore(engine, keys, now=lambda: datetime.now(UTC) - timedelta(minutes=1))
    with one_transaction(engine) as conn:
        for key, body in (("a", '{"candidate_id": "c-1_%"}'), ("b", '{"candidate_id": "c-2"}')):
            store.claim(conn, "org", key, "f")
            conn.execute(keys.update().where(keys.c.key == key).values(status=201, body=body))
    with engine.begin() as conn:
        assert forget(conn, keys, "c-1_%") == 1
        assert forget(conn, keys, "c-") == 1, "a LIKE pattern's wildcards in an id are literal"
    assert count(engine, keys) == 0


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"json": {"a": 1, "b": [1, 2]}}, {"json": {"b": [1, 2], "a": 1}}, True),
        ({"json": {"a": 1}}, {"json": {"a": 2}}, False),
        ({"json": {"a": 1}}, {"json": {"a": 1}, "query_string": "dry_run=true"}, False),
        (
            {"data": b"x,y\n1,2\n", "content_type": "text/csv"},
            {"data": b"x,y\n1,2\n", "content_type": "text/csv"},
            True,
        ),
        (
            {"data": b"x,y\n1,2\n", "content_type": "text/csv"},
            {"data": b"x,y\n1,3\n", "content_type": "text/csv"},
            False,
        ),
    ],
)
def test_a_retry_is_the_same_request_by_method_path_query_and_parsed_body(first, second, same):
    app = Flask(__name__)
    prints = []
    for request in (first, second):
        with app.test_request_context("/api/v1/things", method="POST", **request):
            prints.append(fingerprint())
    assert (prints[0] == prints[1]) is same


def test_an_upload_retried_with_another_multipart_boundary_is_the_same_request():
    import io

    app = Flask(__name__)
    prints = []
    for _ in range(2):  # the test client draws a new boundary each time
        data = {
            "file": (io.BytesIO(b"occupation,region\n7212,pirkanmaa\n"), "list.csv"),
            "source": "barometri",
        }
        with app.test_request_context(
            "/api/v1/shortages", method="POST", data=data, content_type="multipart/form-data"
        ):
            prints.append(fingerprint())
    assert prints[0] == prints[1]
