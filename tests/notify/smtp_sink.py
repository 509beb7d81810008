"""A real SMTP server for tests (aiosmtpd on 127.0.0.1): keeps what it receives, and refuses
the addresses it is told to refuse with the code it is given."""

from __future__ import annotations

import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

PORTS = range(8751, 8760)  # this engineer's ports on 127.0.0.1


class Sink:
    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.refuse: dict[str, str] = {}  # address -> "550 5.1.1 No such user"
        self.lock = threading.Lock()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        refusal = self.refuse.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.received.append(parsed)
        return "250 Message accepted"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def start_sink(port: int) -> tuple[Controller, Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, sink
