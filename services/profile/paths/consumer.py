"""The profile service's consumer of matching's course suggestions (``training.suggested`` on
``kohtaanto.training.v1``): kept per pseudonymous candidate for the jobseeker's own coach; a tombstone
(no gaps left) removes them. Idempotent: the latest state per candidate simply replaces the last."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC
from typing import Any

from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.repository import processed
from shared.config import CommonSettings
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters, PoisonMessageError, Record
from shared.messaging.idempotency import claim
from shared.messaging.kafka import make_consumer
from shared.worker import LazySender

TRAINING_SUGGESTED = "training.suggested"
NAME = "profile.training"


def read_suggestions(payload: Any) -> dict[str, Any]:
    """What the profile service keeps of ``training.suggested``; PoisonMessageError if unusable."""
    try:
        gaps = [
            {
                "vacancy_id": str(g["vacancy_id"]),
                "vacancy_title": str(g.get("vacancy_title", "")),
                "source": str(g["source"]),
                "recorded_on": str(g.get("recorded_on", "")),
                "missing": [
                    {"uri": str(m["uri"]), "label": str(m.get("label", m["uri"]))} for m in g["missing"]
                ],
                "courses": [dict(c) for c in g["courses"]],
                "uncovered": [str(u) for u in g.get("uncovered", [])],
            }
            for g in payload["gaps"]
        ]
        return {"candidate_id": str(payload["candidate_id"]), "gaps": gaps}
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessageError(f"training.suggested payload unusable: {exc!r}") from None


def handle_training(uow_factory: Callable[[], JourneyUnitOfWork], record: Record) -> None:
    with uow_factory() as uow:
        if record.envelope is None:
            if record.key:
                uow.training.erase(record.key)
                uow.commit()
            return
        envelope = record.envelope
        if envelope.event_type != TRAINING_SUGGESTED or not claim(
            uow.conn, processed, NAME, envelope.event_id
        ):
            return
        kept = read_suggestions(envelope.payload)
        if uow.profiles.by_candidate([kept["candidate_id"]]):  # nobody here: nothing to keep
            uow.training.put(kept["candidate_id"], kept, envelope.occurred_at.astimezone(UTC))
        uow.commit()


def training_consumer(common: CommonSettings) -> Callable[[threading.Event, LazySender], Callable[[], None]]:
    def factory(stop: threading.Event, sender: LazySender) -> Callable[[], None]:
        engine = make_engine(common.database_url)
        kafka = common.kafka

        def run() -> None:
            consumer = make_consumer(kafka, group_id="profile-service.training")
            consumer.subscribe([kafka.training_topic])
            loop = ConsumerLoop(
                consumer,
                lambda r: handle_training(
                    lambda: JourneyUnitOfWork(engine, kafka.candidates_topic, kafka.paths_topic), r
                ),
                DeadLetters(sender, kafka.dead_letter_topic, NAME),
                name=NAME,
            )
            loop.run(stop)

        return run

    return factory
