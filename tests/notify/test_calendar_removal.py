"""An interruption removed from a maintenance (session 9's QA round): the update's .ics said
nothing of it (and with none left it was an empty VCALENDAR), so a calendar that imported the
announcement kept the removed window for ever. Now the update withdraws it: the same UID with
STATUS:CANCELLED and the new SEQUENCE, beside the windows that remain. Through a real SMTP
server (aiosmtpd)."""

from __future__ import annotations

from datetime import timedelta

from preavis.actions import maintenances, notifications
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify.senders import SmtpConfig, SmtpSender
from preavis.storage import Store
from tests.conftest import make_maintenance
from tests.notify.smtp_sink import Sink
from tests.notify.test_calendar_and_reminders import IDENTITY, START, calendar_of, setup
from tests.notify.test_calendar_and_reminders import sink as sink_fixture

sink = sink_fixture  # aiosmtpd on a free port


def test_a_removed_interruption_is_withdrawn_from_calendars(
    store: Store, sink: tuple[Sink, int]
) -> None:
    received, port = sink
    ctx, _ = setup(store)
    mailer = Mailer(IDENTITY, "s" * 40, SmtpSender(SmtpConfig("127.0.0.1", port, tls=False)))
    first = Interruption(
        "shop", Impact.UNAVAILABLE, START, START + timedelta(hours=3), Text("F", "C")
    )
    second = Interruption(
        "shop", Impact.LIMITED, START + timedelta(days=1), START + timedelta(days=1, hours=2),
        Text("G", "D"),
    )  # fmt: skip
    draft = make_maintenance(first, second, state=State.DRAFT)
    maintenances.create_draft(ctx, maintenance=draft)
    maintenances.publish(ctx, slug="upgrade")
    assert notifications.deliver_due(store, ctx.clock, mailer).sent == 1
    published, _ = maintenances.get_maintenance(ctx, slug="upgrade")
    keys = {i.starts_at: i.key for i in published.interruptions}
    maintenances.remove_interruption(ctx, slug="upgrade", key=keys[second.starts_at])
    assert notifications.deliver_due(store, ctx.clock, mailer).sent == 1
    maintenances.remove_interruption(ctx, slug="upgrade", key=keys[first.starts_at])
    assert notifications.deliver_due(store, ctx.clock, mailer).sent == 1
    announced, fewer, none_left = received.received

    _, cal = calendar_of(announced)
    uids = {str(e["UID"]): int(e["SEQUENCE"]) for e in cal.walk("VEVENT")}
    assert len(uids) == 2
    kept_uid = f"upgrade-{keys[first.starts_at]}@preavis"
    gone_uid = f"upgrade-{keys[second.starts_at]}@preavis"

    method, cal = calendar_of(fewer)
    assert method == "PUBLISH"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {kept_uid, gone_uid}
    assert events[kept_uid]["STATUS"] == "CONFIRMED"
    assert events[gone_uid]["STATUS"] == "CANCELLED"
    assert int(events[gone_uid]["SEQUENCE"]) > uids[gone_uid]
    assert events[gone_uid]["DTSTART"].dt.astimezone(START.tzinfo) == second.starts_at

    _, cal = calendar_of(none_left)
    [withdrawn] = cal.walk("VEVENT")
    assert str(withdrawn["UID"]) == kept_uid and withdrawn["STATUS"] == "CANCELLED"
