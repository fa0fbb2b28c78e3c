"""Vacancies in SQL (SQLite or PostgreSQL), and the unit of work that commits them with their events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)

from services.kernel.shortages import Period, ShortageBook
from services.vacancy import events
from services.vacancy.domain import (
    CloseReason,
    Status,
    Vacancy,
    VacancyDetails,
    VacancyEvent,
)
from services.vacancy.shortages import StoredList
from shared.db import ConcurrentChangeError, SqlUnitOfWork
from shared.i18n import N_
from shared.idempotency import idempotency_keys_table
from shared.messaging.deadletters import dead_letters_table
from shared.messaging.heartbeat import heartbeats_table
from shared.messaging.idempotency import claim, processed_events_table
from shared.messaging.outbox import Outbox, outbox_table

metadata = MetaData()

vacancies = Table(
    "vacancies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("employer_org", String(100), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("region", String(64), nullable=False, index=True),
    Column("occupation_uri", String(200), nullable=True),
    Column("details", JSON, nullable=False),
    Column("close_reason", String(32), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("reopened_at", DateTime(timezone=True), nullable=True),  # last reopen (migration v0003)
)
outbox = outbox_table(metadata)
processed = processed_events_table(metadata)
idempotency_keys = idempotency_keys_table(metadata)  # POSTs' answers by Idempotency-Key
dead_letters = dead_letters_table(metadata)
worker_heartbeats = heartbeats_table(metadata)  # the worker's consumers' beats (checks.workers)

# The labour-shortage lists as published by the matching service (kohtaanto.shortages.v1).
shortage_lists = Table(
    "shortage_lists",
    metadata,
    Column("region", String(64), primary_key=True),
    Column("period", String(8), primary_key=True),
    Column("source", String(300), nullable=False),
    Column("levels", JSON, nullable=False),  # ESCO occupation URI -> level
    Column("event_id", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _from_row(row: Any) -> Vacancy:
    return Vacancy(
        id=row.id,
        employer_org=row.employer_org,
        details=VacancyDetails.from_dict(row.details),
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        status=Status(row.status),
        version=row.version,
        close_reason=CloseReason(row.close_reason) if row.close_reason else None,
        reopened_at=_aware(row.reopened_at) if row.reopened_at else None,
    )


@dataclass(frozen=True, slots=True)
class VacancyFilter:
    employer_org: str | None = None
    status: Status | None = None
    region: str | None = None
    occupation_uri: str | None = None
    limit: int = 50
    offset: int = 0


class VacancyRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, vacancy_id: str) -> Vacancy | None:
        row = self.conn.execute(select(vacancies).where(vacancies.c.id == vacancy_id)).first()
        return _from_row(row) if row else None

    def add(self, v: Vacancy) -> None:
        self.conn.execute(insert(vacancies).values(**self._values(v), created_at=v.created_at))

    def save(self, v: Vacancy) -> None:
        """Write ``v``, a new version of a stored vacancy, only over the version before it
        (``ConcurrentChangeError`` otherwise: eight simultaneous ``PUT``s each published their own
        version and matching then ignored the employer's close, outside tester 6, G5)."""
        stmt = (
            update(vacancies)
            .where(vacancies.c.id == v.id, vacancies.c.version == v.version - 1)
            .values(**self._values(v))
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise ConcurrentChangeError(
                N_("vacancy %(id)s changed since version %(version)s was read")
                % {"id": v.id, "version": v.version - 1}
            )

    def list(self, f: VacancyFilter) -> tuple[list[Vacancy], int]:
        conditions = []
        if f.employer_org:
            conditions.append(vacancies.c.employer_org == f.employer_org)
        if f.status:
            conditions.append(vacancies.c.status == f.status.value)
        if f.region:
            conditions.append(vacancies.c.region == f.region)
        if f.occupation_uri:
            conditions.append(vacancies.c.occupation_uri == f.occupation_uri)
        total = self.conn.execute(select(func.count()).select_from(vacancies).where(*conditions)).scalar_one()
        rows = self.conn.execute(
            select(vacancies)
            .where(*conditions)
            .order_by(vacancies.c.created_at.desc(), vacancies.c.id)
            .limit(f.limit)
            .offset(f.offset)
        ).all()
        return [_from_row(r) for r in rows], int(total)

    @staticmethod
    def _values(v: Vacancy) -> dict[str, Any]:
        return {
            "id": v.id,
            "employer_org": v.employer_org,
            "status": v.status.value,
            "version": v.version,
            "region": v.details.region,
            "occupation_uri": v.details.occupation_uri,
            "details": v.details.to_dict(),
            "close_reason": v.close_reason.value if v.close_reason else None,
            "updated_at": v.updated_at,
            "reopened_at": v.reopened_at,
        }


class ShortageRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def book(self, on: date) -> ShortageBook[StoredList]:
        """Every stored list, as in force on ``on`` (``ShortageBook``: later periods are pending)."""
        rows = self.conn.execute(select(shortage_lists)).all()
        return ShortageBook(
            (StoredList(r.region, Period.parse(r.period), r.source, r.levels) for r in rows), on=on
        )

    def replace(self, item: StoredList, event_id: str) -> None:
        self.delete(item.region, str(item.period))
        self.conn.execute(
            insert(shortage_lists).values(
                region=item.region,
                period=str(item.period),
                source=item.source,
                levels=dict(item.levels),
                event_id=event_id,
                updated_at=datetime.now(UTC),
            )
        )

    def delete(self, region: str, period: str) -> None:
        t = shortage_lists
        self.conn.execute(delete(t).where(t.c.region == region, t.c.period == period))


class UnitOfWork(SqlUnitOfWork):
    """Vacancies and their outbox rows in one transaction (and the shortage lists it consumes)."""

    vacancies: VacancyRepository
    shortages: ShortageRepository

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._outbox = Outbox(outbox)

    def _open(self, conn: Connection) -> None:
        self.vacancies = VacancyRepository(conn)
        self.shortages = ShortageRepository(conn)

    def claim(self, consumer: str, event_id: str) -> bool:
        """Record that ``consumer`` handles ``event_id`` in this transaction; False if it already did."""
        return claim(self.conn, processed, consumer, event_id)

    def publish(self, event: VacancyEvent) -> None:
        """Add the event to the outbox as its declaration says (topic, type, schema version)."""
        declared = events.published(event.event_type)
        envelope = declared.envelope(event.key, event.payload(), events.PRODUCER)
        self._outbox.add(self.conn, declared.topic.name, envelope)
