"""The archive of maintenances, and webcal: links next to every calendar."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from preavis.actions import maintenances
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock
from tests.web.conftest import EXAMPLE, JUNE_30, Public


def test_the_archive_lists_every_public_maintenance_with_its_lifecycle(public: Public) -> None:
    html = public.get("/fr/maintenances").text
    assert "<h1>Toutes les maintenances</h1>" in html
    assert f'href="/fr/maintenances/{EXAMPLE}"' in html
    assert "En cours" in html and "26 services touchés" in html
    for hidden in ("secret-draft", "dropped-draft"):
        assert hidden not in html
    assert 'href="/fr/maintenances">Maintenances</a>' in html  # in the navigation
    public.clock.at = datetime.fromisoformat("2025-08-01T12:00-04:00")
    assert "Terminée" in public.get("/fr/maintenances").text
    maintenances.cancel(public.ctx, slug=EXAMPLE)
    en = public.get("/en/maintenances").text
    assert "<h1>All maintenance</h1>" in en and "Cancelled" in en


def test_webcal_links_follow_the_request_s_host(public: Public) -> None:
    html = public.get(f"/fr/maintenances/{EXAMPLE}").text
    link = f'href="/webcal/fr/maintenances/{EXAMPLE}.ics"'
    assert link in html  # no host in cached bytes
    r = public.get(f"/webcal/fr/maintenances/{EXAMPLE}.ics", headers={"Host": "status.example.net"})
    assert r.status_code == 307
    assert r.headers["location"] == f"webcal://status.example.net/fr/maintenances/{EXAMPLE}.ics"
    feeds = public.get("/en/feeds").text
    assert 'href="/webcal/en/calendar.ics"' in feeds
    assert 'href="/webcal/en/services/boutique-en-ligne.ics"' in feeds
    assert public.get("/webcal/fr/feed.atom").status_code == 404  # calendars only
    assert public.get("/webcal/etc/passwd").status_code == 404


def test_webcal_links_are_direct_with_a_public_url(store: Store, public: Public) -> None:
    settings = Settings(database_url=store.url, public_url="https://status.example.org")
    app = create_app(settings, store=store, clock=TickingClock(JUNE_30))
    with TestClient(app) as client:
        html = client.get("/en/services/boutique-en-ligne").text
    assert 'href="webcal://status.example.org/en/services/boutique-en-ligne.ics"' in html
