"""The import screen: paste a notice or upload a file; the reader's result beside the source,
warnings on their rows; then saved as a draft, to be fixed in the editor."""

from __future__ import annotations

from fastapi import Request, Response
from starlette.datastructures import UploadFile

from preavis.actions import imports, maintenances
from preavis.domain.access import Role
from preavis.domain.errors import NoticeError, PreavisError, ValidationError
from preavis.formats.messages import say_error
from preavis.notices.source import NOTICE_MAX_BYTES
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


def _screen(ui: UI, status: int = 200, **values: object) -> Response:
    return page(ui, "import.html", status, **values)


@router.get("/import")
@needs(Role.EDITOR)
async def import_form(request: Request) -> Response:
    return _screen(ui_of(request), year=str(ui_of(request).context.clock.now().year))


@router.post("/import")
@needs(Role.EDITOR)
async def import_read(request: Request) -> Response:
    ui = ui_of(request)
    assert ui.form is not None
    upload = ui.form.get("file")
    raw = ui.field("notice").encode("utf-8")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(NOTICE_MAX_BYTES + 1)
    year, timezone = ui.field("year").strip(), ui.field("timezone").strip()
    if not raw.strip():
        return _screen(ui, 422, year=year, timezone=timezone, error=ui.t["required"])
    try:
        preview = await call(imports.preview_notice, ui.context, data=raw, year=_year(year),
                             timezone=timezone or None)  # fmt: skip
    except (NoticeError, ValidationError) as exc:
        return _screen(ui, 422, year=year, timezone=timezone,
                       error=ui.t["refused"].format(message=say_error(exc, ui.lang)))  # fmt: skip
    except PreavisError as exc:
        return refused(ui, exc)
    reading = preview.reading
    lines = preview.text.splitlines()
    rows_at = {row.line for row in reading.interruptions}
    warned = {p.line for p in (*reading.warnings, *reading.errors) if p.line}
    return _screen(ui, year=year, timezone=timezone, text=preview.text, lines=lines,
                   reading=reading, rows_at=rows_at, warned=warned)  # fmt: skip


@router.post("/import/save")
@needs(Role.EDITOR)
async def import_save(request: Request) -> Response:
    ui = ui_of(request)
    slug = ui.field("slug").strip() or None
    try:
        stored, _, _ = await call(
            maintenances.import_notice, ui.context, data=ui.field("text").encode("utf-8"),
            slug=slug, year=_year(ui.field("year")), timezone=ui.field("timezone") or None,
            reason=ui.field("reason").strip(),
        )  # fmt: skip
    except (NoticeError, ValidationError, ValueError) as exc:
        return _screen(ui, 422, error=ui.t["refused"].format(message=say_error(exc, ui.lang)))
    except PreavisError as exc:
        return refused(ui, exc)
    return see(f"/admin/maintenances/{stored.slug}?saved=1")
