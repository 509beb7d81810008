"""Webhook endpoints and team channels (admins set them up), and reminder offsets per
maintenance: the use cases. Secrets are sealed before they are stored; a webhook's signing
secret is returned once, at creation, and never shown again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from preavis.actions.context import Context
from preavis.actions.keys import needs_secret, vault_of
from preavis.domain.access import Role, require
from preavis.domain.errors import NotFoundError, ValidationError
from preavis.domain.text import LANGS
from preavis.notify import hooks, plan
from preavis.settings import Settings
from preavis.storage import Tx

KINDS = ("webhook", "channel")
SHOWN = (
    "id", "kind", "url", "lang", "services", "groups", "enabled", "failures", "disabled_at",
    "disabled_reason", "created_at", "needs_secret",
)  # fmt: skip
MAX_OFFSETS = 10
MAX_OFFSET_MINUTES = 60 * 24 * 60  # sixty days


@dataclass(frozen=True, slots=True)
class Keys:
    """What setting up and sending to endpoints needs from the settings."""

    vault: hooks.Vault
    hooks: hooks.HookSettings

    @classmethod
    def from_settings(cls, settings: Settings) -> Keys:
        return cls(
            vault=vault_of(settings),
            hooks=hooks.HookSettings(allow_private=settings.webhook_allow_private),
        )


def _check_scope(tx: Tx, services: Sequence[str], groups: Sequence[str]) -> tuple[str, str]:
    known = {s.slug for s in tx.services()}
    for slug in services:
        if slug not in known:
            raise ValidationError.said("subscription.unknown_service", field="services", slug=slug)
    known_groups = {g.slug for g in tx.groups()}
    for slug in groups:
        if slug not in known_groups:
            raise ValidationError.said("subscription.unknown_group", field="groups", slug=slug)
    return " ".join(dict.fromkeys(services)), " ".join(dict.fromkeys(groups))


def _public(row: dict[str, Any]) -> dict[str, Any]:
    found = {**row, "url": row["shown"]}
    found["services"] = row["services"].split()
    found["groups"] = row["groups"].split()
    found["enabled"] = bool(row["enabled"])
    found["needs_secret"] = needs_secret(row)
    return {k: found[k] for k in SHOWN}


def add_endpoint(
    ctx: Context,
    keys: Keys,
    *,
    kind: str,
    url: str,
    lang: str,
    services: Sequence[str] = (),
    groups: Sequence[str] = (),
) -> dict[str, Any]:
    """A new endpoint; for a webhook, the result holds its signing secret (shown this once)."""
    require(ctx.actor, Role.ADMIN, "adding a webhook or channel")
    if kind not in KINDS:
        raise ValidationError.said("endpoint.kind", field="kind", value=str(kind))
    if lang not in LANGS:
        raise ValidationError.said("endpoint.lang", field="lang", value=str(lang))
    secret = ""
    if kind == "webhook":
        hooks.check_webhook_url(url, allow_private=keys.hooks.allow_private)
        secret = hooks.new_webhook_secret()
        shown, sealed = url, keys.vault.seal(secret)
    else:
        shown = hooks.check_channel_url(url, allow_private=keys.hooks.allow_private)
        sealed = keys.vault.seal(url)
    with ctx.store.transaction() as tx:
        services_text, groups_text = _check_scope(tx, services, groups)
        ident = tx.insert_endpoint(
            {
                "kind": kind, "shown": shown, "sealed": sealed, "lang": lang,
                "services": services_text, "groups": groups_text, "enabled": True,
                "failures": 0, "disabled_at": None, "disabled_reason": "",
                "created_at": ctx.clock.now(),
            }
        )  # fmt: skip
        row = tx.endpoint(ident)
    found = _public(row)
    if secret:
        found["secret"] = secret
    return found


def list_endpoints(ctx: Context, kind: str | None = None) -> list[dict[str, Any]]:
    require(ctx.actor, Role.ADMIN, "listing webhooks and channels")
    with ctx.store.reading() as tx:
        return [_public(r) for r in tx.list_endpoints(kind)]


ID_MAX = 2**63 - 1  # the largest id either engine stores; a larger one names nothing


def _existing(tx: Tx, ident: int, kind: str | None) -> dict[str, Any]:
    row = tx.endpoint(ident) if 1 <= ident <= ID_MAX else None
    if not row or (kind is not None and row["kind"] != kind):
        raise NotFoundError.said("endpoint.none", kind=kind or "endpoint", ident=ident)
    return row


def remove_endpoint(ctx: Context, ident: int, kind: str | None = None) -> None:
    require(ctx.actor, Role.ADMIN, "removing a webhook or channel")
    with ctx.store.transaction() as tx:
        _existing(tx, ident, kind)
        tx.delete_endpoint(ident)


def enable_endpoint(ctx: Context, ident: int, kind: str | None = None) -> int:
    """Enable again an endpoint that was disabled; what it missed is due again now. Returns
    how many deliveries that is."""
    require(ctx.actor, Role.ADMIN, "enabling a webhook or channel")
    with ctx.store.transaction() as tx:
        row = _existing(tx, ident, kind)
        if needs_secret(row):  # restored without the key: enabled by a new secret only
            raise ValidationError.said("endpoint.needs_secret", kind=row["kind"], ident=ident)
        tx.set_endpoint(
            ident, {"enabled": True, "failures": 0, "disabled_at": None, "disabled_reason": ""}
        )
        return tx.retry_endpoint_deliveries(("failed", "dead"), ctx.clock.now(), ident)


def renew_endpoint_secret(
    ctx: Context, keys: Keys, ident: int, kind: str, *, url: str | None = None
) -> dict[str, Any]:
    """Give an endpoint a new secret and enable it: a webhook gets a new signing secret (in the
    result, shown this once; its receiver must be given it), a channel its Apprise URL again
    (`url`). How an endpoint restored without the site's key (NEEDS_SECRET) sends again; what
    it missed meanwhile is due again now."""
    require(ctx.actor, Role.ADMIN, "giving a webhook or channel a new secret")
    secret = ""
    if kind == "webhook":
        secret = hooks.new_webhook_secret()
        values = {"sealed": keys.vault.seal(secret)}
    else:
        if not url:
            raise ValidationError.said("endpoint.url_needed", field="url")
        shown = hooks.check_channel_url(url, allow_private=keys.hooks.allow_private)
        values = {"shown": shown, "sealed": keys.vault.seal(url)}
    with ctx.store.transaction() as tx:
        _existing(tx, ident, kind)
        tx.set_endpoint(
            ident,
            {**values, "enabled": True, "failures": 0, "disabled_at": None, "disabled_reason": ""},
        )
        tx.retry_endpoint_deliveries(("failed", "dead"), ctx.clock.now(), ident)
        found = _public(tx.endpoint(ident))
    if secret:
        found["secret"] = secret
    return found


def disable_endpoint(ctx: Context, ident: int, kind: str | None = None) -> None:
    require(ctx.actor, Role.ADMIN, "disabling a webhook or channel")
    with ctx.store.transaction() as tx:
        _existing(tx, ident, kind)
        tx.set_endpoint(
            ident,
            {
                "enabled": False,
                "disabled_at": ctx.clock.now(),
                "disabled_reason": f"disabled by {ctx.actor.name}",
            },
        )


def list_endpoint_deliveries(
    ctx: Context, *, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    require(ctx.actor, Role.ADMIN, "listing deliveries")
    with ctx.store.reading() as tx:
        return tx.list_endpoint_deliveries(status, limit)


# -- reminder offsets ------------------------------------------------------------------------


def parse_offset(text: str, field: str = "reminders") -> int:
    """ "24h", "90m", "2d" or a number of minutes -> minutes."""
    raw = str(text).strip().lower().replace(" ", "")
    units = {"m": 1, "min": 1, "h": 60, "d": 1440, "j": 1440}
    for unit in sorted(units, key=len, reverse=True):
        if raw.endswith(unit) and raw[: -len(unit)].isdigit():
            return int(raw[: -len(unit)]) * units[unit]
    if raw.isdigit():
        return int(raw)
    raise ValidationError.said("reminder.delay", field=field, name=field, value=str(text))


def check_offsets(minutes: Sequence[int], field: str = "reminders") -> tuple[int, ...]:
    if len(minutes) > MAX_OFFSETS:
        raise ValidationError.said("reminder.too_many", field=field, name=field, limit=MAX_OFFSETS)
    for value in minutes:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError.said(
                "reminder.not_minutes", field=field, name=field, value=str(value)
            )
        if not 1 <= value <= MAX_OFFSET_MINUTES:
            raise ValidationError.said(
                "reminder.range", field=field, name=field, value=value, limit=MAX_OFFSET_MINUTES
            )
    return tuple(sorted(set(minutes), reverse=True))


def reminder_offsets(ctx: Context, slug: str) -> dict[str, Any]:
    require(ctx.actor, Role.VIEWER, "reading reminders")
    with ctx.store.reading() as tx:
        if tx.maintenance(slug) is None:
            raise NotFoundError.said("reminder.no_maintenance", slug=slug)
        stored = tx.reminder_offsets().get(slug)
    return {
        "slug": slug,
        "minutes": list(stored if stored is not None else plan.REMINDER_OFFSETS),
        "default": stored is None,
    }


def set_reminder_offsets(ctx: Context, slug: str, minutes: Sequence[int] | None) -> dict[str, Any]:
    """Minutes before the start at which subscribers are reminded; None: the default (24 h
    and 1 h); an empty list: no reminders."""
    require(ctx.actor, Role.PUBLISHER, "setting reminders")
    offsets = None if minutes is None else check_offsets(minutes)
    with ctx.store.transaction() as tx:
        if tx.maintenance(slug) is None:
            raise NotFoundError.said("reminder.no_maintenance", slug=slug)
        tx.set_reminder_offsets(slug, offsets, ctx.clock.now())
    return reminder_offsets(ctx, slug)
