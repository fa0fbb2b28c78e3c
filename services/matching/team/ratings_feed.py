"""Satisfaction ratings from the profile service (``rating.recorded`` on ``kohtaanto.ratings.v1``),
kept as figures for the weekly meeting and the satisfaction API. Idempotent by rating id."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Column, Connection, Date, Integer, String, Table, insert, select

from services.matching.team.repository import UnitOfWork, metadata
from services.matching.team.satisfaction import RatingFact
from shared.messaging.consumer import PoisonMessageError, Record

RATING_RECORDED = "rating.recorded"
NAME = "matching.ratings"
_WEEK = re.compile(r"^\d{4}-W\d{2}$")

rating_figures = Table(
    "rating_figures",
    metadata,
    Column("rating_id", String(64), primary_key=True),
    Column("region", String(64), nullable=False, index=True),
    Column("rated_org", String(100), nullable=False),
    Column("subject_kind", String(16), nullable=False),
    Column("rater", String(16), nullable=False),
    Column("score", Integer, nullable=False),
    Column("week", String(8), nullable=False, index=True),
    Column("recorded_on", Date, nullable=False),
)


class RatingFigures:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, f: dict[str, Any]) -> bool:
        t = rating_figures
        if self.conn.execute(select(t.c.rating_id).where(t.c.rating_id == f["rating_id"])).first():
            return False
        self.conn.execute(insert(t).values(**f))
        return True

    def in_region(self, region: str, weeks: list[str]) -> list[RatingFact]:
        t = rating_figures
        rows = self.conn.execute(select(t).where(t.c.region == region, t.c.week.in_(weeks))).all()
        return [
            RatingFact(r.rating_id, r.region, r.rated_org, r.subject_kind, r.rater, r.score, r.week)
            for r in rows
        ]


def read_rating(payload: Any) -> dict[str, Any]:
    """What matching keeps of ``rating.recorded``; PoisonMessageError when unusable."""
    try:
        out: dict[str, Any] = {
            "rating_id": str(payload["rating_id"]),
            "region": str(payload.get("region") or ""),
            "rated_org": str(payload["rated_org"]),
            "subject_kind": str(payload["subject_kind"]),
            "rater": str(payload["rater"]),
            "score": int(payload["score"]),
            "week": str(payload["week"]),
            "recorded_on": date.fromisoformat(payload["recorded_on"]),
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessageError(f"rating.recorded payload unusable: {exc!r}") from None
    if not 1 <= out["score"] <= 5 or not _WEEK.match(out["week"]):
        raise PoisonMessageError("rating.recorded: score 1-5 and an ISO week are required")
    if out["rater"] not in ("jobseeker", "employer") or out["subject_kind"] not in ("referral", "path_step"):
        raise PoisonMessageError("rating.recorded: unknown rater or subject kind")
    return out


def handle_rating(uow_factory: Callable[[], UnitOfWork], record: Record) -> None:
    """Dispatch one record as ``services.matching.team.events.RATINGS_CONSUMER`` declares."""
    from services.matching.team.events import RATINGS_CONSUMER

    RATINGS_CONSUMER.dispatcher(uow_factory)(record)
