"""The admin API under /api/v1/admin: thin handlers around one action each."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response, status
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool

from preavis.actions import access, backup, catalogue, data, maintenances
from preavis.actions.context import Context
from preavis.domain.access import Role, require
from preavis.domain.errors import ValidationError
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.service import Group, Service
from preavis.formats.messages import say_problem
from preavis.formats.schedule import load_schedule
from preavis.notices.evidence import problem_json
from preavis.web import schemas as s
from preavis.web.errors import request_lang

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": s.ErrorOut, "description": text}
    for code, text in {
        400: "The body is not JSON",
        401: "Missing or invalid bearer token",
        403: "The token's role does not allow this",
        404: "No such object",
        409: "The object's state forbids this change",
        412: "The revision named is outdated",
        413: "Request body too large",
        422: "Invalid data; `details` names each field",
        503: "The database is unavailable",
    }.items()
}


_CONTEXT = "preavis.admin.context"
BEARER = HTTPBearer(auto_error=False, description="A token from `preavis token create`")


def authorize(request: Request, role: Role, action: str) -> Context:
    """Who acts (from `Authorization: Bearer <token>`), refused unless their role is `role` or
    above: 401 without a valid token, 403 below the role."""
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    state = request.app.state
    actor = access.authenticate(state.store, token)
    require(actor, role, action)
    return Context(state.store, state.clock, actor, state.settings.languages, state.notices)


class Needs:
    """The role a route needs, declared as its dependency; it yields the acting Context.

    FastAPI reads (and may refuse) a JSON body before it solves dependencies, so AdminRoute
    runs this check first, before the body is read, validated, a row looked up or a lock
    taken; the dependency then returns what that check found. Actions check again."""

    def __init__(self, role: Role) -> None:
        self.role = role

    def __call__(self, request: Request, _: Annotated[object, Depends(BEARER)] = None) -> Context:
        found = request.scope.get(_CONTEXT)
        if isinstance(found, Context):
            return found
        return authorize(request, self.role, f"{request.method} {request.url.path}")


class AdminRoute(APIRoute):
    """An admin route: refuses to exist without a declared role, and checks it first."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        declared = [d.call for d in self.dependant.dependencies if isinstance(d.call, Needs)]
        if len(declared) != 1:
            raise TypeError(f"admin route {self.path} must declare the one role it needs")
        role, action = declared[0].role, f"{' '.join(sorted(self.methods or ()))} {self.path}"

        async def authorized(request: Request) -> Response:
            context = await run_in_threadpool(authorize, request, role, action)
            request.scope[_CONTEXT] = context
            return await handler(request)

        return authorized


router = APIRouter(prefix="/api/v1/admin", tags=["admin"], route_class=AdminRoute)
Viewer = Annotated[Context, Depends(Needs(Role.VIEWER))]
Editor = Annotated[Context, Depends(Needs(Role.EDITOR))]  # a publisher once published
Publisher = Annotated[Context, Depends(Needs(Role.PUBLISHER))]
Admin = Annotated[Context, Depends(Needs(Role.ADMIN))]
IfMatch = Annotated[
    str | None,
    Header(description='The revision the change is based on, as returned in ETag ("r3")'),
]


def expected(if_match: str | None, body_revision: int | None) -> int | None:
    """The revision a write is based on: If-Match wins over a `revision` field."""
    if if_match:
        raw = if_match.strip().removeprefix("W/").strip('"').removeprefix("r")
        if not raw.isdigit() or len(raw) > 9:  # a revision, not an overflow
            raise ValidationError.said("api.if_match", value=if_match)
        return int(raw)
    return body_revision


def maintenance_out(response: Response, found: tuple[Maintenance, int]) -> s.MaintenanceOut:
    response.headers["ETag"] = f'"r{found[1]}"'
    return s.MaintenanceOut.of(*found)


# -- services and groups -------------------------------------------------------------------


@router.get("/services", responses=ERRORS)
def list_services(ctx: Viewer) -> list[s.ServiceOut]:
    return [s.ServiceOut.of(*found) for found in catalogue.list_services_with_revisions(ctx)]


@router.post("/services", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_service(ctx: Admin, body: s.ServiceIn) -> s.ServiceOut:
    service = Service(body.slug, body.name.domain(), body.group, body.channel)
    return s.ServiceOut.of(*catalogue.create_service(ctx, service=service, reason=body.reason))


@router.get("/services/{slug}", responses=ERRORS)
def get_service(ctx: Viewer, slug: str) -> s.ServiceOut:
    return s.ServiceOut.of(*catalogue.get_service(ctx, slug=slug))


@router.patch("/services/{slug}", responses=ERRORS)
def change_service(ctx: Admin, slug: str, body: s.ServiceChange) -> s.ServiceOut:
    """Rename, regroup, change the channel: one change, applied whole or not at all."""
    found = catalogue.change_service(
        ctx, slug=slug, name=body.name.domain() if body.name is not None else None,
        group=body.group if "group" in body.model_fields_set else catalogue.KEEP,
        channel=body.channel, revision=body.revision, reason=body.reason,
    )  # fmt: skip
    return s.ServiceOut.of(*found)


@router.post("/services/{slug}/retire", responses=ERRORS)
def retire_service(ctx: Admin, slug: str, body: s.Decision) -> s.ServiceOut:
    return s.ServiceOut.of(
        *catalogue.retire_service(ctx, slug=slug, revision=body.revision, reason=body.reason)
    )


@router.get("/services/{slug}/aliases", responses=ERRORS)
def list_aliases(ctx: Viewer, slug: str) -> list[s.AliasOut]:
    """The names read in notices as this service (remembered corrections, or added)."""
    return [
        s.AliasOut(name=a.name, service=a.service) for a in catalogue.list_aliases(ctx, slug=slug)
    ]


@router.post("/services/{slug}/aliases", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def add_alias(ctx: Editor, slug: str, body: s.AliasIn) -> s.AliasOut:
    """Read `name` as this service in every notice from now on (a name that meant another
    service now means this one)."""
    catalogue.add_alias(ctx, slug=slug, name=body.name, reason=body.reason)
    return s.AliasOut(name=body.name.strip(), service=slug)


@router.delete(
    "/services/{slug}/aliases/{name}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS
)
def remove_alias(ctx: Editor, slug: str, name: str) -> Response:
    """Forget an alias (compared folded); a name holding "/" is removed with the CLI or the
    web admin (a path segment cannot hold it)."""
    catalogue.remove_alias(ctx, slug=slug, name=name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/groups", responses=ERRORS)
def list_groups(ctx: Viewer) -> list[s.GroupOut]:
    return [s.GroupOut.of(g) for g in catalogue.list_groups(ctx)]


@router.put("/groups/{slug}", responses=ERRORS)
def put_group(ctx: Admin, slug: str, body: s.GroupIn) -> s.GroupOut:
    group = Group(slug, body.name.domain())
    catalogue.put_group(ctx, group=group)
    return s.GroupOut.of(group)


# -- maintenances --------------------------------------------------------------------------


@router.get("/maintenances", responses=ERRORS)
def list_maintenances(ctx: Viewer, state: State | None = None) -> list[s.MaintenanceOut]:
    states = (state,) if state else None
    return [s.MaintenanceOut.of(*m) for m in maintenances.list_maintenances(ctx, states=states)]


@router.post("/maintenances", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_maintenance(ctx: Editor, body: s.MaintenanceIn, response: Response) -> s.MaintenanceOut:
    found = maintenances.create_draft(ctx, maintenance=body.domain(), reason=body.reason)
    return maintenance_out(response, found)


@router.post("/maintenances/import-notice", status_code=201, responses=ERRORS)
def import_notice(
    ctx: Editor, body: s.NoticeImport, request: Request, response: Response
) -> s.NoticeImported:
    """Read a notice (text, or a PDF as base64) into a new draft. Each warning has its line,
    catalogue `code` and `params`, its English `message` and `said` in the answer's language
    (`?lang=` or Accept-Language)."""
    if (body.notice is None) == (body.notice_base64 is None):
        raise ValidationError.said("api.notice_one", field="notice")
    if body.notice is not None:
        raw = body.notice.encode("utf-8")
    else:
        try:
            raw = base64.b64decode(body.notice_base64 or "", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError.said("api.notice_base64", field="notice_base64") from exc
    stored, revision, reading = maintenances.import_notice(
        ctx, data=raw, slug=body.slug, year=body.year, timezone=body.timezone, lang=body.lang,
        translation=body.translation.encode("utf-8") if body.translation else None,
        reason=body.reason,
    )  # fmt: skip
    lang = request_lang(request)
    return s.NoticeImported(
        maintenance=maintenance_out(response, (stored, revision)),
        warnings=[problem_json(w, lambda p: say_problem(p, lang)) for w in reading.warnings],
        corrections=[
            {"line": c.line, "from": c.before, "to": c.after} for c in reading.corrections
        ],
    )


@router.get("/maintenances/{slug}", responses=ERRORS)
def get_maintenance(ctx: Viewer, slug: str, response: Response) -> s.MaintenanceOut:
    return maintenance_out(response, maintenances.get_maintenance(ctx, slug=slug))


@router.patch("/maintenances/{slug}", responses=ERRORS)
def change_maintenance(
    ctx: Editor, slug: str, body: s.MaintenanceChange, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.update_details(
        ctx, slug=slug, revision=expected(if_match, body.revision),
        title=body.title.domain() if body.title else None,
        summary=body.summary.domain() if body.summary else None,
        timezone=body.timezone, starts_at=body.starts_at, ends_at=body.ends_at,
        reason=body.reason,
    )  # fmt: skip
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/interruptions", status_code=201, responses=ERRORS)
def add_interruption(
    ctx: Editor, slug: str, body: s.InterruptionChange, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.add_interruption(
        ctx, slug=slug, interruption=body.interruption.domain(),
        revision=expected(if_match, body.revision), reason=body.reason,
    )  # fmt: skip
    return maintenance_out(response, found)


@router.put("/maintenances/{slug}/interruptions/{key}", responses=ERRORS)
def edit_interruption(
    ctx: Editor, slug: str, key: str, body: s.InterruptionChange, response: Response,
    if_match: IfMatch = None,
) -> s.MaintenanceOut:  # fmt: skip
    found = maintenances.edit_interruption(
        ctx, slug=slug, key=key, interruption=body.interruption.domain(key),
        revision=expected(if_match, body.revision), reason=body.reason,
    )  # fmt: skip
    return maintenance_out(response, found)


@router.delete("/maintenances/{slug}/interruptions/{key}", responses=ERRORS)
def remove_interruption(
    ctx: Editor, slug: str, key: str, response: Response, if_match: IfMatch = None,
    reason: str = "",
) -> s.MaintenanceOut:  # fmt: skip
    found = maintenances.remove_interruption(
        ctx, slug=slug, key=key, revision=expected(if_match, None), reason=reason
    )
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/publish", responses=ERRORS)
def publish(
    ctx: Publisher, slug: str, body: s.Decision, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.publish(
        ctx, slug=slug, revision=expected(if_match, body.revision), reason=body.reason,
        note=body.note.domain(),
    )  # fmt: skip
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/cancel", responses=ERRORS)
def cancel(
    ctx: Publisher, slug: str, body: s.Decision, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.cancel(
        ctx, slug=slug, revision=expected(if_match, body.revision), reason=body.reason,
        note=body.note.domain(),
    )  # fmt: skip
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/reschedule", responses=ERRORS)
def reschedule(
    ctx: Editor, slug: str, body: s.Reschedule, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.reschedule(
        ctx, slug=slug, starts_at=body.starts_at, revision=expected(if_match, body.revision),
        reason=body.reason, note=body.note.domain(),
    )  # fmt: skip
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/extend", responses=ERRORS)
def extend(
    ctx: Editor, slug: str, body: s.Extend, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.extend(
        ctx, slug=slug, ends_at=body.ends_at, revision=expected(if_match, body.revision),
        reason=body.reason, note=body.note.domain(),
    )  # fmt: skip
    return maintenance_out(response, found)


@router.post("/maintenances/{slug}/end-early", responses=ERRORS)
def end_early(
    ctx: Editor, slug: str, body: s.EndEarly, response: Response, if_match: IfMatch = None
) -> s.MaintenanceOut:
    found = maintenances.end_early(
        ctx, slug=slug, at=body.at, revision=expected(if_match, body.revision), reason=body.reason,
        note=body.note.domain(),
    )  # fmt: skip
    return maintenance_out(response, found)


@router.get("/maintenances/{slug}/history", responses=ERRORS)
def history(ctx: Viewer, slug: str) -> list[s.RevisionOut]:
    return [s.RevisionOut.of(r) for r in maintenances.history(ctx, slug=slug)]


# -- schedule files, export, tokens --------------------------------------------------------


@router.post("/schedule", responses=ERRORS)
def apply_schedule(ctx: Admin, body: s.ScheduleApply) -> s.Applied:
    """Apply a schedule file (YAML), creating or updating by slug; twice changes nothing."""
    schedule = load_schedule(body.schedule, source="schedule").schedule
    done = data.apply_schedule(ctx, schedule=schedule, publish=body.publish, reason=body.reason)
    return s.Applied(
        created=done.created, updated=done.updated, unchanged=done.unchanged,
        published=done.published,
    )  # fmt: skip


@router.get("/export", responses=ERRORS)
def export(ctx: Admin, request: Request) -> dict[str, object]:
    """The whole database as one JSON document (docs/operations.md, backup and restore): no
    secret in clear, the site's key named by its fingerprint only."""
    return backup.export_data(ctx, key=backup.SiteKey.of(request.app.state.settings))


@router.get("/tokens", responses=ERRORS)
def list_tokens(ctx: Admin) -> list[s.TokenOut]:
    return [
        s.TokenOut(name=t.name, role=t.role, created_at=t.created_at, revoked_at=t.revoked_at)
        for t in access.list_tokens(ctx)
    ]


@router.post("/tokens", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_token(ctx: Admin, body: s.TokenIn) -> s.TokenCreated:
    secret = access.create_token(ctx, name=body.name, role=body.role)
    return s.TokenCreated(token=secret, name=body.name, role=body.role)


@router.delete("/tokens/{name}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def revoke_token(ctx: Admin, name: str) -> Response:
    access.revoke_token(ctx, name=name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
