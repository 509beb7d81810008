"""Atlassian's own status widget, embedded in a page of another site (another origin) and
pointed at Préavis, renders its status: the facade answers cross-origin reads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import shot

WIDGET = Path(__file__).parent / "statuspage_widget"


@pytest.fixture
def third_party(site_url: str, tmp_path: Path) -> Iterator[str]:
    """Another site: a page holding the widget, served from its own port."""
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
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


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
