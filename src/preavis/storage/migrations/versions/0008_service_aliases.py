"""Names printed in notices for a service other than its own (aliases): corrections made in the
import review, remembered so that the reader reads the same name as the same service.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from preavis.storage.schema import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service_aliases"),
        sa.UniqueConstraint("key", name="uq_service_aliases_key"),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            ondelete="CASCADE",
            name="fk_service_aliases_service_id_services",
        ),
    )
    op.create_index("ix_service_aliases_service_id", "service_aliases", ["service_id"])


def downgrade() -> None:
    op.drop_index("ix_service_aliases_service_id", table_name="service_aliases")
    op.drop_table("service_aliases")
