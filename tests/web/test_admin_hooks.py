"""The admin API for webhooks, channels and reminder offsets: roles first, the secret shown
once, channel URLs never in full, errors naming the field."""

from __future__ import annotations

from fastapi.testclient import TestClient

from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.web.app import create_app
from tests.web.test_subscribe import SECRET, World, world  # noqa: F401 (the fixture)


def test_webhooks_through_the_admin_api(world: World) -> None:  # noqa: F811
    body = {"url": "https://127.0.0.1:9/hook", "lang": "en", "services": ["ramassage-colis"]}
    assert world.admin("POST", "/webhooks", Role.PUBLISHER, json=body).status_code == 403
    refused = world.admin("POST", "/webhooks", json=body)
    assert refused.status_code == 422  # loopback, and the app's settings do not allow it
    assert "loopback" in refused.text
    made = world.admin("POST", "/channels", json={**body, "url": "nonsense://x"})
    assert made.status_code == 422 and "Apprise" in made.text
    assert world.admin("GET", "/webhooks").json() == []
    unknown = world.admin("POST", "/webhooks", json={**body, "services": ["nope"]})
    assert unknown.status_code == 422
    assert world.client.get("/api/v1/admin/webhooks").status_code == 401


def test_reminders_through_the_admin_api(world: World) -> None:  # noqa: F811
    slug = "mise-a-niveau-2025"
    got = world.admin("GET", f"/maintenances/{slug}/reminders", Role.VIEWER)
    assert got.json() == {"slug": slug, "minutes": [1440, 60], "default": True}
    put = world.admin(
        "PUT", f"/maintenances/{slug}/reminders", Role.EDITOR, json={"minutes": [120]}
    )
    assert put.status_code == 403
    put = world.admin(
        "PUT", f"/maintenances/{slug}/reminders", Role.PUBLISHER, json={"minutes": [120, 2880]}
    )
    assert put.json() == {"slug": slug, "minutes": [2880, 120], "default": False}
    bad = world.admin(
        "PUT", f"/maintenances/{slug}/reminders", Role.PUBLISHER, json={"minutes": [-5]}
    )
    assert bad.status_code == 422 and "reminders" in bad.text
    missing = world.admin("PUT", "/maintenances/nope/reminders", json={"minutes": None})
    assert missing.status_code == 404


def test_a_webhook_made_through_the_api_shows_its_secret_once(world: World) -> None:  # noqa: F811
    settings = Settings(database_url=world.store.url, secret_key=SECRET, webhook_allow_private=True)
    headers = {"Authorization": f"Bearer {world.tokens[Role.ADMIN]}"}
    with TestClient(create_app(settings, store=world.store, clock=world.clock)) as client:
        body = {"url": "http://127.0.0.1:9/hook", "lang": "fr", "groups": []}
        made = client.post("/api/v1/admin/webhooks", json=body, headers=headers)
        assert made.status_code == 201, made.text
        assert made.json()["secret"].startswith("whsec_")
        channel = {"url": "json://127.0.0.1:9/a/verysecretpath", "lang": "en"}
        made_channel = client.post("/api/v1/admin/channels", json=channel, headers=headers)
        assert made_channel.status_code == 201
        assert "verysecretpath" not in made_channel.text
        listed = client.get("/api/v1/admin/webhooks", headers=headers).json()
        assert [(w["url"], w["enabled"]) for w in listed] == [("http://127.0.0.1:9/hook", True)]
        assert "secret" not in listed[0]
        ident = listed[0]["id"]
        off = client.post(f"/api/v1/admin/webhooks/{ident}/disable", headers=headers)
        assert off.status_code == 204
        listed = client.get("/api/v1/admin/webhooks", headers=headers).json()
        assert listed[0]["enabled"] is False and listed[0]["disabled_reason"]
        on = client.post(f"/api/v1/admin/webhooks/{ident}/enable", headers=headers)
        assert on.json() == {"retried": 0}
        gone = client.delete(f"/api/v1/admin/webhooks/{ident}", headers=headers)
        assert gone.status_code == 204
        assert client.get("/api/v1/admin/webhooks", headers=headers).json() == []


def test_an_id_no_engine_can_store_is_not_found(world: World) -> None:  # noqa: F811
    # Found by schemathesis: 2**63 reached SQLite as an OverflowError (a 500).
    for ident in (0, -1, 2**63, 10**30):
        for method, path in (
            ("DELETE", f"/webhooks/{ident}"),
            ("POST", f"/channels/{ident}/enable"),
        ):
            answer = world.admin(method, path)
            assert answer.status_code == 404, (ident, answer.text)


def test_a_webhook_restored_without_the_key_gets_a_new_secret_from_the_admin_api(
    world: World,  # noqa: F811
) -> None:
    from preavis.actions.keys import NEEDS_SECRET

    settings = Settings(database_url=world.store.url, secret_key=SECRET, webhook_allow_private=True)
    headers = {"Authorization": f"Bearer {world.tokens[Role.ADMIN]}"}
    with TestClient(create_app(settings, store=world.store, clock=world.clock)) as client:
        body = {"url": "http://127.0.0.1:9/hook", "lang": "fr"}
        ident = client.post("/api/v1/admin/webhooks", json=body, headers=headers).json()["id"]
        channel = {"url": "json://127.0.0.1:9/a/t0k3n", "lang": "en"}
        other = client.post("/api/v1/admin/channels", json=channel, headers=headers).json()["id"]
        # As `preavis restore --without-key` leaves them (actions/keys.py, without_key).
        with world.store.transaction() as tx:
            for n in (ident, other):
                tx.set_endpoint(
                    n, {"sealed": "", "enabled": False, "disabled_reason": NEEDS_SECRET}
                )
        [listed] = client.get("/api/v1/admin/webhooks", headers=headers).json()
        assert (listed["needs_secret"], listed["enabled"]) == (True, False)
        assert listed["disabled_reason"] == "needs its secret again"
        refused = client.post(f"/api/v1/admin/webhooks/{ident}/enable", headers=headers)
        assert refused.status_code == 422 and "renew-secret" in refused.text
        path = f"/api/v1/admin/webhooks/{ident}/secret"
        assert world.admin("POST", f"/webhooks/{ident}/secret", Role.PUBLISHER).status_code == 403
        renewed = client.post(path, headers=headers)
        assert renewed.status_code == 200, renewed.text
        assert renewed.json()["secret"].startswith("whsec_")
        assert (renewed.json()["needs_secret"], renewed.json()["enabled"]) == (False, True)
        url = f"/api/v1/admin/channels/{other}/url"
        assert client.put(url, json={}, headers=headers).status_code == 422
        again = client.put(url, json={"url": "json://127.0.0.1:9/a/n3wsecretpath"}, headers=headers)
        assert again.status_code == 200 and "n3wsecretpath" not in again.text
        [listed] = client.get("/api/v1/admin/channels", headers=headers).json()
        assert (listed["needs_secret"], listed["enabled"]) == (False, True)
