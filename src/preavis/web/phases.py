"""A page of another moment is the page of its phase.

What the home and service pages show of a moment only changes at the change instants
(`views.instants`): between two of them (a phase) every moment gives the same services, the
same rows and the same upcoming maintenances. So a page of another moment says the phase ("du
25 juin 2025, 20 h au 26 juin 2025, 7 h (HE) : rien ne change dans cet intervalle"), its links
and its picker name the phase's first minute, and its bytes are made once per phase and served
for every moment in it: a random `?at=` costs what the page of now costs. The pages' script
sets the picker to the moment the address asked for. A maintenance page of a moment is the page
of its phase too, its chart showing the phase as a band; it is drawn whole (its chart's line of
now moves every quarter hour), once per phase and quarter hour.
"""

from __future__ import annotations

import bisect
import gzip
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from markupsafe import escape

from preavis.domain.errors import ValidationError
from preavis.domain.text import Lang
from preavis.domain.zones import localize, parse_instant, zone
from preavis.formats.wording import format_instant, format_window
from preavis.web.rendered import GZIP_FROM, Rendered
from preavis.web.views import marker
from preavis.web.words import Words, hold_together

if TYPE_CHECKING:
    from preavis.web.cache import Version
    from preavis.web.site import Site

STEP_BACK = timedelta(minutes=1)  # before the first change, a phase is named by the minute before
KEEP_FILLED = 256 * 1024  # a phase's page kept whole up to this size (else filled per request)


class NotReady(Exception):
    """The view is not in memory: render it in a thread."""


@dataclass(frozen=True, slots=True)
class Phase:
    """The stretch between two change instants that holds a moment: `number` 0 is before the
    first instant; `start` and `end` are None where the phase is unbounded."""

    number: int
    start: datetime | None
    end: datetime | None

    @classmethod
    def of(cls, instants: Sequence[datetime], at: datetime) -> Phase:
        return cls.numbered(instants, bisect.bisect_right(instants, at))

    @classmethod
    def numbered(cls, instants: Sequence[datetime], n: int) -> Phase:
        """The phase `n` of `instants` (as `Version.phase` numbers them)."""
        return cls(n, instants[n - 1] if n else None, instants[n] if n < len(instants) else None)

    def moment(self, at: datetime) -> datetime:
        """The moment that stands for the phase in its links and picker: its start; before the
        first change the minute before it; `at` itself when nothing ever changes."""
        if self.start is not None:
            return self.start
        if self.end is not None:
            return self.end - STEP_BACK
        return at

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def banner(self, t: Words, lang: Lang, tz: ZoneInfo) -> str:
        """What the page says of the moment it shows: the phase, in words."""
        start, end = self.start, self.end
        if start is not None and end is not None:
            shown = format_window(start, end, tz, lang, year=True, lead=False)
            return t["phase_banner"].format(range=shown)
        if end is not None:
            return t["phase_banner_before"].format(when=format_instant(end, tz, lang, year=True))
        if start is not None:
            return t["phase_banner_after"].format(when=format_instant(start, tz, lang, year=True))
        return t["phase_banner_always"]


def _shown(at: datetime, tz: ZoneInfo) -> str:
    """How a link names the moment `at`: local time with its offset, to the minute."""
    local = at.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    # RFC 3339 offsets are whole minutes; before standard time (St. John's in 1900 was
    # -03:30:52) the link names the instant in UTC instead.
    shown = local if offset.total_seconds() % 60 == 0 else at.astimezone(UTC)
    return shown.isoformat(timespec="minutes").replace("+00:00", "Z")


def banner_bytes(phase: Phase, t: Words, lang: Lang, tz: ZoneInfo) -> bytes:
    """The banner as `fill` writes it: as the template would print it (times held together,
    escaped)."""
    return str(escape(hold_together(phase.banner(t, lang, tz)))).encode()


def phase_query(params: dict[str, str], moment: datetime, tz: ZoneInfo) -> str:
    """The query of a phase's page, as the front writes queries (`canonical`): the moment the
    phase's own, the visitor's zone kept."""
    kept = {"at": _shown(moment, tz)}
    if params.get("tz"):
        kept["tz"] = params["tz"]
    return urlencode(kept, safe="/:")


def asked(params: dict[str, str], default: ZoneInfo) -> tuple[datetime | None, ZoneInfo]:
    """The moment (`at`, or `when` in `tz`) and display zone a query asks for."""
    tz = default
    if params.get("tz"):
        tz = zone(params["tz"])
    at = None
    if params.get("at"):
        at = parse_instant(params["at"], None, "at")
    elif params.get("when"):
        try:
            wall = datetime.fromisoformat(params["when"])
        except ValueError as exc:
            raise ValidationError(
                f"when: {params['when']!r} is not a date and time", field="when"
            ) from exc
        if wall.tzinfo is not None:
            raise ValidationError(
                "when: give a local date and time, without an offset", field="when"
            )
        at = localize(wall, tz, "when")
    return at, tz


def moment_page(
    site: Site,
    kind: str,
    lang: Lang,
    slug: str,
    params: dict[str, str],
    query: str,
    at: datetime,
    tz: ZoneInfo,
    wait: bool,
) -> Rendered:
    """A page (home, service, maintenance) of the moment `at`; without `wait` only from
    memory (else NotReady)."""
    version = site.version() if wait else site.current()
    if version is None:
        raise NotReady
    chosen = params.get("tz", "")
    number = version.phase(at)
    key = f"{kind}:{lang}:{slug}:{tz.key}:{chosen}:{number}"
    if version.instants and kind != "maintenance":  # a bounded phase: its page is most often kept
        whole = version.phases.get(key)
        if whole is not None:
            return whole  # the common case: neither the phase nor the clock is needed
        if not wait and key not in version.unkept:  # made and compressed once, in a thread
            raise NotReady
    now = site.clock.now()
    phase = Phase.numbered(version.instants, number)
    if kind == "maintenance":  # drawn whole, its chart's line of now moving every 15 minutes
        key = f"{key}@{marker(now).isoformat()}"
        found = version.phases.get(key)
        if found is None and not wait:
            raise NotReady
        if phase.bounded:
            query = phase_query(params, phase.moment(at), tz)
        return found or site.moment_view(
            key,
            lambda d: site.maintenance_page(lang, slug, at, tz, d, now, query),
            version,
            version.phases,
        )
    moment = phase.moment(at)
    if phase.bounded:
        query = phase_query(params, moment, tz)
    masked = version.moments.get(f"{key}:masked")
    if masked is None:
        if not wait:
            raise NotReady
        masked = _masked(site, version, kind, lang, slug, key, moment, tz, now, chosen, query)
    said = banner_bytes(phase, site.words(lang), lang, tz)
    filled = site.fill(masked, lang, moment, tz, query, said)
    if phase.bounded and len(filled.body) <= KEEP_FILLED:
        # Kept and sent to every moment of the phase: compressed once, as pages of now are.
        if len(filled.body) > GZIP_FROM:
            packed = gzip.compress(filled.body, compresslevel=6, mtime=0)
            filled = replace(filled, gzipped=packed)
        version.phases.put(key, filled)
    elif phase.bounded:  # filled per request, on the event loop when its pieces are in memory
        version.unkept.add(key)
    return filled


def _masked(
    site: Site,
    version: Version,
    kind: str,
    lang: Lang,
    slug: str,
    key: str,
    moment: datetime,
    tz: ZoneInfo,
    now: datetime,
    chosen: str,
    query: str,
) -> Rendered:
    """A phase's page with the moment as marks: a service page rendered masked, or a home
    page put together (Site.compose: references to shared bytes, a few kilobytes per phase)
    from its frame and the rows of the services down then."""
    if kind == "service":
        return site.moment_view(
            f"{key}:masked",
            lambda d: site.service_page(lang, slug, moment, tz, d, now, query, True),
            version,
        )
    offset = moment.astimezone(tz).utcoffset()
    framed = f"frame:{lang}:{tz.key}:{chosen}:{version.frame(moment)}:{offset}"
    frame = site.moment_view(
        framed, lambda d: site.home_frame(lang, moment, tz, d, now, query), version
    )
    return site.moment_view(
        f"{key}:masked", lambda d: site.compose(frame, lang, moment, tz, d, key), version
    )
