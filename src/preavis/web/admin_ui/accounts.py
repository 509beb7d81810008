"""Screens an admin uses for access: people (create, disable, new password link) and bearer
tokens (create, revoke; the secret shown once)."""

from __future__ import annotations

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from preavis.actions import access, password_mail, people
from preavis.domain.access import Role
from preavis.domain.errors import PreavisError
from preavis.domain.text import Lang
from preavis.formats.messages import say_error
from preavis.web import hosts
from preavis.web.admin_ui.core import UI, needs, page, router, see, ui_of
from preavis.web.admin_ui.maintenances import call, refused


def _role(value: str) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


def link_url(request: Request, secret: str) -> str:
    base = request.app.state.settings.public_url or str(request.base_url).rstrip("/")
    return f"{base}/admin/password/{secret}"


def mail_base(request: Request) -> str | None:
    """The address links in a mail start with, or None when the request's Host cannot be
    trusted for it (set PREAVIS_PUBLIC_URL)."""
    settings = request.app.state.settings
    host = request.headers.get("host", "")
    return hosts.mail_base(settings.public_url, settings.allowed_hosts, str(request.base_url), host)


async def _people(ui: UI, status: int = 200, **extra: object) -> Response:
    users = await call(people.list_users, ui.context)
    return page(
        ui, "people.html", status, users=users, hours=people.LINK_HOURS, roles=list(Role), **extra
    )


@router.get("/people")
@needs(Role.ADMIN)
async def people_screen(request: Request) -> Response:
    return await _people(ui_of(request))


@router.post("/people")
@needs(Role.ADMIN)
async def create_person(request: Request) -> Response:
    ui = ui_of(request)
    role = _role(ui.field("role"))
    if role is None:
        return await _people(ui, 422, error=ui.t["required"], error_at="role")
    try:
        user, link = await call(people.create_user, ui.context, email=ui.field("email"),
                                role=role, name=ui.field("name"))  # fmt: skip
    except PreavisError as exc:
        if isinstance(exc, ValueError):
            said = say_error(exc, ui.lang)
            return await _people(ui, 422, error=ui.t["refused"].format(message=said),
                                 error_at="email")  # fmt: skip
        return refused(ui, exc)
    wanted: Lang = "en" if ui.field("mail_lang") == "en" else "fr"
    mail = wanted if ui.field("mail") == "1" and link else None
    return await _handed(ui, 201, user.email, link_url(request, link or ""), mail, "invited")


async def _handed(
    ui: UI, status: int, email: str, url: str, lang: Lang | None, kind: password_mail.Kind
) -> Response:
    """The screen after a link was made: mailed to the person when asked (`lang`), else (or
    when the mail could not go) shown once for the admin to hand over."""
    if lang is None:
        return await _people(ui, status, link=url, link_for=email)
    if mail_base(ui.request) is None:
        return await _people(ui, status, link=url, link_for=email, not_mailed=ui.t["no_mail_base"])
    state = ui.request.app.state
    post = password_mail.Post.from_settings(state.settings)
    failed = await run_in_threadpool(
        password_mail.send_link, post, email=email, lang=lang, link=url, kind=kind,
        clock=state.clock,
    )  # fmt: skip
    if failed is None:
        return await _people(ui, status, mailed=True, link_for=email)
    return await _people(ui, status, link=url, link_for=email, not_mailed=failed)


@router.post("/people/{email}/disable")
@needs(Role.ADMIN)
async def disable_person(request: Request, email: str) -> Response:
    ui = ui_of(request)
    try:
        await call(people.disable_user, ui.context, email=email, reason=ui.field("reason"))
    except PreavisError as exc:
        return refused(ui, exc)
    return see("/admin/people")


@router.post("/people/{email}/reset-link")
@needs(Role.ADMIN)
async def reset_person(request: Request, email: str) -> Response:
    ui = ui_of(request)
    try:
        link = await call(people.reset_link, ui.context, email=email)
    except PreavisError as exc:
        return refused(ui, exc)
    chosen = ui.field("mail")
    mail: Lang | None = chosen if chosen in ("fr", "en") else None  # type: ignore[assignment]
    return await _handed(ui, 200, email, link_url(request, link), mail, "reset")


async def _tokens(ui: UI, status: int = 200, **extra: object) -> Response:
    tokens = await call(access.list_tokens, ui.context)
    return page(ui, "tokens.html", status, tokens=tokens, roles=list(Role), **extra)


@router.get("/tokens")
@needs(Role.ADMIN)
async def tokens_screen(request: Request) -> Response:
    return await _tokens(ui_of(request))


@router.post("/tokens")
@needs(Role.ADMIN)
async def create_token(request: Request) -> Response:
    ui = ui_of(request)
    role = _role(ui.field("role"))
    if role is None:
        return await _tokens(ui, 422, error=ui.t["required"])
    try:
        secret = await call(access.create_token, ui.context, name=ui.field("name").strip(),
                            role=role)  # fmt: skip
    except PreavisError as exc:
        if isinstance(exc, ValueError):
            return await _tokens(
                ui, 422, error=ui.t["refused"].format(message=say_error(exc, ui.lang))
            )
        return refused(ui, exc)
    return await _tokens(ui, 201, secret=secret)


@router.post("/tokens/{name}/revoke")
@needs(Role.ADMIN)
async def revoke_token(request: Request, name: str) -> Response:
    ui = ui_of(request)
    try:
        await call(access.revoke_token, ui.context, name=name, reason=ui.field("reason"))
    except PreavisError as exc:
        return refused(ui, exc)
    return see("/admin/tokens")
