"""The public site: pages, feeds and the Statuspage facade, rendered from the public data.

Rendered bytes are cached per view (web/cache.py): views of now until the data changes (a new
stamp, checked at most once a second per process) or time crosses the next change; feeds and
calendars until the data changes; a moment asked for with `?at=` once per phase, the moment
itself written into the phase's bytes. Every worker process keeps its own cache, so several
workers share nothing but the database.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from preavis.actions.public import DEFAULT_ZONE, PublicData, public_data, stamp
from preavis.clock import Clock
from preavis.domain.errors import StorageUnavailableError
from preavis.domain.maintenance import Lifecycle
from preavis.domain.messages import Said
from preavis.domain.revision import extended, public_note
from preavis.domain.text import Lang
from preavis.domain.timeline import Snapshot
from preavis.domain.zones import zone
from preavis.formats import atom, ical, shapes, statuspage, svg
from preavis.formats.brand import Brand
from preavis.formats.wording import format_instant, format_path, format_window, zone_name
from preavis.storage import Store
from preavis.web import words
from preavis.web.cache import CACHE_BYTES, Bounded, Fragments, Served
from preavis.web.composing import AT_MARK, BANNER_MARK, QUERY_MARK, WHEN_MARK, Composing
from preavis.web.home import (
    RECENT,
    frame_instants,
    home_view,
)
from preavis.web.hosts import hostname
from preavis.web.phases import _shown, asked, banner_bytes
from preavis.web.picker import picker_zones
from preavis.web.problems import Explained
from preavis.web.rendered import (
    ATOM_TYPE,
    CSS,
    HTML,
    ICS,
    JS,
    JSON,
    SVG_TYPE,
    Rendered,
    json_pieces,
)
from preavis.web.views import agenda, archive_rows, facade, instants, marker, service_rows
from preavis.web.words import Words

REFRESH = timedelta(seconds=1)  # how stale the cache may be after a write, per process
log = logging.getLogger("preavis.web")
ORIGINS_MAX = 8  # distinct request origins whose absolute links are rendered and cached
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST = re.compile(
    rf"(?:(?:{_LABEL}\.)*{_LABEL}|\[[0-9a-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?", re.IGNORECASE
)  # a DNS name or bracketed IPv6 address, with a port; nothing else reaches a link
NOW_STEP = timedelta(minutes=15)  # how often a chart's "now" marker moves
COMING = timedelta(days=14)  # how far ahead the home page's banner looks (PREAVIS_COMING_DAYS)


class Site(Composing, Served):
    """Renders and caches everything public. Thread-safe; one per process."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        name: str = "Préavis",
        url: str = "",
        coming: timedelta = COMING,
        trust_proxy: bool = False,
        zone: ZoneInfo | None = None,
        brand: Brand | None = None,
        cache_bytes: int = CACHE_BYTES,
        hosts: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.store = store
        self.brand = brand or Brand()
        self.zone = zone or ZoneInfo(DEFAULT_ZONE)  # the pages' zone (PREAVIS_SITE_ZONE)
        self.coming = coming
        self.trust_proxy = trust_proxy
        self.cache_bytes = cache_bytes
        self.plain = Bounded(cache_bytes)  # PREAVIS_CACHE_MB, as every cache
        self.hosts = frozenset(h.lower() for h in hosts)  # PREAVIS_ALLOWED_HOSTS; empty: any
        self._origins: set[str] = set()
        # The home page's rows, drawn once per stretch of each service (see `_rows`): those
        # of the data being served and of the one being built beside it.
        self._fragments: list[Fragments] = []
        self.clock = clock
        self.name = name
        self.url = url
        self._env = Environment(
            loader=PackageLoader("preavis.web", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=words.hold_together,  # "20 h", "8 p.m." never cut over two lines
        )
        self._words = words.load()
        for table in self._words.values():
            table.brand_with(self.brand)
        css = resources.files("preavis.web").joinpath("static/site.css").read_bytes()
        css += self.brand.css().encode("utf-8")
        self._stylesheet = Rendered.of(css, CSS, 365 * 86400, immutable=True)
        self._css_version = self._stylesheet.etag.strip('"')[:12]
        js = resources.files("preavis.web").joinpath("static/filter.js").read_bytes()
        self._script = Rendered.of(js, JS, 365 * 86400, immutable=True)
        self._js_version = self._script.etag.strip('"')[:12]
        self._logo = (
            Rendered.of(self.brand.logo_bytes, self.brand.logo_type, 365 * 86400, immutable=True)
            if self.brand.logo_path
            else None
        )

    # -- freshness (see web/cache.py) ------------------------------------------------------

    def _now(self) -> datetime:
        return self.clock.now()

    def _refresh_period(self) -> timedelta:
        return REFRESH

    def _read(self, old: PublicData | None) -> PublicData | None:
        try:
            if old is not None and stamp(store=self.store) == old.stamp:
                return None
            # What did not change is shared with the copy being served (see actions/public.py)
            return public_data(store=self.store, clock=self.clock, previous=old)
        except StorageUnavailableError:
            # A status page must outlive its database: keep serving what was last read.
            if old is None:
                raise
            log.warning(Said("log.serving_stale", at=old.read_at.isoformat()))
            return None

    def _boundary(self, data: PublicData, now: datetime) -> datetime | None:
        """The next instant at which something shown "now" changes."""
        following = data.timeline.next_instant(now)
        upcoming = [following] if following is not None else []
        if any(
            r[0] <= now <= r[1]
            for p in data.maintenances
            if (r := svg.chart_range(p.maintenance)) is not None
        ):  # a chart's "now" marker moves: redraw it every quarter hour
            upcoming.append(marker(now) + NOW_STEP)
        for p in data.maintenances:
            window = p.maintenance.window
            if window is not None:
                upcoming += [
                    t
                    for t in (window[0] - self.coming, window[0], window[1], window[1] + RECENT)
                    if t > now
                ]
        return min(upcoming, default=None)

    def _instants(self, data: PublicData) -> list[datetime]:
        data.timeline.prepare()  # while the version is built, not in a reader's request
        return instants(data, self.coming)

    def _frames(self, data: PublicData) -> list[datetime]:
        return frame_instants(data, self.coming)

    # -- helpers ---------------------------------------------------------------------------

    def origin(self, scheme: str, host: str) -> str:
        """The scheme and host absolute links start with: PREAVIS_PUBLIC_URL when set, else the
        request's own. The origin is part of the cache key, so only ORIGINS_MAX distinct,
        well-formed ones are honoured; any other gets relative links, as before."""
        if self.url:
            return self.url
        if scheme not in ("http", "https") or not HOST.fullmatch(host):
            return ""
        if self.hosts and hostname(host) not in self.hosts:
            return ""  # not one of PREAVIS_ALLOWED_HOSTS: relative links
        origin = f"{scheme}://{host.lower()}"
        if origin in self._origins:  # the common case, without the lock
            return origin
        with self._lock:
            if origin not in self._origins:
                if len(self._origins) >= ORIGINS_MAX:
                    return ""
                self._origins.add(origin)
        return origin

    def stylesheet(self) -> Rendered:
        """The pages' one stylesheet (no inline styles: the pages' CSP allows only 'self')."""
        return self._stylesheet

    def script(self) -> Rendered:
        """The pages' one script (the services filter), served by us: CSP script-src 'self'."""
        return self._script

    def logo(self, path: str) -> Rendered | None:
        """The organisation's logo file at its path (/static/logo.<ext>), when one is set."""
        return self._logo if path == self.brand.logo_path else None

    def words(self, lang: Lang) -> Words:
        return self._words[lang]

    def _page(
        self,
        template: str,
        lang: Lang,
        view: dict[str, Any],
        path: str,
        query: str,
        data: PublicData,
        tz: ZoneInfo,
        status: int = 200,
        mask: bool = False,
    ) -> Rendered:
        t = self.words(lang)
        other = t["other_lang_code"]
        shown = QUERY_MARK if mask and query else query  # a masked page: filled by `fill`
        switch = f"/{other}{path[3:] if len(path) > 3 else '/'}" + (f"?{shown}" if query else "")
        html = self._env.get_template(template).render(
            lang=lang,
            t=t,
            view=view,
            switch_url=switch,
            keep=_keep_zone(query),
            webcal=f"webcal://{self.url.split('://', 1)[1]}" if self.url else "/webcal",
            css_version=self._css_version,
            js_version=self._js_version,
            updated=t["updated"].format(when=format_instant(data.read_at, tz, lang, year=True)),
            times_in=t["times_in"].format(zone=zone_name(tz, lang)),
        )
        # A masked page (see `fill`) is never sent as it is: no compressed twin, and where its
        # marks are found once.
        body = html.encode("utf-8")
        page = Rendered.of(body, HTML, 0 if status != 200 else 30, status, compress=not mask)
        return self._masked(page) if mask else page

    # -- moments and zones from the query --------------------------------------------------

    def moment(self, params: dict[str, str]) -> tuple[datetime | None, ZoneInfo]:
        """The moment (`at`, or `when` in `tz`) and display zone a query asks for."""
        return asked(params, self.zone)

    # -- pages -----------------------------------------------------------------------------

    def _common(
        self,
        lang: Lang,
        path: str,
        at: datetime | None,
        now: datetime,
        tz: ZoneInfo,
        data: PublicData,
        mask: bool = False,
    ) -> dict[str, Any]:
        t = self.words(lang)
        moment = at or now
        view: dict[str, Any] = {
            "path": path,
            "at_given": at is not None,
            "now_url": path,
            "when_value": WHEN_MARK if mask else moment.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
            "tz_value": tz.key,
            "zones": picker_zones(lang, self.zone),
        }
        if at is not None:  # the phase: the same page for every moment in it (see phases.py)
            view["banner"] = BANNER_MARK if mask else self.phase(at, data).banner(t, lang, tz)
        return view

    def home(
        self,
        lang: Lang,
        at: datetime | None,
        tz: ZoneInfo,
        data: PublicData,
        now: datetime,
        query: str = "",
        mask: bool = False,
        composed: bool = True,
        compact: bool = False,
    ) -> Rendered:
        """The home page. A page of another moment (`at`) lists only the services down then,
        and per group how many others operate normally: it answers what is down at that
        moment (the static export's pages of other moments are the same pages). It is put
        together (`composed`) from its frame (`home_frame`) and the rows drawn for the same
        stretch of each service before (`compose`), or drawn whole (the two say the same,
        byte for byte). With `mask`, the moment is left as marks for `fill`."""
        compact = compact or at is not None
        if at is not None and not mask:  # the page of its phase (see phases.py)
            phase = self.phase(at, data)
            at = phase.moment(at)
            if composed:
                frame = self.home_frame(lang, at, tz, data, now, query)
                said = banner_bytes(phase, self.words(lang), lang, tz)
                return self.fill(self.compose(frame, lang, at, tz, data), lang, at, tz, query, said)
        view = self._common(lang, f"/{lang}/", at, now, tz, data, mask)
        suffix = self._suffix(at, tz, data, mask)
        moment = at or now
        row = self._row(lang, data, moment, tz, suffix) if composed else None
        t = self.words(lang)
        view.update(home_view(t, data, moment, tz, suffix, self.coming, row, compact=compact))
        return self._page("home.html", lang, view, f"/{lang}/", query, data, tz, mask=mask)

    def _suffix(
        self, at: datetime | None, tz: ZoneInfo, data: PublicData, mask: bool = False
    ) -> str:
        params = {}
        if at is not None:
            params["at"] = AT_MARK if mask else _shown(at, tz)
        if tz.key != self.zone.key:
            params["tz"] = tz.key
        return f"?{urlencode(params)}" if params else ""

    def maintenance_page(
        self,
        lang: Lang,
        slug: str,
        at: datetime | None,
        tz: ZoneInfo,
        data: PublicData,
        now: datetime,
        query: str = "",
    ) -> Rendered:
        found = data.maintenance(slug)
        m = found.maintenance
        period = None
        if at is not None:  # the page of its phase (see phases.py): its chart shows the phase
            shown = self.phase(at, data)
            at, period = shown.moment(at), (shown.start, shown.end)
        services = {s.slug: s for s in data.services}
        path = f"/{lang}/maintenances/{slug}"
        suffix = self._suffix(at, tz, data)
        # The maintenance's own zone, as in its chart, feeds and calendar, unless the visitor
        # chose one.
        if "tz" not in dict(parse_qsl(query)):
            tz = m.zone
        view = self._common(lang, path, at, now, tz, data)
        window = m.window
        phase = m.phase_at(at or now)
        t = self.words(lang)
        lifecycle = t[f"{phase.value}_phase"] if phase else ""
        if phase is not Lifecycle.CANCELLED and extended(found.changes[1:]):
            lifecycle = f"{lifecycle} · {t['extended_phase']}"
        view.update(
            agenda=agenda(m, services, lang, tz, suffix),
            title=m.title.get(lang),
            phase=phase.value if phase else "",
            lifecycle=lifecycle,
            cancelled=found.cancelled,
            # The public notes of its changes, newest first (never the internal reason)
            notes=[
                {"when": format_instant(r.at, tz, lang, year=True), "text": note}
                for r in reversed(found.changes)
                if (note := public_note(r).get(lang))
            ],
            summary_text=m.summary.get(lang),
            window=format_window(window[0], window[1], tz, lang, year=True) if window else "",
            svg=svg.gantt(m, services, lang, at, now=marker(now), tz=tz, period=period),
            ics=f"/{lang}/maintenances/{slug}.ics",
            rows=[
                {
                    "name": services[i.service].name.get(lang)
                    if i.service in services
                    else i.service,
                    "url": f"/{lang}/services/{i.service}{suffix}",
                    "impact": i.impact.value,
                    "description": i.description.get(lang),
                    "window": format_window(i.starts_at, i.ends_at, tz, lang),
                }
                for i in sorted(m.interruptions, key=lambda i: (i.starts_at, i.ends_at, i.service))
            ],
        )
        return self._page("maintenance.html", lang, view, path, query, data, tz)

    def service_page(
        self,
        lang: Lang,
        slug: str,
        at: datetime | None,
        tz: ZoneInfo,
        data: PublicData,
        now: datetime,
        query: str = "",
        mask: bool = False,
    ) -> Rendered:
        service = data.service(slug)
        t = self.words(lang)
        if at is not None and not mask:  # the page of its phase (see phases.py)
            at = self.phase(at, data).moment(at)
        moment = at or now
        status = data.timeline.service_status(slug, moment)
        path = f"/{lang}/services/{slug}"
        view = self._common(lang, path, at, now, tz, data, mask)
        suffix = self._suffix(at, tz, data, mask)
        upcoming, past = service_rows(lang, data.maintenances, slug, moment, tz, suffix)
        ahead = data.timeline.ahead(slug, moment)  # its way ahead, as on the home page's row
        view.update(
            name=service.name.get(lang),
            impact=status.impact.value,
            path=format_path(ahead, moment, tz, lang),
            coming=bool(ahead) and not status.is_down,
            affected=" ".join(i.description.get(lang) for i in status.interruptions),
            back=format_instant(status.back_at, tz, lang) if status.back_at else "",
            sections=[
                {"id": "upcoming", "title": t["service_upcoming"], "rows": upcoming},
                {"id": "past", "title": t["service_past"], "rows": past},
            ],
            ics=f"/{lang}/services/{slug}.ics",
            atom=f"/{lang}/services/{slug}.atom",
            badge=f"/{lang}/services/{slug}/badge.svg",
        )
        return self._page("service.html", lang, view, path, query, data, tz, mask=mask)

    def feeds_page(self, lang: Lang, data: PublicData, chosen: str = "") -> Rendered:
        """Every feed and calendar; `chosen` (a zone the visitor picked) is kept in the links."""
        tz = zone(chosen) if chosen else self.zone
        query = urlencode({"tz": chosen}) if chosen else ""
        feeds = [(s.name.get(lang), f"/{lang}/services/{s.slug}") for s in data.services]
        view = {"services": [{"name": n, "ics": f"{u}.ics", "atom": f"{u}.atom"} for n, u in feeds]}
        return self._page("feeds.html", lang, view, f"/{lang}/feeds", query, data, tz)

    def archive_page(
        self, lang: Lang, data: PublicData, now: datetime, chosen: str = ""
    ) -> Rendered:
        """Every public maintenance, the latest first, with where it stands now: each in its
        own zone (as on its page), or all in the zone the visitor chose (`chosen`)."""
        t = self.words(lang)
        tz = zone(chosen) if chosen else None
        query = urlencode({"tz": chosen}) if chosen else ""
        view = {"rows": archive_rows(t, data.maintenances, tz, now, keep=_keep_zone(query)),
                "title": t["archive"]}  # fmt: skip
        path = f"/{lang}/maintenances"
        return self._page("archive.html", lang, view, path, query, data, tz or self.zone)

    def error_page(
        self, lang: Lang, status: int, explained: Explained, *, path: str = "", query: str = ""
    ) -> Rendered:
        """Never cached: it may quote what the visitor sent. The language switch leads to
        `path` and `query` in the other language (the same question, asked in it)."""
        data = self.data()
        t = self.words(lang)
        title = t["not_found"] if status == 404 else t["error_title"]
        if status == 503:
            title = t["unavailable_title"]
        choices = [(label, f"/{lang}/?{query}") for label, query in explained.choices]
        view = {"title": title, "message": explained.message, "choices": choices}
        if explained.moment:  # a moment that cannot be shown: the picker, to choose another
            when, tz = explained.moment
            view.update(path=f"/{lang}/", when_value=when, tz_value=tz)
            view["zones"] = picker_zones(lang, self.zone)
        here = quote(path, safe="/") if path.startswith(f"/{lang}/") else f"/{lang}/"
        return self._page(
            "error.html",
            lang,
            view,
            here,
            query,
            data,
            self.zone,
            status,
        )

    def widget(self, lang: Lang, data: PublicData, now: datetime, service: str = "") -> Rendered:
        """A small page to embed in an iframe: the site's summary and what is coming, or one
        service's state and way ahead; its links open the site in the whole window."""
        t = self.words(lang)
        tz = self.zone
        view: dict[str, Any] = {"url": f"{self.url}/{lang}/"}
        if service:
            found = data.service(service)
            status = data.timeline.service_status(service, now)
            path = data.timeline.ahead(service, now)
            view.update(
                title=found.name.get(lang),
                impact=status.impact.value,
                text=format_path(path, now, tz, lang),
                url=f"{self.url}/{lang}/services/{service}",
            )
        else:
            home = home_view(t, data, now, tz, "", self.coming)
            view.update(title=t["site_name"], text=home["summary"], coming=home["coming"][:1])
        html = self._env.get_template("widget.html").render(
            lang=lang, t=t, view=view, css_version=self._css_version, base=self.url
        )
        return Rendered.of(html.encode("utf-8"), HTML, 30)

    def badge(self, lang: Lang, data: PublicData, now: datetime, service: str = "") -> Rendered:
        """The site's badge (how many services are touched now) or one service's (its state)."""
        t = self.words(lang)
        snap = data.timeline.status_at(now)
        if service:
            status = snap.get(data.service(service).slug)
            label = status.service.name.get(lang)
            kind = status.impact.value
            value = t[kind].lower()
        else:
            label = t["site_name"]
            down = snap.down
            worst = max((s.impact.severity for s in down), default=0)
            kind = next((s.impact.value for s in down if s.impact.severity == worst), "operational")
            value = t.count("services_touched", len(down)) if down else t["badge_ok"]
        body = svg.badge(label, value, kind).encode("utf-8")
        return Rendered.of(body, SVG_TYPE, self.max_age())

    # -- feeds -----------------------------------------------------------------------------

    def calendar(
        self,
        lang: Lang,
        data: PublicData,
        *,
        maintenance: str | None = None,
        service: str | None = None,
        origin: str = "",
    ) -> Rendered:
        services = {s.slug: s for s in data.services}
        chosen = data.maintenances
        name = self.words(lang)["site_name"]
        if maintenance is not None:
            found = data.maintenance(maintenance)
            chosen = (found,)
            name = found.maintenance.title.get(lang)
        if service is not None:
            name = f"{name} — {data.service(service).name.get(lang)}"
            chosen = tuple(p for p in chosen if atom.concerns(p.maintenance, service))
        entries = [ical.CalendarEntry(p.maintenance, p.revision, p.updated_at) for p in chosen]
        pieces = ical.calendar_pieces(
            entries, services, lang, name, service=service, url=self.url or origin
        )
        return Rendered.streamed(pieces, ICS, self.max_age())  # never held whole

    def feed(
        self,
        lang: Lang,
        data: PublicData,
        *,
        service: str | None = None,
        origin: str = "",
        shared: atom.Shared | None = None,
    ) -> Rendered:
        base = self.url or origin
        services = {s.slug: s for s in data.services}
        # The site's feed decodes every history once, and keeps none of it: through the cache
        # of decoded histories (actions/public.py) it left the last 60,000 field changes
        # scattered through the memory of the whole decoding, which then stayed taken.
        # Each history decoded as the feed comes to it, and dropped once written.
        items = (
            atom.FeedItem(p.maintenance, p.changes if service else p.decoded())
            for p in data.maintenances
            if service is None or atom.concerns(p.maintenance, service)
        )
        title = self.words(lang)["site_name"]
        path = f"/{lang}/feed.atom"
        page = ""
        if service is not None:
            title = f"{title} — {data.service(service).name.get(lang)}"
            path = f"/{lang}/services/{service}.atom"
            page = f"{base}/{lang}/services/{service}"
        body = atom.feed(
            items, services, lang, title=title,
            feed_id=f"urn:preavis:feed:{lang}:{service or 'all'}",
            self_url=f"{base}{path}", site_url=f"{base}/{lang}", service=service, shared=shared,
            page_url=page,
        )  # fmt: skip
        return Rendered.of(body, ATOM_TYPE, self.max_age())

    # -- Statuspage facade and JSON --------------------------------------------------------

    def statuspage(self, name: str, data: PublicData, now: datetime, origin: str = "") -> Rendered:
        page = statuspage.Page(self.name, self.url or origin or "/", self.zone, data.read_at)
        return self.json(facade(name, page, data, now, lazy=True))

    def json(self, payload: Any) -> Rendered:
        return Rendered.streamed(json_pieces(payload), JSON, self.max_age())  # never held whole

    def status_json(self, lang: Lang, at: datetime, data: PublicData) -> dict[str, Any]:
        snap: Snapshot = data.timeline.status_at(at)
        return shapes.snapshot(snap, lang, self.zone)


def _keep_zone(query: str) -> str:
    """The query that keeps the visitor's chosen zone on the way home ("?tz=…"), or ""."""
    chosen = dict(parse_qsl(query)).get("tz")
    return f"?{urlencode({'tz': chosen})}" if chosen else ""
