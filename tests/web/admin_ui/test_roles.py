"""Authorization first: every POST of the admin UI needs a declared role, checked before the
form is read; a viewer sees no edit controls and every write is refused with 403."""

from __future__ import annotations

import re

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute

from preavis.actions import activity
from preavis.domain.access import Role
from preavis.web.admin_ui import router
from preavis.web.admin_ui.core import PUBLIC, ROLES, AdminUIRoute, needs
from tests.conftest import context
from tests.web.admin_ui.conftest import EMAILS, Admin
from tests.web.conftest import EXAMPLE

VALUES = {
    "slug": EXAMPLE,
    "email": EMAILS[Role.EDITOR],
    "name": "deploy-bot",
    "link": "pvl_x",
    "ident": "1",
}


def post_routes() -> list[tuple[str, Role]]:
    """Every POST route of the admin UI that needs a role, with its path filled in."""
    found = []
    for route in router.routes:
        assert isinstance(route, APIRoute)
        role = ROLES[route.endpoint]
        if "POST" in (route.methods or ()) and isinstance(role, Role):
            path = re.sub(r"\{(\w+)\}", lambda m: VALUES[m[1]], route.path)
            found.append((path, role))
    return found


def test_the_enumeration_finds_the_write_routes() -> None:
    paths = {p for p, _ in post_routes()}
    assert f"/admin/maintenances/{EXAMPLE}/publish" in paths
    assert "/admin/services" in paths
    assert "/admin/people" in paths
    assert len(paths) >= 15


def test_a_route_without_a_declared_role_cannot_exist() -> None:
    bare = APIRouter(route_class=AdminUIRoute)

    async def nothing() -> None:  # pragma: no cover - never served
        return None

    with pytest.raises(TypeError, match="must declare the role"):
        bare.get("/nothing")(nothing)  # refused when the route is made, not when served
    declared = needs(Role.VIEWER)(nothing)
    bare.get("/nothing")(declared)
    assert len(bare.routes) == 1


def test_a_viewer_is_refused_every_write_whatever_the_form_sends(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    token = admin.csrf(client)
    before = activity.recent_changes(context(admin.store), limit=100)
    refused = []
    for path, role in post_routes():
        if role is Role.VIEWER:
            continue  # signing out
        form = {"csrf": token, "reason": "try", "slug": "x", "role": "admin", "name_fr": "x",
                "email": "x@example.org", "rows": "0", "name": "x"}  # fmt: skip
        answer = client.post(path, data=form)
        refused.append((path, answer.status_code))
    assert refused
    assert all(status == 403 for _, status in refused), refused
    assert activity.recent_changes(context(admin.store), limit=100) == before


def test_the_role_is_checked_before_the_form_is_read(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    broken = client.post(
        f"/admin/maintenances/{EXAMPLE}/publish",
        content=b"--x\r\nnot multipart at all",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code == 403
    signed_out = admin.browser().post(f"/admin/maintenances/{EXAMPLE}/publish", data={})
    assert signed_out.status_code == 403


def test_each_role_stops_where_it_should(admin: Admin) -> None:
    editor = admin.as_role(Role.EDITOR)
    token = admin.csrf(editor)
    assert editor.post("/admin/services", data={"csrf": token, "slug": "x"}).status_code == 403
    publish = editor.post(f"/admin/maintenances/{EXAMPLE}/publish", data={"csrf": token})
    assert publish.status_code == 403
    # Extending a published maintenance needs a publisher: the action says so, seen as 403.
    form = {"csrf": token, "at": "2025-07-03T10:00", "reason": "late"}
    extend = editor.post(f"/admin/maintenances/{EXAMPLE}/extend", data=form)
    assert extend.status_code == 403
    assert admin.as_role(Role.PUBLISHER).get("/admin/people").status_code == 403


def test_a_viewer_sees_no_edit_controls(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    for path in ("/admin/", "/admin/maintenances", f"/admin/maintenances/{EXAMPLE}",
                 "/admin/services", f"/admin/maintenances/{EXAMPLE}/history"):  # fmt: skip
        page = client.get(path)
        assert page.status_code == 200, path
        forms = re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', page.text)
        assert forms == ["/admin/logout"], (path, forms)
        assert "/admin/maintenances/new" not in page.text
    editor = admin.as_role(Role.EDITOR)
    assert "/admin/maintenances/new" in editor.get("/admin/").text


def test_public_screens_are_few_and_known() -> None:
    public = sorted(r.path for r in router.routes
                    if isinstance(r, APIRoute) and ROLES[r.endpoint] is PUBLIC)  # fmt: skip
    assert public == ["/admin/forgot", "/admin/forgot",
                      "/admin/lang/{lang}", "/admin/login", "/admin/login",
                      "/admin/password/{link}", "/admin/password/{link}",
                      "/admin/static/{name}"]  # fmt: skip
