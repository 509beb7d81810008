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
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib

from preavis.domain.errors import ValidationError

SMTP_TIMEOUT = 30.0  # seconds per command
CONNECTIONS = 4  # SMTP connections a worker uses at once for one batch
LANE_MIN = 25  # messages, at least, for each of them


class Outcome(StrEnum):
    SENT = "sent"
    TEMPORARY = "temporary"  # retry with backoff
    PERMANENT = "permanent"  # refused for good: do not retry


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    error: str = ""


class Sender(Protocol):
    def send(self, messages: Sequence[Message]) -> list[Result]:
        """Send each message; one Result per message, in order. Never raises for a refusal."""
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

    @classmethod
    def from_url(cls, url: str) -> SmtpConfig:
        """smtp://host:port, smtps://user:password@host:port (user and password %-encoded)."""
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
        return cls(
            host=parts.hostname,
            port=port or (465 if tls else 25),
            tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def _classify(code: int, text: str) -> Result:
    if 500 <= code < 600:
        return Result(Outcome.PERMANENT, f"{code} {text}".strip())
    return Result(Outcome.TEMPORARY, f"{code} {text}".strip())


class SmtpSender:
    """A few SMTP connections per batch; STARTTLS when the server offers it, TLS for smtps://."""

    def __init__(
        self,
        config: SmtpConfig,
        *,
        tls_context: ssl.SSLContext | None = None,
        connections: int = CONNECTIONS,
    ) -> None:
        self.config = config
        self.tls_context = tls_context
        self.connections = connections

    def send(self, messages: Sequence[Message]) -> list[Result]:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the usual case: no event loop in this thread
            return asyncio.run(self._send(messages))
        # Called from inside an event loop (an async host): run ours in a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(lambda: asyncio.run(self._send(messages))).result()

    async def _send(self, messages: Sequence[Message]) -> list[Result]:
        """The batch over up to `connections` SMTP connections at once, each taking its share
        in order (a server answers each command in turn: several connections keep it busy)."""
        lanes = max(1, min(self.connections, len(messages) // LANE_MIN or 1))
        size = -(-len(messages) // lanes)
        shares = [messages[i : i + size] for i in range(0, len(messages), size)]
        done = await asyncio.gather(*(self._lane(share) for share in shares))
        return [result for share in done for result in share]

    async def _lane(self, messages: Sequence[Message]) -> list[Result]:
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
            return [Result(Outcome.TEMPORARY, f"cannot reach the SMTP server: {exc}")] * len(
                messages
            )
        results: list[Result] = []
        try:
            for message in messages:
                results.append(await self._one(client, message))
        finally:
            with contextlib.suppress(aiosmtplib.SMTPException, OSError):
                await client.quit()
        return results

    async def _one(self, client: aiosmtplib.SMTP, message: Message) -> Result:
        # Flattened with the message's own policy: aiosmtplib would re-fold long headers
        # (List-Unsubscribe) with the library default, which some readers then misread.
        data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        known: tuple[str, list[str]] | None = getattr(message, "envelope", None)
        if known is not None:  # written by the fan-out, which knows its addresses
            sender, recipients = known
        else:
            sender = parseaddr(str(message.get("From", "")))[1]
            recipients = [a for _, a in getaddresses([str(v) for v in message.get_all("To", [])])]
        try:
            errors, _ = await client.sendmail(sender, recipients, data)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            worst = max((r.code for r in exc.recipients), default=550)
            text = "; ".join(r.message for r in exc.recipients)
            return _classify(worst, text)
        except aiosmtplib.SMTPResponseException as exc:
            return _classify(exc.code, exc.message)
        except (aiosmtplib.SMTPException, OSError) as exc:
            return Result(Outcome.TEMPORARY, f"SMTP error: {exc}")
        if errors:  # some recipients refused (one per message here)
            code, text = next(iter(errors.values()))
            return _classify(code, text)
        return Result(Outcome.SENT)


class FileSender:
    """The development backend: each message becomes a `.eml` file in `folder`, named after
    its Message-ID (sending one twice rewrites the same file). Not for production."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, message: Message) -> Path:
        ident = str(message.get("Message-ID", "")) or message.as_string()
        digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
        return self.folder / f"{digest}.eml"

    def send(self, messages: Sequence[Message]) -> list[Result]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return [Result(Outcome.TEMPORARY, f"cannot create {self.folder}: {exc}")] * len(
                messages
            )
        results = []
        for message in messages:
            target = self.path_for(message)
            partial = target.with_suffix(".part")
            try:
                partial.write_bytes(message.as_bytes())
                os.replace(partial, target)  # never a half-written .eml
            except OSError as exc:
                results.append(Result(Outcome.TEMPORARY, f"cannot write {target}: {exc}"))
                continue
            results.append(Result(Outcome.SENT))
        return results


class MemorySender:
    """Keeps what it is given, as a receiver would read it off the wire (parsed again from
    its bytes); `refuse` maps addresses to a refusal (tests)."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.refuse: dict[str, Result] = {}

    def send(self, messages: Sequence[Message]) -> list[Result]:
        results = []
        for message in messages:
            refusal = self.refuse.get(str(message["To"]))
            if refusal is not None:
                results.append(refusal)
                continue
            parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.sent.append(parsed)
            results.append(Result(Outcome.SENT))
        return results


def sender_from(smtp_url: str, outbox_dir: Path) -> Sender:
    """SMTP when a URL is configured, else `.eml` files in `outbox_dir`."""
    if smtp_url:
        return SmtpSender(SmtpConfig.from_url(smtp_url))
    return FileSender(outbox_dir)
