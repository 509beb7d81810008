"""Rendered bytes: one response body with its media type, strong ETag and gzip twin."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

GZIP_FROM = 1024  # bytes; smaller bodies are sent as they are


Places = tuple[tuple[int, tuple[int, ...]], ...]  # (mark, where it goes) for each mark


def places(where: list[int], codes: bytes | bytearray) -> Places:
    """The places of each mark, from each place's mark."""
    found: dict[int, list[int]] = {}
    for place, code in zip(where, codes, strict=True):
        found.setdefault(code, []).append(place)
    return tuple((code, tuple(at)) for code, at in found.items())


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


HTML = "text/html; charset=utf-8"
JSON = "application/json"
ICS = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
CSS = "text/css; charset=utf-8"
SVG_TYPE = "image/svg+xml"
STYLESHEET = "/static/site.css"  # linked as ?v=<digest>, so clients keep it for a year
SCRIPT = "/static/filter.js"  # the same, for the services filter
JS = "text/javascript; charset=utf-8"
