"""Errors to HTTP: one status table and one JSON shape, {"error": {code, message, details}}.

Messages are English by default; `?lang=fr` or an `Accept-Language` that prefers French gets
them in French (the catalogue of formats/messages.py), in the same shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from preavis.domain.errors import (
    AuthenticationError,
    ConflictError,
    InputError,
    NotFoundError,
    NoticeError,
    PermissionDeniedError,
    PreavisError,
    ScheduleError,
    StaleRevisionError,
    StorageUnavailableError,
    ValidationError,
)
from preavis.domain.text import Lang
from preavis.formats.messages import say_error, say_problem

# Most specific first: StaleRevisionError is a ConflictError, but means 412.
STATUS: list[tuple[type[PreavisError], int, str]] = [
    (AuthenticationError, 401, "unauthorized"),
    (PermissionDeniedError, 403, "forbidden"),
    (NotFoundError, 404, "not_found"),
    (StaleRevisionError, 412, "precondition_failed"),
    (ConflictError, 409, "conflict"),
    (ValidationError, 422, "invalid"),
    (NoticeError, 422, "invalid_notice"),
    (StorageUnavailableError, 503, "unavailable"),
    (InputError, 503, "unavailable"),
]
# Refusals raised by Starlette and FastAPI themselves, before our code runs.
HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}
NOT_JSON = "the request body is not valid JSON in UTF-8"
# Every (status, code) the API answers with; docs/admin-api.md lists each (a test checks).
CODES: set[tuple[int, str]] = (
    {(status, code) for _, status, code in STATUS}
    | set(HTTP_CODES.items())
    | {(400, "bad_request"), (500, "internal")}
)


def request_lang(request: Request) -> Lang:
    """The language of an API answer: `?lang=`, else the Accept-Language header's preference
    between French and English, else English."""
    asked = request.query_params.get("lang", "").strip().lower()
    if asked in ("fr", "en"):
        return "fr" if asked == "fr" else "en"
    best: tuple[float, Lang] = (0.0, "en")
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        if rest.strip().startswith("q="):
            try:
                quality = float(rest.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("fr", "en") and quality > best[0]:
            best = (quality, "fr" if primary == "fr" else "en")
    return best[1]


def body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def respond(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body(code, message, details), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(PreavisError)
    async def domain_error(request: Request, exc: PreavisError) -> JSONResponse:
        for kind, status, code in STATUS:
            if isinstance(exc, kind):
                lang = request_lang(request)
                details: Any = None
                if isinstance(exc, ScheduleError):
                    details = [
                        {"line": p.line, "field": p.field, "message": say_problem(p, lang)}
                        for p in exc.problems
                    ]
                elif isinstance(exc, ValidationError) and exc.field:
                    details = [{"field": exc.field, "message": say_error(exc, lang)}]
                return respond(status, code, say_error(exc, lang), details)
        return respond(400, "bad_request", say_error(exc, request_lang(request)))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        broken = next((e for e in exc.errors() if e.get("type") == "json_invalid"), None)
        if broken is not None:  # not JSON at all: a bad request, not invalid data
            where = broken.get("ctx", {}).get("error", "")
            position = broken.get("loc", ("body", ""))[-1]
            return respond(400, "bad_request", f"{NOT_JSON} ({where} at character {position})")
        details = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"field": "", "message": "invalid request"}
        return respond(422, "invalid", f"{first['field']}: {first['message']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        code = HTTP_CODES.get(status, "internal" if status >= 500 else "bad_request")
        if status == 400 and exc.detail == "There was an error parsing the body":
            return respond(400, "bad_request", NOT_JSON)  # bytes that are not UTF-8, say
        return respond(status, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return respond(500, "internal", "an unexpected error occurred; it has been logged")
