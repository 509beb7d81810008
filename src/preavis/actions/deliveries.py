"""The admin's view of the outbox: deliveries listed, counted and retried (admins only).
`preavis.actions.notifications` re-exports these three, where callers find them."""

from __future__ import annotations

from typing import Any

from preavis.actions.context import Context
from preavis.domain.access import Role, require


def list_deliveries(
    ctx: Context, *, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    require(ctx.actor, Role.ADMIN, "listing deliveries")
    with ctx.store.reading() as tx:
        return tx.list_deliveries(status, limit)


def count_deliveries(ctx: Context) -> dict[str, int]:
    require(ctx.actor, Role.ADMIN, "counting deliveries")
    with ctx.store.reading() as tx:
        return tx.count_deliveries()


def retry_deliveries(ctx: Context, *, dead: bool = True) -> int:
    """Failed (and dead) deliveries are due again now; returns how many."""
    require(ctx.actor, Role.ADMIN, "retrying deliveries")
    statuses = ("failed", "dead") if dead else ("failed",)
    with ctx.store.transaction() as tx:
        return tx.retry_deliveries(statuses, ctx.clock.now())
