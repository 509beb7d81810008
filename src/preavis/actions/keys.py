"""The site's secret key over time: the previous key kept through a change (so that links in
mail already sent keep working), `preavis key rotate` (every sealed secret opened with the old
key and sealed with the new one, in one transaction), and what a restore without the old key
does to webhooks, channels and subscribers' links (docs/operations.md, changing the secret key).

Where the previous key lives: where the current one does, never in the database. A backup
carries the database, so a previous key stored there would travel with every export and undo
the point of changing a key after a leak. With PREAVIS_SECRET_KEY, it is
PREAVIS_SECRET_KEY_PREVIOUS (set on every node by the operator); with the SQLite key file, a
file beside it (`preavis.db.secret.previous`, mode 0600), replaced whole like the key file.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from preavis.actions.context import Context
from preavis.actions.subscriptions import signing_secret
from preavis.domain.access import Role, require
from preavis.domain.errors import InputError, ValidationError
from preavis.notify.hooks import Vault
from preavis.settings import SECRET_MIN, Settings
from preavis.storage.outbox import sidecar

PREVIOUS_SUFFIX = ".secret.previous"
# Why an endpoint restored without the site's key is paused (said in French by
# formats/messages.py): its sealed value is emptied, and only a new secret enables it again.
NEEDS_SECRET = "needs its secret again"


def previous_secret(settings: Settings) -> str | None:
    """The key in use before the last change, if it is still kept: PREAVIS_SECRET_KEY_PREVIOUS
    when the key is set in the environment, else the file beside the SQLite key file."""
    if settings.secret_key:
        return settings.secret_key_previous or None
    path = sidecar(settings.database_url, PREVIOUS_SUFFIX)
    if path is None:
        return settings.secret_key_previous or None
    try:
        return path.read_text("ascii").strip() or None
    except FileNotFoundError:
        return settings.secret_key_previous or None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.said("file.cannot_read", path=str(path), why=str(exc)) from exc


def link_secrets(settings: Settings) -> list[str]:
    """The keys a signed link is checked against, oldest first: itsdangerous signs with the
    last one (the current key) and accepts a link signed with any."""
    current = signing_secret(settings)
    previous = previous_secret(settings)
    return [previous, current] if previous and previous != current else [current]


def vault_of(settings: Settings) -> Vault:
    """Seals with the current key; opens what either the current or the previous key sealed."""
    return Vault(signing_secret(settings), previous_secret(settings))


def needs_secret(row: dict[str, Any]) -> bool:
    """An endpoint restored without the key: nothing sealed, so nothing can be sent to it."""
    return not row["sealed"]


# -- rotation --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rotated:
    """What a rotation did: the sealed values it re-sealed; where the keys now are (the key
    file and its previous beside a SQLite database; None: PREAVIS_SECRET_KEY, which the
    operator sets); `pending`: the settings still hold the old key as PREAVIS_SECRET_KEY."""

    resealed: int
    key_file: Path | None = None
    previous_file: Path | None = None
    pending: bool = False


def new_key() -> str:
    return secrets.token_urlsafe(48)


def check_new_key(value: str, *, field: str = "new_key") -> str:
    value = value.strip()
    if len(value) < SECRET_MIN or any(c.isspace() or not c.isprintable() for c in value):
        raise ValidationError.said("key.new_short", field=field, limit=SECRET_MIN)
    return value


def _write_private(path: Path, value: str) -> Path:
    """`value` in a new 0600 file beside `path`, flushed to disk; the caller moves it into
    place with os.replace, so a reader sees the old file or the new one, never half of one."""
    fresh = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value + "\n")
        out.flush()
        os.fsync(out.fileno())
    return fresh


def _reseal(ctx: Context, opener: Vault, sealer: Vault) -> int:
    """Every sealed value opened with `opener` and sealed with `sealer`, in one transaction;
    the first one `opener` does not open is named and nothing is written."""
    with ctx.store.transaction() as tx:
        fresh = {}
        for row in tx.list_endpoints():
            if needs_secret(row):
                continue
            try:
                fresh[row["id"]] = sealer.seal(opener.open(row["sealed"]))
            except ValidationError:
                raise ValidationError.said(
                    "key.unopened", field="secret_key", kind=row["kind"], ident=row["id"]
                ) from None
        for ident, sealed in fresh.items():
            tx.set_endpoint(ident, {"sealed": sealed})
    return len(fresh)


def rotate_key(ctx: Context, *, settings: Settings, new: str | None = None) -> Rotated:
    """Change the site's key to `new` (a random one when None, with the SQLite key file).

    With the key file beside a SQLite database: every sealed value is re-sealed with the new
    key in one transaction, then the new key file replaces the old one and the old key
    becomes the previous one (both files written and flushed before the commit, so a commit
    is never left without its key). With PREAVIS_SECRET_KEY: the values are re-sealed with
    `new` (required; it may already be PREAVIS_SECRET_KEY, the old key then being
    PREAVIS_SECRET_KEY_PREVIOUS) and the operator changes the settings (docs/operations.md,
    changing the secret key)."""
    require(ctx.actor, Role.ADMIN, "changing the site's secret key")
    current = signing_secret(settings)
    previous = previous_secret(settings)
    if settings.secret_key:  # the environment holds it: re-seal, the operator sets it
        if new is None:
            raise ValidationError.said("key.new_needed", field="new_key", option="--new-key-file")
        value = check_new_key(new)
        if value == current and not previous:
            raise ValidationError.said("key.new_same", field="new_key")
        resealed = _reseal(ctx, Vault(current, previous, value), Vault(value))
        return Rotated(resealed, pending=value != current)
    value = check_new_key(new) if new is not None else new_key()
    if value == current:
        raise ValidationError.said("key.new_same", field="new_key")
    key_path = sidecar(settings.database_url, ".secret")
    previous_path = sidecar(settings.database_url, PREVIOUS_SUFFIX)
    if key_path is None or previous_path is None:  # signing_secret found the key file
        raise ValidationError.said("settings.secret_key", field="secret_key")
    staged_key = _write_private(key_path, value)
    staged_previous = _write_private(previous_path, current)
    try:
        resealed = _reseal(ctx, Vault(current, previous), Vault(value))
    except BaseException:
        staged_key.unlink()
        staged_previous.unlink()
        raise
    # The key first: a stop between the two leaves the sealed values and their key together
    # (only links from before the change would stop working).
    os.replace(staged_key, key_path)
    os.replace(staged_previous, previous_path)
    return Rotated(resealed, key_path, previous_path)


# -- restore without the key -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyLost:
    """What a restore without the old key could not keep: endpoints paused until they are given
    a secret again, and subscribers whose links no longer work (confirmed ones get new links in
    their next message; pending ones must ask again)."""

    paused: int
    confirmed: int
    pending: int


def without_key(tables: dict[str, list[dict[str, Any]]], at: datetime) -> KeyLost:
    """Empty every sealed value of a backup (no key opens it here) and pause its endpoint,
    marked NEEDS_SECRET, so that the worker never sends with a wrong secret."""
    endpoints = tables.get("endpoints", [])
    for row in endpoints:
        row.update(
            sealed="", enabled=False, disabled_at=at, disabled_reason=NEEDS_SECRET, failures=0
        )
    subscribers = tables.get("subscribers", [])
    return KeyLost(
        len(endpoints),
        sum(1 for r in subscribers if r.get("status") == "confirmed"),
        sum(1 for r in subscribers if r.get("status") == "pending"),
    )
