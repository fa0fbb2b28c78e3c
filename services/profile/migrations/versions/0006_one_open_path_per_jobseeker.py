"""At most one open service path per jobseeker: a unique partial index (outside tester 4, F28: two
coaches opening a path at the same moment both passed the "already has an open path" check)

Revision ID: p0006
Revises: p0005
Create Date: 2026-12-01 10:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "p0006"
down_revision = "p0005"
branch_labels = None
depends_on = None

OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    twice = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT candidate_id FROM service_paths WHERE status = 'open' "
                "GROUP BY candidate_id HAVING COUNT(*) > 1"
            )
        )
        .fetchall()
    )
    if twice:
        raise RuntimeError(
            f"{len(twice)} jobseekers have more than one open service path (a race before this "
            "revision): close all but one of each (the coach decides which), then migrate again"
        )
    op.create_index(
        "uq_service_paths_open_candidate",
        "service_paths",
        ["candidate_id"],
        unique=True,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )


def downgrade() -> None:
    op.drop_index("uq_service_paths_open_candidate", table_name="service_paths")
