"""A live server and Debian's Chromium for the browser tests (never `playwright install`)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from preavis.actions import Context, data, notifications, people
from preavis.actions.files import open_schedule
from preavis.actions.notifications import Mailer
from preavis.clock import FixedClock
from preavis.domain.access import Actor, Role
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
MOMENT = datetime.fromisoformat("2025-06-28T12:00-04:00")

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }  # fmt: skip


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example, published, served by uvicorn in a thread, seen at a fixed moment."""
    url, store, _ = published(tmp_path_factory.mktemp("site") / "browser.db")
    app = create_app(Settings(database_url=url), store=store, clock=FixedClock(MOMENT))
    port = free_port()
    with serving(app, port):
        yield f"http://127.0.0.1:{port}"
    store.dispose()


def published(path: Path, password: str | None = None) -> tuple[str, Store, Context]:
    """A SQLite database at `path` holding the example, published at MOMENT (its URL, store
    and an admin's context); with `password`, one person per role signs in with it
    (`<role>@example.org`)."""
    url = f"sqlite:///{path}"
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(MOMENT), Actor("browser", Role.ADMIN))
    data.apply_schedule(ctx, schedule=open_schedule().schedule, publish=True)
    if password is not None:
        for role in Role:
            people.create_user(ctx, email=f"{role.value}@example.org", role=role,
                               name=f"{role.value.title()} Person", password=password)  # fmt: skip
    return url, store, ctx


@dataclass
class Live:
    """A site served for a browser test, with what it mails kept in memory."""

    url: str
    store: Store
    ctx: Context
    mailer: Mailer
    sender: MemorySender

    def mail_text(self) -> str:
        """The text of the last mail, once the worker has sent what is due."""
        notifications.deliver_due(self.store, self.ctx.clock, self.mailer)
        [message] = self.sender.sent[-1:]
        part = message.get_body(("plain",))
        assert part is not None
        return str(part.get_content())


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(app: Any, port: int) -> Iterator[None]:
    """The application served by uvicorn on 127.0.0.1:`port` in a thread, as a browser sees it."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
