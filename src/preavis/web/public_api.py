"""The public JSON API (/api/v1) and the documented routes of the Statuspage facade (/api/v2).

Only published data: the same public data the pages are drawn from. Time parameters are strict
RFC 3339 with an offset; anything else is a 422 naming the parameter.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from preavis.domain.zones import parse_instant
from preavis.formats import shapes
from preavis.web.composing import AT_MARK
from preavis.web.rendered import Rendered
from preavis.web.schemas import ErrorOut, MaintenanceOut, ServiceOut
from preavis.web.site import Site

router = APIRouter(tags=["public"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such published object"},
    422: {"model": ErrorOut, "description": "A parameter is invalid; `details` names it"},
}
LangQuery = Annotated[Literal["fr", "en"], Query(description="Language of texts")]
AtQuery = Annotated[
    str | None,
    Query(
        description="RFC 3339 instant with an offset, e.g. 2025-06-30T19:00-04:00; default now",
        json_schema_extra={"format": "date-time"},
    ),
]


class InterruptionNow(BaseModel):
    impact: str
    description: str
    starts_at: datetime
    ends_at: datetime


class ServiceState(BaseModel):
    slug: str
    name: str
    impact: Literal["operational", "limited", "unavailable"]
    back_at: datetime | None
    interruptions: list[InterruptionNow]


class StatusOut(BaseModel):
    at: datetime
    timezone: str
    lang: str
    services: list[ServiceState]


class PhaseOut(BaseModel):
    starts_at: datetime
    ends_at: datetime
    services: list[ServiceState]


class PhasesOut(BaseModel):
    timezone: str
    lang: str
    phases: list[PhaseOut]


class Segment(BaseModel):
    starts_at: datetime
    ends_at: datetime
    impact: str
    back_at: datetime | None
    interruptions: list[InterruptionNow]


class TimelineOut(BaseModel):
    timezone: str
    lang: str
    service: dict[str, str]
    segments: list[Segment]


class PublicMaintenance(MaintenanceOut):
    cancelled: bool


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def _send(request: Request, rendered: Rendered) -> Response:
    headers = {"ETag": rendered.etag, "Cache-Control": f"public, max-age={rendered.max_age}"}
    inm = request.headers.get("if-none-match")
    if inm and (
        inm.strip() == "*"
        or rendered.etag in [t.strip().removeprefix("W/") for t in inm.split(",")]
    ):
        return Response(status_code=304, headers=headers)
    return Response(rendered.plain(), media_type=rendered.media_type, headers=headers)


def _moment(site: Site, at: str | None) -> datetime:
    return parse_instant(at, None, "at") if at else site.clock.now()


@router.get("/api/v1/services", response_model=list[ServiceOut], responses=ERRORS)
def services(request: Request) -> Response:
    site = _site(request)
    data = site.data()
    return _send(request, site.json([shapes.service(s, 0) for s in data.services]))


@router.get("/api/v1/maintenances", response_model=list[PublicMaintenance], responses=ERRORS)
def maintenances(request: Request) -> Response:
    site = _site(request)
    data = site.data()
    body = [
        {**shapes.maintenance(p.maintenance, p.revision), "cancelled": p.cancelled}
        for p in data.maintenances
    ]
    return _send(request, site.json(body))


@router.get("/api/v1/maintenances/{slug}", response_model=PublicMaintenance, responses=ERRORS)
def maintenance(request: Request, slug: str) -> Response:
    site = _site(request)
    found = site.data().maintenance(slug)
    body = {**shapes.maintenance(found.maintenance, found.revision), "cancelled": found.cancelled}
    return _send(request, site.json(body))


@router.get("/api/v1/status", response_model=StatusOut, responses=ERRORS)
def status(request: Request, at: AtQuery = None, lang: LangQuery = "fr") -> Response:
    """Every service's state at `at` (default now), and when each is back."""
    site = _site(request)
    moment = _moment(site, at)
    version = site.version()
    # The same bytes serve every moment of a phase but for `at` itself (see Site.fill).
    masked = site.moment_view(
        f"status:{lang}:{version.phase(moment)}",
        lambda d: site.json({**site.status_json(lang, moment, d), "at": AT_MARK}),
        version,
    )
    shown = json.dumps(shapes.iso(moment, site.zone)).encode()
    body = masked.body.replace(json.dumps(AT_MARK).encode(), shown)
    return _send(request, Rendered.of(body, masked.media_type, site.max_age(), compress=False))


@router.get("/api/v1/phases", response_model=PhasesOut, responses=ERRORS)
def phases(request: Request, lang: LangQuery = "fr") -> Response:
    """The stretches of time in which nothing changes and something is down."""
    site = _site(request)
    data = site.data()
    return _send(request, site.json(shapes.phases(data.timeline.phases(), lang, site.zone)))


@router.get("/api/v1/services/{slug}/timeline", response_model=TimelineOut, responses=ERRORS)
def service_timeline(request: Request, slug: str, lang: LangQuery = "fr") -> Response:
    site = _site(request)
    data = site.data()
    service = data.service(slug)
    body = shapes.timeline(service, data.timeline.service_timeline(slug), lang, site.zone)
    return _send(request, site.json(body))


STATUSPAGE = (
    "summary.json", "status.json", "components.json", "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json",
)  # fmt: skip


def _statuspage_route(name: str) -> None:
    def handler(request: Request) -> Response:
        site = _site(request)
        return _send(
            request, site.cached(f"sp:{name}", lambda d, now: site.statuspage(name, d, now))
        )

    handler.__name__ = "statuspage_" + name.replace("/", "_").replace("-", "_").replace(".json", "")
    router.add_api_route(
        f"/api/v2/{name}", handler, methods=["GET"], tags=["statuspage"],
        summary=f"Statuspage v2 {name}", response_model=dict[str, Any],
        description="Field-compatible with Atlassian Statuspage v2 (docs/statuspage.md).",
    )  # fmt: skip


for _name in STATUSPAGE:
    _statuspage_route(_name)
