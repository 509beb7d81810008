"""The public front: a small ASGI layer that serves pages, feeds and the Statuspage facade from
the site's cache, in front of FastAPI (which keeps the documented JSON APIs and the admin API).

Measured in-process, a FastAPI route costs about five times a Starlette one and fifty times a
bare ASGI callable; during an outage everyone reloads these paths at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from preavis.actions.public import PublicData
from preavis.domain.errors import NotFoundError, PreavisError, ValidationError
from preavis.domain.messages import Said
from preavis.domain.text import Lang
from preavis.web.answers import Answer, Answers, matches, quick_moment
from preavis.web.cache import Render, Version
from preavis.web.phases import NotReady, moment_page
from preavis.web.problems import explain
from preavis.web.query import canonical, moment_query, preferred_language
from preavis.web.rendered import ATOM_TYPE, HTML, ICS, JSON, SCRIPT, STYLESHEET, SVG_TYPE, Rendered
from preavis.web.site import Site

_LANG = r"(?P<lang>fr|en)"
_SLUG = r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)"
ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^/{_LANG}/$"), "home"),
    (re.compile(rf"^/{_LANG}/feeds$"), "feeds"),
    (re.compile(rf"^/{_LANG}/maintenances$"), "archive"),
    (re.compile(rf"^/{_LANG}/badge\.svg$"), "badge"),
    (re.compile(rf"^/{_LANG}/widget$"), "widget"),
    (re.compile(rf"^/{_LANG}/services/{_SLUG}/widget$"), "service.widget"),
    (re.compile(rf"^/{_LANG}/services/{_SLUG}/badge\.svg$"), "service.badge"),
    (re.compile(rf"^/{_LANG}/calendar\.ics$"), "calendar"),
    (re.compile(rf"^/{_LANG}/feed\.atom$"), "feed"),
    (re.compile(rf"^/{_LANG}/maintenances/{_SLUG}$"), "maintenance"),
    (re.compile(rf"^/{_LANG}/maintenances/{_SLUG}\.ics$"), "maintenance.ics"),
    (re.compile(rf"^/{_LANG}/services/{_SLUG}$"), "service"),
    (re.compile(rf"^/{_LANG}/services/{_SLUG}\.ics$"), "service.ics"),
    (re.compile(rf"^/{_LANG}/services/{_SLUG}\.atom$"), "service.atom"),
    (re.compile(r"^/api/v2/(?P<doc>summary\.json|status\.json|components\.json"
                r"|scheduled-maintenances\.json|scheduled-maintenances/upcoming\.json"
                r"|scheduled-maintenances/active\.json)$"), "statuspage"),
]  # fmt: skip
# The busiest paths, found without a regular expression.
EXACT: dict[str, tuple[str, dict[str, str]]] = {
    **{f"/{lang}/": ("home", {"lang": lang}) for lang in ("fr", "en")},
    **{f"/{lang}/calendar.ics": ("calendar", {"lang": lang}) for lang in ("fr", "en")},
    **{f"/{lang}/feed.atom": ("feed", {"lang": lang}) for lang in ("fr", "en")},
    **{
        f"/api/v2/{doc}": ("statuspage", {"doc": doc})
        for doc in ("summary.json", "status.json", "components.json")
    },
}
log = logging.getLogger("preavis.web")
# Sent with every response of the front; HTML pages also get the Content-Security-Policy below
# (scripts and styles only from our own files, none inline; never framed).
COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
]
# Public reads answer any origin as Statuspage does (no credentials: the value is "*").
CORS_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"ETag, Cache-Control, Content-Language"),
]
CORS_REQUEST_HEADERS = b"Accept, Accept-Language, Content-Type, If-None-Match, Cache-Control"
PAGE_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"form-action 'self'; "
    b"base-uri 'none'; frame-ancestors 'none'"
)
# A widget is made to be framed by other sites: the page's policy, but any ancestor.
WIDGET_HEADERS = [h for h in COMMON_HEADERS if h[0] != b"x-frame-options"]
WIDGET_CSP = PAGE_CSP.replace(b"frame-ancestors 'none'", b"frame-ancestors *")


def page_policy(site: Site, *, framed: bool = False) -> bytes:
    """The pages' policy; a logo given as an address adds its origin, and only it, to img-src."""
    policy = WIDGET_CSP if framed else PAGE_CSP
    origin = site.brand.logo_origin
    if not origin:
        return policy
    return policy.replace(b"img-src 'self' data:", b"img-src 'self' data: " + origin.encode())


MOMENT_PAGES = frozenset(("home", "service", "maintenance"))  # pages that show another moment
PHASE_PAGES = frozenset(("home", "service"))  # and those that are the same for all its phase
HEADS_MAX = 4096  # responses whose headers are kept written (a few per view in use)
# Responses in a language only their path says (/fr/calendar.ics): its Content-Language.
LANGUAGE_OF_PATH = frozenset({ATOM_TYPE, ICS, SVG_TYPE})
Headers = list[tuple[bytes, bytes]]
Heads = tuple[Headers, Headers, bytes]  # a 200's headers, a 304's, the ETag


class PublicFront:
    """Pages, feeds and the facade straight from the cache; everything else to `app`."""

    def __init__(self, app: ASGIApp, site: Site, *, pages_elsewhere: tuple[str, ...] = ()) -> None:
        self.app = app
        self.site = site
        # Paths under /fr/ and /en/ that FastAPI serves (the subscription pages); any other
        # path there that the front does not know is a localized 404 page.
        self.pages_elsewhere = pages_elsewhere
        self.policies = (page_policy(site), page_policy(site, framed=True))
        self.answers = Answers()
        self._heads: dict[tuple[str, int, str, bool, bool, bool, bool, int, str], Heads] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            kept = self._kept(scope)
            if kept is not None:
                await send({"type": "http.response.start", "status": kept[0], "headers": kept[1]})
                await send({"type": "http.response.body", "body": kept[2]})
                return
        if scope["type"] == "http" and scope["method"] == "OPTIONS" and public_read(scope["path"]):
            await self._preflight(send)
            return
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self._pass(scope, receive, send)
            return
        path: str = scope["path"]
        if path == "/":
            await self._redirect(scope, send)
            return
        if path == STYLESHEET:
            await self._send(scope, send, self.site.stylesheet())
            return
        if path == SCRIPT:
            await self._send(scope, send, self.site.script())
            return
        logo = self.site.logo(path)
        if logo is not None:  # the organisation's logo file (PREAVIS_LOGO)
            await self._send(scope, send, logo)
            return
        if path.startswith("/webcal/"):
            await self._webcal(scope, send, path.removeprefix("/webcal"))
            return
        exact = EXACT.get(path)
        if exact is not None:
            await self._serve(scope, send, exact[0], exact[1])
            return
        for pattern, kind in ROUTES:
            match = pattern.match(path)
            if match is not None:
                await self._serve(scope, send, kind, match.groupdict())
                return
        lang = path[1:3]
        if (
            path[3:4] in ("", "/")
            and lang in ("fr", "en")
            and not path.startswith(self.pages_elsewhere)
        ):  # a page of ours that is not there
            await self._serve(scope, send, "missing", {"lang": lang})
            return
        await self._pass(scope, receive, send)

    def _kept(self, scope: Scope) -> tuple[int, Headers, bytes] | None:
        """The kept answer (status, headers, body) to the same GET as one just answered, while
        nothing it holds can change, or to a moment of the same phase (see answers.py)."""
        gz = False
        inm = None
        for name, value in scope["headers"]:  # read as `_send` reads them
            if name == b"if-none-match":
                inm = value
            elif name == b"accept-encoding" and b"gzip" in value:
                gz = True
        query: bytes = scope.get("query_string", b"")
        answer = None
        if not query:
            answer = self.answers.get(scope["path"], gz)
            origin = None if answer is None else answer.origin
            if origin is not None and origin != self._origin(scope):
                return None  # its links hold another origin
        else:
            version = self.site.served
            if version is None or version is not self.answers.counted:
                return None
            at = quick_moment(query)
            if at is None:
                return None
            answer = self.answers.phase(scope["path"], bisect_right(version.instants, at), gz)
        if answer is None or self.site.clock.now() >= answer.until:
            return None
        if inm is not None and matches(inm, answer.etag):
            return 304, answer.unchanged, b""
        return 200, answer.headers, answer.body

    async def _preflight(self, send: Send) -> None:
        """A CORS preflight for a public read: any origin may GET, without credentials."""
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [
                    *CORS_HEADERS,
                    (b"access-control-allow-methods", b"GET, HEAD, OPTIONS"),
                    (b"access-control-allow-headers", CORS_REQUEST_HEADERS),
                    (b"access-control-max-age", b"86400"),
                    (b"content-length", b"0"),
                    *COMMON_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _webcal(self, scope: Scope, send: Send, target: str) -> None:
        """`/webcal/fr/calendar.ics` sends the browser to `webcal://<this host>/fr/calendar.ics`,
        which calendar applications subscribe to. Pages link here so their cached bytes hold
        no host (with PREAVIS_PUBLIC_URL they link to webcal:// directly)."""
        kinds = [kind for pattern, kind in ROUTES if pattern.match(target)]
        origin = self._origin(scope)
        if not kinds or not kinds[0].endswith((".ics", "calendar")) or "://" not in origin:
            lang = target[1:3] if target[1:3] in ("fr", "en") else "fr"
            await self._serve(scope, send, "missing", {"lang": lang})
            return
        location = f"webcal://{origin.split('://', 1)[1]}{target}"
        await send(
            {
                "type": "http.response.start",
                "status": 307,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                    *COMMON_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def _origin(self, scope: Scope) -> str:
        """The origin absolute links start with (see Site.origin): the Host header, or behind a
        trusted proxy its X-Forwarded-Host and X-Forwarded-Proto."""
        if self.site.url:
            return self.site.url
        scheme: str = scope.get("scheme", "http")
        host = ""
        forwarded_host = forwarded_proto = ""
        for name, value in scope["headers"]:
            if name == b"host":
                host = value.decode("latin-1")
            elif name == b"x-forwarded-host":
                forwarded_host = value.decode("latin-1").split(",")[0].strip()
            elif name == b"x-forwarded-proto":
                forwarded_proto = value.decode("latin-1").split(",")[0].strip().lower()
        if self.site.trust_proxy:
            host = forwarded_host or host
            scheme = forwarded_proto or scheme
        return self.site.origin(scheme, host)

    async def _pass(self, scope: Scope, receive: Receive, send: Send) -> None:
        """To FastAPI (JSON APIs, admin API, docs), adding the headers it does not set."""
        cors = scope["type"] == "http" and public_read(scope["path"])

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                extra = [(n, v) for n, v in COMMON_HEADERS if n not in present]
                if cors:
                    extra += CORS_HEADERS
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", b"frame-ancestors 'none'"))
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, guarded)

    async def _redirect(self, scope: Scope, send: Send) -> None:
        accept = ""
        for name, value in scope["headers"]:
            if name == b"accept-language":
                accept = value.decode("latin-1")
        lang = preferred_language(accept)
        await send(
            {
                "type": "http.response.start",
                "status": 307,
                "headers": [
                    (b"location", f"/{lang}/".encode()),
                    (b"vary", b"Accept-Language"),
                    (b"cache-control", b"public, max-age=300"),
                    (b"content-length", b"0"),
                    *COMMON_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def _render(
        self, kind: str, args: dict[str, str], query: str, origin: str = "", wait: bool = True
    ) -> Rendered:
        """The view; without `wait` only from memory (else NotReady: the caller renders it in
        a thread, so no render and no database read ever runs on the event loop)."""
        site = self.site
        if kind == "missing":
            raise NotFoundError.said("page.none")
        lang = cast(Lang, args.get("lang", "en"))
        slug = args.get("slug", "")
        params = moment_query(query)
        # Rendered bytes depend on the moment parameters only, so they alone make the cache key
        # and the links drawn on the page (the language switch): `?utm_source=x` must neither
        # reach another visitor's page nor multiply cache entries.
        query = canonical(params)
        if params and kind in MOMENT_PAGES and "at" in params:  # a page of another moment
            at, tz = site.moment(params)
            if at is not None:
                return moment_page(site, kind, lang, slug, params, query, at, tz, wait)

        def view(key: str, render: Render, timeless: bool = False) -> Rendered:
            if wait:
                return site.cached(key, render, timeless=timeless)
            found = site.peek(key, timeless)
            if found is None:
                raise NotReady
            return found

        # Feeds, calendars and the facade hold absolute links: their origin is in the key.
        if kind == "statuspage":
            return view(f"sp:{args['doc']}@{origin}",
                        lambda d, now: site.statuspage(args["doc"], d, now, origin))  # fmt: skip
        if kind in ("calendar", "maintenance.ics", "service.ics"):
            return view(f"{kind}:{lang}:{slug}@{origin}", lambda d, _: site.calendar(
                lang, d, maintenance=slug if kind == "maintenance.ics" else None,
                service=slug if kind == "service.ics" else None, origin=origin), True)  # fmt: skip
        if kind in ("feed", "service.atom"):
            return view(f"{kind}:{lang}:{slug}@{origin}", lambda d, _: site.feed(
                lang, d, service=slug or None, origin=origin), True)  # fmt: skip
        chosen = params.get("tz", "")  # the visitor's zone: kept in the links, used by the archive
        if kind == "feeds":
            return view(
                f"feeds:{lang}:{chosen}", lambda d, _: site.feeds_page(lang, d, chosen), True
            )
        if kind in ("widget", "service.widget"):
            return view(f"{kind}:{lang}:{slug}", lambda d, now: site.widget(lang, d, now, slug))
        if kind in ("badge", "service.badge"):
            return view(f"{kind}:{lang}:{slug}", lambda d, now: site.badge(lang, d, now, slug))
        if kind == "archive":
            return view(
                f"archive:{lang}:{chosen}", lambda d, now: site.archive_page(lang, d, now, chosen)
            )

        def page(tz: ZoneInfo, d: PublicData, now: datetime) -> Rendered:  # now, in `tz`
            if kind == "home":
                return site.home(lang, None, tz, d, now, query)
            if kind == "maintenance":
                return site.maintenance_page(lang, slug, None, tz, d, now, query)
            return site.service_page(lang, slug, None, tz, d, now, query)

        if not params:
            return view(f"{kind}:{lang}:{slug}", lambda d, now: page(site.zone, d, now))
        at, tz = site.moment(params)
        if at is None:  # now, in another zone
            return view(f"{kind}:{lang}:{slug}?{query}", lambda d, now: page(tz, d, now))
        return moment_page(site, kind, lang, slug, params, query, at, tz, wait)

    async def _serve(self, scope: Scope, send: Send, kind: str, args: dict[str, str]) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        lang = cast(Lang, args.get("lang", "en"))
        linked = kind in ("statuspage", "calendar", "feed") or kind.endswith((".ics", ".atom"))
        shared = linked or kind.endswith("badge")  # readable from other sites (CORS)
        origin = self._origin(scope) if linked else ""
        phase = None  # the phase whose answer this is, for any of its moments (answers.py)
        try:
            try:
                version = self.site.served
                rendered = self._render(kind, args, query, origin, wait=False)
                if kind in PHASE_PAGES and version is not None and version is self.site.served:
                    at = quick_moment(scope.get("query_string", b""))
                    if at is not None and version.instants:  # every phase has a bound: one page
                        phase = (bisect_right(version.instants, at), version)
            except NotReady:
                rendered = await asyncio.to_thread(self._render, kind, args, query, origin)
        except NotFoundError as exc:
            rendered = self._error(kind, lang, 404, "not_found", exc, query, scope["path"])
        except ValidationError as exc:
            rendered = self._error(kind, lang, 422, "invalid", exc, query, scope["path"])
        except PreavisError as exc:
            rendered = self._error(kind, lang, 503, "unavailable", exc, query, scope["path"])
        except Exception:  # a bug: logged, and the visitor gets a plain error, not a traceback
            log.exception(Said("log.page_failed", path=scope["path"]))
            rendered = Rendered.of(b"internal error", HTML, 0, 500)
        await self._send(
            scope,
            send,
            rendered,
            cors=shared,
            framed=kind.endswith("widget"),
            origin=origin if linked else None,
            phase=phase,
        )

    def _error(
        self,
        kind: str,
        lang: Lang,
        status: int,
        code: str,
        exc: PreavisError,
        query: str,
        path: str,
    ) -> Rendered:
        """Feeds and the facade answer in the API's JSON shape (English, for programs); pages
        explain in the page's language (domain messages are English), their language switch
        leading to the same path and query in the other language."""
        message = str(exc)
        if (
            kind == "statuspage"
            or kind.endswith((".ics", ".atom", "badge"))
            or kind in ("calendar", "feed")
        ):
            body = json.dumps({"error": {"code": code, "message": message, "details": None}})
            return Rendered.of(body.encode(), JSON, 0, status)
        try:
            params = moment_query(query)
        except ValidationError:
            params = {}
        explained = explain(exc, kind, params, self.site.words(lang))
        try:
            return self.site.error_page(lang, status, explained, path=path, query=query)
        except PreavisError:
            return Rendered.of(explained.message.encode(), HTML, 0, status)

    def _write(
        self, media_type: str, length: int, gz: bool, framed: bool, language: bytes | None
    ) -> list[tuple[bytes, bytes]]:
        """The headers that say what a response is: its type, length, encoding, language,
        and the security headers that go with its type."""
        rest = [
            (b"content-type", media_type.encode()),
            (b"content-length", str(length).encode()),
            *(WIDGET_HEADERS if framed else COMMON_HEADERS),
        ]
        if gz:
            rest.append((b"content-encoding", b"gzip"))
        if language is not None:
            rest.append((b"content-language", language))
        if media_type == HTML:
            rest.append((b"content-security-policy", self.policies[framed]))
        elif media_type == SVG_TYPE:  # opened on its own, a badge runs nothing
            rest.append((b"content-security-policy", b"default-src 'none'"))
        return rest

    def _head(
        self,
        rendered: Rendered,
        gz: bool,
        inflated: bool,
        cors: bool,
        framed: bool,
        age: int,
        said: str,
    ) -> Heads:
        """The headers of `rendered` sent so (those of a 304: without what says what the body
        is) and its tag. `said` is the language of the path ("fr", "en" or "")."""
        cache = f"public, max-age={age}" if rendered.status == 200 else "no-store"
        if rendered.immutable:
            cache = f"public, max-age={rendered.max_age}, immutable"
        etag = (rendered.etag[:-1] + '-gz"' if gz else rendered.etag).encode()  # one per encoding
        unchanged = [(b"etag", etag), (b"cache-control", cache.encode())]
        if cors:
            unchanged += CORS_HEADERS
        if rendered.gzipped is not None:
            unchanged.append((b"vary", b"Accept-Encoding"))
        body = rendered.gzipped if gz and rendered.gzipped is not None else rendered.body
        length = rendered.length if inflated else len(body)
        language = None
        if rendered.media_type == HTML:  # a page says its language (the path may not: /admin)
            french = rendered.body.find(b'lang="fr', 0, 200) >= 0
            language = b"fr-CA" if french else b"en-CA"
        elif rendered.media_type in LANGUAGE_OF_PATH and said:  # feeds, calendars, badges
            language = f"{said}-CA".encode()
        rest = self._write(rendered.media_type, length, gz, framed, language)
        return unchanged + rest, unchanged, etag

    async def _send(
        self,
        scope: Scope,
        send: Send,
        rendered: Rendered,
        *,
        cors: bool = False,
        framed: bool = False,
        origin: str | None = None,
        phase: tuple[int, Version] | None = None,
    ) -> None:
        """Send `rendered` with its headers. A GET without a query string is kept whole (see
        web/answers.py), `origin` being the one its links hold (None: they hold none); so is
        the page of a moment that stands for every moment of `phase` (number, version)."""
        inm = None
        wants_gzip = False
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                inm = value
            elif name == b"accept-encoding" and b"gzip" in value:
                wants_gzip = True
        inflated = rendered.size is not None  # kept compressed only: inflated as it is sent
        gz = wants_gzip and rendered.gzipped is not None
        if gz:
            inflated = False
        # Never cached by clients past the next change: max-age counts down to it.
        age = min(rendered.max_age, self.site.max_age()) if rendered.max_age else 0
        # The headers follow from the bytes (the tag), how they are sent and the age: written
        # once for each (uvicorn then checks each header of every response).
        path: str = scope["path"]
        said = path[1:3] if path[3:4] == "/" and path[1:3] in ("fr", "en") else ""
        key = (rendered.etag, rendered.status, rendered.media_type, rendered.immutable, gz, cors,
               framed, age, said)  # fmt: skip
        heads = self._heads.get(key)
        if heads is None:
            heads = self._head(rendered, gz, inflated, cors, framed, age, said)
            if len(self._heads) >= HEADS_MAX:
                self._heads.clear()
            self._heads[key] = heads
        headers, unchanged, etag = heads
        if inm is not None and rendered.status == 200 and matches(inm, etag):
            await send({"type": "http.response.start", "status": 304, "headers": unchanged})
            await send({"type": "http.response.body", "body": b""})
            return
        body = rendered.gzipped if gz and rendered.gzipped is not None else rendered.body
        if inflated and scope["method"] != "HEAD" and rendered.length <= self.site.plain.limit:
            # Inflated once (in a thread) and kept while clients without gzip ask for it.
            plain = self.site.plain.get(rendered.etag)
            if plain is None:
                whole = await asyncio.to_thread(rendered.plain)
                plain = replace(rendered, body=whole, gzipped=None, size=None)
                self.site.plain.put(rendered.etag, plain)
            body, inflated = plain.body, False
        if (
            not inflated
            and rendered.status == 200
            and scope["method"] == "GET"
            and (phase is not None or not scope.get("query_string"))
        ):
            until, now = self.site.steady_until(), self.site.clock.now()
            if until is not None and now < until:
                answer = Answer(headers, unchanged, etag, body, until, origin)
                if phase is None:
                    self.answers.keep(scope["path"], wants_gzip, answer, now)
                else:
                    number, version = phase
                    self.answers.keep_phase(scope["path"], number, wants_gzip, answer, version, now)
        await send({"type": "http.response.start", "status": rendered.status, "headers": headers})
        if inflated and scope["method"] != "HEAD":
            for piece in rendered.pieces():  # bigger than the copies may hold: in pieces
                await send({"type": "http.response.body", "body": piece, "more_body": True})
                await asyncio.sleep(0)
            body = b""
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def public_read(path: str) -> bool:
    """Paths any web page may read cross-origin: the public JSON APIs, the Statuspage facade,
    feeds and calendars. Never the admin API."""
    if path.startswith("/api/v1/admin"):
        return False
    if path.startswith(("/api/v1/", "/api/v2/")):
        return True
    return path.startswith(("/fr/", "/en/")) and path.endswith((".ics", ".atom", "badge.svg"))
