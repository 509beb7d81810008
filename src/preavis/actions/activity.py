"""Use cases on what happened lately: the most recent revisions of everything."""

from __future__ import annotations

from preavis.actions.context import Context
from preavis.domain.access import Role, require
from preavis.domain.revision import Revision

RECENT_MAX = 100


def recent_changes(ctx: Context, *, limit: int = 15) -> list[Revision]:
    """The latest revisions of any subject, newest first (tokens and people need an admin)."""
    require(ctx.actor, Role.VIEWER, "reading the history")
    with ctx.store.reading() as tx:
        revisions = tx.all_revisions()
    if ctx.actor.role is not Role.ADMIN:
        revisions = [r for r in revisions if not r.subject.startswith(("token:", "user:"))]
    revisions.sort(key=lambda r: r.at, reverse=True)
    return revisions[: max(0, min(limit, RECENT_MAX))]
