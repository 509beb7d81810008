"""Subscribing to notifications: the public pages (/fr/abonnement, /en/subscribe: forms that
work without JavaScript), the public API (POST /api/v1/subscriptions) and one-click unsubscribe
(RFC 8058). Every answer to a subscribe request is the same, known address or not."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from preavis.actions import keys, subscriptions
from preavis.actions.subscriptions import Request as Wanted
from preavis.domain.errors import (
    NotFoundError,
    PreavisError,
    StorageUnavailableError,
    ValidationError,
)
from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.formats.messages import say_error, typography
from preavis.formats.wording import zone_name
from preavis.notify import plan
from preavis.web import errors
from preavis.web.client import client_address
from preavis.web.front import page_policy
from preavis.web.picker import picker_zones
from preavis.web.query import preferred_language
from preavis.web.schemas import ErrorOut

router = APIRouter(tags=["subscriptions"])
FORM_MAX_BYTES = 16_384
FORM_MAX_FIELDS = 300
PER_CLIENT_WINDOW = subscriptions.PER_CLIENT_WINDOW  # a client that asked too often waits
PAGES: dict[Lang, str] = {"fr": plan.PAGES["fr"], "en": plan.PAGES["en"]}
ACCEPTED: dict[str, str] = {
    "status": "accepted",
    "message": "If this address can receive our notices, a confirmation message is on its way; "
    "nothing is sent until the link in it is opened.",
}
WORDS: dict[Lang, dict[str, str]] = {
    "fr": {
        "title": "S’abonner aux avis de maintenance",
        "intro": "Recevez par courriel les maintenances prévues, leurs changements et leurs "
        "annulations. Nous vous enverrons d’abord un message de confirmation.",
        "email": "Adresse courriel",
        "colon": "\u00a0: ",
        "language": "Langue des messages",
        "scope": "Services",
        "everything": "Tous les services",
        "or_some": "Ou seulement ceux-ci :",
        "whole_groups": "Des groupes entiers (les services qui s’y ajouteront compris) :",
        "single_services": "Des services :",
        "zone": "Fuseau horaire des heures",
        "zone_default": "Celui de chaque maintenance",
        "submit": "S’abonner",
        "sent": "Vérifiez votre boîte de réception : si cette adresse peut recevoir nos avis, "
        "un message de confirmation s’y trouve. Rien d’autre ne sera envoyé avant que vous "
        "ouvriez son lien.",
        "confirmed": "Votre abonnement est confirmé.",
        "preferences": "Préférences de l’abonnement",
        "save": "Enregistrer",
        "saved": "Vos préférences sont enregistrées.",
        "unsubscribe": "Se désabonner",
        "unsubscribe_ask": "Ne plus recevoir aucun avis à {email} ?",
        "unsubscribed": "Vous êtes désabonné : vous ne recevrez plus d’avis.",
        "manage": "Modifier les préférences",
        "too_many": "Trop de demandes depuis votre adresse : réessayez plus tard.",
        "away": "Le service est momentanément indisponible : rien n’a été enregistré. Réessayez "
        "dans un instant.",
        "error": "Erreur :",
        "bad_email": "Cette adresse courriel n’est pas valide.",
        "bad_services": "Cochez au moins un service, ou choisissez « Tous les services ».",
        "bad_form": "Le formulaire n’a pas pu être lu.",
        "bad_link": "Ce lien n’est pas valide ou a expiré : abonnez-vous de nouveau.",
    },
    "en": {
        "title": "Subscribe to maintenance notices",
        "intro": "Get planned maintenances, their changes and cancellations by e-mail. We will "
        "first send you a confirmation message.",
        "email": "E-mail address",
        "colon": ": ",
        "language": "Language of the messages",
        "scope": "Services",
        "everything": "All services",
        "or_some": "Or only these:",
        "whole_groups": "Whole groups (services added to them later included):",
        "single_services": "Services:",
        "zone": "Time zone of the times",
        "zone_default": "Each maintenance’s own",
        "submit": "Subscribe",
        "sent": "Check your inbox: if this address can receive our notices, a confirmation "
        "message is there. Nothing else is sent until you open its link.",
        "confirmed": "Your subscription is confirmed.",
        "preferences": "Subscription preferences",
        "save": "Save",
        "saved": "Your preferences are saved.",
        "unsubscribe": "Unsubscribe",
        "unsubscribe_ask": "Stop all notices to {email}?",
        "unsubscribed": "You are unsubscribed: you will get no more notices.",
        "manage": "Change the preferences",
        "too_many": "Too many requests from your address: try again later.",
        "away": "The service is unavailable for a moment: nothing was saved. Try again in a "
        "moment.",
        "error": "Error:",
        "bad_email": "This e-mail address is not valid.",
        "bad_services": "Tick at least one service, or choose “All services”.",
        "bad_form": "The form could not be read.",
        "bad_link": "This link is not valid or has expired: subscribe again.",
    },
}


WORDS["fr"] = {key: typography(text) for key, text in WORDS["fr"].items()}  # « : » as the site


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    language: Literal["fr", "en"]
    services: list[str] | None = Field(default=None, max_length=500)
    groups: list[str] | None = Field(default=None, max_length=100)
    timezone: str | None = Field(default=None, max_length=64)


def _state(request: Request) -> Any:
    return request.app.state


def _secret(request: Request) -> list[str]:
    """The keys links are checked against (the current one signs; the previous one, kept
    while the key is being changed, still opens the links in mail already sent)."""
    state = _state(request)
    secret: list[str] | None = getattr(state, "link_secrets", None)
    if secret is None:
        secret = keys.link_secrets(state.settings)
        state.link_secrets = secret
    return secret


def _client(request: Request) -> str:
    return client_address(request)


def _subscribe(request: Request, email: str, wanted: Wanted, how: str) -> bool:
    """False when the client asked too often; otherwise the request is handled, whatever
    the address (the caller answers the same either way)."""
    state = _state(request)
    if not subscriptions.allow_client(state.store, state.clock, _client(request)):
        return False
    subscriptions.subscribe(
        state.store, state.clock, email=email, request=wanted, how=how,
        source=f"client {_client(request)}",
    )  # fmt: skip
    return True


def _errors(codes: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut, "description": text} for code, text in codes.items()}


@router.post(
    "/api/v1/subscriptions",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        202: {"description": "Accepted (the same answer whether the address is known or not)"},
        **_errors({413: "Request body too large", 422: "Invalid data", 429: "Too many requests"}),
    },
)
def subscribe_api(request: Request, body: SubscriptionIn) -> Response:
    """Ask for a confirmation message; the same 202 answer whether the address is known."""
    wanted = Wanted(
        body.language, tuple(body.services or ()), tuple(body.groups or ()), body.timezone
    )
    if not _subscribe(request, body.email, wanted, "public API"):
        return JSONResponse(
            errors.body("too_many_requests", WORDS["en"]["too_many"]),
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(int(PER_CLIENT_WINDOW.total_seconds()))},
        )
    return JSONResponse(ACCEPTED, status_code=status.HTTP_202_ACCEPTED)


@router.post(
    "/api/v1/subscriptions/unsubscribe",
    status_code=status.HTTP_200_OK,
    responses=_errors({404: "The link is not valid", 422: "Invalid data"}),
)
def one_click_unsubscribe(request: Request, token: str = "") -> dict[str, str]:
    """RFC 8058 one-click unsubscribe (the List-Unsubscribe header's target): at once."""
    state = _state(request)
    subscriptions.unsubscribe(state.store, state.clock, secret=_secret(request), token=token)
    return {"status": "unsubscribed"}


@router.get("/api/v1/subscriptions/unsubscribe", include_in_schema=False)
def one_click_opened(request: Request, token: str = "") -> Response:
    """The List-Unsubscribe link opened in a browser (a mail client without RFC 8058's POST
    follows RFC 2369 and opens it): the unsubscribe page in the subscriber's language, which
    asks first. A GET never unsubscribes (mail scanners open links)."""
    try:
        found = subscriptions.subscription(
            _state(request).store, secret=_secret(request), token=token
        )
    except NotFoundError as exc:  # whose it was is unknown: the browser's language
        said = preferred_language(request.headers.get("accept-language", ""))
        return _message(request, said, _say(exc, said), 404)
    lang: Lang = "en" if found["lang"] == "en" else "fr"
    where = f"/{lang}/{PAGES[lang]}/unsubscribe?{urlencode({'token': token})}"
    return RedirectResponse(where, status_code=status.HTTP_303_SEE_OTHER)


# -- pages -----------------------------------------------------------------------------------


def _env(request: Request) -> Environment:
    state = _state(request)
    env: Environment | None = getattr(state, "subscribe_templates", None)
    if env is None:
        env = Environment(
            loader=PackageLoader("preavis.web", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        state.subscribe_templates = env
    return env


def _say(exc: PreavisError, lang: Lang) -> str:
    """The error in the page's language: the fields a form can get wrong, and bad links."""
    if isinstance(exc, NotFoundError):
        return WORDS[lang]["bad_link"]
    field = getattr(exc, "field", None)
    return WORDS[lang].get(f"bad_{field}", say_error(exc, lang))


def _message(request: Request, lang: Lang, message: str, code: int = 200) -> HTMLResponse:
    """The subscribe page holding one message (sent, confirmed, a dead link…)."""
    return _page(request, lang, "subscribe.html", {"step": "message", "message": message}, code)


def _page(
    request: Request, lang: Lang, template: str, view: dict[str, Any], code: int = 200
) -> HTMLResponse:
    site = _state(request).site
    t = site.words(lang)  # the site's words, for the frame (base.html); `w` holds this page's
    other: Lang = "en" if lang == "fr" else "fr"
    # The other language's same page: a page reached by a link (preferences, unsubscribe)
    # keeps its step and its token; a form answered by a POST leads to the other's form.
    step = request.url.path.removeprefix(f"/{lang}/{PAGES[lang]}")
    switch_url = f"/{other}/{PAGES[other]}"
    if request.method == "GET" and step in ("/preferences", "/unsubscribe"):
        token = request.query_params.get("token", "")
        switch_url += f"{step}?{urlencode({'token': token})}" if token else ""
    html = (
        _env(request)
        .get_template(template)
        .render(
            lang=lang, t=t, w=WORDS[lang], view=view, switch_url=switch_url,
            css_version=site.stylesheet().etag.strip('"')[:12], updated="", times_in="", keep="",
        )
    )  # fmt: skip
    return HTMLResponse(
        html,
        status_code=code,
        headers={
            "Content-Security-Policy": page_policy(site).decode(),
            "Cache-Control": "no-store",
            "Content-Language": f"{lang}-CA",  # as every other page
        },
    )


async def _form(request: Request) -> dict[str, list[str]]:
    body = await request.body()
    if len(body) > FORM_MAX_BYTES:
        raise ValidationError.said("form.too_large", field="form")
    try:
        pairs = parse_qsl(body.decode("utf-8"), max_num_fields=FORM_MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError.said("form.unreadable", field="form") from exc
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return found


def _wanted(form: dict[str, list[str]], lang: Lang) -> Wanted:
    chosen = form.get("language", [lang])[0]
    language: Lang = "en" if chosen == "en" else "fr"
    everything = form.get("scope", ["all"])[0] == "all"
    services = () if everything else tuple(form.get("services", []))
    groups = () if everything else tuple(form.get("groups", []))
    if not everything and not services and not groups:
        raise ValidationError.said("subscription.no_scope", field="services")
    return Wanted(language, services, groups, form.get("timezone", [""])[0] or None)


def _typed(form: dict[str, list[str]], lang: Lang) -> dict[str, Any]:
    """What the form asked for, in the shape of a stored subscription: a refused form is shown
    again with every choice as it was made."""
    some = form.get("scope", ["all"])[0] != "all"
    return {
        "lang": "en" if form.get("language", [lang])[0] == "en" else "fr",
        "services": " ".join(form.get("services", [])) if some else "",
        "groups": " ".join(form.get("groups", [])) if some else "",
        "timezone": form.get("timezone", [""])[0] or None,
    }


def _zones(lang: Lang, own: str | None) -> list[tuple[str, str]]:
    """The zones offered, named as the moment picker names them ("heure de l’Est (HE)"), and
    the subscriber's own when it is not one of them (chosen through the API): saving the
    preferences page must not drop it."""
    offered = picker_zones(lang, zone("UTC"))
    if own and own not in {key for key, _ in offered}:
        try:
            offered.append((own, zone_name(zone(own), lang)))
        except PreavisError:  # a zone this machine no longer knows: kept as it is written
            offered.append((own, own))
    return offered


def _choices(request: Request, lang: Lang, current: dict[str, Any] | None = None) -> dict[str, Any]:
    data = _state(request).site.data()
    chosen = set((current or {}).get("services", "").split())
    chosen_groups = set((current or {}).get("groups", "").split())
    return {
        "groups": [
            {"slug": g.slug, "name": g.name.get(lang), "checked": g.slug in chosen_groups}
            for g in data.groups
        ],
        "services": [
            {"slug": s.slug, "name": s.name.get(lang), "checked": s.slug in chosen}
            for s in data.services
            if not s.retired
        ],
        "zones": _zones(lang, (current or {}).get("timezone")),
        "current": current or {"lang": lang, "services": "", "groups": "", "timezone": None},
        "action": f"/{lang}/{PAGES[lang]}",
    }


def _away(request: Request, lang: Lang) -> HTMLResponse:
    answer = _message(request, lang, WORDS[lang]["away"], 503)
    answer.headers["Retry-After"] = "5"
    return answer


def _survives(lang: Lang) -> Callable[[Any], Any]:
    """A page whose database is away (a restart, a network cut) answers with the page in its
    language saying so, not the API's English JSON. FastAPI passes `request` by keyword."""

    def wrap(handler: Any) -> Any:
        if inspect.iscoroutinefunction(handler):

            @functools.wraps(handler)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                try:
                    return await handler(*args, **kwargs)
                except StorageUnavailableError:
                    return _away(kwargs["request"], lang)

            return run_async

        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except StorageUnavailableError:
                return _away(kwargs["request"], lang)

        return run

    return wrap


def _routes(lang: Lang) -> None:
    base = f"/{lang}/{PAGES[lang]}"
    survives = _survives(lang)

    @router.get(base, include_in_schema=False, name=f"subscribe_form_{lang}")
    @survives
    def form_page(request: Request) -> HTMLResponse:
        return _page(request, lang, "subscribe.html", {**_choices(request, lang), "step": "form"})

    @router.post(base, include_in_schema=False, name=f"subscribe_post_{lang}")
    @survives
    async def form_post(request: Request) -> HTMLResponse:
        form = await _form(request)
        email = form.get("email", [""])[0]
        try:
            wanted = _wanted(form, lang)
            # The actions are synchronous (database, clock): off the event loop.
            ok = await run_in_threadpool(_subscribe, request, email, wanted, "web form")
        except ValidationError as exc:
            typed = _typed(form, lang)
            view = {**_choices(request, lang, typed), "step": "form", "error": _say(exc, lang)}
            view["email"] = email
            return _page(request, lang, "subscribe.html", view, 422)
        if not ok:
            return _message(request, lang, WORDS[lang]["too_many"], 429)
        return _message(request, lang, WORDS[lang]["sent"])

    @router.get(f"{base}/confirm", include_in_schema=False, name=f"subscribe_confirm_{lang}")
    @survives
    def confirm_page(request: Request, token: str = "") -> HTMLResponse:
        state = _state(request)
        try:
            manage = subscriptions.confirm(
                state.store, state.clock, secret=_secret(request), token=token
            )
        except NotFoundError as exc:
            return _message(request, lang, _say(exc, lang), 404)
        view = {
            "step": "message",
            "message": WORDS[lang]["confirmed"],
            "manage": f"{base}/preferences?token={manage}",
        }
        return _page(request, lang, "subscribe.html", view)

    @router.get(f"{base}/preferences", include_in_schema=False, name=f"subscribe_prefs_{lang}")
    @survives
    def preferences_page(request: Request, token: str = "") -> HTMLResponse:
        return _preferences(request, lang, token, None)

    @router.post(f"{base}/preferences", include_in_schema=False, name=f"subscribe_save_{lang}")
    @survives
    async def preferences_post(request: Request, token: str = "") -> HTMLResponse:
        form = await _form(request)
        return await run_in_threadpool(_preferences, request, lang, token, form)

    @router.get(f"{base}/unsubscribe", include_in_schema=False, name=f"unsubscribe_ask_{lang}")
    @survives
    def unsubscribe_page(request: Request, token: str = "") -> HTMLResponse:
        # A GET never unsubscribes: mail scanners open links; the button POSTs.
        try:
            found = subscriptions.subscription(
                _state(request).store, secret=_secret(request), token=token
            )
        except NotFoundError as exc:
            return _message(request, lang, _say(exc, lang), 404)
        view = {
            "step": "unsubscribe",
            "heading": WORDS[lang]["unsubscribe"],
            "email": found["email"],
            "token": token,
            "action": f"{base}/unsubscribe",
        }
        return _page(request, lang, "subscribe.html", view)

    @router.post(f"{base}/unsubscribe", include_in_schema=False, name=f"unsubscribe_{lang}")
    @survives
    async def unsubscribe_post(request: Request) -> HTMLResponse:
        form = await _form(request)
        state = _state(request)
        token = form.get("token", [""])[0]
        try:
            await run_in_threadpool(
                subscriptions.unsubscribe,
                state.store,
                state.clock,
                secret=_secret(request),
                token=token,
            )
        except NotFoundError as exc:
            return _message(request, lang, _say(exc, lang), 404)
        view = {"step": "message", "message": WORDS[lang]["unsubscribed"],
                "heading": WORDS[lang]["unsubscribe"]}  # fmt: skip
        return _page(request, lang, "subscribe.html", view)


def _preferences(
    request: Request, lang: Lang, token: str, form: dict[str, list[str]] | None
) -> HTMLResponse:
    state = _state(request)
    base = f"/{lang}/{PAGES[lang]}"
    try:
        if form is not None:
            subscriptions.change_preferences(
                state.store, state.clock, secret=_secret(request), token=token,
                request=_wanted(form, lang),
            )  # fmt: skip
        found = subscriptions.subscription(state.store, secret=_secret(request), token=token)
    except NotFoundError as exc:
        return _message(request, lang, _say(exc, lang), 404)
    except PreavisError as exc:
        found = subscriptions.subscription(state.store, secret=_secret(request), token=token)
        if form is not None:  # what was asked, not what is stored: nothing typed is lost
            found = {**found, **_typed(form, lang)}
        view = {**_choices(request, lang, found), "step": "preferences", "error": _say(exc, lang)}
        return _page(request, lang, "subscribe.html", {**view, "token": token}, 422)
    view = {
        **_choices(request, lang, found),
        "step": "preferences",
        "token": token,
        "email": found["email"],
        "action": f"{base}/preferences?token={token}",
        "unsubscribe": f"{base}/unsubscribe?token={token}",
        "saved": form is not None,
    }
    return _page(request, lang, "subscribe.html", view)


for _lang in ("fr", "en"):
    _routes(_lang)
