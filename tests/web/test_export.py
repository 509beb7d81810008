"""`preavis export-site`: the public site as static files, served by a plain static server."""

from __future__ import annotations

import functools
import gzip
import html
import posixpath
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from preavis.actions import data, maintenances
from preavis.domain import Schedule
from preavis.domain.errors import InputError
from preavis.storage import Store
from preavis.web import export
from preavis.web import site as site_module
from preavis.web.export import _Build, export_site, keep
from preavis.web.site import Site
from tests.conftest import TickingClock, context
from tests.test_cli import run

MOMENT = datetime.fromisoformat("2025-06-28T12:00-04:00")
LINK = re.compile(r'(?:href|src|action)="([^"]*)"')


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def static(folder: Path) -> Iterator[str]:
    """`folder` served by the standard library's static file server (no rewriting at all)."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture
def exported(store: Store, example: Schedule, tmp_path: Path) -> tuple[Site, Path]:
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    site = Site(store, TickingClock(MOMENT))
    folder = tmp_path / "site"
    done = export_site(site, folder)
    assert done.broken == ()
    return site, folder


def test_every_link_of_every_page_resolves_over_http(exported: tuple[Site, Path]) -> None:
    _, folder = exported
    assert (folder / "fr" / "index.html").is_file()
    assert (folder / "en" / "index.html").is_file()
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert "fr/services/ramassage-colis.html" in pages
    assert "en/maintenances/mise-a-niveau-2025.html" in pages
    checked: dict[str, int] = {}
    with static(folder) as root:
        for page in pages:
            status, body = get(root + page)
            assert status == 200, page
            for raw in LINK.findall(body.decode("utf-8")):
                link = html.unescape(raw)
                if link.startswith(("#", "webcal:", "http:", "https:", "data:")):
                    continue
                assert not link.startswith("/"), f"{page}: {link} is not relative"
                url = urljoin(root + page, link)
                if url not in checked:
                    checked[url] = get(url)[0]
                assert checked[url] == 200, f"{page}: {link} is broken"
        # Feeds, calendars, badges and the JSON documents are there too.
        for path in ("fr/calendar.ics", "en/feed.atom", "fr/badge.svg",
                     "api/v2/summary.json", "api/v1/status.json",
                     "fr/services/ramassage-colis/badge.svg"):  # fmt: skip
            assert get(root + path)[0] == 200, path
    assert len(checked) > 100


def test_a_phase_page_shows_what_the_live_site_shows_of_a_moment_in_it(
    exported: tuple[Site, Path],
) -> None:
    site, folder = exported
    # "Ramassage de colis" is unavailable from June 30, 6 p.m. to July 2, 7 a.m. (ET): the
    # phase that holds July 1, noon starts at June 30, 22:00 UTC.
    page = (folder / "en" / "at" / "20250630T220000Z.html").read_text()
    moment = datetime.fromisoformat("2025-07-01T12:00-04:00")
    live = site.home("en", moment, site.zone, site.data(), MOMENT).body.decode()

    def rows(text: str) -> list[tuple[str, str]]:
        found = re.findall(r'<th scope="row"><a[^>]*>([^<]+)</a></th>\s*<td[^>]*>'
                           r'<span class="badge ([a-z]+)"', text)  # fmt: skip
        return [(name, impact) for name, impact in found]

    # A phase page is the live page of a moment in it: the services down then, and per group
    # how many others operate normally (not the whole catalogue again).
    every = len(site.data().services)
    assert rows(page) == rows(live)
    assert ("Parcel pickup", "unavailable") in rows(page)
    assert all(impact != "operational" for _, impact in rows(page))
    assert len(rows(page)) == every  # every service is down then: no count
    assert "operating normally" not in page
    # On June 26 at noon ET, some are down and the others are counted.
    page = (folder / "en" / "at" / "20250626T035900Z.html").read_text()
    moment = datetime.fromisoformat("2025-06-26T12:00-04:00")
    live = site.home("en", moment, site.zone, site.data(), MOMENT).body.decode()
    down = site.data().timeline.status_at(moment).down
    assert down and rows(page) == rows(live)
    assert sorted(name for name, _ in rows(page)) == sorted(s.service.name.en for s in down)
    others = [int(n) for n in re.findall(r"(\d+) other services? operating normally", page)]
    assert others and sum(others) == every - len(down)
    # Without the script, the moment picker leads to the list of phases.
    assert 'action="../phases.html"' in page
    listed = (folder / "en" / "phases.html").read_text()
    assert 'href="at/20250630T220000Z.html"' in listed


def test_a_new_export_is_swapped_in_and_shares_unchanged_files(
    exported: tuple[Site, Path],
) -> None:
    site, folder = exported
    first = folder.resolve()
    css = (folder / "static" / "site.css").stat().st_ino
    site.clock.at = MOMENT + timedelta(days=5)  # type: ignore[attr-defined]
    export_site(site, folder)
    second = folder.resolve()
    assert folder.is_symlink() and second != first
    assert first.exists()  # a reader still on the old build finds it whole
    assert (folder / "static" / "site.css").stat().st_ino == css  # hard link, not a copy
    export_site(site, folder)
    assert not first.exists()  # only the current build and the one before are kept
    assert (folder / "fr" / "index.html.gz").is_file()


def test_every_gzip_twin_holds_its_file_and_unchanged_twins_are_shared(
    exported: tuple[Site, Path],
) -> None:
    site, folder = exported
    twins = sorted(folder.rglob("*.gz"))
    kinds = {t.name.removesuffix(".gz").rsplit(".", 1)[1] for t in twins}
    assert {"html", "atom", "ics", "json", "css"} <= kinds  # rewritten pages and the rest
    for twin in twins:
        assert gzip.decompress(twin.read_bytes()) == twin.with_suffix("").read_bytes(), twin
    for file in folder.rglob("*"):
        big = file.is_file() and file.stat().st_size > 1024 and file.suffix != ".gz"
        assert not big or file.with_name(file.name + ".gz").is_file(), file
    inodes = {t.relative_to(folder).as_posix(): t.stat().st_ino for t in twins}
    export_site(site, folder)  # the same data at the same moment: every twin is shared
    again = {t.relative_to(folder).as_posix(): t.stat().st_ino for t in folder.rglob("*.gz")}
    assert again == inodes


def test_the_link_check_finds_a_missing_page(store: Store, example: Schedule) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    site = Site(store, TickingClock(MOMENT))
    build = _Build(site, site.data(), MOMENT, "")
    build.build()
    del build.files["en/services/ramassage-colis.html"]  # linked from every home and phase page
    del build.files["static/site.css"]  # linked from the pages written by hand too
    build.check()
    assert "en/index.html: services/ramassage-colis.html" in build.broken
    assert any(b.startswith("en/at/") and "ramassage-colis.html" in b for b in build.broken)
    assert "en/phases.html: ../static/site.css" in build.broken
    assert "docs.html: static/site.css" in build.broken
    for broken in build.broken:  # and nothing else
        page, link = broken.split(": ", 1)
        found = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
        assert found in ("en/services/ramassage-colis.html", "static/site.css"), broken


def test_an_export_of_the_same_data_keeps_the_files_that_do_not_depend_on_the_time(
    exported: tuple[Site, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, folder = exported
    first = folder.resolve()
    timeless = ("fr/services/ramassage-colis.atom", "en/services/ramassage-colis.ics",
                "fr/feed.atom", "api/v1/phases.en.json", "api/v1/maintenances.json",
                "api/v1/services/ramassage-colis/timeline.json")  # fmt: skip
    rendered: list[str] = []
    for name in ("feed", "calendar"):
        real = getattr(site, name)
        monkeypatch.setattr(site, name, lambda *a, _r=real, _n=name, **k: (
            rendered.append(_n), _r(*a, **k))[1])  # fmt: skip
    site.clock.at = MOMENT + timedelta(days=3)  # type: ignore[attr-defined]
    export_site(site, folder)  # a later moment, the same data: feeds and calendars are kept
    assert rendered == []
    for path in timeless:
        assert (folder / path).stat().st_ino == (first / path).stat().st_ino, path
    # What shows the time is made anew: the status of July 1 is not that of June 28.
    for path in ("en/index.html", "api/v1/status.json", "api/v2/summary.json"):
        assert (folder / path).read_bytes() != (first / path).read_bytes(), path

    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))  # see the write at once
    later = datetime.fromisoformat("2025-07-02T09:00-04:00")
    maintenances.extend(context(site.store), slug="mise-a-niveau-2025", ends_at=later)
    export_site(site, folder)  # the data changed: everything is made from it again
    assert "feed" in rendered and "calendar" in rendered
    assert "Mise à jour" in (folder / "fr/services/ramassage-colis.atom").read_text()
    count = len(rendered)
    monkeypatch.setattr(export, "PROCESS", "another process")  # e.g. after an upgrade
    export_site(site, folder)
    assert len(rendered) > count  # a build of another process is never trusted


def test_a_folder_that_is_not_an_export_is_never_replaced(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me")
    with pytest.raises(InputError, match="not an export"):
        export_site(Site(store, TickingClock(MOMENT)), folder)
    assert (folder / "precious.txt").read_text() == "keep me"


def test_export_site_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "apply", "--publish")[0] == 0
    code, _, err = run(capsys, "export-site", str(tmp_path / "out"), "--base-url",
                         "https://status.example.org")  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "out" / "fr" / "index.html").is_file()
    feed = (tmp_path / "out" / "fr" / "feed.atom").read_text()
    assert "https://status.example.org/fr/" in feed
    code, _, err = run(capsys, "export-site", str(tmp_path / "x"), "--base-url", "ftp://x")
    assert code == 1 and "--base-url" in err


def _until(check: Any) -> bool:
    """Polls `check` for at most 60 s (a safety net for a broken build, not a measure)."""
    for _ in range(1200):
        if check():
            return True
        time.sleep(0.05)
    return False


def test_the_export_follows_the_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "apply", "--publish")[0] == 0
    folder = tmp_path / "kept"
    stop = threading.Event()
    thread = threading.Thread(target=keep, args=(folder, stop, 0.02), daemon=True)
    thread.start()
    try:
        assert _until((folder / "en" / "index.html").is_file)
        first = folder.resolve()
        page = folder / "en" / "maintenances" / "mise-a-niveau-2025.html"
        assert "Cancelled" not in page.read_text()
        assert run(capsys, "maintenance", "cancel", "mise-a-niveau-2025")[0] == 0
        assert _until(lambda: folder.resolve() != first and "Cancelled" in page.read_text())
    finally:
        stop.set()
        thread.join(30)
