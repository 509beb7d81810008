"""`preavis key rotate` and `preavis restore --without-key` as an operator runs them on a SQLite
site (its key in a file beside the database): the key files replaced whole (0600), the webhook
verified at a real local receiver after the change, an unsubscribe link taken from a real
e-mail (.eml backend) sent before the change still working through the site during the grace
and a forged one never; a change that cannot open one value leaves everything as it was; a
restore without the key says what it cost (plurals, both languages) and sends nothing to a
webhook until it is given a new secret."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeSerializer
from standardwebhooks.webhooks import Webhook

from preavis.settings import Settings
from preavis.web.app import create_app
from tests.notify.receiver import receiving
from tests.test_cli import run
from tests.test_cli_backup import PEOPLE, site  # noqa: F401 (the fixture)

NB = "\u00a0"
SHOWN = "signing secret (shown once; receivers verify with it): "


def _mails(outbox: Path) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        found.setdefault(str(message["To"]), []).append(message)
    return found


def _token(message: EmailMessage) -> str:
    found = re.search(r"token=([^>&\s]+)", str(message["List-Unsubscribe"]))
    assert found, message["List-Unsubscribe"]
    return found.group(1)


def _unsubscribe(token: str) -> int:
    """What the site answers to the one-click unsubscribe link (a fresh app: a restarted node)."""
    with TestClient(create_app(Settings.from_env())) as client:
        return client.post("/api/v1/subscriptions/unsubscribe", params={"token": token}).status_code


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture
def announced(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """A SQLite site (key in cli.db.secret), three subscribers, the example published."""
    monkeypatch.setenv("PREAVIS_LANG", "en")
    monkeypatch.setenv("PREAVIS_WEBHOOK_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.delenv("PREAVIS_SECRET_KEY", raising=False)
    assert run(capsys, "db", "upgrade")[0] == 0
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    assert run(capsys, "subscribers", "import", str(people))[0] == 0
    return tmp_path / "cli.db.secret"


def test_the_key_changes_and_mail_sent_before_still_works_during_the_grace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, announced: Path
) -> None:
    with receiving() as receiver:
        code, out, err = run(capsys, "webhooks", "add", f"{receiver.url}/in", "--lang", "en")
        assert code == 0, err
        secret = out.split(SHOWN)[1].strip()
        assert run(capsys, "apply", "--publish")[0] == 0
        assert run(capsys, "worker", "--once")[0] == 0
        before = _mails(tmp_path / "outbox")
        ann, ben = (_token(before[f"{n}@example.org"][0]) for n in ("ann", "ben"))
        old = announced.read_text().strip()

        code, out, err = run(capsys, "key", "rotate")
        assert code == 0, err
        previous = tmp_path / "cli.db.secret.previous"
        assert out.startswith(
            f"key changed: 1 secret sealed again. The new key is in {announced}, the old one "
            f"in {previous}: links in mail already sent keep working while that file exists"
        )
        new = announced.read_text().strip()
        assert new != old and len(new) >= 32 and previous.read_text().strip() == old
        assert _private(announced) and _private(previous)
        assert sorted(p.name for p in tmp_path.glob("cli.db.secret*")) == [
            "cli.db.secret", "cli.db.secret.previous",
        ]  # fmt: skip

        # After the change, the webhook still signs with the secret its receiver was given.
        code, out, _ = run(capsys, "maintenance", "list", "--json")
        [slug] = [m["slug"] for m in json.loads(out)["maintenances"]]
        assert run(capsys, "maintenance", "cancel", slug)[0] == 0
        code, out, err = run(capsys, "worker", "--once")
        assert code == 0, err
        assert out.startswith("sent 4, failed 0")  # three messages and the webhook
        hooks = [r for r in receiver.requests if r.path == "/in"]
        assert len(hooks) == 2
        assert Webhook(secret).verify(hooks[1].body, hooks[1].headers)["type"] == (
            "maintenance.cancelled"
        )

    # The link Ann was mailed before the change works; the same link signed with a random
    # key does not.
    _, payload = URLSafeSerializer("x", salt="preavis-manage").loads_unsafe(ann)
    forged = str(URLSafeSerializer("r" * 40, salt="preavis-manage").dumps(payload))
    assert _unsubscribe(forged) == 404
    assert _unsubscribe(ann) == 200
    # Cal's new message carries a link under the new key; once the grace period ends (the
    # previous key removed), Ben's old link stops working and Cal's new one still works.
    cal = _token(_mails(tmp_path / "outbox")["cal@example.org"][-1])
    previous.unlink()
    assert _unsubscribe(ben) == 404
    assert _unsubscribe(cal) == 200
    # Exported after the change: it works, under the new key.
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "after.json"))
    assert code == 0, err


def test_a_change_that_cannot_open_one_value_leaves_everything_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, announced: Path
) -> None:
    for n in (1, 2):
        assert run(capsys, "webhooks", "add", f"http://127.0.0.1:9/h{n}", "--lang", "en")[0] == 0
    old = announced.read_bytes()
    with sqlite3.connect(tmp_path / "cli.db") as db:  # sealed under a key this site lost
        db.execute("UPDATE endpoints SET sealed = 'gAAAAAnotavalue' WHERE id = 2")
        sealed = db.execute("SELECT id, sealed FROM endpoints ORDER BY id").fetchall()
    db.close()
    code, out, err = run(capsys, "key", "rotate")
    assert (code, out) == (1, "")
    assert err.startswith(
        "preavis: error: the secret of webhook 2 does not open with the site's key (nor with "
        "the previous key): nothing was changed"
    )
    assert err.count("\n") == 1 and "Traceback" not in err
    assert announced.read_bytes() == old
    assert [p.name for p in tmp_path.glob("cli.db.secret*")] == ["cli.db.secret"]
    with sqlite3.connect(tmp_path / "cli.db") as db:
        assert db.execute("SELECT id, sealed FROM endpoints ORDER BY id").fetchall() == sealed
    db.close()


def test_restored_without_the_key_nothing_is_sent_until_the_secret_is_given_again(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    site: Path,  # noqa: F811
) -> None:
    with receiving() as receiver:
        document = json.loads(site.read_text("utf-8"))
        document["tables"]["endpoints"][0]["shown"] = f"{receiver.url}/in"  # alive in this test
        site.write_text(json.dumps(document), "utf-8")
        monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(tmp_path / "outbox-2"))
        monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{tmp_path / 'second.db'}")
        assert run(capsys, "db", "upgrade")[0] == 0
        code, _, err = run(capsys, "restore", str(site))
        assert code == 1 and "if that key is lost, restore with --without-key" in err
        code, out, err = run(capsys, "restore", str(site), "--without-key")
        assert code == 0, err
        lines = out.strip().splitlines()
        assert lines[1:4] == [
            "3 deliveries still to send, which the worker will do",  # none to the webhook
            "1 webhook or channel paused: it needs its secret again (preavis webhooks "
            "renew-secret, preavis channels renew-url)",
            "3 subscribers stay subscribed, but their old links (preferences, unsubscribe) no "
            "longer work; their next message carries new ones",
        ]
        code, out, _ = run(capsys, "webhooks", "list")
        assert out.strip().endswith("\tDISABLED (needs its secret again)")
        code, out, _ = run(capsys, "--lang", "fr", "webhooks", "list")
        assert out.strip().endswith("\tDÉSACTIVÉ (a besoin de nouveau de son secret)")
        code, _, err = run(capsys, "webhooks", "enable", "1")
        assert code == 1 and "needs its secret again" in err and "Traceback" not in err

        # A worker pass: the subscribers' messages go, nothing to the webhook.
        code, out, err = run(capsys, "worker", "--once")
        assert code == 0, err
        assert out.startswith("sent 3, failed 0")
        assert receiver.requests == []
        code, out, _ = run(capsys, "webhooks", "deliveries", "--status", "pending")
        assert out.count("\n") == 1  # still waiting

        code, out, err = run(capsys, "webhooks", "renew-secret", "1")
        assert code == 0, err
        assert out.startswith("webhook 1: new secret, enabled\n")
        secret = out.split(SHOWN)[1].strip()
        code, out, err = run(capsys, "worker", "--once")
        assert out.startswith("sent 1, failed 0"), err
        [hook] = receiver.requests
        assert Webhook(secret).verify(hook.body, hook.headers)["type"] == "maintenance.announced"

    # Said in French too, with French plurals, into another empty database.
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{tmp_path / 'third.db'}")
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, err = run(capsys, "restore", str(site), "--without-key")
    assert code == 0, err
    assert out.strip().splitlines()[2:4] == [
        f"1 webhook ou canal en pause{NB}: il a besoin de nouveau de son secret (preavis "
        "webhooks renew-secret, preavis channels renew-url)",
        "3 abonnés restent abonnés, mais leurs anciens liens (préférences, désabonnement) ne "
        f"fonctionnent plus{NB}; leur prochain message en porte de nouveaux",
    ]


def test_with_the_key_in_the_environment_the_command_says_what_to_set_and_in_what_order(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    announced: Path,
) -> None:
    old, new = "o" * 40, "n" * 40
    monkeypatch.setenv("PREAVIS_SECRET_KEY", old)
    assert run(capsys, "webhooks", "add", "http://127.0.0.1:9/h", "--lang", "en")[0] == 0
    code, _, err = run(capsys, "key", "rotate")
    assert code == 1 and "give the new key in a file with --new-key-file" in err
    given = tmp_path / "new.key"
    given.write_text(new + "\n", "utf-8")
    code, out, err = run(capsys, "key", "rotate", "--new-key-file", str(given))
    assert code == 0, err
    assert out.startswith(
        "1 secret sealed again with the new key. Now, on every node (site and worker), in this "
        "order: 1) set PREAVIS_SECRET_KEY_PREVIOUS to the old key"
    )
    assert not announced.exists()  # the environment holds the key: no file is written
    # The nodes changed as said: the same command seals again what a node added meanwhile.
    monkeypatch.setenv("PREAVIS_SECRET_KEY", new)
    monkeypatch.setenv("PREAVIS_SECRET_KEY_PREVIOUS", old)
    assert run(capsys, "webhooks", "add", "http://127.0.0.1:9/h2", "--lang", "en")[0] == 0
    code, out, err = run(capsys, "--lang", "fr", "key", "rotate", "--new-key-file", str(given))
    assert code == 0, err
    assert out.startswith(
        f"2 secrets scellés de nouveau avec PREAVIS_SECRET_KEY. Après la période de grâce (90 "
        f"jours conseillés), retirez PREAVIS_SECRET_KEY_PREVIOUS de chaque nœud{NB}:"
    )
    monkeypatch.delenv("PREAVIS_SECRET_KEY_PREVIOUS")
    code, out, _ = run(capsys, "webhooks", "list", "--json")
    assert [h["needs_secret"] for h in json.loads(out)] == [False, False]
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "after.json"))
    assert code == 0, err  # every secret opens with the new key alone
