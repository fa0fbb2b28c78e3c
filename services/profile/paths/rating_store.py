"""Tables of referrals (from matching's outcomes), satisfaction ratings and single-use rating links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)

from services.profile.paths.ratings import Channel, RaterKind, Rating, RatingLink, Subject, SubjectKind
from services.profile.repository import metadata

# A candidate proposed to a vacancy, as matching's ``outcome.recorded`` events tell it: what a
# jobseeker or the employer may rate, and whose service it was.
referrals = Table(
    "referrals",
    metadata,
    Column("candidate_id", String(32), primary_key=True),
    Column("vacancy_id", String(64), primary_key=True),
    Column("recruiter_org", String(100), nullable=False),
    Column("employer_org", String(100), nullable=True),
    Column("vacancy_title", String(200), nullable=False),
    Column("region", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("first_on", Date, nullable=False),
    Column("latest_on", Date, nullable=False),
)

ratings = Table(
    "ratings",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("candidate_id", String(32), nullable=False, index=True),
    Column("subject_kind", String(16), nullable=False),
    Column("subject_ref", String(64), nullable=False),
    Column("rated_org", String(100), nullable=False, index=True),
    Column("rater", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("rater_org", String(100), nullable=True),
    Column("score", Integer, nullable=False),
    Column("comment", Text, nullable=False),  # screened for personal data; never published
    Column("region", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False, index=True),
    # one rating per jobseeker, subject and rater, also when the coach and the jobseeker's link rate
    # at the same moment (outside tester 28, T28-11's kind: the "already rated" check alone let both in)
    Index("uq_ratings_one_per_rater", "candidate_id", "subject_kind", "subject_ref", "rater", unique=True),
)

rating_links = Table(
    "rating_links",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("candidate_id", String(32), nullable=False, index=True),
    Column("subject_kind", String(16), nullable=False),
    Column("subject_ref", String(64), nullable=False),
    Column("rated_org", String(100), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("expires_on", Date, nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)


@dataclass(frozen=True, slots=True)
class Referral:
    candidate_id: str
    vacancy_id: str
    recruiter_org: str
    employer_org: str | None
    vacancy_title: str
    region: str
    status: str
    first_on: date
    latest_on: date


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class RatingStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- referrals ---------------------------------------------------------------------------------
    def note_referral(self, payload: dict[str, Any]) -> None:
        """Keep the latest status of a candidate–vacancy pair (outcomes may arrive in any order of
        days: the first and latest days are kept)."""
        t = referrals
        on = date.fromisoformat(payload["occurred_on"])
        key = (t.c.candidate_id == payload["candidate_id"]) & (t.c.vacancy_id == payload["vacancy_id"])
        row = self.conn.execute(select(t).where(key)).first()
        if row is None:
            self.conn.execute(
                insert(t).values(
                    candidate_id=payload["candidate_id"],
                    vacancy_id=payload["vacancy_id"],
                    recruiter_org=payload["recorded_by_org"],
                    employer_org=payload.get("employer_org"),
                    vacancy_title=str(payload.get("vacancy_title") or "")[:200],
                    region=payload.get("region") or "",
                    status=payload["status"],
                    first_on=on,
                    latest_on=on,
                )
            )
            return
        values: dict[str, Any] = {"first_on": min(row.first_on, on)}
        if on >= row.latest_on:
            values.update(latest_on=on, status=payload["status"])
        if payload.get("employer_org"):
            values["employer_org"] = payload["employer_org"]
        self.conn.execute(update(t).where(key).values(**values))

    def referral(self, candidate_id: str, vacancy_id: str) -> Referral | None:
        t = referrals
        row = self.conn.execute(
            select(t).where(t.c.candidate_id == candidate_id, t.c.vacancy_id == vacancy_id)
        ).first()
        return Referral(**dict(row._mapping)) if row else None

    def referrals_of(self, candidate_id: str) -> list[Referral]:
        rows = self.conn.execute(select(referrals).where(referrals.c.candidate_id == candidate_id)).all()
        return sorted((Referral(**dict(r._mapping)) for r in rows), key=lambda r: (r.latest_on, r.vacancy_id))

    # -- ratings -----------------------------------------------------------------------------------
    def add(self, r: Rating) -> None:
        self.conn.execute(
            insert(ratings).values(
                id=r.id,
                candidate_id=r.candidate_id,
                subject_kind=r.subject.kind.value,
                subject_ref=r.subject.ref,
                rated_org=r.subject.rated_org,
                rater=r.rater.value,
                channel=r.channel.value,
                rater_org=r.rater_org,
                score=r.score,
                comment=r.comment,
                region=r.region,
                recorded_at=r.recorded_at,
            )
        )

    def of_candidate(self, candidate_id: str) -> list[Rating]:
        rows = self.conn.execute(
            select(ratings).where(ratings.c.candidate_id == candidate_id).order_by(ratings.c.recorded_at)
        ).all()
        return [self._rating(r) for r in rows]

    def already(self, candidate_id: str, subject: Subject, rater: RaterKind) -> bool:
        t = ratings
        return (
            self.conn.execute(
                select(t.c.id).where(
                    t.c.candidate_id == candidate_id,
                    t.c.subject_kind == subject.kind.value,
                    t.c.subject_ref == subject.ref,
                    t.c.rater == rater.value,
                )
            ).first()
            is not None
        )

    # -- links -------------------------------------------------------------------------------------
    def add_link(self, link: RatingLink) -> None:
        self.conn.execute(
            insert(rating_links).values(
                token=link.token,
                candidate_id=link.candidate_id,
                subject_kind=link.subject.kind.value,
                subject_ref=link.subject.ref,
                rated_org=link.subject.rated_org,
                created_by=link.created_by,
                expires_on=link.expires_on,
                used_at=None,
            )
        )

    def link(self, token: str) -> RatingLink | None:
        row = self.conn.execute(select(rating_links).where(rating_links.c.token == token)).first()
        if row is None:
            return None
        subject = Subject(SubjectKind(row.subject_kind), row.subject_ref, row.rated_org)
        used = _aware(row.used_at) if row.used_at else None
        return RatingLink(row.token, row.candidate_id, subject, row.created_by, row.expires_on, used)

    def use_link(self, token: str, at: datetime) -> bool:
        """Mark the link used; False when it already was (a concurrent submit)."""
        result = self.conn.execute(
            update(rating_links)
            .where(rating_links.c.token == token, rating_links.c.used_at.is_(None))
            .values(used_at=at)
        )
        return result.rowcount == 1

    def erase_candidate(self, candidate_id: str) -> None:
        for table in (referrals, ratings, rating_links):
            self.conn.execute(delete(table).where(table.c.candidate_id == candidate_id))

    @staticmethod
    def _rating(r: Any) -> Rating:
        return Rating(
            r.id,
            r.candidate_id,
            Subject(SubjectKind(r.subject_kind), r.subject_ref, r.rated_org),
            RaterKind(r.rater),
            Channel(r.channel),
            r.rater_org,
            r.score,
            r.comment,
            _aware(r.recorded_at),
            r.region,
        )
