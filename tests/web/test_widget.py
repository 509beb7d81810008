"""A small embeddable widget per site and per service: framable by other sites, and nothing
else about the pages' policy relaxed."""

from __future__ import annotations

from datetime import datetime

from tests.web.conftest import Public


def test_the_site_widget_can_be_framed_elsewhere(public: Public) -> None:
    r = public.get("/fr/widget")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "default-src 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "x-frame-options" not in r.headers
    assert "26 services touchés : 23 indisponibles, 3 limités." in r.text
    assert "Maintenance en cours :" in r.text and 'target="_top"' in r.text
    page = public.get("/fr/")
    assert page.headers["x-frame-options"] == "DENY"  # pages still refuse to be framed
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_service_widget_says_its_state_and_way_ahead(public: Public) -> None:
    public.clock.at = datetime.fromisoformat("2025-06-20T09:00-04:00")
    html = public.get("/en/services/facturation-paiements/widget").text
    assert "Billing and payments" in html and "Operational" in html
    assert "limited from June 25, 10\u00a0p.m., then unavailable from June 30, 6\u00a0p.m." in html
    assert public.get("/en/services/nope/widget").status_code == 404
