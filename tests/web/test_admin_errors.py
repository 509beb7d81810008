"""Errors that neither leak nor lie: a database that is down, values an engine refuses, bodies
that are not JSON, and the documented table of every status and code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import errors
from preavis.web.app import create_app
from tests.conftest import TickingClock
from tests.web.test_admin_api import (
    Api,
    api_fixture,  # noqa: F401 - the `api` fixture
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "admin-api.md"
DOWN = "postgresql+psycopg://preavis@127.0.0.1:1/nowhere"  # nothing listens on port 1


@pytest.fixture
def down() -> TestClient:
    store = Store(DOWN)
    app = create_app(Settings(database_url=DOWN), store=store, clock=TickingClock())
    return TestClient(app)  # raises, failing the test, on any exception the app lets out


def test_healthz_with_the_database_down_is_a_small_503(down: TestClient) -> None:
    response = down.get("/healthz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == {
        "code": "unavailable",
        "message": "the database is unavailable",
        "details": None,
    }


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/v1/status?at=2025-06-30T19:00-04:00", {}),
        ("/api/v1/services", {}),
        ("/api/v1/admin/services", {"Authorization": "Bearer pvs_somebody"}),
        ("/fr/", {}),
    ],
)
def test_the_database_down_never_shows_its_address(
    down: TestClient, path: str, headers: dict[str, str]
) -> None:
    response = down.get(path, headers=headers)
    assert "127.0.0.1" not in response.text
    assert "port" not in response.text.lower()
    if path.startswith("/api/"):
        assert response.status_code == 503
        assert response.json()["error"]["message"] == "the database is unavailable"


@pytest.mark.parametrize(
    "path",
    [
        "/maintenances/%00",
        "/maintenances/a%00b/history",
        "/services/%00",
    ],
)
def test_a_nul_in_a_slug_is_422_naming_the_slug(api: Api, path: str) -> None:
    response = api("GET", path, role=Role.VIEWER)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "slug"


def test_a_nul_in_a_write_path_is_422_naming_the_slug(api: Api) -> None:
    response = api("POST", "/maintenances/a%00b/publish", json={})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "slug"


@pytest.mark.parametrize(
    "content", [b'{"slug": ', b'{"slug": "a"} trailing', b'{"slug": "\xff\xfe"}', b"\x00"]
)
def test_a_body_that_is_not_json_is_a_documented_400(api: Api, content: bytes) -> None:
    response = api("POST", "/services", content=content,
                   headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert error["message"].startswith("the request body is not valid JSON")


def documented() -> set[tuple[int, str]]:
    section = DOCS.read_text(encoding="utf-8").split("## Errors", 1)[1].split("\n## ", 1)[0]
    return {
        (int(status), code)
        for status, code in re.findall(r"^\| (\d{3}) \| `([a-z_]+)` \|", section, re.MULTILINE)
    }


def test_every_status_and_code_the_api_answers_is_documented() -> None:
    assert (503, "unavailable") in documented()  # the table is read
    assert documented() >= errors.CODES
