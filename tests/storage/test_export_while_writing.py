"""`preavis export` on a running system: staff keep writing while the backup is read, table
after table. The export must be one moment of the database (PostgreSQL reads each statement at
its own moment under READ COMMITTED), or it holds interruptions and revisions of a maintenance
it does not hold, and restoring it fails. Both engines."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import catalogue, data, maintenances
from preavis.domain import Impact, Interruption, State, Text
from preavis.storage import Store, Tx
from tests.conftest import ENGINES, T0, context, fresh_url, make_maintenance, make_service


def draft(slug: str) -> Any:
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    return make_maintenance(item, slug=slug, state=State.DRAFT)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_export_taken_during_writes_is_one_moment_and_restores(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(fresh_url(engine, tmp_path / "a"))
    store.upgrade()
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service("shop"))
    maintenances.create_draft(ctx, maintenance=draft("before"))

    writer = Store(store.url)  # another process, as it were: its own connections
    rows = Tx.rows
    wrote: list[str] = []

    def rows_while_someone_writes(self: Tx, name: str) -> list[dict[str, Any]]:
        if name == "interruptions" and not wrote:  # the maintenances are read already
            maintenances.create_draft(context(writer), maintenance=draft("during"))
            wrote.append("during")
        return rows(self, name)

    monkeypatch.setattr(Tx, "rows", rows_while_someone_writes)
    try:
        document = data.export_data(ctx)
    finally:
        monkeypatch.setattr(Tx, "rows", rows)
        writer.dispose()
    assert wrote == ["during"]
    tables = document["tables"]
    slugs = {m["slug"] for m in tables["maintenances"]}
    ids = {m["id"] for m in tables["maintenances"]}
    assert slugs == {"before"}  # the export began before "during" was written
    assert {i["maintenance_id"] for i in tables["interruptions"]} <= ids
    assert {r["maintenance_id"] for r in tables["revisions"] if r.get("maintenance_id")} <= ids

    copy = Store(fresh_url(engine, tmp_path / "b") if engine == "sqlite" else store.url)
    if engine == "postgresql":  # one PostgreSQL database for the tests: empty it first
        copy.dispose()
        copy = Store(fresh_url(engine, tmp_path / "b"))
    store.dispose()
    copy.upgrade()
    try:
        done = data.restore_data(context(copy), document=json.loads(json.dumps(document)))
        assert done.counts["maintenances"] == 1
    finally:
        copy.dispose()
