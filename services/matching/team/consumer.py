"""The recruitment team's consumers, run by matching's worker: the profile service's service-path
watch points (``path.updated``; a tombstone erases a withdrawn jobseeker's) and satisfaction ratings
(``rating.recorded``, ``ratings_feed``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from services.matching.team.repository import UnitOfWork, processed
from shared.config import CommonSettings
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters, PoisonMessageError, Record
from shared.messaging.idempotency import claim
from shared.messaging.kafka import make_consumer
from shared.worker import LazySender

PATH_UPDATED = "path.updated"
REASONS = {"no_active_step", "step_overdue", "handover_unacknowledged"}
NAME = "matching.paths"


def read_path(payload: Any) -> dict[str, Any]:
    """The fields matching uses of ``path.updated`` (others ignored); PoisonMessageError if unusable."""
    try:
        watch = [
            {
                "reason": str(w["reason"]),
                "from": date.fromisoformat(w["from"]).isoformat(),
                "org": str(w["org"]),
            }
            for w in payload["watch"]
        ]
        out = {
            "candidate_id": str(payload["candidate_id"]),
            "path_id": str(payload["path_id"]),
            "version": int(payload["version"]),
            "status": str(payload["status"]),
            "region": str(payload.get("region") or ""),
            "watch": watch,
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessageError(f"path.updated payload unusable: {exc!r}") from None
    if out["status"] not in ("open", "closed") or any(w["reason"] not in REASONS for w in watch):
        raise PoisonMessageError("path.updated: unknown status or reason")
    return out


def handle_path(uow_factory: Callable[[], UnitOfWork], record: Record) -> None:
    with uow_factory() as uow:
        if record.envelope is None:
            if record.key:
                uow.paths.erase(record.key)
                uow.commit()
            return
        envelope = record.envelope
        if envelope.event_type != PATH_UPDATED:
            return
        if not claim(uow.conn, processed, NAME, envelope.event_id):
            return
        uow.paths.apply(read_path(envelope.payload), datetime.now(UTC))
        uow.commit()


def _consumer(
    common: CommonSettings, topic: str, name: str, handle: Callable[[Callable[[], UnitOfWork], Record], None]
) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    def factory(stop: threading.Event, sender: LazySender) -> Callable[[], None]:
        engine = make_engine(common.database_url)

        def run() -> None:
            consumer = make_consumer(common.kafka, group_id=f"matching-service.{name.split('.')[-1]}")
            consumer.subscribe([topic])
            loop = ConsumerLoop(
                consumer,
                lambda r: handle(lambda: UnitOfWork(engine), r),
                DeadLetters(sender, common.kafka.dead_letter_topic, name),
                name=name,
            )
            loop.run(stop)

        return run

    return factory


def paths_consumer(common: CommonSettings) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    return _consumer(common, common.kafka.paths_topic, NAME, handle_path)


def ratings_consumer(common: CommonSettings) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    from services.matching.team.ratings_feed import NAME as RATINGS
    from services.matching.team.ratings_feed import handle_rating

    return _consumer(common, common.kafka.ratings_topic, RATINGS, handle_rating)
