"""erased candidates keyed, and idempotency records keyed (privacy37)

``erased_candidates`` kept the first 16 bytes of the plain SHA-256 of each withdrawn candidate's pseudonym
and the time of the erasure: whoever held an old pseudonym (an export, a meeting page, a Kafka segment)
could hash it and learn that, and when, the person withdrew (session 36). Each row becomes a keyed marker
(``team.erasure.marker``: HMAC-SHA-256, under a key derived from ``KOHTAANTO_MATCHING_KEY``, of the stored
digest, so the service finds it again from the pseudonym of a late record) and the time is dropped. The
key is read from the environment, as the service that migrates on start has it; with rows to rewrite and
no key the upgrade stops, naming the variable (a marker made without the key would let a late record bring
an erased person back).

``idempotency_keys`` gains ``subjects`` and its fingerprints become keyed ones, as in v0005 and p0013.

Revision ID: m0009
Revises: m0008
Create Date: 2026-12-05 20:00:00
"""

import hashlib
import hmac
import os
import re

import sqlalchemy as sa
from alembic import op

revision = "m0009"
down_revision = "m0008"
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


def _marker(secret: bytes, digest: bytes) -> bytes:
    """``team.erasure.marker(marker_key(secret), digest)`` as of this revision."""
    key = hmac.new(secret, b"kohtaanto erased candidates\x1f", hashlib.sha256).digest()
    return hmac.new(key, digest, hashlib.sha256).digest()[:16]


def upgrade() -> None:
    conn = op.get_bind()
    secret = os.environ.get("KOHTAANTO_MATCHING_KEY", "").encode() or None
    digests = [row[0] for row in conn.execute(sa.text("SELECT digest FROM erased_candidates")).fetchall()]
    if digests and secret is None:
        raise RuntimeError(
            "migration m0009 needs KOHTAANTO_MATCHING_KEY (as the matching service runs with it) to key the "
            f"markers of {len(digests)} erased candidates"
        )
    conn.execute(sa.text("DELETE FROM erased_candidates"))
    with op.batch_alter_table("erased_candidates") as batch:
        batch.drop_column("erased_at")
        batch.alter_column("digest", new_column_name="marker", existing_type=sa.String(length=32))
    for digest in digests:
        marker = _marker(secret or b"", bytes.fromhex(digest)).hex()
        conn.execute(sa.text("INSERT INTO erased_candidates (marker) VALUES (:m)"), {"m": marker})
    _add_subjects()
    _dead_letters_without_pseudonyms(op.get_bind())
    _keyed_answers(conn, secret)


def downgrade() -> None:
    """The markers cannot become plain digests again (that is the point): they are kept as they are, with the
    downgrade's time, and the older code no longer recognises those candidates (a late record of theirs
    would be indexed again), so do not downgrade past this revision once candidates were erased."""
    _drop_subjects()
    with op.batch_alter_table("erased_candidates") as batch:
        batch.alter_column("marker", new_column_name="digest", existing_type=sa.String(length=32))
        batch.add_column(
            sa.Column(
                "erased_at",
                sa.DateTime(timezone=True),
                nullable=False,
                server_default=sa.text("CURRENT_TIMESTAMP"),
            )
        )
