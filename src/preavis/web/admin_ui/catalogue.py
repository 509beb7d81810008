"""Screens on the catalogue: services and groups (create, rename in both languages, move
between groups, retire), and the services' aliases (names read in notices as a service).
Reading needs a viewer; every change an admin, as in the API, but aliases an editor (who
teaches them in the import review anyway)."""

from __future__ import annotations

from fastapi import Request, Response

from preavis.actions import catalogue
from preavis.domain.access import Role
from preavis.domain.errors import PreavisError, ValidationError
from preavis.domain.service import Group, Service
from preavis.domain.text import Text
from preavis.formats.messages import say_error
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused


async def _screen(ui: UI, status: int = 200, **extra: object) -> Response:
    services = await call(catalogue.list_services_with_revisions, ui.context)
    groups = await call(catalogue.list_groups, ui.context)
    aliases = await call(catalogue.list_aliases, ui.context)
    names = {s.slug: s.name.get(ui.lang) or s.slug for s, _ in services}
    return page(ui, "services.html", status, services=services, groups=groups, aliases=aliases,
                names=names, **extra)  # fmt: skip


@router.get("/services")
@needs(Role.VIEWER)
async def services(request: Request) -> Response:
    ui = ui_of(request)
    return await _screen(ui, saved=request.query_params.get("saved") == "1")


def _refusal(ui: UI, exc: PreavisError) -> str:
    return ui.t["refused"].format(message=say_error(exc, ui.lang))


@router.post("/services")
@needs(Role.ADMIN)
async def create_service(request: Request) -> Response:
    ui = ui_of(request)
    group = ui.field("group").strip() or None
    try:
        name = Text(ui.field("name_fr").strip(), ui.field("name_en").strip())
        service = Service(ui.field("slug").strip(), name, group=group)
        await call(catalogue.create_service, ui.context, service=service,
                   reason=ui.field("reason").strip())  # fmt: skip
    except PreavisError as exc:
        if isinstance(exc, ValidationError | ValueError) and not isinstance(exc, PermissionError):
            return await _screen(ui, 422, error=_refusal(ui, exc), error_at="new-service")
        return refused(ui, exc)
    return see("/admin/services?saved=1")


@router.post("/services/{slug}")
@needs(Role.ADMIN)
async def change_service(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    group = ui.field("group").strip() or None
    revision = ui.field("revision")
    try:
        await call(
            catalogue.change_service, ui.context, slug=slug,
            name=Text(ui.field("name_fr").strip(), ui.field("name_en").strip()), group=group,
            revision=int(revision) if revision.isdigit() and len(revision) < 10 else None,
            reason=ui.field("reason").strip(),
        )  # fmt: skip
    except PreavisError as exc:
        if isinstance(exc, ValueError):
            return await _screen(ui, 422, error=_refusal(ui, exc), error_at=f"service-{slug}")
        return refused(ui, exc)
    return see("/admin/services?saved=1")


@router.post("/services/{slug}/retire")
@needs(Role.ADMIN)
async def retire_service(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    try:
        await call(catalogue.retire_service, ui.context, slug=slug,
                   reason=ui.field("reason").strip())  # fmt: skip
    except PreavisError as exc:
        if isinstance(exc, ValueError):
            return await _screen(ui, 409, error=_refusal(ui, exc), error_at=f"service-{slug}")
        return refused(ui, exc)
    return see("/admin/services?saved=1")


@router.post("/groups")
@needs(Role.ADMIN)
async def put_group(request: Request) -> Response:
    ui = ui_of(request)
    try:
        group = Group(
            ui.field("slug").strip(), Text(ui.field("name_fr").strip(), ui.field("name_en").strip())
        )
        await call(catalogue.put_group, ui.context, group=group)
    except PreavisError as exc:
        if isinstance(exc, ValueError):
            return await _screen(ui, 422, error=_refusal(ui, exc), error_at="new-group")
        return refused(ui, exc)
    return see("/admin/services?saved=1")


@router.post("/aliases")
@needs(Role.EDITOR)
async def add_alias(request: Request) -> Response:
    ui = ui_of(request)
    slug = ui.field("service").strip()
    try:
        await call(catalogue.add_alias, ui.context, slug=slug, name=ui.field("name"))
    except PreavisError as exc:
        if isinstance(exc, ValidationError):
            return await _screen(ui, 422, error=_refusal(ui, exc), error_at="new-alias")
        return refused(ui, exc)
    return see("/admin/services?saved=1#aliases")


@router.post("/services/{slug}/aliases/remove")
@needs(Role.EDITOR)
async def remove_alias(request: Request, slug: str) -> Response:
    ui = ui_of(request)
    try:
        await call(catalogue.remove_alias, ui.context, slug=slug, name=ui.field("name"))
    except PreavisError as exc:
        return refused(ui, exc)
    return see("/admin/services?saved=1#aliases")
