"""What the site serves from memory, and how it is kept fresh without stalling readers.

One `Version` holds everything served from one read of the public data: the views of now
(valid until the next change instant), the views that do not depend on the time (feeds,
calendars: valid until the data changes), and the views of other moments, kept per phase (the
stretch between two change instants, in which such a view differs only by the moment it
names). A new version is built beside the one being served (the data read, the views that
were in use rendered again) and swapped in whole; readers never wait for it. Every cache is
capped by bytes, least recently used dropped first.
"""

from __future__ import annotations

import bisect
import ctypes
import gc
import logging
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from preavis.actions.public import PublicData
from preavis.domain.messages import Said
from preavis.web.rendered import SLIM_FROM, Rendered

log = logging.getLogger("preavis.web")
Render = Callable[[PublicData, datetime], Rendered]
CACHE_BYTES = 64 * 1024 * 1024  # per cache, per process (PREAVIS_CACHE_MB)
MAX_AGE = 30  # seconds a client may keep a view (less when a change comes sooner)
CLAIM = timedelta(seconds=10)  # how long a claimed check keeps others from checking
WAIT = timedelta(seconds=1)  # how long the reader that finds a check due waits for it
WARM = 256  # views rendered again, most recently used first, before a new version is served
AHEAD = timedelta(seconds=60)  # how long before a change instant its views of now are rendered


def _trimmer() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_TRIM = _trimmer()


def release() -> None:
    """Hand the memory freed by a big render or an old version back to the system. The C
    allocator keeps freed pages for reuse otherwise: the first 20 MB document of a 5,000-service
    catalogue left a worker some 70 MB bigger, mostly freed. A no-op where it is not glibc."""
    if _TRIM is not None:
        _TRIM(0)


# From this many public interruptions, a swap is followed by a freeze (see `settle`).
SETTLE_FROM = 10_000
# The interpreter's switch interval while a rebuild runs beside the readers (see `rebuilding`).
REBUILD_SWITCH = 0.0005
NO_FULL_COLLECTION = 1 << 30  # young collections between full ones, while a rebuild runs
_REBUILDS: list[tuple[float, tuple[int, int, int]]] = []  # what to put back, per one running
_REBUILDS_LOCK = threading.Lock()


def settle(data: PublicData) -> None:
    """After a new version of a large catalogue is swapped in: the young garbage collected,
    everything alive frozen out of the cyclic collector (`gc.freeze`), the freed memory
    handed back. Freezing costs nothing, and leaves the collector's full collections only
    what came after: a full collection at 5,000 services held the interpreter 0.05-0.3 s, and
    with it the event loop of every reader, whatever thread ran it. The copies of the public
    data hold no cycle (each is freed by its references once the next one is served), so no
    full collection is needed to free the old one; only a cycle alive at a swap and dropped
    later would stay. Measured there, a publication left a worker 60-80 MB bigger without
    the trim, mostly in freed pages the C allocator kept."""
    if sum(len(p.maintenance.interruptions) for p in data.maintenances) < SETTLE_FROM:
        return
    gc.collect(1)
    gc.freeze()
    release()


@contextmanager
def rebuilding() -> Iterator[None]:
    """While a rebuild runs in its thread, beside the event loop serving readers:

    - no full collection by the cyclic collector. The new copy and its renders are hundreds
      of thousands of new objects; each full collection they set off scanned them all, in
      one call that holds the interpreter (measured at 5,000 services: six of 50 to 106 ms
      during one rebuild, each a stall of every reader). Young collections go on; `settle`
      then freezes what the new version holds.
    - a shorter switch interval. A thread that runs Python keeps the interpreter until
      another asks for it and `sys.getswitchinterval()` (5 ms) has passed; the event loop
      gives it up at every wait for its sockets and asks again after, so each of its turns
      waited up to 5 ms while a rebuild ran (a request takes several)."""
    with _REBUILDS_LOCK:  # several at once (a rebuild, views rendered ahead): the first sets
        if not _REBUILDS:
            _REBUILDS.append((sys.getswitchinterval(), gc.get_threshold()))
            switch, thresholds = _REBUILDS[0]
            sys.setswitchinterval(min(switch, REBUILD_SWITCH))
            gc.set_threshold(thresholds[0], thresholds[1], NO_FULL_COLLECTION)
        else:
            _REBUILDS.append(_REBUILDS[0])
    try:
        yield
    finally:
        with _REBUILDS_LOCK:  # and the last puts back
            switch, thresholds = _REBUILDS.pop()
            if not _REBUILDS:
                gc.set_threshold(*thresholds)
                sys.setswitchinterval(switch)


def weight(rendered: Rendered) -> int:
    return len(rendered.body) + len(rendered.gzipped or b"") + rendered.kept + 200


class Bounded:
    """A least-recently-used map of rendered views, holding at most `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[str, tuple[Rendered, Render | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: str, rendered: Rendered, render: Render | None = None) -> None:
        rendered = rendered.slim()  # a big document: kept compressed only
        cost = weight(rendered)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= weight(old[0])
            if cost > self.limit:
                return  # bigger than the whole cache: served, not kept
            self._items[key] = (rendered, render)
            self.size += cost
            while self.size > self.limit:
                _, (dropped, _) = self._items.popitem(last=False)
                self.size -= weight(dropped)

    def recent(self, count: int) -> list[tuple[str, Render]]:
        """The `count` most recently used views that can be rendered again, latest first."""
        with self._lock:
            items = list(self._items.items())
        return [(k, r) for k, (_, r) in reversed(items) if r is not None][:count]

    def __len__(self) -> int:
        return len(self._items)


class Fragments:
    """Pieces of pages drawn from one version of the public data (`stamp`): a service's row of
    the home page, as the bytes around the place its link's query goes, kept by what else they
    depend on (`of`: the language, the zone and its offset) and then by service and stretch.
    At most `limit` bytes: past it, the oldest quarter is dropped (the first put first:
    cheaper per hit than keeping an order of use, and a page asks for thousands)."""

    def __init__(self, limit: int, stamp: str = "") -> None:
        self.limit = limit
        self.stamp = stamp
        self.size = 0
        self._kinds: dict[Hashable, dict[Hashable, tuple[bytes, bytes]]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def weight(value: tuple[bytes, bytes]) -> int:
        return len(value[0]) + len(value[1]) + 250  # two bytes objects, a tuple, the key

    def of(self, kind: Hashable) -> Drawn:
        return Drawn(self, kind)

    def table(self, kind: Hashable) -> dict[Hashable, tuple[bytes, bytes]]:
        """The fragments of `kind` kept now, to look up (`put` adds to it)."""
        return self._kinds.get(kind) or {}

    def get(self, kind: Hashable, key: Hashable) -> tuple[bytes, bytes] | None:
        found = self._kinds.get(kind)
        return None if found is None else found.get(key)

    def put(self, kind: Hashable, key: Hashable, value: tuple[bytes, bytes]) -> None:
        cost = self.weight(value)
        if cost > self.limit:
            return
        with self._lock:
            if self.size + cost > self.limit:
                self._drop(self.limit * 3 // 4 - cost)
            table = self._kinds.setdefault(kind, {})
            old = table.get(key)
            if old is not None:
                self.size -= self.weight(old)
            self.size += cost
            table[key] = value

    def _drop(self, goal: int) -> None:
        """Drop the oldest fragments until at most `goal` bytes are kept."""
        for kind in list(self._kinds):
            table = self._kinds[kind]
            for key in list(table):
                if self.size <= goal:
                    return
                self.size -= self.weight(table.pop(key))
            del self._kinds[kind]

    def __len__(self) -> int:
        return sum(len(t) for t in list(self._kinds.values()))


class Drawn:
    """The fragments of one kind (see Fragments.of)."""

    __slots__ = ("_fragments", "_kind")

    def __init__(self, fragments: Fragments, kind: Hashable) -> None:
        self._fragments = fragments
        self._kind = kind

    def get(self, key: Hashable) -> tuple[bytes, bytes] | None:
        return self._fragments.get(self._kind, key)

    def put(self, key: Hashable, value: tuple[bytes, bytes]) -> None:
        self._fragments.put(self._kind, key, value)


@dataclass(eq=False)
class Version:
    """Everything served from one read of the public data."""

    data: PublicData
    limit: int
    timed: Bounded = field(init=False)  # views of now: valid in [valid_from, valid_until)
    timeless: Bounded = field(init=False)  # feeds and calendars: valid until the data changes
    moments: Bounded = field(init=False)  # views of other moments, by phase (and their pieces)
    phases: Bounded = field(init=False)  # pages of other moments, filled once per phase
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    instants: list[datetime] = field(default_factory=list)
    frames: list[datetime] = field(default_factory=list)  # where a home page's frame changes
    # The views of now for the stretch after `valid_until`, rendered before it comes: (from,
    # until, views), taken up once time reaches `from` (see Served._ahead).
    upcoming: tuple[datetime, datetime, Bounded] | None = None
    preparing: datetime | None = None  # the instant whose views are being rendered ahead

    def __post_init__(self) -> None:
        self.timed = Bounded(self.limit)
        self.timeless = Bounded(self.limit)
        self.moments = Bounded(self.limit)
        # Apart from `moments`: the filled pages of a big catalogue must not push out the
        # pieces they are filled from (every miss would put a page together again).
        self.phases = Bounded(self.limit)
        self.unkept: set[str] = set()  # phases whose page is too big to keep: filled per request

    def current(self, now: datetime) -> bool:
        """Whether the views of now are still those of `now`."""
        return (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from <= now < self.valid_until
        )

    def phase(self, at: datetime) -> int:
        """The number of the phase `at` falls in (0 before the first change instant)."""
        return bisect.bisect_right(self.instants, at)

    def frame(self, at: datetime) -> int:
        """The number of the stretch of `frames` that `at` falls in."""
        return bisect.bisect_right(self.frames, at)


class Served:
    """The caching half of the Site: `data()`, `cached()`, `peek()`, `moment_view()`."""

    cache_bytes: int

    def __init__(self) -> None:
        self._lock = threading.RLock()  # one thread renders a view; the others wait for it
        self._refresh_lock = threading.Lock()  # one thread builds the next version
        self._version: Version | None = None
        self._checked: datetime | None = None
        self._refreshing = False
        self._claimed: datetime | None = None
        self._preparing: threading.Thread | None = None  # rendering views ahead (`_ahead`)
        # Big documents kept compressed only (`Rendered.slim`), inflated once for the clients
        # that do not accept gzip and kept while they ask, by strong ETag (see PublicFront).
        self.plain = Bounded(CACHE_BYTES)

    # -- to be provided by the Site --------------------------------------------------------

    def _now(self) -> datetime:
        raise NotImplementedError

    def _read(self, old: PublicData | None) -> PublicData | None:
        """The public data if it changed since `old` (None when it did not)."""
        raise NotImplementedError

    def _boundary(self, data: PublicData, now: datetime) -> datetime | None:
        raise NotImplementedError

    def _refresh_period(self) -> timedelta:
        raise NotImplementedError

    def _instants(self, data: PublicData) -> list[datetime]:
        """The change instants that bound the phases of other moments."""
        raise NotImplementedError

    def _swapped(self, version: Version) -> None:
        """Called once `version` is the one served: what was kept for older data may go."""

    def _frames(self, data: PublicData) -> list[datetime]:
        """The instants at which a home page's frame changes (see Site.home_frame)."""
        raise NotImplementedError

    # -- freshness -------------------------------------------------------------------------

    def version(self) -> Version:
        """The version to serve now, re-reading the data when it is due (once a second). A
        changed database gives a new version, built (its views in use rendered again) while
        other readers keep being served the old one, then swapped in. The reader that finds
        the check due waits for it at most WAIT (a small catalogue's check and rebuild end
        well within it, so it sees the new data); past that it is served the old version too
        (a 5,000-service rebuild takes seconds)."""
        now = self._now()
        version = self._version
        checked = self._checked
        if version is not None and checked is not None and now - checked < self._refresh_period():
            return version
        # One thread builds the next version; any other is served the current one meanwhile
        # (it waits only when there is none yet). Renders do not take this lock.
        if not self._refresh_lock.acquire(blocking=version is None):
            assert version is not None
            return version
        if version is None:  # the first version: every reader needs it
            try:
                return self._check(now)
            finally:
                self._refresh_lock.release()
        outcome: list[Version | Exception] = []
        done = threading.Event()

        def check() -> None:  # releases the lock this reader took, once the check is over
            try:
                outcome.append(self._check(now))
            except Exception as exc:  # logged here; said to the reader if it still waits
                log.warning(Said("log.public_unchecked"), exc_info=exc)
                outcome.append(exc)
            finally:
                self._refresh_lock.release()
                done.set()

        threading.Thread(target=check, name="preavis-check", daemon=True).start()
        if not done.wait(WAIT.total_seconds()) or not outcome:
            return version  # the old version, while the new one is built
        if isinstance(outcome[0], Exception):
            raise outcome[0]
        return outcome[0]

    def _check(self, now: datetime) -> Version:
        """Read the data if it changed, build and swap in its version (the caller holds the
        refresh lock)."""
        version = self._version
        if (
            version is not None
            and self._checked is not None
            and now - self._checked < self._refresh_period()
        ):
            return version  # another thread checked while this one waited
        self._refreshing = True
        try:
            with rebuilding():
                data = self._read(version.data if version is not None else None)
                if data is not None:
                    fresh = Version(data, self.cache_bytes)
                    fresh.instants = self._instants(data)
                    fresh.frames = self._frames(data)
                    if version is not None:
                        self._warm(version, fresh, now)
                    self._version = version = fresh
                    self._swapped(fresh)
                    self.plain = Bounded(self.plain.limit)  # the old version's copies go
                    release()  # what the read and the old version's views held
                    settle(fresh.data)
        finally:
            self._checked = now  # a failed check is not retried before the period either
            self._refreshing = False
        assert version is not None
        self._ahead(version, now)
        return version

    def _ahead(self, version: Version, now: datetime) -> None:
        """Shortly before the next change instant, render the views of now in use as of that
        instant, in a thread of their own: once time reaches it, they are served at once
        (`_advance`), where every reader of the home page waited for its first render (about
        a second at 5,000 services)."""
        until = version.valid_until
        if (
            until is None
            or not version.current(now)
            or until - now > AHEAD
            or version.preparing == until
        ):
            return
        version.preparing = until
        views = version.timed.recent(WARM)

        def prepare() -> None:
            try:
                with rebuilding():
                    ahead = Bounded(self.cache_bytes)
                    for key, render in views:
                        ahead.put(key, render(version.data, until), render)
                    following = self._boundary(version.data, until)
                    version.upcoming = (until, following or until + timedelta(days=3650), ahead)
            except Exception:  # e.g. an instant past the last one shown: readers render then
                log.warning(Said("log.views_not_ahead", until=until.isoformat()), exc_info=True)

        self._preparing = threading.Thread(target=prepare, name="preavis-ahead", daemon=True)
        self._preparing.start()

    def _advance(self, version: Version, now: datetime) -> bool:
        """Take up the views rendered ahead (`_ahead`) when `now` is in their stretch."""
        upcoming = version.upcoming
        if upcoming is None or not upcoming[0] <= now < upcoming[1]:
            return False
        version.upcoming = None
        version.timed = upcoming[2]
        version.valid_from, version.valid_until = upcoming[0], upcoming[1]
        return True

    def _warm(self, old: Version, new: Version, now: datetime) -> None:
        """Render again, from the new data, the views most in use in the old version (those
        of now too when time has crossed a change instant since: they are still the ones in
        use, and the first reader of each would wait for it)."""
        for key, render in old.timeless.recent(WARM):
            new.timeless.put(key, render(new.data, now), render)
        for key, render in old.timed.recent(WARM):
            self._timed_put(new, key, render, now)

    def _timed_put(self, version: Version, key: str, render: Render, now: datetime) -> Rendered:
        result = render(version.data, now)
        if result.length >= SLIM_FROM:
            release()
        if not version.current(now) and not self._advance(version, now):
            version.timed = Bounded(self.cache_bytes)  # time crossed a change: start afresh
            version.valid_from = now
            version.valid_until = self._boundary(version.data, now) or now + timedelta(days=3650)
        version.timed.put(key, result, render)
        return result

    @property
    def served(self) -> Version | None:
        """The version being served, without checking the data (see `current`)."""
        return self._version

    def current(self) -> Version | None:
        """The version being served, if no reader needs to check the database first."""
        return None if self.due() else self._version

    def data(self) -> PublicData:
        """The public data, re-read when the database changed (checked once a second)."""
        return self.version().data

    def due(self) -> bool:
        """Whether the database should be checked before serving. The first reader to find
        it due claims the check (it goes to a thread, which calls `version`); the others keep
        being served the current version meanwhile. A claim not followed within CLAIM is
        dropped."""
        checked, now = self._checked, self._now()
        if self._refreshing and self._claimed is not None and now - self._claimed < CLAIM:
            return False
        if checked is not None and now - checked < self._refresh_period():
            return False
        self._refreshing, self._claimed = True, now
        return True

    # -- views -----------------------------------------------------------------------------

    def peek(self, key: str, timeless: bool = False) -> Rendered | None:
        """The view from memory, or None when it must be rendered or the data checked first:
        never any I/O, so the event loop may call it."""
        version = self._version
        if version is None or self.due():
            return None
        if timeless:
            return version.timeless.get(key)
        now = self._now()
        if not version.current(now) and not self._advance(version, now):
            return None
        return version.timed.get(key)

    def cached(self, key: str, render: Render, *, timeless: bool = False) -> Rendered:
        """The view `key` as of now: from memory while neither data nor phase changed."""
        version = self.version()
        now = self._now()
        if timeless:
            found = version.timeless.get(key)
            if found is None:
                found = render(version.data, now)
                version.timeless.put(key, found, render)
                if found.length >= SLIM_FROM:
                    release()
            return found
        if version.current(now) or self._advance(version, now):
            found = version.timed.get(key)
            if found is not None:
                return found
        with self._lock:  # one thread renders a view; the others find it done
            if version.current(now):
                found = version.timed.get(key)
                if found is not None:
                    return found
            return self._timed_put(version, key, render, now)

    hot = cached

    def moment_view(
        self,
        key: str,
        render: Callable[[PublicData], Rendered],
        version: Version | None = None,
        kept: Bounded | None = None,
    ) -> Rendered:
        """A view of another moment under `key` (its phase is part of it): rendered once, kept
        in the version's `moments` (or in `kept`)."""
        version = version or self.version()
        kept = kept or version.moments
        found = kept.get(key)
        if found is not None:
            return found
        with self._lock:  # one thread renders it; the others, asking at once, find it done
            found = kept.get(key)
            if found is None:
                found = render(version.data)
                kept.put(key, found)
            return found

    def peek_moment(self, key: str) -> Rendered | None:
        version = self._version
        if version is None or self.due():
            return None
        return version.moments.get(key)

    def max_age(self) -> int:
        """Seconds a client may keep what it got: short, and never past the next change."""
        version = self._version
        until = version.valid_until if version is not None else None
        if until is None:
            return MAX_AGE
        return max(1, min(MAX_AGE, int((until - self._now()).total_seconds())))

    def steady_until(self) -> datetime | None:
        """Until when what was just served of the current version stays what would be served,
        headers included: the data's next check, or MAX_AGE before the next change instant
        (past it, `max_age` counts down). None when that is not known (see web/answers.py)."""
        version, checked = self._version, self._checked
        if version is None or checked is None or self._refreshing:
            return None
        change = version.valid_until
        if change is None:  # no view of now yet: the next change instant of other moments
            later = bisect.bisect_right(version.instants, checked)
            if later < len(version.instants):
                change = version.instants[later]
        if change is None:
            return checked + self._refresh_period()
        until = change - timedelta(seconds=MAX_AGE)
        return min(checked + self._refresh_period(), until)
