"""The screen of webhooks and team channels (admins, as the admin API): list them with their
state (disabled and why, "needs its secret again" after a restore without the key), add one,
enable, disable, delete (confirmed on a second page), give a webhook a new signing secret or a
channel its Apprise URL again. A webhook's secret is shown once, on the page answering the
form (never in a URL, never cached); a channel's URL holds secrets and is only ever shown
shortened (scheme and host), as the CLI and the API do. Every change goes through the actions
(src/preavis/actions/endpoints.py), which check the role again."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response

from preavis.actions import endpoints
from preavis.actions.endpoints import Keys
from preavis.domain.access import Role
from preavis.domain.errors import NotFoundError, PreavisError, ValidationError
from preavis.formats.messages import say_error
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused

KINDS = ("webhook", "channel")
DONE = ("added", "enabled", "disabled", "deleted", "renewed")
FIELDS = ("url", "lang", "services")


def _keys(ui: UI) -> Keys:
    return Keys.from_settings(ui.request.app.state.settings)


def _ident(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 19 else None


async def _counts(ui: UI) -> dict[int, dict[str, int]]:
    """Status counts of each endpoint's last deliveries (one query, at most 1,000 rows)."""
    rows = await call(endpoints.list_endpoint_deliveries, ui.context, limit=1000)
    found: dict[int, dict[str, int]] = {}
    for row in rows:
        ident = row.get("endpoint")
        if isinstance(ident, int):
            each = found.setdefault(ident, {})
            each[str(row.get("status"))] = each.get(str(row.get("status")), 0) + 1
    return found


async def _screen(ui: UI, status: int = 200, **extra: Any) -> Response:
    rows = await call(endpoints.list_endpoints, ui.context)
    done = ui.request.query_params.get("done", "")
    values: dict[str, Any] = {"rows": rows, "counts": await _counts(ui),
                              "done": done if done in DONE else "", "errors": {}, "typed": {},
                              "kind": "webhook"}  # fmt: skip
    values.update(extra)
    return page(ui, "webhooks.html", status, **values)


def _said(ui: UI, exc: PreavisError) -> str:
    return say_error(exc, ui.lang)


def _field_of(exc: ValidationError, allowed: tuple[str, ...]) -> str:
    field = (exc.field or "url").split(".")[0]
    return field if field in allowed else "url"


@router.get("/webhooks")
@needs(Role.ADMIN)
async def webhooks(request: Request) -> Response:
    return await _screen(ui_of(request))


def _secret_page(ui: UI, row: dict[str, Any], renewed: bool) -> Response:
    response = page(ui, "webhook_secret.html", 200, row=row, renewed=renewed)
    response.headers["cache-control"] = "no-store"
    response.headers["pragma"] = "no-cache"
    return response


@router.post("/webhooks/add")
@needs(Role.ADMIN)
async def add(request: Request) -> Response:
    ui = ui_of(request)
    kind = ui.field("kind")
    typed = {name: ui.field(name).strip() for name in FIELDS}
    if kind not in KINDS:
        kind = "webhook"
    services = typed["services"].replace(",", " ").split()
    try:
        row = await call(endpoints.add_endpoint, ui.context, _keys(ui), kind=kind,
                         url=typed["url"], lang=typed["lang"] or ui.lang,
                         services=services)  # fmt: skip
    except ValidationError as exc:
        errors = {_field_of(exc, FIELDS): _said(ui, exc)}
        return await _screen(ui, 422, errors=errors, typed=typed, kind=kind)
    except PreavisError as exc:
        return refused(ui, exc)
    if kind == "webhook":
        return _secret_page(ui, row, renewed=False)
    return see("/admin/webhooks?done=added")


async def _one(ui: UI, text: str) -> dict[str, Any] | None:
    ident = _ident(text)
    if ident is None:
        return None
    rows = await call(endpoints.list_endpoints, ui.context)
    return next((r for r in rows if r["id"] == ident), None)


def _gone(ui: UI, text: str) -> Response:
    return refused(ui, NotFoundError.said("endpoint.none", kind="endpoint", ident=text))


@router.post("/webhooks/{ident}/enable")
@needs(Role.ADMIN)
async def enable(request: Request, ident: str) -> Response:
    return await _change(ui_of(request), ident, endpoints.enable_endpoint, "enabled")


@router.post("/webhooks/{ident}/disable")
@needs(Role.ADMIN)
async def disable(request: Request, ident: str) -> Response:
    return await _change(ui_of(request), ident, endpoints.disable_endpoint, "disabled")


async def _change(ui: UI, text: str, action: Any, done: str) -> Response:
    number = _ident(text)
    if number is None:
        return _gone(ui, text)
    try:
        await call(action, ui.context, number)
    except ValidationError as exc:
        return await _screen(ui, 422, error=ui.t["refused"].format(message=_said(ui, exc)))
    except PreavisError as exc:
        return refused(ui, exc)
    return see(f"/admin/webhooks?done={done}")


@router.get("/webhooks/{ident}/delete")
@needs(Role.ADMIN)
async def confirm_delete(request: Request, ident: str) -> Response:
    ui = ui_of(request)
    row = await _one(ui, ident)
    if row is None:
        return _gone(ui, ident)
    return page(ui, "webhook_delete.html", row=row)


@router.post("/webhooks/{ident}/delete")
@needs(Role.ADMIN)
async def delete(request: Request, ident: str) -> Response:
    ui = ui_of(request)
    return await _change(ui, ident, endpoints.remove_endpoint, "deleted")


@router.post("/webhooks/{ident}/secret")
@needs(Role.ADMIN)
async def renew(request: Request, ident: str) -> Response:
    """A webhook: a new signing secret, shown once. A channel: its Apprise URL given again."""
    ui = ui_of(request)
    row = await _one(ui, ident)
    if row is None:
        return _gone(ui, ident)
    url = ui.field("url").strip()
    try:
        if row["kind"] == "webhook":
            renewed = await call(endpoints.renew_endpoint_secret, ui.context, _keys(ui),
                                 row["id"], "webhook")  # fmt: skip
            return _secret_page(ui, renewed, renewed=True)
        await call(endpoints.renew_endpoint_secret, ui.context, _keys(ui), row["id"],
                   "channel", url=url)  # fmt: skip
    except ValidationError as exc:
        errors = {f"url-{row['id']}": _said(ui, exc)}
        return await _screen(ui, 422, errors=errors, typed={f"url-{row['id']}": url})
    except PreavisError as exc:
        return refused(ui, exc)
    return see("/admin/webhooks?done=renewed")
