"""PREAVIS_DATABASE_URL as operators write it: the `postgres://` form many hosts hand out is
PostgreSQL; a driver Préavis does not use is named, never an "internal error"."""

from __future__ import annotations

import pytest

from tests.conftest import PG_URL
from tests.test_cli import run


@pytest.mark.parametrize(
    ("url", "lang", "expected"),
    [
        (
            "postgresql+psycopg2://preavis@127.0.0.1:54371/preavis",
            "en",
            "preavis: error: PostgreSQL is reached with psycopg 3, not 'psycopg2': write"
            " postgresql+psycopg://… (or postgresql://…)",
        ),
        (
            "postgresql+asyncpg://preavis@127.0.0.1:54371/preavis",
            "fr",
            "preavis\u00a0: erreur\u00a0: PostgreSQL est joint avec psycopg 3, pas"
            " «\u00a0asyncpg\u00a0»\u00a0: écrivez postgresql+psycopg://… (ou postgresql://…)",
        ),
    ],
)
def test_another_postgresql_driver_is_named(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    lang: str,
    expected: str,
) -> None:
    monkeypatch.setenv("PREAVIS_DATABASE_URL", url)
    monkeypatch.setenv("PREAVIS_LANG", lang)
    code, _, err = run(capsys, "deliveries")
    assert code == 1
    assert err.strip() == expected


@pytest.mark.postgres
def test_the_postgres_scheme_is_postgresql(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if not PG_URL:
        pytest.skip("PostgreSQL leg: set PREAVIS_TEST_DATABASE_URL (.ci/postgres.sh start)")
    url = PG_URL.replace("postgresql+psycopg://", "postgres://", 1)
    monkeypatch.setenv("PREAVIS_DATABASE_URL", url)
    code, out, err = run(capsys, "db", "upgrade")
    assert code == 0, err
    assert "schema" in out or "schéma" in out
