"""Rating figures per region and week for the weekly meeting (paths)

Revision ID: m0004
Revises: m0003
"""

import sqlalchemy as sa
from alembic import op

revision = "m0004"
down_revision = "m0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating_figures",
        sa.Column("rating_id", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("rated_org", sa.String(length=100), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("rater", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("rating_id"),
    )
    with op.batch_alter_table("rating_figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_figures_region"), ["region"], unique=False)
        batch_op.create_index(batch_op.f("ix_rating_figures_week"), ["week"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rating_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_figures_week"))
        batch_op.drop_index(batch_op.f("ix_rating_figures_region"))

    op.drop_table("rating_figures")
