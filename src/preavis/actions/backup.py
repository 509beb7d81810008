"""Use cases on backups: the whole database as one JSON document (`preavis export`), and that
document loaded into an empty database (`preavis restore`), all or nothing, on either engine.

Version 2 carries every table a running site needs (storage/backup.py, CARRIED); version 1
files (groups, services, maintenances, interruptions, revisions, tokens) are still read.
Secrets travel as they are stored: tokens, sessions and links as digests, passwords as their
argon2 hashes, webhook secrets and channel URLs sealed with the site's key. The key itself is
never written: the document names it by a fingerprint, and a restore refuses (nothing written)
unless the destination has the same key (docs/operations.md, backup and restore).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from preavis.actions.context import Context
from preavis.actions.keys import KeyLost, previous_secret
from preavis.actions.keys import without_key as _without_key
from preavis.domain.access import Role, require
from preavis.domain.errors import ConflictError, InputError, ValidationError
from preavis.domain.interruption import Impact
from preavis.domain.maintenance import State
from preavis.domain.service import alias_key, check_slug
from preavis.domain.text import LANGS
from preavis.notify.hooks import Vault
from preavis.settings import Settings
from preavis.storage.backup import CARRIED, LATER, check_links, decode_rows, problem_at
from preavis.storage.outbox import sidecar

EXPORT_FORMAT = "preavis-export"
EXPORT_VERSION = 2
TABLES_V1 = ("groups", "services", "maintenances", "interruptions", "revisions", "tokens")
TABLES = {1: TABLES_V1, 2: CARRIED}

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
_MINUTES = re.compile(r"(\d{1,9}( \d{1,9})*)?")
WITHOUT_KEY = "--without-key"  # `preavis restore`'s option when the old key is lost
DUE = ("pending", "failed")  # deliveries the worker still sends (failed: tried again later)


@dataclass(frozen=True, slots=True)
class SiteKey:
    """The site's secret key as it is set, never created here: PREAVIS_SECRET_KEY, else the
    file kept beside a SQLite database (`path`); `value` None when there is none yet. The key
    in use before the last change (`previous`, actions/keys.py) still restores a backup taken
    before it, its secrets sealed again with `value`."""

    value: str | None
    path: Path | None = None
    previous: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> SiteKey:
        previous = previous_secret(settings)
        if settings.secret_key:
            return cls(settings.secret_key, previous=previous)
        path = sidecar(settings.database_url, ".secret")
        if path is None:
            return cls(None)
        try:
            return cls(path.read_text("ascii").strip() or None, path, previous)
        except FileNotFoundError:
            return cls(None, path, previous)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError.said("file.cannot_read", path=str(path), why=str(exc)) from exc


def fingerprint(key: str) -> str:
    """Names a key without giving it away (an HMAC of a fixed text under the key)."""
    return hmac.new(key.encode(), b"preavis export key fingerprint v1", hashlib.sha256).hexdigest()


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_data(ctx: Context, *, key: SiteKey | None = None) -> dict[str, Any]:
    """The whole database as one JSON document (docs/operations.md, backup and restore): every
    table in CARRIED, in one snapshot, and the fingerprint of the site's key."""
    require(ctx.actor, Role.ADMIN, "exporting")
    with ctx.store.reading() as tx:
        tables = {
            name: [{k: _encode(v) for k, v in row.items()} for row in tx.rows(name)]
            for name in CARRIED
        }
    value = key.value if key else None
    sealed = [row for row in tables["endpoints"] if row["sealed"]]  # "": waits for a secret
    if sealed and value is None:
        raise ValidationError.said("export.key_unknown", field="secret_key")
    if value is not None:  # a backup whose endpoints no key opens could never be restored
        vault = Vault(value)
        for row in sealed:
            try:
                vault.open(row["sealed"])
            except ValidationError:
                raise ValidationError.said(
                    "export.sealed_stale", field="secret_key", kind=row["kind"], ident=row["id"]
                ) from None
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "key_fingerprint": fingerprint(value) if value else None,
        "tables": tables,
    }


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore wrote: rows per table, and the deliveries the worker will still send."""

    counts: dict[str, int]
    due: int
    lost: KeyLost | None = None  # restored without the key: what waits for a new secret


def _one_of(allowed: tuple[str, ...]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in allowed:
            raise ValidationError.said("export.one_of", allowed=", ".join(allowed), value=value)

    return check


def _json_object(value: Any) -> None:
    try:
        ok = isinstance(json.loads(value), dict)
    except ValueError:
        ok = False
    if not ok:
        raise ValidationError.said("export.json")


def _changes(value: Any) -> None:
    """A revision's changes: a JSON list of [field, before, after]."""
    try:
        found = json.loads(value)
    except ValueError:
        found = None
    if not isinstance(found, list) or not all(
        isinstance(c, list) and len(c) == 3 and isinstance(c[0], str) for c in found
    ):
        raise ValidationError.said("export.changes")


def _minutes(value: Any) -> None:
    if not _MINUTES.fullmatch(value):
        raise ValidationError.said("export.minutes", value=value[:80])


_STATUSES = ("pending", "sent", "failed", "dead")
_ROLES = tuple(r.value for r in Role)
# What a column may hold beyond its type: what the code reading it back relies on.
_VALUES: dict[tuple[str, str], Callable[[Any], object]] = {
    ("maintenances", "state"): _one_of(tuple(s.value for s in State)),
    ("interruptions", "impact"): _one_of(tuple(i.value for i in Impact)),
    ("revisions", "changes"): _changes,
    ("groups", "slug"): check_slug,
    ("services", "slug"): check_slug,
    ("services", "group_slug"): check_slug,
    ("maintenances", "slug"): check_slug,
    ("reminder_offsets", "slug"): check_slug,
    ("tokens", "role"): _one_of(_ROLES),
    ("users", "role"): _one_of(_ROLES),
    ("subscribers", "lang"): _one_of(LANGS),
    ("subscribers", "status"): _one_of(("pending", "confirmed", "unsubscribed")),
    ("events", "payload"): _json_object,
    ("deliveries", "status"): _one_of(_STATUSES),
    ("endpoints", "kind"): _one_of(("webhook", "channel")),
    ("endpoints", "lang"): _one_of(LANGS),
    ("endpoint_deliveries", "status"): _one_of(_STATUSES),
    ("reminder_offsets", "minutes"): _minutes,
}


def _check_aliases(rows: list[dict[str, Any]]) -> None:
    """An alias's key is its name folded: the reader and the unique key compare that."""
    for number, row in enumerate(rows, start=1):
        if row["key"] != alias_key(row["name"]):
            error = ValidationError.said("export.alias_key", expected=alias_key(row["name"]))
            raise problem_at("service_aliases", number, f"id {row['id']}", "key", error)


def _check_values(tables: dict[str, list[dict[str, Any]]]) -> None:
    _check_aliases(tables.get("service_aliases", []))
    for (name, column), check in _VALUES.items():
        for number, row in enumerate(tables.get(name, ()), start=1):
            if row[column] is None:
                continue
            try:
                check(row[column])
            except ValidationError as exc:
                key = f"id {row['id']}" if "id" in row else f"slug {row.get('slug')}"
                raise problem_at(name, number, key, column, exc) from None


def _check_key(tables: dict[str, list[dict[str, Any]]], wanted: str | None, key: SiteKey) -> None:
    """Webhooks, channels and subscribers' links need the key of the site that was exported:
    refused, in one line naming where the key is set, unless this site has that key. A file
    that names no key (`key_fingerprint` null: a key lost, its endpoints taken out) needs one
    only to open the endpoints it still holds."""
    endpoints = [row for row in tables.get("endpoints", []) if row["sealed"]]
    if not endpoints and (wanted is None or not tables.get("subscribers")):
        return
    refused = (
        ValidationError.said(
            "export.key_file", field="secret_key", path=str(key.path), option=WITHOUT_KEY
        )
        if key.path is not None
        else ValidationError.said("export.key_env", field="secret_key", option=WITHOUT_KEY)
    )
    if key.value is None:
        raise refused
    vault, reseal = Vault(key.value), None
    if wanted is not None and fingerprint(key.value) != wanted:
        if not key.previous or fingerprint(key.previous) != wanted:
            raise refused
        vault, reseal = Vault(key.previous), vault  # taken before the key changed
    for number, row in enumerate(endpoints, start=1):
        try:
            opened = vault.open(row["sealed"])
            if reseal is not None:  # sealed again with the key now in use
                row["sealed"] = reseal.seal(opened)
        except ValidationError:
            if wanted is None:  # no fingerprint to go by: the key is what does not match
                raise refused from None
            error = ValidationError.said("export.sealed")
            raise problem_at("endpoints", number, f"id {row['id']}", "sealed", error) from None


def _tables(document: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...], str | None]:
    """The document's tables, the names it must hold, and its key's fingerprint; refused with
    what is wrong when it is not an export this version reads."""
    version = document.get("version")
    if document.get("format") != EXPORT_FORMAT:
        raise ValidationError.said(
            "export.not_ours", field="format", format=EXPORT_FORMAT, version=EXPORT_VERSION
        )
    if isinstance(version, bool) or version not in TABLES:
        known = ", ".join(map(str, TABLES))
        raise ValidationError.said("export.version", field="version", version=version, known=known)
    names = TABLES[version]
    tables = document.get("tables")
    if isinstance(tables, dict) and version == EXPORT_VERSION:
        # written before a table was added: none of its rows
        tables = {**{name: [] for name in LATER if name not in tables}, **tables}
    if not isinstance(tables, dict) or set(tables) != set(names):
        raise ValidationError.said("export.tables", field="tables", tables=", ".join(names))
    wanted = document.get("key_fingerprint")
    if version >= 2 and not (
        wanted is None or (isinstance(wanted, str) and _FINGERPRINT.fullmatch(wanted))
    ):
        raise ValidationError.said("export.fingerprint", field="key_fingerprint")
    return tables, names, wanted


def restore_data(
    ctx: Context,
    *,
    document: dict[str, Any],
    key: SiteKey | None = None,
    without_key: bool = False,
) -> Restored:
    """Load an export (version 1 or 2) into an empty database, all or nothing: every row is
    checked (its table, row and field named) and the site's key compared before one is
    written. `without_key`: the old key is lost, so webhooks and channels come back paused
    until they are given a new secret, and subscribers' old links stop working (keys.py)."""
    require(ctx.actor, Role.ADMIN, "restoring")
    tables, names, wanted = _tables(document)
    decoded = {name: decode_rows(name, tables[name]) for name in names}
    check_links(decoded)
    _check_values(decoded)
    lost = _without_key(decoded, ctx.clock.now()) if without_key else None
    if lost is None:
        _check_key(decoded, wanted, key or SiteKey(None))
    with ctx.store.transaction() as tx:
        if not tx.is_empty():
            raise ConflictError.said("database.restore_not_empty")
        for name in names:
            tx.load_rows(name, decoded[name])
        # Read it all back through the domain, whose constructors check every rule (instants
        # in range, no control characters): an export that breaks one is refused whole.
        for read in (tx.groups, tx.services, tx.aliases, tx.maintenances, tx.all_revisions):
            read()
    enabled = {row["id"] for row in decoded.get("endpoints", ()) if row["enabled"]}
    due = sum(1 for row in decoded.get("deliveries", ()) if row["status"] in DUE) + sum(
        1
        for row in decoded.get("endpoint_deliveries", ())
        if row["status"] in DUE and row["endpoint_id"] in enabled
    )
    return Restored({name: len(decoded[name]) for name in names}, due, lost)
