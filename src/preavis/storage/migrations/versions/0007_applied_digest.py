"""What a schedule file said when `apply` last wrote each maintenance, so that applying an
unchanged file reads one column instead of every interruption.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("maintenances") as batch:
        batch.add_column(sa.Column("applied_digest", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("maintenances") as batch:
        batch.drop_column("applied_digest")
