"""Repair rows stored before the text and instant rules existed, so every stored row can be
read back through the domain (and every public page rendered) again.

Text: one-line fields (names, titles, actors) and multi-line fields (summaries, descriptions,
reasons) are cleaned the way outputs clean them (line breaks in one-line fields become spaces,
other control characters U+FFFD). Instants are brought into [EARLIEST, LATEST); a window that
would then be empty keeps one minute. Each repaired row is logged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op

from preavis.domain.messages import Said
from preavis.domain.text import clean_line, clean_lines
from preavis.domain.zones import EARLIEST, LATEST
from preavis.storage.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger("preavis.storage")
LAST = LATEST - timedelta(minutes=1)
TEXTS: dict[str, dict[str, Callable[[str], str]]] = {
    "groups": {"name_fr": clean_line, "name_en": clean_line},
    "services": {"name_fr": clean_line, "name_en": clean_line},
    "maintenances": {
        "title_fr": clean_line, "title_en": clean_line,
        "summary_fr": clean_lines, "summary_en": clean_lines,
    },
    "interruptions": {"description_fr": clean_lines, "description_en": clean_lines},
    "revisions": {"actor": clean_line, "reason": clean_lines},
}  # fmt: skip
WINDOWS = ("maintenances", "interruptions")  # starts_at / ends_at (nullable on maintenances)


def _clamp(value: datetime | None) -> datetime | None:
    return None if value is None else min(max(value, EARLIEST), LAST)


def _window(start: datetime | None, end: datetime | None) -> tuple[datetime | None, ...]:
    start, end = _clamp(start), _clamp(end)
    if start is not None and end is not None and end <= start:
        start = min(start, LAST - timedelta(minutes=1))
        end = start + timedelta(minutes=1)
    return start, end


def upgrade() -> None:
    conn = op.get_bind()
    for name, fields in TEXTS.items():
        table = sa.table(name, sa.column("id", sa.Integer), *(sa.column(f) for f in fields))
        for row in conn.execute(sa.select(table)).mappings():
            fixed = {f: clean(row[f]) for f, clean in fields.items() if row[f] is not None}
            changed = {f: v for f, v in fixed.items() if v != row[f]}
            if changed:
                log.warning(
                    Said(
                        "log.repaired_text",
                        table=name,
                        id=row["id"],
                        fields=", ".join(sorted(changed)),
                    )
                )
                conn.execute(sa.update(table).where(table.c.id == row["id"]).values(**changed))
    for name in WINDOWS:
        table = sa.table(
            name,
            sa.column("id", sa.Integer),
            sa.column("starts_at", UTCDateTime()),
            sa.column("ends_at", UTCDateTime()),
        )
        for row in conn.execute(sa.select(table)).mappings():
            start, end = _window(row["starts_at"], row["ends_at"])
            if (start, end) != (row["starts_at"], row["ends_at"]):
                log.warning(Said("log.repaired_window", table=name, id=row["id"]))
                conn.execute(
                    sa.update(table)
                    .where(table.c.id == row["id"])
                    .values(starts_at=start, ends_at=end)
                )


def downgrade() -> None:
    """Nothing to undo: the repaired values are valid under every earlier version too."""
