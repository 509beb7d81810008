"""`preavis worker` as users run it: killed with SIGKILL in the middle of a fan-out to 2,000
subscribers, then run again. Everyone gets the message; the only duplicates are the batch that
was in flight, and they carry the same Message-ID. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from preavis.actions import catalogue, maintenances, notifications, subscriptions
from preavis.domain import Impact, Interruption, State, Text
from preavis.storage import Store
from tests.conftest import ENGINES, T0, context, fresh_url, make_maintenance, make_service

SUBSCRIBERS = 2000
PREAVIS = str(Path(sys.executable).with_name("preavis"))
WAIT_LIMIT = 120.0  # seconds: a guard against a hung test, not a measurement


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def published(engine: str, tmp_path: Path) -> str:
    """A new database on `engine` whose one maintenance was just published to SUBSCRIBERS
    confirmed subscribers: one announcement, SUBSCRIBERS deliveries pending."""
    url = fresh_url(engine, tmp_path)
    store = Store(url)
    store.upgrade()
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service("shop"))
    item = Interruption("shop", Impact.UNAVAILABLE, T0, T0 + timedelta(hours=3), Text("F", "C"))
    maintenances.create_draft(ctx, maintenance=make_maintenance(item, state=State.DRAFT))
    rows = "".join(f"p{n}@example.org,{'fr' if n % 2 else 'en'},\n" for n in range(SUBSCRIBERS))
    subscriptions.import_subscribers(ctx, text="email,language,services\n" + rows, source="t")
    maintenances.publish(ctx, slug="upgrade")
    assert notifications.count_deliveries(ctx) == {"pending": SUBSCRIBERS}
    store.dispose()
    return url


@contextmanager
def smtp_sink(port: int, log: Path, options: list[str] | None = None) -> Iterator[None]:
    """The SMTP sink in a process of its own, writing what it receives to `log`."""
    log.touch()
    sink = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("sink_process.py")), str(port), str(log),
         *(options or [])],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sink.stdout is not None
    try:
        if sink.stdout.readline().strip() != "ready":
            pytest.fail("the SMTP sink did not start")
        yield
    finally:
        sink.kill()
        sink.wait()
        sink.stdout.close()


def worker_env(url: str, port: int) -> dict[str, str]:
    """The environment `preavis` runs in: this database, the sink, a lease of one second."""
    return {
        **os.environ,
        "PREAVIS_DATABASE_URL": url,
        "PREAVIS_SMTP_URL": f"smtp://127.0.0.1:{port}",
        "PREAVIS_PUBLIC_URL": "https://status.example.org",
        "PREAVIS_SECRET_KEY": "x" * 40,
        "PREAVIS_WORKER_LEASE": "1",
    }


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("smtp", ["one command at a time", "pipelining"])
def test_kill_9_in_the_middle_of_a_fan_out_loses_nothing(
    engine: str, smtp: str, tmp_path: Path
) -> None:
    url = published(engine, tmp_path)
    log = tmp_path / "received.tsv"
    port = free_port()  # chosen now: other checkouts may run these tests at the same time

    def received() -> list[tuple[str, str]]:
        lines = log.read_text("utf-8").splitlines()
        return [(a, b) for a, _, b in (line.partition("\t") for line in lines)]

    env = worker_env(url, port)  # a dead worker's batch is free again after a second
    with smtp_sink(port, log, ["pipelining"] if smtp == "pipelining" else []):
        worker = subprocess.Popen(
            [PREAVIS, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        started = time.monotonic()
        wait_for(lambda: len(received()) >= SUBSCRIBERS // 3, "the worker to get going")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        at_kill = len(received())
        print(f"killed after {at_kill} messages, {time.monotonic() - started:.1f} s")
        assert at_kill < SUBSCRIBERS, "the worker finished before it could be killed"
        time.sleep(1.5)  # let the dead worker's lease run out (not an assertion on time)
        again = subprocess.run(
            [PREAVIS, "worker", "--once"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 0, again.stdout + again.stderr
        print(f"restarted: {again.stdout.strip()}, {time.monotonic() - started:.1f} s in all")

    ids: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for to, ident in received():
        ids[to].add(ident)
        counts[to] += 1
    assert set(counts) == {f"p{n}@example.org" for n in range(SUBSCRIBERS)}  # nobody missed
    duplicated = [to for to, n in counts.items() if n > 1]
    assert len(duplicated) <= notifications.BATCH  # at most the batch in flight
    assert all(n <= 2 for n in counts.values())
    assert all(len(ids[to]) == 1 for to in counts)  # a duplicate has the same Message-ID
    store = Store(url)
    try:
        assert notifications.count_deliveries(context(store)) == {"sent": SUBSCRIBERS}
    finally:
        store.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_sigterm_in_the_middle_of_a_fan_out_finishes_the_batch_and_doubles_nothing(
    engine: str, tmp_path: Path
) -> None:
    """systemd, Docker and Kubernetes stop a service with SIGTERM: the worker finishes (and
    records) the batch it is sending, then exits 0, so a restart sends nothing twice. (It
    used to die at once, like SIGKILL: the batch in flight went out again after the lease.)"""
    url = published(engine, tmp_path)
    log = tmp_path / "received.tsv"
    port = free_port()

    def received() -> list[str]:
        return log.read_text("utf-8").splitlines()

    env = worker_env(url, port)  # a batch left unrecorded would go out again at once
    with smtp_sink(port, log):
        worker = subprocess.Popen(
            [PREAVIS, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wait_for(lambda: len(received()) >= 50, "the worker to get going")
        worker.send_signal(signal.SIGTERM)
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert b"Traceback" not in err, err
        at_stop = len(received())
        store = Store(url)
        try:  # what went out is recorded as sent: nothing is left in flight
            assert notifications.count_deliveries(context(store)).get("sent", 0) == at_stop
        finally:
            store.dispose()
        time.sleep(1.5)  # past the lease, were anything still claimed (no assertion on time)
        again = subprocess.run(
            [PREAVIS, "worker", "--once"], env=env, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        assert again.returncode == 0, again.stdout + again.stderr
    lines = received()
    assert len(lines) == SUBSCRIBERS == len(set(lines))  # everyone, once


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_serve_with_its_worker_stopped_mid_fan_out_doubles_nothing(
    engine: str, tmp_path: Path
) -> None:
    """`preavis serve --worker` (small sites) stopped with SIGTERM during a fan-out: the web
    server shuts down, then the worker thread finishes and records its batch before the
    process exits (the thread died with the process; its batch went out again later)."""
    url = published(engine, tmp_path)
    log = tmp_path / "received.tsv"
    port = free_port()

    def received() -> list[str]:
        return log.read_text("utf-8").splitlines()

    env = worker_env(url, port)
    with smtp_sink(port, log):
        node = subprocess.Popen(
            [PREAVIS, "serve", "--worker", "--host", "127.0.0.1", "--port", str(free_port())],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for(lambda: len(received()) >= 50, "the worker thread to get going")
        node.send_signal(signal.SIGTERM)
        _, err = node.communicate(timeout=180)
        assert b"Traceback" not in err, err
        at_stop = len(received())
        store = Store(url)
        try:  # what went out is recorded as sent: nothing is left in flight
            assert notifications.count_deliveries(context(store)).get("sent", 0) == at_stop
        finally:
            store.dispose()
        time.sleep(1.5)  # past the lease, were anything still claimed (no assertion on time)
        again = subprocess.run(
            [PREAVIS, "worker", "--once"], env=env, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        assert again.returncode == 0, again.stdout + again.stderr
    lines = received()
    assert len(lines) == SUBSCRIBERS == len(set(lines))
