"""Use cases on subscribers: subscribe (double opt-in), confirm, preferences, unsubscribe, and
the admin's list, export, import and removal. Links are signed (itsdangerous)."""

from __future__ import annotations

import csv
import io
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email
from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)

from preavis.actions.context import Context
from preavis.clock import Clock
from preavis.domain.access import Role, require
from preavis.domain.errors import NotFoundError, ValidationError
from preavis.domain.text import LANGS, Lang
from preavis.domain.zones import zone
from preavis.notify.plan import message_id
from preavis.settings import Settings
from preavis.storage import Store, Tx
from preavis.storage.outbox import sidecar

CONFIRM_HOURS = 48  # a confirmation link, and an unconfirmed request, expire after this
PER_ADDRESS_PER_HOUR = 3  # confirmation messages one address may be sent in an hour
IMPORT_MAX_ROWS = 100_000
IMPORTED = "imported by an admin"
CSV_HEADER = ("email", "language", "services")
# One key, or the keys a link is checked against, oldest first (itsdangerous signs with the
# last): see actions/keys.py, link_secrets.
Keyring = str | list[str]


@dataclass(frozen=True, slots=True)
class Request:
    """What someone asked for: language, scope and zone (None: each maintenance's own)."""

    lang: Lang
    services: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    timezone: str | None = None

    def data(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "services": list(self.services),
            "groups": list(self.groups),
            "timezone": self.timezone,
        }


def signing_secret(settings: Settings) -> str:
    """PREAVIS_SECRET_KEY, or (SQLite only) a random key kept in a 0600 file beside the
    database, created on first use; PostgreSQL installations must set the key."""
    if settings.secret_key:
        return settings.secret_key
    path = sidecar(settings.database_url, ".secret")
    if path is None:
        raise ValidationError.said("settings.secret_key", field="secret_key")
    if not path.exists():
        # Written whole to a private temporary file, then linked into place: a process starting
        # at the same moment sees either no key or the whole key, never an empty file, and the
        # first link wins for both.
        fresh = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(fresh, path)
        except FileExistsError:
            pass
        finally:
            fresh.unlink()
    return path.read_text("ascii").strip()


def normalise_email(raw: str, field: str = "email") -> str:
    """The address as stored: syntax checked (no DNS lookup), the domain in lowercase."""
    if not isinstance(raw, str) or len(raw) > 320:
        raise ValidationError.said("email.invalid", field=field)
    try:
        found = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError.said("email.refused", field=field, why=str(exc)) from exc
    return f"{found.local_part}@{found.domain.casefold()}"


def check_request(tx: Tx, request: Request) -> Request:
    """Refuse unknown languages, services, groups and zones, naming the field."""
    if request.lang not in LANGS:
        raise ValidationError.said("subscription.language", field="language")
    known = {s.slug for s in tx.services() if not s.retired}
    for slug in request.services:
        if slug not in known:
            raise ValidationError.said("subscription.unknown_service", field="services", slug=slug)
    groups = {g.slug for g in tx.groups()}
    for slug in request.groups:
        if slug not in groups:
            raise ValidationError.said("subscription.unknown_group", field="groups", slug=slug)
    if request.timezone:
        zone(request.timezone)
    return Request(
        request.lang,
        tuple(dict.fromkeys(request.services)),
        tuple(dict.fromkeys(request.groups)),
        request.timezone or None,
    )


# -- signed links ----------------------------------------------------------------------------


def _timed(secret: Keyring, clock: Clock) -> URLSafeTimedSerializer:
    """Confirmation links carry their signing time, read from our clock (not the system's)."""

    class ClockSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(clock.now().timestamp())

    return URLSafeTimedSerializer(secret, salt="preavis-confirm", signer=ClockSigner)


def confirm_token(
    secret: str, clock: Clock, subscriber_id: int, manage_key: str, data: dict[str, Any]
) -> str:
    payload = {"id": subscriber_id, "k": manage_key, **data}
    return str(_timed(secret, clock).dumps(payload))


def manage_token(secret: Keyring, subscriber_id: int, manage_key: str) -> str:
    """Opens the preferences page and unsubscribes; never expires (it sits in old mail), and
    stops working once the subscriber is removed (their key goes with them)."""
    return str(URLSafeSerializer(secret, salt="preavis-manage").dumps([subscriber_id, manage_key]))


def _bad_link() -> NotFoundError:
    return NotFoundError.said("subscription.bad_link")


def _by_manage_token(tx: Tx, secret: Keyring, token: str) -> dict[str, Any]:
    try:
        ident, key = URLSafeSerializer(secret, salt="preavis-manage").loads(token)
    except (BadSignature, ValueError, TypeError) as exc:
        raise _bad_link() from exc
    row = tx.subscriber(ident=int(ident))
    if not row or not secrets.compare_digest(row["manage_key"], str(key)):
        raise _bad_link()
    return row


# -- the public's verbs ----------------------------------------------------------------------

PER_CLIENT = 10  # subscribe requests per client address …
PER_CLIENT_WINDOW = timedelta(hours=1)  # … in this window, counted in the database


def allow_client(store: Store, clock: Clock, client: str) -> bool:
    """Whether this client address may ask for one more subscription now (and count it).
    Kept in the database, so the limit holds across every web node and restart."""
    key = f"subscribe:client:{client}"[:400]
    with store.transaction() as tx:
        return tx.throttle([(key, PER_CLIENT)], clock.now(), PER_CLIENT_WINDOW)


def subscribe(
    store: Store,
    clock: Clock,
    *,
    email: str,
    request: Request,
    how: str,
    source: str,
) -> None:
    """Ask for a confirmation message. The caller answers the same whatever happens here
    (known address or not, rate-limited or not): nothing tells who is subscribed."""
    address = normalise_email(email)
    now = clock.now()
    with store.transaction() as tx:
        request = check_request(tx, request)
        tx.purge_unconfirmed(now - timedelta(hours=CONFIRM_HOURS))
        row = tx.subscriber(email=address)
        if not row:
            ident = tx.insert_subscriber(
                {
                    "email": address, "lang": request.lang, "timezone": request.timezone,
                    "services": " ".join(request.services), "groups": " ".join(request.groups),
                    "status": "pending", "manage_key": secrets.token_hex(16), "consent_at": now,
                    "consent_how": how, "consent_source": source[:200], "confirmed_at": None,
                    "unsubscribed_at": None, "created_at": now, "updated_at": now,
                }
            )  # fmt: skip
        else:
            ident = row["id"]
            subject = f"subscriber:{ident}"
            since = now - timedelta(hours=1)
            if tx.events_since(subject, "confirmation", since) >= PER_ADDRESS_PER_HOUR:
                return  # someone is flooding this mailbox: say nothing, send nothing
            if row["status"] != "confirmed":
                tx.update_subscriber(
                    ident,
                    {"status": "pending", "consent_at": now, "consent_how": how,
                     "consent_source": source[:200], "updated_at": now},
                )  # fmt: skip
        _queue_confirmation(tx, ident, request, now)


def _queue_confirmation(tx: Tx, ident: int, request: Request, now: datetime) -> None:
    """A confirmation message in the outbox, carrying what was asked for (applied on confirm)."""
    key = f"subscriber:{ident}:confirmation:{secrets.token_hex(8)}"
    event = tx.insert_event(
        key=key, kind="confirmation", subject=f"subscriber:{ident}", revision=0, offset=0,
        before=None, after=None, data=request.data(), at=now,
    )  # fmt: skip
    tx.insert_deliveries(event, [(ident, message_id(key, ident))], now)


def confirm(store: Store, clock: Clock, *, secret: Keyring, token: str) -> str:
    """Confirm a subscription with the link's token; returns the manage token."""
    try:
        payload = _timed(secret, clock).loads(token, max_age=CONFIRM_HOURS * 3600)
    except SignatureExpired as exc:
        raise NotFoundError.said("subscription.link_expired") from exc
    except BadSignature as exc:
        raise _bad_link() from exc
    now = clock.now()
    with store.transaction() as tx:
        row = tx.subscriber(ident=int(payload["id"]))
        if not row or not secrets.compare_digest(row["manage_key"], str(payload["k"])):
            raise _bad_link()
        request = check_request(
            tx,
            Request(
                payload["lang"],
                tuple(payload["services"]),
                tuple(payload["groups"]),
                payload["timezone"],
            ),
        )
        tx.update_subscriber(
            row["id"],
            {
                **_scope_values(request),
                "status": "confirmed",
                "confirmed_at": now,
                "unsubscribed_at": None,
                "updated_at": now,
            },
        )
    return manage_token(secret, row["id"], row["manage_key"])


def _scope_values(request: Request) -> dict[str, Any]:
    return {
        "lang": request.lang,
        "timezone": request.timezone,
        "services": " ".join(request.services),
        "groups": " ".join(request.groups),
    }


def subscription(store: Store, *, secret: Keyring, token: str) -> dict[str, Any]:
    """The subscription a manage link opens (its address, language, scope, zone, status)."""
    with store.reading() as tx:
        row = _by_manage_token(tx, secret, token)
    return {k: row[k] for k in ("email", "lang", "timezone", "services", "groups", "status")}


def change_preferences(
    store: Store, clock: Clock, *, secret: Keyring, token: str, request: Request
) -> None:
    with store.transaction() as tx:
        row = _by_manage_token(tx, secret, token)
        request = check_request(tx, request)
        tx.update_subscriber(row["id"], {**_scope_values(request), "updated_at": clock.now()})


def unsubscribe(store: Store, clock: Clock, *, secret: Keyring, token: str) -> None:
    """At once: the status changes and nothing unsent goes out."""
    now = clock.now()
    with store.transaction() as tx:
        row = _by_manage_token(tx, secret, token)
        if row["status"] != "unsubscribed":
            tx.update_subscriber(
                row["id"], {"status": "unsubscribed", "unsubscribed_at": now, "updated_at": now}
            )
        tx.drop_unsent(row["id"])


# -- the admin's verbs -----------------------------------------------------------------------


def list_subscribers(ctx: Context, *, status: str | None = None) -> list[dict[str, Any]]:
    require(ctx.actor, Role.ADMIN, "listing subscribers")
    with ctx.store.reading() as tx:
        rows = tx.list_subscribers(status)
    keep = (
        "email", "lang", "timezone", "services", "groups", "status", "consent_at", "consent_how",
        "consent_source", "confirmed_at", "unsubscribed_at",
    )  # fmt: skip
    return [{k: r[k] for k in keep} for r in rows]


def export_subscribers(ctx: Context) -> str:
    """Confirmed subscribers as CSV (`email,language,services`), as `import` reads it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in list_subscribers(ctx, status="confirmed"):
        writer.writerow((row["email"], row["lang"], row["services"]))
    return out.getvalue()


def import_subscribers(ctx: Context, *, text: str, source: str) -> int:
    """Import `email,language,services` rows as confirmed subscribers (consent "imported by an
    admin"); one transaction: a bad row refuses the whole file, naming its line."""
    require(ctx.actor, Role.ADMIN, "importing subscribers")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != CSV_HEADER:
        raise ValidationError.said("csv.header", field="header")
    now = ctx.clock.now()
    count = 0
    with ctx.store.transaction() as tx:
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != 3:
                raise ValidationError.said("csv.columns", line=line, count=len(row))
            if line > IMPORT_MAX_ROWS + 1:
                raise ValidationError.said("csv.too_many_rows", limit=IMPORT_MAX_ROWS)
            try:
                address = normalise_email(row[0], "email")
                request = check_request(
                    tx,
                    Request(row[1].strip().lower(), tuple(row[2].split())),  # type: ignore[arg-type]
                )
            except ValidationError as exc:
                raise ValidationError.said(
                    "csv.line", field=exc.field, line=line, error=exc
                ) from exc
            if address in seen:
                raise ValidationError.said("csv.twice", field="email", line=line, address=address)
            seen.add(address)
            values = {
                **_scope_values(request), "status": "confirmed", "consent_at": now,
                "consent_how": IMPORTED, "consent_source": source[:200], "confirmed_at": now,
                "unsubscribed_at": None, "updated_at": now,
            }  # fmt: skip
            found = tx.subscriber(email=address)
            if found and found["status"] == "unsubscribed":
                # Their opt-out stands (CASL): only the person can subscribe again.
                raise ValidationError.said(
                    "csv.unsubscribed", field="email", line=line, address=address
                )
            if found:
                tx.update_subscriber(found["id"], values)
            else:
                tx.insert_subscriber(
                    {**values, "email": address, "manage_key": secrets.token_hex(16),
                     "created_at": now}
                )  # fmt: skip
            count += 1
    return count


def remove_subscriber(ctx: Context, *, email: str) -> None:
    """Forget an address altogether (its deliveries too)."""
    require(ctx.actor, Role.ADMIN, "removing a subscriber")
    address = normalise_email(email)
    with ctx.store.transaction() as tx:
        row = tx.subscriber(email=address)
        if not row:
            raise NotFoundError.said("subscription.none", address=address)
        tx.delete_subscriber(row["id"])
