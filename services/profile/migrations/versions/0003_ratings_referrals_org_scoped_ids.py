"""Ratings, rating links and referrals (paths); profile ids scoped by organisation and the audit
log's subject organisation (privacy)

Revision ID: p0003
Revises: p0002
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "p0003"
down_revision = "p0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating_links",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("rated_org", sa.String(length=100), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token"),
    )
    with op.batch_alter_table("rating_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_links_candidate_id"), ["candidate_id"], unique=False)

    op.create_table(
        "ratings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("rated_org", sa.String(length=100), nullable=False),
        sa.Column("rater", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("rater_org", sa.String(length=100), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratings_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ratings_rated_org"), ["rated_org"], unique=False)
        batch_op.create_index(batch_op.f("ix_ratings_recorded_at"), ["recorded_at"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("vacancy_id", sa.String(length=64), nullable=False),
        sa.Column("recruiter_org", sa.String(length=100), nullable=False),
        sa.Column("employer_org", sa.String(length=100), nullable=True),
        sa.Column("vacancy_title", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("first_on", sa.Date(), nullable=False),
        sa.Column("latest_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", "vacancy_id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject_org", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_log_actor_org"), ["actor_org"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_subject_org"), ["subject_org"], unique=False)

    # Existing audit entries get the organisation of the profile they concern.
    op.execute(
        "UPDATE audit_log SET subject_org = "
        "(SELECT profiles.coach_org FROM profiles WHERE profiles.id = audit_log.profile_id) "
        "WHERE profile_id IS NOT NULL"
    )
    # Profile ids are unique per organisation only: the primary key becomes (coach_org, id).
    # (Alembic's comparison does not look at primary keys; tests/integration/test_migrations.py does.)
    op.drop_index("ix_profiles_coach_org", table_name="profiles")
    _primary_key(["coach_org", "id"])


def downgrade() -> None:
    _primary_key(["id"])
    op.create_index("ix_profiles_coach_org", "profiles", ["coach_org"], unique=False)

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_subject_org"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_org"))
        batch_op.drop_column("subject_org")

    op.drop_table("referrals")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_ratings_rated_org"))
        batch_op.drop_index(batch_op.f("ix_ratings_candidate_id"))

    op.drop_table("ratings")
    with op.batch_alter_table("rating_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_links_candidate_id"))

    op.drop_table("rating_links")


def _primary_key(columns: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":  # no ALTER for keys: the table is copied
        # The copy is declared from the reflected table, whose columns still carry the old key;
        # SQLAlchemy warns that the new key replaces it, which is the point: keep that off stderr.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Table '_alembic_tmp_profiles' specifies columns")
            with op.batch_alter_table("profiles", recreate="always") as batch_op:
                batch_op.create_primary_key("pk_profiles", columns)
        return
    op.execute("ALTER TABLE profiles DROP CONSTRAINT profiles_pkey")
    op.create_primary_key("profiles_pkey", "profiles", columns)
