"""The database commands, driven as an operator would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.test_cli import run


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages; tests/test_cli_language.py reads the French."""
    monkeypatch.setenv("PREAVIS_LANG", "en")


def test_commands_need_a_database_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "service", "list")
    assert code == 1
    assert "run `preavis db upgrade` first" in err


def test_demo_flow(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "apply", "--publish", "--json")
    assert code == 0
    assert json.loads(out)["published"] == ["maintenance:mise-a-niveau-2025"]
    code, out, _ = run(capsys, "apply", "--publish", "--json")
    assert json.loads(out)["created"] == json.loads(out)["updated"] == []
    # Without a file, status now reads the database.
    code, out, _ = run(capsys, "status", "--at", "2025-06-28T12:00-04:00", "--json",
                       "--service", "ramassage-colis")  # fmt: skip
    assert json.loads(out)["services"][0]["back_at"] == "2025-07-02T07:00:00-04:00"
    code, out, _ = run(capsys, "token", "create", "--name", "bot", "--role", "editor", "--json")
    assert json.loads(out)["token"].startswith("pvs_")
    code, out, _ = run(capsys, "token", "list", "--json")
    assert json.loads(out)["tokens"][0]["name"] == "bot"
    assert "pvs_" not in out


def test_maintenance_commands_and_history(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    assert run(capsys, "service", "create", "shop", "--fr", "Boutique", "--en", "Shop")[0] == 0
    code, out, _ = run(capsys, "maintenance", "create", "upgrade", "--fr", "Mise à niveau",
                       "--en", "Upgrade", "--json")  # fmt: skip
    assert json.loads(out)["state"] == "draft"
    code, out, err = run(
        capsys, "maintenance", "add-interruption", "upgrade", "--service", "shop",
        "--impact", "unavailable", "--from", "2099-03-08 01:00", "--until", "2099-03-08 05:00",
        "--timezone", "America/Toronto", "--fr", "Fermée.", "--en", "Closed.", "--json",
        "--revision", "1", "--reason", "first window",
    )  # fmt: skip
    assert code == 0, err
    added = json.loads(out)
    assert (
        added["interruptions"][0]["ends_at"] == "2099-03-08T05:00:00-04:00"
    )  # across the DST change
    key = added["interruptions"][0]["key"]
    code, _, err = run(capsys, "maintenance", "publish", "upgrade", "--revision", "1")
    assert code == 1
    assert "revision 2, not 1" in err
    assert run(capsys, "maintenance", "publish", "upgrade")[0] == 0
    code, out, _ = run(capsys, "maintenance", "extend", "upgrade", "--until",
                       "2099-03-08T07:00-04:00", "--reason", "running late")  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "history", "upgrade", "--json")
    revisions = json.loads(out)["revisions"]
    assert [r["reason"] for r in revisions] == ["created", "first window", "", "running late"]
    assert {c["field"] for c in revisions[-1]["changes"]} == {f"interruptions.{key}.ends_at"}
    code, out, _ = run(capsys, "history", "upgrade")  # read by a person: the maintenance's zone
    assert code == 0
    assert (
        f"interruptions.{key}.ends_at: March 8, 2099, 5 a.m. ET → March 8, 2099, 7 a.m. ET" in out
    )
    assert f"interruptions.{key}.impact: — → unavailable" in out
    assert "state: draft → published" in out
    assert "UTC" not in out and "+00:00" not in out
    code, _, err = run(capsys, "service", "retire", "shop")
    assert code == 1
    assert "still to come" in err
    assert run(capsys, "maintenance", "cancel", "upgrade", "--reason", "postponed")[0] == 0
    assert run(capsys, "service", "retire", "shop")[0] == 0


def test_export_restore(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "db", "upgrade")
    run(capsys, "apply", "--publish")
    backup = tmp_path / "backup.json"
    assert run(capsys, "export", "-o", str(backup))[0] == 0
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{tmp_path}/second.db")
    run(capsys, "db", "upgrade")
    code, out, _ = run(capsys, "restore", str(backup))
    assert code == 0
    assert "28 interruptions" in out
    code, out, _ = run(capsys, "export")
    assert json.loads(out) == json.loads(backup.read_text(encoding="utf-8"))
    code, _, err = run(capsys, "restore", str(backup))
    assert code == 1
    assert "empty database" in err


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds are not beside this checkout")
def test_import_a_notice(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    code, out, err = run(capsys, "maintenance", "import", str(SEED), "--year", "2025",
                         "--slug", "ete-2025", "--json")  # fmt: skip
    assert code == 0, err
    assert len(json.loads(out)["interruptions"]) == 28
    assert "minuit" in err  # the reader's warnings are shown
    code, _, err = run(capsys, "maintenance", "publish", "ete-2025")
    assert code == 1
    assert "missing translations" in err


def test_an_unreachable_database_says_so_not_that_it_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_DATABASE_URL", "postgresql+psycopg://preavis@127.0.0.1:1/nowhere")
    code, _, err = run(capsys, "service", "list")
    assert code == 1
    assert err.startswith("preavis: error: the database is unavailable (")
    assert "127.0.0.1" in err  # the operator is told where
    assert "db upgrade" not in err
