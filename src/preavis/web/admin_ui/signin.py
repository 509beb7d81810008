"""Signing in and out, setting a password through a one-time link, the language switch and
the admin's static files."""

from __future__ import annotations

from fastapi import Request, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from preavis.actions import password_mail, people
from preavis.domain.access import Role
from preavis.domain.errors import AuthenticationError, ValidationError
from preavis.formats.messages import say_error
from preavis.web.admin_ui.accounts import mail_base
from preavis.web.admin_ui.core import (
    LANG_COOKIE,
    PUBLIC,
    SESSION_COOKIE,
    message_page,
    needs,
    page,
    router,
    safe_next,
    secure,
    see,
    templates,
    ui_of,
)
from preavis.web.admin_ui.words import count
from preavis.web.client import client_address

TYPES = {"admin.css": "text/css; charset=utf-8", "admin.js": "text/javascript; charset=utf-8"}


@router.get("/login")
@needs(PUBLIC)
async def login_form(request: Request) -> Response:
    ui = ui_of(request)
    done = request.query_params.get("done") == "1"
    return page(ui, "login.html", next=safe_next(request.query_params.get("next")), done=done)


@router.post("/login")
@needs(PUBLIC)
async def login(request: Request) -> Response:
    ui = ui_of(request)
    state = request.app.state
    email, target = ui.field("email"), safe_next(ui.field("next"))
    address = client_address(request)
    try:
        secret, _ = await run_in_threadpool(
            people.sign_in, state.store, state.clock, email=email,
            password=ui.field("password"), address=address,
        )  # fmt: skip
    except people.TooManyAttemptsError as exc:
        minutes = count(ui.lang, "minutes", (exc.retry_after + 59) // 60)
        refusal = page(ui, "login.html", 429, next=target, email=email,
                        error=ui.t["throttled"].format(minutes=minutes))  # fmt: skip
        refusal.headers["retry-after"] = str(exc.retry_after)
        return refusal
    except AuthenticationError:
        return page(ui, "login.html", 401, next=target, email=email,
                    error=ui.t["wrong_credentials"])  # fmt: skip
    response = see(target)
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=int(people.SESSION_ABSOLUTE.total_seconds()),
        httponly=True, samesite="lax", secure=secure(request), path="/admin",
    )  # fmt: skip
    return response


@router.get("/forgot")
@needs(PUBLIC)
async def forgot_form(request: Request) -> Response:
    return page(ui_of(request), "forgot.html")


@router.post("/forgot")
@needs(PUBLIC)
async def forgot(request: Request) -> Response:
    """A link mailed to the account, if there is one: the answer is the same either way."""
    ui = ui_of(request)
    state = request.app.state
    email = ui.field("email")[: people.EMAIL_MAX]
    base = mail_base(request)  # None: no link may be mailed from this Host
    try:
        made = await run_in_threadpool(
            password_mail.forgot_password, state.store, state.clock, email=email,
            address=client_address(request), base=base,
        )  # fmt: skip
    except people.TooManyAttemptsError as exc:
        minutes = count(ui.lang, "minutes", (exc.retry_after + 59) // 60)
        refusal = page(ui, "forgot.html", 429, email=email,
                       error=ui.t["forgot_throttled"].format(minutes=minutes))  # fmt: skip
        refusal.headers["retry-after"] = str(exc.retry_after)
        return refusal
    answer = page(ui, "forgot.html", sent=True, hours=people.LINK_HOURS)
    if made is not None:  # mailed once the answer is out: its time tells nothing
        post = password_mail.Post.from_settings(state.settings)
        answer.background = BackgroundTask(
            password_mail.send_link, post, email=made[0], lang=ui.lang, link=made[1],
            kind="forgot", clock=state.clock,
        )  # fmt: skip
    return answer


@router.post("/logout")
@needs(Role.VIEWER)
async def logout(request: Request) -> Response:
    state = request.app.state
    secret = request.cookies.get(SESSION_COOKIE)
    await run_in_threadpool(people.sign_out, state.store, secret=secret)
    response = see("/admin/login")
    response.delete_cookie(SESSION_COOKIE, path="/admin", httponly=True, samesite="lax",
                           secure=secure(request))  # fmt: skip
    return response


@router.get("/password/{link}")
@needs(PUBLIC)
async def password_form(request: Request, link: str) -> Response:
    ui = ui_of(request)
    state = request.app.state
    try:
        user = await run_in_threadpool(people.link_user, state.store, state.clock, link=link)
    except AuthenticationError:
        return message_page(ui, 404, ui.t["bad_link"])
    return page(ui, "password.html", user=user, link=link)


@router.post("/password/{link}")
@needs(PUBLIC)
async def password_set(request: Request, link: str) -> Response:
    ui = ui_of(request)
    state = request.app.state
    try:
        user = await run_in_threadpool(people.link_user, state.store, state.clock, link=link)
    except AuthenticationError:
        return message_page(ui, 404, ui.t["bad_link"])
    password = ui.field("password")
    error = ""
    if password != ui.field("password2"):
        error = ui.t["passwords_differ"]
    elif len(password) < people.PASSWORD_MIN:
        error = ui.t["password_short"].format(n=people.PASSWORD_MIN)
    if not error:
        try:
            await run_in_threadpool(
                people.set_password, state.store, state.clock, link=link, password=password
            )
        except AuthenticationError:
            return message_page(ui, 404, ui.t["bad_link"])
        except ValidationError as exc:
            error = ui.t["refused"].format(message=say_error(exc, ui.lang))
        else:
            return see("/admin/login?done=1")
    return page(ui, "password.html", 422, user=user, link=link, error=error)


@router.get("/lang/{lang}")
@needs(PUBLIC)
async def switch_language(request: Request, lang: str) -> Response:
    response = see(safe_next(request.query_params.get("next")))
    if lang in ("fr", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax",
                            path="/admin", secure=secure(request))  # fmt: skip
    return response


@router.get("/static/{name}")
@needs(PUBLIC)
async def asset(request: Request, name: str) -> Response:
    body = templates().assets.get(name)
    if body is None:
        return message_page(ui_of(request), 404, ui_of(request).t["not_found"])
    return Response(
        body, media_type=TYPES[name],
        headers={"cache-control": "public, max-age=31536000, immutable"},
    )  # fmt: skip
