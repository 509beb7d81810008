"""Start Préavis the way a user does (a temporary folder, the `preavis` command, `preavis serve`),
talk to it over plain HTTP, and hold each scenario's figures as one row of the table."""

from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "mise-a-niveau-2025"
ROLES = ("viewer", "editor", "publisher", "admin")


def preavis_command() -> list[str]:
    """The `preavis` script installed beside this Python (the .venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "preavis"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("preavis")
    if found:
        return [found]
    return [sys.executable, "-m", "preavis.cli"]


@dataclass
class Result:
    """One row: the scenario, its figures in words, and every failure seen (never hidden)."""

    scenario: str
    figures: str
    failures: list[str] = field(default_factory=list)
    available: bool = True
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if not self.available:
            return "not available"
        return "ok" if not self.failures else f"FAIL ({len(self.failures)})"


def print_failures(result: Result, limit: int = 40) -> None:
    for line in result.failures[:limit]:
        print(f"  [{result.scenario}] {line}", flush=True)
    if len(result.failures) > limit:
        print(f"  [{result.scenario}] … and {len(result.failures) - limit} more", flush=True)


def table(results: list[Result], markdown: bool) -> str:
    if markdown:
        lines = ["| scenario | figures | verdict |", "|---|---|---|"]
        lines += [f"| {r.scenario} | {r.figures} | {r.verdict} |" for r in results]
        return "\n".join(lines)
    width = max([len(r.scenario) for r in results] + [8])
    lines = [f"{'scenario':<{width}}  {'verdict':<13}  figures"]
    lines += [f"{r.scenario:<{width}}  {r.verdict:<13}  {r.figures}" for r in results]
    return "\n".join(lines)


# -- ports -----------------------------------------------------------------------------------


def free_port() -> int:
    """A free port: the first free one in PREAVIS_BENCH_PORTS ("8741-8749") if set, else any."""
    spec = os.environ.get("PREAVIS_BENCH_PORTS", "")
    if spec:
        low, _, high = spec.partition("-")
        for port in range(int(low), int(high or low) + 1):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        raise RuntimeError(f"no free port in PREAVIS_BENCH_PORTS={spec}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- HTTP ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """One keep-alive connection (one per thread); raw paths are sent exactly as given."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        raw: bytes | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        sent = dict(headers or {})
        data = raw
        if body is not None and raw is None:
            data = json.dumps(body).encode()
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        if token:
            sent["Authorization"] = f"Bearer {token}"
        for attempt in (1, 2):
            # This request's own reference: `Product.kill` closes every client from another
            # thread, and a request under way must then fail as a connection does (OSError or
            # HTTPException), not on a missing attribute. Whatever happens, the connection this
            # request opened is closed by it or left to the client, never dropped unclosed.
            with self._lock:
                conn = self.conn
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                    self.conn = conn
            try:
                conn.putrequest(method, path, skip_accept_encoding=True)
                for key, value in sent.items():
                    conn.putheader(key, value)
                if data is not None:
                    conn.putheader("Content-Length", str(len(data)))
                conn.endheaders(data)
                answer = conn.getresponse()
                payload = answer.read()
                if answer.getheader("connection", "").lower() == "close":
                    self._drop(conn)
                with self._lock:
                    orphan = self.conn is not conn
                if orphan:  # closed by another thread while this request was under way
                    conn.close()
                return Response(
                    answer.status, {k.lower(): v for k, v in answer.getheaders()}, payload
                )
            except (http.client.HTTPException, OSError):
                self._drop(conn)
                if attempt == 2:
                    raise
            except AttributeError as exc:
                # http.client's response, closed by `Product.kill`'s thread in the middle of
                # `read()`, fails on its own missing file object: a dropped connection too.
                with self._lock:
                    orphan = self.conn is not conn
                if not orphan:
                    raise
                raise ConnectionResetError("the connection was closed under the request") from exc
        raise AssertionError("unreachable")

    def _drop(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if self.conn is conn:
                self.conn = None
        conn.close()

    def close(self) -> None:
        with self._lock:
            conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()


# -- PostgreSQL: a throwaway cluster, as .ci/postgres.sh makes it ------------------------------


def _pg_bin() -> str | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in p.split("/")[4].split(".") if x.isdigit()],
    )
    return found[-1] if found else None


def _as_pg(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


class Postgres:
    """A cluster started with .ci/postgres.sh on PG_PORT/PG_DIR; stop() and start() for outages."""

    def __init__(self, port: int, folder: str) -> None:
        self.port = port
        self.folder = folder
        self.env = {**os.environ, "PG_PORT": str(port), "PG_DIR": folder}
        self.url = f"postgresql+psycopg://preavis@127.0.0.1:{port}/preavis_test"
        self.databases = 0

    @staticmethod
    def available() -> bool:
        return _pg_bin() is not None

    def __enter__(self) -> Postgres:
        subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres.sh"), "start"],
            env=self.env,
            check=True,
            capture_output=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres.sh"), "stop"],
            env=self.env,
            capture_output=True,
            check=False,
        )

    def fresh_database(self) -> str:
        """An empty database on this cluster, for one product."""
        self.databases += 1
        name = f"bench_{os.getpid()}_{self.databases}"
        subprocess.run(
            _as_pg(
                f"{_pg_bin()}/createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "preavis",
                name,
            ),
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://preavis@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_pg(f"{_pg_bin()}/pg_ctl", "-D", self.folder, "stop", "-m", "fast"),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c max_connections=100"
        )
        subprocess.run(
            _as_pg(
                f"{_pg_bin()}/pg_ctl",
                "-D",
                self.folder,
                "-l",
                f"{self.folder}/log",
                "-w",
                "-o",
                options,
                "start",
            ),
            check=True,
            capture_output=True,
        )


@contextlib.contextmanager
def postgres_or_none(enabled: bool = True) -> Iterator[Postgres | None]:
    """A throwaway cluster on PG_PORT (default 54339, beside the tests' 54329) in PG_DIR, or None
    where there is none."""
    if not enabled or not Postgres.available():
        yield None
        return
    port = int(os.environ.get("PG_PORT", "54339"))
    folder = os.environ.get("PG_DIR", "/tmp/preavis-bench-pg")
    with Postgres(port, folder) as pg:
        yield pg


# -- the product ----------------------------------------------------------------------------


class Product:
    """A temporary folder with a Préavis database, its tokens and (once served) its server."""

    def __init__(self, database_url: str | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="preavis-reliability-"))
        self.url = database_url or f"sqlite:///{self.folder}/preavis.db"
        self.env = {**os.environ, "PREAVIS_DATABASE_URL": self.url}
        self.tokens: dict[str, str] = {}
        self.server: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log = self.folder / "serve.log"
        self.clients: list[Client] = []

    def __enter__(self) -> Product:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cli(
        self, *args: str, check: bool = True, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*preavis_command(), *args],
            env=self.env,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise RuntimeError(
                f"preavis {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}"
            )
        return done

    def setup(self, *, example: bool = True) -> Product:
        """`preavis db upgrade`, `preavis apply --publish` and an admin token (`preavis token
        create`); the other roles' tokens are made through the admin API once served."""
        self.cli("db", "upgrade")
        if example:
            self.cli("apply", "--publish")
        out = self.cli("token", "create", "--name", "bench-admin", "--role", "admin", "--json")
        self.tokens["admin"] = json.loads(out.stdout)["token"]
        return self

    def role_tokens(self) -> None:
        client = Client(self.port)
        try:
            for role in ROLES:
                if role in self.tokens:
                    continue
                body = {"name": f"bench-{role}", "role": role}
                answer = client.request(
                    "POST", "/api/v1/admin/tokens", body=body, token=self.tokens["admin"]
                )
                if answer.status != 201:
                    raise RuntimeError(f"token for {role}: {answer.status} {answer.text[:200]}")
                self.tokens[role] = answer.json()["token"]
        finally:
            client.close()

    def export(self) -> dict[str, Any]:
        return json.loads(self.cli("export").stdout)  # type: ignore[no-any-return]

    def serve(self, cpu: int | None = None) -> int:
        self.port = free_port()
        command = [*preavis_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if cpu is not None and shutil.which("taskset"):
            command = ["taskset", "-c", str(cpu), *command]
        with open(self.log, "ab") as log:
            self.server = subprocess.Popen(
                command, env=self.env, cwd=self.folder, stdout=log, stderr=log
            )
        client = Client(self.port, timeout=2)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(
                    f"preavis serve exited: {self.log.read_text(errors='replace')[-2000:]}"
                )
            try:
                client.request("GET", "/openapi.json")
                if "admin" in self.tokens:
                    self.role_tokens()
                return self.port
            except OSError:
                time.sleep(0.1)
            finally:
                client.close()
        raise RuntimeError("preavis serve did not answer within 30 s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        for client in self.clients:
            client.close()
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(sig)
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.kill(signal.SIGTERM)
        shutil.rmtree(self.folder, ignore_errors=True)

    def client(self, timeout: float = 30.0) -> Client:
        """A client of the server; closed with the product."""
        self.clients.append(Client(self.port, timeout=timeout))
        return self.clients[-1]

    def rss_kib(self) -> int:
        """Resident memory of the server process and its children, in KiB."""
        if self.server is None:
            return 0
        total = 0
        pids = [self.server.pid]
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        for pid in pids:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total
