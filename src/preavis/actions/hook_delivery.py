"""Webhook and channel deliveries: claimed in small batches, each sent (a signed JSON POST,
or through Apprise) and recorded as soon as it is sent; an endpoint that keeps failing is
disabled."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from preavis.actions.endpoints import Keys
from preavis.actions.outbox import WORDING, Delivered, Step, Unrecorded, backoff, scope_of
from preavis.clock import Clock, SystemClock
from preavis.domain.messages import Said
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
# Once the worker is asked to stop (SIGTERM), the requests of its batch still waiting for an
# answer get this many seconds in all; those unanswered then, and those not started, are
# recorded as not sent and go out again at the next start (same webhook-id). Without it a stop
# waited for each unresponsive receiver's full timeout in turn (docs/reliability.md).
STOP_GRACE = 5.0  # seconds
_POLL = 0.1  # seconds between two looks at the stop signal while a request waits
NOT_ANSWERED = "no answer before the worker stopped"


def deliver_hooks(
    store: Store,
    clock: Clock,
    mailer: Mailer,
    *,
    limit: int = HOOK_BATCH,
    unrecorded: Unrecorded | None = None,
    stop: threading.Event | None = None,
) -> Delivered:
    """Claim due webhook and channel deliveries, send each, record what happened; an endpoint
    whose delivery is given up on (refused for good, or failing for more than a day) is
    disabled, and shown so in lists. Each is recorded as soon as it is sent; when the database
    is away, the rest of the batch is still sent and everything kept in `unrecorded`, to be
    recorded when it is back (then the outage is raised).

    Once `stop` is set, what is left of the batch gets STOP_GRACE seconds in all: what is not
    answered by then is recorded as not sent (`done.unsent`), to go out again at once at the
    next start; its request is left to end by itself."""
    keys = mailer.keys
    done = Delivered()
    if keys is None:
        return done
    kept = Unrecorded() if unrecorded is None else unrecorded
    now = clock.now()
    with store.transaction() as tx:
        claimed = tx.claim_endpoint_deliveries(now, limit, mailer.lease)
        catalogue = {s.slug: s for s in tx.services()} if claimed else {}
    grace = _Grace(stop)
    for index, item in enumerate(claimed):
        result = grace.wait_for(partial(_send_hook, item, mailer, keys, catalogue, now))
        if result is None:  # stopping, and no answer within the grace
            left = [x["id"] for x in claimed[index:]]
            waited = item["id"] if grace.abandoned else None
            kept.write(store, _not_sent(left, waited, clock.now()), len(left))
            done.unsent = len(left)
            break
        outcome, step = _hook_record(item, result, clock.now())
        kept.write(store, step, 1)
        if outcome == "sent":
            done.sent += 1
            continue
        done.errors.append(f"{item['shown']}: {result.error}")
        if outcome == "failed":
            done.failed += 1
            continue
        log.warning(Said("log.endpoint_disabled", endpoint=item["endpoint_id"], error=result.error))
        done.dead += 1
    kept.check()
    return done


class _Grace:
    """The time a stopping worker gives the requests of its batch: none until `stop` is set,
    then STOP_GRACE seconds in all from when it is first seen."""

    def __init__(self, stop: threading.Event | None) -> None:
        self.stop = stop
        self.until: float | None = None
        self.abandoned = False  # a request left without its answer

    def over(self) -> bool:
        if self.stop is None or not self.stop.is_set():
            return False
        if self.until is None:
            self.until = time.monotonic() + STOP_GRACE
        return time.monotonic() >= self.until

    def wait_for(self, send: Callable[[], Result]) -> Result | None:
        """send() in a thread of its own, its result; None when the grace is over first (the
        request goes on in its daemon thread, until its own timeout or the process's end)."""
        if self.stop is None:
            return send()
        if self.over():
            return None
        outcome: list[Result] = []
        finished = threading.Event()

        def run() -> None:
            try:
                outcome.append(send())
            finally:
                finished.set()

        threading.Thread(target=run, name="preavis-hook", daemon=True).start()
        while not finished.wait(_POLL):
            if self.over():
                self.abandoned = True
                return None
        return outcome[0] if outcome else None


def _not_sent(ids: list[int], unanswered: int | None, at: datetime) -> Step:
    """The step that gives `ids` back as not sent (due now, the attempt not counted); the
    one whose request got no answer, if any, says so."""

    def step(tx: Tx) -> None:
        tx.release_endpoint_deliveries(ids, at)
        if unanswered is not None:
            tx.note_endpoint_delivery(unanswered, NOT_ANSWERED)

    return step


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
        log.exception(Said("log.endpoint_send_failed", delivery=item["id"]))
        return Result(Outcome.TEMPORARY, f"{type(exc).__name__}: {exc}")
