"""Admin API for notifications: subscribers (list, export, import, remove) and the deliveries
outbox (list, retry). Same bearer tokens as the rest of the admin API; admins only, checked
before the body is read (AdminRoute); the actions check again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status

from preavis.actions import notifications, subscriptions
from preavis.domain.errors import ValidationError
from preavis.web.admin import ERRORS, Admin, AdminRoute

router = APIRouter(prefix="/api/v1/admin", tags=["admin: notifications"], route_class=AdminRoute)
STATUSES = ("pending", "sent", "failed", "dead")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


@router.get("/subscribers", responses=ERRORS)
def list_subscribers(ctx: Admin, status: str | None = None) -> list[dict[str, Any]]:
    """Subscribers with their consent record (when, how, from where, confirmed when)."""
    if status is not None and status not in ("pending", "confirmed", "unsubscribed"):
        raise ValidationError.said(
            "api.status", field="status", allowed="pending, confirmed or unsubscribed"
        )
    return [_plain(r) for r in subscriptions.list_subscribers(ctx, status=status)]


CSV_RESPONSE: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}
}


@router.get("/subscribers.csv", response_class=Response, responses={**ERRORS, **CSV_RESPONSE})
def export_subscribers(ctx: Admin) -> Response:
    """Confirmed subscribers as CSV: email,language,services."""
    return Response(subscriptions.export_subscribers(ctx), media_type="text/csv; charset=utf-8")


@router.post("/subscribers/import", responses=ERRORS)
async def import_subscribers(ctx: Admin, request: Request) -> dict[str, int]:
    """Body: CSV with the header email,language,services. Imported subscribers count as
    confirmed, their consent recorded as "imported by an admin"."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError.said("csv.not_utf8", field="body") from exc
    count = subscriptions.import_subscribers(ctx, text=text, source=f"admin API, {ctx.actor.name}")
    return {"imported": count}


@router.delete("/subscribers/{email}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def remove_subscriber(ctx: Admin, email: str) -> Response:
    subscriptions.remove_subscriber(ctx, email=email)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/deliveries", responses=ERRORS)
def list_deliveries(
    ctx: Admin, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Deliveries (the outbox), e.g. ?status=failed or ?status=dead."""
    if status is not None and status not in STATUSES:
        raise ValidationError.said("api.status_one_of", field="status", allowed=", ".join(STATUSES))
    if not 1 <= limit <= 1000:
        raise ValidationError.said("api.limit", field="limit", low=1, high=1000)
    return [_plain(r) for r in notifications.list_deliveries(ctx, status=status, limit=limit)]


@router.post("/deliveries/retry", responses=ERRORS)
def retry_deliveries(ctx: Admin, dead: bool = True) -> dict[str, int]:
    """Failed (and, unless ?dead=false, dead) deliveries are due again now."""
    return {"retried": notifications.retry_deliveries(ctx, dead=dead)}
