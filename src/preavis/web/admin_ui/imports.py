"""The import screen: paste a notice or upload a file; the reader's result beside the source,
warnings on their rows; then saved as a draft, to be fixed in the editor."""

from __future__ import annotations

from babel.numbers import format_decimal
from fastapi import Request, Response
from starlette.datastructures import UploadFile

from preavis.actions import catalogue, imports, maintenances
from preavis.actions.maintenances import slugify
from preavis.domain.access import Role
from preavis.domain.errors import ConflictError, NoticeError, PreavisError, ValidationError
from preavis.domain.maintenance import Maintenance
from preavis.domain.problems import Problem
from preavis.domain.service import Service, check_slug
from preavis.domain.zones import zone
from preavis.formats.messages import say_error, say_problem
from preavis.notices.limits import NOTICE_MAX_BYTES
from preavis.web.admin_ui import review
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import ZONES, call, fields, refused
from preavis.web.admin_ui.words import RULES


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


def _screen(ui: UI, status: int = 200, **values: object) -> Response:
    def say(problem: Problem) -> str:
        """The reader's warning or error in the UI's language (through the catalogue)."""
        return say_problem(problem, ui.lang)

    return page(ui, "import.html", status, say=say, rules=RULES[ui.lang], **values)


@router.get("/import")
@needs(Role.EDITOR)
async def import_form(request: Request) -> Response:
    return _screen(ui_of(request), year=str(ui_of(request).context.clock.now().year))


def _zone_error(ui: UI, timezone: str) -> str | None:
    """The UI's words for a zone that is not one (checked before the reader runs)."""
    if not timezone:
        return None
    try:
        zone(timezone)
    except ValidationError:
        return ui.t["unknown_zone"].format(name=timezone)
    return None


async def _review(
    ui: UI, raw: bytes, pasted: str, year: str, timezone: str, status: int = 200,
    **values: object,
) -> Response:  # fmt: skip
    """The reader's result beside the source, as a form to correct; on a refusal, the form
    again with what was `pasted` still in it (nothing typed is lost)."""
    bad_zone = _zone_error(ui, timezone)
    if bad_zone:
        return _screen(ui, 422, year=year, timezone=timezone, text=pasted, error=bad_zone)
    try:
        preview = await call(imports.preview_notice, ui.context, data=raw, year=_year(year),
                             timezone=timezone or None)  # fmt: skip
    except (NoticeError, ValidationError) as exc:
        return _screen(ui, 422, year=year, timezone=timezone, text=pasted,
                       error=ui.t["refused"].format(message=say_error(exc, ui.lang)))  # fmt: skip
    except PreavisError as exc:
        return refused(ui, exc)
    services = await call(catalogue.list_services, ui.context)
    form = review.from_reading(preview.reading, preview.text, year, list(services), ui.lang, ui.t)
    form.slug, form.reason = str(values.pop("slug", "")), str(values.pop("reason", ""))
    return _corrections(ui, form, list(services), status, None, **values)


def _corrections(
    ui: UI, form: review.ImportForm, services: list[Service], status: int = 200,
    errors: dict[str, str] | None = None, **values: object,
) -> Response:  # fmt: skip
    """The review: the source, numbered, beside the rows to correct with their evidence."""
    lines = form.text.splitlines()
    rows_at = {int(r.line) for r in form.rows if r.line.isdigit()}
    warned = {int(r.line) for r in form.rows if r.line.isdigit() and r.warnings}
    warned |= {int(n) for n, _ in (*form.said(form.loose), *form.said(form.refusal)) if n.isdigit()}
    names = sorted({s.name.get(form.lang) for s in services if not s.retired})
    windows = review.instants(form, ui.t)  # each row's window, said in words beside it
    return _screen(ui, status, review=form, lines=lines, rows_at=rows_at, warned=warned,
                   errors=errors or {}, names=names, windows=windows, year=form.year,
                   timezone=form.timezone, zones=ZONES, **values)  # fmt: skip


@router.post("/import")
@needs(Role.EDITOR)
async def import_read(request: Request) -> Response:
    ui = ui_of(request)
    assert ui.form is not None
    upload = ui.form.get("file")
    raw = ui.field("notice").encode("utf-8")
    year, timezone = ui.field("year").strip(), ui.field("timezone").strip()
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(NOTICE_MAX_BYTES + 1)
        if len(raw) > NOTICE_MAX_BYTES:  # said here, in the UI's words, before the reader
            megabytes = (upload.size or len(raw)) / 1024 / 1024
            size = format_decimal(megabytes, "0.0", locale=f"{ui.lang}_CA")
            return _screen(ui, 413, year=year, timezone=timezone, text=ui.field("notice"),
                           error=ui.t["file_too_big"].format(size=size))  # fmt: skip
    if not raw.strip():
        return _screen(ui, 422, year=year, timezone=timezone, error=ui.t["notice_missing"])
    return await _review(ui, raw, ui.field("notice"), year, timezone)


@router.post("/import/edit")
@needs(Role.EDITOR)
async def import_edit(request: Request) -> Response:
    """The review as it stands, not saved: a window given to the selected rows, or more blank
    rows (without JavaScript)."""
    ui = ui_of(request)
    form = review.from_fields(fields(ui))
    errors: dict[str, str] = {}
    given = {k: ui.field(k).strip() for k in review.APPLIED}
    if ui.field("apply"):
        errors = review.apply_to_selected(form, given, ui.t)
    extra = review.BLANK_ROWS if ui.field("add_rows") else 0
    form.with_blank_rows(min(review.BLANK_ROWS + extra, review.MAX_ROWS))
    services = list(await call(catalogue.list_services, ui.context))
    applied = given if errors else {}  # kept to correct when refused, else cleared
    return _corrections(ui, form, services, 422 if errors else 200, errors, applied=applied)


@router.post("/import/save")
@needs(Role.EDITOR)
async def import_save(request: Request) -> Response:
    ui = ui_of(request)
    if "rows" not in fields(ui):  # the notice's text alone: saved as the reader reads it
        return await _save_as_read(ui)
    form = review.from_fields(fields(ui))
    services = list(await call(catalogue.list_services, ui.context))
    done = review.parse(form, services, ui.t, ui.lang)
    errors = dict(done.errors)
    if form.slug and "slug" not in errors:
        try:
            check_slug(form.slug)
        except ValidationError as exc:
            errors["slug"] = ui.t["refused"].format(message=say_error(exc, ui.lang))
    if not errors:
        first = min(i.starts_at for i in done.interruptions).astimezone(zone(done.timezone))
        slug = form.slug or slugify(f"{form.title}-{first:%Y-%m-%d}")
        try:
            draft = Maintenance(slug=slug, title=done.title, timezone=done.timezone,
                                interruptions=done.interruptions)  # fmt: skip
            stored, _ = await call(
                maintenances.import_corrected, ui.context, maintenance=draft,
                new_services=done.new_services, lang=form.lang, reason=form.reason,
                learned=done.learned,
            )  # fmt: skip
        except ValidationError as exc:
            errors[review.field_of(exc.field, form)] = ui.t["refused"].format(
                message=say_error(exc, ui.lang)
            )
        except ConflictError as exc:
            errors["slug"] = ui.t["refused"].format(message=say_error(exc, ui.lang))
        except PreavisError as exc:
            return refused(ui, exc)
        else:
            return see(f"/admin/maintenances/{stored.slug}?saved=1")
    # The review again, everything typed kept and each error beside its field.
    return _corrections(ui, form.with_blank_rows(), services, 422, errors)


async def _save_as_read(ui: UI) -> Response:
    slug = ui.field("slug").strip() or None
    text, year = ui.field("text"), ui.field("year")
    timezone, reason = ui.field("timezone").strip(), ui.field("reason").strip()
    bad_zone = _zone_error(ui, timezone)
    try:
        if bad_zone:
            raise ValidationError(bad_zone, field="timezone")
        stored, _, _ = await call(
            maintenances.import_notice, ui.context, data=text.encode("utf-8"),
            slug=slug, year=_year(year), timezone=timezone or None, reason=reason,
        )  # fmt: skip
    except (NoticeError, ValidationError, ConflictError, ValueError) as exc:
        # The review again, with the slug and reason typed: the refusal costs nothing.
        message = bad_zone or ui.t["refused"].format(message=say_error(exc, ui.lang))
        return await _review(ui, text.encode("utf-8"), text, year, timezone, 422,
                             error=message, slug=slug or "", reason=reason)  # fmt: skip
    except PreavisError as exc:
        return refused(ui, exc)
    return see(f"/admin/maintenances/{stored.slug}?saved=1")
