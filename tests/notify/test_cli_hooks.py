"""The webhook, channel and reminder commands as an operator runs them: add (the secret shown
once), list (disabled ones shown so), remove, enable; the worker sends to a real receiver that
verifies the signature; errors are one line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from tests.notify.receiver import receiving
from tests.notify.test_cli_notify import setup_database
from tests.test_cli import run


def test_webhooks_and_channels_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(tmp_path / "outbox"))
    setup_database(capsys, tmp_path)
    code, _, err = run(capsys, "webhooks", "add", "http://127.0.0.1:9/x", "--lang", "en")
    assert code == 1
    assert "de bouclage" in err and "PREAVIS_WEBHOOK_ALLOW_PRIVATE" in err  # said in French
    assert "Traceback" not in err
    monkeypatch.setenv("PREAVIS_WEBHOOK_ALLOW_PRIVATE", "1")
    with receiving() as receiver:
        code, out, err = run(
            capsys, "webhooks", "add", f"{receiver.url}/in", "--scope", "shop", "--lang", "en"
        )
        assert code == 0, err
        nb = "\u00a0"  # French: the lines are French too (tests/test_cli_french_output.py)
        shown = f"clé de signature (montrée cette seule fois{nb}; les destinataires vérifient "
        secret = out.split(f"{shown}avec elle){nb}: ")[1].strip()
        url = f"json://127.0.0.1:{receiver.port}/chan/hushhushhush"
        code, out, err = run(capsys, "channels", "add", url, "--scope", "all", "--lang", "fr")
        assert code == 0, err
        assert "hushhushhush" not in out
        code, out, _ = run(capsys, "channels", "list")
        assert "hushhushhush" not in out and "json://127.0.0.1" in out
        code, out, _ = run(capsys, "webhooks", "list", "--json")
        [hook] = json.loads(out)
        assert hook["enabled"] is True and "secret" not in hook
        assert hook["services"] == ["shop"]

        assert run(capsys, "reminders", "upgrade", "48h", "2h")[0] == 0
        code, out, _ = run(capsys, "reminders", "upgrade")
        assert out.strip() == f"upgrade{nb}: rappels 2d 2h"

        assert run(capsys, "maintenance", "publish", "upgrade")[0] == 0
        code, out, err = run(capsys, "worker", "--once")
        assert code == 0, err
        hooks = [r for r in receiver.requests if r.path == "/in"]
        [posted] = [Webhook(secret).verify(r.body, r.headers) for r in hooks]
        assert posted["type"] == "maintenance.announced"
        assert [r.path for r in receiver.requests if r.path != "/in"] == ["/chan/hushhushhush"]

        code, out, _ = run(capsys, "webhooks", "deliveries", "--status", "sent")
        assert code == 0 and out.count("\tenvoyé\t") == 2  # the webhook and the channel
        code, _, err = run(capsys, "webhooks", "deliveries", "--status", "nope")
        assert code == 1 and "--status" in err
        code, _, err = run(capsys, "webhooks", "enable", "99")
        assert code != 0 and "99" in err and "Traceback" not in err
        assert run(capsys, "channels", "remove", "2")[0] == 0
        code, out, _ = run(capsys, "channels", "list")
        assert out.strip() == ""
