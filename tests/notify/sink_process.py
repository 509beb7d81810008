"""An SMTP sink in its own process (`python sink_process.py PORT FILE`): each message received
appends one line "recipient<TAB>Message-ID" to FILE. Used where the test process must not share
its interpreter with the server (the fan-out tests)."""

from __future__ import annotations

import sys
import threading
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str) -> None:
        self.out = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        headers = BytesHeaderParser(policy=compat32).parsebytes(envelope.original_content)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.out.write(f"{rcpt}\t{headers['Message-ID']}\n")
            self.out.flush()
        return "250 Message accepted"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main()
