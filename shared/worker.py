"""A service's worker process: the outbox relay and the service's consumers, each in a thread,
stopped cleanly on SIGTERM/SIGINT. Broker outages are waited out, never fatal."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

from sqlalchemy import Engine, MetaData, Table

from shared.config import CommonSettings, KafkaSettings
from shared.db import make_engine
from shared.logging import configure_logging
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.deadletters import dead_letter_ledger
from shared.messaging.errors import is_record_error
from shared.messaging.events import ConsumerSpec
from shared.messaging.heartbeat import beat_interval, worker_heartbeat
from shared.messaging.kafka import KafkaSender, make_consumer, security_config
from shared.messaging.outbox import OutboxRelay, SendResult
from shared.messaging.topics import DEADLETTER
from shared.metrics import OutboxCollector, serve_worker_metrics
from shared.migrations import prepare_database, service_migrations

log = logging.getLogger(__name__)
C = TypeVar("C")


class LazySender:
    """A ``KafkaSender`` created on first use and re-created after a failure, so a worker can start
    while the broker is down."""

    def __init__(self, settings: KafkaSettings) -> None:
        self.settings = settings
        self._sender: KafkaSender | None = None
        self._lock = threading.Lock()

    def _get(self) -> KafkaSender:
        with self._lock:
            if self._sender is None:
                self._sender = KafkaSender(self.settings)
            return self._sender

    def _reset(self) -> None:
        with self._lock:
            if self._sender is not None:
                with contextlib.suppress(Exception):
                    self._sender.close()
            self._sender = None

    def close(self, timeout_s: float = 5.0) -> None:
        """Close the producer within ``timeout_s``; when another thread is still stuck creating it
        (a broker that does not answer), leave it to the process's exit."""
        if not self._lock.acquire(timeout=max(timeout_s, 0.0)):
            return
        try:
            if self._sender is not None:
                with contextlib.suppress(Exception):
                    self._sender.close(timeout_s)
            self._sender = None
        finally:
            self._lock.release()

    def send_all(self, messages: Sequence[tuple[str, str, bytes | None]]) -> SendResult:
        try:
            result = self._get().send_all(messages)
        except Exception:
            self._reset()
            raise
        if result.error is not None and not is_record_error(result.error):
            self._reset()  # a new producer after an outage (its sequence numbers start afresh)
        return result

    def send(
        self, topic: str, key: str, value: bytes | None, headers: list[tuple[str, bytes]] | None = None
    ) -> None:
        try:
            self._get().send(topic, key, value, headers)
        except Exception:
            self._reset()
            raise


# A consumer factory gets the settings, the service's database engine, the stop event and the shared
# sender (for dead letters) and returns a callable that runs until the event is set.
ConsumerFactory = Callable[[CommonSettings, Engine, threading.Event, LazySender], Callable[[], None]]


def group_consumer(
    spec: ConsumerSpec[C], context: Callable[[Engine], C], *, log_each: bool = False
) -> ConsumerFactory:
    """A consumer-group member for ``spec``: subscribes to its topics, dispatches by its declarations
    to handlers working on ``context(engine)``, and dead-letters each poison record once (the
    record of what was dead-lettered lives in the service's database), and beats after every poll
    (``shared.messaging.heartbeat``: the service's readiness names it when it falls silent).
    ``log_each`` logs one line per handled event (for low-volume business streams). Raises
    ``ValueError`` when ``spec``
    declares no consumer group (a consumer that assigns partitions itself, like the matching index)."""
    if spec.group is None:
        raise ValueError(f"{spec.name} declares no consumer group")
    group = spec.group

    def factory(
        settings: CommonSettings, engine: Engine, stop: threading.Event, sender: LazySender
    ) -> Callable[[], None]:
        handler = spec.dispatcher(context(engine))
        dead_letters = DeadLetters(sender, DEADLETTER.name, spec.name, ledger=dead_letter_ledger(engine))
        heartbeat = worker_heartbeat(
            engine, spec.name, interval_s=beat_interval(settings.worker_max_silence_seconds)
        )

        def run() -> None:
            consumer = make_consumer(settings.kafka, group_id=group)
            consumer.subscribe(spec.topic_names())
            ConsumerLoop(
                consumer, handler, dead_letters, name=spec.name, log_each=log_each, heartbeat=heartbeat
            ).run(stop)

        return run

    return factory


def run_worker(
    settings: CommonSettings,
    metadata: MetaData,
    outbox: Table,
    consumers: Sequence[ConsumerFactory],
    stop: threading.Event | None = None,
) -> None:
    """Run a service's worker until ``stop`` is set (or SIGTERM/SIGINT when called on the main
    thread): the outbox relay of ``outbox`` and one thread per consumer factory, each restarted after
    2 s when it crashes. The database is migrated (or checked) first; ``/metrics`` is served on
    ``settings.worker_metrics`` when set. On stop, threads and the producer get
    ``settings.worker_stop_seconds`` (seconds) in all, and what is cut short is repeated after the
    restart (at-least-once). Raises ``ConfigError`` when Kafka credentials are missing and
    ``MigrationError`` when the schema is behind and may not be migrated here (before any thread
    starts)."""
    configure_logging(f"{settings.service}-worker")
    security_config(settings.kafka)  # fail fast on missing credentials, not at the first send
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    engine = make_engine(settings.database_url)
    prepare_database(
        engine, service_migrations(settings.service, metadata), migrate=settings.migrate_on_start
    )
    sender = LazySender(settings.kafka)
    relay = OutboxRelay(engine, outbox, sender)
    metrics_server = None
    if settings.worker_metrics:
        metrics_server = serve_worker_metrics(settings.worker_metrics, [OutboxCollector(engine, outbox)])
    threads: list[threading.Thread] = [
        threading.Thread(target=relay.run, args=(stop,), name="outbox-relay", daemon=True)
    ]
    for factory in consumers:
        run = factory(settings, engine, stop, sender)
        threads.append(threading.Thread(target=_guard(run, stop), daemon=True))
    for thread in threads:
        thread.start()
    log.info("worker started", extra={"service": settings.service, "threads": len(threads)})
    stop.wait()
    # Stop within the budget even when the broker is down and a send or a poll hangs: the relay
    # marks a row published only after the broker's ack, so a send cut short is repeated after the
    # restart (at-least-once) and no outbox row is lost; a consumer's uncommitted offset likewise.
    deadline = time.monotonic() + settings.worker_stop_seconds
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0.0))
    sender.close(timeout_s=max(deadline - time.monotonic(), 0.1))
    if metrics_server is not None:
        metrics_server.shutdown()
    engine.dispose()
    unfinished = [t.name for t in threads if t.is_alive()]
    log.info("worker stopped", extra={"service": settings.service, "cut_short": unfinished})


def exit_process(code: int = 0) -> NoReturn:
    """End a worker process at once after ``run_worker`` returned: flush the logs and skip the
    interpreter's finalisation, which tears down every imported module and takes seconds on a busy
    machine. Nothing is lost: the worker's state is in its database and in Kafka."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _guard(run: Callable[[], Any], stop: threading.Event) -> Callable[[], None]:
    """Restart a consumer that crashed (e.g. could not reach the broker at start) after a pause."""

    def loop() -> None:
        while not stop.is_set():
            try:
                run()
                return
            except Exception as exc:
                log.warning("consumer crashed, restarting", extra={"error": repr(exc)})
                stop.wait(2.0)

    return loop
