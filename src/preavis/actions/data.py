"""Use cases on the whole database: schema upgrades, schedule files applied (export and
restore: actions/backup.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from preavis.actions import backup, notifications
from preavis.actions.context import Context, record
from preavis.domain import changes as change
from preavis.domain.access import Role, require
from preavis.domain.errors import ConflictError
from preavis.domain.interruption import Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.revision import diff, flatten_maintenance, flatten_service
from preavis.domain.schedule import Schedule
from preavis.storage import Store, Tx

# Backups (export, restore) live in actions/backup.py; these names are kept for callers.
export_data = backup.export_data
restore_data = backup.restore_data


def upgrade_database(*, store: Store) -> str:
    """Create or migrate the schema; returns the version now in place."""
    return store.upgrade()


@dataclass
class Applied:
    """What `apply` did, by kind and slug."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)


def _stable_keys(new: Maintenance, old: Maintenance) -> Maintenance:
    """Keep the stored keys of interruptions that a file describes again: the n-th window of a
    service in the file is the n-th window of that service in the database."""
    pools: dict[str, list[Interruption]] = {}
    for item in sorted(old.interruptions, key=lambda i: (i.starts_at, i.key)):
        pools.setdefault(item.service, []).append(item)
    taken: dict[str, int] = {}
    order = sorted(range(len(new.interruptions)), key=lambda n: new.interruptions[n].starts_at)
    keyed = list(new.interruptions)
    for n in order:
        item = keyed[n]
        pool = pools.get(item.service, [])
        index = taken.get(item.service, 0)
        if index < len(pool):
            keyed[n] = replace(item, key=pool[index].key)
        taken[item.service] = index + 1
    return replace(new, interruptions=tuple(keyed))


def apply_schedule(
    ctx: Context, *, schedule: Schedule, publish: bool = False, reason: str = ""
) -> Applied:
    """Create or update groups, services and maintenances by slug, as the file says.

    Applying the same file twice changes nothing. With `publish`, drafts it loads are published
    (which needs every public text in each language).
    """
    require(ctx.actor, Role.ADMIN, "applying a schedule file")
    done = Applied()
    now = ctx.clock.now()
    why = reason or "applied from a schedule file"
    with ctx.store.transaction() as tx:
        for group in schedule.groups:
            subject = f"group:{group.slug}"
            outcome = tx.put_group(group)
            if outcome is None:
                done.unchanged.append(subject)
                continue
            (done.created if outcome == "created" else done.updated).append(subject)
            number = tx.last_revision_number(subject) + 1
            names = {"name.fr": group.name.fr, "name.en": group.name.en}
            record(ctx, tx, subject, number, diff({}, names), why)
        stored_services = {s.slug: (s, n) for s, n in tx.services_with_revisions()}
        for service in schedule.services:
            found = stored_services.get(service.slug)
            subject = f"service:{service.slug}"
            if found is None:
                tx.insert_service(service, now)
                record(ctx, tx, subject, 1, diff({}, flatten_service(service)), why)
                done.created.append(subject)
                continue
            changes = diff(flatten_service(found[0]), flatten_service(service))
            if changes:
                number = tx.update_service(service, now)
                record(ctx, tx, subject, number, changes, why)
                done.updated.append(subject)
            else:
                done.unchanged.append(subject)
        services = {s.slug: s for s in tx.services()}
        digests = tx.applied_digests()
        for wanted in schedule.maintenances:
            _apply_maintenance(ctx, tx, wanted, services, publish, why, done, now, digests)
        stored_offsets = tx.reminder_offsets()
        for slug, minutes in schedule.reminders:  # a maintenance not listed keeps its own
            if stored_offsets.get(slug) != minutes:
                tx.set_reminder_offsets(slug, minutes, now)
                done.updated.append(f"reminders:{slug}")
    return done


def _apply_maintenance(
    ctx: Context,
    tx: Tx,
    wanted: Maintenance,
    services: dict[str, Any],
    publish: bool,
    why: str,
    done: Applied,
    now: datetime,
    digests: dict[str, str | None],
) -> None:
    subject = f"maintenance:{wanted.slug}"
    if publish and wanted.state is State.DRAFT:
        wanted = change.publish(wanted, services, ctx.languages)
    applied = _digest(wanted)
    if digests.get(wanted.slug) == applied:
        # Stored by `apply` from this very text, and written by nothing else since (any other
        # write clears the digest): applying is idempotent, so nothing would change.
        done.unchanged.append(subject)
        return
    found = tx.maintenance(wanted.slug)
    if found is None:
        stored = change.with_keys(wanted)
        tx.insert_maintenance(stored, now, applied)
        record(ctx, tx, subject, 1, diff({}, flatten_maintenance(stored)), why)
        notifications.produce(ctx, tx, None, stored, 1)
        done.created.append(subject)
    else:
        current, _ = found
        stored = change.with_keys(_stable_keys(wanted, current))
        changes = diff(flatten_maintenance(current), flatten_maintenance(stored))
        if not changes:
            tx.set_applied_digest(wanted.slug, applied)
            done.unchanged.append(subject)
            return
        if current.state is State.CANCELLED:
            # As everywhere else: a cancelled maintenance cannot change (`publish` refuses it
            # too). Put back on by a file, its subscribers would hear nothing of it.
            raise ConflictError.said("apply.cancelled", slug=wanted.slug)
        number = tx.claim(wanted.slug, None)
        tx.save_maintenance(stored, now, applied)
        record(ctx, tx, subject, number, changes, why)
        notifications.produce(ctx, tx, current, stored, number)
        done.updated.append(subject)
    if stored.state is State.PUBLISHED and (found is None or found[0].state is not State.PUBLISHED):
        done.published.append(subject)


def _digest(wanted: Maintenance) -> str:
    """A maintenance as a schedule file describes it (after publishing), as a digest: the
    dataclasses' reprs hold every field, instants with their zone."""
    return hashlib.sha256(f"apply-v1 {wanted!r}".encode()).hexdigest()


def current_schedule(ctx: Context) -> Schedule:
    """The stored catalogue and every maintenance that is not cancelled (drafts included)."""
    require(ctx.actor, Role.VIEWER, "reading the schedule")
    with ctx.store.reading() as tx:
        stored = tx.maintenances((State.DRAFT, State.PUBLISHED))
        slugs = {m.slug for m, _ in stored}
        offsets = tx.reminder_offsets()
        return Schedule(
            services=tuple(tx.services()),
            maintenances=tuple(m for m, _ in stored),
            groups=tuple(tx.groups()),
            reminders=tuple((k, v) for k, v in sorted(offsets.items()) if k in slugs),
        )
