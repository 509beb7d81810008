"""Authorization comes first: every admin write route refuses a viewer with 403 (and a caller
without a token with 401) whatever the body, the slug or the If-Match, before any lookup or
lock; on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from preavis.actions import access
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.storage import Store, engine
from preavis.web.app import create_api, create_app
from preavis.web.limits import MAX_BODY_BYTES
from tests.conftest import TickingClock, context, fresh_url
from tests.web.test_admin_api import DRAFT, SHOP

PREFIX = "/api/v1/admin"


def _walk(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router, resolved lazily
            yield from _walk(route.original_router.routes)


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every admin route that is not a read, as the app declares them."""
    return sorted(
        (method, route.path)
        for route in _walk(app.routes)
        if route.path.startswith(PREFIX)
        for method in route.methods - {"GET", "HEAD"}
    )


def _app_for_listing(tmp_path: Path) -> FastAPI:
    return create_api(Settings(database_url=f"sqlite:///{tmp_path}/routes.db"))


WRITE_ROUTES = write_routes(_app_for_listing(Path("/nonexistent")))  # builds, connects to nothing


def test_the_routes_walked_are_every_admin_write_route(tmp_path: Path) -> None:
    schema = _app_for_listing(tmp_path).openapi()
    documented = sorted(
        (method.upper(), path)
        for path, item in schema["paths"].items()
        if path.startswith(PREFIX)
        for method in item
        if method != "get"
    )
    assert len(WRITE_ROUTES) >= 17
    assert documented == WRITE_ROUTES


class Unknown(dict[str, str]):
    def __missing__(self, name: str) -> str:
        return "no-such-thing"


class Setup:
    def __init__(self, client: TestClient, tokens: dict[Role, str], key: str) -> None:
        self.client = client
        self.tokens = tokens
        self.key = key

    def existing(self, path: str) -> str:
        """The path with its parameters naming objects that exist."""
        kind = path.removeprefix(PREFIX).split("/")[1]
        slug = {"services": "shop", "maintenances": "upgrade", "groups": "g"}.get(kind, "x")
        return path.format_map(Unknown(slug=slug, key=self.key, name="t-viewer"))

    def export(self) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[Role.ADMIN]}"}
        return self.client.get(f"{PREFIX}/export", headers=headers).json()


@pytest.fixture
def setup(store: Store) -> Iterator[Setup]:
    ctx = context(store)
    tokens = {role: access.create_token(ctx, name=f"t-{role.value}", role=role) for role in Role}
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock())
    with TestClient(app) as client:
        admin = {"Authorization": f"Bearer {tokens[Role.ADMIN]}"}
        assert client.put(f"{PREFIX}/groups/g", json={"name": {"fr": "G", "en": "G"}},
                          headers=admin).status_code == 200  # fmt: skip
        assert client.post(f"{PREFIX}/services", json=SHOP, headers=admin).status_code == 201
        made = client.post(f"{PREFIX}/maintenances", json=DRAFT, headers=admin)
        assert made.status_code == 201, made.text
        yield Setup(client, tokens, made.json()["interruptions"][0]["key"])


INVALID = {"revision": "not a number", "name": 3, "interruption": [], "unexpected": True}
MALFORMED = b'{"name": '
OVERSIZED = b'{"name": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'


def attempts(setup: Setup, path: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(what, concrete path, request arguments): an invalid body, malformed JSON, an unknown
    slug, a stale If-Match and one that is not a revision."""
    json_type = {"Content-Type": "application/json"}
    here, nowhere = setup.existing(path), path.format_map(Unknown())
    return [
        ("invalid body", here, {"json": INVALID}),
        ("malformed JSON", here, {"content": MALFORMED, "headers": json_type}),
        ("unknown slug", nowhere, {"json": {}}),
        ("stale If-Match", here, {"json": {}, "headers": {"If-Match": '"r99"'}}),
        ("bad If-Match", here, {"json": {}, "headers": {"If-Match": "yesterday"}}),
        ("body over the size limit", here, {"content": OVERSIZED, "headers": json_type}),
    ]


@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES, ids=[" ".join(r) for r in WRITE_ROUTES])
def test_a_viewer_is_refused_403_whatever_the_request(setup: Setup, method: str, path: str) -> None:
    before = setup.export()
    viewer = {"Authorization": f"Bearer {setup.tokens[Role.VIEWER]}"}
    for what, concrete, kwargs in attempts(setup, path):
        headers = {**kwargs.pop("headers", {}), **viewer}
        response = setup.client.request(method, concrete, headers=headers, **kwargs)
        assert response.status_code == 403, f"{what}: {response.text}"
        assert response.json()["error"]["code"] == "forbidden", what
        assert "needs the" in response.json()["error"]["message"]
    assert setup.export() == before  # nothing changed, not even a revision number


@pytest.mark.parametrize(("method", "path"), WRITE_ROUTES, ids=[" ".join(r) for r in WRITE_ROUTES])
def test_no_token_is_401_whatever_the_request(setup: Setup, method: str, path: str) -> None:
    for what, concrete, kwargs in attempts(setup, path):
        response = setup.client.request(method, concrete, **kwargs)
        assert response.status_code == 401, f"{what}: {response.text}"
        assert response.json()["error"]["code"] == "unauthorized", what
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_route_without_a_declared_role_cannot_be_added() -> None:
    from fastapi import APIRouter

    from preavis.web.admin import AdminRoute

    router = APIRouter(route_class=AdminRoute)
    with pytest.raises(TypeError, match="must declare the one role it needs"):

        @router.post("/api/v1/admin/forgotten")
        def forgotten() -> None:  # pragma: no cover - never served
            return None


def test_a_refused_edit_takes_no_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds SQLite's write lock: the viewer is still refused (403) at once, while
    an editor's same edit needs the lock and, waiting past busy_timeout, gets 503."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_MS", 500)  # how long a writer waits for the lock
    url = fresh_url("sqlite", tmp_path)
    store = Store(url)
    store.upgrade()
    ctx = context(store)
    tokens = {role: access.create_token(ctx, name=f"t-{role.value}", role=role) for role in Role}
    app = create_app(Settings(database_url=url), store=store, clock=TickingClock())
    edit = {"title": {"fr": "Autre", "en": "Other"}}
    with TestClient(app) as client:

        def patch(role: Role) -> Any:
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            return client.patch(f"{PREFIX}/maintenances/upgrade", json=edit, headers=headers)

        admin = {"Authorization": f"Bearer {tokens[Role.ADMIN]}"}
        client.post(f"{PREFIX}/services", json=SHOP, headers=admin)
        assert client.post(f"{PREFIX}/maintenances", json=DRAFT, headers=admin).status_code == 201
        holder = sqlite3.connect(str(tmp_path / "preavis-test.db"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # the write lock, held by someone else
        try:
            refused = patch(Role.VIEWER)
            waited = patch(Role.EDITOR)
        finally:
            holder.rollback()
            holder.close()
        assert refused.status_code == 403, refused.text
        assert waited.status_code == 503, waited.text  # the lock was really held
        assert waited.json()["error"]["message"] == "the database is unavailable"
        assert patch(Role.EDITOR).status_code == 200
        # Published, it needs a publisher: the action sees that before claiming the row.
        published = client.post(f"{PREFIX}/maintenances/upgrade/publish", json={}, headers=admin)
        assert published.status_code == 200, published.text
        holder = sqlite3.connect(str(tmp_path / "preavis-test.db"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            editor = patch(Role.EDITOR)
        finally:
            holder.rollback()
            holder.close()
        assert editor.status_code == 403, editor.text
        assert "publisher" in editor.json()["error"]["message"]
    store.dispose()
