"""idempotency records keyed: a retried POST's stored fingerprint is an HMAC under the service's record key
(from the pseudonym key, ``KOHTAANTO_PSEUDONYM_KEY``), and each answer keeps the keyed tags of the
jobseekers it concerns (``subjects``), by which a withdrawal deletes it; an outbox row waiting when its key
was erased is deleted once published (``outbox.forget_when_published``) (privacy37)

Data and schema: ``idempotency_keys`` gains ``subjects`` (NULL for the rows stored before, which the erasure
still finds by their text); each stored plain SHA-256 fingerprint (of a request naming a case number or a
pseudonym, recomputable by anyone who can guess the request) becomes its keyed one, with the key from the
environment (without it the stored answers, 24-hour retries, are deleted).

Revision ID: p0013
Revises: p0012
Create Date: 2026-12-05 20:00:00
"""

import hashlib
import hmac
import os
import re

import sqlalchemy as sa
from alembic import op

revision = "p0013"
down_revision = "p0012"
branch_labels = None
depends_on = None


def _record_key(secret: bytes) -> bytes:
    """``shared.idempotency.record_key`` as of this revision (a migration keeps its own copy)."""
    return hmac.new(secret, b"kohtaanto idempotency records\x1f", hashlib.sha256).digest()


def _keyed_answers(conn: sa.Connection, secret: bytes | None) -> None:
    """Each stored answer's plain SHA-256 fingerprint becomes its keyed one (``shared.idempotency.keyed``:
    HMAC-SHA-256 under the record key of the digest), so a retry within its 24 hours still replays it;
    without the secret the answers are deleted (a retry of such a request then runs again)."""
    if secret is None:
        conn.execute(sa.text("DELETE FROM idempotency_keys"))
        return
    key = _record_key(secret)
    rows = conn.execute(sa.text("SELECT org, key, fingerprint FROM idempotency_keys")).fetchall()
    for org, name, fingerprint in rows:
        conn.execute(
            sa.text("UPDATE idempotency_keys SET fingerprint = :f WHERE org = :org AND key = :key"),
            {
                "f": hmac.new(key, bytes.fromhex(fingerprint), hashlib.sha256).hexdigest(),
                "org": org,
                "key": name,
            },
        )


def _dead_letters_without_pseudonyms(conn: sa.Connection) -> None:
    """``shared.messaging.consumer.without_identifiers`` over the reasons already recorded: a pseudonym in a
    reason ("candidate 'c-…' differs from the record's key 'c-…'") becomes ``<pseudonym>``."""
    shape = re.compile(r"c-[0-9a-f]{24}(?![0-9a-f])")
    rows = conn.execute(
        sa.text('SELECT consumer, topic, "partition", "offset", reason FROM dead_letters')
    ).fetchall()
    for consumer, topic, partition, offset, reason in rows:
        if shape.search(reason):
            conn.execute(
                sa.text(
                    "UPDATE dead_letters SET reason = :r WHERE consumer = :c AND topic = :t "
                    'AND "partition" = :p AND "offset" = :o'
                ),
                {
                    "r": shape.sub("<pseudonym>", reason),
                    "c": consumer,
                    "t": topic,
                    "p": partition,
                    "o": offset,
                },
            )


def _add_subjects() -> None:
    """``idempotency_keys.subjects``, and ``outbox.forget_when_published`` (a row still waiting when its key
    was erased is deleted once published, not kept beside the erasure)."""
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(sa.Column("subjects", sa.Text(), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("forget_when_published", sa.Boolean(), nullable=True))


def _drop_subjects() -> None:
    """The keyed fingerprints cannot become plain ones again: the answers (24-hour retries) are deleted."""
    op.execute(sa.text("DELETE FROM idempotency_keys"))
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("subjects")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("forget_when_published")


def upgrade() -> None:
    _add_subjects()
    _dead_letters_without_pseudonyms(op.get_bind())
    secret = os.environ.get("KOHTAANTO_PSEUDONYM_KEY", "").encode() or None
    _keyed_answers(op.get_bind(), secret)


def downgrade() -> None:
    _drop_subjects()
