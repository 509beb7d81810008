"""Large-catalogue benchmark: `preavis serve` (one worker) on 5,000 services and 50,000
interruptions, as users run it.

Measures: a fresh apply and an unchanged apply of the same schedule; the first render of the
busiest views; wrk -t1 -c64 on the home page and on random moments while a publication lands
(p99 and errors under load); the worker's resident memory after all that. Needs wrk and
taskset. Usage:

    python bench/scale_bench.py [--services 5000] [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
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
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as r:
        r.read()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args(argv)
    schedule = generated(args.services, args.services * 10)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        store = Store(url)
        store.upgrade()
        ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
        started = time.perf_counter()
        data.apply_schedule(ctx, schedule=schedule, publish=True)
        fresh = time.perf_counter() - started
        started = time.perf_counter()
        data.apply_schedule(ctx, schedule=schedule, publish=True)
        unchanged = time.perf_counter() - started
        print(f"{args.services:,} services, {args.services * 10:,} interruptions")
        print(f"  apply: fresh {fresh:.1f} s, unchanged {unchanged:.1f} s "
              f"({unchanged / fresh:.2f}×)")  # fmt: skip
        store.dispose()
        app, port = serve("preavis", {"PREAVIS_DATABASE_URL": url}, factory=False)
        base = f"http://127.0.0.1:{port}"
        try:
            for path in ("/fr/", "/fr/calendar.ics", "/api/v2/summary.json", "/fr/feed.atom"):
                print(f"  first {path}: {timed_get(base + path):.2f} s")
            print(f"  RSS after first renders: {rss_mb(app.pid):.0f} MB")
            quiet = wrk(port, "/fr/", args.seconds // 2, 64, True)
            print(f"  /fr/ (gzip) under load: {quiet['rps']:.0f} req/s, p99 {quiet['p99']:.2f} ms, "
                  f"errors {quiet['errors']:.0f}")  # fmt: skip

            def publish() -> None:  # a change lands a few seconds into the run
                time.sleep(args.seconds / 4)
                env = {**os.environ, "PREAVIS_DATABASE_URL": url}
                subprocess.run([str(Path(sys.executable).with_name("preavis")), "maintenance",
                                "cancel", "programme-7"], env=env, check=True,
                               capture_output=True)  # fmt: skip

            changer = threading.Thread(target=publish)
            changer.start()
            busy = wrk(port, "/fr/", args.seconds, 64, True)
            changer.join()
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
