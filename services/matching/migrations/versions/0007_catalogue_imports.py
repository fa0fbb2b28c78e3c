"""Training catalogue imports per provider: the row each import of a provider claims first, so imports
of one provider run one after the other (outside tester 28, T28-14: four simultaneous imports all
answered "added 3" and wrong "removed" lists, and only one survived)

Revision ID: m0007
Revises: m0006
Create Date: 2026-12-04 21:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "m0007"
down_revision = "m0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_catalogue_imports",
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("import_id", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("provider"),
    )


def downgrade() -> None:
    op.drop_table("training_catalogue_imports")
