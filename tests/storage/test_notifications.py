"""The notification lifecycle through the actions and the outbox, on SQLite and PostgreSQL, on a
fixed clock: announce, reschedule, cancel; scoped subscribers; failures and retries."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage

import pytest

from preavis.actions import catalogue, maintenances, notifications, subscriptions
from preavis.actions.context import Context
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.domain.access import Role
from preavis.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from preavis.notify import plan
from preavis.notify.senders import MemorySender, Outcome, Result
from preavis.storage import Store
from tests.conftest import TickingClock, context, make_maintenance, make_service

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
SECRET = "s" * 40
CSV = (
    "email,language,services\n"
    "Alice@Example.ORG,fr,\n"  # everything, in French
    "bob@example.org,en,pickup\n"  # only the pickup service, in English
)


def body(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def setup(store: Store) -> tuple[Context, TickingClock, Mailer, MemorySender]:
    ctx = context(store)
    clock = ctx.clock
    assert isinstance(clock, TickingClock)
    for slug, fr, en in (("shop", "Boutique", "Shop"), ("pickup", "Ramassage", "Pickup")):
        catalogue.create_service(ctx, service=make_service(slug, name=Text(fr, en)))
    assert subscriptions.import_subscribers(ctx, text=CSV, source="test") == 2
    sender = MemorySender()
    identity = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
    return ctx, clock, Mailer(identity, SECRET, sender), sender


def window(service: str, hours_from: int, hours: int) -> Interruption:
    start = START + timedelta(hours=hours_from)
    return Interruption(
        service, Impact.UNAVAILABLE, start, start + timedelta(hours=hours), Text("F", "C")
    )


def draft(ctx: Context, *items: Interruption) -> None:
    maintenances.create_draft(ctx, maintenance=make_maintenance(*items, state=State.DRAFT))


def deliver(ctx: Context, mailer: Mailer) -> notifications.Delivered:
    return notifications.deliver_due(ctx.store, ctx.clock, mailer)


def test_announce_reschedule_cancel_reach_the_right_people(store: Store) -> None:
    ctx, _, mailer, sender = setup(store)
    draft(ctx, window("shop", 0, 3))
    assert deliver(ctx, mailer).sent == 0  # a draft is nobody's business
    maintenances.publish(ctx, slug="upgrade")
    assert deliver(ctx, mailer).sent == 1
    [announce] = sender.sent
    assert announce["To"] == "Alice@example.org"  # stored once, domain case-folded
    assert announce["Subject"] == "Maintenance prévue\u00a0: Mise à niveau"
    assert "Boutique — indisponible — Le 25 juin, de 20\u00a0h à 23\u00a0h (HE)" in body(announce)
    sender.sent.clear()

    # Adding a pickup window concerns Bob (pickup only) and Alice (everything).
    maintenances.add_interruption(ctx, slug="upgrade", interruption=window("pickup", 1, 2))
    assert deliver(ctx, mailer).sent == 2
    to_bob = next(m for m in sender.sent if m["To"] == "bob@example.org")
    assert to_bob["Subject"] == "Maintenance changed: Upgrade"
    assert "Added: Pickup — unavailable — June 25, from 9\u00a0p.m. to 11\u00a0p.m. ET" in body(
        to_bob
    )
    assert "Shop" not in body(to_bob)
    sender.sent.clear()

    maintenances.reschedule(ctx, slug="upgrade", starts_at=START + timedelta(days=1))
    assert deliver(ctx, mailer).sent == 2
    to_bob = next(m for m in sender.sent if m["To"] == "bob@example.org")
    assert "Was: Pickup — unavailable — June 25, from 9\u00a0p.m. to 11\u00a0p.m. ET" in body(
        to_bob
    )
    assert "Now: Pickup — unavailable — June 26, from 9\u00a0p.m. to 11\u00a0p.m. ET" in body(
        to_bob
    )
    sender.sent.clear()

    maintenances.cancel(ctx, slug="upgrade")
    assert deliver(ctx, mailer).sent == 2
    assert {m["Subject"] for m in sender.sent} == {
        "Maintenance annulée\u00a0: Mise à niveau",
        "Maintenance cancelled: Upgrade",
    }
    calendar = next(p for p in sender.sent[0].walk() if p.get_content_type() == "text/calendar")
    assert b"STATUS:CANCELLED" in calendar.get_payload(decode=True)


def test_a_change_to_other_services_does_not_reach_a_scoped_subscriber(store: Store) -> None:
    ctx, _, mailer, sender = setup(store)
    draft(ctx, window("shop", 0, 3))
    maintenances.publish(ctx, slug="upgrade")
    maintenances.extend(ctx, slug="upgrade", ends_at=START + timedelta(hours=5))
    deliver(ctx, mailer)
    assert [m["To"] for m in sender.sent] == ["Alice@example.org", "Alice@example.org"]


def test_a_refused_publication_queues_nothing(store: Store) -> None:
    ctx, _, mailer, _sender = setup(store)
    maintenances.create_draft(
        ctx,
        maintenance=make_maintenance(
            window("shop", 0, 3), state=State.DRAFT, summary=Text(fr="Seulement en français")
        ),
    )
    with pytest.raises(ValidationError):
        maintenances.publish(ctx, slug="upgrade")  # the English summary is missing
    assert notifications.count_deliveries(ctx) == {}
    assert deliver(ctx, mailer).sent == 0


def test_an_unsubscribed_address_gets_nothing_more(store: Store) -> None:
    ctx, _, mailer, sender = setup(store)
    draft(ctx, window("pickup", 0, 3))
    maintenances.publish(ctx, slug="upgrade")  # queued for Alice and Bob
    bob = next(s for s in subscriptions.list_subscribers(ctx) if s["email"].startswith("bob"))
    assert bob["consent_how"] == "imported by an admin"
    with store.reading() as tx:
        row = tx.subscriber(email="bob@example.org")
    token = subscriptions.manage_token(SECRET, row["id"], row["manage_key"])
    subscriptions.unsubscribe(store, ctx.clock, secret=SECRET, token=token)
    deliver(ctx, mailer)
    assert [m["To"] for m in sender.sent] == ["Alice@example.org"]


def test_temporary_failures_retry_with_backoff_and_5xx_is_dead(store: Store) -> None:
    ctx, clock, mailer, sender = setup(store)
    sender.refuse["Alice@example.org"] = Result(Outcome.TEMPORARY, "451 try later")
    sender.refuse["bob@example.org"] = Result(Outcome.PERMANENT, "550 no such user")
    draft(ctx, window("pickup", 0, 3))
    maintenances.publish(ctx, slug="upgrade")
    done = deliver(ctx, mailer)
    assert (done.sent, done.failed, done.dead) == (0, 1, 1)
    [failed] = notifications.list_deliveries(ctx, status="failed")
    assert failed["last_error"] == "451 try later"
    assert failed["next_attempt_at"] == clock.at + timedelta(minutes=1)
    assert deliver(ctx, mailer).sent == 0  # not due yet
    del sender.refuse["Alice@example.org"]
    clock.at += timedelta(minutes=1)
    assert deliver(ctx, mailer).sent == 1
    assert deliver(ctx, mailer).sent == 0  # the 5xx is never retried by itself
    assert notifications.count_deliveries(ctx) == {"sent": 1, "dead": 1}
    del sender.refuse["bob@example.org"]
    assert notifications.retry_deliveries(ctx) == 1  # an admin decides to try again
    assert deliver(ctx, mailer).sent == 1


def test_a_claimed_batch_is_taken_over_only_after_its_lease(store: Store) -> None:
    ctx, clock, mailer, _ = setup(store)
    draft(ctx, window("pickup", 0, 3))
    maintenances.publish(ctx, slug="upgrade")
    with store.transaction() as tx:
        first = tx.claim_deliveries(clock.at, 10, mailer.lease)
    assert len(first) == 2  # a worker took them, then died before marking them
    with store.transaction() as tx:
        assert tx.claim_deliveries(clock.at, 10, mailer.lease) == []
    clock.at += mailer.lease
    with store.transaction() as tx:
        again = tx.claim_deliveries(clock.at, 10, mailer.lease)
    assert [d["message_id"] for d in again] == [d["message_id"] for d in first]


def test_an_event_is_never_produced_twice(store: Store) -> None:
    ctx, _, _, _ = setup(store)
    draft(ctx, window("pickup", 0, 3))
    published, revision = maintenances.publish(ctx, slug="upgrade")
    before = make_maintenance(*published.interruptions, state=State.DRAFT)
    with store.transaction() as tx:
        assert notifications.produce(ctx, tx, before, published, revision) == 0
    assert notifications.count_deliveries(ctx) == {"pending": 2}


def test_only_admins_manage_subscribers(store: Store) -> None:
    ctx = context(store, Role.PUBLISHER)
    with pytest.raises(PermissionDeniedError):
        subscriptions.import_subscribers(ctx, text=CSV, source="test")
    with pytest.raises(PermissionDeniedError):
        subscriptions.list_subscribers(ctx)


def test_import_refuses_a_bad_file_whole_naming_the_line(store: Store) -> None:
    ctx, _, _, _ = setup(store)
    bad = "email,language,services\nnew@example.org,fr,\nnot-an-address,en,\n"
    with pytest.raises(ValidationError, match="line 3: email"):
        subscriptions.import_subscribers(ctx, text=bad, source="test")
    with pytest.raises(ValidationError, match="line 2: services: unknown service 'nope'"):
        subscriptions.import_subscribers(
            ctx, text="email,language,services\nx@example.org,en,nope\n", source="t"
        )
    with pytest.raises(ValidationError, match="header"):
        subscriptions.import_subscribers(ctx, text="mail,lang\n", source="t")
    assert len(subscriptions.list_subscribers(ctx)) == 2  # nothing of the bad files
    assert subscriptions.export_subscribers(ctx) == CSV.replace(
        "Alice@Example.ORG", "Alice@example.org"
    )


def test_the_change_and_its_deliveries_commit_together(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, _, _, _ = setup(store)
    draft(ctx, window("pickup", 0, 3))

    def broken(self: object, *args: object) -> None:
        raise ValidationError("the outbox refused the rows")

    from preavis.storage import Tx

    monkeypatch.setattr(Tx, "insert_deliveries", broken)
    with pytest.raises(ValidationError, match="outbox"):
        maintenances.publish(ctx, slug="upgrade")
    found, revision = maintenances.get_maintenance(ctx, slug="upgrade")
    assert (found.state, revision) == (State.DRAFT, 1)  # the publication was rolled back
    with store.reading() as tx:
        assert not tx.has_event("upgrade:2:announced:0")


def test_unconfirmed_requests_and_their_links_expire(store: Store) -> None:
    ctx, clock, mailer, sender = setup(store)
    wanted = subscriptions.Request("en", ("shop",))
    subscriptions.subscribe(
        store, clock, email="late@example.org", request=wanted, how="t", source="t"
    )
    deliver(ctx, mailer)
    [confirmation] = sender.sent
    token = body(confirmation).split("confirm?token=")[1].split()[0]
    clock.at += timedelta(hours=subscriptions.CONFIRM_HOURS, seconds=1)
    with pytest.raises(NotFoundError, match="expired"):
        subscriptions.confirm(store, clock, secret=SECRET, token=token)
    # The next request from anyone forgets the stale one.
    subscriptions.subscribe(
        store, clock, email="new@example.org", request=wanted, how="t", source="t"
    )
    emails = {s["email"] for s in subscriptions.list_subscribers(ctx, status="pending")}
    assert emails == {"new@example.org"}


def test_a_confirmation_link_applies_what_was_asked(store: Store) -> None:
    ctx, clock, mailer, sender = setup(store)
    wanted = subscriptions.Request("en", ("shop",), (), "America/Vancouver")
    subscriptions.subscribe(
        store,
        clock,
        email="Eve@EXAMPLE.org",
        request=wanted,
        how="web form",
        source="client 1.2.3.4",
    )
    assert [s["status"] for s in subscriptions.list_subscribers(ctx, status="pending")] == [
        "pending"
    ]
    deliver(ctx, mailer)
    token = body(sender.sent[0]).split("confirm?token=")[1].split()[0]
    clock.at += timedelta(hours=1)
    subscriptions.confirm(store, clock, secret=SECRET, token=token)
    [eve] = [s for s in subscriptions.list_subscribers(ctx) if s["email"] == "Eve@example.org"]
    assert (eve["status"], eve["services"], eve["timezone"]) == (
        "confirmed",
        "shop",
        "America/Vancouver",
    )
    assert (eve["consent_how"], eve["consent_source"]) == ("web form", "client 1.2.3.4")
    assert eve["confirmed_at"] == clock.at
    with pytest.raises(NotFoundError):
        subscriptions.confirm(store, clock, secret="another" * 6, token=token)  # forged


def test_reminders_started_and_completed_on_a_fixed_clock(store: Store) -> None:
    ctx, clock, mailer, sender = setup(store)
    clock.at = START - timedelta(days=3)
    draft(ctx, window("shop", 0, 3), window("pickup", 1, 1))
    maintenances.publish(ctx, slug="upgrade")
    deliver(ctx, mailer)
    sender.sent.clear()

    def step(at: datetime) -> list[tuple[str, str]]:
        clock.at = at
        deliver(ctx, mailer)
        got = [(str(m["To"]), str(m["Subject"])) for m in sender.sent]
        sender.sent.clear()
        return sorted(got)

    assert step(START - timedelta(hours=25)) == []
    assert step(START - timedelta(hours=24)) == [
        ("Alice@example.org", "Rappel\u00a0: Mise à niveau"),
        ("bob@example.org", "Reminder: Upgrade"),
    ]
    assert step(START - timedelta(hours=23)) == []  # never twice
    maintenances.update_details(ctx, slug="upgrade", summary=Text("Résumé", "Summary"))
    assert step(START - timedelta(hours=2)) == []  # an edit of the text repeats nothing
    assert len(step(START - timedelta(hours=1))) == 2  # the one-hour reminder
    assert len(step(START)) == 2  # started
    assert step(START + timedelta(hours=1)) == []
    assert step(START + timedelta(hours=3)) == [
        ("Alice@example.org", "Maintenance terminée\u00a0: Mise à niveau"),
        ("bob@example.org", "Maintenance completed: Upgrade"),
    ]


def test_after_downtime_a_missed_reminder_is_dropped_not_sent_late(store: Store) -> None:
    ctx, clock, mailer, sender = setup(store)
    clock.at = START - timedelta(days=3)
    draft(ctx, window("shop", 0, 3))
    maintenances.publish(ctx, slug="upgrade")
    deliver(ctx, mailer)
    sender.sent.clear()
    clock.at = START + timedelta(minutes=30)  # the worker was down through both reminders
    deliver(ctx, mailer)
    assert [str(m["Subject"]) for m in sender.sent] == [
        "Maintenance commencée\u00a0: Mise à niveau"
    ]
    assert notifications.next_timed_change(store, clock) == START + timedelta(hours=3)
