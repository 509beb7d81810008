"""Use cases on access: bearer tokens, shown once and stored only as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from preavis.actions.context import Context, record
from preavis.domain.access import Actor, Role, require
from preavis.domain.errors import AuthenticationError, ConflictError, NotFoundError
from preavis.domain.revision import FieldChange
from preavis.domain.service import check_slug
from preavis.storage import Store

TOKEN_PREFIX = "pvs_"
TOKEN_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What is kept of a token: never the secret itself."""

    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None


def digest(token: str) -> str:
    """SHA-256 of a token. Tokens are 256 random bits, so a fast hash is safe: there is
    nothing to guess, and lookups by digest stay one indexed query."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(ctx: Context, *, name: str, role: Role) -> str:
    """A new token for `name`; the returned secret is shown once and never stored."""
    require(ctx.actor, Role.ADMIN, "creating a token")
    check_slug(name, "name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with ctx.store.transaction() as tx:
        if any(row["name"] == name for row in tx.tokens()):
            raise ConflictError.said("token.exists", name=name)
        tx.insert_token(name, role.value, digest(secret), ctx.clock.now())
        changes = (FieldChange("role", None, role.value),)
        record(ctx, tx, f"token:{name}", 1, changes, "created")
    return secret


def revoke_token(ctx: Context, *, name: str, reason: str = "") -> None:
    require(ctx.actor, Role.ADMIN, "revoking a token")
    with ctx.store.transaction() as tx:
        if not tx.revoke_token(name, ctx.clock.now()):
            raise NotFoundError.said("token.none", name=name)
        number = tx.last_revision_number(f"token:{name}") + 1
        changes = (FieldChange("revoked", False, True),)
        record(ctx, tx, f"token:{name}", number, changes, reason or "revoked")


def list_tokens(ctx: Context) -> list[TokenInfo]:
    require(ctx.actor, Role.ADMIN, "listing tokens")
    with ctx.store.reading() as tx:
        return [
            TokenInfo(r["name"], Role(r["role"]), r["created_at"], r["revoked_at"])
            for r in tx.tokens()
        ]


def authenticate(store: Store, token: str | None) -> Actor:
    """The actor a bearer token stands for; AuthenticationError when missing, unknown or revoked."""
    if not token:
        raise AuthenticationError.said("token.required")
    if len(token) > TOKEN_MAX_CHARS or not token.startswith(TOKEN_PREFIX):
        raise AuthenticationError.said("token.invalid")
    with store.reading() as tx:
        row = tx.token_by_digest(digest(token))
    # The digest lookup already compared the secret; no timing leak about its prefix remains.
    if row is None or row["revoked_at"] is not None:
        raise AuthenticationError.said("token.invalid")
    return Actor(f"token:{row['name']}", Role(row["role"]))
