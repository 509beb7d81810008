"""The pure plan: which events a change causes, who hears about them, what they are told."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

from preavis.domain import Impact, Interruption, Maintenance, State, Text
from preavis.domain.changes import cancel, end_early, reschedule, with_keys
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_window
from preavis.notify import plan
from preavis.notify.messages import count_changes, count_services
from tests.conftest import make_maintenance, make_service

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
WORDING = plan.Wording(
    window=format_window,
    instant=format_instant,
    impact=lambda i, lang: IMPACT_WORDS[lang][i],
)
IDENTITY = plan.Identity(
    sender="Avis <avis@example.org>",
    site_name="État des services",
    public_url="https://status.example.org",
    contact="1 rue Principale, Ottawa (Ontario)",
)
CATALOGUE = {
    "shop": make_service("shop", name=Text("Boutique", "Shop"), group="online"),
    "pickup": make_service("pickup", name=Text("Ramassage", "Pickup")),
}


def item(service: str, hours_from: int, hours: int) -> Interruption:
    start = START + timedelta(hours=hours_from)
    end = start + timedelta(hours=hours)
    return Interruption(service, Impact.UNAVAILABLE, start, end, Text("F", "C"))


def draft() -> Maintenance:
    return with_keys(make_maintenance(item("shop", 0, 11), item("pickup", 2, 3), state=State.DRAFT))


def published() -> Maintenance:
    return replace(draft(), state=State.PUBLISHED)


def recipient(lang: str = "fr", scope: plan.Scope | None = None, ident: int = 7) -> plan.Recipient:
    return plan.Recipient(ident, "Alice@example.org", lang, None, scope or plan.Scope(), "TOKEN")  # type: ignore[arg-type]


def wire(msg: Message) -> EmailMessage:
    """The message as a receiver reads it: its bytes, parsed."""
    parsed = message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def text_of(msg: Message) -> str:
    body = wire(msg).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


# -- events ----------------------------------------------------------------------------------


def test_first_publication_announces_with_a_stable_key() -> None:
    before, after = draft(), published()
    events = plan.events_for(before, after, 2)
    assert [(e.kind, e.key) for e in events] == [(plan.Kind.ANNOUNCED, "upgrade:2:announced:0")]
    assert plan.events_for(None, after, 1)[0].key == "upgrade:1:announced:0"


def test_drafts_and_text_only_edits_tell_nobody() -> None:
    assert plan.events_for(draft(), replace(draft(), title=Text("Autre", "Other")), 3) == []
    m = published()
    reworded = replace(
        m, interruptions=tuple(replace(i, description=Text("x", "y")) for i in m.interruptions)
    )
    assert plan.events_for(m, reworded, 4) == []


def test_a_reschedule_is_an_update_listing_old_and_new_windows() -> None:
    m = published()
    moved = reschedule(m, START + timedelta(days=1))
    [event] = plan.events_for(m, moved, 5)
    assert event.kind is plan.Kind.UPDATED
    assert [c.kind for c in event.changes] == [plan.ChangeKind.CHANGED] * 2
    first = event.changes[0]
    assert first.before is not None and first.after is not None
    assert first.after.starts_at - first.before.starts_at == timedelta(days=1)


def test_added_removed_and_ended_early() -> None:
    m = published()
    shop, _pickup = m.interruptions
    fewer = replace(m, interruptions=(shop,))
    assert [(c.kind, c.service) for c in plan.diff_interruptions(m, fewer)] == [
        (plan.ChangeKind.REMOVED, "pickup")
    ]
    assert [c.kind for c in plan.diff_interruptions(fewer, m)] == [plan.ChangeKind.ADDED]
    early = end_early(m, START + timedelta(hours=4))
    changed = {c.service: c for c in plan.diff_interruptions(m, early)}
    assert changed["shop"].after is not None
    assert changed["shop"].after.ends_at == START + timedelta(hours=4)


def test_cancelling_a_published_maintenance_is_one_event() -> None:
    m = published()
    [event] = plan.events_for(m, cancel(m), 6)
    assert (event.kind, event.key) == (plan.Kind.CANCELLED, "upgrade:6:cancelled:0")
    assert plan.events_for(draft(), cancel(draft()), 2) == []  # never announced: silence


# -- who hears what --------------------------------------------------------------------------


def test_scoped_subscribers_hear_only_about_their_services() -> None:
    m = published()
    announce = plan.events_for(draft(), m, 2)[0]
    assert plan.concerns(announce, plan.Scope(frozenset({"pickup"})), CATALOGUE)
    assert plan.concerns(announce, plan.Scope(groups=frozenset({"online"})), CATALOGUE)
    assert not plan.concerns(announce, plan.Scope(frozenset({"elsewhere"})), CATALOGUE)
    # An update that moves only the shop does not concern pickup's subscribers.
    shop, pickup = m.interruptions
    moved = replace(
        m, interruptions=(replace(shop, ends_at=shop.ends_at + timedelta(hours=1)), pickup)
    )
    [update] = plan.events_for(m, moved, 3)
    assert plan.concerns(update, plan.Scope(frozenset({"shop"})), CATALOGUE)
    assert not plan.concerns(update, plan.Scope(frozenset({"pickup"})), CATALOGUE)


def test_a_scoped_message_lists_only_their_windows() -> None:
    event = plan.events_for(draft(), published(), 2)[0]
    msg = plan.compose(
        event, recipient("en", plan.Scope(frozenset({"pickup"}))), CATALOGUE, IDENTITY, WORDING,
        at=START,
    )  # fmt: skip
    body = text_of(msg)
    assert "Pickup — unavailable — From June 25, 10 p.m. to June 26, 1 a.m. ET" in body
    assert "Shop" not in body
    assert "1 service affected." in body


# -- messages --------------------------------------------------------------------------------


def test_an_announcement_in_french_with_canadian_wording_and_both_parts() -> None:
    event = plan.events_for(draft(), published(), 2)[0]
    msg = wire(plan.compose(event, recipient("fr"), CATALOGUE, IDENTITY, WORDING, at=START))
    assert msg["Subject"] == "Maintenance prévue\u00a0: Mise à niveau"
    assert msg["To"] == "Alice@example.org"
    assert "avis@example.org" in msg["From"]
    body = text_of(msg)
    assert "Boutique — indisponible — Du 25 juin, 20 h au 26 juin, 7 h (HE)" in body
    assert "2 services touchés." in body
    # French spacing in the plain text as on the pages: no plain space before « : » or inside
    # guillemets, and the links' own colons untouched
    assert "Se désabonner\u00a0: https://status.example.org/" in body
    assert " :" not in body and "« " not in body and " »" not in body
    assert "1 rue Principale, Ottawa (Ontario)" in body  # the sender is identified
    assert "https://status.example.org/fr/abonnement/unsubscribe?token=TOKEN" in body
    html = msg.get_body(("html",))
    assert html is not None
    assert "Boutique — indisponible" in str(html.get_content())
    assert msg["List-Unsubscribe"] == (
        "<https://status.example.org/api/v1/subscriptions/unsubscribe?token=TOKEN>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_times_are_written_in_the_subscribers_zone() -> None:
    event = plan.events_for(draft(), published(), 2)[0]
    who = replace(recipient("en"), zone="America/Vancouver")
    body = text_of(plan.compose(event, who, CATALOGUE, IDENTITY, WORDING, at=START))
    assert "Shop — unavailable — From June 25, 5 p.m. to June 26, 4 a.m. PT" in body


def test_an_update_says_what_changed_old_to_new() -> None:
    m = published()
    shop, pickup = m.interruptions
    longer = replace(shop, ends_at=shop.ends_at + timedelta(hours=2))
    [event] = plan.events_for(m, replace(m, interruptions=(longer, pickup)), 3)
    body = text_of(plan.compose(event, recipient("en"), CATALOGUE, IDENTITY, WORDING, at=START))
    assert "1 change:" in body
    assert "Was: Shop — unavailable — From June 25, 8 p.m. to June 26, 7 a.m. ET" in body
    assert "Now: Shop — unavailable — From June 25, 8 p.m. to June 26, 9 a.m. ET" in body


def test_the_message_id_is_stable_per_event_and_recipient() -> None:
    event = plan.events_for(draft(), published(), 2)[0]
    one = plan.compose(event, recipient(), CATALOGUE, IDENTITY, WORDING, at=START)
    again = plan.compose(
        event, recipient(), CATALOGUE, IDENTITY, WORDING, at=START + timedelta(days=1)
    )
    other = plan.compose(event, recipient(ident=8), CATALOGUE, IDENTITY, WORDING, at=START)
    assert one["Message-ID"] == again["Message-ID"] == plan.message_id(event.key, 7)
    assert other["Message-ID"] != one["Message-ID"]


def test_plurals_follow_each_language() -> None:
    assert [count_services(n, "fr") for n in (0, 1, 2)] == [
        "0 service touché.", "1 service touché.", "2 services touchés.",
    ]  # fmt: skip
    assert [count_services(n, "en") for n in (0, 1, 2)] == [
        "0 services affected.", "1 service affected.", "2 services affected.",
    ]  # fmt: skip
    assert count_changes(1, "fr") == "1 changement\u00a0:"
    assert count_changes(3, "en") == "3 changes:"


def test_the_confirmation_message_names_the_link_and_its_lifetime() -> None:
    msg = wire(plan.confirmation(
        3, "bob@example.org", "en", "https://s/confirm?token=X", IDENTITY,
        at=START, key="subscriber:3:confirmation:ab", hours=48,
    ))  # fmt: skip
    body = text_of(msg)
    assert "https://s/confirm?token=X" in body
    assert "This link is valid for 48 hours." in body
    assert msg["List-Unsubscribe"] is None  # not subscribed (yet): nothing to leave
    # The link follows the sentence that announces it, the small print comes after it.
    announced = body.index("open this link:")
    assert body.index("https://s/confirm?token=X") < body.index("This link is valid")
    assert body[announced:].split("\n\n")[1].strip() == "https://s/confirm?token=X"


def test_services_not_in_the_catalogue_are_named_by_slug() -> None:
    event = plan.events_for(draft(), published(), 2)[0]
    body = text_of(plan.compose(event, recipient("en"), {}, IDENTITY, WORDING, at=START))
    assert "shop — unavailable" in body


# -- time-driven events ----------------------------------------------------------------------


def test_reminders_start_and_completion_follow_the_clock() -> None:
    m = published()  # shop 20:00 → 07:00 the next day; pickup 22:00 → 01:00
    start, end = START, START + timedelta(hours=11)

    def due(at: datetime) -> list[tuple[plan.Kind, int]]:
        return [(e.kind, e.offset) for e in plan.timed_events(m, 3, at)]

    assert due(start - timedelta(hours=25)) == []
    assert due(start - timedelta(hours=24)) == [(plan.Kind.REMINDER, 1440)]
    assert due(start - timedelta(minutes=61)) == [(plan.Kind.REMINDER, 1440)]
    assert due(start - timedelta(minutes=60)) == [(plan.Kind.REMINDER, 60)]
    assert due(start) == [(plan.Kind.STARTED, 0)]
    assert due(end - timedelta(seconds=1)) == [(plan.Kind.STARTED, 0)]
    assert due(end) == [(plan.Kind.COMPLETED, 0)]
    assert due(end + plan.COMPLETED_GRACE) == []  # long over: news to nobody
    assert plan.timed_events(draft(), 1, start) == []
    assert plan.timed_events(cancel(m), 4, start) == []


def test_the_next_time_driven_change() -> None:
    m = published()
    start = START
    assert plan.next_timed_change(m, start - timedelta(days=3)) == start - timedelta(hours=24)
    assert plan.next_timed_change(m, start - timedelta(hours=2)) == start - timedelta(hours=1)
    assert plan.next_timed_change(m, start) == start + timedelta(hours=11)
    assert plan.next_timed_change(m, start + timedelta(hours=11)) is None


def test_a_timed_event_key_names_its_moment_not_the_revision() -> None:
    m = published()
    [first] = plan.timed_events(m, 3, START - timedelta(hours=1))
    [after_an_edit] = plan.timed_events(m, 4, START - timedelta(hours=1))
    assert first.key == after_an_edit.key == "upgrade:20250626T0000Z:reminder:60"
    moved = reschedule(m, START + timedelta(days=1))
    [new_time] = plan.timed_events(moved, 5, START + timedelta(hours=23))
    assert new_time.key != first.key


def test_a_reminder_says_when_it_starts() -> None:
    [event] = plan.timed_events(published(), 3, START - timedelta(hours=2))
    fr = wire(plan.compose(event, recipient("fr"), CATALOGUE, IDENTITY, WORDING, at=START))
    assert fr["Subject"] == "Rappel\u00a0: Mise à niveau"
    body = text_of(fr)
    assert (
        "Rappel\u00a0: la maintenance «\u00a0Mise à niveau\u00a0» commence le 25 juin, 20 h (HE)."
        in body
    )
    assert "2 services touchés." in body
    [done] = plan.timed_events(published(), 3, START + timedelta(hours=11))
    en = text_of(plan.compose(done, recipient("en"), CATALOGUE, IDENTITY, WORDING, at=START))
    assert "The maintenance “Upgrade” is over: the affected services work normally again." in en
