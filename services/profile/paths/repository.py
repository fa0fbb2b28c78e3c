"""Tables of service paths (one row per path, its steps and handovers as JSON), the handovers'
routing index, and the unit of work that adds them to the profile service's own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)

from services.profile.paths.domain import (
    CloseReason,
    EndReason,
    Handover,
    HandoverState,
    PathConflictError,
    PathGroup,
    ServicePath,
    Step,
    StepKind,
    StepState,
    watch_payload,
)
from services.profile.repository import UnitOfWork, metadata
from shared.messaging.envelope import Envelope

PATH_UPDATED = "path.updated"
PRODUCER = "profile-service"

service_paths = Table(
    "service_paths",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("candidate_id", String(32), nullable=False, index=True),
    Column("coach_org", String(100), nullable=False, index=True),
    Column("coach", String(200), nullable=False, index=True),
    Column("status", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("body", JSON, nullable=False),  # special-category data (group, work ability) stays here
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

handover_routes = Table(
    "handover_routes",
    metadata,
    Column("handover_id", String(36), primary_key=True),
    Column("path_id", String(36), nullable=False, index=True),
    Column("from_org", String(100), nullable=False, index=True),
    Column("to_org", String(100), nullable=False, index=True),
    Column("state", String(16), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("acknowledge_by", Date, nullable=False),
)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def path_to_dict(p: ServicePath) -> dict[str, Any]:
    return {
        "id": p.id,
        "candidate_id": p.candidate_id,
        "coach_org": p.coach_org,
        "coach": p.coach,
        "group": p.group.value,
        "partial_work_ability": p.partial_work_ability,
        "opened_on": p.opened_on.isoformat(),
        "closed_on": _iso(p.closed_on),
        "close_reason": p.close_reason.value if p.close_reason else None,
        "version": p.version,
        "region": p.region,
        "updated_at": _iso(p.updated_at),
        "steps": [
            {
                "id": s.id,
                "kind": s.kind.value,
                "org": s.org,
                "person": s.person,
                "starts_on": s.starts_on.isoformat(),
                "planned_end": s.planned_end.isoformat(),
                "state": s.state.value,
                "ended_on": _iso(s.ended_on),
                "end_reason": s.end_reason.value if s.end_reason else None,
                "workplace_org": s.workplace_org,
                "course_id": s.course_id,
                "voucher_id": s.voucher_id,
            }
            for s in p.steps
        ],
        "handovers": [
            {
                "id": h.id,
                "from_step": h.from_step,
                "to_step": h.to_step,
                "from_org": h.from_org,
                "to_org": h.to_org,
                "sent_at": h.sent_at.isoformat(),
                "sent_by": h.sent_by,
                "acknowledge_by": h.acknowledge_by.isoformat(),
                "consent": h.consent,
                "shared": sorted(h.shared),
                "purpose": h.purpose,
                "note": h.note,
                "state": h.state.value,
                "answered_at": _iso(h.answered_at),
                "answered_by": h.answered_by,
                "decline_reason": h.decline_reason,
            }
            for h in p.handovers
        ],
    }


def path_from_dict(d: dict[str, Any]) -> ServicePath:
    steps = tuple(
        Step(
            s["id"],
            StepKind(s["kind"]),
            s["org"],
            s["person"],
            date.fromisoformat(s["starts_on"]),
            date.fromisoformat(s["planned_end"]),
            StepState(s["state"]),
            _d(s["ended_on"]),
            EndReason(s["end_reason"]) if s["end_reason"] else None,
            s["workplace_org"],
            s["course_id"],
            s["voucher_id"],
        )
        for s in d["steps"]
    )
    handovers = tuple(
        Handover(
            h["id"],
            h["from_step"],
            h["to_step"],
            h["from_org"],
            h["to_org"],
            datetime.fromisoformat(h["sent_at"]),
            h["sent_by"],
            date.fromisoformat(h["acknowledge_by"]),
            h["consent"],
            frozenset(h["shared"]),
            h["purpose"],
            h["note"],
            HandoverState(h["state"]),
            _dt(h["answered_at"]),
            h["answered_by"],
            h["decline_reason"],
        )
        for h in d["handovers"]
    )
    return ServicePath(
        d["id"],
        d["candidate_id"],
        d["coach_org"],
        d["coach"],
        PathGroup(d["group"]),
        d["partial_work_ability"],
        date.fromisoformat(d["opened_on"]),
        steps,
        handovers,
        _d(d["closed_on"]),
        CloseReason(d["close_reason"]) if d["close_reason"] else None,
        d["version"],
        d["region"],
        _dt(d["updated_at"]),
    )


class PathRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, path_id: str) -> ServicePath | None:
        row = self.conn.execute(select(service_paths.c.body).where(service_paths.c.id == path_id)).first()
        return path_from_dict(row.body) if row else None

    def for_candidate(self, candidate_id: str) -> list[ServicePath]:
        """The jobseeker's paths, the open one (at most one) first, then the latest closed."""
        rows = self.conn.execute(
            select(service_paths.c.body).where(service_paths.c.candidate_id == candidate_id)
        ).all()
        paths = [path_from_dict(r.body) for r in rows]
        return sorted(paths, key=lambda p: (not p.is_open, -(p.closed_on or date.min).toordinal()))

    def open_paths(self, *, coach_org: str | None = None, coach: str | None = None) -> list[ServicePath]:
        query = select(service_paths.c.body).where(service_paths.c.status == "open")
        if coach_org is not None:
            query = query.where(service_paths.c.coach_org == coach_org)
        if coach is not None:
            query = query.where(service_paths.c.coach == coach)
        return [path_from_dict(r.body) for r in self.conn.execute(query)]

    def with_step_person(self, org: str, person: str) -> list[ServicePath]:
        """Open paths with an open step of ``org`` (where ``person`` may be responsible)."""
        rows = self.conn.execute(select(service_paths.c.body).where(service_paths.c.status == "open")).all()
        paths = [path_from_dict(r.body) for r in rows]
        return [p for p in paths if any(s.org == org and s.person == person and s.is_open for s in p.steps)]

    def handover_path(self, handover_id: str) -> ServicePath | None:
        row = self.conn.execute(
            select(handover_routes.c.path_id).where(handover_routes.c.handover_id == handover_id)
        ).first()
        return self.get(row.path_id) if row else None

    def handovers_of(self, org: str, *, incoming: bool, state: str | None) -> list[str]:
        column = handover_routes.c.to_org if incoming else handover_routes.c.from_org
        query = select(handover_routes.c.handover_id).where(column == org).order_by(handover_routes.c.sent_at)
        if state is not None:
            query = query.where(handover_routes.c.state == state)
        return [r.handover_id for r in self.conn.execute(query)]

    def add(self, p: ServicePath) -> None:
        self.conn.execute(insert(service_paths).values(id=p.id, **self._values(p)))
        self._route(p)

    def save(self, p: ServicePath) -> None:
        """Optimistic: the stored version must be the one before ``p`` (else a concurrent change won)."""
        result = self.conn.execute(
            update(service_paths)
            .where(service_paths.c.id == p.id, service_paths.c.version == p.version - 1)
            .values(**self._values(p))
        )
        if result.rowcount != 1:
            raise PathConflictError(f"path {p.id} was changed meanwhile: reload and try again")
        self._route(p)

    def erase_candidate(self, candidate_id: str) -> list[str]:
        """Delete every path of a withdrawn jobseeker; returns their ids."""
        ids = [
            r.id
            for r in self.conn.execute(
                select(service_paths.c.id).where(service_paths.c.candidate_id == candidate_id)
            )
        ]
        if ids:
            self.conn.execute(delete(handover_routes).where(handover_routes.c.path_id.in_(ids)))
            self.conn.execute(delete(service_paths).where(service_paths.c.id.in_(ids)))
        return ids

    def _route(self, p: ServicePath) -> None:
        self.conn.execute(delete(handover_routes).where(handover_routes.c.path_id == p.id))
        for h in p.handovers:
            self.conn.execute(
                insert(handover_routes).values(
                    handover_id=h.id,
                    path_id=p.id,
                    from_org=h.from_org,
                    to_org=h.to_org,
                    state=h.state.value,
                    sent_at=h.sent_at,
                    acknowledge_by=h.acknowledge_by,
                )
            )

    @staticmethod
    def _values(p: ServicePath) -> dict[str, Any]:
        return {
            "candidate_id": p.candidate_id,
            "coach_org": p.coach_org,
            "coach": p.coach,
            "status": "open" if p.is_open else "closed",
            "version": p.version,
            "body": path_to_dict(p),
            "updated_at": p.updated_at or datetime.now(UTC),
        }


class JourneyUnitOfWork(UnitOfWork):
    """The profile service's unit of work with the paths, vouchers and ratings repositories: a voucher
    choice changes the profile's consent, the path and the voucher in one transaction."""

    paths: PathRepository

    def __init__(self, engine: Engine, topic: str, paths_topic: str) -> None:
        super().__init__(engine, topic)
        self.paths_topic = paths_topic

    def _open(self, conn: Connection) -> None:
        super()._open(conn)
        self.paths = PathRepository(conn)

    def publish_path(self, path: ServicePath) -> None:
        envelope = Envelope(PATH_UPDATED, path.candidate_id, watch_payload(path), PRODUCER)
        self._outbox.add(self.conn, self.paths_topic, envelope)

    def hired_related(self, candidate_id: str, now: datetime) -> None:
        """A hired jobseeker's open path closes (employed): its open steps end, nobody is chased."""
        for path in self.paths.for_candidate(candidate_id):
            if path.is_open:
                closed = path.close(now.date(), CloseReason.EMPLOYED, now)
                self.paths.save(closed)
                self.publish_path(closed)

    def erase_related(self, candidate_id: str) -> None:
        """Withdrawal erases the jobseeker's paths here and, by a tombstone, in matching."""
        if self.paths.erase_candidate(candidate_id):
            self._outbox.add_tombstone(self.conn, self.paths_topic, candidate_id)
