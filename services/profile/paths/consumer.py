"""The profile service's consumer of matching's course suggestions (``training.suggested`` on
``kohtaanto.training.v1``): kept per pseudonymous candidate for the jobseeker's own coach; a tombstone
(no gaps left) removes them. Idempotent: the latest state per candidate simply replaces the last."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import TYPE_CHECKING, Any

from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.idempotency import claim

if TYPE_CHECKING:
    from services.profile.paths.repository import JourneyUnitOfWork

TRAINING_SUGGESTED = "training.suggested"
NAME = "profile.training"
UowFactory = Callable[[], "JourneyUnitOfWork"]


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


def training_suggested(uow_factory: UowFactory, record: Record, kept: dict[str, Any]) -> None:
    """Keep the candidate's latest suggestions for the coach (idempotent by event id); nothing is
    kept for a candidate without a profile here."""
    from services.profile.repository import processed  # not at import: events -> here -> repository

    assert record.envelope is not None
    with uow_factory() as uow:
        if not claim(uow.conn, processed, NAME, record.envelope.event_id):
            return
        if uow.profiles.by_candidate([kept["candidate_id"]]):  # nobody here: nothing to keep
            uow.training.put(kept["candidate_id"], kept, record.envelope.occurred_at.astimezone(UTC))
        uow.commit()


def training_withdrawn(uow_factory: UowFactory, record: Record) -> None:
    """A tombstone: no gaps left, the suggestions are erased."""
    if record.key:
        with uow_factory() as uow:
            uow.training.erase(record.key)
            uow.commit()


def handle_training(uow_factory: UowFactory, record: Record) -> None:
    """Dispatch one record as ``services.profile.events.TRAINING_CONSUMER`` declares."""
    from services.profile.events import TRAINING_CONSUMER

    TRAINING_CONSUMER.dispatcher(uow_factory)(record)
