"""Profile generation (a profile id reused after a withdrawal is a new identity with a new candidate
id), and the profile id + organisation on every audit entry about a known candidate (outside tester 3,
F14 and F6)

Revision ID: p0005
Revises: p0004
Create Date: 2026-12-01 06:28:58.560031
"""

import sqlalchemy as sa
from alembic import op

revision = "p0005"
down_revision = "p0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("generation", sa.Integer(), server_default="0", nullable=False))
    # Entries written before about another organisation's access (handover, voucher, rating reads)
    # lacked the profile id: fill it (and the subject organisation) from the profile of the candidate.
    for column, source in (("profile_id", "id"), ("subject_org", "coach_org")):
        op.execute(
            f"UPDATE audit_log SET {column} = (SELECT profiles.{source} FROM profiles "
            "WHERE profiles.candidate_id = audit_log.candidate_id) "
            f"WHERE audit_log.{column} IS NULL AND audit_log.candidate_id IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM profiles WHERE profiles.candidate_id = audit_log.candidate_id)"
        )


def downgrade() -> None:
    # The filled-in audit columns stay (they are true); the generation goes.
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.drop_column("generation")
