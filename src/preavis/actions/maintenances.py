"""Use cases on maintenances: drafts, interruptions, publishing and the later decisions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Literal

from preavis.actions import notifications
from preavis.actions.catalogue import learn
from preavis.actions.context import Context, record
from preavis.domain import changes as change
from preavis.domain.access import Role, require
from preavis.domain.errors import ConflictError, NotFoundError, ValidationError
from preavis.domain.interruption import Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.problems import Problem
from preavis.domain.revision import Revision, diff, flatten_maintenance, note_changes
from preavis.domain.service import Alias, Service, check_slug
from preavis.domain.text import Text
from preavis.domain.zones import zone
from preavis.notices.reading import Reading
from preavis.notices.translation import join_translation
from preavis.storage import Tx

_NO_NOTE = Text()  # a decision without a public note

Edit = Callable[[Maintenance, Mapping[str, Service]], Maintenance]


def list_maintenances(
    ctx: Context, *, states: tuple[State, ...] | None = None
) -> list[tuple[Maintenance, int]]:
    require(ctx.actor, Role.VIEWER, "listing maintenances")
    with ctx.store.reading() as tx:
        return tx.maintenances(states)


def get_maintenance(ctx: Context, *, slug: str) -> tuple[Maintenance, int]:
    require(ctx.actor, Role.VIEWER, "reading a maintenance")
    check_slug(slug)
    with ctx.store.reading() as tx:
        found = tx.maintenance(slug)
    if found is None:
        raise NotFoundError.said("maintenance.unknown", slug=slug)
    return found


def history(ctx: Context, *, slug: str) -> list[Revision]:
    """Every revision of the maintenance, oldest first."""
    require(ctx.actor, Role.VIEWER, "reading a maintenance")
    check_slug(slug)
    with ctx.store.reading() as tx:
        if tx.maintenance(slug) is None:
            raise NotFoundError.said("maintenance.unknown", slug=slug)
        return tx.revisions(f"maintenance:{slug}")


def _check(m: Maintenance, services: Mapping[str, Service]) -> None:
    errors = [p for p in m.problems(services) if p.severity.value == "error"]
    if errors:
        raise ValidationError.of(errors[0])


def create_draft(
    ctx: Context, *, maintenance: Maintenance, reason: str = ""
) -> tuple[Maintenance, int]:
    """Store a new maintenance as a draft (its interruptions get keys)."""
    require(ctx.actor, Role.EDITOR, "creating a maintenance")
    with ctx.store.transaction() as tx:
        return _insert_draft(ctx, tx, maintenance, reason or "created")


def _insert_draft(
    ctx: Context, tx: Tx, maintenance: Maintenance, reason: str
) -> tuple[Maintenance, int]:
    """The write of create_draft, inside the caller's transaction."""
    draft = change.with_keys(replace(maintenance, state=State.DRAFT))
    if tx.maintenance(draft.slug) is not None:
        raise ConflictError.said("maintenance.exists", slug=draft.slug)
    _check(draft, {s.slug: s for s in tx.services()})
    tx.insert_maintenance(draft, ctx.clock.now())
    changes = diff({}, flatten_maintenance(draft))
    record(ctx, tx, f"maintenance:{draft.slug}", 1, changes, reason)
    return draft, 1


def _edit(
    ctx: Context,
    slug: str,
    revision: int | None,
    reason: str,
    edit: Edit,
    *,
    action: str,
    role: Role | None = None,
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:
    """Apply `edit` under the maintenance's row lock; record the field-level difference (and
    the decision's public note, if any).

    Drafts need an editor, published or cancelled maintenances a publisher (or `role`).
    """
    check_slug(slug)
    # Refuse before taking the row's lock where the role alone tells (checked again under it).
    require(ctx.actor, role or Role.EDITOR, action)
    if role is None and ctx.actor.role.rank < Role.PUBLISHER.rank:
        with ctx.store.reading() as tx:
            seen = tx.maintenance(slug)
        if seen is not None and seen[0].state is not State.DRAFT:
            require(ctx.actor, Role.PUBLISHER, action)
    with ctx.store.transaction() as tx:
        number = tx.claim(slug, revision)  # waits for, or refuses, a concurrent writer
        found = tx.maintenance(slug)
        if found is None:  # pragma: no cover - claim() raised already
            raise NotFoundError.said("maintenance.unknown", slug=slug)
        current, _ = found
        needed = role or (Role.EDITOR if current.state is State.DRAFT else Role.PUBLISHER)
        require(ctx.actor, needed, action)
        services = {s.slug: s for s in tx.services()}
        updated = change.with_keys(edit(current, services))
        _check(updated, services)
        changes = diff(flatten_maintenance(current), flatten_maintenance(updated))
        if not changes:
            raise _Unchanged(current, number - 1)
        changes += note_changes(note)
        tx.save_maintenance(updated, ctx.clock.now())
        record(ctx, tx, f"maintenance:{slug}", number, changes, reason)
        notifications.produce(ctx, tx, current, updated, number)  # same transaction: the outbox
    return updated, number


class _Unchanged(Exception):  # control flow: roll the claim back
    def __init__(self, maintenance: Maintenance, revision: int) -> None:
        self.result = (maintenance, revision)


def _run(
    ctx: Context,
    slug: str,
    revision: int | None,
    reason: str,
    edit: Edit,
    *,
    action: str,
    role: Role | None = None,
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:
    """`_edit`, where a change that changes nothing records nothing and returns the present."""
    try:
        return _edit(ctx, slug, revision, reason, edit, action=action, role=role, note=note)
    except _Unchanged as same:
        return same.result


def update_details(
    ctx: Context,
    *,
    slug: str,
    revision: int | None = None,
    title: Text | None = None,
    summary: Text | None = None,
    timezone: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    clear_bounds: bool = False,
    reason: str = "",
) -> tuple[Maintenance, int]:
    """Change the title, summary, display zone or announced bounds."""

    def edit(m: Maintenance, _: Mapping[str, Service]) -> Maintenance:
        fields: dict[str, object] = {}
        if title is not None:
            fields["title"] = title
        if summary is not None:
            fields["summary"] = summary
        if timezone is not None:
            fields["timezone"] = timezone
        if clear_bounds:
            fields["starts_at"] = fields["ends_at"] = None
        if starts_at is not None:
            fields["starts_at"] = starts_at
        if ends_at is not None:
            fields["ends_at"] = ends_at
        return replace(m, **fields)  # type: ignore[arg-type]

    return _run(ctx, slug, revision, reason, edit, action="editing a maintenance")


def add_interruption(
    ctx: Context, *, slug: str, interruption: Interruption, revision: int | None = None,
    reason: str = "",
) -> tuple[Maintenance, int]:  # fmt: skip
    return _run(
        ctx, slug, revision, reason,
        lambda m, _: change.add_interruption(m, interruption),
        action="adding an interruption",
    )  # fmt: skip


def edit_interruption(
    ctx: Context, *, slug: str, key: str, interruption: Interruption,
    revision: int | None = None, reason: str = "",
) -> tuple[Maintenance, int]:  # fmt: skip
    return _run(
        ctx, slug, revision, reason,
        lambda m, _: change.update_interruption(m, key, interruption),
        action="editing an interruption",
    )  # fmt: skip


def remove_interruption(
    ctx: Context, *, slug: str, key: str, revision: int | None = None, reason: str = ""
) -> tuple[Maintenance, int]:
    return _run(
        ctx, slug, revision, reason,
        lambda m, _: change.remove_interruption(m, key),
        action="removing an interruption",
    )  # fmt: skip


def publish(
    ctx: Context, *, slug: str, revision: int | None = None, reason: str = "",
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:  # fmt: skip
    """Published, once every public text exists in each language (see Context.languages)."""
    return _run(
        ctx, slug, revision, reason,
        lambda m, services: change.publish(m, services, ctx.languages),
        action="publishing", role=Role.PUBLISHER, note=note,
    )  # fmt: skip


def cancel(
    ctx: Context, *, slug: str, revision: int | None = None, reason: str = "",
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:  # fmt: skip
    """Cancelled: kept, and shown as cancelled if it had been published."""
    return _run(
        ctx, slug, revision, reason, lambda m, _: change.cancel(m),
        action="cancelling", role=Role.PUBLISHER, note=note,
    )  # fmt: skip


def reschedule(
    ctx: Context, *, slug: str, starts_at: datetime, revision: int | None = None, reason: str = "",
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:  # fmt: skip
    return _run(
        ctx, slug, revision, reason, lambda m, _: change.reschedule(m, starts_at),
        action="rescheduling", note=note,
    )  # fmt: skip


def extend(
    ctx: Context, *, slug: str, ends_at: datetime, revision: int | None = None, reason: str = "",
    note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:  # fmt: skip
    return _run(
        ctx, slug, revision, reason, lambda m, _: change.extend(m, ends_at),
        action="extending", note=note,
    )  # fmt: skip


def end_early(
    ctx: Context, *, slug: str, at: datetime | None = None, revision: int | None = None,
    reason: str = "", note: Text = _NO_NOTE,
) -> tuple[Maintenance, int]:  # fmt: skip
    """Everything over at `at` (default: now)."""
    moment = at or ctx.clock.now()
    return _run(
        ctx, slug, revision, reason, lambda m, _: change.end_early(m, moment),
        action="ending early", note=note,
    )  # fmt: skip


def slugify(text: str, fallback: str = "maintenance") -> str:
    """A slug made from a title: "Mise à niveau du système" -> "mise-a-niveau-du-systeme"."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")[:60].strip("-")
    return slug or fallback


def import_notice(
    ctx: Context,
    *,
    data: bytes,
    slug: str | None = None,
    year: int | None = None,
    timezone: str | None = None,
    lang: Literal["auto", "fr", "en"] = "auto",
    translation: bytes | None = None,
    reason: str = "",
) -> tuple[Maintenance, int, Reading]:
    """Read a notice into a new draft. Services it names that the catalogue lacks are created
    (named in the notice's language); a notice with errors is refused, listing them."""
    require(ctx.actor, Role.EDITOR, "importing a notice")
    with ctx.store.reading() as tx:
        catalogue, aliases = tx.services(), tx.aliases()
        taken = slug is not None and tx.maintenance(check_slug(slug)) is not None
    if taken:  # before reading the notice; checked again when writing
        raise ConflictError.said("maintenance.exists", slug=slug)
    reference: date = ctx.clock.now().date()

    def read(raw: bytes, language: Literal["auto", "fr", "en"]) -> Reading:
        return ctx.notices.read(
            raw, year=year, timezone=timezone, lang=language, reference=reference,
            catalogue=catalogue, aliases=aliases,
        )  # fmt: skip

    reading = read(data, lang)
    if translation is not None:
        reading = join_translation(reading, read(translation, "auto"))
    if reading.errors:
        raise ValidationError.said(
            "maintenance.notice_errors", field="notice", listed=_listed(reading.errors)
        )
    maintenance, new_services = _from_reading(reading, slug, catalogue)
    stored, number = _store_import(ctx, maintenance, new_services, reading.language, reason)
    return stored, number, reading


def import_corrected(
    ctx: Context,
    *,
    maintenance: Maintenance,
    new_services: Mapping[str, Text],
    lang: Literal["fr", "en"],
    reason: str = "",
    learned: Sequence[Alias] = (),
) -> tuple[Maintenance, int]:
    """Store a notice's reading as a person corrected it (the web admin's import review) as a
    new draft. `new_services` maps each service slug the catalogue lacks to its name (in the
    notice's language `lang`, and in the other one when given); they are created with the
    draft, in one transaction. `learned`: the names the reader read that the person changed to
    another service (of the catalogue, or created here), remembered (aliases) in the same
    transaction, so that the reader reads them as that service next time; a name that is a
    service's own name is left out."""
    require(ctx.actor, Role.EDITOR, "importing a notice")
    created = [Service(check_slug(s), name) for s, name in new_services.items()]
    return _store_import(ctx, maintenance, created, lang, reason, learned)


def _store_import(
    ctx: Context,
    maintenance: Maintenance,
    new_services: list[Service],
    lang: Literal["fr", "en"],
    reason: str,
    learned: Sequence[Alias] = (),
) -> tuple[Maintenance, int]:
    # One transaction: a draft refused (its slug taken, say) leaves no service behind.
    with ctx.store.transaction() as tx:
        for service in new_services:
            if tx.service(service.slug) is None:
                tx.insert_service(service, ctx.clock.now())
                changes = diff({}, {"slug": service.slug, "name": str(service.name.get(lang))})
                record(ctx, tx, f"service:{service.slug}", 1, changes, "created by a notice import")
        if learned:  # after the services this import creates: a name may be taught to one
            why = f"corrected in the import review of {maintenance.slug}"
            learn(ctx, tx, learned, why, strict=False)
        return _insert_draft(ctx, tx, maintenance, reason or "imported from a notice")


def _listed(errors: tuple[Problem, ...]) -> ValidationError:
    """The reader's errors as one catalogued error, each said in the person's language."""
    said = [
        ValidationError.said(
            "maintenance.notice_error_line", line=e.line, error=ValidationError.of(e)
        )
        if e.line
        else ValidationError.of(e)
        for e in errors
    ]
    listed = said[-1]
    for first in reversed(said[:-1]):
        listed = ValidationError.said("maintenance.notice_errors_next", first=first, rest=listed)
    return listed


def _from_reading(
    reading: Reading, slug: str | None, catalogue: list[Service]
) -> tuple[Maintenance, list[Service]]:
    lang = reading.language
    other = "en" if lang == "fr" else "fr"
    known = {s.slug: s for s in catalogue}
    by_name = {s.name.get(lang).casefold(): s for s in catalogue}
    created: dict[str, Service] = {}
    items = []
    for n, row in enumerate(reading.interruptions):
        translation = reading.translations[n] if reading.translations else None
        service_slug = row.slug
        if service_slug is None:
            existing = by_name.get(row.service.casefold())
            if existing is not None:
                service_slug = existing.slug
            else:
                service_slug = slugify(row.service, "service")
                if service_slug not in known and service_slug not in created:
                    names = {lang: row.service, other: translation.service if translation else ""}
                    created[service_slug] = Service(service_slug, Text(**names))
        texts = {lang: row.description, other: translation.description if translation else ""}
        items.append(
            Interruption(service_slug, row.impact, row.starts_at, row.ends_at, Text(**texts))
        )
    title = reading.title or (
        "Interruptions de services" if lang == "fr" else "Service interruptions"
    )
    if slug:
        chosen = check_slug(slug)
    elif items:  # named after the day it starts where it happens, not in UTC
        first = min(i.starts_at for i in items).astimezone(zone(reading.timezone))
        chosen = slugify(f"{title}-{first:%Y-%m-%d}")
    else:
        chosen = slugify(title)
    starts_at, ends_at = reading.starts_at, reading.ends_at
    if starts_at is not None and ends_at is not None and items:
        # A row just outside the introduction's window (a warning when read) widens it.
        starts_at = min(starts_at, *(i.starts_at for i in items))
        ends_at = max(ends_at, *(i.ends_at for i in items))
    maintenance = Maintenance(
        slug=chosen,
        title=Text(**{lang: title}),
        timezone=reading.timezone,
        interruptions=tuple(items),
        starts_at=starts_at,
        ends_at=ends_at,
    )
    return maintenance, list(created.values())


def save_content(
    ctx: Context,
    *,
    slug: str,
    title: Text,
    summary: Text,
    timezone: str,
    interruptions: tuple[Interruption, ...],
    revision: int | None = None,
    reason: str = "",
) -> tuple[Maintenance, int]:
    """Replace the title, summary, zone and interruptions at once, as one revision (the web
    editor's save). Interruptions keep their keys; those without one get a new key."""

    def edit(m: Maintenance, _: Mapping[str, Service]) -> Maintenance:
        if m.state is State.CANCELLED:
            raise ConflictError.said("maintenance.cancelled", slug=m.slug)
        return replace(
            m, title=title, summary=summary, timezone=timezone, interruptions=interruptions
        )

    return _run(ctx, slug, revision, reason, edit, action="editing a maintenance")
