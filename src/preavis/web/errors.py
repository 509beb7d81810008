"""Errors to HTTP: one status table and one JSON shape, {"error": {code, message, details}}."""

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
                details: Any = None
                if isinstance(exc, ScheduleError):
                    details = [
                        {"line": p.line, "field": p.field, "message": p.message}
                        for p in exc.problems
                    ]
                elif isinstance(exc, ValidationError) and exc.field:
                    details = [{"field": exc.field, "message": exc.message}]
                return respond(status, code, str(exc), details)
        return respond(400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"field": "", "message": "invalid request"}
        return respond(422, "invalid", f"{first['field']}: {first['message']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
        return respond(exc.status_code, codes.get(exc.status_code, "error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return respond(500, "internal", "an unexpected error occurred; it has been logged")
