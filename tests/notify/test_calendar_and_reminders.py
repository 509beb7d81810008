"""The .ics attachment through a real SMTP server (aiosmtpd): PUBLISH for an announcement,
CANCEL (same UIDs, higher SEQUENCE, STATUS:CANCELLED) for a cancellation. Reminder offsets
per maintenance: stored, used by the worker, none for a moment already past."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from preavis.actions import catalogue, endpoints, maintenances, notifications, subscriptions
from preavis.actions.context import Context
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.domain.errors import NotFoundError, ValidationError
from preavis.notify import plan
from preavis.notify.senders import MemorySender, SmtpConfig, SmtpSender
from preavis.storage import Store, Tx
from tests.conftest import TickingClock, context, fresh_url, make_maintenance, make_service
from tests.notify.smtp_sink import Sink, start_sink

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
IDENTITY = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    port = free_port()
    controller, received = start_sink(port)
    yield received, port
    controller.stop()


def setup(store: Store) -> tuple[Context, TickingClock]:
    ctx = context(store)
    clock = ctx.clock
    assert isinstance(clock, TickingClock)
    clock.at = START - timedelta(days=3)
    catalogue.create_service(ctx, service=make_service("shop", name=Text("Boutique", "Shop")))
    csv = "email,language,services\nana@example.org,en,\n"
    subscriptions.import_subscribers(ctx, text=csv, source="test")
    return ctx, clock


def publish(ctx: Context) -> None:
    start = START
    item = Interruption(
        "shop", Impact.UNAVAILABLE, start, start + timedelta(hours=3), Text("F", "C")
    )
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    maintenances.publish(ctx, slug="upgrade")


def calendar_of(message: EmailMessage) -> tuple[str, Calendar]:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    raw = part.get_payload(decode=True)
    assert isinstance(raw, bytes)
    return str(part.get_param("method")), Calendar.from_ical(raw)


def test_a_cancellation_withdraws_the_calendar_events(store: Store, sink: tuple[Sink, int]) -> None:
    received, port = sink
    ctx, _ = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, SmtpSender(SmtpConfig("127.0.0.1", port, tls=False)))
    publish(ctx)
    assert notifications.deliver_due(store, ctx.clock, mailer).sent == 1
    maintenances.cancel(ctx, slug="upgrade")
    assert notifications.deliver_due(store, ctx.clock, mailer).sent == 1
    announced, cancelled = received.received
    method, cal = calendar_of(announced)
    assert method == "PUBLISH"
    assert cal["METHOD"] == "PUBLISH"
    [event] = cal.walk("VEVENT")
    method2, cal2 = calendar_of(cancelled)
    assert method2 == "CANCEL"
    assert cal2["METHOD"] == "CANCEL"
    [withdrawn] = cal2.walk("VEVENT")
    assert withdrawn["UID"] == event["UID"]
    assert int(withdrawn["SEQUENCE"]) > int(event["SEQUENCE"])
    assert withdrawn["STATUS"] == "CANCELLED"
    assert event["STATUS"] == "CONFIRMED"


def step(ctx: Context, clock: TickingClock, mailer: Mailer, at: datetime) -> list[str]:
    clock.at = at
    notifications.deliver_due(ctx.store, clock, mailer)
    sender = mailer.sender
    assert isinstance(sender, MemorySender)
    got = [str(m["X-Preavis-Event"]) for m in sender.sent]
    sender.sent.clear()
    return got


def test_offsets_set_for_a_maintenance_are_the_ones_sent(store: Store) -> None:
    ctx, clock = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, MemorySender())
    publish(ctx)
    assert endpoints.reminder_offsets(ctx, "upgrade") == {
        "slug": "upgrade", "minutes": [1440, 60], "default": True,
    }  # fmt: skip
    row = endpoints.set_reminder_offsets(ctx, "upgrade", [30, 2 * 1440, 30])
    assert row == {"slug": "upgrade", "minutes": [2880, 30], "default": False}
    step(ctx, clock, mailer, clock.at)  # the announcement
    assert step(ctx, clock, mailer, START - timedelta(hours=47)) == [
        "upgrade:20250626T0000Z:reminder:2880"
    ]
    assert step(ctx, clock, mailer, START - timedelta(hours=24)) == []  # not an offset now
    assert step(ctx, clock, mailer, START - timedelta(hours=1)) == []
    assert step(ctx, clock, mailer, START - timedelta(minutes=30)) == [
        "upgrade:20250626T0000Z:reminder:30"
    ]
    assert notifications.next_timed_change(store, clock) == START


def test_no_reminder_for_a_moment_already_past_at_announcement(store: Store) -> None:
    ctx, clock = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, MemorySender())
    clock.at = START - timedelta(hours=3)  # announced three hours ahead: the 24 h one is past
    publish(ctx)
    assert step(ctx, clock, mailer, clock.at) == ["upgrade:2:announced:0"]
    assert step(ctx, clock, mailer, START - timedelta(hours=2)) == []
    assert step(ctx, clock, mailer, START - timedelta(minutes=59)) == [
        "upgrade:20250626T0000Z:reminder:60"
    ]


def test_no_reminders_at_all_and_bad_offsets(store: Store) -> None:
    ctx, clock = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, MemorySender())
    publish(ctx)
    endpoints.set_reminder_offsets(ctx, "upgrade", [])
    step(ctx, clock, mailer, clock.at)
    assert step(ctx, clock, mailer, START - timedelta(hours=1)) == []
    with pytest.raises(ValidationError, match="outside 1 to"):
        endpoints.set_reminder_offsets(ctx, "upgrade", [0])
    with pytest.raises(ValidationError, match="not a delay"):
        endpoints.parse_offset("soon")
    assert [endpoints.parse_offset(x) for x in ("24h", "90m", "2d", "15")] == [1440, 90, 2880, 15]
    with pytest.raises(NotFoundError):
        endpoints.set_reminder_offsets(ctx, "nope", [60])


def test_an_offset_set_after_its_moment_is_not_sent_late(store: Store) -> None:
    ctx, clock = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, MemorySender())
    publish(ctx)  # three days ahead
    step(ctx, clock, mailer, clock.at)
    clock.at = START - timedelta(hours=10)
    endpoints.set_reminder_offsets(ctx, "upgrade", [2 * 1440, 120])  # 48 h: already past
    assert step(ctx, clock, mailer, START - timedelta(hours=9)) == []
    assert step(ctx, clock, mailer, START - timedelta(hours=2)) == [
        "upgrade:20250626T0000Z:reminder:120"
    ]


@pytest.mark.postgres
def test_two_workers_producing_the_same_reminder_at_once(tmp_path: Path) -> None:
    """Several workers share one PostgreSQL database: each looks for the time-driven events
    due, and two may both find a reminder missing before either writes it. The one that
    writes second finds it there (the event's key is unique): it queues nothing more and its
    pass goes on (this used to fail the pass with a traceback in that worker's log, at every
    reminder, start and end, in every worker but one). SQLite cannot race so: its writers
    queue (BEGIN IMMEDIATE) and each looks again inside its write."""
    store = Store(fresh_url("postgresql", tmp_path))
    store.upgrade()
    ctx, clock = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, MemorySender())
    publish(ctx)
    notifications.deliver_due(store, clock, mailer)  # the announcement
    clock.at = START - timedelta(minutes=59)  # the one-hour reminder is due
    first = Store(store.url)
    wrote_first: list[int] = []

    class Second(Store):
        """A worker that looked (inside its transaction) before `first` wrote, and writes
        after `first` committed."""

        @contextmanager
        def transaction(self) -> Iterator[Tx]:
            with super().transaction() as tx:
                insert_event = tx.insert_event

                def late(**values: Any) -> int:
                    if not wrote_first:
                        wrote_first.append(notifications.produce_timed(first, clock))
                    return insert_event(**values)

                tx.insert_event = late  # type: ignore[method-assign]
                yield tx

    second = Second(store.url)
    try:
        assert notifications.produce_timed(second, clock) == 0
    finally:
        second.dispose()
        first.dispose()
    assert wrote_first == [1]  # the other worker queued the reminder, once
    assert notifications.count_deliveries(ctx) == {"sent": 1, "pending": 1}
    store.dispose()
