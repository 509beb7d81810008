"""What went out is marked sent while the rest of its batch is still being sent, in groups:
a worker killed outright in the middle of a batch (SIGKILL, a crash) sends again only what it
had not marked yet, not the whole batch. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from email.message import Message

from preavis.actions import catalogue, maintenances, notifications, subscriptions
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify import plan
from preavis.notify.senders import OnResult, Outcome, Result
from preavis.storage import Store
from tests.conftest import context, make_maintenance, make_service

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
IDENTITY = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
GUARD = 60.0  # seconds: a guard against a hung test, not a measurement


class HeldSender:
    """Sends the first `before` messages of a batch, telling each result at once, then holds
    until released: a worker in the middle of its batch, as a SIGKILL would find it."""

    def __init__(self, before: int) -> None:
        self.before = before
        self.holding = threading.Event()
        self.release = threading.Event()
        self.sent: list[str] = []

    def send(self, messages: Sequence[Message], on_result: OnResult | None = None) -> list[Result]:
        for index, message in enumerate(messages):
            if index == self.before:
                self.holding.set()
                assert self.release.wait(GUARD)
            self.sent.append(str(message["To"]))
            if on_result is not None:
                on_result(index, Result(Outcome.SENT))
        return [Result(Outcome.SENT)] * len(messages)


def test_a_batch_is_marked_sent_in_groups_while_it_is_being_sent(store: Store) -> None:
    ctx = context(store)
    ctx.clock.at = START - timedelta(days=3)  # type: ignore[attr-defined]
    catalogue.create_service(ctx, service=make_service("shop", name=Text("Boutique", "Shop")))
    csv = "email,language,services\n" + "".join(f"p{n}@example.org,en,\n" for n in range(180))
    subscriptions.import_subscribers(ctx, text=csv, source="test")
    item = Interruption(
        "shop", Impact.UNAVAILABLE, START, START + timedelta(hours=3), Text("Fermé", "Closed")
    )
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    maintenances.publish(ctx, slug="upgrade")  # 180 deliveries: one batch
    sender = HeldSender(before=130)
    mailer = Mailer(IDENTITY, "s" * 40, sender)
    worker = threading.Thread(
        target=notifications.deliver_due, args=(store, ctx.clock, mailer), daemon=True
    )
    worker.start()
    assert sender.holding.wait(GUARD)
    try:
        deadline = time.monotonic() + GUARD  # the last group is written after a short wait
        while notifications.count_deliveries(ctx).get("sent", 0) < 130:
            assert time.monotonic() < deadline, notifications.count_deliveries(ctx)
            time.sleep(0.02)
        # Killed now, the worker would send again only the 50 it has not sent yet.
        assert notifications.count_deliveries(ctx) == {"sent": 130, "pending": 50}
    finally:
        sender.release.set()
        worker.join(GUARD)
    assert notifications.count_deliveries(ctx) == {"sent": 180}
    assert len(sender.sent) == len(set(sender.sent)) == 180
