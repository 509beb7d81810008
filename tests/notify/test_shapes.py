"""A message rendered once per shape and filled in per recipient reads, for a receiver, exactly
like the one composed for that recipient alone: every header, both parts, the attachment."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

import pytest

from preavis.notify import plan, shapes
from tests.notify.test_plan import CATALOGUE, IDENTITY, WORDING, published

AT = datetime.fromisoformat("2025-06-20T12:00-04:00")
CALENDAR = plan.Attachment(
    "maintenance.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", {"method": "X"}
)


def read(msg: Message, crlf: bool = False) -> EmailMessage:
    raw = msg.as_bytes(policy=policy.SMTP) if crlf else msg.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def parts(msg: EmailMessage) -> list[tuple[str, str]]:
    found = []
    for part in msg.walk():
        if part.get_content_maintype() != "multipart":
            found.append((part.get_content_type(), str(part.get_content())))
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("zone", [None, "America/Vancouver"])
@pytest.mark.parametrize("scope", [plan.Scope(), plan.Scope(frozenset({"pickup"}))])
def test_a_shaped_message_reads_like_a_composed_one(
    lang: str, zone: str | None, scope: plan.Scope
) -> None:
    event = plan.Event(plan.Kind.ANNOUNCED, published(), 3)
    token = "eyJhIjoxfQ.Zm9vYmFy-_x" * 3  # long enough for the links to wrap in the parts
    recipient = plan.Recipient(42, "ana.long-address@example.org", lang, zone, scope, token)  # type: ignore[arg-type]
    composed = plan.compose(
        event, recipient, CATALOGUE, IDENTITY, WORDING, at=AT, attachment=CALENDAR
    )
    form = shapes.shape(
        event, lang, zone, scope, CATALOGUE, IDENTITY, WORDING,  # type: ignore[arg-type]
        at=AT, attachment=CALENDAR,
    )  # fmt: skip
    shaped = form.render(42, "ana.long-address@example.org", token)
    want, got = read(composed), read(shaped)
    names = ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe",
             "List-Unsubscribe-Post", "List-Id", "X-Preavis-Event", "Content-Language",
             "Auto-Submitted")  # fmt: skip
    for name in names:
        assert str(got[name]) == str(want[name]), name
    assert got.get_content_type() == want.get_content_type() == "multipart/mixed"
    assert parts(got) == parts(want)
    assert token in str(got["List-Unsubscribe"])
    assert parts(read(shaped, crlf=True)) == parts(read(composed, crlf=True))  # as sent
    other = read(form.render(43, "bo@example.org", "other-token"))
    assert other["To"] == "bo@example.org"
    assert other["Message-ID"] == plan.message_id(event.key, 43)
    assert "other-token" in parts(other)[0][1] and token not in parts(other)[0][1]
