"""Prometheus metrics (prometheus-client): what an operator watches and alerts on (deploy/prometheus/).

Web processes serve ``GET /metrics``. gunicorn runs several worker processes per service, and a
scrape reaches one of them at random, so counters and histograms use prometheus-client's
multiprocess mode: ``deploy/gunicorn.conf.py`` points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh
directory before forking, each worker writes its samples there, and ``/metrics`` adds them up (a
dead worker's gauges are dropped in gunicorn's ``child_exit``). Figures that live in the database
(outbox backlog and age) or in the process's memory (the matching index) are read when scraped.
A worker process (outbox relay, consumers) serves the same format on ``KOHTAANTO_WORKER_METRICS`` (``host:port``).

Metric objects are module-level, as prometheus-client requires (one per name per process); they hold
no connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, Table

from shared.methods import metric_method

log = logging.getLogger(__name__)

NAMESPACE = "kohtaanto"
OTHER_STATUS = "other"
_STATUSES = frozenset(int(s) for s in HTTPStatus)

HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request, by route template (seconds)",
    ["service", "method", "route", "status"],
    namespace=NAMESPACE,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SHORTLIST_DURATION = Histogram(
    "shortlist_duration_seconds",
    "Time to rank and explain one shortlist in the matching service, without HTTP (seconds)",
    namespace=NAMESPACE,
    buckets=(0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024),
)
CONSUMER_LAG = Gauge(
    "consumer_lag_messages",
    "Messages in a partition not yet handled by a consumer (high watermark - position)",
    ["consumer", "topic", "partition"],
    namespace=NAMESPACE,
    multiprocess_mode="livemax",
)
CONSUMER_OFFSET = Gauge(
    "consumer_last_handled_offset",
    "Offset of the last message a consumer handled in a partition",
    ["consumer", "topic", "partition"],
    namespace=NAMESPACE,
    multiprocess_mode="livemax",
)
CONSUMED = Counter(
    "consumer_messages_total",
    "Messages a consumer handled",
    ["consumer", "topic"],
    namespace=NAMESPACE,
)
DEAD_LETTERS = Counter(
    "dead_letters_total",
    "Poison messages a consumer copied to the dead-letter topic",
    ["consumer", "topic"],
    namespace=NAMESPACE,
)
OUTBOX_PUBLISHED = Counter(
    "outbox_published_total",
    "Outbox rows the relay published (acknowledged by the broker)",
    namespace=NAMESPACE,
)
OUTBOX_RELAY_ERRORS = Counter(
    "outbox_relay_errors_total",
    "Relay attempts that failed (broker or database unavailable); retried with backoff",
    namespace=NAMESPACE,
)


def multiprocess_dir() -> str | None:
    """The directory gunicorn's workers share their samples in, when running under gunicorn."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


_partitions: dict[str, set[tuple[str, str]]] = {}


def observe_consumer(name: str, consumer: Any, handled: Mapping[Any, int]) -> int | None:
    """After a poll: the last handled offset and the lag of each assigned partition. Returns the lag
    summed over the assigned partitions whose lag is known (messages; None when none is).

    ``handled`` maps a ``TopicPartition`` to the offset handled last in this poll. Lag needs the
    high watermark of a fetch response, so it appears after the first fetch of a partition. Never
    raises: metrics must not stop a consumer.
    """
    lags: list[int] = []
    try:
        for tp, offset in handled.items():
            CONSUMER_OFFSET.labels(name, tp.topic, str(tp.partition)).set(offset)
        owned = set()
        for tp in consumer.assignment():
            owned.add((tp.topic, str(tp.partition)))
            high, position = consumer.highwater(tp), consumer.position(tp, timeout_ms=0)
            if high is not None and position is not None:
                lags.append(max(high - position, 0))
                CONSUMER_LAG.labels(name, tp.topic, str(tp.partition)).set(lags[-1])
        for topic, partition in _partitions.get(name, set()) - owned:  # moved away by a rebalance
            _remove(name, topic, partition)
        _partitions[name] = owned
    except Exception:
        pass
    return sum(lags) if lags else None


def forget_consumer(name: str) -> None:
    """Drop a stopped consumer's per-partition gauges."""
    for topic, partition in _partitions.pop(name, set()):
        _remove(name, topic, partition)


def _remove(name: str, topic: str, partition: str) -> None:
    for gauge in (CONSUMER_LAG, CONSUMER_OFFSET):
        with contextlib.suppress(KeyError):
            gauge.remove(name, topic, partition)


class OutboxCollector(Collector):
    """The outbox backlog and the age of its oldest unpublished row, read from the database when
    scraped (so they are right even when the relay is down, which is when they matter)."""

    def __init__(self, engine: Engine, table: Table) -> None:
        self.engine = engine
        self.table = table

    def collect(self) -> Iterable[Metric]:
        from shared.messaging.outbox import Outbox  # (it imports this module for its relay counters)

        with self.engine.connect() as conn:
            backlog = Outbox(self.table).backlog(conn)
        pending, age = backlog.pending, backlog.age_s(datetime.now(UTC))
        yield GaugeMetricFamily(
            f"{NAMESPACE}_outbox_pending", "Outbox rows not yet published to Kafka", value=pending
        )
        yield GaugeMetricFamily(
            f"{NAMESPACE}_outbox_oldest_pending_age_seconds",
            "Age of the oldest unpublished outbox row (0 when none is waiting)",
            value=age,
        )


class HeartbeatCollector(Collector):
    """``kohtaanto_worker_heartbeat_age_seconds{worker}``: seconds since each of the service's consumers
    last polled holding a partition, read from the database when scraped (``ages``, e.g.
    ``WorkersCheck.ages``); a consumer never heard of has no sample."""

    def __init__(self, ages: Callable[[], Mapping[str, float | None]]) -> None:
        self.ages = ages

    def collect(self) -> Iterable[Metric]:
        family = GaugeMetricFamily(
            f"{NAMESPACE}_worker_heartbeat_age_seconds",
            "Seconds since a consumer of the service last polled holding a partition (its heartbeat)",
            labels=["worker"],
        )
        for worker, age in sorted(self.ages().items()):
            if age is not None:
                family.add_metric([worker], age)
        yield family


class ChecksCollector(Collector):
    """The health checks as gauges: ``kohtaanto_check_ok{check}`` and ``kohtaanto_ready``."""

    def __init__(
        self, checks: Mapping[str, Callable[[], Mapping[str, Any]]], required: Iterable[str]
    ) -> None:
        self.checks = checks
        self.required = frozenset(required)

    def collect(self) -> Iterable[Metric]:
        ok = GaugeMetricFamily(f"{NAMESPACE}_check_ok", "1 when a health check passes", labels=["check"])
        ready = 1
        for name, check in self.checks.items():
            try:
                passed = bool(check().get("ok"))
            except Exception:
                passed = False
            ok.add_metric([name], 1.0 if passed else 0.0)
            if name in self.required and not passed:
                ready = 0
        yield ok
        yield GaugeMetricFamily(
            f"{NAMESPACE}_ready",
            "1 when /health/ready answers 200 (every required check passes)",
            value=ready,
        )


class GaugesCollector(Collector):
    """Gauges a function computes when scraped: it returns ``{name: (help, value)}`` and each
    becomes ``kohtaanto_<name>``."""

    def __init__(self, read: Callable[[], Mapping[str, tuple[str, float]]]) -> None:
        self.read = read

    def collect(self) -> Iterable[Metric]:
        for name, (help_text, value) in self.read().items():
            yield GaugeMetricFamily(f"{NAMESPACE}_{name}", help_text, value=float(value))


def exposition(collectors: Iterable[Collector]) -> bytes:
    """The text format of the process-wide metrics (added up over gunicorn's workers in multiprocess
    mode) followed by ``collectors``' scrape-time gauges."""
    if multiprocess_dir():
        shared = CollectorRegistry()
        multiprocess.MultiProcessCollector(shared)
    else:
        shared = REGISTRY
    local = CollectorRegistry(auto_describe=False)
    for collector in collectors:
        local.register(_Guarded(collector))
    return generate_latest(shared) + generate_latest(local)


class _Guarded(Collector):
    """``inner``'s metrics, or none when reading them fails (the database down: the outbox's and the
    heartbeats' gauges read it when scraped): the scrape still gives every other metric, among them
    ``kohtaanto_check_ok`` and ``kohtaanto_ready`` saying what is down, instead of a 500 (review39).
    The failure is logged with the exception's class only (its text may name hosts or users)."""

    def __init__(self, inner: Collector) -> None:
        self.inner = inner

    def collect(self) -> Iterable[Metric]:
        try:
            return list(self.inner.collect())
        except Exception as exc:
            log.warning(
                "metrics collector failed",
                extra={"collector": type(self.inner).__name__, "error": type(exc).__name__},
            )
            return []


def metrics_blueprint(collectors: list[Collector]) -> Blueprint:
    """``GET /metrics`` in Prometheus' text format (no personal data; keep it off the public edge)."""
    bp = Blueprint("metrics", __name__)

    @bp.get("/metrics")
    def metrics() -> Response:
        return Response(exposition(collectors), mimetype=CONTENT_TYPE_LATEST)

    return bp


def instrument(app: Flask, service: str) -> None:
    """Time every request into ``kohtaanto_http_request_duration_seconds`` by route template (the
    ``url_rule``, so ids never become labels; ``<unmatched>`` for a 404 or 405 without a route), method
    (``shared.methods.metric_method``: an invented one is ``other``) and status (``status_label``).
    Every label is from a set the services fix, whatever a client sends (outside tester 37, K3:
    100 invented methods had grown matching's ``/metrics`` from 55 KB to 251 KB)."""

    @app.before_request
    def _start() -> None:
        g.kohtaanto_started = time.perf_counter()

    @app.teardown_request
    def _observe(_exc: BaseException | None) -> None:
        started = g.pop("kohtaanto_started", None)
        if started is None:
            return
        status = getattr(g, "kohtaanto_status", 500 if _exc else 200)
        route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        HTTP_DURATION.labels(service, metric_method(request.method), route, status_label(status)).observe(
            time.perf_counter() - started
        )

    @app.after_request
    def _status(response: Response) -> Response:
        g.kohtaanto_status = response.status_code
        return response


def status_label(status: int) -> str:
    """An HTTP status as a label value: its number when it is a status ``http.HTTPStatus`` knows, else
    ``other`` (the services answer only such statuses; this keeps the label bounded if one ever does not)."""
    return str(status) if status in _STATUSES else OTHER_STATUS


class _Together(Collector):
    def __init__(self, collectors: Iterable[Collector]) -> None:
        self.collectors = [REGISTRY, *collectors]

    def collect(self) -> Iterable[Metric]:
        for collector in self.collectors:
            yield from collector.collect()


def serve_worker_metrics(address: str, collectors: Iterable[Collector] = ()) -> Any:
    """Serve ``/metrics`` from a worker process (one process: the default registry, plus
    ``collectors``) on ``address`` (``host:port``) in a daemon thread; returns the server
    (``shutdown()`` stops it). Raises ``OSError`` when the port is taken."""
    from prometheus_client import start_http_server

    host, _, port = address.rpartition(":")
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Together(collectors))
    server, _thread = start_http_server(int(port), addr=host or "127.0.0.1", registry=registry)
    return server
