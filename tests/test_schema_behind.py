"""New code on a database not migrated yet (the usual slip of an upgrade: the package updated,
`preavis db upgrade` not run): every command that uses the database says what to run, in one
line in the operator's language, instead of an "internal error" quoting SQL; `preavis serve`
does not start serving 500s; /healthz does not say "ok"."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient

from preavis.storage import Store
from preavis.web.app import create_app
from tests.test_cli import run

NB = "\u00a0"


def old_database(path: Path, version: str = "0006") -> str:
    url = f"sqlite:///{path}/old.db"
    store = Store(url)
    config = Config()
    config.set_main_option("script_location", "preavis.storage:migrations")
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, version)
    store.dispose()
    return url


@pytest.mark.parametrize("argv", [["apply"], ["status"], ["deliveries"], ["serve", "--port", "0"]])
def test_commands_on_an_old_schema_say_to_upgrade(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
) -> None:
    url = old_database(tmp_path)
    monkeypatch.setenv("PREAVIS_DATABASE_URL", url)
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert err.strip() == (
        f"preavis{NB}: erreur{NB}: la base de données {url} a le schéma 0006 et cette version"
        f" de Préavis demande 0008{NB}: lancez `preavis db upgrade`"
    )


def test_in_english_and_after_the_upgrade(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = old_database(tmp_path)
    monkeypatch.setenv("PREAVIS_DATABASE_URL", url)
    monkeypatch.setenv("PREAVIS_LANG", "en")
    code, _, err = run(capsys, "apply")
    assert code == 1
    assert err.strip() == (
        f"preavis: error: the database {url} has schema 0006 and this Préavis needs 0008:"
        " run `preavis db upgrade`"
    )
    assert run(capsys, "db", "upgrade")[0] == 0
    code, _, err = run(capsys, "apply")
    assert code == 0, err


def test_healthz_on_an_old_schema_is_not_ok(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = old_database(tmp_path)
    monkeypatch.setenv("PREAVIS_DATABASE_URL", url)
    with TestClient(create_app()) as client:
        answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "schema_behind", "schema": "0006", "needs": "0008"}
