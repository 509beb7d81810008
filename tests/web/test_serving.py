"""Serving at scale: any moment from its phase's bytes, rebuilds that never stall readers,
views that do not depend on the time kept across change instants, caches capped by bytes,
Host values that are not attacker-chosen cache keys."""

from __future__ import annotations

import gc
import sys
import threading
import urllib.request
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from preavis.actions import data, maintenances
from preavis.domain import Schedule
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import cache as cache_module
from preavis.web import phases
from preavis.web import rendered as rendered_module
from preavis.web import site as site_module
from preavis.web.app import create_app
from preavis.web.cache import Bounded
from preavis.web.hosts import allowed_hosts
from preavis.web.phases import phase_query
from preavis.web.rendered import HTML, Rendered
from preavis.web.site import Site
from tests.browser.conftest import free_port, serving
from tests.conftest import TickingClock, context
from tests.web.conftest import EXAMPLE, JUNE_30, Public

# Around the example's upgrade (June 25 to July 2, 2025, ET), across the change of time on
# November 2, 2025, in the site's zone and others, given as `at` or as `when` with `tz`.
MOMENTS = [
    {"at": "2025-06-20T09:00-04:00"},
    {"at": "2025-06-26T00:30-04:00"},
    {"at": "2025-06-26T11:17-04:00"},  # the same phase as the one before
    {"at": "2025-06-30T17:59-04:00"},
    {"at": "2025-06-30T18:00-04:00"},
    {"at": "2025-06-30T22:00Z"},
    {"at": "2025-07-01T03:00-04:00", "tz": "America/Vancouver"},
    {"at": "2025-07-01T03:00-04:00", "tz": "America/St_Johns"},
    {"when": "2025-07-01T12:00", "tz": "America/Halifax"},
    {"at": "2025-11-02T01:30-04:00"},
    {"at": "2025-11-02T01:30-05:00"},
    {"at": "2025-11-03T12:00-05:00"},
    {"at": "1900-01-01T12:00-03:30", "tz": "America/St_Johns"},
]


def _direct(site: Site, kind: str, lang: Any, params: dict[str, str]) -> bytes:
    """The page rendered for that moment itself, bypassing every cache: the page of its
    phase, whose links (the language switch too) name the phase's first minute."""
    at, tz = site.moment(params)
    now, d = site.clock.now(), site.data()
    assert at is not None
    query = phase_query(params, site.phase(at, d).moment(at), tz)
    if kind == "home":
        return site.home(lang, at, tz, d, now, query, composed=False).body
    return site.service_page(lang, "ramassage-colis", at, tz, d, now, query).body


@pytest.mark.parametrize("params", MOMENTS, ids=lambda p: "&".join(p.values()))
@pytest.mark.parametrize("kind", ["home", "service"])
def test_a_page_of_any_moment_is_the_page_of_that_moment(
    public: Public, params: dict[str, str], kind: str
) -> None:
    site: Site = public.client.app.site  # type: ignore[attr-defined]
    for lang in ("fr", "en"):
        path = f"/{lang}/" if kind == "home" else f"/{lang}/services/ramassage-colis"
        r = public.get(f"{path}?{urlencode(params)}")
        assert r.status_code == 200
        assert r.content == _direct(site, kind, lang, params)
        assert b"PREAVISx" not in r.content


def test_moments_of_one_phase_share_one_rendering(public: Public) -> None:
    site: Site = public.client.app.site  # type: ignore[attr-defined]
    public.get("/fr/?at=2025-06-26T00:30-04:00")
    version = site.version()
    # the frame and the page put together from it and its rows; the page filled for the phase
    kept = len(version.moments)
    assert (kept, len(version.phases)) == (2, 1)
    first = public.get("/fr/?at=2025-06-26T09:10-04:00")
    # The phase from the start of the first limited window (June 25, 23:59 ET) to the start
    # of the first unavailable one (June 30, 18:00 ET), as the reference notice says.
    said = "du 25 juin 2025, 23\u00a0h\u00a059 au 30 juin 2025, 18\u00a0h (HE)"
    assert f"Vous voyez l’état des services {said} : rien ne change" in first.text
    assert 'value="2025-06-25T23:59"' in first.text  # the picker: the phase's first minute
    for minute in range(11, 50):  # all within that phase: the same bytes, the same tag
        r = public.get(f"/fr/?at=2025-06-26T09:{minute}-04:00")
        assert r.content == first.content
        assert r.headers["etag"] == first.headers["etag"]
    english = public.get("/en/?at=2025-06-26T09:10-04:00").text
    assert "from June 25, 2025, 11:59\u00a0p.m. to June 30, 2025, 6\u00a0p.m. ET" in english
    public.get("/fr/?at=2025-06-28T12:00-04:00")
    assert len(version.moments) == kept + 2  # English: its own frame and page
    assert len(version.phases) == 2  # and its phase
    public.get("/fr/?at=2025-06-30T19:00-04:00")  # the next phase (pickup unavailable)
    assert len(version.moments) > kept  # the new phase: put together again
    api = public.get("/api/v1/status", params={"at": "2025-06-30T19:00-04:00"}).json()
    assert api["at"] == "2025-06-30T19:00:00-04:00"
    pickup = next(s for s in api["services"] if s["slug"] == "ramassage-colis")
    assert pickup["impact"] == "unavailable"
    later = public.get("/api/v1/status", params={"at": "2025-06-30T20:00-04:00"}).json()
    assert later["at"] == "2025-06-30T20:00:00-04:00"
    assert later["services"] == api["services"]


def test_feeds_and_calendars_outlive_a_change_instant(
    public: Public, monkeypatch: pytest.MonkeyPatch
) -> None:
    site: Site = public.client.app.site  # type: ignore[attr-defined]
    renders: list[str] = []
    for name in ("feed", "calendar", "home"):
        original = getattr(Site, name)

        def counted(self: Site, *a: Any, _name: str = name, _f: Any = original, **k: Any) -> Any:
            renders.append(_name)
            return _f(self, *a, **k)

        monkeypatch.setattr(Site, name, counted)
    for path in ("/fr/feed.atom", "/fr/calendar.ics", "/fr/"):
        assert public.get(path).status_code == 200
    assert sorted(renders) == ["calendar", "feed", "home"]
    # June 30, 6 p.m. ET: parcel pickup goes down; the home page changes, the feed does not.
    public.clock.at = datetime.fromisoformat("2025-06-30T18:00-04:00")
    site._checked = public.clock.at  # no database check: only the time moved
    for path in ("/fr/feed.atom", "/fr/calendar.ics", "/fr/"):
        assert public.get(path).status_code == 200
    assert sorted(renders) == ["calendar", "feed", "home", "home"]


def test_caches_hold_at_most_their_bytes() -> None:
    cache = Bounded(10_000)
    page = Rendered.of(b"x" * 900, HTML, 30)
    for n in range(50):
        cache.put(f"k{n}", page)
        assert cache.size <= 10_000
    assert len(cache) == 10_000 // (900 + 200)
    assert cache.get("k0") is None and cache.get("k49") is page  # the oldest went first
    cache.get("k41")  # used: kept over k42
    cache.put("k50", page)
    assert cache.get("k41") is page and cache.get("k42") is None
    huge = Rendered.of(b"y" * 20_000, HTML, 30, compress=False)
    cache.put("huge", huge)
    assert cache.get("huge") is None and cache.size <= 10_000


def test_the_moment_cache_of_a_site_stays_under_its_cap(store: Store, example: Schedule) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    cap = 200_000
    app = create_app(
        Settings(database_url=store.url, cache_mb=1), store=store, clock=TickingClock(JUNE_30)
    )
    site: Site = app.site  # type: ignore[attr-defined]
    site.cache_bytes = cap
    with TestClient(app) as client:
        for day in range(1, 29):
            for hour in (3, 15):
                at = f"2025-{6 + day // 15:02d}-{1 + day % 15:02d}T{hour:02d}:00-04:00"
                assert client.get(f"/fr/maintenances/{EXAMPLE}?at={at}").status_code == 200
                for zone in ("America/Toronto", "Europe/Paris", "Asia/Tokyo"):  # 6 phase pages
                    assert client.get(f"/en/?at={at}&tz={zone}").status_code == 200
        version = site.version()
        assert 0 < version.moments.size <= cap
        assert len(version.moments) < 56
        assert 0 < version.phases.size <= cap  # filled pages (6 KB each), kept apart


def held_reads() -> tuple[threading.Event, threading.Event, Any]:
    """A read of the public data that, once put in place, holds (`started`) until `release`."""
    started, release = threading.Event(), threading.Event()
    real = site_module.public_data

    def slow(**kw: Any) -> Any:
        if not release.is_set():
            started.set()
            release.wait(30)
        return real(**kw)

    return started, release, slow


def test_a_reader_is_served_the_old_bytes_while_a_rebuild_runs(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    clock = TickingClock(JUNE_30)
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    started, release, slow = held_reads()

    port = free_port()
    with serving(app, port):
        url = f"http://127.0.0.1:{port}/en/"
        old = urllib.request.urlopen(url, timeout=30).read()
        # a document written in pieces and kept compressed only (see Rendered.streamed)
        monkeypatch.setattr(rendered_module, "SLIM_FROM", 2000)
        summary = f"http://127.0.0.1:{port}/api/v2/summary.json"
        old_summary = urllib.request.urlopen(summary, timeout=30).read()
        maintenances.cancel(ctx, slug=EXAMPLE)  # the database changes
        monkeypatch.setattr(site_module, "public_data", slow)
        clock.at += timedelta(seconds=2)  # a check is due
        got: dict[str, bytes] = {}
        first = threading.Thread(
            target=lambda: got.update(new=urllib.request.urlopen(url, timeout=30).read())
        )
        first.start()
        assert started.wait(30)  # the rebuild is running, held
        try:
            # Another reader meanwhile: answered at once, from the version being served.
            during = urllib.request.urlopen(url, timeout=5).read()
            summary_during = urllib.request.urlopen(summary, timeout=5).read()
        finally:
            release.set()
        first.join(30)
        assert during == old
        assert summary_during == old_summary and len(old_summary) > 2000
        assert got["new"] != old and b"Cancelled" in got["new"]
        assert urllib.request.urlopen(url, timeout=30).read() == got["new"]


def test_the_reader_that_finds_a_check_due_is_not_held_by_a_long_rebuild(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 5,000-service rebuild takes seconds: the reader whose request found the check due
    waits for it at most WAIT, then is served the old version like every other reader."""
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    clock = TickingClock(JUNE_30)
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    monkeypatch.setattr(cache_module, "WAIT", timedelta(seconds=0.2))
    started, release, slow = held_reads()

    port = free_port()
    with serving(app, port):
        url = f"http://127.0.0.1:{port}/en/"
        old = urllib.request.urlopen(url, timeout=30).read()
        maintenances.cancel(ctx, slug=EXAMPLE)  # the database changes
        monkeypatch.setattr(site_module, "public_data", slow)
        clock.at += timedelta(seconds=2)  # a check is due
        try:
            first = urllib.request.urlopen(url, timeout=30).read()  # it finds the check due
            assert started.is_set() and not release.is_set()  # the rebuild is still held
            assert first == old
            assert urllib.request.urlopen(url, timeout=30).read() == old
        finally:
            release.set()
        for _ in range(300):  # the rebuild ends and its version is swapped in
            newer = urllib.request.urlopen(url, timeout=30).read()
            if newer != old:
                break
            threading.Event().wait(0.05)
        assert b"Cancelled" in newer


def test_only_allowed_hosts_get_absolute_links(store: Store, example: Schedule) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock(JUNE_30))
    with TestClient(app) as client:
        local = client.get("/en/feed.atom", headers={"Host": "127.0.0.1:8000"}).text
        assert 'href="http://127.0.0.1:8000/en/"' in local
        evil = client.get("/en/feed.atom", headers={"Host": "evil.example"}).text
        assert "evil.example" not in evil and 'href="/en/"' in evil
    settings = Settings(database_url=store.url, public_url="https://status.example.org")
    assert allowed_hosts((), settings.public_url)[0] == "status.example.org"
    assert allowed_hosts(("Status.Example.net:443",), "") == ("status.example.net",)


def test_rows_drawn_from_older_data_go_once_the_new_data_is_served(public: Public) -> None:
    site: Site = public.client.app.site  # type: ignore[attr-defined]
    assert public.get("/fr/?at=2025-06-26T09:00-04:00").status_code == 200
    before = site.version().data.stamp
    assert [f.stamp for f in site._fragments] == [before]
    maintenances.cancel(public.ctx, slug=EXAMPLE)
    assert public.get("/fr/?at=2025-06-26T09:00-04:00").status_code == 200
    after = site.version().data.stamp
    assert after != before
    assert [f.stamp for f in site._fragments] == [after]


def test_views_of_now_are_rendered_before_a_change_instant_comes(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shortly before the next change instant, the views of now in use are rendered as of it
    in a thread of their own; once it has passed they are served as they are, where every
    reader waited for a first render before."""
    data.apply_schedule(context(store), schedule=example, publish=True)
    clock = TickingClock(JUNE_30)
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    site: Site = app.site  # type: ignore[attr-defined]
    switch, thresholds = sys.getswitchinterval(), gc.get_threshold()
    with TestClient(app) as client:
        before = client.get("/en/")
        assert before.status_code == 200
        version = site.version()
        until = version.valid_until
        assert until is not None and version.upcoming is None
        clock.at = until - timedelta(seconds=10)
        site._checked = None  # a check is due: the views in use are rendered ahead
        assert site.version() is version and site._preparing is not None
        site._preparing.join(30)
        assert version.upcoming is not None and version.upcoming[0] == until
        drawn: list[Any] = []
        real = Site.home

        def counted(self: Site, *args: Any, **kw: Any) -> Any:
            drawn.append(args)
            return real(self, *args, **kw)

        monkeypatch.setattr(Site, "home", counted)
        clock.at = until + timedelta(seconds=1)
        site._checked = clock.at  # the data is not checked again
        after = client.get("/en/")
        assert after.status_code == 200 and drawn == []  # served as rendered ahead
        assert version.valid_from == until and version.valid_until is not None
    expected = real(site, "en", None, site.zone, version.data, until)
    assert after.content == expected.body != before.content
    assert sys.getswitchinterval() == switch and gc.get_threshold() == thresholds


def test_a_phase_page_is_sent_compressed_to_those_who_accept_it(public: Public) -> None:
    plain = public.get("/fr/?at=2025-06-28T12:00-04:00", headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("content-encoding") is None
    raw = public.client.get(
        "/fr/?at=2025-06-28T13:00-04:00", headers={"Accept-Encoding": "gzip"}
    )  # another moment of the same phase
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.content == plain.content  # the client inflated it: the same page
    assert raw.headers["etag"] != plain.headers["etag"]  # one tag per encoding


def test_a_phase_page_too_big_to_keep_is_filled_per_request(
    public: Public, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phases, "KEEP_FILLED", 1_000)  # every page of the example is bigger
    site: Site = public.client.app.site  # type: ignore[attr-defined]
    first = public.get("/fr/?at=2025-06-28T12:00-04:00")
    second = public.get("/fr/?at=2025-06-29T12:00-04:00")  # the same phase
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
    assert "du 25 juin 2025, 23\u00a0h\u00a059 au 30 juin 2025, 18\u00a0h (HE)" in second.text
    version = site.version()
    assert len(version.phases) == 0  # not kept whole
    assert len(version.unkept) == 1  # but known: filled from its pieces on the event loop
    assert len(version.moments) == 2  # the frame and the page put together, kept
