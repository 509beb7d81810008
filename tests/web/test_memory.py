"""What a worker keeps of big documents: a feed, calendar or JSON document over SLIM_FROM is
cached compressed only, and sent whole either way (gzip as kept, plain inflated in pieces)."""

from __future__ import annotations

import gc
import gzip
import json
import random
import sys
import threading
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from preavis.actions import catalogue, data, maintenances
from preavis.domain import Schedule, Text
from preavis.formats import ical, statuspage
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import cache as cache_module
from preavis.web import rendered as rendered_module
from preavis.web import site as site_module
from preavis.web.app import create_app
from preavis.web.cache import Bounded, release, weight
from preavis.web.rendered import HTML, ICS, JSON, Rendered
from preavis.web.site import Site
from preavis.web.views import facade
from tests.conftest import TickingClock, context
from tests.web.conftest import JUNE_30


def test_a_big_document_is_kept_compressed_only_and_inflates_to_its_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rendered_module, "PIECE", 1000)  # many pieces
    body = b"".join(b'{"service":"s%d","status":"operational"},' % n for n in range(60_000))
    document = Rendered.of(body, JSON, 30)
    slim = document.slim()
    assert slim.body == b"" and slim.gzipped == document.gzipped and slim.etag == document.etag
    assert slim.length == len(body) and slim.plain() == body
    pieces = list(slim.pieces())
    assert len(pieces) > 2 and max(map(len, pieces)) <= 1000 and b"".join(pieces) == body
    assert weight(slim) < len(body) // 10  # what a cache counts for it
    cache = Bounded(len(body))  # too small for the document with its twin; not for its twin
    cache.put("summary", document)
    kept = cache.get("summary")
    assert kept is not None and kept.size == len(body) and kept.plain() == body
    # pages (read for their language at every response), small bodies and masked pages stay
    page = Rendered.of(b"<html>" + body, HTML, 30)
    small = Rendered.of(body[:5000], JSON, 30)
    assert page.slim() is page and small.slim() is small
    release()  # callable wherever it runs


def test_a_big_calendar_is_sent_whole_with_and_without_gzip(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    monkeypatch.setattr(rendered_module, "SLIM_FROM", 2000)  # the example's are small
    monkeypatch.setattr(rendered_module, "PIECE", 700)
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock(JUNE_30))
    site: Site = app.site  # type: ignore[attr-defined]
    with TestClient(app) as client:
        first = client.get("/fr/calendar.ics", headers={"Accept-Encoding": "identity"})
        assert first.status_code == 200 and len(first.content) > 2000
        cached = site.version().timeless.get(next(iter(site.version().timeless.recent(1)))[0])
        assert cached is not None and cached.size == len(first.content) and not cached.body
        for encoding in ("identity", "gzip"):
            again = client.get("/fr/calendar.ics", headers={"Accept-Encoding": encoding})
            assert again.status_code == 200
            assert again.headers["content-type"] == ICS
            assert again.content == first.content  # the client inflates gzip
            assert int(again.headers["content-length"]) == (
                len(first.content) if encoding == "identity" else len(cached.gzipped or b"")
            )
        assert gzip.decompress(cached.gzipped or b"") == first.content
        head = client.head("/fr/calendar.ics", headers={"Accept-Encoding": "identity"})
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == str(len(first.content))


def test_a_large_catalogue_is_settled_after_each_swap(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large catalogues only (the example's 30-odd interruptions are far below SETTLE_FROM,
    lowered here): every swap followed by a young collection and a freeze, never a full
    collection (it held the interpreter, and every reader, up to 0.3 s), then the memory
    handed back; and while the rebuild runs, only then, a shorter switch interval and no full
    collection."""
    calls: list[str] = []
    switch, thresholds = sys.getswitchinterval(), gc.get_threshold()

    def collect(*generation: int) -> int:
        calls.append(f"collect{generation}")
        return 0

    def read(old: Any) -> Any:
        full = gc.get_threshold()[2] == cache_module.NO_FULL_COLLECTION
        calls.append(f"read at {sys.getswitchinterval()}{', no full collection' if full else ''}")
        return real(old)

    monkeypatch.setattr(cache_module.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(cache_module.gc, "collect", collect)
    monkeypatch.setattr(cache_module, "release", lambda: calls.append("release"))
    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock(JUNE_30))
    site: Site = app.site  # type: ignore[attr-defined]
    real = site._read
    monkeypatch.setattr(site, "_read", read)
    site.data()
    rebuild = f"read at {cache_module.REBUILD_SWITCH}, no full collection"
    assert calls == [rebuild, "release"]  # small: the trim after a swap, no collection
    assert sys.getswitchinterval() == switch
    calls.clear()
    monkeypatch.setattr(cache_module, "SETTLE_FROM", 1)
    maintenances.cancel(ctx, slug=example.maintenances[0].slug)
    site.data()
    assert calls == [rebuild, "release", "collect(1,)", "freeze", "release"]
    calls.clear()
    slug = example.services[0].slug
    catalogue.change_service(ctx, slug=slug, name=Text("Nouveau nom", "New name"))
    site.data()
    assert calls == [rebuild, "release", "collect(1,)", "freeze", "release"]
    assert sys.getswitchinterval() == switch and gc.get_threshold() == thresholds


def test_a_big_document_is_inflated_once_for_clients_without_gzip(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    monkeypatch.setattr(rendered_module, "SLIM_FROM", 2000)  # the example's are small
    inflated: list[str] = []
    original = Rendered.plain

    def counted(self: Rendered) -> bytes:
        inflated.append(self.etag)
        return original(self)

    monkeypatch.setattr(Rendered, "plain", counted)
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock(JUNE_30))
    site: Site = app.site  # type: ignore[attr-defined]
    plain = {"Accept-Encoding": "identity"}
    with TestClient(app) as client:
        first = client.get("/fr/calendar.ics", headers=plain)  # rendered: its body at hand
        bodies = [client.get("/fr/calendar.ics", headers=plain).content for _ in range(3)]
        assert bodies == [first.content] * 3
        assert len(inflated) == 1  # once, then the copy kept
        kept = site.plain.get(inflated[0])
        assert kept is not None and kept.body == first.content and len(site.plain) == 1
        # A copy bigger than the copies may hold is not kept: sent in pieces each time.
        site.plain = Bounded(100)
        assert client.get("/fr/calendar.ics", headers=plain).content == first.content
        assert client.get("/fr/calendar.ics", headers=plain).content == first.content
        assert len(site.plain) == 0 and len(inflated) == 1


@pytest.mark.parametrize("size", [300, 5_000, 3 * 1024 * 1024])
def test_a_document_written_in_pieces_is_the_document_written_whole(size: int) -> None:
    """Rendered.streamed: the same ETag, the same gzip bytes and the same body as the
    document written whole, kept compressed only from SLIM_FROM (as `slim` keeps it)."""
    rnd = random.Random(size)
    body = bytes(rnd.choice(b"abcdefghij \r\n{}\xc3\xa9") for _ in range(size))
    cuts = sorted(rnd.sample(range(1, size), 40))
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, size], strict=True)]
    whole = Rendered.of(body, JSON, 30).slim()
    streamed = Rendered.streamed(iter(pieces), JSON, 30)
    assert streamed.etag == whole.etag and streamed.gzipped == whole.gzipped
    assert streamed.body == whole.body and streamed.size == whole.size
    assert streamed.plain() == body and streamed.length == size
    assert (streamed.size is not None) == (size >= rendered_module.SLIM_FROM)


def test_json_written_in_pieces_is_json_dumps() -> None:
    payload = {
        "page": {"id": "x", "name": "Préavis « test »", "url": None, "n": 1.5, "ok": True},
        "components": [
            {"id": f"c{n}", "name": f"Service {n} — é", "tags": []} for n in range(3000)
        ],
        "deep": [[[[[{"a": [1, 2, {"b": ()}]}]]]]],
        "numbered": {1: "one", 2: "two"},  # keys json writes as strings
        "empty": {},
        "tuple": (1, "two", None),
        "status": {"indicator": "none", "description": "All Systems Operational"},
    }
    expected = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    pieces = list(rendered_module.json_pieces(payload))
    assert b"".join(pieces) == expected
    assert len(pieces) > 1  # written in pieces, not whole
    # lists given as iterators (made as they are written), at any depth, empty or not
    lazy = {**payload, "components": iter(payload["components"]), "deep": iter([iter([])])}
    again = {**payload, "deep": [[]]}
    assert (
        b"".join(rendered_module.json_pieces(lazy))
        == json.dumps(again, ensure_ascii=False, separators=(",", ":")).encode()
    )


def test_big_documents_are_the_same_bytes_written_in_pieces(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """summary.json and the calendars, written in pieces and kept compressed only, are the
    bytes the whole document gives: json.dumps of the facade, and ical.calendar."""
    data.apply_schedule(context(store), schedule=example, publish=True)
    monkeypatch.setattr(rendered_module, "SLIM_FROM", 2000)  # the example's are small
    monkeypatch.setattr(rendered_module, "JSON_PIECE", 100)
    clock = TickingClock(JUNE_30)
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    site: Site = app.site  # type: ignore[attr-defined]
    d, now = site.data(), clock.now()
    page = statuspage.Page(site.name, "/", site.zone, d.read_at)
    for name in ("summary.json", "scheduled-maintenances.json", "status.json"):
        whole = json.dumps(facade(name, page, d, now), ensure_ascii=False, separators=(",", ":"))
        rendered = site.statuspage(name, d, now)
        assert (
            rendered.plain() == whole.encode()
            and rendered.etag == Rendered.of(whole.encode(), JSON, 30).etag
        )
    services = {s.slug: s for s in d.services}
    entries = [ical.CalendarEntry(p.maintenance, p.revision, p.updated_at) for p in d.maintenances]
    service = example.services[0].slug
    for lang in ("fr", "en"):
        name = site.words(lang)["site_name"]
        rendered = site.calendar(lang, d)
        assert rendered.size is not None  # kept compressed only
        assert rendered.plain() == ical.calendar(entries, services, lang, name)
        one = site.calendar(lang, d, service=service)
        named = f"{name} — {d.service(service).name.get(lang)}"
        assert one.plain() == ical.calendar(entries, services, lang, named, service=service)


def test_rebuilds_running_at_once_put_back_the_settings_when_the_last_ends() -> None:
    switch, thresholds = sys.getswitchinterval(), gc.get_threshold()
    during = (cache_module.REBUILD_SWITCH, cache_module.NO_FULL_COLLECTION)
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with cache_module.rebuilding():
            entered.set()
            leave.wait(30)

    with cache_module.rebuilding():
        thread = threading.Thread(target=other)
        thread.start()
        assert entered.wait(30)
    # the first has ended, the other runs: still the rebuild's settings
    assert (sys.getswitchinterval(), gc.get_threshold()[2]) == during
    leave.set()
    thread.join(30)
    assert sys.getswitchinterval() == switch and gc.get_threshold() == thresholds
