"""Editors: two editors PATCH the same revision at the same moment, again and again; each time
exactly one wins (200) and the other is told someone changed it first (412)."""

from __future__ import annotations

import threading
from collections import Counter

from .common import Product, Result
from .writers import create_body

SLUG = "editors-race"


def run(quick: bool, rounds: int | None = None) -> Result:
    rounds = rounds or (10 if quick else 50)
    failures: list[str] = []
    outcomes: Counter[str] = Counter()
    with Product() as product:
        product.setup()
        product.serve()
        token = product.tokens["editor"]
        setup = product.client()
        made = setup.request(
            "POST", "/api/v1/admin/maintenances", body=create_body(SLUG, "r"), token=token
        )
        if made.status != 201:
            return Result("editors", "setup failed", [f"{made.status} {made.text[:200]}"])
        clients = [product.client(), product.client()]
        for round_ in range(rounds):
            current = setup.request("GET", f"/api/v1/admin/maintenances/{SLUG}", token=token)
            etag = current.headers.get("etag", "")
            barrier = threading.Barrier(2)
            statuses = [0, 0]

            def edit(
                i: int,
                etag: str = etag,
                barrier: threading.Barrier = barrier,
                statuses: list[int] = statuses,
                round_: int = round_,
            ) -> None:
                title = f"round {round_} editor {i}"
                barrier.wait()
                answer = clients[i].request(
                    "PATCH",
                    f"/api/v1/admin/maintenances/{SLUG}",
                    token=token,
                    body={"title": {"fr": title, "en": title}},
                    headers={"If-Match": etag},
                )
                statuses[i] = answer.status

            threads = [threading.Thread(target=edit, args=(i,)) for i in (0, 1)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            outcome = "+".join(str(s) for s in sorted(statuses))
            outcomes[outcome] += 1
            if outcome != "200+412":
                failures.append(f"round {round_} (If-Match {etag}): {outcome}")
    figures = f"{rounds} rounds: " + ", ".join(f"{k} ×{v}" for k, v in sorted(outcomes.items()))
    return Result(
        "editors", figures, failures, details={"rounds": rounds, "ok": outcomes["200+412"]}
    )
