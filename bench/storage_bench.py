"""Storage benchmark: publish a 1,000-interruption maintenance and read it back.

On SQLite (a temporary file) and, when PREAVIS_TEST_DATABASE_URL names one, on PostgreSQL.
Baseline in the same run: the same rows inserted and selected with bare SQLAlchemy Core
(no validation, no revision, no domain objects). Prints medians and ratios. Usage:

    python bench/storage_bench.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, text

from preavis.actions import Context, catalogue, maintenances
from preavis.clock import FixedClock
from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.domain.access import Actor, Role
from preavis.storage import Store
from preavis.storage import schema as t

BASE = datetime(2030, 6, 1, 4, tzinfo=UTC)


def programme(slug: str, rows: int, services: int) -> Maintenance:
    items = tuple(
        Interruption(
            f"s{n % services}",
            Impact.UNAVAILABLE if n % 3 else Impact.LIMITED,
            BASE + timedelta(hours=n),
            BASE + timedelta(hours=n + 5),
            Text(f"Description {n}", f"Description {n}"),
        )
        for n in range(rows)
    )
    return Maintenance(slug, Text("Mise à niveau", "Upgrade"), "America/Toronto", items)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def run(url: str, label: str, rows: int, repeat: int) -> None:
    if url.startswith("postgresql"):
        scratch = Store(url)
        with scratch.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        scratch.dispose()
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(datetime(2030, 1, 1, tzinfo=UTC)), Actor("bench", Role.ADMIN))
    services = max(1, rows // 5)
    for n in range(services):
        catalogue.create_service(
            ctx, service=Service(f"s{n}", Text(f"Service {n}", f"Service {n}"))
        )
    write, read, raw_write, raw_read = [], [], [], []
    for r in range(repeat):
        m = programme(f"bench-{r}", rows, services)
        start = time.perf_counter()
        maintenances.create_draft(ctx, maintenance=m)
        published, _ = maintenances.publish(ctx, slug=m.slug)
        write.append(time.perf_counter() - start)
        assert published.state is State.PUBLISHED
        start = time.perf_counter()
        got, _ = maintenances.get_maintenance(ctx, slug=m.slug)
        read.append(time.perf_counter() - start)
        assert len(got.interruptions) == rows
        # Baseline: the same rows, bare Core, one transaction each way.
        with store.transaction() as tx:
            ident = tx.conn.execute(
                select(t.maintenances.c.id).where(t.maintenances.c.slug == m.slug)
            ).scalar_one()
            service_id = tx.conn.execute(select(t.services.c.id).limit(1)).scalar_one()
        payload = [
            {
                "maintenance_id": ident,
                "key": f"raw{n}",
                "service_id": service_id,
                "impact": "limited",
                "starts_at": i.starts_at,
                "ends_at": i.ends_at,
                "description_fr": i.description.fr,
                "description_en": i.description.en,
                "position": 10_000 + n,
            }
            for n, i in enumerate(m.interruptions)
        ]
        start = time.perf_counter()
        with store.engine.begin() as conn:
            conn.execute(insert(t.interruptions), payload)
        raw_write.append(time.perf_counter() - start)
        start = time.perf_counter()
        with store.engine.connect() as conn:
            fetched = conn.execute(
                select(t.interruptions).where(t.interruptions.c.maintenance_id == ident)
            ).all()
        raw_read.append(time.perf_counter() - start)
        assert len(fetched) == 2 * rows
        with store.engine.begin() as conn:
            conn.execute(delete(t.interruptions).where(t.interruptions.c.key.like("raw%")))
    store.dispose()
    for what, mine, bare, floor in (
        ("publish (draft + publish)", write, raw_write, "bare insert"),
        ("read back", read, raw_read, "bare select"),
    ):
        ratio = median_ms(mine) / median_ms(bare)
        print(
            f"  {label:10} {what:26} {median_ms(mine):8.1f} ms   "
            f"{floor} {median_ms(bare):6.1f} ms   ratio {ratio:4.1f}×"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"storage benchmark: {args.rows:,} interruptions, medians of {args.repeat}")
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.db", "SQLite", args.rows, args.repeat)
    pg = os.environ.get("PREAVIS_TEST_DATABASE_URL")
    if pg:
        run(pg, "PostgreSQL", args.rows, args.repeat)
    else:
        print("  PostgreSQL: skipped (set PREAVIS_TEST_DATABASE_URL; .ci/postgres.sh start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
