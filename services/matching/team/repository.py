"""The matching service's own database: its outbox and processed-event tracking, the shortage lists
operators import, recruiters' outcomes, and the stored content of each weekly meeting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
    MetaData,
    String,
    Table,
    Text,
    cast,
    delete,
    insert,
    select,
    update,
)

from services.kernel.shortages import ShortageBook
from services.matching.team import events
from services.matching.team.erasure import marker, marker_key, plain_digest
from services.matching.team.outcomes import FollowUp, Outcome, Reason, Status
from services.matching.team.paths import PathWatch
from services.matching.team.shortages import ShortageList
from services.matching.team.training import Course
from shared.auth import Principal
from shared.db import SqlUnitOfWork
from shared.idempotency import forget, idempotency_keys_table, record_key
from shared.messaging.deadletters import dead_letters_table
from shared.messaging.events import Published
from shared.messaging.heartbeat import heartbeats_table
from shared.messaging.idempotency import processed_events_table
from shared.messaging.outbox import Outbox, outbox_table
from shared.messaging.topics import TopicSpec

metadata = MetaData()
outbox = outbox_table(metadata)
processed = processed_events_table(metadata)
idempotency_keys = idempotency_keys_table(metadata)  # POSTs' answers by Idempotency-Key
dead_letters = dead_letters_table(metadata)
worker_heartbeats = heartbeats_table(metadata)  # the worker's consumers' beats (checks.workers)

# Candidates withdrawn so far, each by a keyed marker of their pseudonymous id (HMAC under matching's
# record key; not the id, not a plain hash of it, not when): a record of theirs read later (a dead
# letter re-published after the withdrawal, a late duplicate) is not indexed again
# (team.erasure.ErasedCandidates; outside tester 6, G2; privacy37).
erased_candidates = Table(
    "erased_candidates",
    metadata,
    Column("marker", String(32), primary_key=True),
)

shortage_lists = Table(
    "shortage_lists",
    metadata,
    Column("region", String(64), primary_key=True),
    Column("period", String(8), primary_key=True),
    Column("payload", JSON, nullable=False),  # ShortageList.to_payload(): entries and resolved levels
    Column("import_id", String(64), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

# Who imported, replaced or withdrew which list, when and why (the audit trail of shortage data).
shortage_history = Table(
    "shortage_list_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # imported | replaced | withdrawn
    Column("region", String(64), nullable=False, index=True),
    Column("period", String(16), nullable=False),
    Column("import_id", String(64), nullable=True),
    Column("source", String(300), nullable=True),
    Column("rows", Integer, nullable=True),
    Column("reason", Text, nullable=True),
    Column("by", String(200), nullable=False),
    Column("by_org", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("vacancy_id", String(64), nullable=False, index=True),
    Column("candidate_id", String(64), nullable=False, index=True),
    Column("region", String(64), nullable=False, index=True),
    Column("vacancy_title", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", String(32), nullable=True),
    Column("comment", Text, nullable=False),
    Column("follow_up", JSON, nullable=True),
    Column("occurred_on", Date, nullable=False, index=True),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_by_org", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

meetings = Table(
    "meetings",
    metadata,
    Column("region", String(64), primary_key=True),
    Column("week", String(8), primary_key=True),  # ISO week, e.g. 2026-W48
    Column("schema_version", Integer, nullable=False),
    Column("content", JSON, nullable=False),
    Column("prepared_at", DateTime(timezone=True), nullable=False),
    Column("prepared_by", String(200), nullable=False),
    Column("prepared_by_org", String(100), nullable=False),
)

# The profile service's watch points per jobseeker (``path.updated``): nothing else of the path.
path_watch = Table(
    "path_watch",
    metadata,
    Column("candidate_id", String(64), primary_key=True),
    Column("path_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("region", String(64), nullable=False, index=True),
    Column("status", String(8), nullable=False),
    Column("watch", JSON, nullable=False),  # [{reason, from, org, ref}]
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# The training catalogue (one row per provider's course) and the skill gaps it is suggested for.
courses = Table(
    "training_courses",
    metadata,
    Column("provider", String(100), primary_key=True),
    Column("course_id", String(100), primary_key=True),
    Column("body", JSON, nullable=False),
    Column("import_id", String(64), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

# One row per provider whose catalogue was imported: the last import, and the row every import of the
# provider updates first, so that imports of one provider run one after the other (outside tester 28,
# T28-14: four simultaneous imports each answered "added 3" over the same stale catalogue).
catalogue_imports = Table(
    "training_catalogue_imports",
    metadata,
    Column("provider", String(100), primary_key=True),
    Column("import_id", String(64), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

skill_gaps = Table(
    "skill_gaps",
    metadata,
    Column("candidate_id", String(64), primary_key=True),
    Column("vacancy_id", String(64), primary_key=True),
    Column("source", String(20), primary_key=True),  # near_match | employer_feedback
    Column("region", String(64), nullable=False, index=True),
    Column("vacancy_title", String(200), nullable=False),
    Column("missing", JSON, nullable=False),  # [ESCO skill URI]
    Column("recorded_on", Date, nullable=False),
)

# What was last published per candidate on the training topic (a digest), so that unchanged
# suggestions are not sent again.
training_published = Table(
    "training_published",
    metadata,
    Column("candidate_id", String(64), primary_key=True),
    Column("digest", String(64), nullable=False),
)


@dataclass(frozen=True, slots=True)
class SkillGap:
    candidate_id: str
    vacancy_id: str
    source: str
    region: str
    vacancy_title: str
    missing: tuple[str, ...]
    recorded_on: date


class TrainingRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def catalogue(self) -> list[Course]:
        rows = self.conn.execute(
            select(courses.c.body).order_by(courses.c.provider, courses.c.course_id)
        ).all()
        return [Course.from_dict(r.body) for r in rows]

    def course(self, provider: str, course_id: str) -> Course | None:
        row = self.conn.execute(
            select(courses.c.body).where(courses.c.provider == provider, courses.c.course_id == course_id)
        ).first()
        return Course.from_dict(row.body) if row else None

    def lock_providers(self, providers: Iterable[str], import_id: str, at: datetime) -> None:
        """Claim the providers' catalogues for this import until the unit of work ends: the first
        write of the transaction, on each provider's ``training_catalogue_imports`` row (in a fixed
        order), holds a concurrent import of the same provider back until this one commits — a row
        lock on PostgreSQL, the one writer on SQLite — so what it reads next is what it replaces.
        Two first imports of a new provider: the loser's insert raises ``IntegrityError`` (run the
        use case again, ``retry_on_conflict``)."""
        t = catalogue_imports
        for provider in sorted(set(providers)):
            claimed = self.conn.execute(
                update(t).where(t.c.provider == provider).values(import_id=import_id, imported_at=at)
            )
            if claimed.rowcount != 1:
                self.conn.execute(insert(t).values(provider=provider, import_id=import_id, imported_at=at))

    def replace_providers(
        self, found: list[Course], import_id: str, at: datetime, *, within: frozenset[str] | None = None
    ) -> None:
        """Each provider in ``found`` gets exactly these courses (its earlier ones are replaced);
        with ``within`` (municipality codes), only its courses held there are replaced and the
        others stay."""
        providers = sorted({c.provider for c in found})
        if within is None:
            self.conn.execute(delete(courses).where(courses.c.provider.in_(providers)))
        else:
            for old in self.catalogue():
                if old.provider in providers and old.municipality in within:
                    self.conn.execute(
                        delete(courses).where(
                            courses.c.provider == old.provider, courses.c.course_id == old.course_id
                        )
                    )
        for c in found:
            self.conn.execute(
                insert(courses).values(
                    provider=c.provider,
                    course_id=c.course_id,
                    body=c.to_dict(),
                    import_id=import_id,
                    imported_at=at,
                )
            )

    def gaps(self, candidate_id: str) -> list[SkillGap]:
        rows = self.conn.execute(select(skill_gaps).where(skill_gaps.c.candidate_id == candidate_id)).all()
        return sorted(
            (self._gap(r) for r in rows),
            key=lambda g: (g.source != "employer_feedback", g.vacancy_title, g.vacancy_id),
        )

    def gap_candidates(self) -> list[str]:
        return [r.candidate_id for r in self.conn.execute(select(skill_gaps.c.candidate_id).distinct())]

    def put_gap(self, gap: SkillGap) -> None:
        t = skill_gaps
        self.conn.execute(
            delete(t).where(
                t.c.candidate_id == gap.candidate_id,
                t.c.vacancy_id == gap.vacancy_id,
                t.c.source == gap.source,
            )
        )
        self.conn.execute(
            insert(t).values(
                candidate_id=gap.candidate_id,
                vacancy_id=gap.vacancy_id,
                source=gap.source,
                region=gap.region,
                vacancy_title=gap.vacancy_title[:200],
                missing=list(gap.missing),
                recorded_on=gap.recorded_on,
            )
        )

    def replace_near_matches(self, region: str, gaps: list[SkillGap]) -> set[str]:
        """The region's near-match gaps become ``gaps``; returns every candidate whose gaps changed
        (or may have)."""
        t = skill_gaps
        where = (t.c.region == region) & (t.c.source == "near_match")
        before = {r.candidate_id for r in self.conn.execute(select(t.c.candidate_id).where(where))}
        self.conn.execute(delete(t).where(where))
        for g in gaps:
            self.put_gap(g)
        return before | {g.candidate_id for g in gaps}

    def erase(self, candidate_id: str) -> None:
        self.conn.execute(delete(skill_gaps).where(skill_gaps.c.candidate_id == candidate_id))

    def published_digest(self, candidate_id: str) -> str | None:
        row = self.conn.execute(
            select(training_published.c.digest).where(training_published.c.candidate_id == candidate_id)
        ).first()
        return row.digest if row else None

    def mark_published(self, candidate_id: str, digest: str | None) -> None:
        t = training_published
        self.conn.execute(delete(t).where(t.c.candidate_id == candidate_id))
        if digest is not None:
            self.conn.execute(insert(t).values(candidate_id=candidate_id, digest=digest))

    @staticmethod
    def _gap(r: Any) -> SkillGap:
        return SkillGap(
            r.candidate_id, r.vacancy_id, r.source, r.region, r.vacancy_title, tuple(r.missing), r.recorded_on
        )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ShortageRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def book(self, on: date) -> ShortageBook[ShortageList]:
        """Every stored list, as in force on ``on`` (``ShortageBook``: later periods are pending)."""
        rows = self.conn.execute(select(shortage_lists.c.payload)).all()
        return ShortageBook((ShortageList.from_payload(r.payload) for r in rows), on=on)

    def replace(self, item: ShortageList, import_id: str, imported_by: str, at: datetime) -> bool:
        """Store the list in place of the one for its (region, period); True if there was one."""
        replaced = self.delete(item.region, str(item.period))
        t = shortage_lists
        self.conn.execute(
            insert(t).values(
                region=item.region,
                period=str(item.period),
                payload=item.to_payload(),
                import_id=import_id,
                imported_by=imported_by,
                imported_at=at,
            )
        )
        return replaced

    def delete(self, region: str, period: str) -> bool:
        t = shortage_lists
        return bool(self.conn.execute(delete(t).where(t.c.region == region, t.c.period == period)).rowcount)

    def record(
        self,
        action: str,
        region: str,
        period: str,
        caller: Principal,
        at: datetime,
        *,
        import_id: str | None = None,
        source: str | None = None,
        rows: int | None = None,
        reason: str | None = None,
    ) -> None:
        self.conn.execute(
            insert(shortage_history).values(
                action=action,
                region=region,
                period=period,
                import_id=import_id,
                source=source,
                rows=rows,
                reason=reason,
                by=caller.subject,
                by_org=caller.org,
                at=at,
            )
        )

    def history(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest changes first."""
        t = shortage_history
        found = self.conn.execute(select(t).order_by(t.c.id.desc()).limit(limit)).all()
        return [{**r._asdict(), "at": _aware(r.at)} for r in found]

    def listing(self) -> list[dict[str, Any]]:
        t = shortage_lists
        rows = self.conn.execute(select(t).order_by(t.c.region, t.c.period)).all()
        return [
            {
                "region": r.region,
                "period": r.period,
                "source": r.payload.get("source", ""),
                "entries": r.payload["entries"],
                "esco_occupations": len(r.payload["levels"]),
                "import_id": r.import_id,
                "imported_by": r.imported_by,
                "imported_at": _aware(r.imported_at),
            }
            for r in rows
        ]


def _outcome(row: Any) -> Outcome:
    return Outcome(
        outcome_id=row.id,
        vacancy_id=row.vacancy_id,
        candidate_id=row.candidate_id,
        status=Status(row.status),
        reason=Reason(row.reason) if row.reason else None,
        comment=row.comment,
        follow_up=FollowUp.from_dict(row.follow_up),
        occurred_on=row.occurred_on,
        recorded_by=row.recorded_by,
        recorded_by_org=row.recorded_by_org,
        recorded_at=_aware(row.recorded_at),
        region=row.region,
        vacancy_title=row.vacancy_title,
    )


class OutcomeRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, o: Outcome) -> None:
        self.conn.execute(
            insert(outcomes).values(
                id=o.outcome_id,
                vacancy_id=o.vacancy_id,
                candidate_id=o.candidate_id,
                region=o.region,
                vacancy_title=o.vacancy_title[:200],
                status=o.status.value,
                reason=o.reason.value if o.reason else None,
                comment=o.comment,
                follow_up=o.follow_up.to_dict() if o.follow_up else None,
                occurred_on=o.occurred_on,
                recorded_by=o.recorded_by,
                recorded_by_org=o.recorded_by_org,
                recorded_at=o.recorded_at,
            )
        )

    def for_vacancy(self, vacancy_id: str) -> list[Outcome]:
        t = outcomes
        rows = self.conn.execute(
            select(t).where(t.c.vacancy_id == vacancy_id).order_by(t.c.occurred_on, t.c.recorded_at)
        ).all()
        return [_outcome(r) for r in rows]

    def for_region(self, region: str, vacancy_ids: Iterable[str] = ()) -> list[Outcome]:
        """Outcomes recorded for the region's vacancies (and for any of ``vacancy_ids``)."""
        t = outcomes
        ids = list(vacancy_ids)
        where = (t.c.region == region) | t.c.vacancy_id.in_(ids) if ids else t.c.region == region
        rows = self.conn.execute(select(t).where(where).order_by(t.c.occurred_on, t.c.recorded_at)).all()
        return [_outcome(r) for r in rows]

    def all(self) -> list[Outcome]:
        """Every stored outcome, by recording time (a re-check of the stored comments)."""
        t = outcomes
        return [_outcome(r) for r in self.conn.execute(select(t).order_by(t.c.recorded_at, t.c.id)).all()]

    def rewrite_texts(self, outcome_id: str, comment: str, follow_up: dict[str, Any] | None) -> None:
        """Replace an outcome's comment and follow-up (masking personal data found after it was stored)."""
        t = outcomes
        self.conn.execute(update(t).where(t.c.id == outcome_id).values(comment=comment, follow_up=follow_up))

    def delete_for_candidate(self, candidate_id: str) -> int:
        """Erase every outcome of the candidate (status, comment, follow-up); returns how many."""
        return self.conn.execute(delete(outcomes).where(outcomes.c.candidate_id == candidate_id)).rowcount


class PathWatchRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def apply(self, payload: dict[str, Any], at: datetime) -> bool:
        """Store a jobseeker's latest watch points; an older version of the same path changes
        nothing (redelivery). Returns whether it was applied."""
        t = path_watch
        row = self.conn.execute(select(t).where(t.c.candidate_id == payload["candidate_id"])).first()
        if row is not None and row.path_id == payload["path_id"] and row.version >= payload["version"]:
            return False
        values = {
            "path_id": payload["path_id"],
            "version": payload["version"],
            "region": payload.get("region") or "",
            "status": payload["status"],
            "watch": payload["watch"],
            "updated_at": at,
        }
        if row is None:
            self.conn.execute(insert(t).values(candidate_id=payload["candidate_id"], **values))
        else:
            self.conn.execute(t.update().where(t.c.candidate_id == payload["candidate_id"]).values(**values))
        return True

    def erase(self, candidate_id: str) -> None:
        self.conn.execute(delete(path_watch).where(path_watch.c.candidate_id == candidate_id))

    def open_in(self, region: str) -> tuple[list[PathWatch], int]:
        """The watch points of the region's open paths, and how many open paths there are."""
        t = path_watch
        rows = self.conn.execute(select(t).where(t.c.region == region, t.c.status == "open")).all()
        points = [
            PathWatch(r.candidate_id, w["reason"], date.fromisoformat(w["from"]), w["org"])
            for r in rows
            for w in r.watch
        ]
        return points, len(rows)


@dataclass(frozen=True, slots=True)
class StoredMeeting:
    region: str
    week: str
    schema_version: int
    content: dict[str, Any]
    prepared_at: datetime
    prepared_by: str
    prepared_by_org: str


class MeetingRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, region: str, week: str) -> StoredMeeting | None:
        t = meetings
        row = self.conn.execute(select(t).where(t.c.region == region, t.c.week == week)).first()
        if row is None:
            return None
        return StoredMeeting(
            row.region,
            row.week,
            row.schema_version,
            row.content,
            _aware(row.prepared_at),
            row.prepared_by,
            row.prepared_by_org,
        )

    def put(self, m: StoredMeeting, *, replace: bool = True) -> None:
        """Store ``m``; ``replace`` False: only when the week has none (``IntegrityError`` otherwise,
        also against a simultaneous first one)."""
        t = meetings
        if replace:
            self.conn.execute(delete(t).where(t.c.region == m.region, t.c.week == m.week))
        self.conn.execute(
            insert(t).values(
                region=m.region,
                week=m.week,
                schema_version=m.schema_version,
                content=m.content,
                prepared_at=m.prepared_at,
                prepared_by=m.prepared_by,
                prepared_by_org=m.prepared_by_org,
            )
        )

    def naming(self, candidate_id: str) -> list[StoredMeeting]:
        """Every stored meeting whose content names the candidate id."""
        t = meetings
        found = self.conn.execute(
            select(t.c.region, t.c.week).where(cast(t.c.content, Text).like(f'%"{candidate_id}"%'))
        ).all()
        return [m for r in found if (m := self.get(r.region, r.week)) is not None]

    def all(self) -> list[StoredMeeting]:
        """Every stored meeting, by region and week."""
        t = meetings
        keys = self.conn.execute(select(t.c.region, t.c.week).order_by(t.c.region, t.c.week)).all()
        return [m for r in keys if (m := self.get(r.region, r.week)) is not None]

    def replace_content(self, region: str, week: str, content: dict[str, Any]) -> None:
        """Rewrite a stored meeting's content in place (erasure), keeping who prepared it and when."""
        t = meetings
        self.conn.execute(update(t).where(t.c.region == region, t.c.week == week).values(content=content))

    def weeks(self, region: str) -> list[str]:
        t = meetings
        return [
            r.week
            for r in self.conn.execute(select(t.c.week).where(t.c.region == region).order_by(t.c.week.desc()))
        ]


class UnitOfWork(SqlUnitOfWork):
    """Shortage lists, outcomes, meetings and their outbox rows in one transaction."""

    shortages: ShortageRepository
    outcomes: OutcomeRepository
    meetings: MeetingRepository
    paths: PathWatchRepository
    training: TrainingRepository

    def __init__(self, engine: Engine, secret: bytes | None = None) -> None:
        """``secret``: the service's ``Settings.record_key``, which keys what the stored answers of
        retried POSTs keep about a jobseeker (``shared.idempotency.record_key``)."""
        super().__init__(engine)
        self._outbox = Outbox(outbox)
        self.record_key = record_key(secret) if secret else None
        self._marker_key = marker_key(secret) if secret else None

    def _open(self, conn: Connection) -> None:
        self.shortages = ShortageRepository(conn)
        self.outcomes = OutcomeRepository(conn)
        self.meetings = MeetingRepository(conn)
        self.paths = PathWatchRepository(conn)
        self.training = TrainingRepository(conn)

    def publish(self, event: Published, key: str, payload: Mapping[str, Any]) -> None:
        """Add one event, as declared in ``team/events.py``, to the outbox of this transaction. A refusal
        keyed by an erased candidate (an access to them refused after the withdrawal, reported to the
        profile service's audit log) leaves the outbox as soon as it is published (privacy37); the other
        events name a candidate the index holds (granted accesses, outcomes), and are not looked up."""
        erased = event is events.ACCESS_REFUSED and self.erased(key)
        self._outbox.add(
            self.conn,
            event.topic.name,
            event.envelope(key, payload, events.PRODUCER),
            forget_when_published=erased,
        )

    def erased(self, candidate_id: str) -> bool:
        """Whether ``candidate_id`` was erased (its keyed marker is in ``erased_candidates``); False without
        the service's key."""
        if self._marker_key is None:
            return False
        wanted = marker(self._marker_key, plain_digest(candidate_id)).hex()
        found = self.conn.execute(
            select(erased_candidates.c.marker).where(erased_candidates.c.marker == wanted)
        ).first()
        return found is not None

    def forget_published(self, key: str) -> int:
        """Erasure: delete the outbox rows already published (or parked) under ``key``, and the
        answers kept for ``Idempotency-Key`` retries that name it (an outcome's comment)."""
        forget(self.conn, idempotency_keys, key, key=self.record_key, candidate_id=key)
        return self._outbox.forget(self.conn, key)

    def publish_tombstone(self, topic: TopicSpec, key: str) -> None:
        """A tombstone (null value) for ``key`` on the compacted ``topic``: the key is deleted."""
        self._outbox.add_tombstone(self.conn, topic.name, key)
