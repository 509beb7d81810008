"""Backup benchmark: `preavis export` and `restore` (format version 2) of the built-in example
with N subscribers, each sent the announcement (N deliveries), on SQLite; beside a bare load
of the same rows (instants parsed, inserted in one transaction, nothing checked) in the same
run. Three rounds; the medians, and the median of the ratios restore / bare load (what the
checks cost).

Usage:

    python bench/backup_bench.py [--subscribers 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from preavis.actions import Context, backup, data, subscriptions
from preavis.actions.files import example_text
from preavis.clock import SystemClock
from preavis.domain.access import Actor, Role
from preavis.formats.schedule import load_schedule
from preavis.storage import Store, schema

KEY = "bench-key-" + "k" * 40


def _context(store: Store) -> Context:
    return Context(store, SystemClock(), Actor("bench", Role.ADMIN))


def build(folder: Path, subscribers: int) -> dict[str, object]:
    store = Store(f"sqlite:///{folder}/source.db")
    store.upgrade()
    ctx = _context(store)
    rows = "".join(f"p{n}@example.org,{'fr' if n % 2 else 'en'},\n" for n in range(subscribers))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="bench")
    data.apply_schedule(ctx, schedule=load_schedule(example_text()).schedule, publish=True)
    document = backup.export_data(ctx, key=backup.SiteKey(KEY))
    store.dispose()
    return json.loads(json.dumps(document))


def bare_rows(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as the database takes them, instants parsed, nothing checked."""
    table = schema.metadata.tables[name]
    instants = {c.name for c in table.columns if isinstance(c.type, schema.UTCDateTime)}
    return [
        {k: datetime.fromisoformat(v) if k in instants and v else v for k, v in row.items()}
        for row in rows
    ]


def fresh(folder: Path, name: str) -> Store:
    store = Store(f"sqlite:///{folder}/{name}.db")
    store.upgrade()
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="preavis-backup-bench-") as tmp:
        folder = Path(tmp)
        document = build(folder, args.subscribers)
        tables = document["tables"]
        assert isinstance(tables, dict)
        size = len(json.dumps(document, ensure_ascii=False, indent=1).encode())
        rows = sum(len(v) for v in tables.values())
        print(
            f"example + {args.subscribers} subscribers: {rows} rows, "
            f"{len(tables['deliveries'])} deliveries, file {size / 1e6:.1f} MB"
        )
        exports, restores, bares, ratios = [], [], [], []
        for n in range(args.rounds):
            bare = fresh(folder, f"bare{n}")
            started = time.perf_counter()
            with bare.transaction() as tx:
                for name in backup.CARRIED:
                    tx.load_rows(name, bare_rows(name, tables[name]))
            bares.append(time.perf_counter() - started)
            bare.dispose()

            target = fresh(folder, f"restored{n}")
            started = time.perf_counter()
            done = backup.restore_data(_context(target), document=document, key=backup.SiteKey(KEY))
            restores.append(time.perf_counter() - started)
            assert done.counts["deliveries"] == args.subscribers
            started = time.perf_counter()
            again = backup.export_data(_context(target), key=backup.SiteKey(KEY))
            exports.append(time.perf_counter() - started)
            assert again == document  # the same document, or the figures mean nothing
            target.dispose()
            ratios.append(restores[-1] / bares[-1])
        print(f"export            median {statistics.median(exports):.2f} s")
        print(f"restore           median {statistics.median(restores):.2f} s")
        print(f"bare load         median {statistics.median(bares):.2f} s (same rows, no check)")
        print(f"ratio restore / bare load: median {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
