"""One rating per jobseeker, subject and rater: a unique index (the kind of outside tester 28's T28-11
found by reading: the "already rated" check before the insert let a coach's entry and the jobseeker's
link, submitted at the same moment, both in)

Ratings a race stored twice before this revision stop the upgrade, naming how many, as p0006 does for
paths: delete the later of each pair (``recorded_at``), then migrate again.

Revision ID: p0010
Revises: p0009
Create Date: 2026-12-04 21:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "p0010"
down_revision = "p0009"
branch_labels = None
depends_on = None

KEY = ["candidate_id", "subject_kind", "subject_ref", "rater"]


def upgrade() -> None:
    twice = (
        op.get_bind()
        .execute(
            sa.text(f"SELECT {', '.join(KEY)} FROM ratings GROUP BY {', '.join(KEY)} HAVING COUNT(*) > 1")
        )
        .fetchall()
    )
    if twice:
        raise RuntimeError(
            f"{len(twice)} subjects were rated more than once by the same rater for one jobseeker (a "
            "race before this revision): delete the later rating of each, then migrate again"
        )
    op.create_index("uq_ratings_one_per_rater", "ratings", KEY, unique=True)


def downgrade() -> None:
    op.drop_index("uq_ratings_one_per_rater", table_name="ratings")
