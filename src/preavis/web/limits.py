"""A pure ASGI guard on request bodies: at most MAX_BODY_BYTES, refused with 413 in the
project's error shape.

A body whose Content-Length is over the limit is refused before anything runs, except on the
admin API, where the caller's role is checked first (AdminRoute reads no body before it): a
viewer or a caller without a token gets 403/401 whatever the body says of its size. Every body
is also counted as it is read (chunked bodies have no Content-Length): past the limit, reading
raises an HTTPException(413), which the application's error mapping answers."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 2 * 1024 * 1024  # a notice or a schedule file fits; anything larger is refused
AUTHORIZED_FIRST = "/api/v1/admin/"


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
        if declared > self.limit and not scope["path"].startswith(AUTHORIZED_FIRST):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            if declared > self.limit:  # an authorized admin caller reading what is too large
                raise HTTPException(413, f"request body over {self.limit} bytes")
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, f"request body over {self.limit} bytes")
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
