"""What every stored use case needs: the store, the clock, who acts, the languages, and how
notices are read."""

from __future__ import annotations

from dataclasses import dataclass, field

from preavis.actions.reading import InProcess, NoticeReader
from preavis.clock import Clock
from preavis.domain.access import Actor
from preavis.domain.revision import FieldChange, Revision
from preavis.domain.text import LANGS, Lang
from preavis.storage import Store, Tx


@dataclass(frozen=True, slots=True)
class Context:
    store: Store
    clock: Clock
    actor: Actor
    languages: tuple[Lang, ...] = LANGS  # publishing requires every public text in each
    # How notices are read: in this process (the command line) or isolated (servers).
    notices: NoticeReader = field(default_factory=InProcess)


def record(
    ctx: Context, tx: Tx, subject: str, number: int, changes: tuple[FieldChange, ...], reason: str
) -> Revision:
    """Write one revision of `subject` and return it."""
    revision = Revision(subject, number, ctx.actor.name, ctx.clock.now(), reason, changes)
    tx.add_revision(revision)
    return revision
