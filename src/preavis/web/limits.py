"""A pure ASGI guard on request bodies: at most MAX_BODY_BYTES, refused with 413 in the
project's error shape.

A body whose Content-Length is over the limit is refused before anything runs, except on the
admin API and the web admin's screens, where the caller's role is checked first (AdminRoute and
AdminUIRoute read no body before it): a viewer or a caller without a token gets 403/401
whatever the body says of its size, and a screen of the web admin says the refusal as a page in
its person's language (never this JSON). The web admin's import takes a notice file up to the
reader's own limit (5 MB), so its limit is that and room for the form's other fields. Every body
is also counted as it is read (chunked bodies have no Content-Length): past the limit, reading
raises an HTTPException(413), which the application's error mapping answers."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 2 * 1024 * 1024  # a notice or a schedule file fits; anything larger is refused
AUTHORIZED_FIRST = ("/api/v1/admin/", "/admin/")
# Bodies that may be larger: the web admin's notice upload (notices/limits.NOTICE_MAX_BYTES,
# 5 MB, and 1 MB for the rest of the form; the screen refuses a larger file in its own words).
WIDER = {"/admin/import": 6 * 1024 * 1024}


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = 0
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit():
                declared = int(value)
        limit = WIDER.get(scope["path"], self.limit)
        if declared > limit and not scope["path"].startswith(AUTHORIZED_FIRST):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            if declared > limit:  # an authorized admin caller reading what is too large
                raise HTTPException(413, f"request body over {limit} bytes")
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"request body over {limit} bytes")
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, send: Send) -> None:
        payload = json.dumps(
            {
                "error": {
                    "code": "payload_too_large",
                    "message": f"request body over {self.limit} bytes",
                    "details": None,
                }
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
