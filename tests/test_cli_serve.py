"""`preavis serve`: what it hands to uvicorn (the server itself is exercised by the benchmarks
and the reliability run)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import run


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: seen.update(options))
    return seen


def test_serve_keeps_no_access_log_unless_asked(
    capsys: pytest.CaptureFixture[str], started: dict[str, Any]
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "serve", "--port", "18301")[0] == 0
    assert started["access_log"] is False
    assert started["port"] == 18301
    started.clear()
    assert run(capsys, "serve", "--access-log")[0] == 0
    assert started["access_log"] is True


# -- a port another program holds, an address this machine does not have: said, not a trace --

PREAVIS = str(Path(sys.executable).with_name("preavis"))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "preavis\u00a0: erreur\u00a0: impossible d’écouter sur 127.0.0.1:{port}\u00a0:"
         " le port est déjà pris par un autre programme (choisissez-en un autre avec --port)"),
        ("en", "preavis: error: cannot listen on 127.0.0.1:{port}: the port is already taken by"
         " another program (choose another with --port)"),
    ],
)  # fmt: skip
def test_serve_on_a_port_in_use_says_so_in_one_line(
    tmp_path: Path, lang: str, expected: str
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREAVIS_")},
        "PREAVIS_DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
        "PREAVIS_LANG": lang,
    }
    upgrade = subprocess.run([PREAVIS, "db", "upgrade"], env=env, capture_output=True, check=False)
    assert upgrade.returncode == 0
    with socket.socket() as holder:  # another program on the port
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        done = subprocess.run(
            [PREAVIS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [expected.format(port=port)]


def test_serve_on_an_address_this_machine_lacks_says_so(
    capsys: pytest.CaptureFixture[str], started: dict[str, Any]
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    code, _, err = run(capsys, "serve", "--host", "192.0.2.1", "--port", "18519")  # TEST-NET-1
    assert code == 1
    assert err.strip() == (
        "preavis\u00a0: erreur\u00a0: impossible d’écouter sur 192.0.2.1:18519\u00a0: cette"
        " machine n’a pas cette adresse"
    )
    assert started == {}  # uvicorn was not started
