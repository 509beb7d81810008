"""Web benchmark: the hot public paths under wrk, beside a bare ASGI app serving the same bytes.

Préavis runs as a user starts it (`preavis serve`, one worker, its default options); the bare
app runs under the same uvicorn with the same options. Both are pinned to core 0; wrk runs
pinned to core 1.
Datasets: the built-in example, and a generated catalogue of 500 services and 5,000
interruptions around now. Needs Debian's wrk (`apt-get install wrk`). Usage:

    python bench/web_bench.py [--seconds 8] [--connections 64]

Prints requests per second, p99 latency and errors for each, and the ratios: to the bare app
sending two or three headers, and to the same app sending every header Préavis sent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from preavis.actions import Context, data
from preavis.actions.files import open_schedule
from preavis.clock import SystemClock
from preavis.domain import Impact, Interruption, Maintenance, Schedule, Service, State, Text
from preavis.domain.access import Actor, Role
from preavis.storage import Store

HERE = Path(__file__).resolve().parent
PATHS = ["/api/v2/summary.json", "/fr/", "/fr/calendar.ics"]
PYTHON = sys.executable


def generated(services: int = 500, interruptions: int = 5_000) -> Schedule:
    rnd = random.Random(5)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    catalogue = tuple(
        Service(f"s{n}", Text(f"Service {n}", f"Service {n}")) for n in range(services)
    )
    programmes = []
    per = interruptions // 50
    for p in range(50):
        items = []
        for k in range(per):
            start = now + timedelta(hours=rnd.randrange(-24 * 20, 24 * 20))
            items.append(
                Interruption(
                    f"s{(p * per + k) % services}",
                    rnd.choice([Impact.LIMITED, Impact.UNAVAILABLE]),
                    start,
                    start + timedelta(hours=rnd.randrange(1, 48)),
                    Text(f"Description {k}", f"Description {k}"),
                )
            )
        programmes.append(
            Maintenance(
                f"programme-{p}",
                Text(f"Programme {p}", f"Programme {p}"),
                "America/Toronto",
                tuple(items),
                state=State.PUBLISHED,
            )
        )
    return Schedule(catalogue, tuple(programmes))


def free_port() -> int:
    """A free local port: the first of PREAVIS_BENCH_PORTS ("18300-18399") that is free when
    that is set (a shared machine gives each user a range), else one the system picks."""
    low, _, high = os.environ.get("PREAVIS_BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            if port:
                return port
            return int(s.getsockname()[1])
    raise SystemExit(f"no free port in PREAVIS_BENCH_PORTS={os.environ['PREAVIS_BENCH_PORTS']}")


PREAVIS = str(Path(PYTHON).with_name("preavis"))


def serve(
    target: str, env: dict[str, str], factory: bool, program: list[str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    """`preavis serve` as a user runs it (target "preavis"; `program` instead of the `preavis`
    command, e.g. bench/lag_probe.py), or a bare app under uvicorn with the options
    `preavis serve` gives it (no access log, proxy headers)."""
    port = free_port()
    if target == "preavis":
        command = ["taskset", "-c", "0", *(program or [PREAVIS]), "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port)]
    else:
        command = ["taskset", "-c", "0", PYTHON, "-m", "uvicorn", target, "--host", "127.0.0.1"]
        command += ["--port", str(port), "--no-access-log", "--proxy-headers"]
    if factory:
        command.append("--factory")
    process = subprocess.Popen(
        command, env={**os.environ, **env}, cwd=HERE, stderr=subprocess.DEVNULL
    )
    for _ in range(1200):  # a loaded machine can take a while to import and start
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{' '.join(command)} exited with {process.returncode}") from None
            time.sleep(0.1)
    return process, port


RANDOM_AT = "/fr/?at=<random>"  # a new moment per request, within 20 days of now
MOMENT_PAGE = "/fr/moment"  # the bare app's copy of one such page
MOMENTS_LUA = """
math.randomseed(os.time())
local now = os.time()
request = function()
  local t = now + math.random(-20 * 86400, 20 * 86400)
  return wrk.format("GET", "__PATH__?at=" .. os.date("!%Y-%m-%dT%H:%MZ", t))
end
"""


def wrk(port: int, path: str, seconds: int, connections: int, gzip: bool) -> dict[str, float]:
    header = ["-H", "Accept-Encoding: gzip"] if gzip else []
    command = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s"]
    if path in (RANDOM_AT, MOMENT_PAGE):  # the same script (the client's cost) on both sides
        script = Path(tempfile.gettempdir()) / f"preavis-moments-{os.getpid()}.lua"
        target = "/fr/" if path == RANDOM_AT else MOMENT_PAGE
        script.write_text(MOMENTS_LUA.replace("__PATH__", target))
        command += ["-s", str(script)]
        path = target
    command += ["--latency", *header, f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))  # type: ignore[union-attr]
    p99_raw = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99 = float(p99_raw.group(1)) * scale[p99_raw.group(2)] if p99_raw else float("nan")
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if socket_errors:
        errors += sum(int(g) for g in socket_errors.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    return {"rps": rps, "p99": p99, "errors": errors}


def sent_headers(response: Any) -> list[list[str]]:
    """The headers Préavis sent, but those uvicorn adds to every response (date, server) and
    `connection: close`, its answer to urllib's own request (wrk keeps connections open)."""
    added = ("date", "server", "connection", "keep-alive")
    return [[k.lower(), v] for k, v in response.headers.items() if k.lower() not in added]


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over the runs; errors are summed."""
    middle = len(runs) // 2
    out = {k: sorted(r[k] for r in runs)[middle] for k in ("rps", "p99")}
    out["errors"] = sum(r["errors"] for r in runs)
    return out


def run_case(
    label: str,
    schedule: Schedule,
    seconds: int,
    connections: int,
    gzip: bool = False,
    rounds: int = 3,
    only: list[str] | None = None,
) -> None:
    paths = only or [*PATHS, RANDOM_AT]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        store = Store(url)
        store.upgrade()
        ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
        data.apply_schedule(ctx, schedule=schedule, publish=True)
        store.dispose()
        app, port = serve("preavis", {"PREAVIS_DATABASE_URL": url}, factory=False)
        bare = same = None
        try:
            responses = {}
            for path in PATHS:
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
                if gzip:
                    request.add_header("Accept-Encoding", "gzip")
                with urllib.request.urlopen(request) as r:
                    encoding = r.headers.get("content-encoding", "")
                    responses[path] = [r.headers["content-type"], r.read().hex(), encoding,
                                       sent_headers(r)]  # fmt: skip
            # The baseline of a random moment: the bare app serving a page of another moment,
            # the one of median size among 21 moments spread over the 40 days drawn from.
            now = datetime.now(UTC)
            pages = []
            for n in range(21):
                at = (now + timedelta(days=2 * n - 20)).strftime("%Y-%m-%dT%H:%MZ")
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/?at={at}") as r:
                    body = r.read()
                    pages.append((len(body), body, r.headers["content-type"], sent_headers(r)))
            _, body, kind, sent = sorted(pages, key=lambda p: p[0])[len(pages) // 2]
            responses[MOMENT_PAGE] = [kind, body.hex(), "", sent]
            file = Path(folder) / "responses.json"
            file.write_text(
                json.dumps({**responses, "/healthz": ["application/json", b"{}".hex(), "", []]})
            )
            bare, bare_port = serve("bare_app:app", {"BARE_RESPONSES": str(file)}, factory=False)
            same, same_port = serve(
                "bare_app:app",
                {"BARE_RESPONSES": str(file), "BARE_SAME_HEADERS": "1"},
                factory=False,
            )
            # The machine is shared: each path is measured `rounds` times, Préavis and the bare
            # app alternately, and the medians compared.
            measured, baseline, alike = {}, {}, {}
            for path in paths:
                mine, base, twin = [], [], []
                for _ in range(rounds):
                    mine.append(wrk(port, path, seconds, connections, gzip))
                    bare_path = MOMENT_PAGE if path == RANDOM_AT else path  # the same bytes
                    base.append(wrk(bare_port, bare_path, seconds, connections, gzip))
                    twin.append(wrk(same_port, bare_path, seconds, connections, gzip))
                measured[path], baseline[path], alike[path] = (
                    median(mine),
                    median(base),
                    median(twin),
                )
        finally:
            for process in (app, bare, same):
                if process is not None:
                    process.send_signal(signal.SIGINT)
                    process.wait(timeout=60)
    print(f"\n{label}")
    print(
        f"  {'path':22} {'bytes':>9} {'préavis rps':>12} {'bare rps':>9} {'ratio':>6} "
        f"{'p99 ms':>7} {'bare p99':>8} {'errors':>6} {'same-headers rps':>16} {'ratio':>6}"
    )
    for path in paths:
        mine, base, twin = measured[path], baseline[path], alike[path]
        size = len(bytes.fromhex(responses[MOMENT_PAGE if path == RANDOM_AT else path][1]))
        print(
            f"  {path:22} {size:9,} {mine['rps']:12.0f} {base['rps']:9.0f} "
            f"{mine['rps'] / base['rps']:6.2f} {mine['p99']:7.2f} {base['p99']:8.2f} "
            f"{mine['errors']:6.0f} {twin['rps']:16.0f} {mine['rps'] / twin['rps']:6.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3, help="Alternated runs per path.")
    parser.add_argument("--example-only", action="store_true", help="Skip the generated sets.")
    parser.add_argument(
        "--services",
        type=int,
        default=500,
        help="Services of the generated catalogue (ten interruptions each).",
    )
    parser.add_argument("--only-random", action="store_true", help=f"Measure only {RANDOM_AT}.")
    parser.add_argument("--no-gzip", action="store_true", help="Skip the gzip round.")
    parser.add_argument("--no-example", action="store_true", help="Skip the built-in example.")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None or shutil.which("taskset") is None:
        print("web benchmark skipped: needs wrk and taskset (apt-get install wrk util-linux)")
        return 0
    print(
        f"web benchmark: wrk -t1 -c{args.connections} -d{args.seconds}s, `preavis serve` "
        f"(one worker) against a bare app, medians of {args.rounds} alternated runs"
    )
    only = [RANDOM_AT] if args.only_random else None
    if not args.no_example:
        run_case("built-in example (26 services, 28 interruptions)", open_schedule().schedule,
                 args.seconds, args.connections, rounds=args.rounds, only=only)  # fmt: skip
    if args.example_only:
        return 0
    n = args.services
    big = generated(n, n * 10)
    label = f"generated ({n:,} services, {n * 10:,} interruptions)"
    run_case(label, big, args.seconds, args.connections, rounds=args.rounds, only=only)
    if not args.no_gzip:
        run_case(f"{label}, client accepts gzip", big, args.seconds, args.connections,
                 gzip=True, rounds=args.rounds, only=only)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
