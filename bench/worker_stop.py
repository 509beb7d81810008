"""How long `preavis worker` takes to exit after SIGTERM while webhook receivers hold the
connection and never answer, beside the same worker with receivers that answer at once
(the baseline, measured in the same run). Loopback only.

    .venv/bin/python bench/worker_stop.py [--hooks 6 20] [--runs 3] [--src OTHER/src]

`--src` runs the worker from another checkout's sources (PYTHONPATH), e.g. the code before
the stop grace, for a before/after comparison. Prints one line per case: median seconds
from SIGTERM to exit, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from preavis.actions import catalogue, endpoints, maintenances
from preavis.actions.context import Context
from preavis.actions.endpoints import Keys
from preavis.clock import SystemClock
from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.domain.access import Actor, Role
from preavis.notify import hooks
from preavis.storage import Store

PREAVIS = str(Path(sys.executable).with_name("preavis"))
GUARD = 600.0  # seconds: a hung worker is killed past this


class Receiver:
    """Accepts connections on 127.0.0.1; answers 200 at once, or (mute) never."""

    def __init__(self, mute: bool) -> None:
        self.mute = mute
        self.requests = 0
        self.held: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        data = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in data and len(data) < 1_000_000:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            self.requests += 1
            if not self.mute:
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for conn in self.held:
            with contextlib.suppress(OSError):
                conn.close()


def database(folder: Path, receiver: Receiver, count: int) -> str:
    url = f"sqlite:///{folder}/bench.db"
    store = Store(url)
    store.upgrade()
    ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
    catalogue.create_service(ctx, service=Service("shop", Text("Boutique", "Shop")))
    keys = Keys(hooks.Vault("x" * 40), hooks.HookSettings(allow_private=True))
    for n in range(count):
        url_n = f"http://127.0.0.1:{receiver.port}/{n}"
        endpoints.add_endpoint(ctx, keys, kind="webhook", url=url_n, lang="en")
    start = datetime(2030, 6, 30, 23, 0, tzinfo=UTC)
    item = Interruption(
        "shop", Impact.UNAVAILABLE, start, start + timedelta(hours=3), Text("F", "C")
    )
    draft = Maintenance(
        slug="upgrade", title=Text("Mise à niveau", "Upgrade"), timezone="America/Toronto",
        interruptions=(item,), state=State.DRAFT,
    )  # fmt: skip
    maintenances.create_draft(ctx, maintenance=draft)
    maintenances.publish(ctx, slug="upgrade")
    store.dispose()
    return url


def one_stop(count: int, mute: bool, src: str | None) -> float:
    """Seconds from SIGTERM to the worker's exit, SIGTERM sent once the first request came."""
    receiver = Receiver(mute)
    try:
        with tempfile.TemporaryDirectory() as folder:
            env = {k: v for k, v in os.environ.items() if not k.startswith("PREAVIS_")}
            env.update(
                PREAVIS_DATABASE_URL=database(Path(folder), receiver, count),
                PREAVIS_PUBLIC_URL="https://status.example.org", PREAVIS_SECRET_KEY="x" * 40,
                PREAVIS_OUTBOX_DIR=f"{folder}/outbox", PREAVIS_WEBHOOK_ALLOW_PRIVATE="1",
            )  # fmt: skip
            if src:
                env["PYTHONPATH"] = src
            worker = subprocess.Popen(
                [PREAVIS, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            deadline = time.monotonic() + 60
            while receiver.requests < 1:  # a bounded wait for the first request
                if time.monotonic() > deadline or worker.poll() is not None:
                    raise SystemExit("the worker sent nothing")
                time.sleep(0.01)
            started = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            try:
                worker.communicate(timeout=GUARD)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.communicate()
            elapsed = time.monotonic() - started
            if worker.returncode != 0:
                raise SystemExit(f"the worker exited with {worker.returncode}")
            return elapsed
    finally:
        receiver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hooks", type=int, nargs="+", default=[6, 20])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", default=None)
    args = parser.parse_args()
    for count in args.hooks:
        base = statistics.median(one_stop(count, False, args.src) for _ in range(args.runs))
        hung = statistics.median(one_stop(count, True, args.src) for _ in range(args.runs))
        print(
            f"{count:3d} webhooks: stop with answering receivers {base:6.2f} s, with receivers "
            f"that never answer {hung:6.2f} s (x{hung / base:.1f}), median of {args.runs}"
        )


if __name__ == "__main__":
    main()
