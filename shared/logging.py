"""Structured (JSON lines) logging to stdout, configured once per process, with a request id.

Every line carries the service and, while a request or an event is being handled, the fields of
:func:`log_context` — above all ``request_id``: taken from the caller's ``X-Request-ID`` (or made up)
by :func:`init_request_logging`, written into each event the request causes (the envelope's
``correlation_id``), and put back into the log context by the consumer that handles the event, in
whichever service. One id thus follows a user's action from HTTP through the outbox and Kafka into
every consumer's log lines.

No personal data in log lines: log ids (vacancy, profile, pseudonymous candidate ids, event ids),
counts and reasons, never names, contact details, free text or tokens. tests/e2e/test_logs_end_to_end.py
drives personal data through the services and scans every log line.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from flask import Flask, Response, g, request

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
_CONTEXT: ContextVar[Mapping[str, Any]] = ContextVar("kohtaanto_log_context", default=MappingProxyType({}))
REQUEST_ID_HEADER = "X-Request-ID"
_QUIET_PATHS = ("/health/", "/metrics")
_access = logging.getLogger("kohtaanto.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Add ``fields`` (None values skipped) to every log line written inside the block."""
    token = _CONTEXT.set({**_CONTEXT.get(), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def current_request_id() -> str | None:
    """The request id of the request or event being handled in this thread, if any."""
    value = _CONTEXT.get().get("request_id")
    return str(value) if value is not None else None


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str | None = None) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if self.service:
            entry["service"] = self.service
        entry.update(_CONTEXT.get())
        entry.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RepeatThrottle(logging.Filter):
    """Lets through at most one record per `window_s` seconds of each kind of a chatty library's
    lines (``prefixes``: the Kafka client's loggers), counting the ones it held back.

    A kind is the logger and level plus the message with its numbers and object addresses blanked
    (so "... ran for 0.166s" and "... ran for 0.208s" are one kind). The first record of a kind
    passes at once; the next one that passes after `window_s` carries ``suppressed`` (how many of
    its kind were dropped in between). Outside tester 17 (P20): with the broker down, the Kafka
    client logged about 80 ERROR lines a second (one per reconnect, metadata refresh and fetch
    attempt); with this, each kind is one line per window, so an outage logs at a bounded rate.
    Records of other loggers pass untouched."""

    _VARYING = re.compile(r"0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?")

    def __init__(
        self,
        window_s: float = 30.0,
        prefixes: tuple[str, ...] = ("kafka",),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.window_s = window_s
        self.prefixes = prefixes
        self.clock = clock
        self._seen: dict[tuple[str, int, str], tuple[float, int]] = {}  # kind -> (passed at, dropped)
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        if not any(name == p or name.startswith(p + ".") for p in self.prefixes):
            return True
        try:
            text = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: its template
            text = str(record.msg)
        kind = (name, record.levelno, self._VARYING.sub("#", text)[:200])
        now = self.clock()
        with self._lock:
            passed_at, dropped = self._seen.get(kind, (-float("inf"), 0))
            if now - passed_at < self.window_s:
                self._seen[kind] = (passed_at, dropped + 1)
                return False
            if len(self._seen) > 1000:  # kinds are few; bound the memory all the same
                self._seen.clear()
            self._seen[kind] = (now, 0)
        if dropped:
            record.suppressed = dropped
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """One JSON object per line on stdout for every logger of the process (``JsonFormatter``, with
    ``service`` in each line), repeats throttled (``RepeatThrottle``), kafka-python's and Alembic's
    loggers at WARNING. Idempotent: a second call changes nothing. Raises ``ValueError`` for a
    ``level`` that is no logging level name."""
    root = logging.getLogger()
    if getattr(root, "_kohtaanto_configured", False):
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    handler.addFilter(RepeatThrottle())
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("kafka").setLevel("WARNING")
    logging.getLogger("alembic").setLevel("WARNING")  # shared.migrations logs what it migrated
    root._kohtaanto_configured = True  # type: ignore[attr-defined]
    logging.getLogger(__name__).info("logging configured", extra={"level": level})


def init_request_logging(app: Flask) -> None:
    """Give every request an id and log one access line for it.

    The id is the caller's ``X-Request-ID`` when that is a plain token of at most 64 characters,
    else a fresh one; it is in the log context while the request runs and echoed in the response's
    ``X-Request-ID``. The access line (logger ``kohtaanto.access``) names the route *template*, not
    the path: paths carry ids a client chose and query strings carry tokens or search terms. No
    client address either. Probes (``/health/*``, ``/metrics``) are not logged.
    """

    @app.before_request
    def _enter() -> None:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        g.kohtaanto_request_id = request_id
        g.kohtaanto_request_started = time.perf_counter()
        g.kohtaanto_log_token = _CONTEXT.set({**_CONTEXT.get(), "request_id": request_id})

    @app.after_request
    def _echo(response: Response) -> Response:
        request_id = g.get("kohtaanto_request_id")
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        g.kohtaanto_response_status = response.status_code
        return response

    @app.teardown_request
    def _leave(exc: BaseException | None) -> None:
        started = g.pop("kohtaanto_request_started", None)
        if started is not None and not request.path.startswith(_QUIET_PATHS):
            _access.info(
                "request",
                extra={
                    "method": request.method,
                    "route": request.url_rule.rule if request.url_rule is not None else "<unmatched>",
                    "status": g.get("kohtaanto_response_status", 500 if exc else 200),
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        token: Token[Mapping[str, Any]] | None = g.pop("kohtaanto_log_token", None)
        if token is not None:
            try:
                _CONTEXT.reset(token)
            except ValueError:  # teardown in another context than the request ran in
                _CONTEXT.set(MappingProxyType({}))
