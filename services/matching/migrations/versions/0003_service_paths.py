"""Path watch points, skill gaps and training courses for the weekly meeting (paths, issue 13)

Revision ID: m0003
Revises: m0002
"""

import sqlalchemy as sa
from alembic import op

revision = "m0003"
down_revision = "m0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "path_watch",
        sa.Column("candidate_id", sa.String(length=64), nullable=False),
        sa.Column("path_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("watch", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id"),
    )
    with op.batch_alter_table("path_watch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_path_watch_region"), ["region"], unique=False)

    op.create_table(
        "skill_gaps",
        sa.Column("candidate_id", sa.String(length=64), nullable=False),
        sa.Column("vacancy_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("vacancy_title", sa.String(length=200), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", "vacancy_id", "source"),
    )
    with op.batch_alter_table("skill_gaps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_gaps_region"), ["region"], unique=False)

    op.create_table(
        "training_courses",
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("import_id", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("provider", "course_id"),
    )
    op.create_table(
        "training_published",
        sa.Column("candidate_id", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id"),
    )


def downgrade() -> None:
    op.drop_table("training_published")
    op.drop_table("training_courses")
    with op.batch_alter_table("skill_gaps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_gaps_region"))

    op.drop_table("skill_gaps")
    with op.batch_alter_table("path_watch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_path_watch_region"))

    op.drop_table("path_watch")
