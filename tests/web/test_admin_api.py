"""The admin API through HTTP (in-process), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from preavis.actions import access, example_text
from preavis.actions.reading import Isolated
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from preavis.web.limits import MAX_BODY_BYTES
from tests.conftest import TickingClock, context

SHOP = {"slug": "shop", "name": {"fr": "Boutique", "en": "Shop"}}
DRAFT = {
    "slug": "upgrade",
    "title": {"fr": "Mise à niveau", "en": "Upgrade"},
    "timezone": "America/Toronto",
    "interruptions": [
        {
            "service": "shop",
            "impact": "unavailable",
            "starts_at": "2025-06-25T20:00-04:00",
            "ends_at": "2025-07-02T07:00-04:00",
            "description": {"fr": "Fermée.", "en": "Closed."},
        }
    ],
}


class Api:
    def __init__(self, client: TestClient, tokens: dict[Role, str]) -> None:
        self.client = client
        self.tokens = tokens

    def __call__(self, method: str, path: str, role: Role | None = Role.ADMIN, **kw: Any) -> Any:
        headers = dict(kw.pop("headers", {}))
        if role is not None:
            headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return self.client.request(method, f"/api/v1/admin{path}", headers=headers, **kw)


@pytest.fixture(name="api")
def api_fixture(store: Store) -> Iterator[Api]:
    ctx = context(store)
    tokens = {role: access.create_token(ctx, name=f"t-{role.value}", role=role) for role in Role}
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock())
    with TestClient(app) as client:
        yield Api(client, tokens)


def test_create_edit_publish_with_etags(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    created = api("POST", "/maintenances", role=Role.EDITOR, json=DRAFT)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"r1"'
    body = created.json()
    assert body["state"] == "draft"
    assert body["interruptions"][0]["starts_at"] == "2025-06-25T20:00:00-04:00"
    key = body["interruptions"][0]["key"]
    edit = {
        "interruption": {**DRAFT["interruptions"][0], "ends_at": "2025-07-02T09:00-04:00"},  # type: ignore[index]
        "reason": "two more hours",
    }
    changed = api("PUT", f"/maintenances/upgrade/interruptions/{key}", role=Role.EDITOR,
                  json=edit, headers={"If-Match": '"r1"'})  # fmt: skip
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == '"r2"'
    stale = api("PATCH", "/maintenances/upgrade", role=Role.EDITOR,
                json={"title": {"fr": "x", "en": "y"}}, headers={"If-Match": '"r1"'})  # fmt: skip
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "precondition_failed"
    assert (
        api("POST", "/maintenances/upgrade/publish", role=Role.EDITOR, json={}).status_code == 403
    )
    published = api(
        "POST", "/maintenances/upgrade/publish", role=Role.PUBLISHER, json={"revision": 2}
    )
    assert published.json()["state"] == "published"
    history = api("GET", "/maintenances/upgrade/history", role=Role.VIEWER).json()
    assert [h["number"] for h in history] == [1, 2, 3]
    assert history[1]["reason"] == "two more hours"
    assert history[1]["actor"] == "token:t-editor"
    assert any(c["field"].endswith(".ends_at") for c in history[1]["changes"])


def test_missing_translation_blocks_publishing(api: Api) -> None:
    api("POST", "/services", json=SHOP)
    draft = {**DRAFT, "title": {"fr": "Mise à niveau"}}
    api("POST", "/maintenances", json=draft)
    refused = api("POST", "/maintenances/upgrade/publish", json={})
    assert refused.status_code == 422
    assert "title.en" in refused.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**DRAFT, "timezone": "Mars/Olympus"}, "timezone"),
        ({**DRAFT, "starts_at": 0.5, "ends_at": "2025-07-03T00:00Z"}, "body.starts_at"),
        (
            {**DRAFT, "starts_at": "2025-06-25T20:00", "ends_at": "2025-07-03T00:00Z"},
            "body.starts_at",
        ),
        ({**DRAFT, "slug": "Not A Slug"}, "body.slug"),
        ({**DRAFT, "colour": "blue"}, "body.colour"),
    ],
)
def test_invalid_data_is_422_naming_the_field(api: Api, body: dict[str, Any], field: str) -> None:
    api("POST", "/services", json=SHOP)
    response = api("POST", "/maintenances", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert any(field in d["field"] for d in error["details"]), error


def test_unknown_objects_are_404(api: Api) -> None:
    assert api("GET", "/maintenances/nope", role=Role.VIEWER).status_code == 404
    assert api("POST", "/maintenances/nope/publish", json={}).status_code == 404
    assert api("GET", "/services/nope", role=Role.VIEWER).json()["error"]["code"] == "not_found"


def test_body_over_the_limit_is_413(api: Api) -> None:
    response = api("POST", "/maintenances", content=b"x" * (MAX_BODY_BYTES + 1),
                   headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_tokens_are_shown_once(api: Api) -> None:
    created = api("POST", "/tokens", json={"name": "robot", "role": "viewer"})
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = api("GET", "/tokens").json()
    assert {"name", "role", "created_at", "revoked_at"} == set(listed[0])
    assert secret not in str(listed)
    ok = api.client.get("/api/v1/admin/services", headers={"Authorization": f"Bearer {secret}"})
    assert ok.status_code == 200
    assert api("DELETE", "/tokens/robot").status_code == 204
    gone = api.client.get("/api/v1/admin/services", headers={"Authorization": f"Bearer {secret}"})
    assert gone.status_code == 401


def test_schedule_and_import(api: Api) -> None:
    applied = api("POST", "/schedule", json={"schedule": example_text(), "publish": True})
    assert applied.status_code == 200, applied.text
    assert applied.json()["published"] == ["maintenance:mise-a-niveau-2025"]
    again = api("POST", "/schedule", json={"schedule": example_text(), "publish": True}).json()
    assert again["created"] == again["updated"] == []
    notice = "- Boutique en ligne : indisponible du 3 mai 2026, 20 h au 4 mai 2026, 2 h (HE)\n"
    imported = api("POST", "/maintenances/import-notice", role=Role.EDITOR,
                   json={"notice": notice, "slug": "mai-2026"})  # fmt: skip
    assert imported.status_code == 201, imported.text
    row = imported.json()["maintenance"]["interruptions"][0]
    assert row["service"] == "boutique-en-ligne"  # matched to the catalogue
    bad = api("POST", "/schedule", json={"schedule": "preavis: 1\nservices: 3\n"})
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["line"] == 2


def test_import_warnings_keep_their_code_and_are_said_in_the_answers_language(api: Api) -> None:
    # No zone printed: the reader warns that it read the notice in the default zone.
    notice = "- Boutique en ligne : indisponible du 3 mai 2026, 20 h au 4 mai 2026, 2 h\n"
    said: dict[str, dict[str, Any]] = {}
    for lang in ("fr", "en"):
        r = api("POST", f"/maintenances/import-notice?lang={lang}", role=Role.EDITOR,
                json={"notice": notice, "slug": f"sans-fuseau-{lang}"})  # fmt: skip
        assert r.status_code == 201, r.text
        warnings = r.json()["warnings"]
        assert warnings, "a notice without a zone is read with a warning"
        said[lang] = warnings[0]
    fr, en = said["fr"], said["en"]
    assert fr["code"] and fr["code"] == en["code"]
    assert fr["message"] == en["message"] == en["said"]  # the English sentence, kept
    assert fr["said"] != en["said"]
    assert "fuseau" in fr["said"]


INTERRUPTION = DRAFT["interruptions"][0]  # type: ignore[index]
# (method, path template, concrete path, role needed, a valid body)
ROUTES: list[tuple[str, str, str, Role, dict[str, Any] | None]] = [
    ("GET", "/services", "/services", Role.VIEWER, None),
    ("POST", "/services", "/services", Role.ADMIN, {**SHOP, "slug": "other"}),
    ("GET", "/services/{slug}", "/services/shop", Role.VIEWER, None),
    ("PATCH", "/services/{slug}", "/services/shop", Role.ADMIN, {"name": {"fr": "a", "en": "b"}}),
    ("POST", "/services/{slug}/retire", "/services/shop/retire", Role.ADMIN, {}),
    ("GET", "/services/{slug}/aliases", "/services/shop/aliases", Role.VIEWER, None),
    ("POST", "/services/{slug}/aliases", "/services/shop/aliases", Role.EDITOR, {"name": "Store"}),
    ("DELETE", "/services/{slug}/aliases/{name}", "/services/shop/aliases/Store", Role.EDITOR,
     None),
    ("GET", "/groups", "/groups", Role.VIEWER, None),
    ("PUT", "/groups/{slug}", "/groups/g", Role.ADMIN, {"name": {"fr": "G", "en": "G"}}),
    ("GET", "/maintenances", "/maintenances", Role.VIEWER, None),
    ("POST", "/maintenances", "/maintenances", Role.EDITOR, {**DRAFT, "slug": "other"}),
    ("POST", "/maintenances/import-notice", "/maintenances/import-notice", Role.EDITOR,
     {"notice": "- Boutique : indisponible du 3 mai 2026, 20 h au 4 mai 2026, 2 h (HE)"}),
    ("GET", "/maintenances/{slug}", "/maintenances/upgrade", Role.VIEWER, None),
    ("PATCH", "/maintenances/{slug}", "/maintenances/upgrade", Role.EDITOR, {"reason": "x"}),
    ("POST", "/maintenances/{slug}/interruptions", "/maintenances/upgrade/interruptions",
     Role.EDITOR, {"interruption": INTERRUPTION}),
    ("PUT", "/maintenances/{slug}/interruptions/{key}", "/maintenances/upgrade/interruptions/abc",
     Role.EDITOR, {"interruption": INTERRUPTION}),
    ("DELETE", "/maintenances/{slug}/interruptions/{key}",
     "/maintenances/upgrade/interruptions/abc", Role.EDITOR, None),
    ("POST", "/maintenances/{slug}/publish", "/maintenances/upgrade/publish", Role.PUBLISHER, {}),
    ("POST", "/maintenances/{slug}/cancel", "/maintenances/upgrade/cancel", Role.PUBLISHER, {}),
    ("POST", "/maintenances/{slug}/reschedule", "/maintenances/upgrade/reschedule", Role.EDITOR,
     {"starts_at": "2025-07-25T20:00-04:00"}),
    ("POST", "/maintenances/{slug}/extend", "/maintenances/upgrade/extend", Role.EDITOR,
     {"ends_at": "2025-07-25T20:00-04:00"}),
    ("POST", "/maintenances/{slug}/end-early", "/maintenances/upgrade/end-early", Role.EDITOR,
     {"at": "2025-06-28T20:00-04:00"}),
    ("GET", "/maintenances/{slug}/history", "/maintenances/upgrade/history", Role.VIEWER, None),
    ("POST", "/schedule", "/schedule", Role.ADMIN, {"schedule": "preavis: 1\n"}),
    ("GET", "/export", "/export", Role.ADMIN, None),
    ("GET", "/tokens", "/tokens", Role.ADMIN, None),
    ("POST", "/tokens", "/tokens", Role.ADMIN, {"name": "new", "role": "viewer"}),
    ("DELETE", "/tokens/{name}", "/tokens/t-viewer", Role.ADMIN, None),
    # notifications (web/admin_notify.py)
    ("GET", "/subscribers", "/subscribers", Role.ADMIN, None),
    ("GET", "/subscribers.csv", "/subscribers.csv", Role.ADMIN, None),
    ("POST", "/subscribers/import", "/subscribers/import", Role.ADMIN, None),
    ("DELETE", "/subscribers/{email}", "/subscribers/a@example.org", Role.ADMIN, None),
    ("GET", "/deliveries", "/deliveries", Role.ADMIN, None),
    ("POST", "/deliveries/retry", "/deliveries/retry", Role.ADMIN, None),
    ("POST", "/webhooks", "/webhooks", Role.ADMIN, {"url": "https://h.example.org/", "lang": "fr"}),
    ("GET", "/webhooks", "/webhooks", Role.ADMIN, None),
    ("DELETE", "/webhooks/{ident}", "/webhooks/1", Role.ADMIN, None),
    ("POST", "/webhooks/{ident}/enable", "/webhooks/1/enable", Role.ADMIN, None),
    ("POST", "/webhooks/{ident}/disable", "/webhooks/1/disable", Role.ADMIN, None),
    ("POST", "/webhooks/{ident}/secret", "/webhooks/1/secret", Role.ADMIN, None),
    ("POST", "/channels", "/channels", Role.ADMIN, {"url": "json://h.example.org/", "lang": "fr"}),
    ("GET", "/channels", "/channels", Role.ADMIN, None),
    ("DELETE", "/channels/{ident}", "/channels/1", Role.ADMIN, None),
    ("POST", "/channels/{ident}/enable", "/channels/1/enable", Role.ADMIN, None),
    ("POST", "/channels/{ident}/disable", "/channels/1/disable", Role.ADMIN, None),
    ("PUT", "/channels/{ident}/url", "/channels/1/url", Role.ADMIN, {"url": "json://h.example.org/"}),
    ("GET", "/endpoint-deliveries", "/endpoint-deliveries", Role.ADMIN, None),
    ("GET", "/maintenances/{slug}/reminders", "/maintenances/upgrade/reminders", Role.VIEWER,
     None),
    ("PUT", "/maintenances/{slug}/reminders", "/maintenances/upgrade/reminders",
     Role.PUBLISHER, {"minutes": [60]}),
]  # fmt: skip


def test_every_admin_route_is_listed_here(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    documented = {
        (method.upper(), path.removeprefix("/api/v1/admin"))
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/admin")
        for method in item
    }
    assert {(method, template) for method, template, *_ in ROUTES} == documented


@pytest.mark.parametrize(
    ("method", "path", "needed", "body"),
    [(m, concrete, role, body) for m, _, concrete, role, body in ROUTES],
    ids=[f"{m} {t}" for m, t, *_ in ROUTES],
)
def test_every_admin_route_refuses_missing_bad_and_low_tokens(
    api: Api, method: str, path: str, needed: Role, body: dict[str, Any] | None
) -> None:
    api("POST", "/services", json=SHOP)
    api("POST", "/maintenances", json=DRAFT)
    assert api(method, path, role=None, json=body).status_code == 401
    forged = {"Authorization": "Bearer pvs_forged"}
    bad = api.client.request(method, f"/api/v1/admin{path}", headers=forged, json=body)
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "unauthorized"
    assert bad.headers["WWW-Authenticate"] == "Bearer"
    if needed is not Role.VIEWER:
        below = list(Role)[list(Role).index(needed) - 1]
        low = api(method, path, role=below, json=body)
        assert low.status_code == 403, low.text
        assert low.json()["error"]["code"] == "forbidden"


def test_absurd_revisions_are_422_not_500(api: Api) -> None:
    api("POST", "/services", json=SHOP)
    api("POST", "/maintenances", json=DRAFT)
    huge = api("PATCH", "/maintenances/upgrade", json={"revision": 2**63})
    assert huge.status_code == 422
    header = api(
        "PATCH", "/maintenances/upgrade", json={}, headers={"If-Match": '"r' + "9" * 30 + '"'}
    )
    assert header.status_code == 422


def test_streamed_body_over_the_limit_is_413(api: Api) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the guard must count as it reads
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536

    response = api("POST", "/maintenances", content=chunks(),
                   headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_notice_is_read_in_a_child_process_under_limits(api: Api) -> None:
    """The server never reads a notice itself: the reader runs in a child process, and a
    reading over its limits ends in a clear 422 with nothing stored."""
    app: Any = api.client.app
    while not isinstance(app, FastAPI):  # the public front and the body limit wrap FastAPI
        app = app.app
    assert isinstance(app.state.notices, Isolated)
    app.state.notices = Isolated(wall_seconds=0.001)  # no child can answer that fast
    notice = "- Boutique en ligne : indisponible du 3 mai 2026, 20 h au 4 mai 2026, 2 h (HE)\n"
    r = api("POST", "/maintenances/import-notice", role=Role.EDITOR,
            json={"notice": notice, "slug": "mai-2026"})  # fmt: skip
    assert r.status_code == 422, r.text
    assert "could not be read within" in r.json()["error"]["message"]
    assert api("GET", "/maintenances/mai-2026").status_code == 404
    assert api("GET", "/services/boutique-en-ligne").status_code == 404
