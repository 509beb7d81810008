"""A PostgreSQL server that accepts the connection and then says nothing (a half-dead host, a
network cut behind a proxy) must not hold Préavis forever: opening a connection gives up after
the connect timeout with the driver's error, which the store reports as the database being
away."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy.exc import OperationalError

from preavis.storage import engine as engine_module
from preavis.storage.engine import make_engine


@pytest.fixture(name="silent_port")
def silent_port_fixture() -> Iterator[int]:
    """A port on 127.0.0.1 whose listener accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)  # kept open, never read from or written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def _connect_in_thread(url: str) -> tuple[threading.Thread, list[BaseException]]:
    caught: list[BaseException] = []

    def run() -> None:
        try:
            with make_engine(url).connect():
                pass
        except BaseException as exc:  # handed to the test
            caught.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, caught


def test_a_silent_server_is_given_up_on_after_the_connect_timeout(
    silent_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.setitem(engine_module.PG_CONNECT, "connect_timeout", 2)
    thread, caught = _connect_in_thread(f"postgresql+psycopg://preavis@127.0.0.1:{silent_port}/x")
    # A guard against hanging the suite, not a measure: without a connect timeout the
    # connection waits for as long as the listener stays open.
    thread.join(120)
    assert not thread.is_alive(), "the connection never gave up on a silent server"
    assert len(caught) == 1 and isinstance(caught[0], OperationalError), caught


def test_a_urls_own_connect_timeout_is_kept(silent_port: int) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://preavis@127.0.0.1:{silent_port}/x?connect_timeout=2"
    engine = make_engine(url)
    assert engine.url.query["connect_timeout"] == "2"
    thread, caught = _connect_in_thread(url)
    thread.join(120)
    assert not thread.is_alive()
    assert len(caught) == 1 and isinstance(caught[0], OperationalError), caught
