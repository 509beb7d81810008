"""Fan-out of one announcement to N confirmed subscribers: `preavis worker --once` (as users run
it) to a local SMTP sink (aiosmtpd in its own process) on 127.0.0.1, beside a bare aiosmtplib
loop sending the same rendered message bytes to the same sink, in the same run.

    .venv/bin/python bench/notify_bench.py --subscribers 10000

Prints messages per second for both, their ratio, and the worker's peak RSS; checks that every
subscriber got exactly one message.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosmtplib
from aiosmtpd.controller import Controller

from preavis.actions import Context, catalogue, maintenances, subscriptions
from preavis.clock import FixedClock
from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.domain.access import Actor, Role
from preavis.storage import Store

PREAVIS = str(Path(sys.executable).with_name("preavis"))
T0 = datetime(2025, 6, 30, 23, 0, tzinfo=UTC)  # deliveries queued then are due now


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_sink(port: int, path: str) -> None:
    """The sink process: one line per recipient received."""

    class Recorder:
        def __init__(self) -> None:
            self.out = open(path, "a", encoding="utf-8")  # noqa: SIM115

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.out.write("".join(f"{r}\n" for r in envelope.rcpt_tos))
            self.out.flush()
            return "250 OK"

    controller = Controller(Recorder(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


def prepare(url: str, subscribers: int) -> None:
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(T0), Actor("bench", Role.ADMIN))
    catalogue.create_service(ctx, service=Service("shop", Text("Boutique", "Shop")))
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    draft = Maintenance("upgrade", Text("Mise à niveau", "Upgrade"), "America/Toronto", (item,))
    maintenances.create_draft(ctx, maintenance=draft)
    rows = "".join(f"p{n}@example.org,{'fr' if n % 2 else 'en'},\n" for n in range(subscribers))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="bench")
    maintenances.publish(ctx, slug="upgrade")
    assert maintenances.get_maintenance(ctx, slug="upgrade")[0].state is State.PUBLISHED
    store.dispose()


def one_rendered_message(folder: Path) -> bytes:
    """One message exactly as the worker renders it (through the .eml backend)."""
    url = f"sqlite:///{folder}/one.db"
    prepare(url, 1)
    env = {**os.environ, "PREAVIS_DATABASE_URL": url, "PREAVIS_OUTBOX_DIR": str(folder / "eml")}
    env.pop("PREAVIS_SMTP_URL", None)
    subprocess.run([PREAVIS, "worker", "--once"], env=env, check=True, capture_output=True)
    [eml] = (folder / "eml").glob("*.eml")
    return eml.read_bytes()


async def bare_loop(port: int, data: bytes, count: int) -> None:
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
    await client.connect()
    for n in range(count):
        await client.sendmail("avis@example.org", [f"b{n}@example.org"], data)
    await client.quit()


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--sink", nargs=2, metavar=("PORT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sink:
        run_sink(int(args.sink[0]), args.sink[1])
        return 0
    n = args.subscribers
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        received = folder / "received.txt"
        received.touch()
        port = free_port()
        sink = subprocess.Popen(
            [sys.executable, __file__, "--sink", str(port), str(received)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert sink.stdout is not None
            assert sink.stdout.readline().strip() == "ready"
            data = one_rendered_message(folder)
            started = time.perf_counter()
            # In a thread of its own: the caller may already run an event loop (a test runner).
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(lambda: asyncio.run(bare_loop(port, data, n))).result()
            bare = n / (time.perf_counter() - started)

            url = f"sqlite:///{folder}/fanout.db"
            prepare(url, n)
            env = {**os.environ, "PREAVIS_DATABASE_URL": url, "PREAVIS_SECRET_KEY": "b" * 40,
                   "PREAVIS_SMTP_URL": f"smtp://127.0.0.1:{port}",
                   "PREAVIS_PUBLIC_URL": "https://status.example.org"}  # fmt: skip
            started = time.perf_counter()
            ran = subprocess.run(
                [PREAVIS, "worker", "--once"], env=env, capture_output=True, text=True, check=False
            )
            worker = n / (time.perf_counter() - started)
            if ran.returncode != 0:
                print(ran.stdout + ran.stderr, file=sys.stderr)
            rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        finally:
            sink.kill()
            sink.wait()
            if sink.stdout is not None:
                sink.stdout.close()
        got = [r for r in lines(received) if r.startswith("p")]
        assert sorted(got) == sorted(f"p{k}@example.org" for k in range(n)), "lost or doubled"
    print(f"fan-out to {n} subscribers, {len(data)} bytes a message, one SQLite file")
    print(f"bare aiosmtplib loop  {bare:8.0f} messages/s")
    print(f"preavis worker --once {worker:8.0f} messages/s")
    print(f"ratio worker / bare   {worker / bare:8.2f}")
    print(f"peak RSS of the child processes {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
