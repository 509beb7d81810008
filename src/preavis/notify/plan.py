"""Which events a change causes, who hears about them, and what each one says. Pure: no I/O.

An event is a fact about a published maintenance (announced, updated, cancelled) with a stable
key; it is produced once, in the transaction of the change that causes it. Each subscriber gets
one message per event they are concerned by, showing only their services' windows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import Compat32
from email.utils import format_datetime, formataddr, parseaddr
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.notify import messages as words


class Kind(StrEnum):
    """What happened to a published maintenance; stable values (stored, shown in the API)."""

    ANNOUNCED = "announced"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    REMINDER = "reminder"  # time-driven, like the two below
    STARTED = "started"
    COMPLETED = "completed"


TIMED = (Kind.REMINDER, Kind.STARTED, Kind.COMPLETED)
REMINDER_OFFSETS = (24 * 60, 60)  # minutes before the start
COMPLETED_GRACE = timedelta(hours=12)  # "it is over" later than this is news to nobody


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    """One interruption's difference between two versions (old -> new)."""

    kind: ChangeKind
    service: str
    before: Interruption | None
    after: Interruption | None


@dataclass(frozen=True, slots=True)
class Event:
    """A fact worth telling; `before` is the version the update or cancellation replaced."""

    kind: Kind
    maintenance: Maintenance
    revision: int
    before: Maintenance | None = None
    offset: int = 0  # minutes before the start (reminders, later); 0 for changes

    @property
    def key(self) -> str:
        """Stable: the same change never produces a second event with this key.

        Time-driven events name the moment they are about (the start, or the end for
        "completed") instead of the revision: an edit of the text does not repeat a reminder,
        a new start time does."""
        m = self.maintenance
        if self.kind in TIMED and m.window is not None:
            moment = m.window[1] if self.kind is Kind.COMPLETED else m.window[0]
            stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
            return f"{m.slug}:{stamp}:{self.kind.value}:{self.offset}"
        return f"{m.slug}:{self.revision}:{self.kind.value}:{self.offset}"

    @property
    def changes(self) -> tuple[Change, ...]:
        return diff_interruptions(self.before, self.maintenance) if self.before else ()


def _shape(i: Interruption) -> tuple[str, Impact, datetime, datetime]:
    return (i.service, i.impact, i.starts_at, i.ends_at)


def diff_interruptions(before: Maintenance, after: Maintenance) -> tuple[Change, ...]:
    """Interruptions added, removed or moved (window, impact or service), matched by key.
    Description-only edits are not a change people are told about."""
    old = {i.key: i for i in before.interruptions}
    new = {i.key: i for i in after.interruptions}
    found: list[Change] = []
    for key, item in new.items():
        previous = old.get(key)
        if previous is None:
            found.append(Change(ChangeKind.ADDED, item.service, None, item))
        elif _shape(previous) != _shape(item):
            found.append(Change(ChangeKind.CHANGED, item.service, previous, item))
    found.extend(
        Change(ChangeKind.REMOVED, item.service, item, None)
        for key, item in old.items()
        if key not in new
    )
    return tuple(sorted(found, key=_change_order))


def _change_order(c: Change) -> tuple[datetime, str]:
    shown = c.after or c.before
    assert shown is not None
    return (shown.starts_at, c.service)


def events_for(before: Maintenance | None, after: Maintenance, revision: int) -> list[Event]:
    """The events a change from `before` to `after` (stored as `revision`) causes."""
    was = before.state if before is not None else State.DRAFT
    if after.state is State.PUBLISHED and was is State.DRAFT:
        return [Event(Kind.ANNOUNCED, after, revision)]
    if was is not State.PUBLISHED or before is None:
        return []  # drafts are nobody's business; a cancelled one cannot change
    if after.state is State.CANCELLED:
        return [Event(Kind.CANCELLED, after, revision, before)]
    if diff_interruptions(before, after):
        return [Event(Kind.UPDATED, after, revision, before)]
    return []


def timed_events(
    m: Maintenance, revision: int, at: datetime, offsets: tuple[int, ...] = REMINDER_OFFSETS
) -> list[Event]:
    """The time-driven event due at `at` for a published maintenance, if any: the closest
    reminder whose moment has come while the start is still ahead, "started" while it runs,
    "completed" shortly after it ends. After downtime, what is no longer relevant is dropped:
    a reminder whose start has passed is not sent late."""
    if m.state is not State.PUBLISHED or m.window is None:
        return []
    start, end = m.window
    if at < start:
        due = [o for o in offsets if start - timedelta(minutes=o) <= at]
        return [Event(Kind.REMINDER, m, revision, offset=min(due))] if due else []
    if at < end:
        return [Event(Kind.STARTED, m, revision)]
    if at < end + COMPLETED_GRACE:
        return [Event(Kind.COMPLETED, m, revision)]
    return []


def next_timed_change(
    m: Maintenance, at: datetime, offsets: tuple[int, ...] = REMINDER_OFFSETS
) -> datetime | None:
    """When the next time-driven event of `m` falls due (the worker sleeps until then)."""
    if m.state is not State.PUBLISHED or m.window is None:
        return None
    start, end = m.window
    moments = [start - timedelta(minutes=o) for o in offsets] + [start, end]
    return min((x for x in moments if x > at), default=None)


# -- who gets what ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    """What a subscriber follows: everything (both empty), or some services and groups."""

    services: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return not self.services and not self.groups

    def covers(self, service: str, catalogue: Mapping[str, Service]) -> bool:
        if self.everything or service in self.services:
            return True
        found = catalogue.get(service)
        return found is not None and found.group is not None and found.group in self.groups


def concerns(event: Event, scope: Scope, catalogue: Mapping[str, Service]) -> bool:
    """Whether a subscriber with `scope` hears about `event`: an announcement or cancellation
    touching one of their services, or an update that changes one of their windows."""
    if scope.everything:
        return True
    if event.kind is Kind.UPDATED:
        return any(scope.covers(c.service, catalogue) for c in event.changes)
    shown = event.before if event.kind is Kind.CANCELLED and event.before else event.maintenance
    return any(scope.covers(i.service, catalogue) for i in shown.interruptions)


def visible(m: Maintenance, scope: Scope, catalogue: Mapping[str, Service]) -> list[Interruption]:
    return [i for i in m.interruptions if scope.covers(i.service, catalogue)]


# -- messages --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wording:
    """How times and impacts are written (the project's Canadian wording, handed in by the
    caller: this package does not import the formats)."""

    window: Callable[[datetime, datetime, ZoneInfo, Lang], str]
    instant: Callable[[datetime, ZoneInfo, Lang], str]
    impact: Callable[[Impact, Lang], str]
    # Non-breaking spaces where the pages have them ("20 h", "8 p.m.", « … », " :").
    typography: Callable[[str, Lang], str] = lambda text, lang: text


@dataclass(frozen=True, slots=True)
class Identity:
    """Who sends: the From address, the site's name and address, and the sender's contact
    details that every message shows (CASL asks that the sender be identified)."""

    sender: str  # "Préavis <avis@example.org>"
    site_name: str
    public_url: str
    contact: str = ""
    names: Mapping[str, str] = field(default_factory=dict)  # the public site's title per language

    def name(self, lang: Lang) -> str:
        """The site's name in `lang`, as its pages' header says it (else `site_name`)."""
        return self.names.get(lang) or self.site_name

    @property
    def domain(self) -> str:
        address = parseaddr(self.sender)[1]
        return address.rpartition("@")[2] or "localhost"


@dataclass(frozen=True, slots=True)
class Recipient:
    id: int
    email: str
    lang: Lang
    zone: str | None  # None: each maintenance's own zone
    scope: Scope
    manage_token: str  # signed: opens the preferences page, unsubscribes


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str  # "text/calendar"
    data: bytes
    params: dict[str, str] = field(default_factory=dict)


MESSAGE_ID_DOMAIN = "notifications.preavis"


def message_id(event_key: str, recipient_id: int) -> str:
    """The same (event, recipient) always gives the same Message-ID, so a message sent twice
    after a crash is recognisably one message (it is stored with the delivery too)."""
    digest = hashlib.sha256(f"{event_key}\x00{recipient_id}".encode()).hexdigest()[:32]
    return f"<{digest}@{MESSAGE_ID_DOMAIN}>"


# The subscription pages' names in each language (/fr/abonnement, /en/subscribe): the web
# routes and every link in a message are drawn from this one mapping.
PAGES: dict[str, str] = {"fr": "abonnement", "en": "subscribe"}


def links(identity: Identity, recipient: Recipient) -> dict[str, str]:
    base = identity.public_url.rstrip("/")
    lang = recipient.lang
    page = PAGES[lang]
    return {
        "preferences": f"{base}/{lang}/{page}/preferences?token={recipient.manage_token}",
        "unsubscribe": f"{base}/{lang}/{page}/unsubscribe?token={recipient.manage_token}",
        "one_click": f"{base}/api/v1/subscriptions/unsubscribe?token={recipient.manage_token}",
        "site": f"{base}/{lang}/",
    }


def _lines(
    event: Event,
    recipient: Recipient,
    catalogue: Mapping[str, Service],
    wording: Wording,
) -> tuple[str, list[str], list[str]]:
    return lines(event, recipient.lang, recipient.zone, recipient.scope, catalogue, wording)


def lines(
    event: Event,
    lang: Lang,
    zone_name: str | None,
    scope: Scope,
    catalogue: Mapping[str, Service],
    wording: Wording,
) -> tuple[str, list[str], list[str]]:
    """Subject, the paragraphs before the list, and the list of windows or changes, for a
    reader of `lang` following `scope` (times in `zone_name`, else the maintenance's zone)."""
    m = event.maintenance
    tz = zone(zone_name) if zone_name else m.zone
    t = words.TEXT[lang]
    title = m.title.get(lang)

    def name(slug: str) -> str:
        found = catalogue.get(slug)
        return found.name.get(lang) if found else slug

    def line(i: Interruption) -> str:
        when = wording.window(i.starts_at, i.ends_at, tz, lang)
        return f"{name(i.service)} — {wording.impact(i.impact, lang)} — {when}"

    intro: list[str] = []
    if event.kind is Kind.ANNOUNCED:
        items = visible(m, scope, catalogue)
        subject = t["subject_announced"].format(title=title)
        intro.append(t["intro_announced"].format(title=title))
        services = {i.service for i in items}
        intro.append(words.count_services(len(services), lang))
        body = [line(i) for i in items]
    elif event.kind is Kind.CANCELLED:
        shown = event.before or m
        items = visible(shown, scope, catalogue)
        subject = t["subject_cancelled"].format(title=title)
        intro.append(t["intro_cancelled"].format(title=title))
        body = [line(i) for i in items]
    elif event.kind in TIMED:
        items = visible(m, scope, catalogue)
        name_ = event.kind.value
        subject = t[f"subject_{name_}"].format(title=title)
        window = m.window
        when = wording.instant(window[0], tz, lang) if window else ""
        intro.append(t[f"intro_{name_}"].format(title=title, when=when))
        if event.kind is Kind.REMINDER:
            intro.append(words.count_services(len({i.service for i in items}), lang))
        body = [line(i) for i in items]
    else:
        changes = [c for c in event.changes if scope.covers(c.service, catalogue)]
        subject = t["subject_updated"].format(title=title)
        intro.append(t["intro_updated"].format(title=title))
        intro.append(words.count_changes(len(changes), lang))
        body = []
        for c in changes:
            if c.kind is ChangeKind.ADDED and c.after:
                body.append(t["added"].format(line=line(c.after)))
            elif c.kind is ChangeKind.REMOVED and c.before:
                body.append(t["removed"].format(line=line(c.before)))
            elif c.before and c.after:
                body.append(t["changed"].format(old=line(c.before), new=line(c.after)))
    if m.summary.get(lang) and event.kind in (Kind.ANNOUNCED, Kind.UPDATED, Kind.REMINDER):
        # After the opening sentence: the count that follows leads into the list ("2 changes:").
        intro.insert(1, m.summary.get(lang))
    said = wording.typography
    return subject, [said(p, lang) for p in intro], [said(b, lang) for b in body]


def compose(
    event: Event,
    recipient: Recipient,
    catalogue: Mapping[str, Service],
    identity: Identity,
    wording: Wording,
    *,
    at: datetime,
    attachment: Attachment | None = None,
) -> Message:
    """The message telling `recipient` about `event`: plain text and HTML, in their language
    and zone, with one-click unsubscribe headers (RFC 8058) and a stable Message-ID."""
    lang = recipient.lang
    t = words.TEXT[lang]
    subject, intro, body = _lines(event, recipient, catalogue, wording)
    urls = links(identity, recipient)
    page = f"{identity.public_url.rstrip('/')}/{lang}/maintenances/{event.maintenance.slug}"
    footer = words.footer(identity.name(lang), identity.contact, urls, lang)
    text = "\n\n".join([*intro, "\n".join(f"- {b}" for b in body), t["details"].format(url=page)])
    text += "\n\n-- \n" + "\n".join(footer)
    sender_lines = words.footer(identity.name(lang), identity.contact, None, lang)
    html = words.html_page(
        lang, subject, intro, body, t["details_link"], page, footer_lines=sender_lines, urls=urls
    )
    headers = [
        *_envelope(identity, recipient.email, lang, subject, at),
        ("Message-ID", message_id(event.key, recipient.id)),
        ("List-Unsubscribe", f"<{urls['one_click']}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Id", f"<maintenances.{identity.domain}>"),
        ("X-Preavis-Event", event.key),
    ]
    return _assemble(headers, text, html, attachment)


# Long headers (List-Unsubscribe URLs) stay on one line: folded, some readers keep the
# leading space of the continuation as part of the value. RFC 5322 allows 998 characters.
class _Wire(Compat32):
    """compat32, but headers that are already wire-ready (ASCII, one line: every header we
    write, non-ASCII text being encoded beforehand) are written as they are instead of being
    re-folded: folding took a third of the time of a fan-out."""

    def _fold(self, name: str, value: Any, sanitize: bool) -> str:
        if isinstance(value, str) and value.isascii() and "\n" not in value and "\r" not in value:
            return f"{name}: {value}{self.linesep}"
        folded: str = super()._fold(name, value, sanitize)  # type: ignore[misc]
        return folded


WIRE = _Wire(max_line_length=998)
UTF8_QP = Charset("utf-8")
UTF8_QP.body_encoding = QP  # readable in any mail client's "view source", and in .eml files


def _text_part(subtype: str, body: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body, charset=UTF8_QP)
    return part


def _assemble(
    headers: list[tuple[str, str]], text: str, html: str, attachment: Attachment | None = None
) -> Message:
    return assemble(headers, text, html, attachment)


def assemble(
    headers: list[tuple[str, str]],
    text: str,
    html: str,
    attachment: Attachment | None = None,
    *,
    seed: str | None = None,
) -> Message:
    """The MIME message: plain text and HTML alternatives, then the attachment if any.
    Built with the compat32 classes: the modern EmailMessage API parses every header it is
    given, which made composing the fan-out's bottleneck (about ten times slower)."""
    # Boundaries of our own: the generator would otherwise compile a regular expression per
    # message to make sure its random boundary does not occur in the text.
    seed = hashlib.sha256((text if seed is None else seed).encode()).hexdigest()[:24]
    alternative = MIMEMultipart("alternative", policy=WIRE, boundary=f"=_alt_{seed}")
    alternative.attach(_text_part("plain", text))
    alternative.attach(_text_part("html", html))
    msg: Message = alternative
    if attachment is not None:
        msg = MIMEMultipart("mixed", policy=WIRE, boundary=f"=_mix_{seed}")
        msg.attach(alternative)
        maintype, _, subtype = attachment.content_type.partition("/")
        part = MIMENonMultipart(maintype, subtype)
        if maintype == "text":
            part.set_payload(attachment.data.decode("utf-8"), charset=UTF8_QP)
        else:  # pragma: no cover - only calendars are attached today
            part.set_payload(attachment.data)
        for key, value in attachment.params.items():
            part.set_param(key, value)
        part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
        msg.attach(part)
    for name, value in headers:
        msg[name] = value if value.isascii() else Header(value, "utf-8").encode()
    return msg


def _envelope(
    identity: Identity, to: str, lang: Lang, subject: str, at: datetime
) -> list[tuple[str, str]]:
    return envelope(identity, to, lang, subject, at)


def envelope(
    identity: Identity, to: str, lang: Lang, subject: str, at: datetime
) -> list[tuple[str, str]]:
    name, address = parseaddr(identity.sender)
    return [
        ("From", formataddr((name or identity.name(lang), address), charset="utf-8")),
        ("To", to),
        ("Subject", subject),
        ("Date", format_datetime(at)),
        ("Content-Language", f"{lang}-CA"),
        ("Auto-Submitted", "auto-generated"),  # RFC 3834: no vacation replies
    ]


def confirmation(
    recipient_id: int,
    email: str,
    lang: Lang,
    link: str,
    identity: Identity,
    *,
    at: datetime,
    key: str,
    hours: int,
) -> Message:
    """The double opt-in message: the only one ever sent to an unconfirmed address."""
    t = words.TEXT[lang]
    subject = t["subject_confirm"].format(site=identity.name(lang))
    # The link comes right after the sentence that announces it; what follows it is small print.
    intro = t["intro_confirm"].format(site=identity.name(lang))
    after = [words.expires_in(hours, lang), t["ignore_confirm"]]
    footer = words.footer(identity.name(lang), identity.contact, None, lang)
    text = "\n\n".join([intro, link, *after]) + "\n\n-- \n" + "\n".join(footer)
    html = words.html_page(
        lang, subject, [intro], [], t["confirm_button"], link, footer_lines=[*after, *footer],
        urls=None,
    )  # fmt: skip
    headers = [
        *_envelope(identity, email, lang, subject, at),
        ("Message-ID", message_id(key, recipient_id)),
        ("X-Preavis-Event", key),
    ]
    return _assemble(headers, text, html)
