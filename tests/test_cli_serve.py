"""`preavis serve`: what it hands to uvicorn (the server itself is exercised by the benchmarks
and the reliability run)."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.notify.test_worker_process import free_port
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


# -- the server's own lines, in the operator's language ----------------------------------------

NB = "\u00a0"
SAID = {
    "fr": [
        f"info{NB}: processus serveur {{pid}} démarré",
        f"info{NB}: démarrage de l’application",
        f"info{NB}: application démarrée",
        f"info{NB}: à l’écoute sur http://127.0.0.1:{{port}} (Ctrl-C pour arrêter)",
        f"avertissement{NB}: requête HTTP invalide reçue",
        f"info{NB}: arrêt en cours",
        f"info{NB}: arrêt de l’application",
        f"info{NB}: application arrêtée",
        f"info{NB}: processus serveur {{pid}} terminé",
    ],
    "en": [
        "info: server process {pid} started",
        "info: starting the application",
        "info: application started",
        "info: listening on http://127.0.0.1:{port} (Ctrl-C to stop)",
        "warning: invalid HTTP request received",
        "info: stopping",
        "info: stopping the application",
        "info: application stopped",
        "info: server process {pid} finished",
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "access_log"), [("fr", True), ("en", False)])
def test_serve_says_its_own_lines_in_the_operators_language(
    tmp_path: Path, lang: str, access_log: bool
) -> None:
    """uvicorn's lines (started, listening, a bad request, stopping) come out in French or
    English with the process number and the address they carry; the access log keeps its
    format, and is there only with --access-log."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREAVIS_")},
        "PREAVIS_DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
        "PREAVIS_LANG": lang,
    }
    upgrade = subprocess.run([PREAVIS, "db", "upgrade"], env=env, capture_output=True, check=False)
    assert upgrade.returncode == 0
    port = free_port()
    command = [PREAVIS, "serve", "--host", "127.0.0.1", "--port", str(port)]
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        node = subprocess.Popen(
            [*command, *(["--access-log"] if access_log else [])],
            env=env, stdout=stdout, stderr=stderr,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60  # a guard against a hung test, not a measurement
        while "127.0.0.1:" not in err.read_text("utf-8"):  # listening: said once it is
            assert node.poll() is None, err.read_text("utf-8")
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
            assert answer.status == 200
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"not http at all\r\n\r\n")
            assert raw.recv(100).startswith(b"HTTP/1.1 400")
    finally:
        node.send_signal(signal.SIGTERM)
        node.wait(timeout=60)
    expected = [x.format(pid=node.pid, port=port) for x in SAID[lang]]
    assert err.read_text("utf-8").splitlines() == expected
    access = out.read_text("utf-8").splitlines()
    if access_log:  # uvicorn's own format, which log tools read
        assert len(access) == 1, access
        assert re.fullmatch(r'INFO: +127\.0\.0\.1:\d+ - "GET /healthz HTTP/1\.1" 200 OK', access[0])
    else:
        assert access == []


@pytest.mark.parametrize(
    ("message", "lang", "expected"),
    [
        ("Exception in ASGI application\n", "fr",
         f"erreur{NB}: une requête a échoué sur une erreur de l’application (détails ci-dessous)"),
        ("Exception in ASGI application\n", "en",
         "error: a request failed on an error of the application (details below)"),
        ("Child process [4242] died", "fr",
         f"erreur{NB}: le processus enfant 4242 s’est arrêté de façon inattendue"),
        ("Received SIGINT, exiting.", "en", "error: SIGINT received: stopping"),
        ("[Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address "
         "already in use", "fr",
         f"erreur{NB}: impossible d’écouter sur 0.0.0.0:8000{NB}: address already in use"),
        ("Something uvicorn says that Préavis does not know", "fr",
         f"erreur{NB}: Something uvicorn says that Préavis does not know"),
    ],
)  # fmt: skip
def test_server_errors_keep_their_details_and_traceback(
    message: str, lang: str, expected: str
) -> None:
    """Errors (logged at ERROR here) are said in the operator's language with their details;
    a traceback follows as Python wrote it; a line the table does not know is kept whole."""
    from preavis.cli.server_log import ServerLines

    try:
        raise RuntimeError("boom in the application")
    except RuntimeError:
        record = logging.LogRecord(
            "uvicorn.error", logging.ERROR, __file__, 1, message, None, sys.exc_info()
        )
    lines = ServerLines(lang).format(record).splitlines()  # type: ignore[arg-type]
    assert lines[0] == expected
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: boom in the application"
