"""Use cases on the catalogue: groups and services (created, renamed, regrouped, retired)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import Enum
from typing import Final, Literal

from preavis.actions.context import Context, record
from preavis.domain.access import Role, require
from preavis.domain.errors import ConflictError, NotFoundError, ValidationError
from preavis.domain.revision import FieldChange, diff, flatten_service
from preavis.domain.service import Alias, Channel, Group, Service, alias_key, check_slug
from preavis.domain.text import Text
from preavis.storage import Tx


def list_services(ctx: Context) -> list[Service]:
    require(ctx.actor, Role.VIEWER, "listing services")
    with ctx.store.reading() as tx:
        return tx.services()


def list_services_with_revisions(ctx: Context) -> list[tuple[Service, int]]:
    """Every service with its revision, read in one transaction."""
    require(ctx.actor, Role.VIEWER, "listing services")
    with ctx.store.reading() as tx:
        return tx.services_with_revisions()


def list_groups(ctx: Context) -> list[Group]:
    require(ctx.actor, Role.VIEWER, "listing groups")
    with ctx.store.reading() as tx:
        return tx.groups()


def get_service(ctx: Context, *, slug: str) -> tuple[Service, int]:
    require(ctx.actor, Role.VIEWER, "reading a service")
    check_slug(slug)
    with ctx.store.reading() as tx:
        found = tx.service(slug)
    if found is None:
        raise NotFoundError.said("service.unknown", slug=slug)
    return found


def put_group(ctx: Context, *, group: Group) -> bool:
    """Create a group or rename it; True when something changed."""
    require(ctx.actor, Role.ADMIN, "changing groups")
    subject = f"group:{group.slug}"
    with ctx.store.transaction() as tx:
        if tx.put_group(group) is None:
            return False
        changes = diff({}, {"name.fr": group.name.fr, "name.en": group.name.en})
        record(ctx, tx, subject, tx.last_revision_number(subject) + 1, changes, "saved")
        return True


def create_service(ctx: Context, *, service: Service, reason: str = "") -> tuple[Service, int]:
    require(ctx.actor, Role.ADMIN, "creating a service")
    with ctx.store.transaction() as tx:
        if tx.service(service.slug) is not None:
            raise ConflictError.said("service.exists", slug=service.slug)
        _check_group(tx.groups(), service.group)
        tx.insert_service(service, ctx.clock.now())
        changes = diff({}, flatten_service(service))
        record(ctx, tx, f"service:{service.slug}", 1, changes, reason or "created")
    return service, 1


def _check_group(groups: list[Group], group: str | None) -> None:
    if group is not None and group not in {g.slug for g in groups}:
        raise ValidationError.said("group.unknown", field="group", slug=group)


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP  # a field left as it is (None means "no group")


def _change(
    ctx: Context, slug: str, revision: int | None, reason: str, **fields: object
) -> tuple[Service, int]:
    """Apply every field at once, in one transaction: all of them or none."""
    require(ctx.actor, Role.ADMIN, "changing a service")
    check_slug(slug)
    with ctx.store.transaction() as tx:
        found = tx.service(slug)
        if found is None:
            raise NotFoundError.said("service.unknown", slug=slug)
        current, _ = found
        updated = replace(current, **fields)  # type: ignore[arg-type]
        if "group" in fields:
            _check_group(tx.groups(), updated.group)
        if updated.retired and not current.retired:
            in_use = tx.service_in_use(slug, ctx.clock.now())
            if in_use:
                raise ConflictError.said("service.in_use", slug=slug, count=in_use)
        changes = diff(flatten_service(current), flatten_service(updated))
        if not changes:
            return current, found[1]
        number = tx.update_service(updated, ctx.clock.now(), revision)
        record(ctx, tx, f"service:{slug}", number, changes, reason)
    return updated, number


def change_service(
    ctx: Context,
    *,
    slug: str,
    name: Text | None = None,
    group: str | Literal[_Keep.KEEP] | None = KEEP,
    channel: Channel | None = None,
    revision: int | None = None,
    reason: str = "",
) -> tuple[Service, int]:
    """Rename, regroup (`group=None` ungroups) and change the channel as one change: it is
    applied whole or, if any part is refused, not at all."""
    fields: dict[str, object] = {}
    if name is not None:
        if not name:
            raise ValidationError.said("service.name_required", field="name")
        fields["name"] = name
    if group is not KEEP:
        fields["group"] = group
    if channel is not None:
        fields["channel"] = channel
    return _change(ctx, slug, revision, reason, **fields)


def rename_service(
    ctx: Context, *, slug: str, name: Text, revision: int | None = None, reason: str = ""
) -> tuple[Service, int]:
    return change_service(ctx, slug=slug, name=name, revision=revision, reason=reason)


def regroup_service(
    ctx: Context,
    *,
    slug: str,
    group: str | None,
    channel: Channel | None = None,
    revision: int | None = None,
    reason: str = "",
) -> tuple[Service, int]:
    return change_service(
        ctx, slug=slug, group=group, channel=channel, revision=revision, reason=reason
    )


def retire_service(
    ctx: Context, *, slug: str, revision: int | None = None, reason: str = ""
) -> tuple[Service, int]:
    """Retired: kept for history, no longer offered; refused while maintenances still name it."""
    return _change(ctx, slug, revision, reason, retired=True)


# -- aliases: names printed in notices for a service (domain/service.py, Alias) ---------------


def list_aliases(ctx: Context, *, slug: str | None = None) -> list[Alias]:
    """Every alias, or one service's (NotFoundError for a service that is not there)."""
    require(ctx.actor, Role.VIEWER, "listing services")
    with ctx.store.reading() as tx:
        if slug is not None and tx.service(check_slug(slug)) is None:
            raise NotFoundError.said("service.unknown", slug=slug)
        return tx.aliases(slug)


def add_alias(ctx: Context, *, slug: str, name: str, reason: str = "") -> bool:
    """Read `name` as service `slug` in every notice from now on (a name that meant another
    service now means this one); False when it already did."""
    require(ctx.actor, Role.EDITOR, "changing aliases")
    alias = Alias(name.strip(), check_slug(slug))
    with ctx.store.transaction() as tx:
        if tx.service(slug) is None:
            raise NotFoundError.said("service.unknown", slug=slug)
        return learn(ctx, tx, [alias], reason or "added")


def learn(
    ctx: Context, tx: Tx, aliases: Iterable[Alias], reason: str, *, strict: bool = True
) -> bool:
    """Remember aliases inside the caller's transaction; each change recorded in the history
    of `alias:<slug>`. A name that is a service's own name needs none: refused (`strict`) or
    left out; so is an alias of a service that is not there."""
    own = {alias_key(n): s.slug for s in tx.services() for n in (s.name.fr, s.name.en) if n}
    changed = False
    for alias in aliases:
        if alias.key in own:
            if not strict:
                continue
            raise ValidationError.said("alias.own_name", field="name", name=alias.name,
                                       slug=own[alias.key])  # fmt: skip
        before = tx.put_alias(alias, ctx.clock.now())
        if before is None:
            continue
        if before:  # it meant another service until now
            _note(ctx, tx, before, diff({"alias": alias.name}, {}), reason)
        _note(ctx, tx, alias.service, diff({}, {"alias": alias.name}), reason)
        changed = True
    return changed


def remove_alias(ctx: Context, *, slug: str, name: str, reason: str = "") -> None:
    """Forget an alias: the name is read as printed again (NotFoundError when there is none)."""
    require(ctx.actor, Role.EDITOR, "changing aliases")
    check_slug(slug)
    with ctx.store.transaction() as tx:
        if not tx.delete_alias(slug, name):
            raise NotFoundError.said("alias.unknown", slug=slug, name=name)
        _note(ctx, tx, slug, diff({"alias": name}, {}), reason or "removed")


def _note(ctx: Context, tx: Tx, slug: str, changes: tuple[FieldChange, ...], reason: str) -> None:
    subject = f"alias:{slug}"
    record(ctx, tx, subject, tx.last_revision_number(subject) + 1, changes, reason)
