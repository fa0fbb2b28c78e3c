"""A withdrawn profile's row keeps no pseudonym, and no published tombstone stays in the outbox (outside
tester 36, H9: after a withdrawal the ``profiles`` row and the outbox's tombstone row still tied the case
number to the erased person's pseudonym)

Data only: each withdrawn row's ``candidate_id`` becomes a random placeholder
(``repository.erased_placeholder``: ``erased-`` + 24 random hex digits; the column stays unique and not
null), and the outbox's tombstone rows already published are deleted (those still waiting are left to the
relay, which now deletes a tombstone as it publishes it). The erased pseudonyms are not kept anywhere, so
there is no downgrade of the data.

Revision ID: p0011
Revises: p0010
Create Date: 2026-12-05 17:00:00
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "p0011"
down_revision = "p0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    withdrawn = conn.execute(
        sa.text(
            "SELECT coach_org, id FROM profiles WHERE status = 'withdrawn' AND candidate_id NOT LIKE 'erased-%'"
        )
    ).fetchall()
    for coach_org, profile_id in withdrawn:
        conn.execute(
            sa.text("UPDATE profiles SET candidate_id = :placeholder WHERE coach_org = :org AND id = :id"),
            {"placeholder": "erased-" + secrets.token_hex(12), "org": coach_org, "id": profile_id},
        )
    conn.execute(sa.text("DELETE FROM outbox WHERE value IS NULL AND published_at IS NOT NULL"))


def downgrade() -> None:
    """Nothing to undo: the placeholders stand for pseudonyms that are no longer kept."""
