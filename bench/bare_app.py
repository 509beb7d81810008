"""The baseline for the web benchmark: a bare ASGI app answering fixed bytes per path.

It reads {path: [content_type, body_hex, encoding, headers]} from the file named by
BARE_RESPONSES, so it serves exactly the body Préavis served, under the same server, with
nothing else to do. It sends the content type, length and encoding only; with
BARE_SAME_HEADERS=1 it sends every header Préavis sent instead (ETag, caching, security
headers…: uvicorn checks each one, about 0.6 µs apiece), so the whole response is the same.
"""

from __future__ import annotations

import json
import os
from typing import Any

SAME = os.environ.get("BARE_SAME_HEADERS") == "1"
RESPONSES: dict[str, tuple[bytes, list[tuple[bytes, bytes]]]] = {}
with open(os.environ["BARE_RESPONSES"], encoding="utf-8") as handle:
    for path, (kind, hexed, encoding, sent) in json.load(handle).items():
        body = bytes.fromhex(hexed)
        headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode())]
        if encoding:
            headers.append((b"content-encoding", encoding.encode()))
        if SAME and sent:
            headers = [(name.encode(), value.encode()) for name, value in sent]
        RESPONSES[path] = (body, headers)
NOT_FOUND = (b"not found", [(b"content-type", b"text/plain"), (b"content-length", b"9")])


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    body, headers = RESPONSES.get(scope["path"], NOT_FOUND)
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
