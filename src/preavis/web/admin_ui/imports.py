"""The import screen: paste a notice or upload a file; the reader's result beside the source,
warnings on their rows; then saved as a draft, to be fixed in the editor."""

from __future__ import annotations

from babel.numbers import format_decimal
from fastapi import Request, Response
from starlette.datastructures import UploadFile

from preavis.actions import imports, maintenances
from preavis.domain.access import Role
from preavis.domain.errors import ConflictError, NoticeError, PreavisError, ValidationError
from preavis.domain.problems import Problem
from preavis.domain.zones import zone
from preavis.formats.messages import say_error, say_problem
from preavis.notices.limits import NOTICE_MAX_BYTES
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


def _screen(ui: UI, status: int = 200, **values: object) -> Response:
    def say(problem: Problem) -> str:
        """The reader's warning or error in the UI's language (through the catalogue)."""
        return say_problem(problem, ui.lang)

    return page(ui, "import.html", status, say=say, **values)


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
    ui: UI, raw: bytes, pasted: str, year: str, timezone: str, status: int = 200, **values: object
) -> Response:
    """The reader's result beside the source; on a refusal, the form again with what was
    `pasted` still in it (nothing typed is lost)."""
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
    reading = preview.reading
    lines = preview.text.splitlines()
    rows_at = {row.line for row in reading.interruptions}
    warned = {p.line for p in (*reading.warnings, *reading.errors) if p.line}
    return _screen(ui, status, year=year, timezone=timezone, text=preview.text, lines=lines,
                   reading=reading, rows_at=rows_at, warned=warned, **values)  # fmt: skip


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


@router.post("/import/save")
@needs(Role.EDITOR)
async def import_save(request: Request) -> Response:
    ui = ui_of(request)
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
