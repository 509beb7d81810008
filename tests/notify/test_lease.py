"""A batch keeps its lease while it is being sent: the worker claims the next batch while one
is in flight, and a send that outlasts the lease (a slow mail server, a loaded machine) must not
let that claim take the flying batch again: each subscriber gets one message."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from preavis.actions import catalogue, maintenances, notifications, subscriptions
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify import plan
from preavis.notify.senders import MemorySender
from preavis.storage import Store
from tests.conftest import context, make_maintenance, make_service

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
IDENTITY = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")


class SlowClock:
    """Every reading is a minute later: each send outlasts a 30-second lease."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        self.at += timedelta(minutes=1)
        return self.at


def test_a_batch_in_flight_is_not_claimed_again_when_its_lease_runs_out(store: Store) -> None:
    ctx = context(store)
    ctx.clock.at = START - timedelta(days=3)  # type: ignore[attr-defined]
    catalogue.create_service(ctx, service=make_service("shop", name=Text("Boutique", "Shop")))
    people = [f"p{n}@example.org" for n in range(25)]
    csv = "email,language,services\n" + "".join(f"{p},fr,\n" for p in people)
    subscriptions.import_subscribers(ctx, text=csv, source="test")
    item = Interruption(
        "shop", Impact.UNAVAILABLE, START, START + timedelta(hours=3), Text("F", "C")
    )
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    maintenances.publish(ctx, slug="upgrade")
    sender = MemorySender()
    mailer = Mailer(IDENTITY, "s" * 40, sender, lease=timedelta(seconds=30))
    done = notifications.deliver_due(store, SlowClock(START - timedelta(days=3)), mailer, limit=10)
    counts = Counter(str(m["To"]) for m in sender.sent)
    assert counts == Counter(people)  # everyone once, nobody twice
    assert done.sent == 25
