"""The schema: migrations, UTC instants, and a fresh database equal to a migrated one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from preavis.domain import Impact, Interruption, Text
from preavis.domain.changes import with_keys
from preavis.domain.errors import StorageUnavailableError, ValidationError
from preavis.storage import Store
from preavis.storage.schema import metadata
from tests.conftest import ENGINES, fresh_url, make_maintenance, make_service


def test_upgrade_is_idempotent(store: Store) -> None:
    assert store.version() == "0008"
    assert store.upgrade() == "0008"
    assert {"services", "maintenances", "interruptions", "revisions", "tokens"} <= set(
        store.table_names()
    )


def test_migrated_schema_matches_the_model(store: Store) -> None:
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_fresh_and_migrated_databases_are_identical(engine: str, tmp_path: Path) -> None:
    def describe(url: str) -> dict[str, object]:
        eng = create_engine(url)
        inspector = inspect(eng)
        shape = {
            name: (
                sorted(
                    (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)
                ),
                sorted(str(sorted(i["column_names"])) for i in inspector.get_indexes(name)),
                sorted(
                    str(sorted(u["column_names"])) for u in inspector.get_unique_constraints(name)
                ),
                sorted(str(f["referred_table"]) for f in inspector.get_foreign_keys(name)),
            )
            for name in inspector.get_table_names()
            if name != "alembic_version"
        }
        eng.dispose()
        return shape

    url = fresh_url(engine, tmp_path)
    migrated = Store(url)
    migrated.upgrade()
    by_migration = describe(url)
    migrated.dispose()
    url = f"sqlite:///{tmp_path}/fresh.db" if engine == "sqlite" else fresh_url(engine, tmp_path)
    eng = create_engine(url)
    metadata.create_all(eng)
    eng.dispose()
    assert describe(url) == by_migration


def test_instants_keep_their_moment(store: Store) -> None:
    start = datetime.fromisoformat("2025-11-02T01:30-04:00")  # the first of two 1:30s
    end = datetime.fromisoformat("2025-11-02T01:30-05:00")  # the second, an hour later
    item = Interruption("online-shop", Impact.UNAVAILABLE, start, end, Text("x", "y"))
    with store.transaction() as tx:
        tx.insert_service(make_service(), start)
        tx.insert_maintenance(with_keys(make_maintenance(item)), start)
    with store.reading() as tx:
        found = tx.maintenance("upgrade")
    assert found is not None
    stored = found[0].interruptions[0]
    assert (stored.starts_at, stored.ends_at) == (start, end)
    assert stored.starts_at.utcoffset() is not None


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("postgresql+psycopg://preavis@127.0.0.1:1/nowhere", "127.0.0.1"),  # nothing listens
        ("sqlite:///{tmp}/no-such-folder/preavis.db", "unable to open"),
    ],
)
def test_an_unreachable_database_is_unavailable_and_says_nothing_of_it(
    tmp_path: Path, url: str, where: str
) -> None:
    store = Store(url.format(tmp=tmp_path))
    for use in (store.reading, store.transaction):
        with pytest.raises(StorageUnavailableError) as caught, use():
            pass  # pragma: no cover - the connection fails first
        assert str(caught.value) == "the database is unavailable"
        assert where in caught.value.detail  # for the operator's log and command line
    with pytest.raises(StorageUnavailableError, match=r"^the database is unavailable$"):
        store.version()
    store.dispose()


def test_a_value_the_engine_refuses_is_a_validation_error_naming_the_field(store: Store) -> None:
    """PostgreSQL refuses NUL in text, which SQLite stores: the driver's DataError is mapped at
    the storage boundary, never a 500."""
    with store.reading() as tx:
        if store.engine.dialect.name == "sqlite":
            assert tx.service("a\x00b") is None
            return
    with pytest.raises(ValidationError) as caught, store.reading() as tx:
        tx.service("a\x00b")
    assert caught.value.field == "slug"
    assert "NUL" in str(caught.value)
