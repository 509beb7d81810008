"""`preavis export` and `restore` driven as an operator would after losing the machine: what
they print in French and English (plurals through Babel), the key that must come along, and a
damaged file refused in one line, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.notify.receiver import receiving
from tests.test_cli import run

NB = "\u00a0"
PEOPLE = "email,language,services\nann@example.org,fr,\nben@example.org,en,\ncal@example.org,fr,\n"


@pytest.fixture
def site(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """A SQLite site without PREAVIS_SECRET_KEY (its key in cli.db.secret): a published
    maintenance, three subscribers, a webhook and a person who signs in; exported."""
    monkeypatch.setenv("PREAVIS_LANG", "en")
    monkeypatch.setenv("PREAVIS_WEBHOOK_ALLOW_PRIVATE", "1")
    monkeypatch.delenv("PREAVIS_SECRET_KEY", raising=False)
    assert run(capsys, "db", "upgrade")[0] == 0
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    assert run(capsys, "subscribers", "import", str(people))[0] == 0
    with receiving() as receiver:
        code, _, err = run(capsys, "webhooks", "add", f"{receiver.url}/in", "--lang", "en")
    assert code == 0, err
    assert run(capsys, "user", "create", "--email", "ana@example.org", "--role", "admin")[0] == 0
    assert run(capsys, "apply", "--publish")[0] == 0  # announced to all three and the webhook
    assert (tmp_path / "cli.db.secret").exists()
    backup = tmp_path / "backup.json"
    code, out, err = run(capsys, "export", "-o", str(backup))
    assert (code, out) == (0, ""), err
    return backup


def _empty_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{path}")
    assert run(capsys, "db", "upgrade")[0] == 0


def test_restore_needs_the_old_key_and_says_where_it_goes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    site: Path,
) -> None:
    second = tmp_path / "second.db"
    _empty_database(capsys, monkeypatch, second)
    code, out, err = run(capsys, "restore", str(site))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("preavis: error: the webhooks, channels and subscribers' links")
    assert (
        "copy the old site's key (the file named like its database, followed by .secret) to "
        f"{second}.secret" in err
    )
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    code, _, err = run(capsys, "restore", str(site))
    assert code == 1
    assert (
        "copiez la clé de l’ancien site (le fichier nommé comme sa base de données, suivi de "
        f".secret) vers {second}.secret" in err
    )
    assert json.loads(run(capsys, "maintenance", "list", "--json")[1]) == {"maintenances": []}

    # The same key set another way, but not the same key: said, and nothing written.
    monkeypatch.setenv("PREAVIS_SECRET_KEY", "n" * 40)
    code, _, err = run(capsys, "restore", str(site))
    assert code == 1
    assert f"et PREAVIS_SECRET_KEY n’est pas cette clé{NB}: donnez à PREAVIS_SECRET_KEY" in err
    monkeypatch.delenv("PREAVIS_SECRET_KEY")

    # The operator copies the old key beside the new database: restored, said in French.
    shutil.copy(tmp_path / "cli.db.secret", f"{second}.secret")
    code, out, err = run(capsys, "restore", str(site))
    assert code == 0, err
    first, due, sessions = out.strip().splitlines()
    assert first.startswith(f"restauré{NB}: 7 groupes, 26 services, 1 maintenance, ")
    assert ", 1 utilisateur, 3 abonnés, 1 événement, 3 envois, " in first
    assert first.endswith(
        ", 1 webhook ou canal, 1 envoi aux webhooks et canaux, 0 réglage de rappels, "
        "0 autre nom de service retenu"
    )
    assert due == "4 envois en attente, que le worker fera"  # the announcement, queued
    assert sessions == (
        f"les sessions ne font pas partie d’une sauvegarde{NB}: chaque utilisateur se connecte "
        "de nouveau"
    )
    # Exported again: the same document.
    code, out, _ = run(capsys, "export")
    assert json.loads(out) == json.loads(site.read_text("utf-8"))


def test_restore_says_its_counts_in_english(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    site: Path,
) -> None:
    monkeypatch.setenv("PREAVIS_SECRET_KEY", (tmp_path / "cli.db.secret").read_text().strip())
    _empty_database(capsys, monkeypatch, tmp_path / "third.db")
    code, out, err = run(capsys, "restore", str(site))
    assert code == 0, err
    first, due, sessions = out.strip().splitlines()
    assert first.startswith("restored: 7 groups, 26 services, 1 maintenance, ")
    assert ", 1 user, 3 subscribers, 1 event, 3 deliveries, " in first
    assert first.endswith(
        ", 1 webhook or channel, 1 delivery to webhooks and channels, 0 reminder settings, "
        "0 remembered service names"
    )
    assert due == "4 deliveries still to send, which the worker will do"
    assert sessions == "sessions are not part of a backup: each user signs in again"


def test_a_damaged_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    site: Path,
) -> None:
    document = json.loads(site.read_text("utf-8"))
    document["tables"]["subscribers"][2]["consent_at"] = "last Tuesday"
    site.write_text(json.dumps(document), "utf-8")
    shutil.copy(tmp_path / "cli.db.secret", tmp_path / "fourth.db.secret")
    _empty_database(capsys, monkeypatch, tmp_path / "fourth.db")
    code, out, err = run(capsys, "restore", str(site))
    assert (code, out) == (1, "")
    assert err == (
        "preavis: error: table 'subscribers', row 3 (id 3), field 'consent_at': must be an "
        "RFC 3339 instant with its offset, such as 2025-06-30T23:00:00+00:00, not "
        "'last Tuesday'\n"
    )
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    code, _, err = run(capsys, "restore", str(site))
    assert err.startswith(
        f"preavis{NB}: erreur{NB}: table «{NB}subscribers{NB}», ligne 3 (id 3), champ "
        f"«{NB}consent_at{NB}»{NB}: doit être un instant RFC 3339"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_carried_table_is_counted_in_words_after_a_restore(lang: str) -> None:
    """`restore` counts each table it restored; a table added to the backup without its words
    would be printed under its SQL name ("0 service_aliases") in both languages."""
    from preavis.cli import speech
    from preavis.storage.backup import CARRIED

    missing = [table for table in CARRIED if table not in speech._PLURALS[lang]]
    assert missing == []
