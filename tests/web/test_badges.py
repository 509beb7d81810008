"""Embeddable SVG badges, for the site and for each service."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from tests.web.conftest import Public

SVG = "{http://www.w3.org/2000/svg}"


def words(body: bytes) -> list[str]:
    root = ET.fromstring(body)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_the_site_badge_counts_what_is_touched(public: Public) -> None:
    r = public.get("/fr/badge.svg", headers={"Origin": "https://intranet.example.com"})
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["content-security-policy"] == "default-src 'none'"
    assert words(r.content) == ["État des services", "26 services touchés"]
    assert 'fill="#8c1d18"' in r.text  # the worst impact's colour
    public.clock.at = datetime.fromisoformat("2025-08-01T12:00-04:00")
    assert words(public.get("/en/badge.svg").content) == ["Service status", "all operational"]


def test_a_service_badge_says_its_state(public: Public) -> None:
    assert words(public.get("/fr/services/inscription/badge.svg").content) == [
        "Inscription",
        "limité",
    ]
    assert words(public.get("/en/services/boutique-en-ligne/badge.svg").content) == [
        "Online shop",
        "unavailable",
    ]
    assert public.get("/fr/services/nope/badge.svg").status_code == 404
    page = public.get("/fr/services/inscription").text
    assert 'href="/fr/services/inscription/badge.svg"' in page
