"""Test helpers shared by the tiers: tokens, settings, fakes."""

from __future__ import annotations

import gc
import types
from collections import namedtuple
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from shared.auth import Principal, Role, TokenCodec
from shared.config import REPO_ROOT, AuthSettings, CommonSettings, KafkaSettings
from shared.messaging.outbox import OutboxRelay, SendResult

TEST_ORGANISATIONS = REPO_ROOT / "tests" / "data" / "organisations.csv"
JWT_SECRET = "test-signing-key-for-kohtaanto-tests-0123456789"
PSEUDONYM_KEY = b"test-pseudonym-key-for-kohtaanto-0123456789"
MATCHING_KEY = b"test-matching-record-key-for-kohtaanto-0123456789"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


def token(role: str | Role, org: str, sub: str | None = None) -> str:
    role = Role(role)
    return TokenCodec(JWT_SECRET).mint(Principal(sub or f"{role.value}@{org}", role, org))


def auth(role: str | Role, org: str, sub: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, org, sub)}"}


def common_settings(
    service: str, database_url: str, bootstrap: str = "127.0.0.1:1", **kafka: Any
) -> CommonSettings:
    return CommonSettings(
        service=service,
        database_url=database_url,
        kafka=KafkaSettings(bootstrap_servers=bootstrap, client_id=f"test-{service}", **kafka),
        auth=AuthSettings(jwt_secret=JWT_SECRET),
        reference_dir=REPO_ROOT / "data",
        organisations_file=TEST_ORGANISATIONS,
    )


def sqlite_url(tmp: Path, name: str) -> str:
    return f"sqlite:///{tmp / f'{name}.db'}"


TP = namedtuple("TP", "topic partition")
Message = namedtuple("Message", "topic partition offset key value")


class FakeConsumer:
    """Serves all ``messages`` in one batch of one topic partition, as kafka-python's consumer would
    take them; records commits (partition → next offset) and seeks."""

    def __init__(self, messages: Sequence[Any], topic: str = "t") -> None:
        self.tp = TP(topic, 0)
        self.pending = list(messages)
        self.commits: list[dict[Any, int]] = []
        self.seeks: list[int] = []

    def poll(self, timeout_ms: int = 0) -> dict[Any, list[Any]]:
        batch, self.pending = self.pending, []
        return {self.tp: batch} if batch else {}

    def commit(self, offsets: dict[Any, Any]) -> None:
        self.commits.append({tp: o.offset for tp, o in offsets.items()})

    def seek(self, tp: Any, offset: int) -> None:
        self.seeks.append(offset)

    def assignment(self) -> set[Any]:
        return set()

    def close(self) -> None:
        pass


class FakeSender:
    """Records what would have gone to Kafka; can be told to fail.

    ``fail_after``: after that many messages every send fails with a temporary error (a broker
    outage). ``max_bytes``: a larger value is refused as kafka-python refuses it
    (``MessageSizeTooLargeError``, a record error).
    """

    def __init__(self, fail_after: int | None = None, max_bytes: int | None = None) -> None:
        self.sent: list[tuple[str, str, bytes | None, list[tuple[str, bytes]]]] = []
        self.fail_after = fail_after
        self.max_bytes = max_bytes

    def _refusal(self, value: bytes | None) -> Exception | None:
        from kafka.errors import KafkaTimeoutError, MessageSizeTooLargeError

        if self.fail_after is not None and len(self.sent) >= self.fail_after:
            return KafkaTimeoutError("broker down (fake)")
        if self.max_bytes is not None and len(value or b"") > self.max_bytes:
            return MessageSizeTooLargeError(f"{len(value or b'')} bytes (fake)")
        return None

    def send_all(self, messages: Sequence[tuple[str, str, bytes | None]]) -> SendResult:
        for count, (topic, key, value) in enumerate(messages):
            refusal = self._refusal(value)
            if refusal is not None:
                return SendResult(count, refusal)
            self.sent.append((topic, key, value, []))
        return SendResult(len(messages))

    def send(
        self, topic: str, key: str, value: bytes | None, headers: list[tuple[str, bytes]] | None = None
    ) -> None:
        refusal = self._refusal(value)
        if refusal is not None:
            raise refusal
        self.sent.append((topic, key, value, headers or []))


USE_WELDING_EQUIPMENT = "http://data.europa.eu/esco/skill/2ee57de4-bffd-4194-b009-0060edec77cc"
MAG_WELDING = "http://data.europa.eu/esco/skill/60ff3eac-7d4d-4e51-87b8-74c3b5d62498"
COOK_FISH = "http://data.europa.eu/esco/skill/d01ea580-9718-4299-a6fd-08ea6d171a1b"
CLEAN_KITCHEN = "http://data.europa.eu/esco/skill/9b31016e-c99d-4bd2-a550-d5660dac5041"
MIG_WELDING = "http://data.europa.eu/esco/skill/f015c5d5-6a1c-4f63-9012-a05f4f34105e"
FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
HEALTHCARE_ASSISTANT = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
CONFIRMED_CARE = tuple(
    "http://data.europa.eu/esco/skill/" + u
    for u in (
        "1fd57242-267e-46df-bd8c-849fdd593a50",  # administer prescribed medication
        "24f980ba-b44f-4739-b563-205104c3190d",  # provide basic support to patients
        "2a82241a-216e-44d8-bb50-6b9a0ef82084",  # drive vehicles
        "2d6904db-9e16-42a5-bc12-c5acb8bfab18",  # safe management of medicines
        "f98e06f5-a09a-4356-b6a8-d55a7d3c5356",  # implement nursing care
        "d9449998-c1f5-478c-a103-2255398cf0b6",  # apply hygiene standards
        "0e3493f4-0cad-4fbc-8e02-025f169b8114",  # Finnish (held as a declared language)
    )
)
"""The seven essential skills of the healthcare assistant (lähihoitaja) an employer confirms for
"Lähihoitaja, kotihoito" (outside tester 18, P1)."""


def profile_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "personal": {
            "name": "Aino Virtanen",
            "email": "aino.virtanen@example.fi",
            "phone": "+358 40 1234567",
        },
        "skills": [{"uri": USE_WELDING_EQUIPMENT, "level": "advanced"}, {"uri": MAG_WELDING}],
        "work_history": [{"occupation_uri": WELDER, "years": 4, "ended_year": 2025}],
        "education_level": "vocational",
        "languages": [{"code": "fi", "level": "native"}, {"code": "en", "level": "B1"}],
        "municipality": "536",
        "max_commute_km": 40,
        "available_from": "2026-12-01",
        "working_time": "full_time",
        "target_groups": ["recently_laid_off"],
        "consented_orgs": ["agency-a"],
    }
    body.update(overrides)
    return body


def candidate_payload(
    cid: str, *, skill: str = "s:weld", occupation: str = "o:welder", **changes: Any
) -> dict[str, Any]:
    """A ``candidate.upserted`` payload as the profile service writes it (docs/events.md) for the
    pseudonymous id `cid`, holding `skill` and a spell in `occupation`, with `changes` applied."""
    payload: dict[str, Any] = {
        "candidate_id": cid,
        "version": 1,
        "status": "active",
        "skills": [{"uri": skill, "level": "advanced"}],
        "suggested_skills": [],
        "work_history": [{"occupation_uri": occupation, "years": 3.0, "ended_year": None}],
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": "837",
        "max_commute_km": 30.0,
        "available_from": "2026-12-01",
        "working_time": "full_time",
        "consented_orgs": ["pirkan-rekry-oy"],
    }
    payload.update(changes)
    return payload


def field_reasons(response: Any, where: Sequence[str]) -> list[str]:
    """The reasons a 422 gives under ``errors.json`` for the field at ``where`` (nested keys, list
    indices as strings: ``["work_history", "0", "years"]``); ``KeyError`` when it names none."""
    reasons = response.json["errors"]["json"]
    for key in where:
        reasons = reasons[key]
    return list(reasons)


def at_once(app: Any, n: int, request: Any) -> list[Any]:
    """``n`` requests released together from their own threads (each with its own test client of
    ``app``); ``request(client, i)`` makes the i-th. Returns the answers in completion order."""
    import threading

    barrier, answers = threading.Barrier(n), []

    def run(i: int) -> None:
        client = app.test_client()
        barrier.wait()
        answers.append(request(client, i))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


#: What :func:`concrete_paths` puts for a route's placeholders by name (any other: ``x-1``): the vacancy of
#: ``matching_world.welders_world``, a profile id, a file.
PATH_VALUES = {
    "vacancy_id": "v-weld",
    "profile_id": "tt-2026-0102",
    "path": "x",
    "filename": "x.js",
}


def concrete_paths(app: Any, candidate_id: str = "c-" + "0" * 23 + "1") -> Iterator[str]:
    """Every rule of the Flask ``app`` with its placeholders filled (``candidate_id``, else
    :data:`PATH_VALUES`, else ``x-1``: a real vacancy, candidate and profile where the fixtures have one), so
    every route that reads personal data is asked. One path a rule, in the app's rule order."""
    import re

    for rule in app.url_map.iter_rules():
        yield re.sub(
            r"<(?:[^:<>]+:)?([^<>]+)>",
            lambda m: candidate_id if m.group(1) == "candidate_id" else PATH_VALUES.get(m.group(1), "x-1"),
            rule.rule,
        )


def row_count(app: Any, table: Any) -> int:
    """How many rows ``table`` (a SQLAlchemy ``Table``) holds in ``app``'s database."""
    from sqlalchemy import func, select

    with app.extensions["kohtaanto.engine"].connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def outbox_events(app: Any, table: Any, event_type: str | None = None) -> list[dict[str, Any]]:
    """The events waiting or sent in ``app``'s outbox ``table``, as envelopes (``key``, ``event_type``,
    ``payload`` …, decoded from JSON), oldest first; only those of ``event_type`` when given. Tombstones
    (no value) are left out."""
    import json

    from sqlalchemy import select

    with app.extensions["kohtaanto.engine"].connect() as conn:
        values = conn.execute(select(table.c.value).order_by(table.c.id)).scalars().all()
    events = [json.loads(v) for v in values if v]
    return [e for e in events if event_type is None or e["event_type"] == event_type]


def deliver_to_profile(
    app: Any,
    event_type: str,
    payload: dict[str, Any],
    key: str | None = None,
    envelope: Any = None,
    producer: str = "matching-service",
) -> Any:
    """Hand one record of matching's outcomes topic to the profile ``app``'s consumer, as its worker would:
    ``payload`` as ``event_type`` from ``producer`` keyed by ``key`` (default: the payload's
    ``candidate_id``), or ``envelope`` as it is (a redelivery). Returns the envelope; raises what the
    handler raises (``PoisonMessageError`` for a record it refuses)."""
    from services.profile.events import OUTCOMES_CONSUMER
    from shared.messaging.consumer import Record
    from shared.messaging.envelope import Envelope

    key = key or payload["candidate_id"]
    envelope = envelope or Envelope(event_type, key, payload, producer)
    handle = OUTCOMES_CONSUMER.dispatcher(app.extensions["kohtaanto.profile.handlers"])
    handle(Record("kohtaanto.outcomes.v1", 0, 0, key, envelope))
    return envelope


def relay_outbox(engine: Any, table: Any) -> list[tuple[str, str, bytes | None]]:
    """What a worker's relay does: publish every waiting row of the outbox ``table`` in ``engine``'s
    database (to a :class:`FakeSender`). Returns the messages sent, ``(topic, key, value)``, oldest first
    (``value`` ``None``: a tombstone)."""
    sender = FakeSender()
    while OutboxRelay(engine, table, sender).relay_once():
        pass
    return [(topic, key, value) for topic, key, value, _ in sender.sent]


def stored_anywhere(engine: Any, words: Iterable[str]) -> list[str]:
    """Where `words` (personal data erased a moment ago) are still stored: on SQLite, the names of the
    files in the database's directory holding any of them (the database, its write-ahead log, its
    shared memory: every byte, free pages included); on PostgreSQL, the tables with a row holding
    any (a deleted row's dead tuple is no row; VACUUM reclaims it, see the README)."""
    from pathlib import Path

    from sqlalchemy import inspect, make_url, text

    found: list[str] = []
    if engine.dialect.name == "sqlite":
        directory = Path(make_url(str(engine.url)).database or ".").parent
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            data = path.read_bytes()
            found += [f"{path.name}: {w}" for w in words if w.encode() in data]
        return found
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            dump = repr(rows)
            found += [f"{table}: {w}" for w in words if w in dump]
    return found


#: Personal identity codes as outside tester 34 stored them (F3: in an outcome comment, a vacancy's
#: description, a jobseeker's name and a rating): spaces beside the century sign, other separators.
TESTER34_IDENTITY_SPELLINGS = (
    "131052 -308T",
    "131052- 308T",
    "131052 - 308T",
    "010190 A123M",
    "010190A 123M",
    "010190 A 123M",
    "131052/308T",
    "131052.308T",
    "131052_308T",
    "13 10 52-308T",
)


def reachable_objects(root: object) -> Iterator[object]:
    """Every object reachable from `root` through containers, instances and caches (an
    `functools.lru_cache` wrapper's dictionary included), not through modules, classes or
    functions' globals (the test's own source holds its sentence), nor into numpy arrays' contents:
    for the tests that a store keeps no text (erase39)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, types.ModuleType | type | types.FunctionType | types.CodeType | types.FrameType):
            continue
        if isinstance(obj, types.MethodType):
            stack.append(obj.__self__)
            continue
        stack.extend(gc.get_referents(obj))


def objects_holding(root: object, marker: str, pieces: tuple[int, ...] | None = None) -> list[object]:
    """The strings and bytes reachable from `root` that contain `marker` (any case), and the
    sequences of ints equal to `pieces`."""
    lowered = marker.lower()

    def holds(obj: object) -> bool:
        if isinstance(obj, str):
            return lowered in obj.lower()
        if isinstance(obj, bytes):
            return lowered.encode() in obj.lower()
        return (
            pieces is not None
            and isinstance(obj, tuple | list)
            and len(obj) == len(pieces)
            and tuple(obj) == pieces
        )

    found = [obj for obj in reachable_objects(root) if holds(obj)]
    return found
