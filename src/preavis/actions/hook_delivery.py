"""Webhook and channel deliveries: claimed in small batches, each sent (a signed JSON POST,
or through Apprise) and recorded as soon as it is sent; an endpoint that keeps failing is
disabled."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from preavis.actions.endpoints import Keys
from preavis.actions.outbox import WORDING, Delivered, Step, Unrecorded, backoff, scope_of
from preavis.clock import Clock, SystemClock
from preavis.domain.service import Service
from preavis.notify import hooks, plan
from preavis.notify.senders import Outcome, Result
from preavis.storage import Store, Tx

if TYPE_CHECKING:  # notifications calls this module: the type only, no import cycle
    from preavis.actions.notifications import Mailer

log = logging.getLogger("preavis.notify")
HOOK_BATCH = 20  # webhook and channel deliveries claimed together
# Webhooks and channels: with the backoff (1 min doubling to 6 h), 14 attempts span more than
# 24 hours; a delivery still failing then is given up and its endpoint disabled.
HOOK_MAX_ATTEMPTS = 14


def deliver_hooks(
    store: Store,
    clock: Clock,
    mailer: Mailer,
    *,
    limit: int = HOOK_BATCH,
    unrecorded: Unrecorded | None = None,
) -> Delivered:
    """Claim due webhook and channel deliveries, send each, record what happened; an endpoint
    whose delivery is given up on (refused for good, or failing for more than a day) is
    disabled, and shown so in lists. Each is recorded as soon as it is sent; when the database
    is away, the rest of the batch is still sent and everything kept in `unrecorded`, to be
    recorded when it is back (then the outage is raised)."""
    keys = mailer.keys
    done = Delivered()
    if keys is None:
        return done
    kept = Unrecorded() if unrecorded is None else unrecorded
    now = clock.now()
    with store.transaction() as tx:
        claimed = tx.claim_endpoint_deliveries(now, limit, mailer.lease)
        catalogue = {s.slug: s for s in tx.services()} if claimed else {}
    for item in claimed:
        result = _send_hook(item, mailer, keys, catalogue, now)
        outcome, step = _hook_record(item, result, clock.now())
        kept.write(store, step, 1)
        if outcome == "sent":
            done.sent += 1
            continue
        done.errors.append(f"{item['shown']}: {result.error}")
        if outcome == "failed":
            done.failed += 1
            continue
        log.warning("endpoint %s disabled: %s", item["endpoint_id"], result.error)
        done.dead += 1
    kept.check()
    return done


def _hook_record(item: dict[str, Any], result: Result, at: datetime) -> tuple[str, Step]:
    """What sending `item` came to (sent, failed: retried later, dead: given up on, and its
    endpoint disabled) and the step that records it."""
    ident, endpoint = item["id"], item["endpoint_id"]
    if result.outcome is Outcome.SENT:

        def sent(tx: Tx) -> None:
            tx.finish_endpoint_delivery(ident, "sent", "", at, at)
            tx.set_endpoint(endpoint, {"failures": 0})

        return "sent", sent
    if result.outcome is not Outcome.PERMANENT and item["attempts"] < HOOK_MAX_ATTEMPTS:
        next_at = at + backoff(item["attempts"])
        return "failed", lambda tx: tx.finish_endpoint_delivery(
            ident, "failed", result.error, next_at, at
        )
    reason = f"gave up after {item['attempts']} attempts: {result.error}"[:1000]

    def dead(tx: Tx) -> None:
        tx.finish_endpoint_delivery(ident, "dead", result.error, at, at)
        failures = int(tx.endpoint(endpoint).get("failures", 0)) + 1
        values = {"enabled": False, "failures": failures, "disabled_at": at}
        tx.set_endpoint(endpoint, {**values, "disabled_reason": reason})

    return "dead", dead


def _send_hook(
    item: dict[str, Any],
    mailer: Mailer,
    keys: Keys,
    catalogue: Mapping[str, Service],
    now: datetime,
) -> Result:
    try:
        event = plan.Event(
            plan.Kind(item["kind"]), item["after"], item["revision"], item["before"],
            item["offset_minutes"],
        )  # fmt: skip
        scope = scope_of(item["services"], item["groups"])
        secret = keys.vault.open(item["sealed"])
        if item["endpoint_kind"] == "webhook":
            body = hooks.payload(
                event, scope, item["lang"], catalogue, WORDING,
                public_url=mailer.identity.public_url, at=item["created_at"],
            )  # fmt: skip
            # Signed at the wall clock's time, whatever clock the worker runs on: receivers
            # refuse a timestamp more than five minutes off theirs.
            return hooks.send_webhook(
                item["shown"], secret, item["message_id"], body, keys.hooks,
                stamp=SystemClock().now(),
            )  # fmt: skip
        subject, intro, lines = plan.lines(event, item["lang"], None, scope, catalogue, WORDING)
        base = mailer.identity.public_url.rstrip("/")
        page = f"{base}/{item['lang']}/maintenances/{event.maintenance.slug}"
        text = "\n".join([*intro, *(f"- {x}" for x in lines), page])
        return hooks.send_channel(secret, subject, text, keys.hooks)
    except Exception as exc:  # one endpoint's trouble must not stop the others
        log.exception("cannot send endpoint delivery %s", item["id"])
        return Result(Outcome.TEMPORARY, f"{type(exc).__name__}: {exc}")
