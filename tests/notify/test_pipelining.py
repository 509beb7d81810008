"""SMTP pipelining (RFC 2920): the reply reader, the message bytes on the wire, and a server
that answers a message's commands only once it has them all (which a client sending one
command at a time never gets past)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from typing import Any

import pytest

from preavis.notify import pipelining, senders
from preavis.notify.senders import Outcome, SmtpConfig, SmtpSender
from tests.notify.smtp_sink import free_port


def run_apart(make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """asyncio.run in a thread of its own (an earlier test may leave a loop in this one)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def test_replies_are_read_whole_and_in_order_however_the_packets_cut_them() -> None:
    async def run() -> list[tuple[int, str]]:
        replies = pipelining.Replies()
        for piece in (
            b"250 OK\r\n25",
            b"0-first\r\n250-sec",
            b"ond\r\n250 third\r\n354 Go",
            b"\r\n",
        ):
            replies.data_received(piece)
        got = await replies.read(3, timeout=1)
        replies.data_received(b"550 5.1.1 No such user\r\n")
        return got + await replies.read(1, timeout=1)

    assert run_apart(run) == [
        (250, "OK"),
        (250, "first second third"),
        (354, "Go"),
        (550, "5.1.1 No such user"),
    ]


def test_a_closed_connection_or_nonsense_ends_the_reading() -> None:
    async def run(data: bytes, close: bool) -> str:
        replies = pipelining.Replies()
        replies.data_received(data)
        if close:
            replies.eof_received()
        with pytest.raises(pipelining.ReplyError) as caught:
            await replies.read(2, timeout=5)
        return str(caught.value)

    assert "closed" in run_apart(lambda: run(b"250 OK\r\n", close=True))
    assert "malformed" in run_apart(lambda: run(b"hello there\r\n", close=False))


def test_message_bytes_on_the_wire() -> None:
    assert pipelining.wire(b"A: b\n\n.x\nend") == b"A: b\r\n\r\n..x\r\nend\r\n.\r\n"
    assert pipelining.wire(b".first\r\nlast\r\n") == b"..first\r\nlast\r\n.\r\n"
    assert pipelining.wire(b"mixed\rends\n") == b"mixed\r\nends\r\n.\r\n"


class StrictPipeliningServer:
    """Answers MAIL, RCPT and DATA only once all three have arrived, then the content."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, bytes]] = []
        self.loop = asyncio.new_event_loop()
        self.port = free_port()
        self.ready = threading.Event()

    async def client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 strict\r\n")
        line = await reader.readline()
        assert line.startswith(b"EHLO")
        writer.write(b"250-strict\r\n250-PIPELINING\r\n250 8BITMIME\r\n")
        while True:
            line = await reader.readline()
            if not line or line.startswith(b"QUIT"):
                writer.write(b"221 bye\r\n")
                break
            assert line.startswith(b"MAIL FROM:"), line
            rcpt = await reader.readline()
            data = await reader.readline()
            assert rcpt.startswith(b"RCPT TO:") and data == b"DATA\r\n", (rcpt, data)
            writer.write(b"250 sender ok\r\n250 recipient ok\r\n354 go on\r\n")
            content = b""
            while (line := await reader.readline()) != b".\r\n":
                content += line
            self.messages.append((rcpt[9:].strip().decode().strip("<>"), content))
            writer.write(b"250 queued\r\n")
        await writer.drain()
        writer.close()

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self.client, "127.0.0.1", self.port)
        )
        self.ready.set()
        self.loop.run_forever()
        server.close()
        self.loop.run_until_complete(server.wait_closed())
        self.loop.close()


@pytest.fixture
def strict() -> Iterator[StrictPipeliningServer]:
    server = StrictPipeliningServer()
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert server.ready.wait(10)
    yield server
    server.loop.call_soon_threadsafe(server.loop.stop)
    thread.join(10)


def test_commands_are_pipelined_when_the_server_advertises_it(
    strict: StrictPipeliningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One command at a time would wait for MAIL's reply, which this server never sends alone:
    # the messages would then fail (after this shortened timeout) instead of going out.
    monkeypatch.setattr(senders, "SMTP_TIMEOUT", 5.0)
    batch = []
    for n in range(5):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Message-ID"] = "a@example.org", f"p{n}@example.org", f"<{n}@t>"
        msg.set_content(f"message {n}\n.dotted\n")
        batch.append(msg)
    config = SmtpConfig.from_url(f"smtp://127.0.0.1:{strict.port}?connections=1")
    results = SmtpSender(config).send(batch)
    assert [r.outcome for r in results] == [Outcome.SENT] * 5
    assert [to for to, _ in strict.messages] == [f"p{n}@example.org" for n in range(5)]
    assert all(b"\r\n..dotted\r\n" in content for _, content in strict.messages)
