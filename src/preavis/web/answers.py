"""Answers kept whole: the headers and body of a view just sent, so that the same request
made again while nothing it holds can change is answered by one dictionary lookup, without
routing, cache checks or the headers being written again.

A kept answer holds what the front sent for a GET without a query string: its key is the path
and whether the client takes gzip; a view whose links hold the request's origin (feeds,
calendars, the Statuspage facade) also keeps that origin, and is only answered again for it.
It is good until `until`: the data's next check (once a second) or, sooner, 30 seconds before
the next change instant (past it, `Cache-Control: max-age` counts down to the change). Past
that, the request takes the front's whole path, which keeps the answer again. An answer shares
its bytes with the caches it was taken from, but may keep them after those let them go: the
table holds at most LIMIT answers and BYTES bytes of bodies, on top of `PREAVIS_CACHE_MB`
(past either, those past their time go, then if need be all).

A page of another moment (`?at=` alone, in the form links write) is the page of the moment's
phase, the same bytes for every moment of it (see phases.py): its answer is kept by path and
phase number, counted in one version's change instants (`counted`), and found by reading the
moment (`quick_moment`) and looking its phase up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from preavis.domain.errors import PreavisError
from preavis.domain.zones import parse_instant

Headers = list[tuple[bytes, bytes]]

LIMIT = 1024  # answers kept (the paths of a site without a query string, both encodings)
BYTES = 16 * 1024 * 1024  # bodies kept (they are the caches' own bytes, shared)
LARGEST = 256 * 1024  # a bigger body is not kept here
NOW = -1  # the phase number of an answer without a query string
# A query that is only a moment, as links write it: an RFC 3339 instant with a Z or a negative
# offset ("+" would be a space in a query, written %2B: those take the front's whole path).
QUICK = re.compile(
    rb"at=\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:Z|-(?:[01]\d|2[0-3]):[0-5]\d)", re.ASCII
)


@dataclass(frozen=True, slots=True)
class Answer:
    headers: Headers  # of the 200
    unchanged: Headers  # of a 304 (the same, but what says what the body is)
    etag: bytes
    body: bytes
    until: datetime
    origin: str | None  # the origin its links hold, for the views that hold one


class Answers:
    """The kept answers, by path, phase number (NOW without a query string) and gzip."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, int, bool], Answer] = {}
        self._bytes = 0
        self.counted: object | None = None  # the version whose change instants number phases

    def get(self, path: str, gz: bool) -> Answer | None:
        """The answer to a GET of `path` without a query string."""
        return self._kept.get((path, NOW, gz))

    def phase(self, path: str, number: int, gz: bool) -> Answer | None:
        """The answer for any moment of phase `number` (counted in `counted`'s instants)."""
        return self._kept.get((path, number, gz))

    def keep(self, path: str, gz: bool, answer: Answer, now: datetime) -> None:
        self._keep((path, NOW, gz), answer, now)

    def keep_phase(
        self, path: str, number: int, gz: bool, answer: Answer, version: object, now: datetime
    ) -> None:
        if version is not self.counted:  # numbers counted in other instants: those answers go
            self._kept = {key: a for key, a in self._kept.items() if key[1] == NOW}
            self._bytes = sum(len(a.body) for a in self._kept.values())
            self.counted = version
        self._keep((path, number, gz), answer, now)

    def _keep(self, key: tuple[str, int, bool], answer: Answer, now: datetime) -> None:
        size = len(answer.body)
        if size > LARGEST:
            return
        if len(self._kept) >= LIMIT or self._bytes + size > BYTES:
            # Those past their time go (most are: each is good for a second at most); if the
            # others still fill the table, it starts afresh.
            live = {k: a for k, a in self._kept.items() if a.until > now}
            self._kept, self._bytes = live, sum(len(a.body) for a in live.values())
            if len(live) >= LIMIT or self._bytes + size > BYTES:
                self._kept, self._bytes = {}, 0
        old = self._kept.get(key)
        if old is not None:
            self._bytes -= len(old.body)
        self._kept[key] = answer
        self._bytes += size

    def __len__(self) -> int:
        return len(self._kept)


def quick_moment(query: bytes) -> datetime | None:
    """The moment of a query that is only `at=` and an instant in the form links write (the
    instant the front reads from it); None for any other query."""
    if len(query) > 40 or QUICK.fullmatch(query) is None:
        return None
    try:
        return parse_instant(query[3:].decode("ascii"), None, "at")
    except PreavisError:  # February 30, the year 2500: the front's whole path says why
        return None


def matches(header: bytes, etag: bytes) -> bool:
    """If-None-Match: "*" or a list of (possibly weak) tags."""
    if header.strip() == b"*":
        return True
    return etag in [t.strip().removeprefix(b"W/") for t in header.split(b",")]
