"""What every admin screen shares: the role each route declares, checked first; the session
cookie; CSRF on every form; the UI language; rendering with the admin's security headers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, cast
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from preavis.actions import people
from preavis.actions.context import Context
from preavis.domain.access import Role
from preavis.domain.errors import StorageUnavailableError
from preavis.domain.maintenance import Maintenance
from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.formats.messages import say_recorded
from preavis.formats.wording import format_window, zone_name
from preavis.web.admin_ui.words import WORDS, count
from preavis.web.client import is_https
from preavis.web.query import preferred_language
from preavis.web.words import hold_together

SESSION_COOKIE = "preavis_session"
PRE_CSRF_COOKIE = "preavis_csrf"  # double-submit token of the forms shown signed out
LANG_COOKIE = "preavis_admin_lang"
CSRF_FIELD = "csrf"
MAX_FIELDS = 600  # a maintenance of many rows, with room to spare
MAX_FILES = 1
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class _Public:
    pass


PUBLIC: Final = _Public()  # a screen anyone may open (sign-in, password link, assets)
ROLES: dict[Callable[..., Any], Role | _Public] = {}


def needs(role: Role | _Public) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the role a screen or form needs; AdminUIRoute refuses a route without one."""

    def mark(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        ROLES[endpoint] = role
        return endpoint

    return mark


@dataclass
class UI:
    """The request as a screen sees it: language, who (if signed in), their context."""

    request: Request
    lang: Lang
    signed: people.SignedIn | None = None
    ctx: Context | None = None
    form: FormData | None = None
    pre_csrf: str = ""

    @property
    def t(self) -> dict[str, str]:
        return WORDS[self.lang]

    @property
    def role(self) -> Role | None:
        return self.signed.user.role if self.signed else None

    def can(self, role: Role) -> bool:
        return self.signed is not None and self.signed.user.role.rank >= role.rank

    @property
    def context(self) -> Context:
        assert self.ctx is not None, "a signed-in screen"
        return self.ctx

    def field(self, name: str, default: str = "") -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else default


def ui_of(request: Request) -> UI:
    return cast(UI, request.state.ui)


def language(request: Request) -> Lang:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in ("fr", "en"):
        return cast(Lang, chosen)
    return preferred_language(request.headers.get("accept-language", ""))


def secure(request: Request) -> bool:
    """Cookies are Secure over HTTPS (as a trusted proxy says too), or when the site says it is
    served behind HTTPS."""
    settings = request.app.state.settings
    return is_https(request) or settings.public_url.startswith("https://")


class Templates:
    """The admin's Jinja environment and its two static files (no CDN)."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("preavis.web.admin_ui", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["hold"] = hold_together
        folder = resources.files("preavis.web.admin_ui").joinpath("static")
        self.assets = {
            name: folder.joinpath(name).read_bytes() for name in ("admin.css", "admin.js")
        }
        self.version = hashlib.blake2b(b"".join(self.assets.values()), digest_size=6).hexdigest()


_templates: Templates | None = None


def templates() -> Templates:
    global _templates  # noqa: PLW0603 - built on first use, never at import
    if _templates is None:
        _templates = Templates()
    return _templates


def page(ui: UI, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A screen rendered in the UI's language, with the switch to the other one."""
    t = templates()
    other = "en" if ui.lang == "fr" else "fr"
    here = ui.request.url.path + (f"?{ui.request.url.query}" if ui.request.url.query else "")
    html = t.env.get_template(name).render(
        ui=ui,
        t=ui.t,
        lang=ui.lang,
        csrf=ui.signed.csrf if ui.signed else ui.pre_csrf,
        switch_url=f"/admin/lang/{other}?next={quote(here, safe='')}",
        version=t.version,
        Role=Role,
        window=lambda m: _window(m, ui.lang),
        window_of=lambda start, end, tz: hold_together(
            format_window(start, end, zone(tz), ui.lang)
        ),
        count=lambda key, n: count(ui.lang, key, int(n)),
        recorded=lambda text: say_recorded(text or "", ui.lang),  # "applied from a schedule file"
        zone_name=lambda tz: zone_name(zone(tz), ui.lang),  # "heure de l’Est (HE)"
        **values,
    )
    response = HTMLResponse(html, status_code=status)
    if ui.pre_csrf and ui.request.cookies.get(PRE_CSRF_COOKIE) != ui.pre_csrf:
        response.set_cookie(
            PRE_CSRF_COOKIE, ui.pre_csrf, httponly=True, samesite="lax", path="/admin",
            secure=secure(ui.request),
        )  # fmt: skip
    return response


def _window(m: Maintenance, lang: Lang) -> str:
    found = m.window
    # "20 h", "8 p.m." never cut over two lines, as on the public pages
    return hold_together(format_window(found[0], found[1], m.zone, lang)) if found else ""


def message_page(ui: UI, status: int, message: str) -> HTMLResponse:
    return page(ui, "message.html", status, message=message)


def see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


class AdminUIRoute(APIRoute):
    """A screen of the admin: it must declare its role (`needs`), which is checked from the
    session cookie before the form is read or anything is looked up; a POST's CSRF token is
    checked next; then the screen runs. Every answer gets the admin's CSP and no-store."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.endpoint not in ROLES:
            raise TypeError(f"admin screen {self.path} must declare the role it needs")
        role = ROLES[self.endpoint]

        async def guarded(request: Request) -> Response:
            try:
                response = await self._guarded(request, role, handler)
            except StorageUnavailableError:  # a page in the UI's words, not the API's JSON
                ui = getattr(request.state, "ui", None) or UI(request, language(request))
                response = message_page(ui, 503, ui.t["db_away"])
                response.headers["retry-after"] = "5"
            response.headers["content-security-policy"] = CSP
            response.headers.setdefault("cache-control", "no-store")
            response.headers["x-frame-options"] = "DENY"
            return response

        return guarded

    async def _guarded(
        self,
        request: Request,
        role: Role | _Public,
        handler: Callable[[Request], Coroutine[Any, Any, Response]],
    ) -> Response:
        state = request.app.state
        ui = UI(request, language(request))
        request.state.ui = ui
        post = request.method == "POST"
        if isinstance(role, Role):
            secret = request.cookies.get(SESSION_COOKIE)
            ui.signed = await run_in_threadpool(
                people.session, state.store, state.clock, secret=secret
            )
            if ui.signed is None:
                if post:
                    return message_page(ui, 403, ui.t["forbidden"])
                return see(f"/admin/login?next={quote(request.url.path, safe='')}")
            if not ui.can(role):
                return message_page(ui, 403, ui.t["forbidden"])
            ui.ctx = Context(
                state.store, state.clock, ui.signed.user.actor, state.settings.languages,
                state.notices,
            )  # fmt: skip
            expected = ui.signed.csrf
        else:
            ui.pre_csrf = request.cookies.get(PRE_CSRF_COOKIE) or secrets.token_urlsafe(24)
            expected = request.cookies.get(PRE_CSRF_COOKIE, "")
        if not post:
            return await handler(request)
        try:
            ui.form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
        except HTTPException:  # a part over 1 MB, too many fields: said in the UI's words
            return page(ui, "message.html", 413, message=ui.t["form_too_big"],
                        back=("/admin/import", ui.t["import"]))  # fmt: skip
        try:
            if not _same(ui.field(CSRF_FIELD), expected):
                return message_page(ui, 403, ui.t["csrf"])
            return await handler(request)
        finally:
            await ui.form.close()  # uploaded files are spooled to temporary files


router = APIRouter(prefix="/admin", route_class=AdminUIRoute, include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Where to go after signing in or switching language: an admin path, never elsewhere."""
    if value and value.startswith("/admin/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/admin/"
