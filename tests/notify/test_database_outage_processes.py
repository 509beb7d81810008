"""`preavis worker` and `preavis serve` as an operator runs them on PostgreSQL, started before
the database is reachable and then losing it for a while: each waits, says so once in the
operator's language (no traceback, no English-only line), and carries on by itself when the
database is back. The database is reached through a TCP relay in this test process, which is
"down" (not listening, every connection cut) or "up" on demand; PostgreSQL itself keeps running.

Also: a database that refuses the sign-in (a wrong password, an unknown role or database) is
not "unavailable", and waiting would not cure it: one clear line, a non-zero exit."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from preavis.actions import catalogue, endpoints, maintenances, subscriptions
from preavis.actions.endpoints import Keys
from preavis.actions.hook_delivery import HOOK_BATCH
from preavis.domain import Impact, Interruption, State, Text
from preavis.notify import hooks
from preavis.storage import Store
from tests.conftest import T0, context, fresh_url, make_maintenance, make_service
from tests.notify.receiver import receiving
from tests.notify.test_worker_process import free_port, smtp_sink

PREAVIS = str(Path(sys.executable).with_name("preavis"))
WAIT_LIMIT = 90.0  # seconds: a guard against a hung test, not a measurement

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def wait_for(condition: Any, what: str, process: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process ended (status {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


class Relay:
    """A TCP relay 127.0.0.1:port -> target; `down()` stops listening and cuts every
    connection, as a database restart or a network cut does."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            # shutdown wakes the accepting thread (a bare close does not, on Linux)
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for s in self.open:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def database(tmp_path: Path) -> Any:
    url = fresh_url("postgresql", tmp_path)
    store = Store(url)
    store.upgrade()
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service("shop"))
    rows = "".join(f"p{n}@example.org,{'fr' if n % 2 else 'en'},\n" for n in range(3))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="t")
    parsed = make_url(url)
    relay = Relay((parsed.host or "127.0.0.1", parsed.port or 5432))
    through = parsed.set(port=relay.port).render_as_string(hide_password=False)
    yield store, ctx, relay, through
    relay.down()
    store.dispose()


def publish(ctx: Any, slug: str) -> None:
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    draft = make_maintenance(item, slug=slug, state=State.DRAFT)
    maintenances.create_draft(ctx, maintenance=draft)
    maintenances.publish(ctx, slug=slug)


@pytest.fixture
def sink(tmp_path: Path) -> Any:
    log = tmp_path / "received.tsv"
    port = free_port()
    with smtp_sink(port, log):
        yield port, log


def env_for(url: str, lang: str, **more: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREAVIS_")},
        "PREAVIS_DATABASE_URL": url,
        "PREAVIS_LANG": lang,
        "PREAVIS_PUBLIC_URL": "https://status.example.org",
        "PREAVIS_SECRET_KEY": "x" * 40,
        **more,
    }


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def once_more(env: dict[str, str]) -> None:
    """`preavis worker --once`: what is still due goes out, all of it (exit 0)."""
    again = subprocess.run(
        [PREAVIS, "worker", "--once"], env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.parametrize(
    ("lang", "waiting", "back"),
    [
        ("fr", "base de données inaccessible", "base de données de nouveau accessible"),
        ("en", "database unavailable", "database reachable again"),
    ],
)
def test_a_worker_started_before_the_database_waits_then_survives_losing_it(
    database: Any, sink: Any, tmp_path: Path, lang: str, waiting: str, back: str
) -> None:
    _store, ctx, relay, through = database
    port, log = sink
    publish(ctx, "first")  # three deliveries wait in the outbox
    stderr = tmp_path / "worker.err"

    def said() -> str:
        return stderr.read_text("utf-8")

    def received() -> int:
        return len(log.read_text("utf-8").splitlines())

    env = env_for(through, lang, PREAVIS_SMTP_URL=f"smtp://127.0.0.1:{port}")
    with stderr.open("w") as err:
        worker = subprocess.Popen([PREAVIS, "worker"], env=env, stdout=err, stderr=err)
    try:
        wait_for(lambda: waiting in said(), "the worker to say it waits", worker)
        assert worker.poll() is None  # it waits; it did not give up
        relay.up()
        wait_for(lambda: received() == 3, "the first messages", worker)
        wait_for(lambda: back in said(), "the worker to say the database is back", worker)

        relay.down()  # the database goes away while the worker runs
        publish(ctx, "second")  # written straight to PostgreSQL: the worker cannot see it yet
        wait_for(lambda: said().count(waiting) >= 2, "the worker to notice the outage", worker)
        time.sleep(3)  # a few passes of the worker without a database (no assertion on time)
        assert worker.poll() is None
        relay.up()
        wait_for(lambda: received() == 6, "the messages published during the outage", worker)
        wait_for(lambda: said().count(back) >= 2, "the worker to say it resumed", worker)
    finally:
        stop(worker)
    text = said()
    assert "Traceback" not in text, text
    # Each outage is said once, not once per try.
    assert text.count(waiting) == 2, text
    if lang == "fr":  # nothing in English for a French-speaking operator
        assert "database unavailable" not in text and "connection lost" not in text, text
    lines = log.read_text("utf-8").splitlines()
    assert len(lines) == len(set(lines)) == 6  # each message once


def test_a_web_node_started_before_the_database_waits_then_serves(
    database: Any, tmp_path: Path
) -> None:
    _store, ctx, relay, through = database
    publish(ctx, "first")
    port = free_port()
    stderr = tmp_path / "serve.err"
    with stderr.open("w") as err:
        node = subprocess.Popen(
            [PREAVIS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env_for(through, "fr"),
            stdout=err,
            stderr=err,
        )

    def health() -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                return int(r.status)
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    try:
        wait_for(
            lambda: "base de données inaccessible" in stderr.read_text("utf-8"),
            "the node to say it waits",
            node,
        )
        assert node.poll() is None
        relay.up()
        wait_for(lambda: health() == 200, "the node to answer", node)
    finally:
        stop(node)
    assert "Traceback" not in stderr.read_text("utf-8")


@pytest.mark.parametrize("command", [["worker"], ["serve", "--port", "0"], ["deliveries"]])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_database_that_refuses_the_sign_in_is_one_clear_line(
    database: Any, command: list[str], lang: str
) -> None:
    _store, _ctx, relay, through = database
    relay.up()
    wrong = make_url(through).set(database="no_such_database_here").render_as_string(False)
    done = subprocess.run(
        [PREAVIS, *command],
        env=env_for(wrong, lang),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # one line, not a log line and then the error
    expected = {
        "fr": "preavis\u00a0: erreur\u00a0: la base de données a refusé la connexion",
        "en": "preavis: error: the database refused the connection",
    }[lang]
    assert lines[0].startswith(expected), lines[0]
    assert "PREAVIS_DATABASE_URL" in lines[0]
    assert "no_such_database_here" in lines[0]  # the server's reason, for the operator


def test_messages_sent_while_the_database_is_away_are_recorded_when_it_is_back(
    database: Any, sink: Any, tmp_path: Path
) -> None:
    """A worker in the middle of a fan-out when the database goes away for a few seconds: the
    batch it is sending goes out, but cannot be marked sent. It keeps those results and
    records them first when the database is back, so nothing goes out twice (they were lost,
    and the whole batch was sent again once its lease ran out: a 10 s outage of PostgreSQL
    doubled up to a batch of messages per worker)."""
    _, ctx, relay, through = database
    port, log = sink
    many = 2000
    rows = "".join(f"q{n}@example.org,en,\n" for n in range(many))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="t")
    publish(ctx, "first")  # 2,003 deliveries
    stderr = tmp_path / "worker.err"
    env = env_for(
        through, "en", PREAVIS_SMTP_URL=f"smtp://127.0.0.1:{port}", PREAVIS_WORKER_LEASE="2"
    )

    def received() -> list[str]:
        return log.read_text("utf-8").splitlines()

    relay.up()
    with stderr.open("w") as err:
        worker = subprocess.Popen([PREAVIS, "worker"], env=env, stdout=err, stderr=err)
    try:
        wait_for(lambda: len(received()) >= 50, "the fan-out to start", worker)
        relay.down()
        text = lambda: stderr.read_text("utf-8")  # noqa: E731
        wait_for(lambda: "database unavailable" in text(), "the outage to be noticed", worker)
        time.sleep(3)  # longer than the lease: the batch would be claimed again (no assertion)
        relay.up()
        wait_for(lambda: len(received()) >= many + 3, "every message", worker)
        wait_for(lambda: "database reachable again" in text(), "the worker to resume", worker)
    finally:
        stop(worker)
    time.sleep(2.5)  # past the lease, were anything left claimed (no assertion on time)
    once_more(env)
    lines = received()
    assert len(set(lines)) == many + 3  # nobody missed
    assert len(lines) == many + 3, f"{len(lines) - len(set(lines))} sent twice"


HOOKS, CHANNELS, EVENTS = 8, 4, 25  # 300 endpoint deliveries


def fanned_out(ctx: Any, receiver: Any, events: int, delay: float) -> int:
    """EVENTS maintenances published to the endpoints of `endpoints_for`, on a receiver that
    takes `delay` seconds per request: the number of endpoint deliveries waiting."""
    receiver.delay = delay
    endpoints_for(ctx, receiver)
    for n in range(events):
        publish(ctx, f"m{n}")
    return (HOOKS + CHANNELS) * events


def hook_env(through: str, lang: str, tmp_path: Path, lease: int) -> dict[str, str]:
    return env_for(
        through, lang, PREAVIS_OUTBOX_DIR=str(tmp_path / "outbox"),
        PREAVIS_WORKER_LEASE=str(lease), PREAVIS_WEBHOOK_ALLOW_PRIVATE="1",
    )  # fmt: skip


def endpoints_for(ctx: Any, receiver: Any) -> None:
    """HOOKS webhooks and CHANNELS Apprise channels (json://), each on a path of its own of
    one local HTTP receiver; sealed with the key the workers are given (env_for)."""
    keys = Keys(hooks.Vault("x" * 40), hooks.HookSettings(allow_private=True))
    base = f"127.0.0.1:{receiver.port}"
    for n in range(HOOKS):
        url = f"http://{base}/hook/{n}"
        endpoints.add_endpoint(ctx, keys, kind="webhook", url=url, lang="en")
    for n in range(CHANNELS):
        url = f"json://{base}/channel/{n}"
        endpoints.add_endpoint(ctx, keys, kind="channel", url=url, lang="fr")


def arrivals(receiver: Any) -> list[tuple[str, str]]:
    """What the receiver got, one entry per request: a webhook by its path and `webhook-id`
    (the same for a delivery sent again), a channel message by its path and body."""
    found = []
    for r in list(receiver.requests):
        headers = {k.lower(): v for k, v in r.headers.items()}
        if r.path.startswith("/hook/"):
            found.append((r.path, headers["webhook-id"]))
        else:
            found.append((r.path, r.body.decode("utf-8")))
    return found


def test_webhooks_and_channels_sent_while_the_database_is_away_go_out_once(
    database: Any, tmp_path: Path
) -> None:
    """Two workers in the middle of a webhook and channel fan-out when the database goes away
    for about ten seconds: each event reaches each endpoint once. What a worker sent and could
    not record is kept and recorded when the database is back (the request in flight used to
    be lost, and sent again once its lease ran out)."""
    _, ctx, relay, through = database
    lease = 20  # longer than the outage: another worker may claim only once it is over
    with receiving() as receiver:
        # A receiver that takes its time: the fan-out lasts a few seconds.
        expected = fanned_out(ctx, receiver, EVENTS, delay=0.02)
        env = hook_env(through, "en", tmp_path, lease)
        relay.up()
        logs = [tmp_path / f"worker{n}.err" for n in range(2)]
        workers = []
        for path in logs:
            with path.open("w") as err:
                workers.append(
                    subprocess.Popen([PREAVIS, "worker"], env=env, stdout=err, stderr=err)
                )

        def said(text: str) -> bool:
            return all(text in path.read_text("utf-8") for path in logs)

        try:
            wait_for(lambda: len(receiver.requests) >= 60, "the fan-out to start", workers[0])
            relay.down()
            wait_for(lambda: said("database unavailable"), "both workers to notice", workers[0])
            time.sleep(10)  # PostgreSQL away for about ten seconds (no assertion on time)
            relay.up()
            wait_for(lambda: len(set(arrivals(receiver))) >= expected, "every delivery")
            wait_for(lambda: said("database reachable again"), "both workers to resume")
            time.sleep(lease + 1)  # anything left claimed would go again now (no assertion)
        finally:
            for worker in workers:
                stop(worker)
        once_more(env)
        got = arrivals(receiver)
    assert len(set(got)) == expected  # every event reached every endpoint
    twice = sorted({x for x in got if got.count(x) > 1})
    assert len(got) == expected, f"{len(got) - expected} sent twice: {twice[:5]}"
    for path in logs:
        assert "Traceback" not in path.read_text("utf-8")


def test_a_worker_stopped_during_a_webhook_batch_finishes_records_and_exits_0(
    database: Any, tmp_path: Path
) -> None:
    """SIGTERM (systemd, Docker) in the middle of a batch of webhook and channel deliveries:
    the worker sends the rest of that batch, records it, claims no other and exits 0; run
    again after the lease, it sends the others, and nothing twice. The rest of the batch has
    STOP_GRACE (5 s) in all: on a machine so loaded that it takes longer, what is left is
    given back, said with its count, and goes at the next start (the request left waiting
    may then arrive twice, with the same webhook-id)."""
    _, ctx, relay, through = database
    with receiving() as receiver:
        expected = fanned_out(ctx, receiver, 5, delay=0.05)  # 60 deliveries, three batches
        env = hook_env(through, "fr", tmp_path, lease=2)
        relay.up()
        worker = subprocess.Popen(
            [PREAVIS, "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        try:
            wait_for(lambda: len(receiver.requests) >= 3, "the webhook batch to start", worker)
            worker.send_signal(signal.SIGTERM)
            output, _ = worker.communicate(timeout=WAIT_LIMIT)
        finally:
            stop(worker)
        assert worker.returncode == 0, output
        assert "Traceback" not in output, output
        sent = len(receiver.requests)
        assert 0 < sent < expected  # it stopped before the others
        back = re.search(r"arrêt\u00a0: (\d+) envois? ", output)
        given_back = int(back.group(1)) if back else 0
        # The batch, sent or given back; a request left waiting may have reached its receiver.
        waited = (sent + given_back) % HOOK_BATCH
        assert waited in ((0, 1) if given_back else (0,)), (sent, output)
        time.sleep(2.5)  # past the lease: anything not recorded would go again (no assertion)
        once_more(env)
        got = arrivals(receiver)
    assert len(set(got)) == expected
    assert len(got) - len(set(got)) == waited, f"{len(got) - len(set(got))} sent twice"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "arrêt pendant que la base de données est inaccessible\u00a0: {n}, qui "
         "repartiront à la fin de leur bail (PREAVIS_WORKER_LEASE)"),
        ("en", "stopped while the database is away: {n}, which go out again once their lease "
         "is over (PREAVIS_WORKER_LEASE)"),
    ],
)  # fmt: skip
def test_a_worker_stopped_while_the_database_is_away_says_what_will_go_twice(
    database: Any, tmp_path: Path, lang: str, said: str
) -> None:
    """Stopped (SIGTERM) during an outage, a worker cannot record what it sent meanwhile: it
    says how many deliveries will go out again after their lease, and exactly those do."""
    _, ctx, relay, through = database
    with receiving() as receiver:
        expected = fanned_out(ctx, receiver, 5, delay=0.02)
        env = hook_env(through, lang, tmp_path, lease=2)
        relay.up()
        err = tmp_path / "worker.err"
        with err.open("w") as stderr:
            worker = subprocess.Popen([PREAVIS, "worker"], env=env, stdout=stderr, stderr=stderr)
        waiting = {"fr": "base de données inaccessible", "en": "database unavailable"}[lang]
        try:
            wait_for(lambda: len(receiver.requests) >= 3, "the webhook batch to start", worker)
            relay.down()
            wait_for(lambda: waiting in err.read_text("utf-8"), "the outage", worker)
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=WAIT_LIMIT)
        finally:
            stop(worker)
        assert worker.returncode == 0
        lines = err.read_text("utf-8").splitlines()
        pattern = re.escape(said).replace(re.escape("{n}"), r"(\d+) [^,]+")
        [left] = [m for m in (re.fullmatch(pattern, x) for x in lines) if m is not None]
        kept = int(left.group(1))
        assert kept > 0
        relay.up()
        time.sleep(2.5)  # past the lease (no assertion on time)
        once_more(env)
        got = arrivals(receiver)
    assert len(set(got)) == expected  # nobody missed
    assert len(got) - len(set(got)) == kept  # what it said would go twice, and only that


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return int(r.status) == 200
    except OSError:
        return False


@pytest.mark.parametrize(
    ("lang", "away", "back"),
    [
        ("fr", "avertissement\u00a0: envoi des notifications\u00a0: base de données inaccessible",
         "avertissement\u00a0: envoi des notifications\u00a0: base de données de nouveau "
         "accessible\u00a0; l’envoi reprend"),
        ("en", "warning: worker: database unavailable",
         "warning: worker: database reachable again; sending resumes"),
    ],
)  # fmt: skip
def test_serve_with_its_worker_says_an_outage_in_the_operators_language(
    database: Any, tmp_path: Path, lang: str, away: str, back: str
) -> None:
    """`preavis --lang fr serve --worker` losing its database: the worker thread's lines and
    the storage layer's go through the server's log in French (they were Python's English
    last-resort lines), once per outage for the worker; `--lang en`, in English."""
    _store, _ctx, relay, through = database
    relay.up()
    port = free_port()
    stderr = tmp_path / "serve.err"
    other = "en" if lang == "fr" else "fr"  # --lang says otherwise
    env = env_for(through, other, PREAVIS_OUTBOX_DIR=str(tmp_path / "outbox"))
    with stderr.open("w") as err:
        node = subprocess.Popen(
            [PREAVIS, "--lang", lang, "serve", "--worker", "--port", str(port)],
            env=env, stdout=err, stderr=err,
        )  # fmt: skip

    def said() -> str:
        return stderr.read_text("utf-8")

    try:
        wait_for(lambda: answers(port), "the node to answer", node)
        relay.down()
        wait_for(lambda: away in said(), "the worker to say the database is away", node)
        relay.up()
        wait_for(lambda: back in said(), "the worker to say it is back", node)
    finally:
        stop(node)
    text = said()
    assert "Traceback" not in text, text
    assert text.count(away) == 1, text  # once per outage, not once per try
    if lang == "fr":  # nothing of Préavis's own in English for a French-speaking operator
        assert "worker:" not in text and "database unavailable" not in text, text
        assert "base de données inaccessible\u00a0: " in text  # the storage layer's line
