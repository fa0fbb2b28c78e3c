"""The tables of release 1bed9a9, the last one before migrations, copied from its source
(``git show 1bed9a9:services/<name>/repository.py``, ``shared/messaging/{outbox,idempotency}.py``).

Frozen on purpose: the migration tests create these with ``create_all``, as that release did, fill
them with data and check that today's code upgrades them without losing a row. Never edit them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)


def _outbox(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("topic", String(200), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("value", LargeBinary, nullable=True),
        Column("event_type", String(100), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True, index=True),
    )


def _processed(metadata: MetaData) -> Table:
    return Table(
        "processed_events",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False),
    )


vacancy = MetaData()
_outbox(vacancy)
_processed(vacancy)

vacancy_vacancies = Table(
    "vacancies",
    vacancy,
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
)

vacancy_shortage_lists = Table(
    "shortage_lists",
    vacancy,
    Column("region", String(64), primary_key=True),
    Column("period", String(8), primary_key=True),
    Column("source", String(300), nullable=False),
    Column("levels", JSON, nullable=False),  # ESCO occupation URI -> level
    Column("event_id", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

profile = MetaData()
_outbox(profile)
_processed(profile)

profile_profiles = Table(
    "profiles",
    profile,
    Column("id", String(64), primary_key=True),
    Column("candidate_id", String(32), nullable=False, unique=True),
    Column("coach_org", String(100), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("details", JSON, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

profile_audit_log = Table(
    "audit_log",
    profile,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(200), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("actor_org", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("profile_id", String(64), nullable=True, index=True),
    Column("candidate_id", String(32), nullable=True, index=True),
    Column("granted", String(8), nullable=False),
    Column("purpose", String(200), nullable=True),
)

matching = MetaData()
_outbox(matching)
_processed(matching)

matching_shortage_lists = Table(
    "shortage_lists",
    matching,
    Column("region", String(64), primary_key=True),
    Column("period", String(8), primary_key=True),
    Column("payload", JSON, nullable=False),  # ShortageList.to_payload(): entries and resolved levels
    Column("import_id", String(64), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

matching_outcomes = Table(
    "outcomes",
    matching,
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

matching_meetings = Table(
    "meetings",
    matching,
    Column("region", String(64), primary_key=True),
    Column("week", String(8), primary_key=True),  # ISO week, e.g. 2026-W48
    Column("schema_version", Integer, nullable=False),
    Column("content", JSON, nullable=False),
    Column("prepared_at", DateTime(timezone=True), nullable=False),
    Column("prepared_by", String(200), nullable=False),
    Column("prepared_by_org", String(100), nullable=False),
)


METADATA = {"vacancy": vacancy, "profile": profile, "matching": matching}
