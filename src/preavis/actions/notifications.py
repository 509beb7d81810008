"""Notifications as use cases: events produced inside the change's own transaction, and the
worker that delivers the outbox (claim a batch, render, send, mark)."""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any

from preavis.actions.context import Context
from preavis.actions.deliveries import count_deliveries as count_deliveries  # noqa: PLC0414
from preavis.actions.deliveries import list_deliveries as list_deliveries  # noqa: PLC0414
from preavis.actions.deliveries import retry_deliveries as retry_deliveries  # noqa: PLC0414
from preavis.actions.endpoints import Keys
from preavis.actions.hook_delivery import HOOK_MAX_ATTEMPTS as HOOK_MAX_ATTEMPTS  # noqa: PLC0414
from preavis.actions.hook_delivery import STOP_GRACE, deliver_hooks
from preavis.actions.outbox import BACKOFF_MAX as BACKOFF_MAX  # noqa: PLC0414
from preavis.actions.outbox import WORDING, Delivered, Step, Unrecorded, backoff, scope_of
from preavis.actions.subscriptions import (
    CONFIRM_HOURS,
    confirm_token,
    manage_token,
    signing_secret,
)
from preavis.clock import Clock
from preavis.domain.errors import ConflictError, StorageUnavailableError, ValidationError
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.messages import Said
from preavis.domain.service import Service
from preavis.formats import ical
from preavis.notify import plan, shapes
from preavis.notify.senders import Outcome, Result, Sender, sender_from
from preavis.settings import Settings
from preavis.storage import Store, Tx

log = logging.getLogger("preavis.notify")
BATCH = 500  # deliveries claimed, sent (over a few SMTP connections) and marked together
# While a batch is being sent, what went out is marked sent in groups of this many (or what
# came within RECORD_WAIT seconds): a worker killed outright sends that again, not its batch.
# Groups of 50 cost 17 % of the fan-out rate on SQLite (each write queues behind the next
# batch's claim); 250 cost 3 %, within the noise (docs/benchmarks.md).
RECORD_GROUP = 250
RECORD_WAIT = 0.2  # seconds
MAX_ATTEMPTS = 12  # with the backoff below, about 20 hours of retries
IDLE_WAKE = timedelta(seconds=2)  # how often an idle worker looks for work others produced


def produce(
    ctx: Context, tx: Tx, before: Maintenance | None, after: Maintenance, revision: int
) -> int:
    """Write the events a change causes and one delivery per concerned subscriber, in the
    caller's transaction (so the change and its messages commit together or not at all).
    Returns the number of deliveries queued."""
    events = plan.events_for(before, after, revision)
    return _fan_out(tx, events, after.slug, ctx.clock.now()) if events else 0


def hook_message_id(event_key: str, endpoint_id: int) -> str:
    """The webhook-id of (event, endpoint): the same on every retry, so receivers can drop a
    message they already had."""
    digest = hashlib.sha256(f"{event_key}\x00endpoint\x00{endpoint_id}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


def _fan_out(tx: Tx, events: list[plan.Event], slug: str, now: datetime) -> int:
    catalogue = {s.slug: s for s in tx.services()}
    audience = tx.audience()
    endpoints = tx.endpoint_audience()
    queued = 0
    for event in events:
        if tx.has_event(event.key):
            continue  # produced already: an event is never produced twice
        recipients = [
            (ident, plan.message_id(event.key, ident))
            for ident, services, groups in audience
            if plan.concerns(event, scope_of(services, groups), catalogue)
        ]
        ident = tx.insert_event(
            key=event.key, kind=event.kind.value, subject=f"maintenance:{slug}",
            revision=event.revision, offset=event.offset, before=event.before,
            after=event.maintenance, data={}, at=now,
        )  # fmt: skip
        tx.insert_deliveries(ident, recipients, now)
        targets = [
            (endpoint, hook_message_id(event.key, endpoint))
            for endpoint, services, groups in endpoints
            if plan.concerns(event, scope_of(services, groups), catalogue)
        ]
        tx.insert_endpoint_deliveries(ident, targets, now)
        queued += len(recipients) + len(targets)
    return queued


def produce_timed(store: Store, clock: Clock) -> int:
    """Queue the reminders, "started" and "completed" messages due now (the worker calls this
    on each pass). Looked for in a read-only transaction; written only when one is due."""
    now = clock.now()
    with store.reading() as tx:
        offsets = tx.reminder_offsets()
        set_at = tx.reminders_set_at()
        due = [
            e
            for m, revision in tx.maintenances((State.PUBLISHED,))
            for e in plan.timed_events(
                m,
                revision,
                now,
                _offsets(tx, m, offsets.get(m.slug, plan.REMINDER_OFFSETS), set_at.get(m.slug)),
            )
            if not tx.has_event(e.key)
        ]
    queued = 0
    for event in due:  # one transaction each: another worker may be producing the same ones
        try:
            with store.transaction() as tx:
                queued += _fan_out(tx, [event], event.maintenance.slug, now)
        except ConflictError:
            # Two workers found it missing at once (PostgreSQL; SQLite's writers queue): the
            # unique key kept it to one. Anything else is not this race: said as it is.
            with store.reading() as tx:
                if not tx.has_event(event.key):
                    raise
            log.info(Said("log.event_queued_elsewhere", event=event.key))
    return queued


def _offsets(
    tx: Tx, m: Maintenance, offsets: tuple[int, ...], set_at: datetime | None
) -> tuple[int, ...]:
    """The reminders still worth sending: none whose moment had already passed when the
    maintenance was announced (the announcement told it all) or when its offsets were set."""
    if m.window is None:
        return offsets
    announced = tx.event_created_at(f"maintenance:{m.slug}", plan.Kind.ANNOUNCED.value)
    moments = [x for x in (announced, set_at) if x is not None]
    if not moments:
        return offsets
    since = max(moments)
    return tuple(o for o in offsets if m.window[0] - timedelta(minutes=o) >= since)


def next_timed_change(store: Store, clock: Clock) -> datetime | None:
    now = clock.now()
    with store.reading() as tx:
        offsets = tx.reminder_offsets()
        moments = [
            plan.next_timed_change(m, now, offsets.get(m.slug, plan.REMINDER_OFFSETS))
            for m, _ in tx.maintenances((State.PUBLISHED,))
        ]
    return min((x for x in moments if x is not None), default=None)


# -- the worker ------------------------------------------------------------------------------


def identity_of(settings: Settings) -> plan.Identity:
    """Who sends, as the settings say: the From address, the site's names, the contact."""
    return plan.Identity(
        sender=settings.mail_from,
        site_name=settings.site_name,
        public_url=settings.public_url or "http://127.0.0.1:8000",
        contact=settings.mail_contact,
        names={"fr": settings.site_title("fr"), "en": settings.site_title("en")},
    )


@dataclass(frozen=True, slots=True)
class Mailer:
    """What the worker needs besides the store: who sends, how, and the signing secret."""

    identity: plan.Identity
    secret: str
    sender: Sender
    lease: timedelta = timedelta(minutes=5)
    keys: Keys | None = None  # webhooks and channels: None, left for a worker that has them

    @classmethod
    def from_settings(cls, settings: Settings, sender: Sender | None = None) -> Mailer:
        if settings.smtp_url and not settings.public_url:
            # Real mail would carry confirm and unsubscribe links to 127.0.0.1.
            raise ValidationError.said("settings.smtp_without_public_url", field="public_url")
        return cls(
            identity=identity_of(settings),
            secret=signing_secret(settings),
            sender=sender or sender_from(settings.smtp_url, Path(settings.outbox_dir)),
            lease=timedelta(seconds=settings.worker_lease),
            keys=Keys.from_settings(settings),
        )


def _render(
    item: dict[str, Any],
    mailer: Mailer,
    catalogue: Mapping[str, Service],
    clock: Clock,
    calendars: dict[tuple[str, ...], plan.Attachment],
    shaped: dict[tuple[str, ...], shapes.Shape],
) -> Message:
    lang = item["lang"]
    now = clock.now()
    if item["kind"] == "confirmation":
        data = item["data"]
        token = confirm_token(mailer.secret, clock, item["subscriber_id"], item["manage_key"], data)
        # The page of the language the request was made in, like the message itself (the
        # subscriber's stored language may be the other one until they confirm).
        base = mailer.identity.public_url.rstrip("/")
        link = f"{base}/{data['lang']}/{plan.PAGES[data['lang']]}/confirm?token={token}"
        return plan.confirmation(
            item["subscriber_id"], item["email"], data["lang"], link, mailer.identity,
            at=now, key=item["key"], hours=CONFIRM_HOURS,
        )  # fmt: skip
    scope = scope_of(item["services"], item["groups"])
    token = manage_token(mailer.secret, item["subscriber_id"], item["manage_key"])
    event = plan.Event(
        plan.Kind(item["kind"]), item["after"], item["revision"], item["before"],
        item["offset_minutes"],
    )  # fmt: skip
    # Subscribers with the same language, zone and scope get the same message but for their
    # address and links, and the same calendar: both made once per batch.
    same = (item["key"], lang, item["services"], item["groups"])
    if same not in calendars:
        calendars[same] = _calendar(event, scope, catalogue, lang, item["created_at"])
    if item["email"].isascii():
        form = (*same, item["timezone"] or "")
        if form not in shaped:
            shaped[form] = shapes.shape(
                event, lang, item["timezone"], scope, catalogue, mailer.identity, WORDING,
                at=now, attachment=calendars[same],
            )  # fmt: skip
        return shaped[form].render(item["subscriber_id"], item["email"], token)
    recipient = plan.Recipient(
        id=item["subscriber_id"],
        email=item["email"],
        lang=lang,
        zone=item["timezone"],
        scope=scope,
        manage_token=token,
    )
    return plan.compose(
        event, recipient, catalogue, mailer.identity, WORDING, at=now, attachment=calendars[same]
    )


def _calendar(
    event: plan.Event,
    scope: plan.Scope,
    catalogue: Mapping[str, Service],
    lang: Any,
    at: datetime,
) -> plan.Attachment:
    """The subscriber's windows as iCalendar, with the public calendars' UIDs and SEQUENCE, so
    a calendar that imported them updates itself (cancelled ones come as STATUS:CANCELLED)."""
    m = event.maintenance
    if event.kind is plan.Kind.CANCELLED and event.before is not None:
        m = replace(event.before, state=m.state)
    shown = replace(m, interruptions=tuple(plan.visible(m, scope, catalogue)))
    # A cancellation withdraws the events (METHOD:CANCEL, same UIDs, a higher SEQUENCE).
    method = "CANCEL" if event.kind is plan.Kind.CANCELLED else "PUBLISH"
    entries = [ical.CalendarEntry(shown, event.revision, at)]
    removed = tuple(
        c.before
        for c in event.changes
        if c.kind is plan.ChangeKind.REMOVED and c.before is not None
        and scope.covers(c.service, catalogue)
    )  # fmt: skip
    if event.kind is plan.Kind.UPDATED and removed:
        # A removed window is withdrawn from calendars that imported it: its UID, cancelled,
        # with the new SEQUENCE (calendars would otherwise keep it for ever).
        gone = replace(m, state=State.CANCELLED, interruptions=removed)
        entries.append(ical.CalendarEntry(gone, event.revision, at))
    data = ical.calendar(entries, catalogue, lang, shown.title.get(lang), method=method)
    return plan.Attachment("maintenance.ics", "text/calendar", data, {"method": method})


@dataclass
class _Batch:
    """Deliveries claimed and rendered, waiting to be sent and recorded."""

    now: datetime
    outgoing: list[tuple[dict[str, Any], Message]] = field(default_factory=list)
    others: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    done: Delivered = field(default_factory=Delivered)
    recorded: set[int] = field(default_factory=set)  # sent, and marked so during the sending

    @property
    def empty(self) -> bool:
        return not self.outgoing and not self.others


def _claim(
    store: Store, clock: Clock, mailer: Mailer, limit: int, flying: _Batch | None = None
) -> _Batch:
    """Claim up to `limit` due deliveries and render their messages; the batch still `flying`
    keeps its lease however long its sending takes."""
    now = clock.now()
    with store.transaction() as tx:
        if flying is not None:
            tx.extend_lease([item["id"] for item, _ in flying.outgoing], now + mailer.lease)
        claimed = tx.claim_deliveries(now, limit, mailer.lease)
        catalogue = {s.slug: s for s in tx.services()} if claimed else {}
    batch = _Batch(now)
    calendars: dict[tuple[str, ...], plan.Attachment] = {}
    shaped: dict[tuple[str, ...], shapes.Shape] = {}
    for item in claimed:
        allowed = item["subscriber_status"] == "confirmed" or item["kind"] == "confirmation"
        if not allowed:  # unsubscribed after the event: nothing more goes to them
            batch.others.append(
                (item["id"], "dead", "not sent: the address is not subscribed", now)
            )
            batch.done.dead += 1
            continue
        try:
            rendered = _render(item, mailer, catalogue, clock, calendars, shaped)
            batch.outgoing.append((item, rendered))
        except Exception as exc:  # a message that cannot be rendered must not stop the others
            log.exception(Said("log.render_failed", delivery=item["id"]))
            batch.others.append((item["id"], "dead", f"cannot render: {exc}", now))
            batch.done.dead += 1
    return batch


def _send(
    mailer: Mailer, batch: _Batch, store: Store, clock: Clock, unrecorded: Unrecorded
) -> list[Result]:
    """Send the batch, marking what went out as sent in groups while the rest is being sent
    (a worker killed outright then sends again only its last group and what was in flight,
    not the whole batch)."""
    if not batch.outgoing:
        return []
    ids = [item["id"] for item, _ in batch.outgoing]
    progress = _Progress(store, clock, unrecorded, batch.recorded)
    try:
        return mailer.sender.send(
            [m for _, m in batch.outgoing],
            on_result=lambda i, r: progress.put(ids[i]) if r.outcome is Outcome.SENT else None,
        )
    finally:
        progress.close()


class _Progress:
    """A thread marking sent deliveries in groups of RECORD_GROUP (or what came within
    RECORD_WAIT of a group's first), each in a transaction of its own, through `unrecorded`
    (kept there while the database is away). Ids written or kept are added to `recorded`."""

    def __init__(self, store: Store, clock: Clock, unrecorded: Unrecorded, recorded: set[int]):
        self.store, self.clock, self.unrecorded, self.recorded = store, clock, unrecorded, recorded
        self.queue: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="preavis-record", daemon=True)
        self.thread.start()

    def put(self, ident: int) -> None:
        self.queue.put(ident)

    def close(self) -> None:
        """Write what is left, then end the thread."""
        self.queue.put(None)
        self.thread.join()

    def _run(self) -> None:
        last = False
        while not last:
            first = self.queue.get()
            if first is None:
                return
            group, until = [first], time.monotonic() + RECORD_WAIT
            while len(group) < RECORD_GROUP:
                try:
                    ident = self.queue.get(timeout=max(until - time.monotonic(), 0.001))
                except queue.Empty:
                    break
                if ident is None:
                    last = True
                    break
                group.append(ident)
            try:
                self.unrecorded.write(self.store, _finish(group, [], self.clock.now()), len(group))
            except Exception:  # recorded at the end of the batch instead, as before
                log.exception(Said("log.mark_failed", count=len(group)))
                continue
            self.recorded.update(group)


def _record(
    store: Store,
    clock: Clock,
    batch: _Batch,
    results: list[Result],
    unrecorded: Unrecorded | None = None,
) -> Delivered:
    """Mark what went out, what will be retried and what is given up, in one transaction
    (kept in `unrecorded`, and the outage raised, when the database cannot be reached)."""
    done, now, others = batch.done, batch.now, batch.others
    sent: list[int] = []
    for (item, _), result in zip(batch.outgoing, results, strict=True):
        if result.outcome is Outcome.SENT:
            sent.append(item["id"])
        elif result.outcome is Outcome.PERMANENT or item["attempts"] >= MAX_ATTEMPTS:
            others.append((item["id"], "dead", result.error, now))
            done.dead += 1
            done.errors.append(f"{item['email']}: {result.error}")
        else:
            others.append((item["id"], "failed", result.error, now + backoff(item["attempts"])))
            done.failed += 1
            done.errors.append(f"{item['email']}: {result.error}")
    done.sent = len(sent)
    sent = [ident for ident in sent if ident not in batch.recorded]
    if sent or others:
        kept = Unrecorded() if unrecorded is None else unrecorded
        kept.write(store, _finish(sent, list(others), clock.now()), len(sent) + len(others))
        kept.check()
    return done


def _finish(sent: list[int], others: list[tuple[int, str, str, datetime]], at: datetime) -> Step:
    """The step that marks `sent` sent and `others` failed or dead (for later, or now)."""
    return lambda tx: tx.finish_deliveries(sent, others, at)


def deliver_batch(store: Store, clock: Clock, mailer: Mailer, *, limit: int = BATCH) -> Delivered:
    """Claim up to `limit` due deliveries, send them, and record what happened."""
    batch = _claim(store, clock, mailer, limit)
    return _record(store, clock, batch, _send(mailer, batch, store, clock, Unrecorded()))


def deliver_due(
    store: Store,
    clock: Clock,
    mailer: Mailer,
    *,
    limit: int = BATCH,
    stop: threading.Event | None = None,
    unrecorded: Unrecorded | None = None,
) -> Delivered:
    """Deliver everything due now, batch after batch (`preavis worker --once`). Once `stop`
    is set (SIGTERM), the batch being sent is finished and recorded and no other is claimed,
    so a worker that is stopped sends nothing twice when it starts again."""
    total = Delivered()
    unrecorded = Unrecorded() if unrecorded is None else unrecorded
    unrecorded.flush(store)  # sent during an outage: recorded before anything is claimed again
    produce_timed(store, clock)
    # One batch goes out (in a thread: mostly waiting on the SMTP server) while the next is
    # claimed and rendered; that claim renews the lease of the batch being sent, so however
    # long it takes, the worker never claims again what it is sending, and after a crash only
    # the batch that was being sent can go out twice.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="preavis-send") as pool:
        flying: tuple[_Batch, Future[list[Result]]] | None = None
        while True:
            if stop is not None and stop.is_set():
                if flying is not None:
                    total.add(_record(store, clock, *flying_results(flying), unrecorded))
                return total
            try:
                batch = _claim(store, clock, mailer, limit, flying[0] if flying else None)
            except BaseException:  # what was sent is recorded, even when the next claim fails
                if flying is not None:
                    total.add(_record(store, clock, *flying_results(flying), unrecorded))
                raise
            if flying is not None:
                total.add(_record(store, clock, *flying_results(flying), unrecorded))
            flying = None
            if batch.empty:
                break
            flying = (batch, pool.submit(_send, mailer, batch, store, clock, unrecorded))
    while mailer.keys is not None and not (stop is not None and stop.is_set()):
        done = deliver_hooks(store, clock, mailer, unrecorded=unrecorded, stop=stop)
        total.add(done)
        if done.sent + done.failed + done.dead == 0:
            break
    return total


def flying_results(flying: tuple[_Batch, Future[list[Result]]]) -> tuple[_Batch, list[Result]]:
    return flying[0], flying[1].result()


def _said_in_the_log(available: bool, detail: str) -> None:
    if available:
        log.warning(Said("log.worker_database_back"))
    else:
        seconds = f"{IDLE_WAKE.total_seconds():g}"
        log.warning(Said("log.worker_database_away", detail=detail, seconds=seconds))


def _left_in_the_log(deliveries: int) -> None:
    log.warning(Said("log.worker_left", count=deliveries))


def run_worker(
    store: Store,
    clock: Clock,
    mailer: Mailer,
    *,
    stop: threading.Event,
    limit: int = BATCH,
    on_database: Callable[[bool, str], None] = _said_in_the_log,
    on_left: Callable[[int], None] = _left_in_the_log,
) -> None:
    """Deliver until `stop` is set, sleeping until the next delivery or time-driven event is
    due (or a short while, to see work other processes produced).

    A database that cannot be reached is said once when it goes away and once when it is back
    (`on_database(False, detail)`, then `on_database(True, "")`), never as a traceback per
    pass; the worker tries again every IDLE_WAKE meanwhile. Stopped while the database is
    away, it tries once more to record what it sent, and says how many deliveries it could
    not (`on_left(n)`): those go out again after their lease."""
    away = False
    unrecorded = Unrecorded()
    while not stop.is_set():
        try:
            done = deliver_due(store, clock, mailer, limit=limit, stop=stop, unrecorded=unrecorded)
            if done.unsent:  # stopping: receivers that did not answer in time, said
                grace = f"{STOP_GRACE:g}"
                log.warning(Said("log.worker_unanswered", count=done.unsent, seconds=grace))
            with store.reading() as tx:
                due = tx.next_due()
                hook_due = tx.next_endpoint_due() if mailer.keys is not None else None
            if hook_due is not None and (due is None or hook_due < due):
                due = hook_due
            timed = next_timed_change(store, clock)
            if timed is not None and (due is None or timed < due):
                due = timed
            if away:
                away = False
                on_database(True, "")
        except StorageUnavailableError as exc:  # the database away for a while: wait for it
            if not away:
                away = True
                on_database(False, exc.detail)
            due = None
        except Exception:  # anything else: said with its traceback, tried again, never dies
            log.exception(Said("log.worker_pass_failed"))
            due = None
        wait = IDLE_WAKE
        if due is not None:
            wait = max(timedelta(0), min(due - clock.now(), IDLE_WAKE))
        stop.wait(max(wait.total_seconds(), 0.05))
    if unrecorded.deliveries:
        try:
            unrecorded.flush(store)
        except StorageUnavailableError:
            on_left(unrecorded.deliveries)
