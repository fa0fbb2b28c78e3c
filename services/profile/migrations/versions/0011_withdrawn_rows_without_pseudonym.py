"""A withdrawn profile's row keeps no pseudonym, and no published tombstone stays in the outbox (outside
tester 36, H9: after a withdrawal the ``profiles`` row and the outbox's tombstone row still tied the case
number to the erased person's pseudonym)

Data only: each withdrawn row's ``candidate_id`` becomes its placeholder (``repository.erased_placeholder``:
``erased-`` + 24 hex digits of a keyed hash of the pseudonym under ``KOHTAANTO_PSEUDONYM_KEY``, read from the
environment as the service reads it; the column stays unique and not null), and the outbox's tombstone rows
already published are deleted (those still waiting are left to the relay, which now deletes a tombstone as it
publishes it). Without the key in the environment the placeholders are random: the rows then link nothing,
but an access naming such an erased person later is no longer filed under the case number (run the
migration where the service runs, as it does itself on start). The erased pseudonyms are not kept anywhere,
so there is no downgrade of the data.

Revision ID: p0011
Revises: p0010
Create Date: 2026-12-05 17:00:00
"""

import hmac
import os
import secrets

import sqlalchemy as sa
from alembic import op

revision = "p0011"
down_revision = "p0010"
branch_labels = None
depends_on = None


def _placeholder(key: bytes | None, candidate_id: str) -> str:
    """``repository.erased_placeholder`` as of this revision (a migration keeps its own copy)."""
    if key is None:
        return "erased-" + secrets.token_hex(12)
    return "erased-" + hmac.new(key, b"erased\x1f" + candidate_id.encode(), "sha256").hexdigest()[:24]


def upgrade() -> None:
    conn = op.get_bind()
    key = os.environ.get("KOHTAANTO_PSEUDONYM_KEY", "").encode() or None
    withdrawn = conn.execute(
        sa.text(
            "SELECT coach_org, id, candidate_id FROM profiles "
            "WHERE status = 'withdrawn' AND candidate_id NOT LIKE 'erased-%'"
        )
    ).fetchall()
    for coach_org, profile_id, candidate_id in withdrawn:
        conn.execute(
            sa.text("UPDATE profiles SET candidate_id = :placeholder WHERE coach_org = :org AND id = :id"),
            {"placeholder": _placeholder(key, candidate_id), "org": coach_org, "id": profile_id},
        )
    conn.execute(sa.text("DELETE FROM outbox WHERE value IS NULL AND published_at IS NOT NULL"))


def downgrade() -> None:
    """Nothing to undo: the placeholders stand for pseudonyms that are no longer kept."""
