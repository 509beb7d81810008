"""Timeline benchmark: the lane index against a naive linear scan, measured in the same run.

Prints medians and ratios (these machines are noisy: never trust one absolute figure alone).
Default size: 10,000 services and 100,000 interruptions. Usage:

    python bench/timeline_bench.py [--services N] [--per-service K] [--queries Q]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from preavis.domain import Impact, Interruption, Service, Text, Timeline
from preavis.domain.interruption import worst

BASE = datetime(2025, 1, 1, tzinfo=UTC)
YEAR_MINUTES = 365 * 24 * 60


def generate(
    services: int, per_service: int, seed: int = 7
) -> tuple[list[Service], list[Interruption]]:
    rnd = random.Random(seed)
    catalogue = [Service(f"s{n}", Text(f"Service {n}", f"Service {n}")) for n in range(services)]
    items = []
    for service in catalogue:
        for _ in range(per_service):
            start = BASE + timedelta(minutes=rnd.randrange(YEAR_MINUTES))
            items.append(
                Interruption(
                    service=service.slug,
                    impact=rnd.choice((Impact.LIMITED, Impact.UNAVAILABLE)),
                    starts_at=start,
                    ends_at=start + timedelta(minutes=rnd.randrange(30, 60 * 24 * 10)),
                )
            )
    rnd.shuffle(items)
    return catalogue, items


def naive_service(items: list[Interruption], slug: str, at: datetime) -> Impact:
    """What one would write without an index: scan everything."""
    return worst(i.impact for i in items if i.service == slug and i.starts_at <= at < i.ends_at)


def naive_snapshot(
    services: list[Service], items: list[Interruption], at: datetime
) -> dict[str, Impact]:
    found = {s.slug: Impact.OPERATIONAL for s in services}
    for i in items:
        if i.starts_at <= at < i.ends_at:
            found[i.service] = worst((found[i.service], i.impact))
    return found


def per_call(fn: object, calls: list[tuple[str, datetime]], rounds: int) -> float:
    """Median seconds per call, over `rounds` batches of all `calls`."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for slug, at in calls:
            fn(slug, at)  # type: ignore[operator]
        samples.append((time.perf_counter() - start) / len(calls))
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--per-service", type=int, default=10)
    parser.add_argument("--queries", type=int, default=2_000)
    args = parser.parse_args(argv)

    services, items = generate(args.services, args.per_service)
    rnd = random.Random(11)
    moments = [BASE + timedelta(minutes=rnd.randrange(YEAR_MINUTES)) for _ in range(args.queries)]
    calls = [(rnd.choice(services).slug, at) for at in moments]

    start = time.perf_counter()
    timeline = Timeline(services, items)
    build = time.perf_counter() - start

    # Correctness first: the index and the scan must agree on every sampled question.
    for slug, at in calls[:200]:
        assert timeline.service_status(slug, at).impact is naive_service(items, slug, at)
    snap = timeline.status_at(moments[0])
    assert {s.service.slug: s.impact for s in snap.services} == naive_snapshot(
        services, items, moments[0]
    )

    indexed = per_call(timeline.service_status, calls, rounds=7)
    scan_calls = calls[: max(5, min(40, len(calls)))]
    scanned = per_call(lambda s, a: naive_service(items, s, a), scan_calls, rounds=3)
    snap_samples = []
    for n in range(15):
        t0 = time.perf_counter()
        timeline.status_at(moments[n % len(moments)])
        snap_samples.append(time.perf_counter() - t0)
    naive_snap_samples = []
    for n in range(3):
        t0 = time.perf_counter()
        naive_snapshot(services, items, moments[n])
        naive_snap_samples.append(time.perf_counter() - t0)
    back_samples = per_call(timeline.back_at, calls, rounds=5)
    next_samples = per_call(timeline.next_change, calls, rounds=5)

    snapshot = statistics.median(snap_samples)
    naive_snap = statistics.median(naive_snap_samples)
    print(f"timeline benchmark: {len(services):,} services, {len(items):,} interruptions")
    print(f"  build index                     {build * 1e3:10.1f} ms")
    print(f"  one service at T   (index)      {indexed * 1e6:10.2f} µs median")
    print(f"  one service at T   (naive scan) {scanned * 1e6:10.2f} µs median")
    print(f"    ratio scan / index            {scanned / indexed:10.0f} ×")
    print(f"  back_at(service, T)             {back_samples * 1e6:10.2f} µs median")
    print(f"  next_change(service, T)         {next_samples * 1e6:10.2f} µs median")
    print(f"  snapshot of all services (index){snapshot * 1e3:10.2f} ms median")
    print(f"  snapshot of all services (naive){naive_snap * 1e3:10.2f} ms median")
    print(f"    ratio naive / index           {naive_snap / snapshot:10.1f} ×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
