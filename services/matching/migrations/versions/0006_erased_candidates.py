"""erased candidates: digests of withdrawn candidates' ids, so that no record of theirs is indexed
again (outside tester 6, G2: a dead letter re-published after a withdrawal brought the person back)

Revision ID: m0006
Revises: m0005
Create Date: 2026-12-01 17:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "m0006"
down_revision = "m0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_candidates",
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )


def downgrade() -> None:
    op.drop_table("erased_candidates")
