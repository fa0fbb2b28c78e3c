"""Schema of release 1bed9a9 (tables made by create_all)

The tables exactly as the release before migrations created them. A database that release created
has them but no version table: it is stamped with this revision, not migrated (shared/migrations.py).

Revision ID: m0001
Revises: (none: the first revision)
"""

import sqlalchemy as sa
from alembic import op

revision = "m0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prepared_by", sa.String(length=200), nullable=False),
        sa.Column("prepared_by_org", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("region", "week"),
    )
    op.create_table(
        "outbox",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("message_key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=True),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"], unique=False)

    op.create_table(
        "outcomes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("vacancy_id", sa.String(length=64), nullable=False),
        sa.Column("candidate_id", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("vacancy_title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.JSON(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_org", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outcomes_candidate_id", "outcomes", ["candidate_id"], unique=False)
    op.create_index("ix_outcomes_occurred_on", "outcomes", ["occurred_on"], unique=False)
    op.create_index("ix_outcomes_region", "outcomes", ["region"], unique=False)
    op.create_index("ix_outcomes_vacancy_id", "outcomes", ["vacancy_id"], unique=False)

    op.create_table(
        "processed_events",
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id"),
    )
    op.create_table(
        "shortage_lists",
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("import_id", sa.String(length=64), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("region", "period"),
    )


def downgrade() -> None:
    op.drop_table("shortage_lists")
    op.drop_table("processed_events")
    op.drop_index("ix_outcomes_vacancy_id", table_name="outcomes")
    op.drop_index("ix_outcomes_region", table_name="outcomes")
    op.drop_index("ix_outcomes_occurred_on", table_name="outcomes")
    op.drop_index("ix_outcomes_candidate_id", table_name="outcomes")

    op.drop_table("outcomes")
    op.drop_index("ix_outbox_published_at", table_name="outbox")

    op.drop_table("outbox")
    op.drop_table("meetings")
