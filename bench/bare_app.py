"""The baseline for the web benchmark: a bare ASGI app answering fixed bytes per path.

It reads {path: [content_type, body_hex]} from the file named by BARE_RESPONSES, so it serves
exactly the bytes Préavis served, under the same server, with nothing else to do.
"""

from __future__ import annotations

import json
import os
from typing import Any

with open(os.environ["BARE_RESPONSES"], encoding="utf-8") as handle:
    RESPONSES = {
        path: (kind.encode(), bytes.fromhex(body), encoding.encode())
        for path, (kind, body, encoding) in json.load(handle).items()
    }


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    kind, body, encoding = RESPONSES.get(scope["path"], (b"text/plain", b"not found", b""))
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if encoding:
        headers.append((b"content-encoding", encoding))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
