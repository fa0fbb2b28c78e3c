"""Profile ids compared without letter case within an organisation: a unique index on
(coach_org, lower(id)) (outside tester 5, F23: "t5-case" and "T5-CASE" made one jobseeker two, and a
withdrawal erased only one of them)

Revision ID: p0007
Revises: p0006
Create Date: 2026-12-01 16:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "p0007"
down_revision = "p0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    twice = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT coach_org, lower(id) FROM profiles GROUP BY coach_org, lower(id) HAVING COUNT(*) > 1"
            )
        )
        .fetchall()
    )
    if twice:
        raise RuntimeError(
            f"{len(twice)} profile ids are used in more than one letter case within an organisation "
            "(one jobseeker entered twice, or two jobseekers whose ids differ only in case): the "
            "organisation withdraws or renames all but one of each, then migrate again"
        )
    op.create_index("uq_profiles_org_id_nocase", "profiles", ["coach_org", sa.text("lower(id)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_profiles_org_id_nocase", table_name="profiles")
