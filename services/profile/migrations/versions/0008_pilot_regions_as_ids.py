"""Pilots' regions stored as region ids: pilots written before outside tester 8's J7 fix kept the
region as typed ("Pohjanmaa", "Österbotten", "15"), so the region's own operator, whose regions are
ids, was locked out of them. A region the geography names is rewritten as its id; one it does not
name ("narnia") is left as it is and logged: only the system operator can then change that pilot
(re-PUT it with a known region, which is now checked).

Revision ID: p0008
Revises: p0007
Create Date: 2026-12-01 23:00:00
"""

import logging

import sqlalchemy as sa
from alembic import op

from shared.geography import UnknownPlaceError
from shared.reference import geography

revision = "p0008"
down_revision = "p0007"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    bind = op.get_bind()
    places = geography()
    pilots = sa.table("voucher_pilots", sa.column("id", sa.String), sa.column("body", sa.JSON))
    for pilot_id, body in bind.execute(sa.select(pilots.c.id, pilots.c.body)).fetchall():
        region = body.get("region")
        if not region or region in places.regions:
            continue
        try:
            fixed = {**body, "region": places.region(region).id}
        except UnknownPlaceError:
            log.warning("pilot %s names an unknown region %r: left as it is", pilot_id, region)
            continue
        bind.execute(sa.update(pilots).where(pilots.c.id == pilot_id).values(body=fixed))


def downgrade() -> None:
    """Nothing to undo: the ids are what the region names meant."""
