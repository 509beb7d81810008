"""Migration 0003: rows written before the text and instant rules are repaired, so a database
that an older version let take bad data serves every public page again after `db upgrade`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import text

from preavis.actions import public
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import ENGINES, T0, TickingClock, fresh_url

AT = "2025-06-01 00:00:00"


def _migrate_to(store: Store, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", "preavis.storage:migrations")
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def _bad_rows(store: Store) -> None:
    """What versions before the rules accepted: an escape and a line feed in names and
    titles, a bare CR in a description, a window ending in 9999 and one starting in year 1."""
    rows = [
        "INSERT INTO groups (id, slug, name_fr, name_en) VALUES (1, 'g', 'Gr\x1bp', 'Group')",
        "INSERT INTO services (id, slug, name_fr, name_en, group_slug, retired, revision,"
        " created_at, updated_at) VALUES (1, 'shop', 'Bou\ntique', 'Sh\x1bop', 'g', false, 1,"
        f" '{AT}', '{AT}')",
        "INSERT INTO maintenances (id, slug, title_fr, title_en, summary_fr, summary_en,"
        " timezone, state, revision, created_at, updated_at, published_at) VALUES (1, 'm',"
        " 'Titre\r\nBEGIN:VEVENT', 'Title', :summary, '', 'America/Toronto', 'published', 1,"
        f" '{AT}', '{AT}', '{AT}')",
        "INSERT INTO interruptions (id, maintenance_id, key, service_id, impact, starts_at,"
        " ends_at, description_fr, description_en, position) VALUES (1, 1, 'k1', 1,"
        " 'unavailable', '2025-06-22 04:00:00', '9999-12-31 00:00:00', 'Fermé\r', 'Closed', 0)",
        "INSERT INTO interruptions (id, maintenance_id, key, service_id, impact, starts_at,"
        " ends_at, description_fr, description_en, position) VALUES (2, 1, 'k2', 1,"
        " 'limited', '0001-01-01 00:00:00', '0001-01-02 00:00:00', 'Lent', 'Slow', 1)",
    ]
    # SQLite stored a NUL when it came as a parameter; PostgreSQL never did.
    nul = "\x07" if store.engine.url.get_backend_name() == "postgresql" else "\x00"
    with store.engine.begin() as conn:
        for statement in rows:
            params = {"summary": f"Ré{nul}sumé"} if ":summary" in statement else {}
            conn.execute(text(statement), params)


@pytest.mark.parametrize("engine", ENGINES)
def test_upgrade_repairs_what_older_versions_stored(engine: str, tmp_path: Path) -> None:
    store = Store(fresh_url(engine, tmp_path))
    _migrate_to(store, "0002")
    _bad_rows(store)
    store.upgrade()
    clock = TickingClock(T0)
    found = public.public_data(store=store, clock=clock)  # raised before the repair
    (m,) = [p.maintenance for p in found.maintenances]
    assert m.title.fr == "Titre BEGIN:VEVENT" and m.summary.fr.startswith("Ré\ufffd")
    assert found.services[0].name.fr == "Bou tique"
    late, early = sorted(m.interruptions, key=lambda i: i.impact.value, reverse=True)
    assert late.ends_at == datetime.fromisoformat("2199-12-31T23:59Z")
    assert late.description.fr == "Fermé\n"
    assert early.starts_at == datetime.fromisoformat("1900-01-01T00:00Z")
    assert early.ends_at == datetime.fromisoformat("1900-01-01T00:01Z")
    with TestClient(create_app(Settings(database_url=store.url), store=store, clock=clock)) as c:
        for path in ("/fr/", "/en/maintenances/m", "/fr/maintenances/m.ics", "/en/feed.atom",
                     "/api/v2/summary.json", "/api/v1/services"):  # fmt: skip
            assert c.get(path).status_code == 200, path
    store.dispose()
