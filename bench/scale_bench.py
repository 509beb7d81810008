"""Large-catalogue benchmark: `preavis serve` (one worker) on 5,000 services and 50,000
interruptions, as users run it.

Measures: a fresh apply and an unchanged apply of the same schedule; the first render of the
busiest views; wrk -t1 -c64 on the home page and on random moments while a publication lands
(p99 and errors under load); the worker's resident memory after all that. Needs wrk and
taskset. Usage:

    python bench/scale_bench.py [--services 5000] [--seconds 20] [--db FILE] [--lag] [--spy FILE]

`--db` keeps the applied catalogue in FILE (built there the first time, with the apply
timings) and serves a copy of it, so that runs of two states of the code share it. `--lag`
runs the worker under bench/lag_probe.py and prints how late its event loop woke up (1 ms
sleeps) while loaded, and around the publication. `--spy` records the worker with py-spy
(the thread holding the GIL, sampled) during the publishing run, as collapsed stacks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from preavis.actions import Context, data
from preavis.clock import SystemClock
from preavis.domain import Schedule
from preavis.domain.access import Actor, Role
from preavis.storage import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_bench import RANDOM_AT, generated, serve, wrk


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_get(url: str) -> float:
    """A first request, as a browser or feed reader sends it (gzip accepted: a client
    without it makes the worker keep an inflated copy, see "Public site")."""
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=600) as r:
        r.read()
    return time.perf_counter() - started


def lags(path: Path, start: float, end: float) -> list[tuple[float, float]]:
    """The late wake-ups the probe noted between `start` and `end` (time.time())."""
    found = []
    for line in path.read_text().splitlines():
        if not line.startswith("#"):
            at, ms = (float(x) for x in line.split())
            if start <= at < end:
                found.append((at, ms))
    return found


def events(path: Path, start: float, end: float, since: float) -> None:
    """The collector's runs and the rebuild's steps the probe noted between `start` and `end`."""
    for line in path.read_text().splitlines():
        if line.startswith(("# gc ", "# step ")):
            _, kind, at, ms, what, *rest = line.split()
            if start <= float(at) < end:
                print(f"    {kind} {what} {' '.join(rest)} at {float(at) - since:+.2f} s: "
                      f"{float(ms):.0f} ms")  # fmt: skip


def show_lags(label: str, found: list[tuple[float, float]], seconds: float, since: float) -> None:
    stalled = sum(ms for _, ms in found)
    over = {n: sum(1 for _, ms in found if ms > n) for n in (5, 10, 20, 50)}
    worst = sorted(found, key=lambda f: -f[1])[:8]
    print(f"  loop lag, {label}: {len(found)} wake-ups > 2 ms in {seconds:.0f} s, "
          f"{stalled:.0f} ms late in all ({stalled / seconds / 10:.1f} %); "
          f"> 5/10/20/50 ms: {over[5]}/{over[10]}/{over[20]}/{over[50]}")  # fmt: skip
    if worst:
        shown = ", ".join(f"{ms:.0f} ms at {at - since:+.2f} s" for at, ms in worst)
        print(f"    worst: {shown}")


def apply(url: str, schedule: Schedule, services: int) -> None:
    store = Store(url)
    store.upgrade()
    ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
    started = time.perf_counter()
    data.apply_schedule(ctx, schedule=schedule, publish=True)
    fresh = time.perf_counter() - started
    started = time.perf_counter()
    data.apply_schedule(ctx, schedule=schedule, publish=True)
    unchanged = time.perf_counter() - started
    print(f"{services:,} services, {services * 10:,} interruptions")
    print(f"  apply: fresh {fresh:.1f} s, unchanged {unchanged:.1f} s "
          f"({unchanged / fresh:.2f}×)")  # fmt: skip
    store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--db", type=Path, help="the applied catalogue, kept (reused if there)")
    parser.add_argument("--lag", action="store_true", help="probe the event loop's lag")
    parser.add_argument("--spy", type=Path, help="py-spy's stacks while publishing, to FILE")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        if args.db is None or not args.db.exists():
            apply(url, generated(args.services, args.services * 10), args.services)
            if args.db is not None:
                shutil.copyfile(f"{folder}/bench.db", args.db)
        else:
            print(f"{args.services:,} services, {args.services * 10:,} interruptions ({args.db})")
            shutil.copyfile(args.db, f"{folder}/bench.db")
        env = {"PREAVIS_DATABASE_URL": url}
        program = None
        lag_file = Path(folder) / "lag.txt"
        if args.lag:
            env["PREAVIS_LAG_FILE"] = str(lag_file)
            program = [sys.executable, str(Path(__file__).with_name("lag_probe.py"))]
        app, port = serve("preavis", env, factory=False, program=program)
        base = f"http://127.0.0.1:{port}"
        try:
            for path in ("/fr/", "/fr/calendar.ics", "/api/v2/summary.json", "/fr/feed.atom"):
                print(f"  first {path}: {timed_get(base + path):.2f} s")
            print(f"  RSS after first renders: {rss_mb(app.pid):.0f} MB")
            quiet_from = time.time()
            quiet = wrk(port, "/fr/", args.seconds // 2, 64, True)
            quiet_to = time.time()
            print(f"  /fr/ (gzip) under load: {quiet['rps']:.0f} req/s, p99 {quiet['p99']:.2f} ms, "
                  f"errors {quiet['errors']:.0f}")  # fmt: skip

            published = [0.0]

            def publish() -> None:  # a change lands a few seconds into the run
                time.sleep(args.seconds / 4)
                env = {**os.environ, "PREAVIS_DATABASE_URL": url}
                subprocess.run([str(Path(sys.executable).with_name("preavis")), "maintenance",
                                "cancel", "programme-7"], env=env, check=True,
                               capture_output=True)  # fmt: skip
                published[0] = time.time()

            spy = None
            if args.spy is not None:
                spyer = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
                if not Path(spyer).exists():
                    raise SystemExit("--spy needs py-spy (pip install py-spy; not a dependency)")
                command = [spyer, "record", "-p", str(app.pid), "-r", "250"]
                command += ["-d", str(args.seconds), "-f", "raw", "-o", str(args.spy)]
                command += ["--gil", "--threads", "--nonblocking"]
                spy = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            changer = threading.Thread(target=publish)
            busy_from = time.time()
            changer.start()
            busy = wrk(port, "/fr/", args.seconds, 64, True)
            busy_to = time.time()
            changer.join()
            if spy is not None:
                spy.wait()
            print(f"  /fr/ (gzip) while publishing: {busy['rps']:.0f} req/s, "
                  f"p99 {busy['p99']:.2f} ms, errors {busy['errors']:.0f}")  # fmt: skip
            moments = wrk(port, RANDOM_AT, args.seconds, 64, False)
            print(f"  random ?at=: {moments['rps']:.0f} req/s, p99 {moments['p99']:.2f} ms, "
                  f"errors {moments['errors']:.0f}")  # fmt: skip
            print(f"  RSS at the end: {rss_mb(app.pid):.0f} MB")
        finally:
            app.send_signal(signal.SIGINT)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
        if args.lag and lag_file.exists():
            show_lags("under load", lags(lag_file, quiet_from, quiet_to), quiet_to - quiet_from,
                      quiet_from)  # fmt: skip
            before = lags(lag_file, busy_from, published[0])
            show_lags("publishing, before the change", before, published[0] - busy_from,
                      published[0])  # fmt: skip
            after = lags(lag_file, published[0], busy_to)
            show_lags("publishing, from the change on (times from it)", after,
                      busy_to - published[0], published[0])  # fmt: skip
            events(lag_file, quiet_from, busy_to, published[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
