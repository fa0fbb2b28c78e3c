"""Profiles, the audit log of personal-data access, and the unit of work with outbox and tracking."""

from __future__ import annotations

import hmac
import re
import secrets
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

from services.profile import events
from services.profile.domain import (
    Profile,
    ProfileDetails,
    Status,
    pseudonym,
)
from shared.db import ConcurrentChangeError, SqlUnitOfWork
from shared.i18n import N_
from shared.idempotency import forget, idempotency_keys_table, record_key
from shared.messaging.deadletters import dead_letters_table
from shared.messaging.heartbeat import heartbeats_table
from shared.messaging.idempotency import processed_events_table
from shared.messaging.outbox import Outbox, outbox_table
from shared.pii import mask

metadata = MetaData()

profiles = Table(
    "profiles",
    metadata,
    # Profile ids are chosen by the coach's organisation and are unique within it only: another
    # organisation's ids are another namespace, so no answer can reveal that one exists.
    Column("coach_org", String(100), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("candidate_id", String(32), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("details", JSON, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The identity holding the id (``domain.pseudonym``): + 1 when a withdrawn profile is created again.
    Column("generation", Integer, nullable=False, server_default="0"),
)
# Ids are compared without letter case within an organisation: "T5-CASE" and "t5-case" are one id, also
# when two coaches create them at the same moment (ids are ASCII, so lower() is the same in SQLite and
# PostgreSQL).
Index("uq_profiles_org_id_nocase", profiles.c.coach_org, func.lower(profiles.c.id), unique=True)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(200), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("actor_org", String(100), nullable=False, index=True),
    Column("action", String(64), nullable=False),
    # The organisation whose jobseeker the entry concerns (the profile's coach organisation), if known.
    Column("subject_org", String(100), nullable=True, index=True),
    Column("profile_id", String(64), nullable=True, index=True),
    Column("candidate_id", String(32), nullable=True, index=True),
    Column("granted", String(8), nullable=False),
    Column("purpose", String(200), nullable=True),
)

outbox = outbox_table(metadata)
processed = processed_events_table(metadata)
idempotency_keys = idempotency_keys_table(metadata)  # POSTs' answers by Idempotency-Key
dead_letters = dead_letters_table(metadata)
worker_heartbeats = heartbeats_table(metadata)  # the worker's consumers' beats (checks.workers)


#: A withdrawn profile's row keeps this prefix and 24 hex digits in ``candidate_id`` instead of the erased
#: person's pseudonym (outside tester 36, H9): the row stays, to give the case number's next holder a new
#: generation, but names no pseudonym. Not of the pseudonym's shape, so no request names it.
ERASED_PREFIX = "erased-"


def erased_placeholder(key: bytes | None, candidate_id: str) -> str:
    """The ``candidate_id`` a withdrawn profile's row keeps (31 characters, unique as the column requires):
    ``ERASED_PREFIX`` + 24 hex digits of HMAC-SHA-256 under the pseudonym ``key`` of ``candidate_id`` (domain-
    separated from ``domain.pseudonym``), so that ``ProfileRepository.erased_holder`` finds the case number of
    an access naming the erased person by one indexed look-up. It adds nothing to what the row already tells
    whoever holds the key (the pseudonym is recomputed from the organisation, the case number and the
    generation), and without the key it is unrelated to the pseudonym. ``key`` None (no key at hand): random
    hex, derived from nothing (the row is then found by no look-up)."""
    if key is None:
        return ERASED_PREFIX + secrets.token_hex(12)
    digest = hmac.new(key, b"erased\x1f" + candidate_id.encode(), "sha256").hexdigest()
    return ERASED_PREFIX + digest[:24]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _from_row(row: Any) -> Profile:
    return Profile(
        id=row.id,
        candidate_id=row.candidate_id,
        coach_org=row.coach_org,
        details=ProfileDetails.from_dict(row.details) if row.details else None,
        status=Status(row.status),
        version=row.version,
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        generation=row.generation,
    )


class ProfileRepository:
    """``pseudonym_key``: as ``AuditLog``'s; it makes a withdrawn row's placeholder (``erased_placeholder``)."""

    def __init__(self, conn: Connection, pseudonym_key: bytes | None = None) -> None:
        self.conn = conn
        self.pseudonym_key = pseudonym_key

    def get(self, coach_org: str, profile_id: str) -> Profile | None:
        """The profile ``profile_id`` of organisation ``coach_org`` (ids are per organisation, and
        compared without letter case: "T5-CASE" is "t5-case"; the profile keeps the spelling it was
        created with)."""
        row = self.conn.execute(
            select(profiles).where(
                profiles.c.coach_org == coach_org, func.lower(profiles.c.id) == profile_id.lower()
            )
        ).first()
        return _from_row(row) if row else None

    def by_candidate(self, candidate_ids: list[str]) -> list[Profile]:
        rows = self.conn.execute(select(profiles).where(profiles.c.candidate_id.in_(candidate_ids))).all()
        return [_from_row(r) for r in rows]

    def add(self, p: Profile) -> None:
        self.conn.execute(insert(profiles).values(**self._values(p), created_at=p.created_at))

    def save(self, p: Profile) -> None:
        """Write ``p``, a new version of a stored profile: only over the version before it
        (``ConcurrentChangeError`` when another change was written since it was read, so that no two
        writes publish the same version and none is lost: outside tester 6, G4 and G11)."""
        stmt = (
            update(profiles)
            .where(
                profiles.c.coach_org == p.coach_org,
                profiles.c.id == p.id,
                profiles.c.version == p.version - 1,
            )
            .values(**self._values(p))
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise ConcurrentChangeError(
                N_("profile %(id)s changed since version %(version)s was read")
                % {"id": p.id, "version": p.version - 1}
            )

    def erased_holder(self, key: bytes, candidate_id: str) -> tuple[str, str] | None:
        """(profile id, organisation) of the erased person whose pseudonym was ``candidate_id``, None when it
        was nobody's, with the pseudonym ``key``, as no row stores an erased person's pseudonym (outside testers
        35, F9, and 36, H9): a withdrawn profile by its placeholder (``erased_placeholder``, one indexed
        look-up); an earlier holder of a profile id created again since by deriving each earlier generation's
        pseudonym (``domain.pseudonym``), reading every row of a reused id (one HMAC per erased generation)."""
        row = self.conn.execute(
            select(profiles.c.id, profiles.c.coach_org).where(
                profiles.c.candidate_id == erased_placeholder(key, candidate_id)
            )
        ).first()
        if row is not None:
            return row.id, row.coach_org
        reused = self.conn.execute(
            select(profiles.c.id, profiles.c.coach_org, profiles.c.generation).where(
                profiles.c.generation > 0
            )
        ).all()
        for held in reused:
            for generation in range(held.generation):
                if hmac.compare_digest(pseudonym(key, held.coach_org, held.id, generation), candidate_id):
                    return held.id, held.coach_org
        return None

    def recreate(self, p: Profile) -> None:
        """A withdrawn profile's id taken by a new identity (``p.generation`` higher): the erased
        person's row, kept as a tombstone so far, is replaced, creation time included."""
        self.conn.execute(
            update(profiles)
            .where(profiles.c.coach_org == p.coach_org, profiles.c.id == p.id)
            .values(**self._values(p), created_at=p.created_at)
        )

    def _values(self, p: Profile) -> dict[str, Any]:
        """The row of ``p``; a withdrawn profile's keeps no pseudonym (``erased_placeholder``)."""
        withdrawn = p.status is Status.WITHDRAWN
        return {
            "id": p.id,
            "candidate_id": erased_placeholder(self.pseudonym_key, p.candidate_id)
            if withdrawn
            else p.candidate_id,
            "coach_org": p.coach_org,
            "status": p.status.value,
            "version": p.version,
            "details": p.details.to_dict() if p.details else None,
            "updated_at": p.updated_at,
            "generation": p.generation,
        }


#: How many audit entries this request (this context) has written: the profile service's refusal
#: safety net (``services.profile.refusals``) records a refusal no use case recorded itself.
#: The action of a refused request no use case names itself (``refusals``) or another service refused.
REFUSED_ACTION = "request.refused"
AUDITED: ContextVar[int] = ContextVar("kohtaanto_profile_audited", default=0)

#: What a withdrawal leaves of an audit entry's purpose.
ERASED_PURPOSE = "[erased with the profile]"
#: A refused request's purpose as this service's safety net (``refusals``: ``403 GET /api/v1/…``) or matching's
#: ``access.refused`` (``matching: 404 GET /api/v1/… (reason), vacancy <id>``) generate it: no one typed it.
_GENERATED_REFUSAL = re.compile(
    r"(?:matching: )?[1-5]\d\d [A-Z]{3,7} /[\w/<>:.-]{0,300}(?: \([a-z_]{1,40}\))?(?:, vacancy [\w.:-]{1,64})?"
)


def erased_purpose(action: str, purpose: str | None) -> str | None:
    """What an audit entry about an erased (withdrawn) person keeps of its ``purpose``: ``None`` stays ``None``;
    a refused request's generated route, status and reason (``_GENERATED_REFUSAL``) after ``ERASED_PURPOSE``, so
    the owner still sees which door was tried; any other text — typed by a caller (a contact look-up's purpose,
    which may name the person: the PII mask finds codes, e-mail addresses and phones, not names) or composed
    around such text — becomes ``ERASED_PURPOSE`` alone. Idempotent (outside tester 35b, G2)."""
    if purpose is None:
        return None
    if purpose.startswith(ERASED_PURPOSE):
        return purpose
    if action == REFUSED_ACTION and _GENERATED_REFUSAL.fullmatch(purpose):
        return f"{ERASED_PURPOSE} {purpose}"
    return ERASED_PURPOSE


class AuditLog:
    """Every access to personal data, granted or denied, in the same database as the data. ``pseudonym_key``:
    the key of ``domain.pseudonym``, to find the case number of an erased person an entry names
    (``ProfileRepository.erased_holder``); without it such an entry names no case number."""

    def __init__(self, conn: Connection, pseudonym_key: bytes | None = None) -> None:
        self.conn = conn
        self.pseudonym_key = pseudonym_key

    def record(
        self,
        *,
        actor: str,
        role: str,
        org: str,
        action: str,
        granted: bool,
        profile_id: str | None = None,
        candidate_id: str | None = None,
        purpose: str | None = None,
        subject_org: str | None = None,
        at: datetime | None = None,
        erased: bool = False,
        resolved: bool = False,
    ) -> None:
        """One entry; ``purpose`` is stored with personal data masked (``shared.pii.mask``); ``at``:
        when it happened, if not now (an access another service reports in an event). ``erased``: the entry
        is about an erased person (``ProfileRepository.erased_holder``: the caller found the case number);
        ``resolved``: the caller already looked for one (it is not looked for again).

        An entry about an erased person — ``erased``, a withdrawn profile's placeholder (``erased_placeholder``),
        or a pseudonym no profile holds that ``erased_holder`` finds with the key — carries the case number and
        its organisation but no pseudonym, and only what ``erased_purpose`` keeps of its purpose, as ``forget_erased_person`` leaves
        the entries written before the withdrawal (outside tester 35b, G2: a look-up made while the profile
        was withdrawn kept its typed purpose).

        An entry about a candidate always carries the profile id and the profile's organisation
        (``subject_org``) when the profile is known here, whoever acted: the own data-protection
        officer's search by profile id must find other organisations' accesses too. ``entries``
        hides the profile id from everyone else."""
        AUDITED.set(AUDITED.get() + 1)
        if candidate_id is not None:
            row = self.conn.execute(
                select(profiles.c.id, profiles.c.coach_org, profiles.c.status).where(
                    profiles.c.candidate_id == candidate_id
                )
            ).first()
            if row is not None:
                profile_id, subject_org = profile_id or row.id, subject_org or row.coach_org
                erased = erased or row.status == Status.WITHDRAWN.value
            elif self.pseudonym_key is not None and not (erased or resolved):
                held = ProfileRepository(self.conn, self.pseudonym_key).erased_holder(
                    self.pseudonym_key, candidate_id
                )
                if held is not None:
                    profile_id, subject_org, erased = held[0], held[1], True
        if erased:
            candidate_id = None  # an erased person's entries keep no pseudonym (``forget_erased_person``)
            purpose = erased_purpose(action, purpose)
        self.conn.execute(
            insert(audit_log).values(
                at=at or datetime.now(UTC),
                actor=actor,
                actor_role=role,
                actor_org=org,
                action=action,
                profile_id=profile_id,
                candidate_id=candidate_id,
                granted="yes" if granted else "no",
                purpose=mask(purpose)[:200] if purpose else None,
                subject_org=subject_org,
            )
        )

    def forget_erased_person(
        self, candidate_id: str, profile_id: str | None = None, subject_org: str | None = None
    ) -> int:
        """On a withdrawal: the entries about the candidate stay (the accesses happened, by whom, to
        which case number: ``profile_id``), but

        * the free text typed into their ``purpose`` — which may name the person, and the PII mask
          finds codes, e-mail addresses and phone numbers, not names — is replaced (``erased_purpose``: a
          refused request's generated route, status and reason stay after the marker), in the entries naming
          the candidate and, given ``profile_id`` and ``subject_org``, in those naming only that case number
          of that organisation (denied attempts by profile id; an earlier holder's are already marked), and
        * their ``candidate_id`` is dropped (outside tester 27, T27-13): it linked the case number
          to the pseudonym under which the person's ``outcome.recorded`` events stay on
          ``kohtaanto.outcomes.v1`` for the topic's retention, so anyone reading the log and the topic
          could rejoin the erased history; the pseudonym is personal data only through that link.
          Later entries about the candidate drop it too (``record``).

        Returns the entries whose pseudonym was dropped."""
        about = audit_log.c.candidate_id == candidate_id
        if profile_id is not None and subject_org is not None:
            about = or_(
                about,
                and_(
                    func.lower(audit_log.c.profile_id) == profile_id.lower(),
                    audit_log.c.subject_org == subject_org,
                ),
            )
        rows = self.conn.execute(
            select(audit_log.c.id, audit_log.c.action, audit_log.c.purpose).where(
                about, audit_log.c.purpose.is_not(None), audit_log.c.purpose.not_like(f"{ERASED_PURPOSE}%")
            )
        ).all()
        for row in rows:
            self.conn.execute(
                update(audit_log)
                .where(audit_log.c.id == row.id)
                .values(purpose=(erased_purpose(row.action, row.purpose) or ERASED_PURPOSE)[:200])
            )
        result = self.conn.execute(
            update(audit_log).where(audit_log.c.candidate_id == candidate_id).values(candidate_id=None)
        )
        return result.rowcount or 0

    def entries(
        self,
        *,
        scope_org: str | None,
        profile_id: str | None = None,
        candidate_id: str | None = None,
        every_identity: bool = False,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        before: int | None = None,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """Newest first (by ``id``), at most ``limit``; ``before``: only entries with a smaller id (the
        cursor of the next page). With ``scope_org``, only the entries of that organisation: what its
        people did, and what anyone did with its jobseekers' data; a profile id of another
        organisation's jobseeker is not shown (nor which organisation that is), nor, in a refused
        entry (``granted`` no), the candidate id, which ``candidate_id`` then does not find either
        (outside tester 28, T28-6). ``scope_org=None``: every entry. ``profile_id``: the entries of the identity holding that id now (a profile
        created again after a withdrawal is a new person: ``domain.pseudonym``), or of every identity
        that held it with ``every_identity``. ``actor``/``action``: exact matches; ``since`` (inclusive)
        and ``until`` (exclusive): time-zone-aware instants."""
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if scope_org is not None:
            query = query.where(or_(audit_log.c.actor_org == scope_org, audit_log.c.subject_org == scope_org))
        if profile_id:
            query = query.where(func.lower(audit_log.c.profile_id) == profile_id.lower())
            if scope_org is not None:
                query = query.where(audit_log.c.subject_org == scope_org)
            if not every_identity:
                query = query.where(*self._current_identity(scope_org, profile_id))
        if candidate_id:
            query = query.where(audit_log.c.candidate_id == candidate_id)
            if scope_org is not None:
                # a refused entry about another organisation's (or no) jobseeker shows no candidate
                # id to this reader (below), so a search by one must not find it either
                query = query.where(or_(audit_log.c.subject_org == scope_org, audit_log.c.granted == "yes"))
        if actor:
            query = query.where(audit_log.c.actor == actor)
        if action:
            query = query.where(audit_log.c.action == action)
        if since is not None:
            query = query.where(audit_log.c.at >= since.astimezone(UTC))
        if until is not None:
            query = query.where(audit_log.c.at < until.astimezone(UTC))
        if before is not None:
            query = query.where(audit_log.c.id < before)
        out = []
        for row in self.conn.execute(query):
            entry = dict(row._mapping)
            entry["at"] = _aware(entry["at"])  # SQLite keeps no offset: the column holds UTC
            if scope_org is not None and entry["subject_org"] != scope_org:
                entry["profile_id"] = None
                entry["subject_org"] = None
                if entry["granted"] == "no":
                    # the refused caller's organisation must not learn from its own log that an id it
                    # tried exists or whose it is (outside tester 28, T28-6): the pseudonym is for the
                    # jobseeker's organisation and the system auditor
                    entry["candidate_id"] = None
            out.append(entry)
        return out

    def _current_identity(self, scope_org: str | None, profile_id: str) -> list[Any]:
        """Conditions keeping the entries of the identities holding ``profile_id`` now (one per
        organisation in scope): entries with their candidate id, and entries without one (denied
        attempts) made since that identity was created and after the last withdrawal of the profile id
        (an erased identity's entries carry no candidate id either). None when no profile holds the id."""
        query = select(profiles).where(func.lower(profiles.c.id) == profile_id.lower())
        if scope_org is not None:
            query = query.where(profiles.c.coach_org == scope_org)
        held = []
        for row in self.conn.execute(query).all():
            since = audit_log.c.at >= _aware(row.created_at)
            if row.status != "withdrawn":
                # an erased identity's entries keep no candidate id (``forget_erased_person``): those
                # up to its withdrawal are not this identity's, whatever the clocks say
                ended = self.conn.execute(
                    select(func.max(audit_log.c.at)).where(
                        audit_log.c.profile_id == row.id,
                        audit_log.c.subject_org == row.coach_org,
                        audit_log.c.action == "profile.withdraw",
                        audit_log.c.granted == "yes",
                    )
                ).scalar()
                if ended is not None:
                    since = and_(since, audit_log.c.at > ended)
            held.append(
                and_(
                    audit_log.c.subject_org == row.coach_org,
                    or_(
                        audit_log.c.candidate_id == row.candidate_id,
                        and_(
                            audit_log.c.candidate_id.is_(None),
                            since,
                            # an access naming an erased earlier holder after the id was used again
                            # (``ProfileHandlers._erased_holder``) is that person's, not this identity's; while
                            # the id's holder is the withdrawn person, the marked entries are its own
                            # (``forget_erased_person``: they no longer name it otherwise)
                            or_(
                                audit_log.c.purpose.is_(None),
                                audit_log.c.purpose.not_like(f"{ERASED_PURPOSE}%"),
                            )
                            if row.status != "withdrawn"
                            else true(),
                        ),
                    ),
                )
            )
        return [or_(*held)] if held else []


class UnitOfWork(SqlUnitOfWork):
    """``pseudonym_key``: as ``AuditLog``'s (the services pass ``Settings.pseudonym_key``)."""

    profiles: ProfileRepository
    audit: AuditLog

    def __init__(self, engine: Engine, pseudonym_key: bytes | None = None) -> None:
        super().__init__(engine)
        self._outbox = Outbox(outbox)
        self.pseudonym_key = pseudonym_key

    def _open(self, conn: Connection) -> None:
        self.profiles = ProfileRepository(conn, self.pseudonym_key)
        self.audit = AuditLog(conn, self.pseudonym_key)

    def erase_related(self, candidate_id: str) -> None:
        """Hook: erase what other parts of this service keep about a withdrawn jobseeker."""

    def hired_related(self, candidate_id: str, now: datetime, on: date | None = None) -> None:
        """Hook: what else follows, in this transaction, from the jobseeker being hired (``on``: the
        day of the hire, default ``now``'s)."""

    def referral_noted(self, payload: dict[str, Any]) -> None:
        """Hook: a candidate was proposed to a vacancy, or its outcome changed (``outcome.recorded``)."""

    def consent_restated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        """Hook: the coach listed ``orgs`` in the jobseeker's consent while they were consented by a
        choice recorded elsewhere (``granted_orgs``): from now on it is the jobseeker's own consent,
        which withdrawing the choice leaves in place."""

    def consent_unstated(self, candidate_id: str, orgs: frozenset[str]) -> None:
        """Hook: the coach left out ``orgs``, which were the jobseeker's own consent and are consented by a
        choice recorded elsewhere too: from now on they are consented by the choice only, and
        withdrawing the choice withdraws them."""

    def consent_by_choice(self, candidate_id: str) -> frozenset[str]:
        """Hook: the organisations of ``granted_orgs`` consented by the choice alone (not the jobseeker's
        own consent too): a profile's ``GET`` shows them apart from ``consented_orgs``
        (``consent_by_choice``), so that a body read and sent back does not turn them into the
        jobseeker's own consent (outside tester 40, T40-2)."""
        return frozenset()

    def lapsed_choices(self, candidate_id: str, today: date) -> frozenset[str]:
        """Hook: the organisations of ``consent_by_choice`` whose choice has ended by ``today`` (the
        service's local day; a voucher expired, hired or withdrawn) though no withdrawal was written:
        they are no longer consented, whatever the stored ``consented_orgs`` says (review 40)."""
        return frozenset()

    def granted_orgs(self, candidate_id: str) -> frozenset[str]:
        """Hook: organisations the jobseeker consented to by a choice recorded elsewhere in this
        service (e.g. a voucher's provider); a replaced profile keeps them until they are withdrawn."""
        return frozenset()

    def publish_candidate(self, profile: Profile) -> None:
        """The candidate's current state for matching, or a tombstone once withdrawn (and then the
        outbox rows already published under the candidate id are deleted: erasure reaches them)."""
        declared = events.CANDIDATE_UPSERTED
        if profile.details is None:
            self._outbox.forget(self.conn, profile.candidate_id)
            # the answers kept for `Idempotency-Key` retries that name the jobseeker (a path, a voucher)
            forget(
                self.conn,
                idempotency_keys,
                profile.candidate_id,
                profile.id,
                key=record_key(self.pseudonym_key) if self.pseudonym_key else None,
                candidate_id=profile.candidate_id,
                profile=(profile.coach_org, profile.id),
            )
            self._outbox.add_tombstone(self.conn, declared.topic.name, profile.candidate_id)
            return
        envelope = declared.envelope(profile.candidate_id, profile.for_matching(), events.PRODUCER)
        self._outbox.add(self.conn, declared.topic.name, envelope)
