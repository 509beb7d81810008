"""Pages of other moments, put together from pieces drawn once (the half of the Site that
does it): a masked page leaves the moment as marks that `fill` replaces per request; a home
page of another moment is its frame (`home_frame`: all but the summary and the services' rows)
with each service's row, drawn once per stretch of that service (`compose`)."""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from array import array
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from markupsafe import Markup, escape

from preavis.actions.public import PublicData
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.timeline import ServiceStatus
from preavis.domain.zones import zone_label
from preavis.formats.wording import MONTHS, format_instant, zone_suffix
from preavis.web import words
from preavis.web.cache import Fragments, Version
from preavis.web.home import Row, home_view, ranks, row_html, service_row, summary
from preavis.web.phases import Phase, _shown
from preavis.web.rendered import Rendered, places, spread
from preavis.web.views import instants
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
AT, SUMMARY, GROUP = 2, 4, 5  # their places in MARK_ORDER
SUFFIX_MARK = "PREAVISxSUFFIXx"  # where a cached row's link takes the page's query


class Composing:
    """Mixed into the Site, which provides what is declared here."""

    _env: Environment
    _fragments: list[Fragments]
    _lock: threading.RLock
    cache_bytes: int
    coming: timedelta

    _held: tuple[PublicData, list[datetime]] | None = None  # the last data's change instants

    def words(self, lang: Lang) -> Words:
        raise NotImplementedError

    def phase(self, at: datetime, data: PublicData) -> Phase:
        """The phase of `data` that holds `at` (its change instants kept for the last data)."""
        held = self._held
        if held is None or held[0] is not data:
            held = self._held = (data, instants(data, self.coming))
        return Phase.of(held[1], at)

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
        """A masked page with where its marks are (see `fill`); its body is not kept (it is
        never sent as it is)."""
        parts = MARKS.split(page.body)
        found = MARKS.findall(page.body)
        pieces: list[bytes] = [b""] * (2 * len(found) + 1)
        pieces[0::2] = parts
        codes = bytes(MARK_ORDER.index(m) for m in found)
        marked = places(list(range(1, 2 * len(found), 2)), codes)
        kept = len(page.body) + 80 * len(found)
        return replace(page, body=b"", gzipped=None, marks=(tuple(pieces), marked), kept=kept)

    def home_frame(
        self, lang: Lang, at: datetime, tz: ZoneInfo, data: PublicData, now: datetime, query: str
    ) -> Rendered:
        """The home page of the moment `at` without its summary and services' rows (marks
        where they go) and with the moment itself as marks: the same for every moment between
        two instants of `frame_instants`, in the same zone offset."""
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
        name: str = "",
    ) -> Rendered:
        """The home page of the phase of `at`, to `fill` with a moment: its `frame`, the
        summary, and in each group the rows of the services down then (each drawn once per
        stretch of that service, and shared by every phase that shows it) and how many others
        operate normally. Only references to those bytes are kept: a phase costs a few
        kilobytes however large its page, so every phase's page stays in memory. `name` says
        which page it is (its frame and phase: its tag is drawn from that and the data's
        stamp); without, from its bytes."""
        t = self.words(lang)
        down = data.timeline.down_at(at)  # by place in the catalogue
        said = summary(t, [s.impact for s in down.values()]) if down else t["all_ok"]
        local = at.astimezone(tz)
        # Rows drawn with their link's query ("?at=<moment>[&amp;tz=…]"), split where the
        # moment goes: kept apart from the rows of pages of now, whose links take no moment.
        kind = (lang, tz.key, local.utcoffset(), local.tzname(), "at")
        fragments = self._fragments_of(data.stamp)
        table = fragments.table(kind)  # looked up here directly: a page asks thousands
        suffix = self._suffix(at, tz, data, True)
        parts, marked = frame.marks or ((frame.body,), ())
        hole_of = {place: code for code, place in spread(marked)}
        page = _Assembly()
        pieces, at_places = page.pieces, page.at_places
        # The services down, in the page's order, by group (only they are looked at: a large
        # catalogue has many more services than are down at once).
        rank, group_of, sizes = ranks(data)
        listed: list[list[int]] = [[] for _ in sizes]
        for index in sorted(down, key=rank.__getitem__):
            listed[group_of[index]].append(index)
        groups = iter(zip(listed, sizes, strict=True))
        others_row = self._env.get_template("macros.html").module.others_row  # type: ignore[attr-defined]
        for n, part in enumerate(parts):
            code = hole_of.get(n)
            if code is None:
                pieces.append(part)
                continue
            if code == SUMMARY:
                page.own(str(escape(words.hold_together(said))).encode())
                continue
            if code != GROUP:
                page.hole(code)
                continue
            members, size = next(groups, ([], 0))
            for index in members:
                status = down[index]
                key = (status.service.slug, status.since)
                found = table.get(key)
                if found is None:
                    found = self._draw_row(t, data, status.service, status, at, tz, suffix)
                    fragments.put(kind, key, found)
                pieces.append(found[0])
                at_places.append(len(pieces))
                pieces.append(b"")
                pieces.append(found[1])
            if size > len(members):
                said_others = t.count("others_operational", size - len(members))
                page.own(str(others_row(said_others)).encode())
        named = f"{data.stamp}\0{frame.etag}\0{name}" if name else ""
        return page.rendered(frame, named)

    def _draw_row(
        self,
        t: Words,
        data: PublicData,
        service: Service,
        status: ServiceStatus,
        moment: datetime,
        tz: ZoneInfo,
        suffix: str = SUFFIX_MARK,
    ) -> tuple[bytes, bytes]:
        """A service's row of the home page at `moment`, split where its link's query goes
        (or, with a `suffix` holding the moment's mark, where the moment goes)."""
        view = service_row(t, data, service, status, moment, tz, suffix)
        split = SUFFIX_MARK if suffix == SUFFIX_MARK else AT_MARK
        head, tail = row_html(view, t).encode().split(split.encode(), 1)
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
        self, masked: Rendered, lang: Lang, at: datetime, tz: ZoneInfo, query: str, banner: bytes
    ) -> Rendered:
        """A page rendered with `mask` (or put together by `compose`), its marks replaced by
        the moment `at` and its `banner` (what the page says of it, as `phases.banner_bytes`
        writes it): what the page rendered for `at` itself would say, byte for byte. Not
        compressed (a phase's page is filled once and kept; a big one is filled per request).
        Its ETag names the masked bytes and what filled them (the same body, the same tag)."""
        marks = masked.marks
        if marks is None:  # not a masked page: nothing to fill
            return masked
        values = (banner, *moment_values(at, tz, lang, query)[1:])
        pieces, marked = marks
        out = list(pieces)
        for code, first, count, step in marked:
            if count == 1:
                out[first] = values[code]
            else:
                out[first : first + count * step : step] = [values[code]] * count
        body = b"".join(out)
        # The tag of the masked bytes and a checksum of what filled them: a URL always fills
        # in the same values, so the checksum only tells apart what one URL gives over time.
        checksum = zlib.crc32(b"\0".join(values))
        tag = f'"{masked.etag[1:-1]}-{checksum:08x}"'
        return Rendered(body, masked.media_type, tag, masked.max_age, masked.status)


class _Assembly:
    """A page being put together (see Composing.compose): references to the pieces it is
    joined from, and the places the moment fills."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.at_places: list[int] = []  # the rows' links: the moment as a link writes it
        self.where: list[int] = []  # the other marks' places
        self.marks = bytearray()
        self.size = 0  # bytes of its own (not shared with other pages)

    def hole(self, code: int) -> None:
        self.where.append(len(self.pieces))
        self.marks.append(code)
        self.pieces.append(b"")

    def own(self, piece: bytes) -> None:
        self.pieces.append(piece)
        self.size += len(piece)

    def rendered(self, frame: Rendered, name: str = "") -> Rendered:
        where, codes = self.where, self.marks
        if self.at_places:
            where = [*where, *self.at_places]
            codes = codes + bytes([AT]) * len(self.at_places)
        marked = places(where, codes)
        # Its tag names the page, or its bytes and where the moment goes.
        if name:
            named = hashlib.blake2b(name.encode(), digest_size=12)
        else:
            named = hashlib.blake2b(b"".join(self.pieces), digest_size=12)
            named.update(array("I", (n for run in marked for n in run)).tobytes())
        return Rendered(
            b"",
            frame.media_type,
            f'"{named.hexdigest()}"',
            frame.max_age,
            frame.status,
            marks=(tuple(self.pieces), marked),
            kept=8 * len(self.pieces) + self.size + 100 * len(marked),
        )


# What moment_values writes, kept by what it depends on: a day's words and its date, a
# minute's words and its time, an offset's suffix, a zone's label (each a few thousand at most).
_DAYS: dict[tuple[str, int, int, int], tuple[str, str]] = {}
_MINUTES: dict[tuple[str, int, int], tuple[str, str, str]] = {}
_OFFSETS: dict[int, str] = {}
_LABELS: dict[tuple[str, str], str] = {}  # (zone, language) -> its label escaped and held
_ESCAPED = re.compile(r"[&<>\"']")  # what escaping changes
_KEPT_MAX = 50_000


def moment_values(at: datetime, tz: ZoneInfo, lang: Lang, query: str) -> tuple[bytes, ...]:
    """What `fill` writes for the moment `at`, in MARK_ORDER: the moment as the page says it
    (`hold_together(format_instant(at, tz, lang, year=True))`, escaped), as the picker's field
    holds it (`%Y-%m-%dT%H:%M`), as a link names it (`_shown`, its `:` and `+` quoted), and
    the query. Written from parts kept once made, since every request of another moment runs
    it; tests hold each value to the general functions it stands for."""
    local = at.astimezone(tz)
    year = local.year
    if year < 1000:  # never in range; the general functions then
        return _slow_values(at, tz, lang, query)
    day_key = (lang, year, local.month, local.day)
    day = _DAYS.get(day_key)
    if day is None:
        day = _day(day_key)
    minute_key = (lang, local.hour, local.minute)
    clock = _MINUTES.get(minute_key)
    if clock is None:
        clock = _minute(minute_key)
    offset = local.utcoffset() or timedelta(0)
    seconds = offset.days * 86_400 + offset.seconds
    suffix = _OFFSETS.get(seconds)
    if suffix is None:
        suffix = _offset(seconds)
    # An offset not of whole minutes has no suffix: the link names the instant in UTC.
    link = f"{day[1]}T{clock[2]}{suffix}" if suffix else _shown(at, tz).replace(":", "%3A")
    held = _LABELS.get((tz.key, lang))  # a zone's generic label: the same all year
    if held is None:
        held = _label(tz, lang, at)
    return (
        f"{day[0]}, {clock[0]} {held or _label(tz, lang, at, season=True)}".encode(),
        f"{day[1]}T{clock[1]}".encode(),
        link.encode(),
        (str(escape(query)) if _ESCAPED.search(query) else query).encode(),
        b"",  # a frame's summary and rows are put in by `compose`
        b"",
    )


def _label(tz: ZoneInfo, lang: Lang, at: datetime, *, season: bool = False) -> str:
    """A zone's label after a time, escaped and held together; kept by zone and language when
    it is the same all year (empty then when it is not: the season's, at `at`)."""
    said = zone_suffix(tz, lang, at)
    held = str(escape(words.hold_together(said)))
    if season:
        return held
    generic = zone_label(tz, lang) != tz.key
    _LABELS[(tz.key, lang)] = held if generic else ""
    return held


def _day(key: tuple[str, int, int, int]) -> tuple[str, str]:
    """A day's words ("1er juillet 2025" / "July 1, 2025") and its date ("2025-07-01")."""
    lang, year, month, day = key
    word = MONTHS["fr" if lang == "fr" else "en"][month - 1]
    if lang == "fr":
        said = f"{'1er' if day == 1 else day} {word} {year}"
    else:
        said = f"{word} {day}, {year}"
    if len(_DAYS) >= _KEPT_MAX:
        _DAYS.clear()
    made = _DAYS[key] = (said, f"{year}-{month:02d}-{day:02d}")
    return made


def _minute(key: tuple[str, int, int]) -> tuple[str, str, str]:
    """A minute's words, held together ("20 h 05" / "8:05 p.m.", "noon"), its time ("20:05")
    and its time in a link ("20%3A05")."""
    lang, hour, minute = key
    if lang == "fr":
        said = f"{hour}\u00a0h" if minute == 0 else f"{hour}\u00a0h\u00a0{minute:02d}"
    elif hour == 12 and minute == 0:
        said = "noon"
    else:
        twelve, half = hour % 12 or 12, "a.m." if hour < 12 else "p.m."
        said = f"{twelve}\u00a0{half}" if minute == 0 else f"{twelve}:{minute:02d}\u00a0{half}"
    made = _MINUTES[key] = (said, f"{hour:02d}:{minute:02d}", f"{hour:02d}%3A{minute:02d}")
    return made


def _offset(seconds: int) -> str:
    """How a link ends for an offset of whole minutes ("Z", "-04%3A00", "%2B05%3A30"); empty
    for an offset that is not (the link then names the moment in UTC)."""
    if seconds % 60:
        made = ""
    elif seconds == 0:
        made = "Z"
    else:
        whole = abs(seconds) // 60
        made = f"{'%2B' if seconds > 0 else '-'}{whole // 60:02d}%3A{whole % 60:02d}"
    if len(_OFFSETS) >= _KEPT_MAX:
        _OFFSETS.clear()
    _OFFSETS[seconds] = made
    return made


def _slow_values(at: datetime, tz: ZoneInfo, lang: Lang, query: str) -> tuple[bytes, ...]:
    """`moment_values` by the general functions: what the templates print."""
    return (
        str(escape(words.hold_together(format_instant(at, tz, lang, year=True)))).encode(),
        at.astimezone(tz).strftime("%Y-%m-%dT%H:%M").encode(),
        _shown(at, tz).replace(":", "%3A").replace("+", "%2B").encode(),  # quote_plus's letters
        str(escape(query)).encode(),
        b"",
        b"",
    )
