"""The worker claims the next batch while one is sent; a claim is a lease. However long a batch
takes to send (here: longer than the lease, on a clock that moves during each send), the worker
never claims again what it is sending: every subscriber gets exactly one message."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from email.message import Message
from typing import Any

import pytest

from preavis.actions import catalogue, maintenances, notifications, subscriptions
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify import plan
from preavis.notify.senders import Outcome, Result
from preavis.storage import Store
from tests.conftest import T0, TickingClock, context, make_maintenance, make_service

IDENTITY = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
LEASE = timedelta(seconds=60)


class SlowSender:
    """Takes longer than the lease to send each batch: the clock moves on by 1.5 leases once
    the worker has claimed the next batch (as it does while one is sent)."""

    def __init__(self, clock: TickingClock) -> None:
        self.clock = clock
        self.sent: list[str] = []
        self.claims = 0
        self.claimed = threading.Condition()
        self.batches = 0

    def send(self, messages: Sequence[Message], on_result: Any = None) -> list[Result]:
        self.batches += 1
        with self.claimed:  # a guard against a hung test, not a measurement
            assert self.claimed.wait_for(lambda: self.claims > self.batches, timeout=60)
        self.clock.at += LEASE * 1.5
        self.sent.extend(f"{m['To']} {m['Message-ID']}" for m in messages)
        return [Result(Outcome.SENT)] * len(messages)


@pytest.mark.parametrize("subscribers", [10, 23])
def test_a_batch_slower_than_the_lease_is_not_claimed_again(
    store: Store, subscribers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = context(store)
    clock = ctx.clock
    assert isinstance(clock, TickingClock)
    catalogue.create_service(ctx, service=make_service("shop"))
    start = T0 + timedelta(days=10)  # no reminder nor start falls within this test
    item = Interruption("shop", Impact.UNAVAILABLE, start, start + timedelta(hours=3), Text("", ""))
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    rows = "".join(f"p{n}@example.org,en,\n" for n in range(subscribers))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="t")
    maintenances.publish(ctx, slug="upgrade")
    sender = SlowSender(clock)
    mailer = Mailer(IDENTITY, "s" * 40, sender, lease=LEASE)
    claim = notifications._claim

    def counted(*args: Any, **kwargs: Any) -> Any:
        batch = claim(*args, **kwargs)
        with sender.claimed:
            sender.claims += 1
            sender.claimed.notify_all()
        return batch

    monkeypatch.setattr(notifications, "_claim", counted)

    done = notifications.deliver_due(store, clock, mailer, limit=3)

    counts = Counter(sender.sent)
    assert {s.split()[0] for s in counts} == {f"p{n}@example.org" for n in range(subscribers)}
    assert len(counts) == subscribers  # one message each (one Message-ID)
    assert max(counts.values()) == 1, [a for a, n in counts.items() if n > 1]
    assert done.sent == subscribers
    assert notifications.count_deliveries(ctx) == {"sent": subscribers}
