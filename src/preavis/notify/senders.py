"""Senders: SMTP (aiosmtplib), `.eml` files in a folder (development), memory (tests).

A sender takes a batch of messages and says, for each, whether it went out, failed for now
(retry later: 4xx, connection trouble) or was refused for good (5xx: never retried).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import ssl
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from preavis.domain.errors import ValidationError
from preavis.notify import pipelining

SMTP_TIMEOUT = 30.0  # seconds per command
CONNECTIONS = 8  # SMTP connections a worker uses at once for one batch (?connections=N)
MAX_CONNECTIONS = 64
NO_SMTPUTF8 = "the SMTP server does not take non-ASCII addresses (no SMTPUTF8)"
LANE_MIN = 25  # messages, at least, for each of them


class Outcome(StrEnum):
    SENT = "sent"
    TEMPORARY = "temporary"  # retry with backoff
    PERMANENT = "permanent"  # refused for good: do not retry


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    error: str = ""


# Told each message's result as soon as it is known (its index in the batch), from the
# thread that sends: the worker records what went out while the rest is still being sent.
OnResult = Callable[[int, Result], None]


class _Results:
    """A batch's results as they come, each told to `on_result` as soon as it is set."""

    def __init__(self, size: int, on_result: OnResult | None) -> None:
        self._items: list[Result | None] = [None] * size
        self._on_result = on_result

    def __setitem__(self, index: int, result: Result) -> None:
        self._items[index] = result
        if self._on_result is not None:
            self._on_result(index, result)

    def rest(self, missing: Result) -> list[Result]:
        """Every result, in order: `missing` (told too) for those that never got one."""
        for index, result in enumerate(self._items):
            if result is None:
                self[index] = missing
        return [r or missing for r in self._items]


class Sender(Protocol):
    def send(self, messages: Sequence[Message], on_result: OnResult | None = None) -> list[Result]:
        """Send each message; one Result per message, in order, each also given to
        `on_result` as soon as it is known. Never raises for a refusal."""
        ...


def starttls(config: SmtpConfig) -> bool | None:
    """aiosmtplib's start_tls: never over smtps:// (TLS already); required over smtp:// when a
    password is to be sent, so that a man in the middle cannot strip STARTTLS and read it;
    otherwise None, an upgrade when the server offers one."""
    if config.tls:
        return False
    return True if config.username else None


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the first byte; smtp:// upgrades with STARTTLS if offered
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # never in a log or a traceback
    connections: int = CONNECTIONS  # at once, for one batch

    @classmethod
    def from_url(cls, url: str) -> SmtpConfig:
        """smtp://host:port, smtps://user:password@host:port (user and password %-encoded);
        `?connections=N` sets how many connections a batch uses at once (1 to 64, default 8)."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValidationError.said("smtp.scheme", field="smtp_url", value=f"{parts.scheme}://")
        if not parts.hostname:
            raise ValidationError.said("smtp.no_host", field="smtp_url")
        try:
            port = parts.port
        except ValueError as exc:
            raise ValidationError.said("smtp.port", field="smtp_url") from exc
        tls = parts.scheme == "smtps"
        query = parse_qs(parts.query, keep_blank_values=True)
        connections = CONNECTIONS
        if set(query) - {"connections"}:
            unknown = sorted(set(query) - {"connections"})[0]
            raise ValidationError.said("smtp.option", field="smtp_url", value=unknown)
        if "connections" in query:
            raw = query["connections"][-1]
            if not raw.isdigit() or not 1 <= int(raw) <= MAX_CONNECTIONS:
                raise ValidationError.said(
                    "smtp.connections", field="smtp_url", value=raw, limit=MAX_CONNECTIONS
                )
            connections = int(raw)
        return cls(
            host=parts.hostname,
            port=port or (465 if tls else 25),
            tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            connections=connections,
        )


def _classify(code: int, text: str) -> Result:
    if 500 <= code < 600:
        return Result(Outcome.PERMANENT, f"{code} {text}".strip())
    return Result(Outcome.TEMPORARY, f"{code} {text}".strip())


class SmtpSender:
    """A batch over a few SMTP connections at once, each taking the next message as it is free;
    STARTTLS when the server offers it, TLS for smtps://; commands pipelined (RFC 2920) when
    the server advertises PIPELINING, one at a time otherwise."""

    def __init__(
        self,
        config: SmtpConfig,
        *,
        tls_context: ssl.SSLContext | None = None,
        connections: int | None = None,
    ) -> None:
        self.config = config
        self.tls_context = tls_context
        self.connections = connections or config.connections

    def send(self, messages: Sequence[Message], on_result: OnResult | None = None) -> list[Result]:
        results = _Results(len(messages), on_result)
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the usual case: no event loop in this thread
            return asyncio.run(self._send(messages, results))
        # Called from inside an event loop (an async host): run ours in a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(lambda: asyncio.run(self._send(messages, results))).result()

    async def _send(self, messages: Sequence[Message], results: _Results) -> list[Result]:
        """Up to `connections` connections share the batch: a server answers each command in
        turn, so several connections keep it busy. A connection that fails leaves what it had
        not taken to the others; what it had in flight is retried later (never lost)."""
        if not messages:
            return []
        queue = deque(range(len(messages)))
        lanes = max(1, min(self.connections, len(messages) // LANE_MIN or 1))
        failures = await asyncio.gather(
            *(self._lane(messages, queue, results) for _ in range(lanes))
        )
        return results.rest(
            Result(Outcome.TEMPORARY, next((f for f in failures if f), "no connection"))
        )

    async def _lane(self, messages: Sequence[Message], queue: deque[int], results: _Results) -> str:
        """One connection taking messages from `queue` until it is empty; '' when all went
        well, else why the connection could not go on (its unfinished messages keep None)."""
        c = self.config
        client = aiosmtplib.SMTP(
            hostname=c.host,
            port=c.port,
            use_tls=c.tls,
            start_tls=starttls(c),
            username=c.username,
            password=c.password,
            timeout=SMTP_TIMEOUT,
            tls_context=self.tls_context,
        )
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError) as exc:
            return f"cannot reach the SMTP server: {exc}"
        if client.supports_extension("pipelining") and client.transport is not None:
            return await self._pipelined(client, messages, queue, results)
        try:
            while queue and client.is_connected:
                index = queue.popleft()
                results[index] = await self._one(client, messages[index])
        finally:
            with contextlib.suppress(aiosmtplib.SMTPException, OSError):
                await client.quit()
        return "" if client.is_connected or not queue else "the SMTP connection was lost"

    async def _pipelined(
        self,
        client: aiosmtplib.SMTP,
        messages: Sequence[Message],
        queue: deque[int],
        results: _Results,
    ) -> str:
        transport = client.transport
        assert isinstance(transport, asyncio.WriteTransport)
        replies = pipelining.Replies()
        replies.transport = transport
        transport.set_protocol(replies)  # aiosmtplib's reader keeps one reply at a time
        line = pipelining.Pipeline(
            transport,
            replies,
            size=client.supports_extension("size"),
            utf8=client.supports_extension("smtputf8"),
            timeout=SMTP_TIMEOUT,
        )

        def take() -> tuple[int, pipelining.Envelope] | None:
            while queue:
                index = queue.popleft()
                try:
                    envelope = _envelope(messages[index])
                except (ValueError, UnicodeError) as exc:  # an address SMTP cannot carry
                    results[index] = Result(Outcome.PERMANENT, f"cannot send: {exc}")
                    continue
                if not line.utf8 and not _ascii(envelope.sender, envelope.recipients):
                    results[index] = Result(Outcome.PERMANENT, NO_SMTPUTF8)
                    continue
                return index, envelope
            return None

        def done(index: int, reply: pipelining.Reply) -> None:
            results[index] = Result(Outcome.SENT) if reply.ok else _classify(reply.code, reply.text)

        failure = ""
        try:
            await line.run(take, done)
            transport.write(b"QUIT\r\n")
            with contextlib.suppress(pipelining.ReplyError):
                await replies.read(1, SMTP_TIMEOUT)
        except pipelining.ReplyError as exc:
            failure = f"SMTP error: {exc}"
        finally:
            transport.close()
        return failure

    async def _one(self, client: aiosmtplib.SMTP, message: Message) -> Result:
        # Flattened with the message's own policy: aiosmtplib would re-fold long headers
        # (List-Unsubscribe) with the library default, which some readers then misread.
        data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        sender, recipients = _addresses(message)
        options = []
        if not _ascii(sender, recipients):
            if not client.supports_extension("smtputf8"):
                return Result(Outcome.PERMANENT, NO_SMTPUTF8)
            options = ["SMTPUTF8"]
        try:
            errors, _ = await client.sendmail(sender, recipients, data, mail_options=options)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            worst = max((r.code for r in exc.recipients), default=550)
            text = "; ".join(r.message for r in exc.recipients)
            return _classify(worst, text)
        except aiosmtplib.SMTPResponseException as exc:
            return _classify(exc.code, exc.message)
        except (aiosmtplib.SMTPException, OSError) as exc:
            return Result(Outcome.TEMPORARY, f"SMTP error: {exc}")
        except (ValueError, UnicodeError) as exc:  # an address SMTP cannot carry
            return Result(Outcome.PERMANENT, f"cannot send: {exc}")
        if errors:  # some recipients refused (one per message here)
            code, text = next(iter(errors.values()))
            return _classify(code, text)
        return Result(Outcome.SENT)


def _ascii(sender: str, recipients: Sequence[str]) -> bool:
    return sender.isascii() and all(r.isascii() for r in recipients)


def _addresses(message: Message) -> tuple[str, list[str]]:
    """The envelope: known to messages the fan-out wrote, else read from the headers."""
    known: tuple[str, list[str]] | None = getattr(message, "envelope", None)
    if known is not None:
        return known
    sender = parseaddr(str(message.get("From", "")))[1]
    recipients = [a for _, a in getaddresses([str(v) for v in message.get_all("To", [])])]
    return sender, recipients


def _envelope(message: Message) -> pipelining.Envelope:
    sender, recipients = _addresses(message)
    for address in (sender, *recipients):
        if not address or any(ch in address for ch in "<>\r\n"):
            raise ValueError(f"not an address: {address!r}")
    raw: bytes | None = getattr(message, "data", None)  # already written out (shapes)
    if raw is None:
        raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    return pipelining.Envelope(sender, recipients, pipelining.wire(raw))


class FileSender:
    """The development backend: each message becomes a `.eml` file in `folder`, named after
    its Message-ID (sending one twice rewrites the same file). Not for production."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, message: Message) -> Path:
        ident = str(message.get("Message-ID", "")) or message.as_string()
        digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
        return self.folder / f"{digest}.eml"

    def send(self, messages: Sequence[Message], on_result: OnResult | None = None) -> list[Result]:
        results = _Results(len(messages), on_result)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return results.rest(Result(Outcome.TEMPORARY, f"cannot create {self.folder}: {exc}"))
        for index, message in enumerate(messages):
            target = self.path_for(message)
            partial = target.with_suffix(".part")
            try:
                partial.write_bytes(message.as_bytes())
                os.replace(partial, target)  # never a half-written .eml
            except OSError as exc:
                results[index] = Result(Outcome.TEMPORARY, f"cannot write {target}: {exc}")
                continue
            results[index] = Result(Outcome.SENT)
        return results.rest(Result(Outcome.TEMPORARY, "not sent"))


class MemorySender:
    """Keeps what it is given, as a receiver would read it off the wire (parsed again from
    its bytes); `refuse` maps addresses to a refusal (tests)."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.refuse: dict[str, Result] = {}

    def send(self, messages: Sequence[Message], on_result: OnResult | None = None) -> list[Result]:
        results = _Results(len(messages), on_result)
        for index, message in enumerate(messages):
            refusal = self.refuse.get(str(message["To"]))
            if refusal is not None:
                results[index] = refusal
                continue
            parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.sent.append(parsed)
            results[index] = Result(Outcome.SENT)
        return results.rest(Result(Outcome.TEMPORARY, "not sent"))


def sender_from(smtp_url: str, outbox_dir: Path) -> Sender:
    """SMTP when a URL is configured, else `.eml` files in `outbox_dir`."""
    if smtp_url:
        return SmtpSender(SmtpConfig.from_url(smtp_url))
    return FileSender(outbox_dir)
