"""SMTP command pipelining (RFC 2920) on a connection aiosmtplib opened.

aiosmtplib connects, says EHLO, upgrades with STARTTLS and logs in. When the server then
advertises PIPELINING, the connection is handed to `Pipeline`: each write carries the previous
message's content (whose DATA the server accepted) and the next message's MAIL, RCPT and DATA,
and their replies are read in order — one round trip per message instead of four, and one
write instead of four. A server that does not advertise PIPELINING gets aiosmtplib's
command-by-command exchange (see `senders.SmtpSender`).
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_REPLY_BYTES = 64 * 1024  # a server that sends more without ending a reply is broken
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"(?m)^\.")


def wire(data: bytes) -> bytes:
    """A message's bytes as they travel after DATA: CRLF line ends, a dot doubled at the start
    of a line (RFC 5321 4.5.2), ending with the lone dot."""
    if b"\r" not in data:  # the usual case: written with "\n" line ends
        data = data.replace(b"\n", b"\r\n")
    elif data.count(b"\r\n") != data.count(b"\n") or data.count(b"\r\n") != data.count(b"\r"):
        data = _LINE_ENDS.sub(b"\r\n", data)
    if data.startswith(b".") or b"\n." in data:
        data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


class ReplyError(Exception):
    """The connection cannot go on: closed, silent too long, or talking nonsense."""


class Replies(asyncio.Protocol):
    """Reads SMTP replies, in order, however many arrive in one packet (aiosmtplib's own
    reader keeps one reply at a time, which pipelining cannot use)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.replies: deque[tuple[int, str]] = deque()
        self.error: ReplyError | None = None
        self.waiter: asyncio.Future[None] | None = None
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # pragma: no cover
        assert isinstance(transport, asyncio.WriteTransport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        start = reply_start = 0  # only whole replies leave the buffer (packets may cut them)
        lines: list[bytes] = []
        while True:
            end = self.buffer.find(b"\n", start)
            if end < 0:
                break
            line = bytes(self.buffer[start:end]).rstrip(b"\r")
            start = end + 1
            lines.append(line)
            if line[3:4] == b"-":  # more lines of the same reply follow
                continue
            try:
                code = int(line[:3])
            except ValueError:
                self._fail(ReplyError(f"malformed SMTP reply: {line[:80]!r}"))
                return
            text = " ".join(x[4:].strip().decode("utf-8", "replace") for x in lines)
            self.replies.append((code, text))
            lines = []
            reply_start = start
        del self.buffer[:reply_start]
        if len(self.buffer) > MAX_REPLY_BYTES:
            self._fail(ReplyError("SMTP reply too long"))
            return
        self._wake()

    def eof_received(self) -> bool:
        self._fail(ReplyError("the SMTP server closed the connection"))
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(ReplyError(f"connection lost: {exc}" if exc else "connection closed"))

    def _fail(self, error: ReplyError) -> None:
        if self.error is None:
            self.error = error
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def read(self, count: int, timeout: float) -> list[tuple[int, str]]:
        """The next `count` replies; ReplyError when they cannot all come."""
        loop = asyncio.get_running_loop()
        while len(self.replies) < count:
            if self.error is not None:
                raise self.error
            self.waiter = loop.create_future()
            try:
                await asyncio.wait_for(self.waiter, timeout)
            except TimeoutError as exc:
                raise ReplyError(f"no SMTP reply within {timeout:.0f} s") from exc
            finally:
                self.waiter = None
        return [self.replies.popleft() for _ in range(count)]


@dataclass(frozen=True, slots=True)
class Envelope:
    sender: str
    recipients: Sequence[str]
    data: bytes  # the message as `wire` writes it


@dataclass(frozen=True, slots=True)
class Reply:
    """What became of one message: the code that decided it and the server's words."""

    code: int
    text: str

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300


def _mail_from(envelope: Envelope, size: bool, utf8: bool) -> bytes:
    options = f" SIZE={len(envelope.data) - 3}" if size else ""
    if utf8 and not (envelope.sender.isascii() and all(r.isascii() for r in envelope.recipients)):
        options += " SMTPUTF8"
    return f"MAIL FROM:<{envelope.sender}>{options}\r\n".encode()


@dataclass
class _Flying:
    """A message whose DATA the server accepted: its content goes with the next write."""

    index: int
    data: bytes
    decided: Reply | None = None  # already decided (its envelope was refused): the reply is not


class Pipeline:
    """Sends messages over one pipelining connection; `done(index, reply)` for each."""

    def __init__(
        self,
        transport: asyncio.WriteTransport,
        replies: Replies,
        *,
        size: bool,
        utf8: bool,
        timeout: float,
    ) -> None:
        self.transport = transport
        self.replies = replies
        self.size = size
        self.utf8 = utf8
        self.timeout = timeout

    async def run(
        self,
        take: Callable[[], tuple[int, Envelope] | None],
        done: Callable[[int, Reply], None],
    ) -> None:
        """Send what `take` gives until it gives None. Raises ReplyError when the connection
        fails; the messages then still waiting for their reply are not reported as done."""
        flying: _Flying | None = None
        reset = False
        while True:
            item = take()
            parts: list[bytes] = []
            if flying is not None:
                parts.append(flying.data)
            if reset:
                parts.append(b"RSET\r\n")
            if item is not None:
                index, envelope = item
                if not envelope.recipients:  # nothing to send it to
                    done(index, Reply(554, "no recipient"))
                    continue
                parts.append(_mail_from(envelope, self.size, self.utf8))
                parts.extend(f"RCPT TO:<{r}>\r\n".encode() for r in envelope.recipients)
                parts.append(b"DATA\r\n")
            if not parts:
                return
            self.transport.write(b"".join(parts))
            wanted = (flying is not None) + reset
            if item is not None:
                wanted += len(item[1].recipients) + 2
            got = await self.replies.read(wanted, self.timeout)
            if flying is not None:
                code, text = got.pop(0)
                done(flying.index, flying.decided or Reply(code, text))
            if reset:
                got.pop(0)  # RSET: nothing to learn
                reset = False
            flying = None
            if item is None:
                continue
            mail, *rcpts, data = got
            flying, decided = _envelope_replies(index, item[1], mail, rcpts, data)
            if decided is not None:
                done(index, decided)
                reset = 200 <= mail[0] < 300  # an open transaction must be reset
            if any(code == 421 for code, _ in (mail, *rcpts, data)):
                raise ReplyError(f"421 {mail[1] if mail[0] == 421 else data[1]}")


def _envelope_replies(
    index: int,
    envelope: Envelope,
    mail: tuple[int, str],
    rcpts: list[tuple[int, str]],
    data: tuple[int, str],
) -> tuple[_Flying | None, Reply | None]:
    """From the replies to MAIL, RCPT… and DATA: the content to send next (when DATA was
    accepted), or the reply that decides the message at once."""
    accepted = [r for r in rcpts if 200 <= r[0] < 300]
    refused = [r for r in rcpts if not 200 <= r[0] < 300]
    verdict: Reply | None = None
    if not 200 <= mail[0] < 300:
        verdict = Reply(*mail)
    elif not accepted:
        verdict = Reply(*max(refused))
    elif refused:  # some recipients refused: said, like aiosmtplib's sendmail does
        verdict = Reply(*refused[0])
    if data[0] != 354:
        return None, verdict or Reply(*data)
    if accepted and 200 <= mail[0] < 300:
        return _Flying(index, envelope.data, verdict), None
    # A server that wants content for a refused envelope: end it at once, with nothing.
    return _Flying(index, b".\r\n", verdict), None
