"""Rendered bytes: one response body with its media type, strong ETag and gzip twin."""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

GZIP_FROM = 1024  # bytes; smaller bodies are sent as they are
# A bigger body (a feed, calendar or JSON document; not a page) is kept compressed only once
# cached: summary.json and calendar.ics of 5,000 services are some 20 MB each, 1 MB gzipped.
SLIM_FROM = 1024 * 1024
PIECE = 256 * 1024  # a body kept compressed only is inflated and sent in pieces of this size


# Where each mark goes, as runs of places with equal steps: (mark, first place, count, step).
# A home page's rows put the moment every third piece, so a page of thousands of rows has a
# few runs, each filled by one slice assignment.
Places = tuple[tuple[int, int, int, int], ...]


def places(where: list[int], codes: bytes | bytearray) -> Places:
    """The runs of each mark's places, from each place's mark."""
    found: dict[int, list[int]] = {}
    for place, code in zip(where, codes, strict=True):
        found.setdefault(code, []).append(place)
    out: list[tuple[int, int, int, int]] = []
    for code, unsorted in found.items():
        at = sorted(unsorted)
        n = 0
        while n < len(at):
            first = at[n]
            step = at[n + 1] - first if n + 1 < len(at) else 1
            count = 1
            while n + count < len(at) and at[n + count] - at[n + count - 1] == step:
                count += 1
            out.append((code, first, count, step))
            n += count
    return tuple(out)


def spread(marked: Places) -> list[tuple[int, int]]:
    """Each (mark, place) the runs stand for."""
    return [
        (code, place)
        for code, first, count, step in marked
        for place in range(first, first + count * step, step)
    ]


@dataclass(frozen=True, slots=True)
class Rendered:
    body: bytes
    media_type: str
    etag: str
    max_age: int
    status: int = 200
    gzipped: bytes | None = None  # compressed once, for clients that accept gzip
    immutable: bool = False  # the same URL always gives these bytes (a versioned asset)
    # A masked page (never sent as it is, see Site.fill): the pieces its bytes are joined
    # from, and for each mark (an index in Site's MARK_ORDER) the places among them that the
    # moment fills; `kept` is what it holds in memory beside its body.
    marks: tuple[tuple[bytes, ...], Places] | None = None
    kept: int = 0
    size: int | None = None  # the body's length when only `gzipped` is kept (see `slim`)

    @classmethod
    def of(
        cls,
        body: bytes,
        media_type: str,
        max_age: int,
        status: int = 200,
        *,
        immutable: bool = False,
        compress: bool = True,
    ) -> Rendered:
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        big = compress and len(body) > GZIP_FROM
        packed = gzip.compress(body, compresslevel=6, mtime=0) if big else None
        return cls(body, media_type, f'"{digest}"', max_age, status, packed, immutable)

    @classmethod
    def streamed(cls, pieces: Iterable[bytes], media_type: str, max_age: int) -> Rendered:
        """`of(b"".join(pieces), ...).slim()`, byte for byte, without the whole body ever held
        in memory: each piece is hashed and compressed as it comes (a 20 MB document was held
        three times over, as text, bytes and both with its compressed copy, +80-100 MB), and
        no single call holds the interpreter for the whole document (a worker's event loop
        waits for every such call of a rebuild thread). The body is kept while it is under
        SLIM_FROM, as `slim` would keep it."""
        digest = hashlib.blake2b(digest_size=12)
        deflate = zlib.compressobj(6, zlib.DEFLATED, 31)  # as gzip.compress(mtime=0) does
        packed: list[bytes] = []
        kept: list[bytes] | None = []
        size = 0
        for piece in pieces:
            digest.update(piece)
            packed.append(deflate.compress(piece))
            size += len(piece)
            if kept is not None:
                kept.append(piece)
                if size >= SLIM_FROM:
                    kept = None  # kept compressed only (see `slim`)
        packed.append(deflate.flush())
        etag = f'"{digest.hexdigest()}"'
        if kept is None:
            return cls(b"", media_type, etag, max_age, 200, b"".join(packed), size=size)
        body = b"".join(kept)
        gzipped = b"".join(packed) if size > GZIP_FROM else None
        return cls(body, media_type, etag, max_age, 200, gzipped)

    def slim(self) -> Rendered:
        """The same response keeping only its compressed twin when the body is big and not a
        page (a page's first bytes are read at every response); `pieces` inflates it again."""
        if (
            self.size is not None
            or self.gzipped is None
            or self.marks is not None
            or self.media_type == HTML
            or len(self.body) < SLIM_FROM
        ):
            return self
        return replace(self, body=b"", size=len(self.body))

    @property
    def length(self) -> int:
        """The body's length, kept or not."""
        return len(self.body) if self.size is None else self.size

    def pieces(self) -> Iterator[bytes]:
        """The body, in pieces of at most PIECE bytes when it is kept compressed only."""
        if self.size is None or self.gzipped is None:
            yield self.body
            return
        inflate = zlib.decompressobj(wbits=31)  # a gzip stream
        data = self.gzipped
        while not inflate.eof:
            piece = inflate.decompress(data, PIECE)
            data = inflate.unconsumed_tail
            if piece:
                yield piece
            elif not data:
                break
        if rest := inflate.flush():
            yield rest

    def plain(self) -> bytes:
        """The whole body (inflated when it is kept compressed only)."""
        return self.body if self.size is None else b"".join(self.pieces())


HTML = "text/html; charset=utf-8"
JSON = "application/json"
ICS = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
CSS = "text/css; charset=utf-8"
SVG_TYPE = "image/svg+xml"
STYLESHEET = "/static/site.css"  # linked as ?v=<digest>, so clients keep it for a year
SCRIPT = "/static/filter.js"  # the same, for the services filter
JS = "text/javascript; charset=utf-8"


JSON_DEPTH = 4  # containers this deep are written one member at a time (see json_pieces)
JSON_PIECE = 64 * 1024  # characters per piece handed on


def json_pieces(payload: Any) -> Iterator[bytes]:
    """`json.dumps(payload, ensure_ascii=False, separators=(",", ":"))` in UTF-8, byte for
    byte, in pieces of about JSON_PIECE: the outer containers member by member, what is deeper
    (a component, a small object) whole; an iterator as the list of its items, each made
    only as it is written. One call for a 20 MB summary.json held the interpreter
    for 0.2 s, and with it the event loop of the worker (see Rendered.streamed)."""
    buffered: list[str] = []
    size = 0
    for text in _json_parts(payload, 0):
        buffered.append(text)
        size += len(text)
        if size >= JSON_PIECE:
            yield "".join(buffered).encode("utf-8")
            buffered, size = [], 0
    if buffered:
        yield "".join(buffered).encode("utf-8")


def _json_parts(value: Any, depth: int) -> Iterator[str]:
    if depth < JSON_DEPTH and value and isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            yield _dumps(value)
            return
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield f"{',' if n else ''}{_dumps(key)}:"
            yield from _json_parts(item, depth + 1)
        yield "}"
    elif isinstance(value, Iterator) or (
        depth < JSON_DEPTH and value and isinstance(value, list | tuple)
    ):  # an iterator (items made as they are written) at any depth, as a list
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ","
            yield from _json_parts(item, depth + 1)
        yield "]"
    else:
        yield _dumps(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
