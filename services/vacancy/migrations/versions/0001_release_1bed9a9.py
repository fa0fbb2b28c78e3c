"""Schema of release 1bed9a9 (tables made by create_all)

The tables exactly as the release before migrations created them. A database that release created
has them but no version table: it is stamped with this revision, not migrated (shared/migrations.py).

Revision ID: v0001
Revises: (none: the first revision)
"""

import sqlalchemy as sa
from alembic import op

revision = "v0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
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
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("region", "period"),
    )
    op.create_table(
        "vacancies",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("employer_org", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("occupation_uri", sa.String(length=200), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("close_reason", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_vacancies_employer_org", "vacancies", ["employer_org"], unique=False)
    op.create_index("ix_vacancies_region", "vacancies", ["region"], unique=False)
    op.create_index("ix_vacancies_status", "vacancies", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_vacancies_status", table_name="vacancies")
    op.drop_index("ix_vacancies_region", table_name="vacancies")
    op.drop_index("ix_vacancies_employer_org", table_name="vacancies")

    op.drop_table("vacancies")
    op.drop_table("shortage_lists")
    op.drop_table("processed_events")
    op.drop_index("ix_outbox_published_at", table_name="outbox")

    op.drop_table("outbox")
