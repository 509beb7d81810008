"""Use cases on people: accounts, passwords set through one-time links, sign-in with
throttling, and server-side sessions. Secrets (session ids, links) are stored as digests only;
passwords as argon2id hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from preavis.actions.context import Context, record
from preavis.clock import Clock
from preavis.domain.access import Actor, Role, require
from preavis.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    ValidationError,
)
from preavis.domain.messages import english
from preavis.domain.revision import FieldChange, Revision
from preavis.domain.text import check_text
from preavis.storage import Store, Tx

SESSION_IDLE = timedelta(hours=2)  # signed out after this long without a request
SESSION_ABSOLUTE = timedelta(hours=12)  # and after this long whatever happens
SESSION_TOUCH = timedelta(minutes=1)  # seen_at is written at most this often
LINK_LIFETIME = timedelta(hours=72)
LINK_HOURS = int(LINK_LIFETIME.total_seconds() // 3600)  # as said to people
THROTTLE_WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5  # failed sign-ins to one account within the window before it is paused
ADDRESS_FAILURES = 20  # failed sign-ins from one client address within the window
PASSWORD_MIN = 10
PASSWORD_MAX = 1024  # argon2 hashes anything; a cap keeps a huge body from costing more
EMAIL_MAX = 254
NAME_MAX = 100
SECRET_MAX = 200
LINK_PREFIX = "pvl_"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()
# Verified against when the account is unknown, so that the answer takes as long either way:
# a hash of no password, in the hasher's own parameters (hashing one at import cost 0.35 s and
# 64 MB at every start of the command line and of each server worker).
_DUMMY_HASH = (
    f"$argon2id$v=19$m={_hasher.memory_cost},t={_hasher.time_cost},p={_hasher.parallelism}$"
    + base64.b64encode(secrets.token_bytes(_hasher.salt_len)).decode().rstrip("=")
    + "$"
    + base64.b64encode(secrets.token_bytes(_hasher.hash_len)).decode().rstrip("=")
)


class TooManyAttemptsError(AuthenticationError):
    """Sign-in paused for an account or a client address after repeated failures."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    @classmethod
    def later(cls, seconds: int) -> TooManyAttemptsError:
        """Paused for `seconds`: the message says it in whole minutes (rounded up)."""
        params = {"count": (seconds + 59) // 60}
        exc = cls(english("sign_in.throttled", params), retry_after=seconds)
        exc.code, exc.params = "sign_in.throttled", params
        return exc


@dataclass(frozen=True, slots=True)
class UserInfo:
    """What is shown of a person: never the password hash."""

    email: str
    name: str
    role: Role
    created_at: datetime
    disabled_at: datetime | None
    has_password: bool

    @property
    def actor(self) -> Actor:
        """The name the history records for this person's changes."""
        return Actor(f"{self.name} <{self.email}>" if self.name else self.email, self.role)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session: who, and the CSRF token bound to it."""

    user: UserInfo
    csrf: str


def digest(secret: str) -> str:
    """SHA-256 of a 256-bit random secret: nothing to guess, one indexed lookup."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def csrf_token(session_secret: str) -> str:
    """The synchroniser token of a session: derived from its secret, so it is never stored and
    cannot be computed without the cookie."""
    return hmac.new(session_secret.encode(), b"preavis-csrf", hashlib.sha256).hexdigest()


def normalize_email(email: str) -> str:
    value = email.strip().casefold()
    if not value or len(value) > EMAIL_MAX or not _EMAIL.match(value):
        raise ValidationError.said("email.value_invalid", field="email", value=email.strip())
    check_text(value, "email")
    return value


def check_password(password: str) -> str:
    if len(password) < PASSWORD_MIN:
        raise ValidationError.said("password.short", field="password", limit=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise ValidationError.said("password.long", field="password", limit=PASSWORD_MAX)
    return password


def _info(row: dict[str, Any]) -> UserInfo:
    return UserInfo(
        email=str(row["email"]),
        name=str(row["name"]),
        role=Role(str(row["role"])),
        created_at=row["created_at"],
        disabled_at=row["disabled_at"],
        has_password=row["password_hash"] is not None,
    )


def _new_link(tx: Tx, user_id: int, at: datetime) -> str:
    secret = LINK_PREFIX + secrets.token_urlsafe(32)
    tx.insert_password_link(digest(secret), user_id, at, at + LINK_LIFETIME)
    return secret


def create_user(
    ctx: Context, *, email: str, role: Role, name: str = "", password: str | None = None
) -> tuple[UserInfo, str | None]:
    """A new person; without a password, the returned one-time link lets them set it."""
    require(ctx.actor, Role.ADMIN, "creating a user")
    address = normalize_email(email)
    name = check_text(name.strip(), "name")
    if len(name) > NAME_MAX:
        raise ValidationError.said("user.name_long", field="name", limit=NAME_MAX)
    hashed = _hasher.hash(check_password(password)) if password is not None else None
    now = ctx.clock.now()
    with ctx.store.transaction() as tx:
        if tx.user_by_email(address) is not None:
            raise ConflictError.said("user.exists", email=address)
        ident = tx.insert_user(address, name, role.value, hashed, now)
        link = None if hashed is not None else _new_link(tx, ident, now)
        changes = (FieldChange("role", None, role.value), FieldChange("name", None, name or None))
        record(ctx, tx, f"user:{address}", 1, changes, "created")
        row = tx.user_by_id(ident)
    assert row is not None
    return _info(row), link


def list_users(ctx: Context) -> list[UserInfo]:
    require(ctx.actor, Role.ADMIN, "listing users")
    with ctx.store.reading() as tx:
        return [_info(r) for r in tx.users()]


def disable_user(ctx: Context, *, email: str, reason: str = "") -> UserInfo:
    """Disabled: cannot sign in, and every session of theirs ends now."""
    require(ctx.actor, Role.ADMIN, "disabling a user")
    address = normalize_email(email)
    with ctx.store.transaction() as tx:
        row = tx.user_by_email(address)
        if row is None:
            raise NotFoundError.said("user.none", email=address)
        if row["disabled_at"] is not None:
            return _info(row)
        tx.update_user(int(row["id"]), disabled_at=ctx.clock.now())
        tx.delete_sessions_of(int(row["id"]))
        subject = f"user:{address}"
        number = tx.last_revision_number(subject) + 1
        record(
            ctx, tx, subject, number, (FieldChange("disabled", False, True),), reason or "disabled"
        )
        row = tx.user_by_id(int(row["id"]))
    assert row is not None
    return _info(row)


def reset_link(ctx: Context, *, email: str) -> str:
    """A new one-time link to set the password (earlier unused links stop working)."""
    require(ctx.actor, Role.ADMIN, "issuing a password link")
    address = normalize_email(email)
    with ctx.store.transaction() as tx:
        row = tx.user_by_email(address)
        if row is None:
            raise NotFoundError.said("user.none", email=address)
        if row["disabled_at"] is not None:
            raise ConflictError.said("user.disabled", email=address)
        link = issue_link(tx, address, ctx.clock.now(), actor=ctx.actor.name, reason="link")
    assert link is not None
    return link


def issue_link(tx: Tx, address: str, now: datetime, *, actor: str, reason: str) -> str | None:
    """A new one-time link for the account at `address` (earlier unused ones stop working),
    recorded in its history under `actor`; None when there is no such account, or it is
    disabled. `address` is already normalized."""
    row = tx.user_by_email(address)
    if row is None or row["disabled_at"] is not None:
        return None
    link = _new_link(tx, int(row["id"]), now)
    subject = f"user:{address}"
    number = tx.last_revision_number(subject) + 1
    changes = (FieldChange("password_link", None, "issued"),)
    tx.add_revision(Revision(subject, number, actor, now, reason, changes))
    return link


def _link_row(tx: Tx, link: str, now: datetime) -> dict[str, Any]:
    if not link.startswith(LINK_PREFIX) or len(link) > SECRET_MAX:
        raise AuthenticationError.said("link.invalid")
    found = tx.password_link(digest(link))
    if found is None or found["used_at"] is not None:
        raise AuthenticationError.said("link.used")
    if now >= found["expires_at"]:
        raise AuthenticationError.said("link.expired")
    user = tx.user_by_id(int(found["user_id"]))
    if user is None or user["disabled_at"] is not None:
        raise AuthenticationError.said("link.invalid")
    return user


def link_user(store: Store, clock: Clock, *, link: str) -> UserInfo:
    """Whose password a link sets (AuthenticationError when unknown, used or expired)."""
    with store.reading() as tx:
        return _info(_link_row(tx, link, clock.now()))


def set_password(store: Store, clock: Clock, *, link: str, password: str) -> UserInfo:
    """Set the password through a one-time link; the link is the credential."""
    hashed = _hasher.hash(check_password(password))
    now = clock.now()
    with store.transaction() as tx:
        row = _link_row(tx, link, now)
        if not tx.use_password_link(digest(link), now):
            raise AuthenticationError.said("link.used")
        ident = int(row["id"])
        tx.update_user(ident, password_hash=hashed)
        tx.delete_sessions_of(ident)  # a reset ends the sessions opened with the old password
        info = _info(row)
        subject = f"user:{info.email}"
        ctx = Context(store, clock, info.actor)
        number = tx.last_revision_number(subject) + 1
        record(ctx, tx, subject, number, (FieldChange("password", None, "set"),), "password set")
    return info


def account_of(email: str) -> str:
    """The account an e-mail as typed names: normalized, or as typed (folded) when it is not
    an address, so that throttling counts it all the same."""
    try:
        return normalize_email(email)
    except ValidationError:
        return email.strip().casefold()[:EMAIL_MAX]


def throttled(tx: Tx, keys: list[tuple[str, int]], now: datetime) -> None:
    """TooManyAttemptsError when any key has reached its limit within the window."""
    for key, limit in keys:
        count, oldest = tx.sign_in_failures(key, now - THROTTLE_WINDOW)
        if count >= limit:
            wait = (oldest + THROTTLE_WINDOW - now) if oldest is not None else THROTTLE_WINDOW
            seconds = max(1, int(wait.total_seconds()) + 1)
            raise TooManyAttemptsError.later(seconds)


def sign_in(
    store: Store, clock: Clock, *, email: str, password: str, address: str
) -> tuple[str, SignedIn]:
    """A new session for the right e-mail and password; the secret goes in the cookie.

    Failures count per account and per client address; past the limits, sign-in is refused
    for the rest of the window even with the right password (TooManyAttemptsError)."""
    now = clock.now()
    account = account_of(email)
    keys = [
        (f"account:{account}", ACCOUNT_FAILURES),
        (f"address:{address[:200]}", ADDRESS_FAILURES),
    ]
    with store.reading() as tx:
        throttled(tx, keys, now)
        row = tx.user_by_email(account)
    stored = row["password_hash"] if row is not None else None
    ok = False
    try:
        ok = _hasher.verify(str(stored or _DUMMY_HASH), password[:PASSWORD_MAX])
    except (VerificationError, InvalidHashError):
        ok = False
    if row is None or stored is None or row["disabled_at"] is not None:
        ok = False
    if not ok or row is None:
        with store.transaction() as tx:  # committed: the refusal is raised after it
            tx.forget_sign_in_failures(now - THROTTLE_WINDOW)
            for key, _ in keys:
                tx.add_sign_in_failure(key, now)
        raise AuthenticationError.said("sign_in.wrong")
    with store.transaction() as tx:
        tx.clear_sign_in_failures(keys[0][0])
        if _hasher.check_needs_rehash(str(stored)):
            tx.update_user(int(row["id"]), password_hash=_hasher.hash(password))
        tx.delete_expired_sessions(now, now - SESSION_IDLE)
        secret = secrets.token_urlsafe(32)
        tx.insert_session(digest(secret), int(row["id"]), now, now + SESSION_ABSOLUTE)
    return secret, SignedIn(_info(row), csrf_token(secret))


def session(store: Store, clock: Clock, *, secret: str | None) -> SignedIn | None:
    """The live session a cookie names, or None (unknown, idle too long, expired, or the
    person was disabled)."""
    if not secret or len(secret) > SECRET_MAX:
        return None
    now = clock.now()
    key = digest(secret)
    with store.reading() as tx:
        found = tx.session_by_digest(key)
        user = tx.user_by_id(int(found["user_id"])) if found is not None else None
    if found is None or user is None or user["disabled_at"] is not None:
        return None
    if now >= found["expires_at"] or now - found["seen_at"] >= SESSION_IDLE:
        with store.transaction() as tx:
            tx.delete_session(key)
        return None
    if now - found["seen_at"] >= SESSION_TOUCH:
        with store.transaction() as tx:
            tx.touch_session(key, now)
    return SignedIn(_info(user), csrf_token(secret))


def sign_out(store: Store, *, secret: str | None) -> None:
    """End the session on the server: the cookie no longer opens anything."""
    if secret and len(secret) <= SECRET_MAX:
        with store.transaction() as tx:
            tx.delete_session(digest(secret))
