"""A real HTTP receiver for tests (127.0.0.1 or another loopback address, a free port or the
one given, plain or TLS): keeps each request's headers and body, and answers with the status
and headers it is told to (after `delay` seconds, like a slow receiver)."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    port: int = 0
    status: int = 200
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)
    host: str = "127.0.0.1"
    headers: dict[str, str] = field(default_factory=dict)  # sent with each answer

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def receiving(
    host: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None
) -> Iterator[Receiver]:
    state = Receiver(host=host)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            state.requests.append(Received(self.path, dict(self.headers.items()), body))
            if state.delay:
                time.sleep(state.delay)
            self.send_response(state.status)
            for name, value in state.headers.items():
                self.send_header(name, value)
            self.send_header("content-length", "0")
            self.end_headers()

        do_GET = do_PUT = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Silent:
    """A receiver that accepts each connection, reads the request and, while `mute`, never
    answers (as a hung receiver does); unmuted, it answers 200. Keeps each request's
    `webhook-id` in arrival order."""

    port: int = 0
    mute: bool = True
    ids: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def silent() -> Iterator[Silent]:
    state = Silent()
    held: list[socket.socket] = []
    listener = socket.create_server(("127.0.0.1", 0))
    state.port = listener.getsockname()[1]

    def serve(conn: socket.socket) -> None:
        data = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in data and len(data) < 1_000_000:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "webhook-id":
                    state.ids.append(value.strip())
            if not state.mute:
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                conn.close()

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            held.append(conn)  # never closed while muted: the client waits for an answer
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield state
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        for conn in held:
            with contextlib.suppress(OSError):
                conn.close()
