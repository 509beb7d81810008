"""Screens on maintenances: the dashboard, the list, the editor, publishing with its checks,
the later decisions (reschedule, extend, end early, cancel) and the history. Every change goes
through an action, so it is a revision under the person's name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from preavis.actions import activity, catalogue, maintenances, notifications
from preavis.domain import changes
from preavis.domain.access import Role
from preavis.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    StaleRevisionError,
    ValidationError,
)
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.revision import public_note
from preavis.domain.service import Service
from preavis.domain.text import Text
from preavis.formats.messages import say_error, say_problem
from preavis.web.admin_ui import forms, preview
from preavis.web.admin_ui import history as history_view
from preavis.web.admin_ui.core import UI, message_page, needs, page, router, see, ui_of

DAYS_AHEAD = 7
ZONES = (
    "America/Toronto", "America/Montreal", "America/Halifax", "America/St_Johns",
    "America/Winnipeg", "America/Regina", "America/Edmonton", "America/Vancouver", "UTC",
)  # fmt: skip


async def call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return await run_in_threadpool(function, *args, **kwargs)


def refused(ui: UI, exc: Exception) -> Response:
    """The one mapping of a domain refusal to a screen, in the UI's language."""
    if isinstance(exc, PermissionDeniedError):
        return message_page(ui, 403, ui.t["forbidden"])
    if isinstance(exc, NotFoundError):
        return message_page(ui, 404, ui.t["not_found"])
    return message_page(ui, 409, ui.t["refused"].format(message=say_error(exc, ui.lang)))


def fields(ui: UI) -> dict[str, str]:
    form = ui.form
    return {k: v for k, v in (form.multi_items() if form else []) if isinstance(v, str)}


@router.get("/")
@needs(Role.VIEWER)
async def dashboard(request: Request) -> Response:
    ui = ui_of(request)
    ctx = ui.context
    items = await call(maintenances.list_maintenances, ctx)
    recent = await call(activity.recent_changes, ctx, limit=12)
    now = ctx.clock.now()
    ongoing, soon, drafts = [], [], []
    for m, _ in items:
        window = m.window
        if m.state is State.DRAFT:
            drafts.append(m)
        elif m.state is State.PUBLISHED and window is not None:
            if window[0] <= now < window[1]:
                ongoing.append(m)
            elif now < window[0] <= now + timedelta(days=DAYS_AHEAD):
                soon.append(m)
    counts: dict[str, int] = {}
    failed: list[dict[str, Any]] = []
    if ui.can(Role.ADMIN):  # the outbox is an admin's (as in the API)
        counts = await call(notifications.count_deliveries, ctx)
        if counts.get("failed") or counts.get("dead"):
            failed = await call(notifications.list_deliveries, ctx, status="failed", limit=5)
    return page(ui, "dashboard.html", ongoing=ongoing, soon=soon, drafts=drafts, recent=recent,
                days=DAYS_AHEAD, now=now, counts=counts, failed=failed)  # fmt: skip


@router.get("/maintenances")
@needs(Role.VIEWER)
async def maintenance_list(request: Request) -> Response:
    ui = ui_of(request)
    items = await call(maintenances.list_maintenances, ui.context)
    return page(ui, "maintenances.html", items=[m for m, _ in reversed(items)])


def may_edit(ui: UI, m: Maintenance | None) -> bool:
    if m is None:
        return ui.can(Role.EDITOR)
    if m.state is State.CANCELLED:
        return False
    return ui.can(Role.EDITOR if m.state is State.DRAFT else Role.PUBLISHER)


async def _services(ui: UI) -> list[Service]:
    return list(await call(catalogue.list_services, ui.context))


def _editor(
    ui: UI, form: forms.EditorForm, m: Maintenance | None, services: list[Service], *,
    status: int = 200, errors: dict[str, str] | None = None,
    shown: preview.Preview | None = None, **extra: Any,
) -> Response:  # fmt: skip
    offered = [s for s in services if not s.retired or any(r.service == s.slug for r in form.rows)]
    if shown is None:
        shown = preview.build(None, m, {s.slug: s for s in services}, ui.lang)
    return page(
        ui, "editor.html", status, form=form, m=m, services=offered, errors=errors or {},
        zones=ZONES, editable=may_edit(ui, m), preview=shown, **extra,
    )  # fmt: skip


def _preview_of(
    ui: UI, parsed: forms.Parsed, m: Maintenance | None, services: list[Service]
) -> preview.Preview:
    by_slug = {s.slug: s for s in services}
    return preview.build(parsed, m, by_slug, ui.lang, partial=bool(parsed.errors))


@router.get("/maintenances/new")
@needs(Role.EDITOR)
async def new_form(request: Request) -> Response:
    ui = ui_of(request)
    return _editor(ui, forms.EditorForm().with_blank_rows(), None, await _services(ui))


@router.post("/maintenances/new")
@needs(Role.EDITOR)
async def create(request: Request) -> Response:
    ui = ui_of(request)
    services = await _services(ui)
    form = forms.from_fields(fields(ui))
    parsed = forms.parse(form, {s.slug for s in services}, ui.t, ui.lang)
    # the slug comes first on the page, so first in the error summary too
    errors = {"slug": ui.t["required"]} if not form.slug else {}
    errors.update(parsed.errors)
    if not errors:
        try:
            draft = Maintenance(
                slug=form.slug, title=parsed.title, timezone=parsed.timezone,
                interruptions=parsed.interruptions, summary=parsed.summary,
            )  # fmt: skip
            await call(maintenances.create_draft, ui.context, maintenance=draft,
                       reason=form.reason)  # fmt: skip
        except PermissionDeniedError as exc:
            return refused(ui, exc)
        except ValidationError as exc:
            errors[forms.form_field(exc.field, parsed.rows)] = ui.t["refused"].format(
                message=say_error(exc, ui.lang)
            )
        except ConflictError as exc:
            errors["slug"] = ui.t["refused"].format(message=say_error(exc, ui.lang))
        else:
            return see(f"/admin/maintenances/{form.slug}?saved=1")
    return _editor(ui, form.with_blank_rows(), None, services, status=422, errors=errors,
                   shown=_preview_of(ui, parsed, None, services))  # fmt: skip


async def _found(ui: UI, slug: str) -> tuple[Maintenance, int] | Response:
    try:
        found: tuple[Maintenance, int] = await call(
            maintenances.get_maintenance, ui.context, slug=slug
        )
    except (NotFoundError, ValidationError) as exc:
        return refused(ui, NotFoundError(str(exc)))
    return found


@router.get("/maintenances/{slug}")
@needs(Role.VIEWER)
async def show(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    found = await _found(ui, slug)
    if isinstance(found, Response):
        return found
    m, revision = found
    saved = request.query_params.get("saved") == "1"
    return _editor(ui, forms.from_maintenance(m, revision), m, await _services(ui), saved=saved)


@router.post("/maintenances/{slug}")
@needs(Role.EDITOR)
async def save(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    found = await _found(ui, slug)
    if isinstance(found, Response):
        return found
    m, _ = found
    services = await _services(ui)
    form = forms.from_fields(fields(ui))
    form.slug = m.slug
    parsed = forms.parse(form, {s.slug for s in services}, ui.t, ui.lang)
    errors = dict(parsed.errors)
    stale: list[Any] = []
    theirs: list[history_view.Line] = []
    if not errors:
        try:
            await call(
                maintenances.save_content, ui.context, slug=slug, title=parsed.title,
                summary=parsed.summary, timezone=parsed.timezone,
                interruptions=parsed.interruptions, revision=form.revision, reason=form.reason,
            )  # fmt: skip
        except StaleRevisionError as exc:
            history = await call(maintenances.history, ui.context, slug=slug)
            stale = [r for r in history if r.number > exc.expected]
            names = {s.slug: s.name.get(ui.lang) or s.slug for s in services}
            theirs = history_view.compare(history, exc.expected, exc.actual, m.zone, ui.lang,
                                          ui.t, names)  # fmt: skip
            form.revision = exc.actual  # saving again replaces their version, knowingly
        except PermissionDeniedError as exc:
            return refused(ui, exc)
        except ValidationError as exc:
            errors[forms.form_field(exc.field, parsed.rows)] = ui.t["refused"].format(
                message=say_error(exc, ui.lang)
            )
        except ConflictError as exc:
            errors["general"] = ui.t["refused"].format(message=say_error(exc, ui.lang))
        else:
            return see(f"/admin/maintenances/{slug}?saved=1")
    status = 409 if stale else 422
    return _editor(ui, form.with_blank_rows(), m, services, status=status, errors=errors,
                   stale=stale, theirs=theirs,
                   shown=_preview_of(ui, parsed, m, services))  # fmt: skip


@router.post("/maintenances/{slug}/preview")
@needs(Role.EDITOR)
async def preview_form(request: Request, slug: str) -> Response:
    """The form as it stands, previewed and not saved: the editor with its preview (the
    "Preview" button, without JavaScript), or the preview alone for admin.js."""
    ui = ui_of(request)
    m: Maintenance | None = None
    if slug != "new":  # "new" is the create form's own path: no maintenance has that slug
        found = await _found(ui, slug)
        if isinstance(found, Response):
            return found
        m = found[0]
    services = await _services(ui)
    form = forms.from_fields(fields(ui))
    if m is not None:
        form.slug = m.slug
    parsed = forms.parse(form, {s.slug for s in services}, ui.t, ui.lang)
    shown = _preview_of(ui, parsed, m, services)
    if request.headers.get("x-preview") == "fragment":
        return page(ui, "preview.html", preview=shown)
    form = form.with_blank_rows()
    if ui.field("add_rows") and len(form.rows) + forms.BLANK_ROWS <= forms.MAX_ROWS:
        form.rows += [forms.Row() for _ in range(forms.BLANK_ROWS)]  # "Add a row", no script
    return _editor(ui, form, m, services, errors=parsed.errors, shown=shown)


def checks(ui: UI, m: Maintenance, services: list[Service]) -> list[tuple[str, str, str]]:
    """Each check before publishing: (severity, where, message)."""
    by_slug = {s.slug: s for s in services}
    found: list[tuple[str, str, str]] = []
    if not m.interruptions:
        found.append(("error", "interruptions", ui.t["required"]))
    for path in changes.missing_translations(m, by_slug, ui.context.languages):
        missing = ui.t["lang_en"] if path.endswith(".en") else ui.t["lang_fr"]
        found.append(("error", path, ui.t["missing_translation"].format(field=missing)))
    for problem in m.problems(by_slug):
        found.append((problem.severity.value, problem.field, say_problem(problem, ui.lang)))
    for slug in sorted({i.service for i in m.interruptions}):
        if slug in by_slug and by_slug[slug].retired:
            found.append(("error", f"services.{slug}", ui.t["retired"]))
    return found


_PLACES = {
    "description": "desc", "starts_at": "start", "ends_at": "end", "service": "service",
    "impact": "impact",
}  # fmt: skip


def place(ui: UI, m: Maintenance, services: list[Service], path: str) -> tuple[str, str]:
    """Where a check's field path is, in words, and the link to that field in the editor."""
    editor = f"/admin/maintenances/{m.slug}"
    parts = path.split(".")
    lang = parts[-1] if parts[-1] in ("fr", "en") else ""
    suffix = f" ({lang.upper()})" if lang else ""
    if parts[0] == "interruptions" and len(parts) >= 3:
        keys = [i.key or i.service for i in m.interruptions]
        if parts[1] in keys:
            n = keys.index(parts[1])
            item = m.interruptions[n]
            names = {s.slug: s.name.get(ui.lang) or s.slug for s in services}
            leaf = _PLACES.get(parts[2], "service")
            field = f"{leaf}_{lang}" if leaf == "desc" else leaf
            words = ui.t[f"desc_{lang}" if leaf == "desc" else leaf]
            label = f"{ui.t['row']} {n + 1} · {names.get(item.service, item.service)} · {words}"
            return label, f"{editor}#r{n}_{field}"
    if parts[0] in ("title", "summary", "timezone"):
        anchor = f"{parts[0]}_{lang}" if lang else parts[0]
        return f"{ui.t[parts[0]]}{suffix}", f"{editor}#{anchor}"
    if parts[0] == "services" and len(parts) > 1:
        return parts[1], f"/admin/services#service-{parts[1]}"
    return path, editor


@router.get("/maintenances/{slug}/publish")
@needs(Role.PUBLISHER)
async def publish_form(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    found = await _found(ui, slug)
    if isinstance(found, Response):
        return found
    m, revision = found
    services = await _services(ui)
    return page(ui, "publish.html", m=m, revision=revision, checks=checks(ui, m, services),
                place=lambda path: place(ui, m, services, path))  # fmt: skip


@router.post("/maintenances/{slug}/publish")
@needs(Role.PUBLISHER)
async def publish(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    revision = ui.field("revision")
    try:
        await call(maintenances.publish, ui.context, slug=slug,
                   revision=int(revision) if revision.isdigit() and len(revision) < 10 else None,
                   reason=ui.field("reason"))  # fmt: skip
    except (ValidationError, ConflictError) as exc:
        found = await _found(ui, slug)
        if isinstance(found, Response):
            return found
        m, current = found
        services = await _services(ui)
        return page(ui, "publish.html", 409, m=m, revision=current,
                    error=say_error(exc, ui.lang),
                    checks=checks(ui, m, services),
                    place=lambda path: place(ui, m, services, path))  # fmt: skip
    except (PermissionDeniedError, NotFoundError) as exc:
        return refused(ui, exc)
    return see(f"/admin/maintenances/{slug}?saved=1")


async def _decide(request: Request, slug: str, verb: str) -> Response:
    ui = ui_of(request)
    found = await _found(ui, slug)
    if isinstance(found, Response):
        return found
    m, _ = found
    errors: dict[str, str] = {}
    reason = ui.field("reason").strip()
    if not reason:
        errors[f"{verb}_reason"] = ui.t["reason_required"]
    at = None
    if verb != "cancel":
        at, error, choices = forms.local_instant(
            ui.field("at").strip(), ui.field("at_offset"), m.zone, ui.t
        )
        if error:
            errors[f"{verb}_at"] = error
            errors[f"{verb}_choices"] = " ".join(choices)  # a repeated hour: which offset?
    revision = ui.field("revision")
    expected = int(revision) if revision.isdigit() and len(revision) < 10 else None
    note = Text(ui.field("note_fr").strip(), ui.field("note_en").strip())
    if not errors:
        ctx = ui.context
        try:
            if verb == "cancel":
                await call(maintenances.cancel, ctx, slug=slug, revision=expected, reason=reason,
                           note=note)  # fmt: skip
            elif verb == "reschedule":
                await call(maintenances.reschedule, ctx, slug=slug, starts_at=at,
                           revision=expected, reason=reason, note=note)  # fmt: skip
            elif verb == "extend":
                await call(maintenances.extend, ctx, slug=slug, ends_at=at, revision=expected,
                           reason=reason, note=note)  # fmt: skip
            else:
                await call(maintenances.end_early, ctx, slug=slug, at=at, revision=expected,
                           reason=reason, note=note)  # fmt: skip
        except (PermissionDeniedError, NotFoundError) as exc:
            return refused(ui, exc)
        except (ValidationError, ConflictError) as exc:
            errors[f"{verb}_at" if verb != "cancel" else "cancel_reason"] = ui.t["refused"].format(
                message=say_error(exc, ui.lang)
            )
        else:
            return see(f"/admin/maintenances/{slug}?saved=1")
    current, revision_now = m, found[1]
    values = {f"{verb}_{k}": ui.field(k) for k in ("at", "reason", "note_fr", "note_en")}
    return _editor(ui, forms.from_maintenance(current, revision_now), current,
                   await _services(ui), status=422, decision_errors=errors,
                   decision_values=values)  # fmt: skip


@router.post("/maintenances/{slug}/reschedule")
@needs(Role.EDITOR)  # a publisher once published: the action checks
async def reschedule(request: Request, slug: str) -> Response:
    return await _decide(request, slug, "reschedule")


@router.post("/maintenances/{slug}/extend")
@needs(Role.EDITOR)
async def extend(request: Request, slug: str) -> Response:
    return await _decide(request, slug, "extend")


@router.post("/maintenances/{slug}/end-early")
@needs(Role.EDITOR)
async def end_early(request: Request, slug: str) -> Response:
    return await _decide(request, slug, "end_early")


@router.post("/maintenances/{slug}/cancel")
@needs(Role.PUBLISHER)
async def cancel(request: Request, slug: str) -> Response:
    return await _decide(request, slug, "cancel")


@router.get("/maintenances/{slug}/history")
@needs(Role.VIEWER)
async def history(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    found = await _found(ui, slug)
    if isinstance(found, Response):
        return found
    m = found[0]
    revisions = await call(maintenances.history, ui.context, slug=slug)
    numbers = [r.number for r in revisions]
    first, second = _chosen(request, "from"), _chosen(request, "to")
    if second not in numbers:
        second = numbers[-1] if numbers else 0
    if first not in numbers:
        first = max([n for n in numbers if n < second], default=second)
    if first > second:
        first, second = second, first
    names = {s.slug: s.name.get(ui.lang) or s.slug for s in await _services(ui)}
    lines = history_view.compare(revisions, first, second, m.zone, ui.lang, ui.t, names)
    between = [r for r in revisions if first < r.number <= second]
    each = {
        r.number: history_view.compare(revisions, r.number - 1, r.number, m.zone, ui.lang, ui.t,
                                       names)
        for r in revisions
    }  # fmt: skip
    return page(ui, "history.html", m=m, revisions=list(reversed(revisions)), first=first,
                second=second, lines=lines, between=between, each=each,
                note=public_note)  # fmt: skip


def _chosen(request: Request, name: str) -> int:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else -1


def text_of(value: Text, lang: str) -> str:
    return value.fr if lang == "fr" else value.en
