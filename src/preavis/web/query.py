"""What a public request asks in its query string and headers: the moment parameters (the only
ones a page reads, in the form links and cache keys write them) and the preferred language."""

from __future__ import annotations

import re
from typing import cast
from urllib.parse import parse_qsl, urlencode

from preavis.domain.errors import ValidationError
from preavis.domain.text import Lang

MOMENT_KEYS = ("at", "when", "tz")  # the only parameters a page reads; the rest are ignored
SAFE = re.compile(r"[0-9A-Za-z:._-]*")  # what urlencode(safe="/:") leaves as it is
QUERY_MAX = 512


def moment_query(query: str) -> dict[str, str]:
    """The moment parameters (`at`, `when`, `tz`) of a query string, in that order; any other
    parameter (tracking tags, cache busters, a thousand junk fields) is ignored. Only the length
    is capped: parsing never fails, so no query can turn a page into an error."""
    if not query:
        return {}
    if len(query) > QUERY_MAX:
        raise ValidationError.said(
            "query.too_long", field="query", length=len(query), limit=QUERY_MAX
        )
    if query.startswith("at=") and "&" not in query and "%" not in query and "+" not in query:
        return {"at": query[3:]} if len(query) > 3 else {}  # the common case, parsed quickly
    found = dict(parse_qsl(query)) if query else {}
    return {key: found[key] for key in MOMENT_KEYS if found.get(key)}


def canonical(params: dict[str, str]) -> str:
    """The query string of the moment parameters, as links and cache keys write it."""
    if not params:
        return ""
    if len(params) == 1 and "at" in params and SAFE.fullmatch(params["at"]):
        return f"at={params['at']}"  # nothing to escape: what urlencode would give
    return urlencode(params, safe="/:")


def preferred_language(accept: str) -> Lang:
    """French unless the Accept-Language header prefers English."""
    best: tuple[float, Lang] = (0.0, "fr")
    for part in accept.split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for p in pieces[1:]:
            if p.strip().startswith("q="):
                try:
                    quality = float(p.strip()[2:])
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in ("fr", "en") and quality > best[0]:
            best = (quality, cast(Lang, primary))
    return best[1]
