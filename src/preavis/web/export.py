"""The static export: the whole public site as files any static host or CDN can serve.

Both languages, every maintenance and service page, the feeds and calendars, the public JSON
API and the Statuspage facade, the badges, and the any-moment view as one home page per phase
(the stretches between consecutive change instants of the whole catalogue) with a small script
that maps a chosen moment to its phase page; without the script the picker leads to the list
of phases. Links between pages are relative and name files (`services/x.html`), so the export
works from object storage without index documents, from a sub-folder, or from `file://`.

The export is written to a new folder beside DIR, then swapped in atomically: DIR is a
symbolic link to the current build, replaced by `rename`. Files equal to the previous build's
are hard links to them (a service's pages change only at that service's own changes), and
every text file over 1 KiB gets a `.gz` twin for hosts that serve them (`gzip_static`): the
previous build's when the file is unchanged, the site's own when the file is written as the
site rendered it, else compressed by a pool of threads.

With PREAVIS_EXPORT_DIR set, `preavis serve` keeps an export there (`keep`, a thread of the
serving process): after every change of the public data and whenever time crosses something
the pages show of now (a change instant, the chart's quarter hour). A build of the same data by
the same process takes the files that do not depend on the time (feeds, calendars, most of the
JSON) from the build before (see `_marker`).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import logging
import os
import posixpath
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from preavis.actions.public import PublicData, PublicMaintenance
from preavis.clock import SystemClock
from preavis.domain.messages import Said
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.formats import atom, shapes
from preavis.formats.wording import format_window
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import views
from preavis.web.export_files import BUILDS, MARKER, prune, refuse_foreign, swap, write_all
from preavis.web.public_api import STATUSPAGE
from preavis.web.rendered import Rendered
from preavis.web.site import Site

log = logging.getLogger("preavis.export")
LANGS: tuple[Lang, ...] = ("fr", "en")
LINK = re.compile(r'(href|src|action)="([^"]*)"')
PAGE_WORDS: dict[Lang, dict[str, str]] = {
    "fr": {
        "phases": "Toutes les périodes",
        "phases_intro": "Choisissez la période qui contient le moment voulu : rien ne change "
        "à l’intérieur d’une période.",
        "before": "Avant le {when}",
        "after": "À partir du {when}",
        "live_only": "Cette page n’existe que sur le site en direct.",
        "live_link": "Aller au site en direct",
        "docs": "API publique",
        "docs_intro": "Les réponses de l’API publique, telles qu’au moment de l’export :",
    },
    "en": {
        "phases": "Every period",
        "phases_intro": "Choose the period that holds the moment you want: nothing changes "
        "within a period.",
        "before": "Before {when}",
        "after": "From {when}",
        "live_only": "This page exists only on the live site.",
        "live_link": "Go to the live site",
        "docs": "Public API",
        "docs_intro": "The public API's answers, as of the export:",
    },
}
PROCESS = f"{os.getpid()}-{time.time_ns()}"  # this process (see `_marker`)
KEEP_PERIOD = 5.0  # seconds between checks of PREAVIS_EXPORT_DIR's freshness
SUBSCRIBE: dict[Lang, str] = {"fr": "abonnement", "en": "subscribe"}
MOMENTS_JS = """\
// Maps a chosen moment to the exported page of its phase (nothing changes within a phase).
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.getAttribute("data-phases") : null;
  var form = document.querySelector("form.picker");
  if (base === null || !form) { return; }
  var STARTS = __STARTS__;
  var IDS = __IDS__;
  function offset(ms, tz) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    var wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24,
                        +parts.minute, +parts.second);
    return wall - ms;
  }
  function instant(value, tz) {
    // The one instant that wall-clock time names in tz; null when daylight saving skips it
    // or repeats it: nothing is guessed, the list of phases lets the visitor choose.
    var m = /^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})/.exec(value);
    if (!m) { return null; }
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var day = 86400000, found = [];
    [offset(wall - day, tz), offset(wall + day, tz)].forEach(function (off) {
      var ms = wall - off;
      if (ms + offset(ms, tz) === wall && found.indexOf(ms) < 0) { found.push(ms); }
    });
    return found.length === 1 ? found[0] : null;
  }
  function phase(ms) {
    var lo = 0, hi = STARTS.length;  // the last start at or before ms
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (STARTS[mid] <= ms) { lo = mid + 1; } else { hi = mid; }
    }
    return IDS[lo];
  }
  form.addEventListener("submit", function (event) {
    var when = form.elements.namedItem("when");
    var tz = form.elements.namedItem("tz");
    var ms = when ? instant(when.value, tz ? tz.value : "UTC") : null;
    if (ms === null || isNaN(ms)) { return; }
    event.preventDefault();
    window.location.href = base + phase(ms) + ".html";
  });
})();
"""


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: where, how many files and bytes (without .gz), how long it took."""

    path: Path
    files: int
    size: int
    gz_size: int
    phases: int
    seconds: float
    broken: tuple[str, ...]  # relative links that name no file (none, unless a bug)


def phase_id(start: datetime | None) -> str:
    return "before" if start is None else start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class _Build:
    def __init__(self, site: Site, data: PublicData, now: datetime, base_url: str) -> None:
        self.site = site
        self.data = data
        self.now = now
        self.base_url = base_url
        self.files: dict[str, bytes] = {}
        self.twins: dict[str, bytes] = {}  # gzip twins the site had already compressed
        self.broken: list[str] = []
        # Links rewritten by `page`, by folder (a relative link resolves the same from every
        # page of a folder): the link check resolves each once, not once per page.
        self.linked: dict[str, dict[str, str]] = {}  # folder -> link -> a page that has it
        self.paged: set[str] = set()  # the pages `page` wrote (their links are in `linked`)
        self._links: dict[tuple[str, str, Lang], str] = {}  # (url, folder, lang) -> link
        self._relative: dict[tuple[str, str], str] = {}  # (file, folder) -> relative link
        self.shared: atom.Shared = {}  # each programme worked out once for all the feeds
        # The previous build, when made by this process from the same data: its files that do
        # not depend on the time (feeds, calendars, most of the JSON) are taken as they are.
        self.earlier: Path | None = None

    # -- files -----------------------------------------------------------------------------

    def put(self, path: str, body: bytes | str) -> None:
        self.files[path] = body.encode("utf-8") if isinstance(body, str) else body
        self.twins.pop(path, None)

    def rendered(self, path: str, done: Rendered) -> None:
        """A file the site rendered, as it is (its gzip twin with it)."""
        self.put(path, done.plain())  # a big document is kept compressed only
        if done.gzipped is not None:
            self.twins[path] = done.gzipped

    def timeless(self, path: str, make: Callable[[], Rendered]) -> None:
        """A file whose bytes depend on the data, never on the time: the earlier build's."""
        if self.earlier is not None:
            try:
                self.put(path, (self.earlier / path).read_bytes())
                return
            except OSError:
                pass
        self.rendered(path, make())

    def page(self, path: str, body: bytes, lang: Lang) -> None:
        """An HTML page at `path`, its links made relative to it."""
        text = body.decode("utf-8")
        here = posixpath.dirname(path)
        linked = self.linked.setdefault(here, {})

        def relative(m: re.Match[str]) -> str:
            key = (m[2], here, lang)
            found = self._links.get(key)
            if found is None:
                found = self._links[key] = self.link(m[2], here, lang)
            linked.setdefault(found, path)
            return f'{m[1]}="{found}"'

        text = LINK.sub(relative, text)
        self.paged.add(path)
        if '<form class="picker"' in text:
            # Without the script, choosing a moment leads to the list of phases.
            listed = posixpath.relpath(f"{lang}/phases.html", here or ".")
            text = re.sub(
                r'<form class="picker" method="get" action="[^"]*"',
                f'<form class="picker" method="get" action="{listed}"',
                text,
            )
            script = posixpath.relpath("static/moments.js", here or ".")
            phases = posixpath.relpath(f"{lang}/at", here or ".") + "/"
            tag = f'<script src="{script}" data-phases="{phases}" defer></script>\n</head>'
            text = text.replace("</head>", tag, 1)
            linked.setdefault(listed, path)
            linked.setdefault(script, path)
        self.put(path, text)

    def target(self, url: str, lang: Lang) -> str | None:
        """The file a site URL is exported as, or None for what only the live site has."""
        path = html.unescape(url).split("?", 1)[0].split("#", 1)[0]
        if path.startswith("/webcal/"):
            path = path.removeprefix("/webcal")
        if path in ("/fr/", "/en/", "/"):
            return f"{path.strip('/') or lang}/index.html"
        if path in ("/docs",) or path.endswith(tuple(f"/{p}" for p in SUBSCRIBE.values())):
            return None
        if path.endswith((".ics", ".atom", ".svg", ".json", ".css", ".js")):
            return path.lstrip("/")
        return f"{path.lstrip('/')}.html"

    def link(self, url: str, here: str, lang: Lang) -> str:
        if not url.startswith("/") or url.startswith("//"):
            return url  # "#content", absolute links (PREAVIS_PUBLIC_URL / --base-url), data:
        if url.startswith("/webcal/") and self.base_url:
            host = self.base_url.split("://", 1)[1]
            return html.escape(f"webcal://{host}{url.removeprefix('/webcal')}")
        found = self.target(url, lang)
        if found is None:
            if self.base_url:  # the subscription pages and API docs live on the live site
                return html.escape(f"{self.base_url}{url}")
            found = "docs.html" if url.startswith("/docs") else f"{url.lstrip('/')}.html"
        key = (found, here)
        relative = self._relative.get(key)
        if relative is None:  # the same file from the same folder: once (links carry ?at=…)
            relative = self._relative[key] = html.escape(posixpath.relpath(found, here or "."))
        return relative

    # -- the site --------------------------------------------------------------------------

    def build(self) -> None:
        site = self.site
        self.rendered("static/site.css", site.stylesheet())
        self.rendered("static/filter.js", site.script())
        for lang in LANGS:
            self.pages(lang)
        self.api()
        self.moments()
        self.put(
            "index.html",
            '<!DOCTYPE html>\n<html lang="fr-CA">\n<head>\n<meta charset="utf-8">\n'
            '<meta http-equiv="refresh" content="0; url=fr/index.html">\n'
            f"<title>{html.escape(site.name)}</title>\n</head>\n<body>\n"
            '<p><a href="fr/index.html" lang="fr">Français</a> · '
            '<a href="en/index.html" lang="en">English</a></p>\n</body>\n</html>\n',
        )
        # What only the live site has (subscribing, the API docs) gets a page saying so.
        for lang in LANGS:
            self.live_only(f"{lang}/{SUBSCRIBE[lang]}.html", lang, f"/{lang}/{SUBSCRIBE[lang]}")
        self.docs()

    def pages(self, lang: Lang) -> None:
        site, data, now = self.site, self.data, self.now
        tz = site.zone
        self.page(f"{lang}/index.html", site.home(lang, None, tz, data, now).body, lang)
        self.page(f"{lang}/feeds.html", site.feeds_page(lang, data).body, lang)
        self.page(f"{lang}/maintenances.html", site.archive_page(lang, data, now).body, lang)
        self.page(f"{lang}/widget.html", site.widget(lang, data, now).body, lang)
        self.rendered(f"{lang}/badge.svg", site.badge(lang, data, now))
        base, shared = self.base_url, self.shared
        self.timeless(f"{lang}/calendar.ics", lambda: site.calendar(lang, data, origin=base))
        self.timeless(
            f"{lang}/feed.atom", lambda: site.feed(lang, data, origin=base, shared=shared)
        )
        for p in data.maintenances:
            slug = p.maintenance.slug
            body = site.maintenance_page(lang, slug, None, tz, data, now).body
            self.page(f"{lang}/maintenances/{slug}.html", body, lang)
            self.timeless(f"{lang}/maintenances/{slug}.ics", partial(
                site.calendar, lang, data, maintenance=slug, origin=base))  # fmt: skip
        for s in data.services:
            slug = s.slug
            body = site.service_page(lang, slug, None, tz, data, now).body
            self.page(f"{lang}/services/{slug}.html", body, lang)
            self.timeless(f"{lang}/services/{slug}.ics", partial(
                site.calendar, lang, data, service=slug, origin=base))  # fmt: skip
            self.timeless(f"{lang}/services/{slug}.atom", partial(
                site.feed, lang, data, service=slug, origin=base, shared=shared))  # fmt: skip
            self.rendered(f"{lang}/services/{slug}/badge.svg", site.badge(lang, data, now, slug))
            widget = site.widget(lang, data, now, slug).body
            self.page(f"{lang}/services/{slug}/widget.html", widget, lang)

    def api(self) -> None:
        site, data, now = self.site, self.data, self.now
        for name in STATUSPAGE:
            self.rendered(f"api/v2/{name}", site.statuspage(name, data, now, self.base_url))
        # Only the status and the facade depend on the time; the rest is timeless.
        self.timeless("api/v1/services.json", lambda: site.json(
            [shapes.service(s, 0) for s in data.services]))  # fmt: skip
        self.timeless("api/v1/maintenances.json", lambda: site.json([
            {**shapes.maintenance(p.maintenance, p.revision), "cancelled": p.cancelled}
            for p in data.maintenances
        ]))  # fmt: skip
        for p in data.maintenances:
            self.timeless(f"api/v1/maintenances/{p.maintenance.slug}.json", partial(
                _maintenance_json, site, p))  # fmt: skip
        for lang in LANGS:
            suffix = "" if lang == "fr" else ".en"  # the API's default language is French
            status = site.status_json(lang, now, data)
            self.rendered(f"api/v1/status{suffix}.json", site.json(status))
            self.timeless(f"api/v1/phases{suffix}.json", partial(_phases_json, site, data, lang))
            for s in data.services:
                self.timeless(f"api/v1/services/{s.slug}/timeline{suffix}.json", partial(
                    _timeline_json, site, data, s, lang))  # fmt: skip

    def phases(self) -> Iterator[tuple[str, datetime, datetime | None, datetime | None]]:
        """(id, a moment inside, start, end) for every phase, in order."""
        instants = views.instants(self.data, self.site.coming)
        if not instants:
            yield "before", self.now, None, None
            return
        yield "before", instants[0] - timedelta(days=1), None, instants[0]
        for n, start in enumerate(instants):
            end = instants[n + 1] if n + 1 < len(instants) else None
            yield phase_id(start), start, start, end

    def moments(self) -> None:
        site, data, now = self.site, self.data, self.now
        tz = site.zone
        phases = list(self.phases())
        for lang in LANGS:
            words = PAGE_WORDS[lang]
            rows = []
            for pid, moment, start, end in phases:
                # Only the services down then, in full; the others counted per group (a
                # phase page repeating the whole catalogue made the export 95 % phase pages).
                body = site.home(lang, moment, tz, data, now, compact=True).body
                self.page(f"{lang}/at/{pid}.html", body, lang)
                if start is None and end is not None:
                    label = words["before"].format(when=_instant(end, tz, lang))
                elif end is None and start is not None:
                    label = words["after"].format(when=_instant(start, tz, lang))
                elif start is not None and end is not None:
                    label = format_window(start, end, tz, lang, year=True)
                else:
                    label = words["phases"]
                rows.append(f'<li><a href="at/{pid}.html">{html.escape(label)}</a></li>')
            self.simple(f"{lang}/phases.html", lang, words["phases"], [
                f"<p>{html.escape(words['phases_intro'])}</p>", "<ol>", *rows, "</ol>",
            ])  # fmt: skip
        starts = [int(s.timestamp() * 1000) for _, _, s, _ in phases if s is not None]
        ids = [pid for pid, _, s, _ in phases if s is not None]
        script = MOMENTS_JS.replace("__STARTS__", json.dumps(starts))
        script = script.replace("__IDS__", json.dumps(["before", *ids]))
        self.put("static/moments.js", script)

    def live_only(self, path: str, lang: Lang, url: str) -> None:
        words = PAGE_WORDS[lang]
        lines = [f"<p>{html.escape(words['live_only'])}</p>"]
        if self.site.url:
            live = html.escape(f"{self.site.url}{url}")
            lines.append(f'<p><a href="{live}">{html.escape(words["live_link"])}</a></p>')
        self.simple(path, lang, self.site.words(lang)["site_name"], lines)

    def docs(self) -> None:
        lang: Lang = "en"
        words = PAGE_WORDS[lang]
        api = sorted(p for p in self.files if p.startswith("api/") and p.count("/") <= 3)
        items = [f'<li><a href="{html.escape(p)}">{html.escape(p)}</a></li>' for p in api]
        lines = [f"<p>{html.escape(words['docs_intro'])}</p>", "<ul>", *items, "</ul>"]
        self.simple("docs.html", lang, words["docs"], lines)

    def simple(self, path: str, lang: Lang, title: str, lines: list[str]) -> None:
        here = posixpath.dirname(path) or "."
        css = posixpath.relpath("static/site.css", here)
        home = posixpath.relpath(f"{lang}/index.html", here)
        body = "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{lang}-CA">',
                '<head>\n<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{html.escape(title)}</title>",
                f'<link rel="stylesheet" href="{css}">',
                "</head>\n<body>\n<main>",
                f"<h1>{html.escape(title)}</h1>",
                *lines,
                f'<p><a href="{home}">{html.escape(self.site.words(lang)["home"])}</a></p>',
                "</main>\n</body>\n</html>\n",
            ]
        )
        self.put(path, body)

    def check(self) -> None:
        """Every relative link of every page names an exported file: the links `page` rewrote
        once per folder, the other pages' (written by hand here) one by one."""
        others = (
            (path, posixpath.dirname(path), raw)
            for path, body in self.files.items()
            if path.endswith(".html") and path not in self.paged
            for _, raw in LINK.findall(body.decode("utf-8"))
        )
        rewritten = (
            (path, here, raw) for here, links in self.linked.items() for raw, path in links.items()
        )
        for path, here, raw in itertools.chain(rewritten, others):
            url = html.unescape(raw)
            if url.startswith(("#", "http://", "https://", "webcal://", "data:", "mailto:")):
                continue
            found = posixpath.normpath(posixpath.join(here, url.split("#")[0]))
            if found not in self.files:
                self.broken.append(f"{path}: {url}")


def _maintenance_json(site: Site, p: PublicMaintenance) -> Rendered:
    return site.json({**shapes.maintenance(p.maintenance, p.revision), "cancelled": p.cancelled})


def _phases_json(site: Site, data: PublicData, lang: Lang) -> Rendered:
    return site.json(shapes.phases(data.timeline.phases(), lang, site.zone))


def _timeline_json(site: Site, data: PublicData, service: Service, lang: Lang) -> Rendered:
    segments = data.timeline.service_timeline(service.slug)
    return site.json(shapes.timeline(service, segments, lang, site.zone))


def _instant(at: datetime, tz: Any, lang: Lang) -> str:
    from preavis.formats.wording import format_instant  # noqa: PLC0415

    return format_instant(at, tz, lang, year=True)


def export_site(site: Site, target: Path, *, base_url: str = "") -> Exported:
    """Write the public site under `target` (see the module's docstring) and swap it in."""
    started = time.perf_counter()
    target = Path(os.path.abspath(target))
    builds = target.with_name(target.name + BUILDS)
    refuse_foreign(target)
    previous = target.resolve() if target.is_symlink() else None
    data = site.data()
    base = base_url.rstrip("/")
    marker = _marker(site, data.stamp, base)
    build = _Build(site, data, site.clock.now(), base)
    if previous is not None and _read(previous / MARKER) == marker:
        build.earlier = previous  # same process, site and data: the timeless files are good
    build.build()
    build.check()
    builds.mkdir(parents=True, exist_ok=True)
    folder = builds / f"{time.time_ns()}-{os.getpid()}"
    folder.mkdir()
    size, gz_size = write_all(folder, build.files, build.twins, previous)
    (folder / MARKER).write_text(marker)
    swap(target, folder)
    prune(builds, keep={folder.name, previous.name if previous is not None else ""})
    return Exported(
        target, len(build.files), size, gz_size, sum(1 for _ in build.phases()),
        time.perf_counter() - started, tuple(build.broken),
    )  # fmt: skip


def _marker(site: Site, stamp: str, base: str) -> str:
    """What a build's marker file holds: a digest of what its timeless files (feeds, calendars,
    the JSON that does not depend on the time) were made from, valid in this process only (a
    new version of Préavis may write them otherwise). Nothing of the database shows in it."""
    made_from = "\n".join((PROCESS, str(id(site)), site.name, site.url, stamp, base))
    return f"preavis export-site\n{hashlib.blake2b(made_from.encode()).hexdigest()}\n"


def _read(file: Path) -> str:
    try:
        return file.read_text()
    except OSError:
        return ""


def command(folder: Path, base_url: str = "") -> Exported:
    """What `preavis export-site` runs: the configured database and site, links based on
    `base_url` (else PREAVIS_PUBLIC_URL)."""
    settings = Settings.from_env()
    store = Store(settings.database_url)
    try:
        site = Site(
            store, SystemClock(), name=settings.site_name, url=base_url or settings.public_url,
            coming=timedelta(days=settings.coming_days), zone=zone(settings.site_zone),
        )  # fmt: skip
        return export_site(site, folder, base_url=site.url)
    finally:
        store.dispose()


def keep(folder: Path, stop: threading.Event, period: float = KEEP_PERIOD) -> None:
    """Keep `folder` an up-to-date export until `stop`: export again whenever the public data
    changed (checked every `period` seconds) or time crossed what the pages show of now."""
    settings = Settings.from_env()
    store = Store(settings.database_url)
    site = Site(
        store, SystemClock(), name=settings.site_name, url=settings.public_url,
        coming=timedelta(days=settings.coming_days), zone=zone(settings.site_zone),
    )  # fmt: skip
    done: tuple[str, datetime | None] | None = None  # the data's stamp, and until when
    try:
        while not stop.is_set():
            try:
                data = site.data()
                now = site.clock.now()
                if done is None or done[0] != data.stamp or (done[1] and now >= done[1]):
                    result = export_site(site, folder, base_url=site.url)
                    done = (data.stamp, site._boundary(data, now))
                    seconds = round(result.seconds, 1)
                    log.info(Said("log.export_refreshed", path=str(result.path),
                                  files=result.files, seconds=seconds))  # fmt: skip
            except Exception:  # a failed export is retried, never the end of the server
                log.exception(Said("log.export_failed", path=str(folder)))
            stop.wait(period)
    finally:
        store.dispose()


def start_keeping(folder: Path) -> threading.Event:
    """`preavis serve` with PREAVIS_EXPORT_DIR: `keep` in a thread of the serving process."""
    stop = threading.Event()
    thread = threading.Thread(target=keep, args=(folder, stop), name="preavis-export", daemon=True)
    thread.start()
    return stop
