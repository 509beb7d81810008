"""The timeline engine: what is down at any instant, when each service is back, what changes when.

Each service gets a *lane*: the sorted instants where its state changes and, between them,
prebuilt ServiceStatus objects. Asking about one service is one bisection (no scan, no
allocation); a snapshot of all services is one bisection per service.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from preavis.domain.errors import InvalidWindowError, UnknownServiceError
from preavis.domain.interruption import Impact, Interruption, worst
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.service import Service
from preavis.domain.zones import require_aware

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TICK = timedelta(microseconds=1)
EVENTS_RUN = 256  # lanes whose changes are sorted together (see Timeline._all_events)


def _key(at: datetime) -> int:
    """An aware instant as whole microseconds since the epoch (fast to compare and bisect)."""
    return (at - _EPOCH) // _TICK


def _instant(key: int) -> datetime:
    return _EPOCH + key * _TICK


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """One service's state over a stretch of time during which nothing about it changes.

    `since`/`until` bound that stretch (None: unbounded). `back_at` is when the service is
    fully available again, following chained windows; None when it is operational.
    """

    service: Service
    impact: Impact
    interruptions: tuple[Interruption, ...]
    since: datetime | None
    until: datetime | None
    back_at: datetime | None

    @property
    def is_down(self) -> bool:
        return self.impact is not Impact.OPERATIONAL


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every service's status at one instant, in catalogue order."""

    at: datetime
    services: tuple[ServiceStatus, ...]

    @property
    def down(self) -> tuple[ServiceStatus, ...]:
        """The services that are limited or unavailable."""
        return tuple(s for s in self.services if s.is_down)

    def get(self, slug: str) -> ServiceStatus:
        for status in self.services:
            if status.service.slug == slug:
                return status
        raise UnknownServiceError(slug)


@dataclass(frozen=True, slots=True)
class Phase:
    """A maximal interval [starts_at, ends_at) during which nothing changes, with what is down."""

    starts_at: datetime
    ends_at: datetime
    services: tuple[ServiceStatus, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """At `at`, a service goes from `before` to `after` (impact or interruptions in effect)."""

    at: datetime
    before: ServiceStatus
    after: ServiceStatus

    @property
    def service(self) -> Service:
        return self.after.service


class _Lane:
    """One service's change instants (`keys`) and the status before, between and after them.

    `states[i]` holds for [keys[i-1], keys[i]) so that `states[bisect_right(keys, t)]` is the
    status at t, with `states[0]` before the first change and `states[-1]` after the last.
    """

    __slots__ = ("index", "items", "keys", "service", "states")

    def __init__(self, index: int, service: Service, items: list[Interruption]) -> None:
        self.index = index
        self.service = service
        self.items = tuple(items)  # as given: a later timeline reuses the lane for the same
        self.keys: array[int] = array("q")  # 8 bytes each, not a Python int (32 bytes and more)
        self.states: list[ServiceStatus] = []
        self._build(items)

    def same(self, index: int, service: Service, items: list[Interruption]) -> bool:
        """Whether this lane is the one those would build: the same objects, in the same order
        (an unchanged maintenance is shared by the copies of the public data, see
        actions/public.py), so that nothing is compared field by field."""
        mine = self.items
        return (
            self.index == index
            and self.service is service
            and len(mine) == len(items)
            and all(a is b for a, b in zip(mine, items, strict=True))
        )

    def _build(self, items: list[Interruption]) -> None:
        if not items:
            self.states.append(
                ServiceStatus(self.service, Impact.OPERATIONAL, (), None, None, None)
            )
            return
        # Sorting on every field makes the result independent of the input order.
        items = sorted(
            items,
            key=lambda i: (
                i.starts_at,
                i.ends_at,
                -i.impact.severity,
                i.description.fr,
                i.description.en,
            ),
        )
        windows = [(_key(i.starts_at), _key(i.ends_at), i) for i in items]
        bounds = sorted({w[0] for w in windows} | {w[1] for w in windows})
        spans: list[tuple[Impact, tuple[Interruption, ...]]] = []
        # `active` stays in the sorted order of `items`: appended in that order, filtered stably.
        active: list[tuple[int, int, Interruption]] = []
        pending = 0
        for left in bounds:
            active = [w for w in active if w[1] > left]
            while pending < len(windows) and windows[pending][0] == left:
                active.append(windows[pending])
                pending += 1
            in_effect = tuple(w[2] for w in active)
            spans.append((worst(i.impact for i in in_effect), in_effect))
        # spans[j] covers [bounds[j], bounds[j+1]); the last is the operational tail.
        instants = [_instant(k) for k in bounds]
        backs: list[datetime | None] = [None] * len(spans)
        for j in range(len(spans) - 2, -1, -1):
            if spans[j][0] is not Impact.OPERATIONAL:
                nxt = backs[j + 1]
                backs[j] = nxt if nxt is not None else instants[j + 1]
        self.keys = array("q", bounds)
        self.states.append(
            ServiceStatus(self.service, Impact.OPERATIONAL, (), None, instants[0], None)
        )
        for j, (impact, in_effect) in enumerate(spans):
            until = instants[j + 1] if j + 1 < len(instants) else None
            self.states.append(
                ServiceStatus(self.service, impact, in_effect, instants[j], until, backs[j])
            )

    def at(self, key: int) -> ServiceStatus:
        return self.states[bisect_right(self.keys, key)]


class _Refs:
    """The lane of each change (in time order) and its place in the lane, as two arrays of
    numbers: a tuple per change took some 6 MB at 5,000 services, in every copy."""

    __slots__ = ("_lanes", "_places", "_which")

    def __init__(self, lanes: list[_Lane], which: array[int], places: array[int]) -> None:
        self._lanes = lanes
        self._which = which
        self._places = places

    def __len__(self) -> int:
        return len(self._which)

    def __getitem__(self, n: int) -> tuple[_Lane, int]:
        return self._lanes[self._which[n]], self._places[n]

    def span(self, lo: int, hi: int) -> Iterator[tuple[_Lane, int]]:
        lanes = self._lanes
        return ((lanes[w], p) for w, p in zip(self._which[lo:hi], self._places[lo:hi], strict=True))

    def __iter__(self) -> Iterator[tuple[_Lane, int]]:
        return self.span(0, len(self))


class Timeline:
    """Answers "what is down at T", "when is X back" and "what changes when", past or future.

    Built once from a catalogue and interruptions (immutable afterwards); every question takes
    the instant as a parameter, so the same timeline serves any moment. Given the timeline of
    an earlier copy (`previous`), each service whose interruptions are the same objects keeps
    that timeline's lane (its instants and statuses, shared): a change to one maintenance
    builds again only the lanes of the services it touches.
    """

    def __init__(
        self,
        services: Iterable[Service],
        interruptions: Iterable[Interruption],
        previous: Timeline | None = None,
    ) -> None:
        self.services: tuple[Service, ...] = tuple(services)
        grouped: dict[str, list[Interruption]] = {s.slug: [] for s in self.services}
        for item in interruptions:
            bucket = grouped.get(item.service)
            if bucket is None:
                raise UnknownServiceError(item.service)
            bucket.append(item)
        before: dict[str, _Lane] = previous._by_slug if previous is not None else {}
        self._lanes: list[_Lane] = []
        for index, service in enumerate(self.services):
            items = grouped[service.slug]
            lane = before.get(service.slug)
            if lane is None or not lane.same(index, service, items):
                lane = _Lane(index, service, items)
            self._lanes.append(lane)
        self._by_slug: dict[str, _Lane] = {lane.service.slug: lane for lane in self._lanes}
        self._events: tuple[array[int], _Refs] | None = None
        self._kept: tuple[int, list[tuple[tuple[int, ServiceStatus], ...]]] | None = None

    @classmethod
    def of(
        cls,
        services: Iterable[Service],
        maintenances: Iterable[Maintenance],
        *,
        include_drafts: bool = True,
    ) -> Timeline:
        """The timeline of these maintenances: cancelled ones never count, drafts if asked."""
        counted = {State.PUBLISHED} | ({State.DRAFT} if include_drafts else set())
        return cls(
            services,
            (i for m in maintenances if m.state in counted for i in m.interruptions),
        )

    def _lane(self, slug: str) -> _Lane:
        lane = self._by_slug.get(slug)
        if lane is None:
            raise UnknownServiceError(slug)
        return lane

    # -- one instant ------------------------------------------------------------------------

    def service_status(self, slug: str, at: datetime) -> ServiceStatus:
        """One service's status at `at`."""
        return self._lane(slug).at(_key(require_aware(at, "at")))

    def status_at(self, at: datetime) -> Snapshot:
        """Every service's status at `at`."""
        at = require_aware(at, "at")
        key = _key(at)
        return Snapshot(
            at, tuple(lane.states[bisect_right(lane.keys, key)] for lane in self._lanes)
        )

    def down_at(self, at: datetime) -> dict[int, ServiceStatus]:
        """The services down at `at`, by their place in the catalogue (as `status_at(at).down`
        says, without asking every service): what was down at the nearest kept point of the
        sweep over every change (one per 1/64 of them), and the changes since applied."""
        keys, refs = self._all_events()
        every, kept = self._checkpoints()
        n = bisect_right(keys, _key(require_aware(at, "at")))
        down = dict(kept[n // every])
        for lane, pos in refs.span(n - n % every, n):
            after = lane.states[pos + 1]
            if after.is_down:
                down[lane.index] = after
            else:
                down.pop(lane.index, None)
        return down

    def prepare(self) -> None:
        """Build now what `down_at` and the questions about changes read, so that no later
        question pays for it."""
        self._checkpoints()

    def _checkpoints(self) -> tuple[int, list[tuple[tuple[int, ServiceStatus], ...]]]:
        if self._kept is None:
            _, refs = self._all_events()
            every = max(256, len(refs) // 64)
            kept: list[tuple[tuple[int, ServiceStatus], ...]] = [()]
            down: dict[int, ServiceStatus] = {}
            for n, (lane, pos) in enumerate(refs, 1):
                after = lane.states[pos + 1]
                if after.is_down:
                    down[lane.index] = after
                else:
                    down.pop(lane.index, None)
                if n % every == 0:
                    kept.append(tuple(down.items()))
            self._kept = (every, kept)
        return self._kept

    def ahead(self, slug: str, at: datetime) -> tuple[ServiceStatus, ...]:
        """The service's path from `at` until it is fully available again: the stretch in
        effect at `at` if it is down, else the next down stretch, and every down stretch that
        follows without a gap. Empty when nothing is coming."""
        lane = self._lane(slug)
        index = bisect_right(lane.keys, _key(require_aware(at, "at")))
        if not lane.states[index].is_down:
            index += 1
        path = []
        while index < len(lane.states) and lane.states[index].is_down:
            path.append(lane.states[index])
            index += 1
        return tuple(path)

    def back_at(self, slug: str, at: datetime) -> datetime | None:
        """When the service is fully available again after `at` (None: it is not down at `at`)."""
        return self.service_status(slug, at).back_at

    # -- changes ----------------------------------------------------------------------------

    def next_change(self, slug: str, after: datetime) -> Change | None:
        """The first change of the service strictly after `after`, or None."""
        lane = self._lane(slug)
        index = bisect_right(lane.keys, _key(require_aware(after, "after")))
        if index >= len(lane.keys):
            return None
        return Change(_instant(lane.keys[index]), lane.states[index], lane.states[index + 1])

    def _all_events(self) -> tuple[array[int], _Refs]:
        if self._events is None:
            # Sorted a few hundred lanes at a time, then merged: one sort of every change
            # (100,000 at 5,000 services) is a single call that holds the interpreter, and
            # with it every other thread, for about 0.1 s.
            runs = [
                sorted(
                    (key, lane.index, pos)
                    for lane in self._lanes[start : start + EVENTS_RUN]
                    for pos, key in enumerate(lane.keys)
                )
                for start in range(0, len(self._lanes), EVENTS_RUN)
            ]
            keys, lanes, places = array("q"), array("I"), array("I")
            for key, index, pos in heapq.merge(*runs):
                keys.append(key)
                lanes.append(index)
                places.append(pos)
            self._events = (keys, _Refs(self._lanes, lanes, places))
        return self._events

    def next_instant(self, after: datetime) -> datetime | None:
        """The first instant strictly after `after` at which any service changes."""
        keys, _ = self._all_events()
        index = bisect_right(keys, _key(require_aware(after, "after")))
        return _instant(keys[index]) if index < len(keys) else None

    def changes(self, start: datetime, end: datetime) -> list[Change]:
        """Every change at an instant in [start, end), in time order, then catalogue order."""
        start, end = require_aware(start, "start"), require_aware(end, "end")
        if end < start:
            raise InvalidWindowError.said("window.end_before_start", field="end")
        keys, refs = self._all_events()
        lo, hi = bisect_left(keys, _key(start)), bisect_left(keys, _key(end))
        return [
            Change(_instant(keys[n]), lane.states[pos], lane.states[pos + 1])
            for n, (lane, pos) in zip(range(lo, hi), refs.span(lo, hi), strict=True)
        ]

    # -- stretches of time ------------------------------------------------------------------

    def service_timeline(self, slug: str) -> tuple[ServiceStatus, ...]:
        """The service's limited or unavailable stretches, in time order (gaps are operational)."""
        return tuple(s for s in self._lane(slug).states if s.is_down)

    def phases(self, start: datetime | None = None, end: datetime | None = None) -> list[Phase]:
        """The maximal intervals in which nothing changes and something is down, in order.

        With `start`/`end`, only the phases overlapping [start, end), clipped to it.
        """
        lo = _key(require_aware(start, "start")) if start is not None else None
        hi = _key(require_aware(end, "end")) if end is not None else None
        return list(self._phases(lo, hi))

    def _phases(self, lo: int | None, hi: int | None) -> Iterator[Phase]:
        keys, refs = self._all_events()
        down: dict[int, ServiceStatus] = {}
        n = 0
        while n < len(keys):
            left = keys[n]
            if hi is not None and left >= hi:
                return
            while n < len(keys) and keys[n] == left:
                lane, pos = refs[n]
                after = lane.states[pos + 1]
                if after.is_down:
                    down[lane.index] = after
                else:
                    down.pop(lane.index, None)
                n += 1
            # Every window ends, so `down` is empty once the last change is applied.
            if not down or (lo is not None and keys[n] <= lo):
                continue
            a = left if lo is None else max(left, lo)
            b = keys[n] if hi is None else min(keys[n], hi)
            yield Phase(_instant(a), _instant(b), tuple(down[k] for k in sorted(down)))
