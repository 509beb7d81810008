"""Screens on notifications (admins): subscribers (list, search, remove, export and import as
CSV) and deliveries (by status, retry the failed ones). Every change goes through the actions
of the admin API, which check the role again."""

from __future__ import annotations

from fastapi import Request, Response
from starlette.datastructures import UploadFile

from preavis.actions import notifications, subscriptions
from preavis.domain.access import Role
from preavis.domain.errors import NotFoundError, PreavisError, ValidationError
from preavis.formats.messages import say_error
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused

SUBSCRIBER_STATUSES = ("pending", "confirmed", "unsubscribed")
DELIVERY_STATUSES = ("pending", "sent", "failed", "dead")
CSV_MAX_BYTES = 2_000_000
SHOWN = 200  # deliveries listed at once


def _choice(value: str, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


async def _subscribers(ui: UI, status: int = 200, **extra: object) -> Response:
    params = ui.request.query_params
    chosen = _choice(params.get("status", ""), SUBSCRIBER_STATUSES)
    query = params.get("q", "").strip()[:200]
    rows = await call(subscriptions.list_subscribers, ui.context, status=chosen)
    if query:
        rows = [r for r in rows if query.casefold() in str(r["email"]).casefold()]
    return page(ui, "subscribers.html", status, rows=rows, chosen=chosen or "", query=query,
                statuses=SUBSCRIBER_STATUSES, **extra)  # fmt: skip


@router.get("/subscribers")
@needs(Role.ADMIN)
async def subscribers(request: Request) -> Response:
    ui = ui_of(request)
    params = request.query_params
    done = {k: params[k] for k in ("removed", "imported") if k in params}
    return await _subscribers(ui, done=done)


@router.get("/subscribers.csv")
@needs(Role.ADMIN)
async def subscribers_csv(request: Request) -> Response:
    text = await call(subscriptions.export_subscribers, ui_of(request).context)
    attachment = {"content-disposition": 'attachment; filename="subscribers.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=attachment)


@router.post("/subscribers/remove")
@needs(Role.ADMIN)
async def remove_subscriber(request: Request) -> Response:
    ui = ui_of(request)
    email = ui.field("email")
    try:
        await call(subscriptions.remove_subscriber, ui.context, email=email)
    except (ValidationError, NotFoundError) as exc:
        return await _subscribers(
            ui, 422, error=ui.t["refused"].format(message=say_error(exc, ui.lang))
        )
    except PreavisError as exc:
        return refused(ui, exc)
    return see("/admin/subscribers?removed=1")


@router.post("/subscribers/import")
@needs(Role.ADMIN)
async def import_subscribers(request: Request) -> Response:
    ui = ui_of(request)
    assert ui.form is not None
    upload = ui.form.get("file")
    raw = ui.field("csv").encode("utf-8")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(CSV_MAX_BYTES + 1)
    if len(raw) > CSV_MAX_BYTES:
        return await _subscribers(ui, 413, import_error=ui.t["csv_too_big"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return await _subscribers(ui, 422, import_error=ui.t["csv_not_utf8"])
    if not text.strip():
        return await _subscribers(ui, 422, import_error=ui.t["required"])
    assert ui.signed is not None
    try:
        count = await call(subscriptions.import_subscribers, ui.context, text=text,
                           source=f"admin UI, {ui.signed.user.email}")  # fmt: skip
    except ValidationError as exc:
        said = say_error(exc, ui.lang)
        return await _subscribers(ui, 422, import_error=ui.t["refused"].format(message=said),
                                  csv=text[:20000])  # fmt: skip
    except PreavisError as exc:
        return refused(ui, exc)
    return see(f"/admin/subscribers?imported={count}")


@router.get("/deliveries")
@needs(Role.ADMIN)
async def deliveries(request: Request) -> Response:
    ui = ui_of(request)
    chosen = _choice(request.query_params.get("status", ""), DELIVERY_STATUSES)
    rows = await call(notifications.list_deliveries, ui.context, status=chosen, limit=SHOWN)
    counts = await call(notifications.count_deliveries, ui.context)
    retried = request.query_params.get("retried", "")
    return page(ui, "deliveries.html", rows=rows, counts=counts, chosen=chosen or "",
                statuses=DELIVERY_STATUSES, shown=SHOWN,
                retried=retried if retried.isdigit() else "")  # fmt: skip


@router.post("/deliveries/retry")
@needs(Role.ADMIN)
async def retry(request: Request) -> Response:
    ui = ui_of(request)
    try:
        count = await call(notifications.retry_deliveries, ui.context,
                           dead=ui.field("dead") == "1")  # fmt: skip
    except PreavisError as exc:
        return refused(ui, exc)
    return see(f"/admin/deliveries?status=pending&retried={count}")
