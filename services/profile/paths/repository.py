"""Tables of service paths (one row per path, its steps and handovers as JSON), the handovers'
routing index, and the unit of work that adds them to the profile service's own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
    text,
    update,
)

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile import events
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
from services.profile.paths.rating_store import RatingStore
from services.profile.paths.ratings import Rating
from services.profile.paths.vouchers import EligibilityRule, Facts, Pilot, Voucher, VoucherState
from services.profile.repository import UnitOfWork, metadata
from shared.db import ConcurrentChangeError

#: a voucher's states in which its choice's consent lasts
_IN_USE = (VoucherState.ISSUED, VoucherState.IN_PROGRESS)

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
    # at most one open path per jobseeker, also when two coaches open one at the same moment
    Index(
        "uq_service_paths_open_candidate",
        "candidate_id",
        unique=True,
        sqlite_where=text("status = 'open'"),
        postgresql_where=text("status = 'open'"),
    ),
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


voucher_pilots = Table(
    "voucher_pilots",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("body", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=False),
)

vouchers = Table(
    "vouchers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("pilot_id", String(64), nullable=False, index=True),
    Column("candidate_id", String(32), nullable=False, index=True),
    Column("coach_org", String(100), nullable=False, index=True),
    Column("provider", String(100), nullable=True, index=True),
    Column("body", JSON, nullable=False),  # the eligibility facts (age, unemployed since) stay here
    # "yes" while neither hired nor withdrawn nor seen expired (``VoucherRepository.release_expired``)
    Column("in_use", String(3), nullable=False, server_default="no"),
    # at most one voucher in use per jobseeker, also when a coach's system issues it twice at the same
    # moment (outside tester 28, T28-11: four parallel issues gave one jobseeker three vouchers)
    Index(
        "uq_vouchers_in_use_candidate",
        "candidate_id",
        unique=True,
        sqlite_where=text("in_use = 'yes'"),
        postgresql_where=text("in_use = 'yes'"),
    ),
)

# Consent a jobseeker granted through a choice (a voucher's provider): kept apart from what the coach
# types into the profile, so that replacing the profile never drops it and withdrawing it is exact.
consent_grants = Table(
    "consent_grants",
    metadata,
    Column("candidate_id", String(32), primary_key=True),
    Column("org", String(100), primary_key=True),
    Column("source", String(100), primary_key=True),  # e.g. voucher:<id>
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("withdrawn_at", DateTime(timezone=True), nullable=True),
    Column("preexisting", String(3), nullable=False),  # "yes": the org had consent before the grant
)


# Course suggestions matching publishes per pseudonymous candidate (``training.suggested``): shown to
# the jobseeker's own coach here, where the pseudonym meets the person.
training_suggestions = Table(
    "training_suggestions",
    metadata,
    Column("candidate_id", String(32), primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
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
            raise PathConflictError(
                N_("path %(id)s was changed meanwhile: reload and try again") % {"id": p.id}
            )
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


def pilot_to_dict(p: Pilot) -> dict[str, Any]:
    r = p.rule
    return {
        "id": p.id,
        "name": p.name,
        "rule": {
            "min_age": r.min_age,
            "max_age": r.max_age,
            "min_education": r.min_education,
            "min_unemployed_months": r.min_unemployed_months,
            "max_unemployed_months": r.max_unemployed_months,
        },
        "voucher_months": p.voucher_months,
        "providers": list(p.providers),
        "starts_on": p.starts_on.isoformat(),
        "ends_on": p.ends_on.isoformat(),
        "region": p.region,
        "path_group": p.path_group,
    }


def pilot_from_dict(d: dict[str, Any]) -> Pilot:
    return Pilot(
        d["id"],
        d["name"],
        EligibilityRule(**d["rule"]),
        d["voucher_months"],
        tuple(d["providers"]),
        date.fromisoformat(d["starts_on"]),
        date.fromisoformat(d["ends_on"]),
        d["region"],
        d["path_group"],
    )


def voucher_to_dict(v: Voucher) -> dict[str, Any]:
    return {
        "id": v.id,
        "pilot_id": v.pilot_id,
        "candidate_id": v.candidate_id,
        "coach_org": v.coach_org,
        "issued_on": v.issued_on.isoformat(),
        "valid_until": v.valid_until.isoformat(),
        "facts": {
            "age_years": v.facts.age_years,
            "education_level": v.facts.education_level,
            "unemployed_since": v.facts.unemployed_since.isoformat(),
            "issued_on": v.facts.issued_on.isoformat(),
        },
        "issued_by": v.issued_by,
        "provider": v.provider,
        "chosen_on": _iso(v.chosen_on),
        "step_id": v.step_id,
        "hired_on": _iso(v.hired_on),
        "withdrawn_on": _iso(v.withdrawn_on),
    }


def voucher_from_dict(d: dict[str, Any]) -> Voucher:
    f = d["facts"]
    return Voucher(
        d["id"],
        d["pilot_id"],
        d["candidate_id"],
        d["coach_org"],
        date.fromisoformat(d["issued_on"]),
        date.fromisoformat(d["valid_until"]),
        Facts(
            f["age_years"],
            f["education_level"],
            date.fromisoformat(f["unemployed_since"]),
            date.fromisoformat(f["issued_on"]),
        ),
        d["issued_by"],
        d["provider"],
        _d(d["chosen_on"]),
        d["step_id"],
        _d(d["hired_on"]),
        _d(d["withdrawn_on"]),
    )


class VoucherRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def pilot(self, pilot_id: str) -> Pilot | None:
        row = self.conn.execute(select(voucher_pilots.c.body).where(voucher_pilots.c.id == pilot_id)).first()
        return pilot_from_dict(row.body) if row else None

    def pilots(self) -> list[Pilot]:
        rows = self.conn.execute(select(voucher_pilots.c.body).order_by(voucher_pilots.c.id)).all()
        return [pilot_from_dict(r.body) for r in rows]

    def put_pilot(self, p: Pilot, by: str, at: datetime) -> bool:
        """Insert or replace; returns whether it was new."""
        t = voucher_pilots
        exists = self.conn.execute(select(t.c.id).where(t.c.id == p.id)).first() is not None
        values = {"body": pilot_to_dict(p), "updated_at": at, "updated_by": by}
        if exists:
            self.conn.execute(update(t).where(t.c.id == p.id).values(**values))
        else:
            self.conn.execute(insert(t).values(id=p.id, **values))
        return not exists

    def get(self, voucher_id: str) -> Voucher | None:
        """The voucher, its row locked until the unit of work ends (PostgreSQL; SQLite has one writer):
        every caller changes it. Without the lock two simultaneous choices of a provider both read it
        as still to be chosen and both added a step (outside tester 6, G10, on PostgreSQL)."""
        row = self.conn.execute(
            select(vouchers.c.body).where(vouchers.c.id == voucher_id).with_for_update()
        ).first()
        return voucher_from_dict(row.body) if row else None

    def of_candidate(self, candidate_id: str) -> list[Voucher]:
        rows = self.conn.execute(select(vouchers.c.body).where(vouchers.c.candidate_id == candidate_id)).all()
        return sorted((voucher_from_dict(r.body) for r in rows), key=lambda v: (v.issued_on, v.id))

    def of_pilot(self, pilot_id: str) -> list[Voucher]:
        rows = self.conn.execute(select(vouchers.c.body).where(vouchers.c.pilot_id == pilot_id)).all()
        return [voucher_from_dict(r.body) for r in rows]

    def of_provider(self, provider: str) -> list[Voucher]:
        rows = self.conn.execute(select(vouchers.c.body).where(vouchers.c.provider == provider)).all()
        return sorted(
            (voucher_from_dict(r.body) for r in rows), key=lambda v: (v.chosen_on or v.issued_on, v.id)
        )

    def add(self, v: Voucher) -> None:
        """Insert a new voucher, in use (``IntegrityError`` when the jobseeker has one in use)."""
        self.conn.execute(insert(vouchers).values(id=v.id, in_use="yes", **self._values(v)))

    def save(self, v: Voucher) -> None:
        self.conn.execute(update(vouchers).where(vouchers.c.id == v.id).values(**self._values(v)))

    def save_choice(self, v: Voucher) -> None:
        """Write ``v``, just given its provider, only over a voucher still without one
        (``ConcurrentChangeError`` otherwise: two simultaneous choices each added a step, outside
        tester 6, G10; SQLite's driver reads outside the transaction until its first write)."""
        stmt = (
            update(vouchers)
            .where(vouchers.c.id == v.id, vouchers.c.provider.is_(None))
            .values(**self._values(v))
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise ConcurrentChangeError(N_("voucher %(id)s was chosen meanwhile") % {"id": v.id})

    def release_expired(self, candidate_id: str, today: date) -> None:
        """Mark the jobseeker's vouchers whose period ended before ``today`` no longer in use, so the
        unique index ``uq_vouchers_in_use_candidate`` lets the next one in (a voucher leaves use by a
        hire or a withdrawal when it is written, by expiry only with the passing days)."""
        rows = self.conn.execute(
            select(vouchers.c.id, vouchers.c.body).where(
                vouchers.c.candidate_id == candidate_id, vouchers.c.in_use == "yes"
            )
        ).all()
        done = [r.id for r in rows if not _in_use(voucher_from_dict(r.body), today)]
        if done:
            self.conn.execute(update(vouchers).where(vouchers.c.id.in_(done)).values(in_use="no"))

    def erase_candidate(self, candidate_id: str) -> None:
        self.conn.execute(delete(vouchers).where(vouchers.c.candidate_id == candidate_id))

    @staticmethod
    def _values(v: Voucher) -> dict[str, Any]:
        return {
            "pilot_id": v.pilot_id,
            "candidate_id": v.candidate_id,
            "coach_org": v.coach_org,
            "provider": v.provider,
            "body": voucher_to_dict(v),
            # a hire or a withdrawal ends its use; nothing brings a voucher back into use
            **({} if v.hired_on is None and v.withdrawn_on is None else {"in_use": "no"}),
        }


def _in_use(v: Voucher, day: date) -> bool:
    return v.state_on(day) in (VoucherState.ISSUED, VoucherState.IN_PROGRESS)


class ConsentGrants:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def grant(self, candidate_id: str, org: str, source: str, preexisting: bool, at: datetime) -> None:
        self.conn.execute(
            insert(consent_grants).values(
                candidate_id=candidate_id,
                org=org,
                source=source,
                granted_at=at,
                withdrawn_at=None,
                preexisting="yes" if preexisting else "no",
            )
        )

    def withdraw(self, candidate_id: str, source: str, at: datetime) -> list[tuple[str, bool]]:
        """Withdraw the grants from ``source``; returns (org, whether it had consent before)."""
        t = consent_grants
        rows = self.conn.execute(
            select(t).where(
                t.c.candidate_id == candidate_id, t.c.source == source, t.c.withdrawn_at.is_(None)
            )
        ).all()
        self.conn.execute(
            update(t)
            .where(t.c.candidate_id == candidate_id, t.c.source == source, t.c.withdrawn_at.is_(None))
            .values(withdrawn_at=at)
        )
        return [(r.org, r.preexisting == "yes") for r in rows]

    def restated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        """The jobseeker consents to ``orgs`` on their own too: withdrawing the active grants to them
        no longer withdraws the consent (as if it had been given before the grant)."""
        self._mark_own(candidate_id, orgs, own=True)

    def unstated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        """The jobseeker's own consent to ``orgs`` ends while active grants to them last: they stay
        consented by the choice only, and withdrawing the choice withdraws the consent (outside tester 40,
        T40-2)."""
        self._mark_own(candidate_id, orgs, own=False)

    def _mark_own(self, candidate_id: str, orgs: frozenset[str], *, own: bool) -> None:
        """The active grants to ``orgs`` marked as the jobseeker's own consent too (``preexisting``) or not."""
        if orgs:
            t = consent_grants
            self.conn.execute(
                update(t)
                .where(
                    t.c.candidate_id == candidate_id, t.c.org.in_(sorted(orgs)), t.c.withdrawn_at.is_(None)
                )
                .values(preexisting="yes" if own else "no")
            )

    def by_choice_only(self, candidate_id: str) -> frozenset[str]:
        """Organisations consented by an active grant alone: none of the active grants to them is marked as
        the jobseeker's own consent too (``preexisting``)."""
        t = consent_grants
        rows = self.conn.execute(
            select(t.c.org, t.c.preexisting).where(
                t.c.candidate_id == candidate_id, t.c.withdrawn_at.is_(None)
            )
        ).all()
        own = {r.org for r in rows if r.preexisting == "yes"}
        return frozenset(r.org for r in rows if r.org not in own)

    def lapsed(self, candidate_id: str, ended: Callable[[str], bool]) -> frozenset[str]:
        """Organisations consented by a choice alone whose every active grant comes from a choice that
        has ended (``ended(source)``: e.g. a voucher expired, hired or withdrawn on the service's day)
        and none of whose active grants is the jobseeker's own consent too (``preexisting``): their
        consent has ended though no withdrawal was written (review 40). Raises nothing."""
        t = consent_grants
        rows = self.conn.execute(
            select(t.c.org, t.c.source, t.c.preexisting).where(
                t.c.candidate_id == candidate_id, t.c.withdrawn_at.is_(None)
            )
        ).all()
        kept = {r.org for r in rows if r.preexisting == "yes" or not ended(r.source)}
        return frozenset(r.org for r in rows if r.org not in kept)

    def active(self, candidate_id: str) -> frozenset[str]:
        t = consent_grants
        rows = self.conn.execute(
            select(t.c.org).where(t.c.candidate_id == candidate_id, t.c.withdrawn_at.is_(None))
        ).all()
        return frozenset(r.org for r in rows)

    def erase_candidate(self, candidate_id: str) -> None:
        self.conn.execute(delete(consent_grants).where(consent_grants.c.candidate_id == candidate_id))


class TrainingSuggestions:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, candidate_id: str) -> tuple[dict[str, Any], datetime] | None:
        t = training_suggestions
        row = self.conn.execute(select(t).where(t.c.candidate_id == candidate_id)).first()
        if row is None:
            return None
        at = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
        return row.payload, at

    def put(self, candidate_id: str, payload: dict[str, Any], at: datetime) -> None:
        t = training_suggestions
        self.conn.execute(delete(t).where(t.c.candidate_id == candidate_id))
        self.conn.execute(insert(t).values(candidate_id=candidate_id, payload=payload, updated_at=at))

    def erase(self, candidate_id: str) -> None:
        self.conn.execute(
            delete(training_suggestions).where(training_suggestions.c.candidate_id == candidate_id)
        )


class JourneyUnitOfWork(UnitOfWork):
    """The profile service's unit of work with the paths, vouchers and ratings repositories: a voucher
    choice changes the profile's consent, the path and the voucher in one transaction."""

    paths: PathRepository
    vouchers: VoucherRepository
    grants: ConsentGrants
    training: TrainingSuggestions
    ratings: RatingStore

    def __init__(self, engine: Engine, pseudonym_key: bytes | None = None) -> None:
        super().__init__(engine, pseudonym_key)

    def _open(self, conn: Connection) -> None:
        super()._open(conn)
        self.paths = PathRepository(conn)
        self.vouchers = VoucherRepository(conn)
        self.grants = ConsentGrants(conn)
        self.training = TrainingSuggestions(conn)
        self.ratings = RatingStore(conn)

    def granted_orgs(self, candidate_id: str) -> frozenset[str]:
        return self.grants.active(candidate_id)

    def consent_restated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        self.grants.restated(candidate_id, orgs)

    def consent_unstated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        self.grants.unstated(candidate_id, orgs)

    def consent_by_choice(self, candidate_id: str) -> frozenset[str]:
        return self.grants.by_choice_only(candidate_id)

    def lapsed_choices(self, candidate_id: str, today: date) -> frozenset[str]:
        """Organisations consented by a voucher's choice alone whose voucher is no longer in use on
        ``today`` (the service's local day): expired, hired or withdrawn (``Voucher.state_on``)."""

        def ended(source: str) -> bool:
            kind, _, voucher_id = source.partition(":")
            if kind != "voucher":
                return False
            voucher = self.vouchers.get(voucher_id)
            return voucher is None or voucher.state_on(today) not in _IN_USE

        return self.grants.lapsed(candidate_id, ended)

    def publish_path(self, path: ServicePath) -> None:
        declared = events.PATH_UPDATED
        envelope = declared.envelope(path.candidate_id, watch_payload(path), events.PRODUCER)
        self._outbox.add(self.conn, declared.topic.name, envelope)

    def publish_rating(self, rating: Rating) -> None:
        """Figures only: no candidate id, no comment (``Rating.event_payload``)."""
        declared = events.RATING_RECORDED
        envelope = declared.envelope(rating.subject.rated_org, rating.event_payload(), events.PRODUCER)
        self._outbox.add(self.conn, declared.topic.name, envelope)

    def referral_noted(self, payload: dict[str, Any]) -> None:
        self.ratings.note_referral(payload)

    def hired_related(self, candidate_id: str, now: datetime, on: date | None = None) -> None:
        """A hired jobseeker's voucher in progress counts as hired when the hire (``on``, default
        today) falls within its period; a voucher still waiting for the choice of a provider on
        that day is withdrawn (the jobseeker no longer takes part: no provider can be chosen on it
        later); and the open path closes (employed): its open steps end, nobody is chased."""
        day = on or local_day(now)
        for voucher in self.vouchers.of_candidate(candidate_id):
            hired = voucher.hired(day)
            if hired is not None:
                self.vouchers.save(hired)
            elif (
                voucher.chosen_on is None
                and voucher.state_on(left := max(day, voucher.issued_on)) is VoucherState.ISSUED
            ):
                self.vouchers.save(voucher.withdraw(left))
        for path in self.paths.for_candidate(candidate_id):
            if path.is_open:
                closed = path.close(min(day, local_day(now)), CloseReason.EMPLOYED, now, clamp=True)
                self.paths.save(closed)
                self.publish_path(closed)

    def erase_related(self, candidate_id: str) -> None:
        """Withdrawal erases the jobseeker's paths here and, by a tombstone, in matching."""
        self.vouchers.erase_candidate(candidate_id)
        self.grants.erase_candidate(candidate_id)
        self.training.erase(candidate_id)
        self.ratings.erase_candidate(candidate_id)
        if self.paths.erase_candidate(candidate_id):
            self._outbox.add_tombstone(self.conn, events.PATH_UPDATED.topic.name, candidate_id)
