"""An SMTP sink in its own process (`python sink_process.py PORT FILE [pipelining]`): each
message received appends one line "recipient<TAB>Message-ID" to FILE; with `pipelining` it
advertises PIPELINING (RFC 2920), as Postfix and Exim do. Used where the test process must not share
its interpreter with the server (the fan-out tests)."""

from __future__ import annotations

import sys
import threading
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str, pipelining: bool = False) -> None:
        self.pipelining = pipelining
        self.out = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.lock = threading.Lock()

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        headers = BytesHeaderParser(policy=compat32).parsebytes(envelope.original_content)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.out.write(f"{rcpt}\t{headers['Message-ID']}\n")
            self.out.flush()
        return "250 Message accepted"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    recorder = Recorder(path, pipelining=sys.argv[3:] == ["pipelining"])
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main()
