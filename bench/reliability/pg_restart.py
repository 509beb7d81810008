"""PostgreSQL restart: warm the public pages, stop PostgreSQL for 10 s while requesting them
(cached pages must keep answering 200), start it again, and time until the admin API works
again without restarting Préavis."""

from __future__ import annotations

import threading
import time
from collections import Counter

from .common import EXAMPLE, Product, Result, postgres_or_none

PAGES = [
    "/fr/",
    "/en/",
    f"/fr/maintenances/{EXAMPLE}",
    "/api/v2/summary.json",
    "/fr/calendar.ics",
    "/fr/feed.atom",
]


def run(quick: bool, outage: float | None = None) -> Result:
    outage = outage or (3 if quick else 10)
    with postgres_or_none() as pg:
        if pg is None:
            return Result("pg-restart", "PostgreSQL not installed", available=False)
        with Product(pg.fresh_database()) as product:
            product.setup()
            product.serve()
            client = product.client()
            for _ in range(2):
                for page in PAGES:
                    client.request("GET", page)
            statuses: Counter[str] = Counter()
            bad: list[str] = []
            stop = threading.Event()

            def visit() -> None:
                reader = product.client(timeout=5)
                while not stop.is_set():
                    for page in PAGES:
                        try:
                            status = reader.request("GET", page).status
                        except OSError as exc:
                            status, detail = 0, repr(exc)
                        statuses[str(status)] += 1
                        if status != 200 and len(bad) < 20:
                            bad.append(f"GET {page} -> {status or detail} during the outage")
                    time.sleep(0.02)

            thread = threading.Thread(target=visit)
            thread.start()
            failures: list[str] = []
            try:
                time.sleep(1)
                pg.stop()
                down = time.monotonic()
                time.sleep(outage)
                pg.start()
                up = time.monotonic()
            finally:
                stop.set()
                thread.join()
            failures += bad
            recovered = None
            admin = product.client(timeout=5)
            while time.monotonic() - up < 60:
                try:
                    answer = admin.request(
                        "GET", "/api/v1/admin/maintenances", token=product.tokens["viewer"]
                    )
                    if answer.status == 200:
                        recovered = time.monotonic() - up
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            if recovered is None:
                failures.append("admin API still failing 60 s after PostgreSQL came back")
            write = admin.request(
                "PATCH",
                f"/api/v1/admin/maintenances/{EXAMPLE}",
                token=product.tokens["admin"],
                body={"title": {"fr": "Après la panne", "en": "After the outage"}},
            )
            if write.status != 200:
                failures.append(f"a write after recovery: {write.status} {write.text[:160]!r}")
    requests = sum(statuses.values())
    non_200 = requests - statuses["200"]
    figures = (
        f"PostgreSQL down {outage:g} s ({up - down:.1f} s measured): {requests} public requests, "
        f"{non_200} not 200; admin API back {recovered:.1f} s after restart"
        if recovered is not None
        else f"PostgreSQL down {outage:g} s: {requests} public requests, {non_200} not 200; "
        "admin API not back"
    )
    return Result("pg-restart", figures, failures)
