"""`preavis serve` with a probe of its event loop's lag (bench/scale_bench.py `--lag`).

Runs the `preavis` command line as a user does (`python bench/lag_probe.py serve ...`), with
a coroutine on the worker's event loop that sleeps 1 ms at a time and notes how late it wakes:
a late wake-up is a stall every reader on that loop shared (the loop held by a callback, or
the GIL held by another thread). At exit it writes every wake-up more than 2 ms late, as
`time.time()` and lateness in ms per line, to PREAVIS_LAG_FILE (the benchmark reads it).
With it go the cyclic collector's runs of generation 2 (and any over 5 ms) and the steps of
a rebuild (read, warm, settle) with their start and end, as `# gc`/`# step` lines, so that a
stall can be put down to what ran then.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import sys
import threading
import time
from typing import Any

import uvicorn

EVENTS: list[str] = []  # "# gc ..." and "# step ..." lines


def collected(phase: str, info: dict[str, Any], started: list[float] = [0.0]) -> None:  # noqa: B006
    if phase == "start":
        started[0] = time.time()
        return
    took = (time.time() - started[0]) * 1000
    if info["generation"] == 2 or took > 5:
        thread = threading.current_thread().name
        EVENTS.append(f"# gc {started[0]:.4f} {took:.2f} gen{info['generation']} {thread}")


def stepped(owner: Any, name: str) -> None:
    real = getattr(owner, name)

    @functools.wraps(real)
    def timed(*args: Any, **kw: Any) -> Any:
        started = time.time()
        try:
            return real(*args, **kw)
        finally:
            took = (time.time() - started) * 1000
            EVENTS.append(f"# step {started:.4f} {took:.2f} {name}")

    setattr(owner, name, timed)


def trace() -> None:
    from preavis.web import cache, site  # noqa: PLC0415 - after the patch of uvicorn

    gc.callbacks.append(collected)
    for name in ("_read", "_instants", "_frames", "_swapped", "_warm"):
        stepped(site.Site, name)
    for name in ("settle", "release"):
        stepped(cache, name)


SLEEP = 0.001
NOTED = 0.002  # lateness worth a line


def probed(serve):  # type: ignore[no-untyped-def]
    async def serve_with_probe(self, sockets=None):  # type: ignore[no-untyped-def]
        late: list[tuple[float, float]] = []
        wakes = [0]

        async def probe() -> None:
            while True:
                before = time.perf_counter()
                await asyncio.sleep(SLEEP)
                lag = time.perf_counter() - before - SLEEP
                wakes[0] += 1
                if lag > NOTED:
                    late.append((time.time(), lag * 1000))

        task = asyncio.create_task(probe())
        try:
            await serve(self, sockets)
        finally:
            task.cancel()
            path = os.environ.get("PREAVIS_LAG_FILE")
            if path:
                with open(path, "w") as out:
                    out.write(f"# wakes {wakes[0]}\n")
                    out.writelines(f"{line}\n" for line in EVENTS)
                    out.writelines(f"{t:.4f} {ms:.2f}\n" for t, ms in late)

    return serve_with_probe


uvicorn.Server.serve = probed(uvicorn.Server.serve)  # type: ignore[method-assign]

if __name__ == "__main__":
    from preavis.cli import main

    trace()
    sys.argv[0] = "preavis"
    sys.exit(main())
