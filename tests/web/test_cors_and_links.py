"""Existing clients work unchanged: public reads answer any origin (CORS, as Statuspage does),
the admin API does not, and feeds and the facade carry absolute links without
PREAVIS_PUBLIC_URL, from the request (behind a trusted proxy, from its forwarded headers)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock
from tests.web.conftest import EXAMPLE, JUNE_30, Public

ELSEWHERE = {"Origin": "https://intranet.example.com"}
PUBLIC_READS = [
    "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/scheduled-maintenances/upcoming.json",
    "/api/v1/status", "/api/v1/maintenances", "/api/v1/services/boutique-en-ligne/timeline",
    "/fr/feed.atom", "/en/services/boutique-en-ligne.atom", "/fr/calendar.ics",
    f"/en/maintenances/{EXAMPLE}.ics",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_reads_answer_any_origin(public: Public, path: str) -> None:
    r = public.get(path, headers=ELSEWHERE)
    assert r.status_code == 200, path
    assert r.headers["access-control-allow-origin"] == "*"
    pre = public.client.options(
        path,
        headers={**ELSEWHERE, "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "if-none-match"},
    )  # fmt: skip
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == "*"
    assert "GET" in pre.headers["access-control-allow-methods"]
    assert "if-none-match" in pre.headers["access-control-allow-headers"].lower()


def test_an_error_of_a_public_read_is_readable_cross_origin_too(public: Public) -> None:
    r = public.get("/api/v1/status?at=tomorrow", headers=ELSEWHERE)
    assert r.status_code == 422 and r.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/api/v1/admin/maintenances", "/fr/", "/docs"])
def test_the_admin_api_and_pages_send_no_cors_header(public: Public, path: str) -> None:
    r = public.get(path, headers=ELSEWHERE)
    assert "access-control-allow-origin" not in r.headers
    pre = public.client.options(path, headers={**ELSEWHERE, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_links_are_absolute_from_the_request(public: Public) -> None:
    headers = {"Host": "status.example.net:8443"}
    feed = public.get("/en/feed.atom", headers=headers).text
    assert 'href="http://status.example.net:8443/en/maintenances/mise-a-niveau-2025"' in feed
    summary = public.get("/api/v2/summary.json", headers=headers).json()
    assert summary["page"]["url"] == "http://status.example.net:8443"
    shortlink = summary["scheduled_maintenances"][0]["shortlink"]
    assert shortlink == f"http://status.example.net:8443/en/maintenances/{EXAMPLE}"
    ics = public.get("/fr/calendar.ics", headers=headers).text.replace("\r\n ", "")
    assert f"URL:http://status.example.net:8443/fr/maintenances/{EXAMPLE}" in ics
    other = public.get("/en/feed.atom", headers={"Host": "status.example.org"}).text
    assert "status.example.net" not in other  # each origin its own cached bytes


def test_forwarded_headers_count_only_when_trusted(public: Public) -> None:
    proxied = {"Host": "10.0.0.5:8000", "X-Forwarded-Host": "status.example.org",
               "X-Forwarded-Proto": "https"}  # fmt: skip
    feed = public.get("/en/feed.atom", headers=proxied).text
    assert "https://status.example.org" not in feed  # a client may send those headers itself
    assert 'href="http://10.0.0.5:8000/en/"' in feed
    public.client.app.site.trust_proxy = True  # type: ignore[attr-defined]
    feed = public.get("/en/feed.atom", headers=proxied).text
    assert 'href="https://status.example.org/en/"' in feed


def test_a_malformed_host_or_too_many_origins_get_relative_links(public: Public) -> None:
    feed = public.get("/en/feed.atom", headers={"Host": 'x"><script>'}).text
    assert 'href="/en/"' in feed and "script" not in feed
    for n in range(20):
        public.get("/en/feed.atom", headers={"Host": f"h{n}.example.org"})
    last = public.get("/en/feed.atom", headers={"Host": "h19.example.org"}).text
    assert 'href="/en/"' in last  # the cache does not grow with every Host a client invents
    root = ET.fromstring(last.encode())
    assert root.tag.endswith("feed")


def test_the_public_url_setting_wins(store: Store, public: Public) -> None:
    settings = Settings(database_url=store.url, public_url="https://status.example.org")
    app = create_app(settings, store=store, clock=TickingClock(JUNE_30))
    with TestClient(app) as client:
        body = client.get("/api/v2/summary.json", headers={"Host": "evil.example"}).text
    assert json.loads(body)["page"]["url"] == "https://status.example.org"
    assert "evil.example" not in body
