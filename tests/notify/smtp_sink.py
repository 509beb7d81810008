"""A real SMTP server for tests (aiosmtpd on 127.0.0.1): keeps what it receives, and refuses
the addresses it is told to refuse with the code it is given."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, pipelining: bool = False) -> None:
        self.raw: list[bytes] = []  # kept as received: parsing is done when asked (it is slow)
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: dict[str, str] = {}  # address -> "550 5.1.1 No such user"
        self.lock = threading.Lock()
        self.pipelining = pipelining

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        """Advertise PIPELINING when asked to, as Postfix and Exim do (aiosmtpd reads each
        command line by line, so pipelined commands are simply read in turn)."""
        session.host_name = hostname
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        refusal = self.refuse.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.raw.append(envelope.original_content)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def count(self) -> int:
        with self.lock:
            return len(self.raw)

    @property
    def received(self) -> list[EmailMessage]:
        with self.lock:
            raw = list(self.raw)
        parsed = [message_from_bytes(r, policy=policy.default) for r in raw]
        assert all(isinstance(p, EmailMessage) for p in parsed)
        return parsed  # type: ignore[return-value]


def start_sink(port: int, *, pipelining: bool = False) -> tuple[Controller, Sink]:
    sink = Sink(pipelining)
    controller = Controller(sink, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    return controller, sink


def free_port() -> int:
    """A port nobody listens on now (other checkouts may run these tests at the same time)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
