"""Admin API for notifications: subscribers (list, export, import, remove), the deliveries
outbox (list, retry), webhooks and team channels, reminder offsets per maintenance. Same
bearer tokens as the rest of the admin API; the role is checked before the body is read
(AdminRoute: admins, publishers for reminders); the actions check again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from preavis.actions import endpoints, notifications, subscriptions
from preavis.actions.endpoints import Keys
from preavis.domain.errors import ValidationError
from preavis.web.admin import ERRORS, Admin, AdminRoute, Publisher, Viewer

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


def _check_listing(status: str | None, limit: int) -> None:
    """The query of a deliveries list: a known status, at most 1,000 rows."""
    if status is not None and status not in STATUSES:
        raise ValidationError.said("api.status_one_of", field="status", allowed=", ".join(STATUSES))
    if not 1 <= limit <= 1000:
        raise ValidationError.said("api.limit", field="limit", low=1, high=1000)


@router.get("/deliveries", responses=ERRORS)
def list_deliveries(
    ctx: Admin, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Deliveries (the outbox), e.g. ?status=failed or ?status=dead."""
    _check_listing(status, limit)
    return [_plain(r) for r in notifications.list_deliveries(ctx, status=status, limit=limit)]


@router.post("/deliveries/retry", responses=ERRORS)
def retry_deliveries(ctx: Admin, dead: bool = True) -> dict[str, int]:
    """Failed (and, unless ?dead=false, dead) deliveries are due again now."""
    return {"retried": notifications.retry_deliveries(ctx, dead=dead)}


# -- webhooks and team channels --------------------------------------------------------------


class EndpointIn(BaseModel):
    """A webhook URL (https://…) or an Apprise URL for a channel; scope and language."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2000)
    lang: str = Field(default="fr", pattern="^(fr|en)$")
    services: list[str] = Field(default_factory=list, max_length=500)
    groups: list[str] = Field(default_factory=list, max_length=100)


def _keys(request: Request) -> Keys:
    return Keys.from_settings(request.app.state.settings)


def _add_endpoint(ctx: Any, request: Request, kind: str, body: EndpointIn) -> dict[str, Any]:
    row = endpoints.add_endpoint(
        ctx, _keys(request), kind=kind, url=body.url, lang=body.lang,
        services=body.services, groups=body.groups,
    )  # fmt: skip
    return _plain(row)


@router.post("/webhooks", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def add_webhook(ctx: Admin, request: Request, body: EndpointIn) -> dict[str, Any]:
    """A webhook endpoint. The answer holds its signing secret (`secret`), shown this once."""
    return _add_endpoint(ctx, request, "webhook", body)


@router.post("/channels", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def add_channel(ctx: Admin, request: Request, body: EndpointIn) -> dict[str, Any]:
    """A team channel through an Apprise URL (kept encrypted, never shown in full again)."""
    return _add_endpoint(ctx, request, "channel", body)


@router.get("/webhooks", responses=ERRORS)
def list_webhooks(ctx: Admin) -> list[dict[str, Any]]:
    """Webhook endpoints; `enabled` false with `disabled_reason` for one that kept failing;
    `needs_secret` true for one restored without the site's key (POST …/secret)."""
    return [_plain(r) for r in endpoints.list_endpoints(ctx, "webhook")]


@router.get("/channels", responses=ERRORS)
def list_channels(ctx: Admin) -> list[dict[str, Any]]:
    """Team channels (URLs shortened: they hold secrets)."""
    return [_plain(r) for r in endpoints.list_endpoints(ctx, "channel")]


@router.delete("/webhooks/{ident}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def remove_webhook(ctx: Admin, ident: int) -> Response:
    endpoints.remove_endpoint(ctx, ident, "webhook")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/channels/{ident}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def remove_channel(ctx: Admin, ident: int) -> Response:
    endpoints.remove_endpoint(ctx, ident, "channel")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/webhooks/{ident}/enable", responses=ERRORS)
def enable_webhook(ctx: Admin, ident: int) -> dict[str, int]:
    """Enable again; what it missed is due again now."""
    return {"retried": endpoints.enable_endpoint(ctx, ident, "webhook")}


@router.post("/channels/{ident}/enable", responses=ERRORS)
def enable_channel(ctx: Admin, ident: int) -> dict[str, int]:
    return {"retried": endpoints.enable_endpoint(ctx, ident, "channel")}


class ChannelUrlIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2000)


@router.post("/webhooks/{ident}/secret", responses=ERRORS)
def renew_webhook_secret(ctx: Admin, request: Request, ident: int) -> dict[str, Any]:
    """A new signing secret (`secret`, shown this once) and the webhook enabled: how one
    restored without the site's key (`needs_secret` true) sends again."""
    return _plain(endpoints.renew_endpoint_secret(ctx, _keys(request), ident, "webhook"))


@router.put("/channels/{ident}/url", responses=ERRORS)
def renew_channel_url(
    ctx: Admin, request: Request, ident: int, body: ChannelUrlIn
) -> dict[str, Any]:
    """The channel's Apprise URL given again (kept encrypted) and the channel enabled: how one
    restored without the site's key (`needs_secret` true) sends again."""
    row = endpoints.renew_endpoint_secret(ctx, _keys(request), ident, "channel", url=body.url)
    return _plain(row)


@router.post("/webhooks/{ident}/disable", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def disable_webhook(ctx: Admin, ident: int) -> Response:
    endpoints.disable_endpoint(ctx, ident, "webhook")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/channels/{ident}/disable", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def disable_channel(ctx: Admin, ident: int) -> Response:
    endpoints.disable_endpoint(ctx, ident, "channel")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/endpoint-deliveries", responses=ERRORS)
def list_endpoint_deliveries(
    ctx: Admin, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Deliveries to webhooks and channels, e.g. ?status=failed."""
    _check_listing(status, limit)
    return [_plain(r) for r in endpoints.list_endpoint_deliveries(ctx, status=status, limit=limit)]


# -- reminder offsets ------------------------------------------------------------------------


class RemindersIn(BaseModel):
    """Minutes before the start (e.g. [1440, 60]); [] for none; null for the default."""

    model_config = ConfigDict(extra="forbid")
    minutes: list[int] | None = Field(max_length=10)


@router.get("/maintenances/{slug}/reminders", responses=ERRORS)
def get_reminders(ctx: Viewer, slug: str) -> dict[str, Any]:
    """When subscribers are reminded before this maintenance starts (minutes)."""
    return endpoints.reminder_offsets(ctx, slug)


@router.put("/maintenances/{slug}/reminders", responses=ERRORS)
def put_reminders(ctx: Publisher, slug: str, body: RemindersIn) -> dict[str, Any]:
    """Set the reminders (minutes before the start, 1 to 86,400 each, at most 10)."""
    return endpoints.set_reminder_offsets(ctx, slug, body.minutes)
