"""Webhooks (Standard Webhooks signatures, sent with httpx) and team channels (Apprise URLs):
the payloads, the checks on targets, the sealing of their secrets at rest, and the senders.

A target that resolves to a private, loopback, link-local or otherwise non-public address is
refused, when it is set up and again as each connection is made, unless the operator allows it
(PREAVIS_WEBHOOK_ALLOW_PRIVATE=1): the name is then resolved once and the connection goes to
an address that was checked (pinning.py), so a name pointed elsewhere in between is not
followed (DNS rebinding).
"""

from __future__ import annotations

import base64
import json
import secrets
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from standardwebhooks.webhooks import Webhook

from preavis.domain.errors import ValidationError
from preavis.domain.interruption import Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import LANGS, Lang
from preavis.notify import pinning, plan
from preavis.notify.senders import Outcome, Result

HTTP_TIMEOUT = 10.0  # seconds for one webhook request, connection included
URL_MAX = 2000
# Apprise schemes that post to an address the admin names (the others go to a chat service's
# own public API): their host is checked like a webhook's.
GENERIC_SCHEMES = {"json", "jsons", "form", "forms", "xml", "xmls"}


# -- secrets at rest -------------------------------------------------------------------------


class Vault:
    """Seals secrets (webhook signing secrets, Apprise URLs) with a key derived from the site's
    secret key (HKDF-SHA256, its own purpose string): never stored in clear. While the key is
    being changed, what the previous key sealed still opens; new values use the current key."""

    def __init__(self, secret_key: str, *older: str | None) -> None:
        keys = dict.fromkeys(k for k in (secret_key, *older) if k)  # the first one seals
        self._fernet = MultiFernet([Fernet(_derive(k)) for k in keys])

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode("ascii")

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode()
        except InvalidToken as exc:
            raise ValidationError.said("hook.secret_unreadable", field="secret_key") from exc


def _derive(secret_key: str) -> bytes:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"preavis endpoint secrets v1"
    ).derive(secret_key.encode())
    return base64.urlsafe_b64encode(key)


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


# -- targets ---------------------------------------------------------------------------------

Resolver = pinning.Resolver
resolve = pinning.resolve


def check_host(
    host: str,
    port: int,
    *,
    allow_private: bool,
    field: str,
    resolver: Resolver = resolve,
    public: pinning.Public = pinning.public,
) -> None:
    """Every address `host` resolves to must be public (unless allowed); ValidationError."""
    if not allow_private:
        pinning.checked(host, port, field=field, resolver=resolver, allowed=public)


def check_webhook_url(
    url: str,
    *,
    allow_private: bool,
    resolver: Resolver = resolve,
    public: pinning.Public = pinning.public,
) -> tuple[str, int]:
    """An http(s) URL with a host whose addresses are all public; returns (host, port)."""
    if not isinstance(url, str) or not url or len(url) > URL_MAX:
        raise ValidationError.said("url.length", field="url", limit=URL_MAX)
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError.said("hook.url", field="url", url=url)
    if parts.username or parts.password:
        raise ValidationError.said("hook.credentials", field="url")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ValidationError.said("hook.port", field="url", url=url) from exc
    import httpx  # noqa: PLC0415 - see check_channel_url

    try:
        httpx.URL(url)  # what it will be sent with must read it too (not 0177.0.0.1)
    except httpx.InvalidURL as exc:
        raise ValidationError.said("hook.url", field="url", url=url) from exc
    check_host(
        parts.hostname, port, allow_private=allow_private, field="url", resolver=resolver,
        public=public,
    )  # fmt: skip
    return parts.hostname, port


def check_channel_url(
    url: str,
    *,
    allow_private: bool,
    resolver: Resolver = resolve,
    public: pinning.Public = pinning.public,
) -> str:
    """An Apprise URL Apprise understands; generic targets (json://, form://, xml://) must be
    public hosts like webhooks. Returns the URL as shown in lists (its secrets hidden)."""
    if not isinstance(url, str) or not url or len(url) > URL_MAX:
        raise ValidationError.said("url.length", field="url", limit=URL_MAX)
    import apprise  # noqa: PLC0415 - Apprise and httpx (9 MB) only where a hook is checked or sent

    server = apprise.Apprise.instantiate(url)
    if server is None:
        raise ValidationError.said("channel.unknown", field="url")
    scheme = url.split("://", 1)[0].lower()
    if scheme in GENERIC_SCHEMES:
        parts = urlsplit(url)
        if not parts.hostname:
            raise ValidationError.said("channel.no_host", field="url")
        try:
            port = parts.port or (443 if scheme.endswith("s") else 80)
        except ValueError as exc:
            raise ValidationError.said("channel.port", field="url") from exc
        check_host(
            parts.hostname, port, allow_private=allow_private, field="url", resolver=resolver,
            public=public,
        )  # fmt: skip
    return redact(url)


def redact(url: str) -> str:
    """Enough of a channel URL to recognise it, none of its secrets: the scheme, the host of
    a generic target, and the last four characters."""
    scheme, _, rest = url.partition("://")
    host = ""
    if scheme.lower() in GENERIC_SCHEMES:
        host = (urlsplit(url).hostname or "") + (
            f":{urlsplit(url).port}" if urlsplit(url).port else ""
        )
    tail = rest[-4:] if len(rest) > 12 else ""
    return f"{scheme}://{host}…{tail}" if host else f"{scheme}://…{tail}"


# -- payloads --------------------------------------------------------------------------------


def rfc3339(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def event_type(kind: plan.Kind) -> str:
    return f"maintenance.{kind.value}"


def _interruption(
    i: Interruption, m: Maintenance, catalogue: Mapping[str, Service], wording: plan.Wording
) -> dict[str, Any]:
    found = catalogue.get(i.service)
    return {
        "key": i.key,
        "service": i.service,
        "service_name": {lang: (found.name.get(lang) if found else i.service) for lang in LANGS},
        "impact": i.impact.value,
        "impact_label": {lang: wording.impact(i.impact, lang) for lang in LANGS},
        "starts_at": rfc3339(i.starts_at),
        "ends_at": rfc3339(i.ends_at),
        "when": {lang: wording.window(i.starts_at, i.ends_at, m.zone, lang) for lang in LANGS},
        "description": {lang: i.description.get(lang) for lang in LANGS},
    }


def payload(
    event: plan.Event,
    scope: plan.Scope,
    lang: Lang,
    catalogue: Mapping[str, Service],
    wording: plan.Wording,
    *,
    public_url: str,
    at: datetime,
) -> dict[str, Any]:
    """The JSON a webhook receives: the event type, the maintenance, the interruptions in the
    endpoint's scope (both languages, RFC 3339 times, UTC), what changed for an update, and
    the message in the endpoint's language."""
    m = event.maintenance
    shown = event.before if event.kind is plan.Kind.CANCELLED and event.before else m
    base = public_url.rstrip("/")
    subject, intro, body = plan.lines(event, lang, None, scope, catalogue, wording)
    data: dict[str, Any] = {
        "event": {"key": event.key, "kind": event.kind.value, "revision": event.revision},
        "maintenance": {
            "slug": m.slug,
            "state": m.state.value,
            "title": {x: m.title.get(x) for x in LANGS},
            "summary": {x: m.summary.get(x) for x in LANGS},
            "timezone": m.timezone,
            "starts_at": rfc3339(m.window[0]) if m.window else None,
            "ends_at": rfc3339(m.window[1]) if m.window else None,
            "url": {x: f"{base}/{x}/maintenances/{m.slug}" for x in LANGS},
        },
        "interruptions": [
            _interruption(i, shown, catalogue, wording)
            for i in plan.visible(shown, scope, catalogue)
        ],
        "language": lang,
        "message": {"subject": subject, "text": "\n".join([*intro, *body])},
    }
    if event.kind is plan.Kind.REMINDER:
        data["event"]["minutes_before"] = event.offset
    if event.kind is plan.Kind.UPDATED:
        data["changes"] = [
            {
                "change": c.kind.value,
                "service": c.service,
                "before": _interruption(c.before, m, catalogue, wording) if c.before else None,
                "after": _interruption(c.after, m, catalogue, wording) if c.after else None,
            }
            for c in event.changes
            if scope.covers(c.service, catalogue)
        ]
    return {"type": event_type(event.kind), "timestamp": rfc3339(at), "data": data}


# -- senders ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HookSettings:
    allow_private: bool = False
    resolver: Resolver = resolve
    timeout: float = HTTP_TIMEOUT
    public: pinning.Public = pinning.public  # which addresses count as public (tests widen it)
    verify: ssl.SSLContext | bool = True  # certificates trusted (tests: a self-signed one)

    def check(self, field: str = "url") -> pinning.Check | None:
        """What a connection to a target must pass: every address of its host public,
        resolved once, the connection made to one of them; None when private is allowed."""
        if self.allow_private:
            return None

        def addresses(host: str, port: int) -> list[str]:
            return pinning.checked(
                host, port, field=field, resolver=self.resolver, allowed=self.public
            )

        return addresses


def send_webhook(
    url: str,
    secret: str,
    message_id: str,
    body: dict[str, Any],
    settings: HookSettings,
    *,
    stamp: datetime,
) -> Result:
    """POST `body`, signed (webhook-id, webhook-timestamp, webhook-signature) at `stamp`, the
    wall clock's time (receivers compare it with theirs). 2xx: sent; 410 Gone: refused for
    good; anything else, or no answer: retry later. The host is resolved once, as the
    connection is made, and the connection goes to an address that was checked."""
    try:
        check_webhook_url(url, allow_private=True)  # its form; its addresses as it connects
    except ValidationError as exc:
        return Result(Outcome.PERMANENT, f"target refused: {exc}")
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    headers = {
        "content-type": "application/json",
        "user-agent": "Preavis-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(stamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, stamp, data),
    }
    import httpx  # noqa: PLC0415 - see check_channel_url

    try:
        with pinning.client(
            settings.check(), timeout=settings.timeout, verify=settings.verify
        ) as c:
            response = c.post(url, content=data.encode("utf-8"), headers=headers)
    except ValidationError as exc:  # an address of the host is not public
        return Result(Outcome.PERMANENT, f"target refused: {exc}")
    except httpx.HTTPError as exc:
        return Result(Outcome.TEMPORARY, f"cannot reach {url}: {type(exc).__name__}: {exc}")
    if 200 <= response.status_code < 300:
        return Result(Outcome.SENT)
    error = f"HTTP {response.status_code} from {url}"
    if response.status_code == 410:  # Gone: the receiver asks us to stop
        return Result(Outcome.PERMANENT, error)
    return Result(Outcome.TEMPORARY, error)


def send_channel(url: str, title: str, body: str, settings: HookSettings) -> Result:
    """Through Apprise; its own retries aside, a failure is retried later like a webhook's.
    Every name Apprise resolves while it sends gives only checked addresses (the target's,
    a redirect's, a chat service's), so it connects to nothing private unless allowed."""
    try:
        check_channel_url(url, allow_private=True)  # its form; its addresses as it connects
    except ValidationError as exc:
        return Result(Outcome.PERMANENT, f"target refused: {exc}")
    import apprise  # noqa: PLC0415 - see check_channel_url

    asset = apprise.AppriseAsset()
    if hasattr(asset, "http_redirects"):  # Apprise 2: redirects not followed, as for webhooks
        asset.http_redirects = False
    sender = apprise.Apprise(asset=asset)
    sender.add(url)
    with pinning.resolving_only_checked(settings.check()) as refused:
        try:
            ok = sender.notify(title=title, body=body)
        except Exception as exc:  # a plugin's own failure must not stop the worker
            return Result(Outcome.TEMPORARY, f"{redact(url)}: {type(exc).__name__}: {exc}")
    if refused:
        return Result(Outcome.PERMANENT, f"target refused: {refused[0]}")
    if ok:
        return Result(Outcome.SENT)
    return Result(Outcome.TEMPORARY, f"{redact(url)}: the channel did not accept the message")
