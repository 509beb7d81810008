"""A worker stopped (SIGTERM) while its webhook receivers accept the connection and never
answer: it gives them a short grace (hook_delivery.STOP_GRACE), records the unanswered
deliveries as not sent, says how many in the operator's language, exits 0; started again, it
sends them at once, with the same webhook-id. (It used to wait for each request's full timeout
in turn: minutes for a batch, docs/reliability.md.) `preavis serve --worker` too."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import catalogue, endpoints, hook_delivery, maintenances
from preavis.actions.endpoints import Keys
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify import hooks
from preavis.storage import Store
from tests.conftest import ENGINES, T0, context, fresh_url, make_maintenance, make_service
from tests.notify.receiver import Silent, silent
from tests.notify.test_hooks import publish, setup, window
from tests.notify.test_worker_process import free_port, wait_for

PREAVIS = str(Path(sys.executable).with_name("preavis"))
HOOKS = 6  # endpoints, all in one batch (HOOK_BATCH); each request waits for HTTP_TIMEOUT
# A guard against a hung test, not a measurement: without the grace, the stop waited for
# each of the HOOKS requests' 10-second timeout in turn (60 s), longer than this.
GUARD = 45.0
# The in-process test: each request may wait 20 s for its answer (far past the grace).
SLOW = Keys(hooks.Vault("k" * 40), hooks.HookSettings(allow_private=True, timeout=20.0))
NB = "\u00a0"
SAID = {
    "fr": rf"avertissement{NB}: arrêt{NB}: (\d+) envois à des webhooks ou à des canaux sont "
    rf"restés sans réponse pendant 5 s et sont notés non envoyés{NB}; ils repartiront au "
    r"prochain démarrage, avec le même webhook-id",
    "en": r"warning: stopping: (\d+) webhook or channel deliveries got no answer within 5 s "
    r"and are recorded as not sent; they go out again at the next start, with the same "
    r"webhook-id",
}


def with_hooks(engine: str, tmp_path: Path, receiver: Silent, publish: bool = True) -> str:
    """A database with HOOKS webhooks on `receiver` and (`publish`) one maintenance
    published: HOOKS webhook deliveries due."""
    url = fresh_url(engine, tmp_path)
    store = Store(url)
    store.upgrade()
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service("shop"))
    keys = Keys(hooks.Vault("x" * 40), hooks.HookSettings(allow_private=True))
    for n in range(HOOKS):
        endpoints.add_endpoint(ctx, keys, kind="webhook", url=f"{receiver.url}/{n}", lang="en")
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    store.dispose()
    if publish:
        published(url)
    return url


def published(url: str) -> None:
    store = Store(url)
    try:
        maintenances.publish(context(store), slug="upgrade")
    finally:
        store.dispose()


def env_for(url: str, lang: str, tmp_path: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREAVIS_")},
        "PREAVIS_DATABASE_URL": url,
        "PREAVIS_PUBLIC_URL": "https://status.example.org",
        "PREAVIS_SECRET_KEY": "x" * 40,
        "PREAVIS_OUTBOX_DIR": str(tmp_path / "outbox"),
        "PREAVIS_WEBHOOK_ALLOW_PRIVATE": "1",
        "PREAVIS_LANG": "en" if lang == "fr" else "fr",  # --lang says otherwise
    }


def stopped(
    command: list[str],
    env: dict[str, str],
    receiver: Silent,
    port: int | None = None,
    then: Callable[[], None] | None = None,
) -> tuple[int, str]:
    """`command` started (once the server on `port` answers, `then` is done), stopped with
    SIGTERM once a receiver holds a request: its exit status and standard error (killed past
    GUARD: a failure)."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        if port is not None:
            wait_for(lambda: answers(port), "the server to answer")
        if then is not None:
            then()
        wait_for(lambda: len(receiver.ids) >= 1, "the first webhook request")
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"still running {GUARD:g} s after SIGTERM:\n{err}")
    return process.returncode, err


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return int(r.status) == 200
    except OSError:
        return False


def sent_again_with_the_same_ids(url: str, env: dict[str, str], receiver: Silent) -> None:
    """Given back, not failed: due at once (no backoff), the attempt not counted; run again
    with the receiver answering, each delivery goes out once more with its webhook-id."""
    store = Store(url)
    try:
        rows = store_rows(store)
        assert [r["status"] for r in rows] == ["pending"] * HOOKS, rows
        assert all(r["attempts"] == 0 for r in rows), rows
        assert sum(r["last_error"] == "no answer before the worker stopped" for r in rows) == 1
    finally:
        store.dispose()
    first = list(receiver.ids)
    receiver.mute = False
    again = subprocess.run(
        [PREAVIS, "worker", "--once"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    later = receiver.ids[len(first) :]
    assert sorted(later) == sorted(r["message_id"] for r in rows)  # every one, once
    assert set(first) <= set(later)  # what a receiver may have got is the same webhook-id


def store_rows(store: Store) -> list[dict[str, Any]]:
    with store.reading() as tx:
        return tx.list_endpoint_deliveries(None, 100)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_worker_stopped_with_hung_receivers_exits_soon_and_keeps_them_for_later(
    engine: str, lang: str, tmp_path: Path
) -> None:
    with silent() as receiver:
        url = with_hooks(engine, tmp_path, receiver)
        env = env_for(url, lang, tmp_path)
        code, err = stopped([PREAVIS, "--lang", lang, "worker"], env, receiver)
        assert code == 0, err
        assert "Traceback" not in err, err
        [said] = [m for m in (re.fullmatch(SAID[lang], x) for x in err.splitlines()) if m]
        assert int(said.group(1)) == HOOKS  # the one waiting, and those after it in the batch
        if lang == "fr":  # nothing in English for a French-speaking operator
            assert "webhook or channel" not in err and "warning:" not in err, err
        sent_again_with_the_same_ids(url, env, receiver)


@pytest.mark.slow
def test_serve_with_its_worker_stopped_with_hung_receivers_says_it_in_french(
    tmp_path: Path,
) -> None:
    """`preavis serve --worker`: the worker thread's lines go through the server's log, in
    the operator's language too (they were Python's English last-resort lines)."""
    with silent() as receiver:
        # Published once the server answers: its first request is then held until SIGTERM,
        # however long a loaded machine takes to start uvicorn (not past its timeout).
        url = with_hooks("sqlite", tmp_path, receiver, publish=False)
        env = env_for(url, "fr", tmp_path)
        port = free_port()
        command = [PREAVIS, "--lang", "fr", "serve", "--worker", "--port", str(port)]
        code, err = stopped(command, env, receiver, port, lambda: published(url))
        assert code == 0, err
        assert "Traceback" not in err, err
        [said] = [m for m in (re.fullmatch(SAID["fr"], x) for x in err.splitlines()) if m]
        assert int(said.group(1)) == HOOKS
        assert "arrêt de l’application" in err  # uvicorn's own lines, as before
        sent_again_with_the_same_ids(url, env, receiver)


def test_deliver_hooks_gives_back_what_is_unanswered_once_the_grace_is_over(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same in one process, quickly (no subprocess): the stop is set while the first
    request waits; with a grace of 0.3 s, the batch is given back, the one that waited says
    so, and none counts as an attempt. (Before, each request waited for its timeout.)"""
    monkeypatch.setattr(hook_delivery, "STOP_GRACE", 0.3)
    with silent() as receiver:
        ctx, _clock, mailer = setup(store, SLOW)
        for n in range(3):
            url = f"{receiver.url}/{n}"
            endpoints.add_endpoint(ctx, SLOW, kind="webhook", url=url, lang="en")
        publish(ctx, window("shop", 1, 2))
        stop = threading.Event()

        def stop_when_held() -> None:
            for _ in range(3000):  # bounded: at most about 30 s
                if receiver.ids:
                    break
                time.sleep(0.01)
            stop.set()

        threading.Thread(target=stop_when_held, daemon=True).start()
        done = hook_delivery.deliver_hooks(ctx.store, ctx.clock, mailer, stop=stop)
    assert (done.sent, done.failed, done.dead, done.unsent) == (0, 0, 0, 3)
    rows = store_rows(store)
    assert [(r["status"], r["attempts"]) for r in rows] == [("pending", 0)] * 3
    assert [r["last_error"] for r in rows].count(hook_delivery.NOT_ANSWERED) == 1
    assert len(receiver.ids) == 1  # the others were not started
