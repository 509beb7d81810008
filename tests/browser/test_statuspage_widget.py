"""Atlassian's own status widget, embedded in a page of another site (another origin) and
pointed at Préavis, renders its status: the facade answers cross-origin reads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import Context, data
from preavis.actions.files import open_schedule
from preavis.clock import FixedClock
from preavis.domain.access import Actor, Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.browser.conftest import free_port, serving, shot

WIDGET = Path(__file__).parent / "statuspage_widget"


@contextmanager
def another_site(site_url: str, tmp_path: Path) -> Iterator[str]:
    """Another site: a page holding the widget pointed at `site_url`, on its own port."""
    (tmp_path / "index.js").write_bytes((WIDGET / "index.js").read_bytes())
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>Intranet</title>"
        '<script src="/index.js"></script></head><body><h1>Intranet</h1>'
        f'<statuspage-widget src="{site_url}" title="Préavis"></statuspage-widget>'
        "</body></html>",
        "utf-8",
    )

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path)))
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def third_party(site_url: str, tmp_path: Path) -> Iterator[str]:
    with another_site(site_url, tmp_path) as url:
        yield url


@contextmanager
def preavis_at(moment: str, folder: Path) -> Iterator[str]:
    """The example, published, served by Préavis seen at `moment`."""
    url = f"sqlite:///{folder}/widget.db"
    store = Store(url)
    store.upgrade()
    clock = FixedClock(datetime.fromisoformat(moment))
    data.apply_schedule(
        Context(store, clock, Actor("browser", Role.ADMIN)),
        schedule=open_schedule().schedule,
        publish=True,
    )
    port = free_port()
    try:
        with serving(create_app(Settings(database_url=url), store=store, clock=clock), port):
            yield f"http://127.0.0.1:{port}"
    finally:
        store.dispose()


def test_the_widget_renders_preavis_from_another_site(page: Any, third_party: str) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "CORS" in m.text else None)
    page.goto(f"{third_party}/index.html")
    status = page.locator("statuspage-widget .status-text")
    status.wait_for(timeout=10000)
    # The browser site's moment is during the upgrade: Statuspage's words for it.
    assert status.inner_text() == "Service Under Maintenance"
    indicator = page.locator("statuspage-widget .status-indicator")
    assert "maintenance" in (indicator.get_attribute("class") or "")
    assert refused == []
    shot(page, "statuspage-widget")


@pytest.mark.parametrize(
    ("moment", "name"),
    [("2025-06-10T12:00-04:00", "before"), ("2025-07-10T12:00-04:00", "after")],
)
def test_the_widget_outside_a_maintenance(
    page: Any, tmp_path: Path, moment: str, name: str
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "page").mkdir()
    with (
        preavis_at(moment, tmp_path / "site") as preavis,
        another_site(preavis, tmp_path / "page") as elsewhere,
    ):
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "CORS" in m.text else None)
        page.goto(f"{elsewhere}/index.html")
        status = page.locator("statuspage-widget .status-text")
        status.wait_for(timeout=10000)
        assert status.inner_text() == "All Systems Operational"
        indicator = page.locator("statuspage-widget .status-indicator")
        assert "none" in (indicator.get_attribute("class") or "").split()
        assert refused == []
        shot(page, f"statuspage-widget-{name}")
