"""Fan-out at speed: a message is rendered once per shape (event, language, zone, scope) and
only what differs per recipient (the address, the Message-ID, the signed links) is put in when
it is sent. The bytes are those `plan.compose` would write for that recipient, up to the
quoted-printable line breaks (encoded here by the standard library's C encoder).
"""

from __future__ import annotations

import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import parseaddr
from typing import Any

from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.notify import messages as words
from preavis.notify import plan

MARK = "PreavisManageTokenMark"  # stands for the signed token in links until it is sent
_TO, _MID, _TEXT, _HTML = b"@@to@@", b"@@mid@@", b"@@text@@", b"@@html@@"


class RawMessage(Message):
    """A message already written out: the headers senders read (From, To, Message-ID) and its
    bytes; `envelope` spares senders parsing the addresses again."""

    def __init__(
        self, data: bytes, sender: tuple[str, str], to: str, message_id: str, event: str
    ) -> None:
        super().__init__()
        self["From"] = sender[0]
        self["To"] = to
        self["Message-ID"] = message_id
        self["X-Preavis-Event"] = event
        self.data = data
        self.envelope = (sender[1], [to])

    def as_bytes(self, unixfrom: bool = False, policy: Any = None) -> bytes:
        if policy is not None and getattr(policy, "linesep", "\n") == "\r\n":
            return self.data.replace(b"\n", b"\r\n")
        return self.data

    def __bytes__(self) -> bytes:
        return self.data

    def as_string(self, unixfrom: bool = False, maxheaderlen: int = 0, policy: Any = None) -> str:
        return self.data.decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class Shape:
    """One message for every recipient of the same shape."""

    event_key: str
    sender: tuple[str, str]  # the From header, and its address alone
    template: bytes  # headers and parts, with the markers above
    text: str  # the plain text, with MARK where the token goes
    html: str
    one_click: str  # the List-Unsubscribe URL, with MARK

    def render(self, recipient_id: int, email: str, token: str) -> Message:
        mid = plan.message_id(self.event_key, recipient_id)
        text = binascii.b2a_qp(self.text.replace(MARK, token).encode("utf-8"), istext=True)
        html = binascii.b2a_qp(self.html.replace(MARK, token).encode("utf-8"), istext=True)
        data = (
            self.template.replace(_TO, email.encode("ascii"))
            .replace(_MID, mid.encode("ascii"))
            .replace(MARK.encode("ascii"), token.encode("ascii"))
            .replace(_TEXT, text)
            .replace(_HTML, html)
        )
        return RawMessage(data, self.sender, email, mid, self.event_key)


def shape(
    event: plan.Event,
    lang: Lang,
    zone_name: str | None,
    scope: plan.Scope,
    catalogue: Mapping[str, Service],
    identity: plan.Identity,
    wording: plan.Wording,
    *,
    at: datetime,
    attachment: plan.Attachment | None = None,
) -> Shape:
    """The message of `plan.compose` for this shape, with markers where recipients differ."""
    placeholder = plan.Recipient(0, "x@x", lang, zone_name, scope, MARK)
    subject, intro, body = plan.lines(event, lang, zone_name, scope, catalogue, wording)
    t = words.TEXT[lang]
    urls = plan.links(identity, placeholder)
    page = f"{identity.public_url.rstrip('/')}/{lang}/maintenances/{event.maintenance.slug}"
    footer = words.footer(identity.name(lang), identity.contact, urls, lang)
    text = "\n\n".join([*intro, "\n".join(f"- {b}" for b in body), t["details"].format(url=page)])
    text += "\n\n-- \n" + "\n".join(footer)
    sender_lines = words.footer(identity.name(lang), identity.contact, None, lang)
    html = words.html_page(
        lang, subject, intro, body, t["details_link"], page, footer_lines=sender_lines, urls=urls
    )
    headers = [
        *plan.envelope(identity, _TO.decode(), lang, subject, at),
        ("Message-ID", _MID.decode()),
        ("List-Unsubscribe", f"<{urls['one_click']}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Id", f"<maintenances.{identity.domain}>"),
        ("X-Preavis-Event", event.key),
    ]
    skeleton = plan.assemble(headers, _TEXT.decode(), _HTML.decode(), attachment, seed=text)
    template = skeleton.as_bytes()
    # The placeholder bodies come out as the markers and a line end; the real ones bring theirs.
    template = template.replace(_TEXT + b"\n", _TEXT).replace(_HTML + b"\n", _HTML)
    sender = (str(skeleton["From"]), parseaddr(identity.sender)[1])
    return Shape(event.key, sender, template, text + "\n", html + "\n", urls["one_click"])
