"""Use case: read a notice for review, saving nothing (the web admin's import screen shows the
reader's result beside the source before it is saved as a draft by `import_notice`)."""

from __future__ import annotations

from dataclasses import dataclass

from preavis.actions.context import Context
from preavis.domain.access import Role, require
from preavis.notices.reading import Reading


@dataclass(frozen=True, slots=True)
class Preview:
    text: str  # the notice as text (a PDF's text layer), as the reader saw it
    reading: Reading


def preview_notice(
    ctx: Context, *, data: bytes, year: int | None = None, timezone: str | None = None
) -> Preview:
    """The reader's result for a notice, against the stored catalogue and the names staff
    corrected before (aliases); nothing is written."""
    require(ctx.actor, Role.EDITOR, "importing a notice")
    text = ctx.notices.text(data)
    with ctx.store.reading() as tx:
        catalogue, aliases = tx.services(), tx.aliases()
    reading = ctx.notices.read(
        text, year=year, timezone=timezone, reference=ctx.clock.now().date(),
        catalogue=catalogue, aliases=aliases,
    )  # fmt: skip
    return Preview(text, reading)
