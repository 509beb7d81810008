"""Pages of other moments, put together from pieces drawn once (the half of the Site that
does it): a masked page leaves the moment as marks that `fill` replaces per request; a home
page of another moment is its frame (`home_frame`: all but the summary and the services' rows)
with each service's row, drawn once per stretch of that service (`compose`)."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from jinja2 import Environment
from markupsafe import Markup, escape

from preavis.actions.public import PublicData
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.timeline import ServiceStatus
from preavis.formats.wording import format_instant
from preavis.web import words
from preavis.web.cache import Fragments, Version
from preavis.web.home import Row, home_view, placed, service_row, summary
from preavis.web.rendered import HTML, Rendered
from preavis.web.words import Words

# Marks a page of another moment is rendered with, replaced by `fill` (letters only: no
# escaping changes them).
BANNER_MARK, WHEN_MARK, AT_MARK = "PREAVISxBANNERx", "PREAVISxWHENx", "PREAVISxATx"
QUERY_MARK = "PREAVISxQUERYx"
SUMMARY_MARK, GROUP_MARK = "PREAVISxSUMMARYx", "PREAVISxGROUPx"  # a home page's frame
MARKS = re.compile(rb"PREAVISx[A-Z]+x")
MARK_ORDER = tuple(
    m.encode() for m in (BANNER_MARK, WHEN_MARK, AT_MARK, QUERY_MARK, SUMMARY_MARK, GROUP_MARK)
)
SUMMARY, GROUP = 4, 5  # their places in MARK_ORDER
SUFFIX_MARK = "PREAVISxSUFFIXx"  # where a cached row's link takes the page's query


class Composing:
    """Mixed into the Site, which provides what is declared here."""

    _env: Environment
    _fragments: list[Fragments]
    _lock: threading.RLock
    cache_bytes: int
    coming: timedelta

    def words(self, lang: Lang) -> Words:
        raise NotImplementedError

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
        raise NotImplementedError

    def _suffix(
        self, at: datetime | None, tz: ZoneInfo, data: PublicData, mask: bool = False
    ) -> str:
        raise NotImplementedError

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
        raise NotImplementedError

    def _swapped(self, version: Version) -> None:
        """The rows drawn from older data are dropped once the new data is served."""
        with self._lock:
            self._fragments = [f for f in self._fragments if f.stamp == version.data.stamp]

    @staticmethod
    def _masked(page: Rendered) -> Rendered:
        """A masked page with where its marks are (see `fill`)."""
        pieces = MARKS.split(page.body)
        codes = bytes(MARK_ORDER.index(m) for m in MARKS.findall(page.body))
        return replace(page, marks=(tuple(pieces), codes))

    def home_frame(
        self, lang: Lang, at: datetime, tz: ZoneInfo, data: PublicData, now: datetime, query: str
    ) -> Rendered:
        """The home page of the moment `at` without its summary and services' rows (marks
        where they go) and with the moment itself as marks: the same for every moment between
        two instants of `frame_instants` on the same side of now, in the same zone offset."""
        view = self._common(lang, f"/{lang}/", at, now, tz, data, True)
        suffix = self._suffix(at, tz, data, True)
        view.update(home_view(self.words(lang), data, at, tz, suffix, self.coming, frame=True))
        view["summary"] = Markup(SUMMARY_MARK)
        for group in view["groups"]:
            group["html"] = Markup(GROUP_MARK)
        return self._page("home.html", lang, view, f"/{lang}/", query, data, tz, mask=True)

    def compose(
        self,
        frame: Rendered,
        lang: Lang,
        at: datetime,
        tz: ZoneInfo,
        data: PublicData,
        query: str,
        mask: bool = False,
    ) -> Rendered:
        """The home page of the moment `at`: its `frame` filled with the moment, the summary
        and each service's row at `at`, each drawn once per stretch of that service. With
        `mask`, the moment is left as marks (a page for every moment of the phase, see
        `fill`)."""
        t = self.words(lang)
        snap = data.timeline.status_at(at)
        down = snap.down
        said = summary(t, [s.impact for s in down]) if down else t["all_ok"]
        link = str(escape(self._suffix(at, tz, data, mask))).encode()
        local = at.astimezone(tz)
        kind = (lang, tz.key, local.utcoffset(), local.tzname())
        fragments = self._fragments_of(data.stamp)
        table = fragments.table(kind)  # looked up here directly: a page asks thousands
        states = snap.services
        bodies: list[list[bytes]] = []
        for members in placed(data):
            pieces: list[bytes] = []
            for service, index in members:
                status = states[index]
                key = (service.slug, status.since)
                found = table.get(key)
                if found is None:
                    found = self._draw_row(t, data, service, status, at, tz)
                    fragments.put(kind, key, found)
                pieces += (found[0], link, found[1])
            bodies.append(pieces)
        extra = str(escape(words.hold_together(said))).encode()
        filled = self.fill(frame, lang, at, tz, query, summary=extra, groups=bodies, mask=mask)
        if mask:
            return self._masked(Rendered.of(filled.body, HTML, frame.max_age, compress=False))
        tag = hashlib.blake2b(
            b"\0".join([frame.etag.encode(), data.stamp.encode(), at.isoformat().encode(),
                        tz.key.encode(), query.encode()]), digest_size=12,
        ).hexdigest()  # fmt: skip
        return replace(filled, etag=f'"{tag}"')

    def _draw_row(
        self,
        t: Words,
        data: PublicData,
        service: Service,
        status: ServiceStatus,
        moment: datetime,
        tz: ZoneInfo,
    ) -> tuple[bytes, bytes]:
        """A service's row of the home page at `moment`, split where its link's query goes."""
        view = service_row(t, data, service, status, moment, tz, SUFFIX_MARK)
        macro = self._env.get_template("macros.html").module.service_row  # type: ignore[attr-defined]
        head, tail = str(macro(view, t)).encode().split(SUFFIX_MARK.encode(), 1)
        return head, tail

    def _row(
        self, lang: Lang, data: PublicData, moment: datetime, tz: ZoneInfo, suffix: str
    ) -> Row:
        """Draws a service's row of the home page at `moment`: a row depends only on the
        service's stretch then (its status and way ahead), the language, the zone and its
        offset at `moment` (the label some zones take); so it is drawn once per stretch, with
        a mark where the link's query goes, and only the page's query is put in after."""
        t = self.words(lang)
        local = moment.astimezone(tz)
        drawn = self._fragments_of(data.stamp).of((lang, tz.key, local.utcoffset(), local.tzname()))
        link = str(escape(suffix))

        def row(service: Service, status: ServiceStatus) -> str:
            found = drawn.get((service.slug, status.since))
            if found is None:
                found = self._draw_row(t, data, service, status, moment, tz)
                drawn.put((service.slug, status.since), found)
            return f"{found[0].decode()}{link}{found[1].decode()}"

        return row

    def _fragments_of(self, stamp: str) -> Fragments:
        """The rows drawn from the data of `stamp` (kept for two stamps: the data served and
        the data of the version being built beside it)."""
        for kept in self._fragments:
            if kept.stamp == stamp:
                return kept
        with self._lock:
            for kept in self._fragments:
                if kept.stamp == stamp:
                    return kept
            fresh = Fragments(self.cache_bytes, stamp)
            self._fragments = [*self._fragments[-1:], fresh]
            return fresh

    def fill(
        self,
        masked: Rendered,
        lang: Lang,
        at: datetime,
        tz: ZoneInfo,
        query: str,
        *,
        summary: bytes = b"",
        groups: list[list[bytes]] | None = None,
        mask: bool = False,
    ) -> Rendered:
        """A page rendered with `mask`, its marks replaced by the moment `at` (what the page
        rendered for `at` itself would say, byte for byte); a home page's frame also takes its
        `summary` and each group's rows, in order. Not compressed: every moment gives other
        bytes, and compressing costs more than sending. Its ETag names the masked bytes and
        what filled them (the same body always gets the same tag)."""
        marks = masked.marks
        if marks is None:  # not a masked page: nothing to fill
            return masked
        shown = _shown(at, tz)
        values: tuple[bytes, ...] = (  # in the order of MARK_ORDER
            str(escape(words.hold_together(format_instant(at, tz, lang, year=True)))).encode(),
            at.astimezone(tz).strftime("%Y-%m-%dT%H:%M").encode(),
            quote_plus(shown).encode(),
            str(escape(query)).encode(),
            summary,
            b"",  # a group's rows, when none are given
        )
        if mask:  # only the summary and the rows put in: the moment stays as marks
            values = (*MARK_ORDER[:SUMMARY], summary, b"")
        parts, codes = marks
        if groups is None:  # every mark one value: put in by slices, at C speed
            out: list[bytes] = [b""] * (2 * len(codes) + 1)
            out[0::2] = parts
            out[1::2] = [values[code] for code in codes]
        else:
            out = [parts[0]]
            group = 0
            for n, code in enumerate(codes):
                if code == GROUP:
                    out += groups[group] if group < len(groups) else []
                    group += 1
                else:
                    out.append(values[code])
                out.append(parts[n + 1])
        body = b"".join(out)
        tag = hashlib.blake2b(
            b"\0".join([masked.etag.encode(), *values]), digest_size=12
        ).hexdigest()
        return Rendered(body, masked.media_type, f'"{tag}"', masked.max_age, masked.status)


def _shown(at: datetime, tz: ZoneInfo) -> str:
    """How a link names the moment `at`: local time with its offset, to the minute."""
    local = at.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    # RFC 3339 offsets are whole minutes; before standard time (St. John's in 1900 was
    # -03:30:52) the link names the instant in UTC instead.
    shown = local if offset.total_seconds() % 60 == 0 else at.astimezone(UTC)
    return shown.isoformat(timespec="minutes").replace("+00:00", "Z")
