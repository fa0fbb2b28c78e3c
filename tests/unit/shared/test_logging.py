"""JSON log lines carry the request id from HTTP into the events a request causes and into the log
lines of the consumers that handle them."""

from __future__ import annotations

import io
import json
import logging
from collections import namedtuple
from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from shared.logging import (
    JsonFormatter,
    RepeatThrottle,
    current_request_id,
    init_request_logging,
    log_context,
)
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.envelope import Envelope
from tests.helpers import FakeSender

TP = namedtuple("TP", "topic partition")
Message = namedtuple("Message", "topic partition offset key value")
log = logging.getLogger("tests.logging")


@pytest.fixture
def lines() -> Iterator[Callable[[], list[dict]]]:
    """The JSON lines logged so far in a test (as the services format them)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("test-service"))
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def app_logging_a_line() -> Flask:
    app = Flask("t")
    init_request_logging(app)

    @app.post("/things")
    def post() -> dict:
        log.info("thing made")
        return {"correlation_id": Envelope("thing.made", "k", {}, producer="p").correlation_id}

    return app


def test_a_request_keeps_the_callers_request_id_in_its_log_lines_its_events_and_its_response(
    lines: Callable[[], list[dict]],
) -> None:
    r = app_logging_a_line().test_client().post("/things", headers={"X-Request-ID": "req-123.abc"})
    assert r.headers["X-Request-ID"] == "req-123.abc"
    assert r.json == {"correlation_id": "req-123.abc"}
    (line,) = [x for x in lines() if x["msg"] == "thing made"]
    assert line["request_id"] == "req-123.abc" and line["service"] == "test-service"
    assert current_request_id() is None, "nothing leaks out of the request"


@pytest.mark.parametrize("given", [None, "", "x" * 65, "has space", "new\nline", "ä"])
def test_a_missing_or_unsafe_request_id_is_replaced_by_a_fresh_one(given: str | None) -> None:
    headers = {} if given is None else {"X-Request-ID": given}
    try:
        r = app_logging_a_line().test_client().post("/things", headers=headers)
    except ValueError:  # werkzeug refuses a header with a newline before it reaches the app
        assert given is not None and "\n" in given
        return
    made = r.headers["X-Request-ID"]
    assert made != given and len(made) == 32 and made == r.json["correlation_id"]


def test_the_correlation_id_survives_the_envelopes_round_trip_and_may_be_absent() -> None:
    with log_context(request_id="req-1"):
        envelope = Envelope("e", "k", {"n": 1}, producer="p")
    assert Envelope.decode(envelope.encode()).correlation_id == "req-1"
    bare = Envelope("e", "k", {"n": 1}, producer="p")
    assert bare.correlation_id is None and "correlation_id" not in bare.to_dict()
    assert Envelope.decode(bare.encode()).correlation_id is None


class OneBatch:
    def __init__(self, messages: list[Message]) -> None:
        self.tp = TP("t", 0)
        self.pending = messages

    def poll(self, timeout_ms: int = 0) -> dict:
        batch, self.pending = self.pending, []
        return {self.tp: batch} if batch else {}

    def commit(self, offsets: object) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_consumer_logs_with_the_request_id_of_the_event_it_handles(lines: Callable[[], list[dict]]) -> None:
    with log_context(request_id="req-from-http"):
        caused = Envelope("outcome.recorded", "k", {"n": 1}, producer="matching-service")
    message = Message("t", 0, 7, b"k", caused.encode())

    def handler(record: object) -> None:
        log.info("handling", extra={"note": "inside the handler"})
        assert Envelope("candidate.upserted", "c", {}, producer="p").correlation_id == "req-from-http"

    loop = ConsumerLoop(
        OneBatch([message]), handler, DeadLetters(FakeSender(), "dlq", "c"), name="c", log_each=True
    )
    loop.poll_once()
    mine = [x for x in lines() if x["msg"] in {"handling", "event handled"}]
    assert [x["msg"] for x in mine] == ["handling", "event handled"]
    for line in mine:
        assert line["request_id"] == "req-from-http"
        assert line["event_id"] == caused.event_id and line["consumer"] == "c"
    assert current_request_id() is None


def test_the_kafka_clients_repeated_lines_pass_once_per_window_with_a_count_of_the_rest():
    """Outside tester 17, P20: with the broker down, about 80 ERROR lines a second (one per
    reconnect, metadata refresh and fetch). Each kind of line (numbers and addresses aside) passes
    once per window; the next one that passes says how many were held back; other loggers pass."""
    now = [0.0]
    throttle = RepeatThrottle(window_s=30.0, clock=lambda: now[0])

    def record(name: str, message: str, *args: object, level: int = logging.ERROR) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, message, args, None)

    def passed(r: logging.LogRecord) -> bool:
        return throttle.filter(r)

    refused = "Fetch to node %s failed: KafkaConnectionError: 111 ECONNREFUSED"
    assert passed(record("kafka.consumer.fetcher", refused, 1))
    slow = "Task <Task object at 0x7f36500380> ran for 0.166s (>0.100s threshold)."
    assert passed(record("kafka.net.selector", slow, level=logging.WARNING))
    held = [passed(record("kafka.consumer.fetcher", refused, 1)) for _ in range(80)]
    later = slow.replace("0x7f36500380", "0x7f365005df").replace("0.166", "0.208")
    held.append(passed(record("kafka.net.selector", later, level=logging.WARNING)))
    assert not any(held)
    assert all(passed(record("services.matching.index.feed", "index feed failed")) for _ in range(3))
    now[0] = 31.0
    again = record("kafka.consumer.fetcher", refused, 1)
    assert passed(again) and again.suppressed == 80
    other = record("kafka.consumer.fetcher", "Fetch to node %s failed: socket disconnected", 1)
    assert passed(other) and not hasattr(other, "suppressed")
