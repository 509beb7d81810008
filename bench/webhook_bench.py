"""Webhook and channel fan-out: one announcement to N endpoints, delivered by the worker's own
loop (`deliver_hooks`, SQLite store, each delivery recorded) to a local HTTP receiver in its
own process, with the connection pinned to the checked address (this code) and, in the same
run and alternating with it, the way it was before (the check resolves, then httpx or Apprise
resolves again by itself); beside a bare httpx loop posting the same number of requests. The
pinned webhook leg also runs making its TLS settings again for each request, as before, to
tell the pinning's own cost from the TLS settings now made once per process.

    .venv/bin/python bench/webhook_bench.py --endpoints 200 --rounds 5 [--port 18640]

Both legs run strict (private targets refused) with 127.0.0.1 taken as public through the
HookSettings seam, so the check and the pinning do their whole work against the receiver.
Prints deliveries per second (median, min, max over the rounds) and the CPU time per delivery
of each leg, after/before ratios; and, first, one request at a time with the legs taking turns
request by request (CPU and wall time, medians): the pinning's own cost, whatever the load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from preavis.actions import Context, catalogue, endpoints, maintenances
from preavis.actions.endpoints import Keys
from preavis.actions.hook_delivery import deliver_hooks
from preavis.actions.notifications import Mailer
from preavis.clock import FixedClock
from preavis.domain import Impact, Interruption, Maintenance, Service, Text
from preavis.domain.access import Actor, Role
from preavis.notify import hooks, pinning, plan
from preavis.notify.senders import MemorySender, Outcome, Result
from preavis.storage import Store

T0 = datetime(2025, 6, 30, 23, 0, tzinfo=UTC)
SECRET = "b" * 40
Send = Callable[..., Result]


def run_receiver(port: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", "0")))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()


# -- the way it was before: the check resolves, then the client resolves again -----------------


def before_webhook(
    url: str, secret: str, message_id: str, body: dict[str, Any], settings: hooks.HookSettings,
    *, stamp: datetime,
) -> Result:  # fmt: skip
    from standardwebhooks.webhooks import Webhook  # noqa: PLC0415

    try:
        hooks.check_webhook_url(
            url, allow_private=settings.allow_private, resolver=settings.resolver,
            public=settings.public,
        )  # fmt: skip
    except ValueError as exc:
        return Result(Outcome.PERMANENT, f"target refused: {exc}")
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    headers = {
        "content-type": "application/json",
        "user-agent": "Preavis-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(stamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, stamp, data),
    }
    try:
        with httpx.Client(timeout=settings.timeout, follow_redirects=False, trust_env=False) as c:
            response = c.post(url, content=data.encode("utf-8"), headers=headers)
    except httpx.HTTPError as exc:
        return Result(Outcome.TEMPORARY, str(exc))
    return Result(Outcome.SENT if response.status_code < 300 else Outcome.TEMPORARY)


def before_channel(url: str, title: str, body: str, settings: hooks.HookSettings) -> Result:
    import apprise  # noqa: PLC0415

    try:
        hooks.check_channel_url(
            url, allow_private=settings.allow_private, resolver=settings.resolver,
            public=settings.public,
        )  # fmt: skip
    except ValueError as exc:
        return Result(Outcome.PERMANENT, f"target refused: {exc}")
    sender = apprise.Apprise()
    sender.add(url)
    ok = sender.notify(title=title, body=body)
    return Result(Outcome.SENT if ok else Outcome.TEMPORARY)


def fresh_context(send: Send) -> Send:
    """`send` making its TLS settings again for each request, as before (the pinning alone)."""

    def sending(*args: Any, **kwargs: Any) -> Result:
        pinning.default_context.cache_clear()
        return send(*args, **kwargs)

    return sending


# -- legs ----------------------------------------------------------------------------------


def prepared(folder: Path, kind: str, count: int, port: int) -> Store:
    """A store with `count` endpoints of `kind` and one published maintenance: `count`
    deliveries due."""
    store = Store(f"sqlite:///{folder}/{kind}-{time.monotonic_ns()}.db")
    store.upgrade()
    ctx = Context(store, FixedClock(T0), Actor("bench", Role.ADMIN))
    keys = Keys(hooks.Vault(SECRET), hooks.HookSettings(allow_private=True))
    catalogue.create_service(ctx, service=Service("shop", Text("Boutique", "Shop")))
    scheme = "http" if kind == "webhook" else "json"
    for n in range(count):
        url = f"{scheme}://127.0.0.1:{port}/hook/{n}"
        endpoints.add_endpoint(ctx, keys, kind=kind, url=url, lang="fr" if n % 2 else "en")
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    draft = Maintenance("upgrade", Text("Mise à niveau", "Upgrade"), "America/Toronto", (item,))
    maintenances.create_draft(ctx, maintenance=draft)
    maintenances.publish(ctx, slug="upgrade")
    return store


def fan_out(store: Store, count: int, send: Send, name: str) -> tuple[float, float]:
    """Deliveries per second of the worker's loop with `send` as the sender of that kind, and
    the CPU time this process spent per delivery (ms: what the load around does not move)."""
    strict = hooks.HookSettings(
        allow_private=False, public=lambda a: a == "127.0.0.1" or pinning.public(a)
    )
    keys = Keys(hooks.Vault(SECRET), strict)
    identity = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
    mailer = Mailer(identity, SECRET, MemorySender(), keys=keys)
    clock = FixedClock(T0 + timedelta(minutes=1))
    original = getattr(hooks, name)
    setattr(hooks, name, send)
    sent = 0
    try:
        started, cpu = time.perf_counter(), time.process_time()
        while True:
            done = deliver_hooks(store, clock, mailer)
            if done.errors:
                raise RuntimeError(done.errors[0])
            if not done.sent:
                break
            sent += done.sent
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        setattr(hooks, name, original)
        store.dispose()
    assert sent == count, (sent, count)
    return count / elapsed, cpu / count * 1000


def bare(count: int, port: int) -> tuple[float, float]:
    """httpx posting the same number of small JSON bodies, a client each (as the sender)."""
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        with httpx.Client(timeout=10, follow_redirects=False, trust_env=False) as c:
            c.post(f"http://127.0.0.1:{port}/bare/{n}", content=b'{"x":1}').raise_for_status()
    cpu = time.process_time() - cpu
    return count / (time.perf_counter() - started), cpu / count * 1000


def paired(port: int, count: int) -> None:
    """One webhook request at a time, the legs taking turns request by request (so the load
    around falls on each alike): CPU and wall time of one send_webhook, medians."""
    url = f"http://127.0.0.1:{port}/paired"
    strict = hooks.HookSettings(
        allow_private=False, public=lambda a: a == "127.0.0.1" or pinning.public(a)
    )
    secret = hooks.new_webhook_secret()

    def one(send: Send) -> Callable[[], Result]:
        return lambda: send(url, secret, "msg_1", {"x": 1}, strict, stamp=T0)

    legs = {
        "before": one(before_webhook),
        "pinned, new TLS context each": one(fresh_context(hooks.send_webhook)),
        "pinned": one(hooks.send_webhook),
    }
    cpu: dict[str, list[float]] = {name: [] for name in legs}
    wall: dict[str, list[float]] = {name: [] for name in legs}
    for n in range(count):
        for name in list(legs) if n % 2 == 0 else list(reversed(legs)):
            started, used = time.perf_counter(), time.process_time()
            result = legs[name]()
            cpu[name].append((time.process_time() - used) * 1000)
            wall[name].append((time.perf_counter() - started) * 1000)
            assert result.outcome is Outcome.SENT, result.error
    print(f"\none webhook request, {count} of each, taking turns (ms, medians):")
    for name in legs:
        print(f"  {name:30} CPU {statistics.median(cpu[name]):6.2f}  wall "
              f"{statistics.median(wall[name]):6.2f}")  # fmt: skip
    base_cpu, base_wall = statistics.median(cpu["before"]), statistics.median(wall["before"])
    for name in ("pinned, new TLS context each", "pinned"):
        print(f"  {name} / before: CPU {statistics.median(cpu[name]) / base_cpu:.3f}, wall "
              f"{statistics.median(wall[name]) / base_wall:.3f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=18640)
    parser.add_argument("--paired", type=int, default=150, help="requests of each, one by one")
    parser.add_argument("--receiver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.receiver:
        run_receiver(args.port)
        return 0
    receiver = subprocess.Popen(
        [sys.executable, __file__, "--receiver", "--port", str(args.port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert receiver.stdout is not None
        assert receiver.stdout.readline().strip() == "ready"
        legs: dict[str, Callable[[Path], tuple[float, float]]] = {
            "webhook before": lambda f: fan_out(
                prepared(f, "webhook", args.endpoints, args.port), args.endpoints,
                before_webhook, "send_webhook",
            ),
            "webhook pinned": lambda f: fan_out(
                prepared(f, "webhook", args.endpoints, args.port), args.endpoints,
                hooks.send_webhook, "send_webhook",
            ),
            "webhook pinned, new TLS context each": lambda f: fan_out(
                prepared(f, "webhook", args.endpoints, args.port), args.endpoints,
                fresh_context(hooks.send_webhook), "send_webhook",
            ),
            "channel before": lambda f: fan_out(
                prepared(f, "channel", args.endpoints, args.port), args.endpoints,
                before_channel, "send_channel",
            ),
            "channel pinned": lambda f: fan_out(
                prepared(f, "channel", args.endpoints, args.port), args.endpoints,
                hooks.send_channel, "send_channel",
            ),
            "bare httpx": lambda _f: bare(args.endpoints, args.port),
        }  # fmt: skip
        rates: dict[str, list[float]] = {name: [] for name in legs}
        cpus: dict[str, list[float]] = {name: [] for name in legs}
        with tempfile.TemporaryDirectory() as tmp:
            paired(args.port, args.paired)
            for round_ in range(args.rounds):
                order = list(legs) if round_ % 2 == 0 else list(reversed(legs))
                for name in order:
                    rate, cpu = legs[name](Path(tmp))
                    rates[name].append(rate)
                    cpus[name].append(cpu)
                print(f"round {round_ + 1}: " + ", ".join(
                    f"{n} {rates[n][-1]:.0f}/s" for n in legs
                ), flush=True)  # fmt: skip
    finally:
        receiver.terminate()
        receiver.wait()
    median = {name: statistics.median(values) for name, values in rates.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print(f"\n{args.endpoints} endpoints, {args.rounds} rounds, deliveries per second:")
    print(f"  {'':36} {'median':>8} {'min':>7} {'max':>7} {'CPU ms/delivery':>16}")
    for name, value in median.items():
        low, high = min(rates[name]), max(rates[name])
        print(f"  {name:36} {value:8.1f} {low:7.1f} {high:7.1f} {cpu[name]:16.2f}")
    for name in ("webhook pinned", "webhook pinned, new TLS context each", "channel pinned"):
        before = f"{name.split()[0]} before"
        print(
            f"  {name} / before: rate {median[name] / median[before]:.3f}, "
            f"CPU per delivery {cpu[name] / cpu[before]:.3f}"
        )
    check = hooks.HookSettings(allow_private=False, public=lambda _a: True).check()
    assert check is not None
    for name, step in (("resolve alone", lambda: hooks.resolve("127.0.0.1", args.port)),
                       ("resolve and check", lambda: check("127.0.0.1", args.port))):  # fmt: skip
        started = time.perf_counter()
        for _ in range(10_000):
            step()
        print(f"  {name}: {(time.perf_counter() - started) * 100:.1f} µs a request")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
