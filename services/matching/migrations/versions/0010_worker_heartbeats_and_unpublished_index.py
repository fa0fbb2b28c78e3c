"""worker heartbeats and the outbox's index of unpublished rows (ops39)

Schema: ``worker_heartbeats`` (one row per consumer and process: its last poll, the last one at which it held a
partition, its lag; ``shared.messaging.heartbeat``), read by ``/health/ready``'s ``checks.workers``; and
the outbox's index of ``published_at`` split in two partial indexes: ``ix_outbox_unpublished`` (the rows not yet
published, by id: the relay's next batch and the readiness probe's oldest row are its first entries) and
``ix_outbox_published`` (the published ones by ``published_at``, for the purge) (``shared.messaging.outbox``).
No data changes: the rows already in the outbox are indexed as they are.

Revision ID: m0010
Revises: m0009
Create Date: 2026-12-06 02:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "m0010"
down_revision = "m0009"
branch_labels = None
depends_on = None

WAITING = sa.text("published_at IS NULL")
SENT = sa.text("published_at IS NOT NULL")


def upgrade() -> None:
    op.create_table(
        "worker_heartbeats",
        sa.Column("worker", sa.String(length=100), nullable=False),
        sa.Column("instance", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("partitions", sa.Integer(), nullable=False),
        sa.Column("lag", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("worker", "instance"),
    )
    # the one index of published_at served both kinds of row: SQLite's planner took it for the probe
    # and sorted every waiting row; each kind now has its own
    op.drop_index("ix_outbox_published_at", table_name="outbox")
    op.create_index("ix_outbox_unpublished", "outbox", ["id"], sqlite_where=WAITING, postgresql_where=WAITING)
    op.create_index(
        "ix_outbox_published", "outbox", ["published_at"], sqlite_where=SENT, postgresql_where=SENT
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_published", table_name="outbox")
    op.drop_index("ix_outbox_unpublished", table_name="outbox")
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"])
    op.drop_table("worker_heartbeats")
