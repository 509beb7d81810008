"""Writers: 8 concurrent clients write through the admin API for N seconds on each engine; every
answer is 2xx and every acknowledged write is found in the export afterwards."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from .common import Product, Result, postgres_or_none

WRITERS = 8
SHARED = "writers-shared"


def window(hours: int) -> dict[str, str]:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3, hours=hours)
    return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=2)).isoformat()}


def item(hours: int, text: str) -> dict[str, Any]:
    return {
        "service": "boutique-en-ligne",
        "impact": "limited",
        **window(hours),
        "description": {"fr": text, "en": text},
    }


def create_body(slug: str, title: str, hours: int = 0) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": {"fr": title, "en": title},
        "timezone": "America/Toronto",
        "interruptions": [item(hours, title)],
    }


def writer(
    product: Product, n: int, until: float, acked: list[tuple[str, str]], errors: list[str]
) -> None:
    client = product.client()
    token = product.tokens["editor"]
    own = f"writer-{n}"
    count = 0
    while time.monotonic() < until:
        count += 1
        kind = ("create", "shared", "add")[count % 3]
        mark = f"w{n}-{count}"
        if kind == "create":
            method, path, body, ok = (
                "POST",
                "/api/v1/admin/maintenances",
                create_body(f"{own}-{count}", mark),
                201,
            )
        elif kind == "shared":
            method, path, body, ok = (
                "PATCH",
                f"/api/v1/admin/maintenances/{SHARED}",
                {"title": {"fr": mark, "en": mark}},
                200,
            )
        else:
            method, path = "POST", f"/api/v1/admin/maintenances/{SHARED}/interruptions"
            body, ok = {"interruption": item(count % 48, mark)}, 201
        try:
            answer = client.request(method, path, body=body, token=token)
        except OSError as exc:
            errors.append(f"{method} {path}: no answer ({exc})")
            continue
        if answer.status == ok:
            acked.append((kind, mark if kind != "create" else f"{own}-{count}"))
        else:
            errors.append(f"{method} {path} -> {answer.status} {answer.text[:160]!r}")
    client.close()


def lost(export: dict[str, Any], acked: list[tuple[str, str]]) -> list[str]:
    tables = export["tables"]
    slugs = {m["slug"] for m in tables["maintenances"]}
    descriptions = {i["description_en"] for i in tables["interruptions"]}
    history = "\n".join(r["changes"] for r in tables["revisions"])
    missing = []
    for kind, mark in acked:
        if kind == "create" and mark not in slugs:
            missing.append(f"created maintenance {mark} missing")
        elif kind == "add" and mark not in descriptions:
            missing.append(f"added interruption {mark} missing")
        elif kind == "shared" and json.dumps(mark) not in history:
            missing.append(f"title change {mark} missing from the history")
    return missing


def one_engine(url: str | None, seconds: float) -> tuple[int, int, list[str]]:
    with Product(url) as product:
        product.setup()
        product.serve()
        client = product.client()
        made = client.request(
            "POST",
            "/api/v1/admin/maintenances",
            body=create_body(SHARED, "start"),
            token=product.tokens["editor"],
        )
        if made.status != 201:
            return 0, 0, [f"setup: {made.status} {made.text[:200]}"]
        acked: list[tuple[str, str]] = []
        errors: list[str] = []
        until = time.monotonic() + seconds
        threads = [
            threading.Thread(target=writer, args=(product, n, until, acked, errors))
            for n in range(WRITERS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        product.kill()
        missing = lost(product.export(), acked)
    return len(acked), len(errors), errors + missing


def run(quick: bool, seconds: float | None = None, engines: str = "sqlite,postgresql") -> Result:
    seconds = seconds or (3 if quick else 30)
    parts, failures = [], []
    wanted = engines.split(",")
    for engine in ("sqlite", "postgresql"):
        if engine not in wanted:
            continue
        with postgres_or_none(engine == "postgresql") as pg:
            if engine == "postgresql" and pg is None:
                parts.append("PostgreSQL: not available")
                continue
            url = pg.fresh_database() if pg else None
            acked, errors, problems = one_engine(url, seconds)
        lost_count = len(problems) - errors
        parts.append(f"{engine}: {acked} writes acked, {errors} errors, {lost_count} lost")
        failures += [f"{engine}: {p}" for p in problems]
    figures = f"{WRITERS} writers × {seconds:g} s — " + "; ".join(parts)
    return Result("writers", figures, failures)
