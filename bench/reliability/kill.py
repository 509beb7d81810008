"""Kill -9: during `preavis apply` of a large generated schedule, and during a stream of admin
writes; afterwards `preavis export` must show each write whole or not at all, every
acknowledged write kept, and the server must start again on the same database."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from typing import Any

from .common import Client, Product, Result, postgres_or_none, preavis_command
from .writers import item

PER_WRITE = 20  # interruptions in each maintenance written by the admin stream


def schedule_file(tag: str, services: int, interruptions: int) -> str:
    lines = ["preavis: 1", "services:"]
    for s in range(services):
        lines += [f"  - slug: {tag}-s{s}", f'    name: {{fr: "Service {s}", en: "Service {s}"}}']
    lines += [
        "maintenances:",
        f"  - slug: {tag}",
        f'    title: {{fr: "Tuer {tag}", en: "Kill {tag}"}}',
        "    timezone: America/Toronto",
        "    interruptions:",
    ]
    for i in range(interruptions):
        day, hour = 1 + (i // 12) % 28, (i * 2) % 24
        lines += [
            f"      - service: {tag}-s{i % services}",
            "        impact: limited",
            f"        starts_at: 2030-{1 + i // 336 % 12:02d}-{day:02d}T{hour:02d}:00+00:00",
            f"        ends_at: 2030-{1 + i // 336 % 12:02d}-{day:02d}T{hour:02d}:30+00:00",
            f'        description: {{fr: "Description {i}", en: "Description {i}"}}',
        ]
    return "\n".join(lines) + "\n"


def whole_or_none(export: dict[str, Any], tag: str, services: int, interruptions: int) -> str:
    """'all', 'none' or a description of the partial state."""
    tables = export["tables"]
    have_services = sum(1 for s in tables["services"] if s["slug"].startswith(f"{tag}-s"))
    found = [m for m in tables["maintenances"] if m["slug"] == tag]
    have_items = sum(
        1 for i in tables["interruptions"] if found and i["maintenance_id"] == found[0]["id"]
    )
    published = bool(found) and found[0].get("state") == "published"
    if have_services == services and found and have_items == interruptions and published:
        return "all"
    if have_services == 0 and not found:
        return "none"
    presence = "present" if found else "absent"
    return (
        f"partial: {have_services}/{services} services, maintenance {presence}, "
        f"{have_items}/{interruptions} interruptions, published={published}"
    )


def during_apply(
    product: Product, rounds: int, size: int, rnd: random.Random
) -> tuple[list[str], list[str]]:
    services = max(size // 10, 1)
    outcomes, failures = [], []
    # One timed run first: the kills land between 10 % and 95 % of it.
    (product.folder / "warm.yaml").write_text(schedule_file("warm", services, size))
    started = time.monotonic()
    product.cli("apply", "warm.yaml", "--publish")
    duration = time.monotonic() - started
    for r in range(rounds):
        tag = f"kill-{r}"
        (product.folder / f"{tag}.yaml").write_text(schedule_file(tag, services, size))
        process = subprocess.Popen(
            [*preavis_command(), "apply", f"{tag}.yaml", "--publish"],
            env=product.env,
            cwd=product.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * rnd.uniform(0.1, 0.95))
        process.send_signal(signal.SIGKILL)
        process.wait()
        try:
            state = whole_or_none(product.export(), tag, services, size)
        except Exception as exc:
            state = f"export failed: {exc}"
        outcomes.append(state.split(":")[0])
        if state not in ("all", "none"):
            failures.append(f"apply {tag} killed: {state}")
    return outcomes, failures


def during_writes(
    product: Product, rounds: int, rnd: random.Random, quick: bool
) -> tuple[list[str], list[str]]:
    outcomes, failures = [], []
    for r in range(rounds):
        product.serve()
        client = product.client()
        acked: list[str] = []
        stop = threading.Event()

        def stream(
            r: int = r,
            acked: list[str] = acked,
            stop: threading.Event = stop,
            client: Client = client,
        ) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                slug = f"stream-{r}-{n}"
                body = {
                    "slug": slug,
                    "title": {"fr": slug, "en": slug},
                    "timezone": "America/Toronto",
                    "interruptions": [item(k, f"{slug} {k}") for k in range(PER_WRITE)],
                }
                try:
                    answer = client.request(
                        "POST",
                        "/api/v1/admin/maintenances",
                        body=body,
                        token=product.tokens["editor"],
                    )
                except OSError:
                    return  # the server was killed under this request
                if answer.status == 201:
                    acked.append(slug)

        thread = threading.Thread(target=stream)
        thread.start()
        time.sleep(rnd.uniform(0.3, 1.0) if quick else rnd.uniform(0.5, 2.0))
        product.kill(signal.SIGKILL)
        stop.set()
        thread.join()
        client.close()
        tables = product.export()["tables"]
        ids = {
            m["slug"]: m["id"]
            for m in tables["maintenances"]
            if m["slug"].startswith(f"stream-{r}-")
        }
        counts = {
            slug: sum(1 for i in tables["interruptions"] if i["maintenance_id"] == id_)
            for slug, id_ in ids.items()
        }
        problems = [f"{s} acknowledged but missing" for s in acked if s not in ids]
        problems += [
            f"{s} has {c}/{PER_WRITE} interruptions" for s, c in counts.items() if c != PER_WRITE
        ]
        failures += [f"writes killed (round {r}): {p}" for p in problems]
        outcomes.append(f"{len(acked)} acked/{len(ids)} stored")
        product.serve()  # the same database starts again and answers
        answer = product.client().request(
            "GET", "/api/v1/admin/maintenances", token=product.tokens["viewer"]
        )
        if answer.status != 200:
            failures.append(f"after kill (round {r}): restarted server answers {answer.status}")
        product.kill(signal.SIGTERM)
    return outcomes, failures


def run(quick: bool, engines: str = "sqlite,postgresql") -> Result:
    rnd = random.Random(9)
    rounds, size = (2, 500) if quick else (5, 20000)
    wanted = ["sqlite"] if quick else engines.split(",")
    parts, failures = [], []
    for engine in ("sqlite", "postgresql"):
        if engine not in wanted:
            continue
        with postgres_or_none(engine == "postgresql") as pg:
            if engine == "postgresql" and pg is None:
                parts.append("PostgreSQL: not available")
                continue
            with Product(pg.fresh_database() if pg else None) as product:
                product.setup()
                applied, fail_a = during_apply(product, rounds, size, rnd)
                written, fail_w = during_writes(product, rounds, rnd, quick)
        failures += [f"{engine}: {f}" for f in fail_a + fail_w]
        parts.append(
            f"{engine}: apply of {size} killed ×{rounds} → {', '.join(applied)}; "
            f"writes killed ×{rounds} → {', '.join(written)}"
        )
    return Result("kill", "; ".join(parts), failures)
