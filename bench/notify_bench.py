"""Fan-out of one announcement to N confirmed subscribers: `preavis worker --once` (as users run
it) to a local SMTP sink (aiosmtpd in its own process) on 127.0.0.1, beside, in the same run and
to the same sink: the cheapest clients possible (raw sockets, one command at a time and
pipelined: the sink's own ceiling) and a bare aiosmtplib loop sending the same rendered message.

    .venv/bin/python bench/notify_bench.py --subscribers 10000 [--connections 8] [--no-pipelining]

The sink's handler does the least a receiver can: it keeps each recipient address in memory
(written to a file when the sink is stopped, for the checks) and answers 250; it advertises
PIPELINING (RFC 2920) like Postfix and Exim, unless --no-pipelining. Prints messages per second
for each leg, the sink's CPU time per message (from /proc: what the sink alone costs), the
ratios, and the worker's peak RSS; checks that every subscriber got exactly one message and
that each leg's messages all arrived.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_sink(port: int, path: str, pipelining: bool, loop: str) -> None:
    """The sink process: keeps each recipient in memory; writes them to `path` on SIGTERM."""

    class Recorder:
        def __init__(self) -> None:
            self.got: list[str] = []

        async def handle_EHLO(
            self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
        ) -> list[str]:
            session.host_name = hostname
            if pipelining:
                responses.insert(len(responses) - 1, "250-PIPELINING")
            return responses

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.got.extend(envelope.rcpt_tos)
            return "250 OK"

    recorder = Recorder()

    def stop(*_: Any) -> None:
        Path(path).write_text("".join(f"{r}\n" for r in recorder.got), "utf-8")
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    if loop == "uvloop":
        import uvloop  # noqa: PLC0415 - only when asked for

        controller = Controller(
            recorder, hostname="127.0.0.1", port=port, loop=uvloop.new_event_loop()
        )
    else:
        controller = Controller(recorder, hostname="127.0.0.1", port=port)
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


async def bare_loop(port: int, data: bytes, count: int, tag: str) -> None:
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False)
    await client.connect()
    for n in range(count):
        await client.sendmail("avis@example.org", [f"{tag}{n}@example.org"], data)
    await client.quit()


async def _replies(reader: asyncio.StreamReader, count: int) -> None:
    for _ in range(count):
        line = await reader.readuntil(b"\r\n")
        while line[3:4] == b"-":
            line = await reader.readuntil(b"\r\n")
        if line[:1] not in b"23":
            raise RuntimeError(f"the sink said {line!r}")


async def raw_lane(port: int, data: bytes, count: int, tag: str, pipelined: bool) -> None:
    """The cheapest SMTP client: bytes on a socket, the message written out once."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await _replies(reader, 1)
    writer.write(b"EHLO bench\r\n")
    await _replies(reader, 1)
    body = data.replace(b"\n", b"\r\n") + b".\r\n"
    for n in range(count):
        envelope = b"MAIL FROM:<avis@example.org>\r\n", f"RCPT TO:<{tag}{n}@example.org>\r\n"
        commands = [envelope[0], envelope[1].encode(), b"DATA\r\n"]
        if pipelined:
            writer.write(b"".join(commands))
            await _replies(reader, 3)
        else:
            for command in commands:
                writer.write(command)
                await _replies(reader, 1)
        writer.write(body)
        await _replies(reader, 1)
    writer.write(b"QUIT\r\n")
    await _replies(reader, 1)
    writer.close()


def leg(make: Any, count: int, connections: int, tag: str) -> float:
    """Messages per second of `connections` clients sharing `count` messages."""

    async def run() -> None:
        share = -(-count // connections)
        sizes = [min(share, count - k * share) for k in range(connections)]
        await asyncio.gather(*(make(size, f"{tag}{k}x") for k, size in enumerate(sizes) if size))

    started = time.perf_counter()
    # In a thread of its own: the caller may already run an event loop (a test runner).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(run())).result()
    return count / (time.perf_counter() - started)


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=0, help="messages per baseline leg "
                        "(default: as many as subscribers, at most 20,000)")  # fmt: skip
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-pipelining", action="store_true")
    parser.add_argument(
        "--sink-loop",
        choices=["asyncio", "uvloop"],
        default="asyncio",
        help="the sink's event loop (uvloop: the same aiosmtpd, cheaper I/O)",
    )
    parser.add_argument("--profile", metavar="FILE", help="run the worker under py-spy")
    parser.add_argument("--sink", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sink:
        run_sink(int(args.sink[0]), args.sink[1], args.sink[2] == "1", args.sink[3])
        return 0
    n, conns = args.subscribers, args.connections
    m = args.baseline or min(n, 20_000)
    pipelining = not args.no_pipelining
    rates: dict[str, float] = {}
    costs: dict[str, float] = {}
    expected: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        received = folder / "received.txt"
        port = free_port()
        sink = subprocess.Popen(
            [sys.executable, __file__, "--sink", str(port), str(received), str(int(pipelining)),
             args.sink_loop],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert sink.stdout is not None
            assert sink.stdout.readline().strip() == "ready"
            data = one_rendered_message(folder)

            def measure(name: str, tag: str, make: Any, connections: int) -> None:
                before = cpu_seconds(sink.pid)
                rates[name] = leg(make, m, connections, tag)
                costs[name] = (cpu_seconds(sink.pid) - before) / m
                expected[tag] = m

            def raw(pipelined: bool) -> Any:
                return lambda count, tag: raw_lane(port, data, count, tag, pipelined)

            bare = lambda count, tag: bare_loop(port, data, count, tag)  # noqa: E731
            measure(f"raw socket, one command at a time, {conns} conn.", "r", raw(False), conns)
            if pipelining:
                measure(f"raw socket, pipelined, {conns} conn.", "q", raw(True), conns)
            measure("bare aiosmtplib loop, 1 conn.", "b", bare, 1)
            measure(f"bare aiosmtplib loop, {conns} conn.", "c", bare, conns)

            url = f"sqlite:///{folder}/fanout.db"
            prepare(url, n)
            env = {**os.environ, "PREAVIS_DATABASE_URL": url, "PREAVIS_SECRET_KEY": "b" * 40,
                   "PREAVIS_SMTP_URL": f"smtp://127.0.0.1:{port}?connections={conns}",
                   "PREAVIS_PUBLIC_URL": "https://status.example.org"}  # fmt: skip
            before = cpu_seconds(sink.pid)
            started = time.perf_counter()
            log = folder / "worker.log"
            with log.open("wb") as output:
                spy = ["py-spy", "record", "-r", "250", "--threads", "--format", "raw", "-o"]
                command = [PREAVIS, "worker", "--once"]
                if args.profile:
                    command = [str(Path(PREAVIS).with_name("py-spy")), *spy[1:], args.profile,
                               "--", *command]  # fmt: skip
                worker = subprocess.Popen(command, env=env, stdout=output, stderr=output)
                # Reaped here, with its own resource usage: its peak RSS alone.
                _, status, usage = os.wait4(worker.pid, 0)
            worker.returncode = os.waitstatus_to_exitcode(status)
            name = f"preavis worker --once, {conns} conn."
            rates[name] = n / (time.perf_counter() - started)
            costs[name] = (cpu_seconds(sink.pid) - before) / n
            rss_mb = usage.ru_maxrss / 1024
            worker_cpu = (usage.ru_utime + usage.ru_stime) / n
            if worker.returncode != 0:
                print(log.read_text("utf-8", "replace"), file=sys.stderr)
        finally:
            sink.terminate()
            sink.wait()
            if sink.stdout is not None:
                sink.stdout.close()
        got = lines(received)
        subscribers = [r for r in got if r.startswith("p")]
        assert sorted(subscribers) == sorted(f"p{k}@example.org" for k in range(n)), "lost/doubled"
        for tag, count in expected.items():
            assert sum(1 for r in got if r.startswith(tag)) == count, f"leg {tag} lost messages"
    ceiling = max(v for k, v in rates.items() if k.startswith("raw"))
    bare1 = rates["bare aiosmtplib loop, 1 conn."]
    bare_n = rates[f"bare aiosmtplib loop, {conns} conn."]
    mine = rates[f"preavis worker --once, {conns} conn."]
    print(f"fan-out to {n} subscribers, {len(data)} bytes a message, one SQLite file; "
          f"baselines {m} messages each; sink advertises PIPELINING: {pipelining}, "
          f"its event loop: {args.sink_loop}")  # fmt: skip
    for name, rate in rates.items():
        print(f"{name:44s} {rate:7.0f} messages/s   sink CPU {costs[name] * 1e6:5.0f} µs/message "
              f"(one core: {1 / costs[name] if costs[name] else 0:5.0f}/s)")  # fmt: skip
    print(f"ratio worker / bare loop (1 conn.)      {mine / bare1:6.2f}")
    print(f"ratio worker / bare loop ({conns} conn.)      {mine / bare_n:6.2f}")
    print(f"ratio worker / sink ceiling (best raw)  {mine / ceiling:6.2f}")
    print(f"worker CPU {worker_cpu * 1e6:.0f} µs/message (start-up included; one core: "
          f"{1 / worker_cpu:.0f}/s)")  # fmt: skip
    print(f"peak RSS of the worker {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
