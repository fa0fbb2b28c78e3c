"""The recruitment team's consumers, run by matching's worker: the profile service's service-path
watch points (``path.updated``; a tombstone erases a withdrawn jobseeker's) and satisfaction ratings
(``rating.recorded``, ``ratings_feed``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.idempotency import claim

if TYPE_CHECKING:
    from services.matching.team.repository import UnitOfWork

UowFactory = Callable[[], "UnitOfWork"]

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


def path_updated(uow_factory: UowFactory, record: Record, path: dict[str, Any]) -> None:
    """Keep the path's watch points (idempotent by event id; older versions are ignored). A path of an
    erased candidate (a late duplicate, a dead letter re-published after the withdrawal) is not kept: it
    would store the pseudonym again and count the person in the meeting's follow-ups (privacy37)."""
    from services.matching.team.repository import processed  # not at import: events -> here -> repository

    assert record.envelope is not None
    with uow_factory() as uow:
        if not claim(uow.conn, processed, NAME, record.envelope.event_id):
            return
        if not uow.erased(path["candidate_id"]):
            uow.paths.apply(path, datetime.now(UTC))
        uow.commit()


def path_erased(uow_factory: UowFactory, record: Record) -> None:
    """A tombstone: the profile was withdrawn, its watch points are erased."""
    if record.key:
        with uow_factory() as uow:
            uow.paths.erase(record.key)
            uow.commit()


def handle_path(uow_factory: UowFactory, record: Record) -> None:
    """Dispatch one record as ``services.matching.team.events.PATHS_CONSUMER`` declares."""
    from services.matching.team.events import PATHS_CONSUMER

    PATHS_CONSUMER.dispatcher(uow_factory)(record)


def read_rating(payload: Any) -> dict[str, Any]:
    """``ratings_feed.read_rating`` (imported when used: ratings_feed defines a table on the
    repository's metadata, and the repository imports the events that import this module)."""
    from services.matching.team.ratings_feed import read_rating as read

    return read(payload)


def rating_recorded(uow_factory: UowFactory, record: Record, figure: dict[str, Any]) -> None:
    """Keep a rating's figures (idempotent by rating id)."""
    from services.matching.team.ratings_feed import RatingFigures

    with uow_factory() as uow:
        RatingFigures(uow.conn).add(figure)
        uow.commit()
