"""Service paths, handovers, voucher pilots, consent grants and training suggestions (paths, issue 13)

Revision ID: p0002
Revises: p0001
"""

import sqlalchemy as sa
from alembic import op

revision = "p0002"
down_revision = "p0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_grants",
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("org", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("preexisting", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", "org", "source"),
    )
    op.create_table(
        "handover_routes",
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("path_id", sa.String(length=36), nullable=False),
        sa.Column("from_org", sa.String(length=100), nullable=False),
        sa.Column("to_org", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_by", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("handover_id"),
    )
    with op.batch_alter_table("handover_routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_routes_from_org"), ["from_org"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_routes_path_id"), ["path_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_routes_to_org"), ["to_org"], unique=False)

    op.create_table(
        "service_paths",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("coach_org", sa.String(length=100), nullable=False),
        sa.Column("coach", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_paths", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_paths_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_paths_coach"), ["coach"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_paths_coach_org"), ["coach_org"], unique=False)

    op.create_table(
        "training_suggestions",
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id"),
    )
    op.create_table(
        "voucher_pilots",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("pilot_id", sa.String(length=64), nullable=False),
        sa.Column("candidate_id", sa.String(length=32), nullable=False),
        sa.Column("coach_org", sa.String(length=100), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vouchers_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vouchers_coach_org"), ["coach_org"], unique=False)
        batch_op.create_index(batch_op.f("ix_vouchers_pilot_id"), ["pilot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vouchers_provider"), ["provider"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vouchers_provider"))
        batch_op.drop_index(batch_op.f("ix_vouchers_pilot_id"))
        batch_op.drop_index(batch_op.f("ix_vouchers_coach_org"))
        batch_op.drop_index(batch_op.f("ix_vouchers_candidate_id"))

    op.drop_table("vouchers")
    op.drop_table("voucher_pilots")
    op.drop_table("training_suggestions")
    with op.batch_alter_table("service_paths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_paths_coach_org"))
        batch_op.drop_index(batch_op.f("ix_service_paths_coach"))
        batch_op.drop_index(batch_op.f("ix_service_paths_candidate_id"))

    op.drop_table("service_paths")
    with op.batch_alter_table("handover_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_routes_to_org"))
        batch_op.drop_index(batch_op.f("ix_handover_routes_path_id"))
        batch_op.drop_index(batch_op.f("ix_handover_routes_from_org"))

    op.drop_table("handover_routes")
    op.drop_table("consent_grants")
