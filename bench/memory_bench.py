# ruff: noqa: PLC0415 - each step imports what it measures, when it measures it
"""Memory benchmark: what one `preavis serve` worker keeps resident on a large catalogue.

A generated catalogue (5,000 services and 50,000 interruptions by default, as in
bench/scale_bench.py) is applied to a SQLite file; then a fresh Python process, as a worker
would, measures its resident memory (VmRSS, and the peak VmHWM, from /proc/self/status):

1. after the imports `preavis serve` makes (the command line, the application, uvicorn);
2. after the application is built and one copy of the public data is read;
3. with a second copy read beside it, as a rebuild holds while the old one is served (the
   second read is given the first, to share what did not change), and after the old is dropped;
4. after the first renders of the home page, summary.json, the calendar and the Atom feed
   (gzip asked for, as browsers do), through the application itself;
5. after serving: `--moments` home pages of random moments within 20 days of now (as
   bench/scale_bench.py's wrk script asks), then a publication (a programme cancelled) and
   the views in use rendered again, with what each cache then holds.

With `--trace`, tracemalloc prints the lines that allocate most of one copy of the public data.
Prints figures only: the comparison with another state of the code is made by running it on
each, the same day, on the same machine. Usage:

    python bench/memory_bench.py [--services 5000] [--moments 400] [--db /tmp/x.db] [--trace]
"""

from __future__ import annotations

import argparse
import gc
import inspect
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def status() -> tuple[float, float]:
    """This process's resident memory and its peak so far, in MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def show(label: str, since: float | None = None) -> float:
    rss, hwm = status()
    extra = f" (+{rss - since:.0f})" if since is not None else ""
    print(f"  {label:<44} RSS {rss:6.0f} MB{extra}, peak {hwm:.0f} MB", flush=True)
    return rss


def build(path: Path, services: int) -> None:
    """The generated catalogue, applied and published (in this process, which then exits)."""
    sys.path.insert(0, str(HERE))
    from preavis.actions import Context, data
    from preavis.clock import SystemClock
    from preavis.domain.access import Actor, Role
    from preavis.storage import Store
    from web_bench import generated

    store = Store(f"sqlite:///{path}")
    store.upgrade()
    ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
    started = time.perf_counter()
    data.apply_schedule(ctx, schedule=generated(services, services * 10), publish=True)
    print(f"  applied in {time.perf_counter() - started:.1f} s", flush=True)
    store.dispose()


def measure(url: str, trace: bool, moments: int) -> None:
    """The figures, in a process that has imported nothing of Préavis yet."""
    base = show("python alone")
    # What `preavis serve` imports: the command line, then uvicorn and the application.
    import uvicorn  # noqa: F401

    import preavis.cli  # noqa: F401
    from preavis.web import app as web_app

    imports = show("imports of `preavis serve`", base)
    from preavis.actions.public import public_data
    from preavis.settings import Settings

    settings = Settings.from_env({"PREAVIS_DATABASE_URL": url})
    front = web_app.create_app(settings)
    site = front.site if hasattr(front, "site") else None
    assert site is not None, "the public front keeps its Site as `site`"
    if trace:
        import tracemalloc

        tracemalloc.start(1)
    started = time.perf_counter()
    first = site.data()
    read = time.perf_counter() - started
    one = show(f"one copy of the public data ({read:.1f} s)", imports)
    if trace:
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        total = sum(s.size for s in snapshot.statistics("filename"))
        print(f"  tracemalloc: {total / 2**20:.0f} MB held by one copy, by line:")
        for stat in snapshot.statistics("lineno")[:14]:
            frame = stat.traceback[0]
            name = "/".join(Path(frame.filename).parts[-2:])
            print(f"    {stat.size / 2**20:7.1f} MB {stat.count:>9,} blocks  {name}:{frame.lineno}")
        one = show("(after tracemalloc)", imports)
    started = time.perf_counter()
    sharing = "previous" in inspect.signature(public_data).parameters  # not before 2026-11-28
    extra = {"previous": first} if sharing else {}
    second = public_data(store=site.store, clock=site.clock, **extra)
    read = time.perf_counter() - started
    shared = sum(a is b for a, b in zip(first.maintenances, second.maintenances, strict=False))
    show(f"two copies ({read:.1f} s, {shared} of {len(first.maintenances)} shared)", one)
    del first, second, extra  # nothing of this step is held after it
    gc.collect()
    two = show("the second dropped", one)

    from starlette.testclient import TestClient

    with TestClient(front, base_url="http://localhost") as client:
        gzip = {"Accept-Encoding": "gzip"}
        before = two
        for path in ("/fr/", "/api/v2/summary.json", "/fr/calendar.ics", "/fr/feed.atom"):
            started = time.perf_counter()
            response = client.get(path, headers=gzip)
            took = time.perf_counter() - started
            assert response.status_code == 200, (path, response.status_code)
            size = len(response.content) / 2**20
            before = show(f"first {path} ({size:.1f} MB, {took:.1f} s)", before)
        rendered = show("after the first renders", two)
        from datetime import UTC, datetime, timedelta

        from preavis.actions import Context, maintenances
        from preavis.domain.access import Actor, Role

        now = datetime.now(UTC)
        rnd = random.Random(7)
        started = time.perf_counter()
        for _ in range(moments):
            at = now + timedelta(seconds=rnd.randrange(-20 * 86400, 20 * 86400))
            response = client.get(f"/fr/?at={at:%Y-%m-%dT%H:%MZ}", headers=gzip)
            assert response.status_code == 200
        took = time.perf_counter() - started
        before = show(f"{moments} random moments ({took:.0f} s)", rendered)
        ctx = Context(site.store, site.clock, Actor("bench", Role.ADMIN))
        maintenances.cancel(ctx, slug="programme-7")
        site._checked = None  # the next request reads the change at once
        for path in ("/fr/", "/api/v2/summary.json", "/fr/calendar.ics", "/fr/feed.atom"):
            assert client.get(path, headers=gzip).status_code == 200
        show("a publication, the views in use again", before)
        version = site.version()
        caches = {"now": version.timed, "feeds": version.timeless, "moments": version.moments}
        held = ", ".join(f"{k} {c.size / 2**20:.1f} MB" for k, c in caches.items())
        rows = sum(f.size for f in getattr(site, "_fragments", ())) / 2**20
        print(f"  caches: {held}, rows {rows:.1f} MB (cap {site.cache_bytes / 2**20:.0f} MB each)")
    rss, hwm = status()
    print(f"  total: RSS {rss:.0f} MB, peak {hwm:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--db", type=Path, help="a catalogue file to keep (reused if there)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc of one copy")
    parser.add_argument("--moments", type=int, default=400, help="random moments asked")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: a database URL
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure, args.trace, args.moments)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "catalogue.db"
        print(f"{args.services:,} services, {args.services * 10:,} interruptions ({path})")
        if not path.exists():
            build(path, args.services)
        served = Path(folder) / "served.db"  # a copy: the publication below changes it
        shutil.copyfile(path, served)
        command = [sys.executable, __file__, "--measure", f"sqlite:///{served}"]
        command += ["--trace"] if args.trace else []
        command += ["--moments", str(args.moments)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
