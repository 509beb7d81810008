"""When each maintenance was first published (public pages, feeds, the Statuspage facade).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from preavis.storage.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("maintenances") as batch:
        batch.add_column(sa.Column("published_at", UTCDateTime(), nullable=True))
    # Maintenances published before this column existed: their last update is the best record.
    op.execute("UPDATE maintenances SET published_at = updated_at WHERE state = 'published'")


def downgrade() -> None:
    with op.batch_alter_table("maintenances") as batch:
        batch.drop_column("published_at")
