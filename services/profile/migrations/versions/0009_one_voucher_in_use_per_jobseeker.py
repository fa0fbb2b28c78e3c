"""At most one voucher in use per jobseeker: an ``in_use`` column and a unique partial index on it
(outside tester 28, T28-11: four simultaneous issues to one jobseeker gave them three vouchers, each
then chosen for another provider, all three granted consent)

A voucher is in use while it is neither hired nor withdrawn and its period has not ended (today, in
Finland). Vouchers a race issued twice before this revision stop the upgrade, naming how many
jobseekers have them, as p0006 does for paths: the coach withdraws all but one of each (the jobseeker
decides which), then migrate again.

Revision ID: p0009
Revises: p0008
Create Date: 2026-12-04 21:40:00
"""

import sqlalchemy as sa
from alembic import op

from services.kernel.calendar import today

revision = "p0009"
down_revision = "p0008"
branch_labels = None
depends_on = None

IN_USE = sa.text("in_use = 'yes'")


def upgrade() -> None:
    bind = op.get_bind()
    table = sa.table(
        "vouchers",
        sa.column("id", sa.String),
        sa.column("candidate_id", sa.String),
        sa.column("body", sa.JSON),
        sa.column("in_use", sa.String),
    )
    day = today().isoformat()
    in_use: dict[str, list[str]] = {}
    for voucher_id, candidate_id, body in bind.execute(
        sa.select(table.c.id, table.c.candidate_id, table.c.body)
    ).fetchall():
        if body.get("hired_on") is None and body.get("withdrawn_on") is None and body["valid_until"] >= day:
            in_use.setdefault(candidate_id, []).append(voucher_id)
    twice = [c for c, ids in in_use.items() if len(ids) > 1]
    if twice:
        raise RuntimeError(
            f"{len(twice)} jobseekers have more than one voucher in use (a race before this revision): "
            "withdraw all but one of each (POST /api/v1/vouchers/<id>/withdraw; the jobseeker decides "
            "which), then migrate again"
        )
    # (checked before any change: SQLite's batch mode commits its table copy on its own)
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_use", sa.String(length=3), server_default="no", nullable=False))
    ids = [i for found in in_use.values() for i in found]
    if ids:
        bind.execute(sa.update(table).where(table.c.id.in_(ids)).values(in_use="yes"))
    op.create_index(
        "uq_vouchers_in_use_candidate",
        "vouchers",
        ["candidate_id"],
        unique=True,
        sqlite_where=IN_USE,
        postgresql_where=IN_USE,
    )


def downgrade() -> None:
    op.drop_index("uq_vouchers_in_use_candidate", table_name="vouchers")
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_column("in_use")
