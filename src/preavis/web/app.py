"""The application factory: settings, store and clock in, an ASGI app out. Nothing at import."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp

from preavis import __version__
from preavis.actions.reading import Isolated
from preavis.clock import Clock, SystemClock
from preavis.domain.zones import zone
from preavis.formats import brand
from preavis.settings import Settings
from preavis.storage import HEAD, Store
from preavis.web import admin, admin_notify, admin_ui, api_docs, errors, public_api, subscribe
from preavis.web.front import PublicFront
from preavis.web.hosts import allowed_hosts
from preavis.web.limits import BodyLimit
from preavis.web.site import Site


def create_app(
    settings: Settings | None = None, store: Store | None = None, clock: Clock | None = None
) -> PublicFront:
    """The whole application: the public front, then FastAPI for the APIs and their docs."""
    api = create_api(settings, store, clock)
    # The body guard refuses a declared size over the limit before anything runs (after the
    # role on the admin API) and counts streamed bodies as they are read.
    elsewhere = tuple(f"/{lang}/{page}" for lang, page in subscribe.PAGES.items())
    return PublicFront(BodyLimit(api), api.state.site, pages_elsewhere=elsewhere)


def create_api(
    settings: Settings | None = None, store: Store | None = None, clock: Clock | None = None
) -> FastAPI:
    """The FastAPI application: the public JSON API, the Statuspage facade's documented routes,
    the admin API and the OpenAPI docs."""
    settings = settings or Settings.from_env()
    # FastAPI's own /docs loads Swagger UI from a CDN (blank offline); this ships the assets.
    app = FastAPIOffline(
        docs_url=None,  # ours, with its language, title and stylesheet: see api_docs.py
        title="Préavis",
        version=__version__,
        description="Planned service interruptions, announced and answered in French and English.",
    )
    app.state.settings = settings
    app.state.store = store or Store(settings.database_url)
    app.state.clock = clock or SystemClock()
    # A notice in a request is read in a child process with hard limits, never in the server.
    app.state.notices = Isolated()
    app.state.site = Site(
        app.state.store,
        app.state.clock,
        name=settings.site_name,
        url=settings.public_url,
        coming=timedelta(days=settings.coming_days),
        trust_proxy=settings.trust_proxy,
        zone=zone(settings.site_zone),
        brand=brand.from_settings(settings),
        cache_bytes=settings.cache_mb * 1024 * 1024,
        hosts=allowed_hosts(settings.allowed_hosts, settings.public_url),
    )
    errors.install(app)
    app.include_router(public_api.router)
    app.include_router(admin.router)
    app.include_router(admin_ui.router)
    app.include_router(admin_notify.router)
    app.include_router(subscribe.router)
    app.include_router(api_docs.router)

    @app.get("/healthz", tags=["site"])
    def health() -> Any:
        store = app.state.store
        behind = store.schema_behind()
        if behind is not None:  # updated code, database not migrated: not a node to use
            body = {"status": "schema_behind", "schema": behind, "needs": HEAD}
            return JSONResponse(body, status_code=503)
        return {"status": "ok", "schema": store.version() or "none"}

    return app


def factory() -> ASGIApp:
    """What `preavis serve` runs (uvicorn --factory), configured from the environment."""
    return create_app()
