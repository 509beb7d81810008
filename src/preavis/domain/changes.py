"""The human decisions on a maintenance, as pure functions from one version to the next."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from preavis.domain.errors import ConflictError, NotFoundError, ValidationError
from preavis.domain.interruption import Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.service import Service
from preavis.domain.text import LANGS, Lang, Text
from preavis.domain.zones import require_aware


def new_key() -> str:
    """A fresh interruption key: 12 random lowercase hex characters."""
    return secrets.token_hex(6)


def with_keys(maintenance: Maintenance) -> Maintenance:
    """Give every interruption without a key a fresh one."""
    if all(i.key for i in maintenance.interruptions):
        return maintenance
    items = tuple(i if i.key else replace(i, key=new_key()) for i in maintenance.interruptions)
    return replace(maintenance, interruptions=items)


def _editable(maintenance: Maintenance) -> None:
    if maintenance.state is State.CANCELLED:
        raise ConflictError.said("maintenance.cancelled", slug=maintenance.slug)


def find(maintenance: Maintenance, key: str) -> Interruption:
    for item in maintenance.interruptions:
        if item.key == key:
            return item
    raise NotFoundError.said("maintenance.no_interruption_key", slug=maintenance.slug, key=key)


def add_interruption(maintenance: Maintenance, item: Interruption) -> Maintenance:
    _editable(maintenance)
    if item.key and any(i.key == item.key for i in maintenance.interruptions):
        raise ConflictError.said("interruption.key_used", key=item.key)
    item = item if item.key else replace(item, key=new_key())
    return replace(maintenance, interruptions=(*maintenance.interruptions, item))


def update_interruption(maintenance: Maintenance, key: str, item: Interruption) -> Maintenance:
    _editable(maintenance)
    find(maintenance, key)
    item = replace(item, key=key)
    items = tuple(item if i.key == key else i for i in maintenance.interruptions)
    return replace(maintenance, interruptions=items)


def remove_interruption(maintenance: Maintenance, key: str) -> Maintenance:
    _editable(maintenance)
    find(maintenance, key)
    items = tuple(i for i in maintenance.interruptions if i.key != key)
    return replace(maintenance, interruptions=items)


def missing_translations(
    maintenance: Maintenance, services: Mapping[str, Service], langs: tuple[Lang, ...] = LANGS
) -> list[str]:
    """Every public text of the maintenance that is not written in each of `langs`."""
    missing: list[str] = []

    def check(path: str, text: Text, required: bool = True) -> None:
        if not text and not required:
            return
        missing.extend(f"{path}.{lang}" for lang in text.missing() if lang in langs)

    check("title", maintenance.title)
    check("summary", maintenance.summary, required=False)
    for item in maintenance.interruptions:
        check(f"interruptions.{item.key or item.service}.description", item.description, False)
    for slug in sorted({i.service for i in maintenance.interruptions}):
        service = services.get(slug)
        if service is not None:
            check(f"services.{slug}.name", service.name)
    return missing


def publish(
    maintenance: Maintenance,
    services: Mapping[str, Service],
    langs: tuple[Lang, ...] = LANGS,
) -> Maintenance:
    """Published, if every public text exists in each language and nothing is wrong."""
    if maintenance.state is State.CANCELLED:
        raise ConflictError.said("maintenance.cancelled_unpublishable", slug=maintenance.slug)
    if not maintenance.interruptions:
        raise ValidationError.said("maintenance.needs_interruption", field="interruptions")
    missing = missing_translations(maintenance, services, langs)
    if missing:
        raise ValidationError.said(
            "maintenance.missing_translations", field="translations", what=", ".join(missing)
        )
    errors = [p for p in maintenance.problems(services) if p.severity.value == "error"]
    if errors:
        raise ValidationError.of(errors[0])
    retired = sorted({i.service for i in maintenance.interruptions if services[i.service].retired})
    if retired:
        raise ValidationError.said("maintenance.retired_services", slugs=", ".join(retired))
    return replace(maintenance, state=State.PUBLISHED)


def cancel(maintenance: Maintenance) -> Maintenance:
    """Cancelled: kept, and shown as cancelled once it was published."""
    if maintenance.state is State.CANCELLED:
        raise ConflictError.said("maintenance.already_cancelled", slug=maintenance.slug)
    return replace(maintenance, state=State.CANCELLED)


def reschedule(maintenance: Maintenance, starts_at: datetime) -> Maintenance:
    """The whole programme moved so that it starts at `starts_at`; every window keeps its shape."""
    _editable(maintenance)
    window = maintenance.window
    if window is None:
        raise ValidationError.said("maintenance.empty_schedule", field="starts_at")
    delta = require_aware(starts_at, "starts_at") - window[0]
    items = tuple(
        replace(i, starts_at=i.starts_at + delta, ends_at=i.ends_at + delta)
        for i in maintenance.interruptions
    )
    return replace(
        maintenance,
        interruptions=items,
        starts_at=_shift(delta, maintenance.starts_at),
        ends_at=_shift(delta, maintenance.ends_at),
    )


def extend(maintenance: Maintenance, ends_at: datetime) -> Maintenance:
    """The end pushed to `ends_at`: interruptions running to the old end run to the new one."""
    _editable(maintenance)
    window = maintenance.window
    ends_at = require_aware(ends_at, "ends_at")
    if window is None or ends_at <= window[1]:
        raise ValidationError.said("maintenance.extend_later", field="ends_at")
    items = tuple(
        replace(i, ends_at=ends_at) if i.ends_at == window[1] else i
        for i in maintenance.interruptions
    )
    announced = ends_at if maintenance.ends_at is not None else None
    return replace(maintenance, interruptions=items, ends_at=announced)


def end_early(maintenance: Maintenance, at: datetime) -> Maintenance:
    """Everything over at `at`: later windows are cut there, and those not yet begun dropped."""
    _editable(maintenance)
    window = maintenance.window
    at = require_aware(at, "at")
    if window is None or not window[0] < at < window[1]:
        raise ValidationError.said("maintenance.end_early_inside", field="at")
    items = tuple(
        replace(i, ends_at=min(i.ends_at, at))
        for i in maintenance.interruptions
        if i.starts_at < at
    )
    announced = at if maintenance.ends_at is not None else None
    return replace(maintenance, interruptions=items, ends_at=announced)


def _shift(delta: timedelta, value: datetime | None) -> datetime | None:
    return None if value is None else value + delta
