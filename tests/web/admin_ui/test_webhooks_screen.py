"""The webhooks and team channels screen (admins): list, add, enable, disable, delete after a
confirmation page, a webhook's new secret, a channel's URL again; the signing secret shown
once and never cached; a channel URL's secret part on no page; refusals beside their field,
in the screen's language, with what was typed kept; other roles refused before anything."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from preavis.actions import endpoints
from preavis.actions.keys import NEEDS_SECRET
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.web.app import create_app
from tests.web.admin_ui.conftest import Admin

HOOK = "https://93.184.216.34/hook"  # a public address, never called by these tests
CHANNEL = "json://93.184.216.34/a/verysecretpath"
SECRET = re.compile(r'id="secret" type="text" readonly value="(whsec_[^"]+)"')


@pytest.fixture
def hooks_admin(admin: Admin) -> Admin:
    """The app with a secret key (sealing endpoints needs it), private addresses refused."""
    settings = Settings(database_url=admin.store.url, secret_key="k" * 40)
    admin.app = create_app(settings, store=admin.store, clock=admin.clock)
    return admin


def _english(admin: Admin) -> tuple[TestClient, str]:
    client = admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "en")
    return client, admin.csrf(client, "/admin/webhooks")


def _ids(client: TestClient) -> list[int]:
    return [int(n) for n in re.findall(r'id="endpoint-(\d+)"', client.get("/admin/webhooks").text)]


def test_other_roles_are_refused_before_anything_is_read(
    hooks_admin: Admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    for name in ("list_endpoints", "list_endpoint_deliveries", "add_endpoint", "enable_endpoint",
                 "disable_endpoint", "remove_endpoint", "renew_endpoint_secret"):  # fmt: skip
        monkeypatch.setattr(endpoints, name, lambda *a, _n=name, **k: read.append(_n))
    routes = [("GET", "/admin/webhooks"), ("POST", "/admin/webhooks/add"),
              ("POST", "/admin/webhooks/1/enable"), ("POST", "/admin/webhooks/1/disable"),
              ("GET", "/admin/webhooks/1/delete"), ("POST", "/admin/webhooks/1/delete"),
              ("POST", "/admin/webhooks/1/secret")]  # fmt: skip
    for role in (Role.VIEWER, Role.EDITOR, Role.PUBLISHER):
        client = hooks_admin.as_role(role)
        token = hooks_admin.csrf(client)
        assert 'href="/admin/webhooks"' not in client.get("/admin/").text
        for method, path in routes:
            # no CSRF token and a URL that would be refused: the role is checked first
            answer = client.request(method, path, data={"url": "x"} if method == "POST" else None)
            assert answer.status_code == 403, (role, path)
        answer = client.post("/admin/webhooks/add", data={"csrf": token, "url": HOOK})
        assert answer.status_code == 403
    assert read == []  # the screen's role stopped them, not the actions' own check
    client = hooks_admin.as_role(Role.ADMIN)
    assert 'href="/admin/webhooks"' in client.get("/admin/").text
    assert client.post("/admin/webhooks/add", data={"url": HOOK}).status_code == 403  # CSRF


def test_a_webhook_added_shows_its_secret_once(hooks_admin: Admin) -> None:
    client, token = _english(hooks_admin)
    made = client.post("/admin/webhooks/add", data={"csrf": token, "kind": "webhook",
                       "url": HOOK, "lang": "fr", "services": "ramassage-colis"})  # fmt: skip
    assert made.status_code == 200, made.text
    assert made.headers["cache-control"] == "no-store"
    assert "it will never be shown again" in made.text
    found = SECRET.search(made.text)
    assert found is not None
    secret = found[1]
    listed = client.get("/admin/webhooks")
    assert HOOK in listed.text and "ramassage-colis" in listed.text
    assert "French" in listed.text and "Enabled" in listed.text
    assert secret not in listed.text
    # A new secret: shown once too, and different; the old one appears nowhere.
    (ident,) = _ids(client)
    renewed = client.post(f"/admin/webhooks/{ident}/secret", data={"csrf": token})
    assert renewed.status_code == 200 and renewed.headers["cache-control"] == "no-store"
    again = SECRET.search(renewed.text)
    assert again is not None and again[1] != secret
    assert again[1] not in client.get("/admin/webhooks").text
    assert secret not in renewed.text


def test_disable_enable_and_delete_after_confirming(hooks_admin: Admin) -> None:
    client, token = _english(hooks_admin)
    client.post("/admin/webhooks/add", data={"csrf": token, "url": HOOK, "lang": "en"})
    (ident,) = _ids(client)
    off = client.post(f"/admin/webhooks/{ident}/disable", data={"csrf": token})
    assert off.status_code == 303
    listed = client.get(off.headers["location"]).text
    assert "Disabled." in listed and "disabled by Admin Person" in listed
    on = client.post(f"/admin/webhooks/{ident}/enable", data={"csrf": token})
    assert on.status_code == 303
    assert "Enabled again" in client.get(on.headers["location"]).text
    asked = client.get(f"/admin/webhooks/{ident}/delete")
    assert asked.status_code == 200 and "Delete it for good?" in asked.text
    assert f'action="/admin/webhooks/{ident}/delete"' in asked.text
    assert _ids(client) == [ident]  # asking deleted nothing
    gone = client.post(f"/admin/webhooks/{ident}/delete", data={"csrf": token})
    assert gone.status_code == 303 and _ids(client) == []
    huge = "9" * 20
    for path in (f"/admin/webhooks/{ident}/enable", "/admin/webhooks/abc/disable",
                 f"/admin/webhooks/{ident}/secret", f"/admin/webhooks/{huge}/delete"):  # fmt: skip
        answer = client.post(path, data={"csrf": token})
        assert answer.status_code == 404, path
        assert "Traceback" not in answer.text
    assert client.get(f"/admin/webhooks/{ident}/delete").status_code == 404


def test_a_channel_url_secret_part_is_on_no_page(hooks_admin: Admin) -> None:
    client, token = _english(hooks_admin)
    made = client.post("/admin/webhooks/add", data={"csrf": token, "kind": "channel",
                       "url": CHANNEL, "lang": "en"})  # fmt: skip
    assert made.status_code == 303, made.text
    assert "verysecretpath" not in made.text
    listed = client.get(made.headers["location"]).text
    assert "Channel added." in listed and "93.184.216.34" in listed
    assert "verysecretpath" not in listed
    (ident,) = _ids(client)
    assert "verysecretpath" not in client.get(f"/admin/webhooks/{ident}/delete").text
    new_url = "json://93.184.216.34/a/n3wsecret"
    again = client.post(f"/admin/webhooks/{ident}/secret", data={"csrf": token, "url": new_url})
    assert again.status_code == 303
    after = client.get(again.headers["location"]).text
    assert "URL saved" in after and "n3wsecret" not in after
    bad = client.post(
        f"/admin/webhooks/{ident}/secret", data={"csrf": token, "url": "nonsense://x"}
    )
    assert bad.status_code == 422
    assert f'id="url-{ident}-error"' in bad.text and "Apprise" in bad.text
    # A channel refused for its address: said beside the field, its secret part not written back
    private = client.post("/admin/webhooks/add", data={"csrf": token, "kind": "channel",
                          "url": "json://10.0.0.1/a/verysecretpath", "lang": "en"})  # fmt: skip
    assert private.status_code == 422 and 'id="url-error"' in private.text
    assert "verysecretpath" not in private.text
    assert 'value="channel" checked' in private.text


def test_refusals_beside_their_field_with_what_was_typed_kept(hooks_admin: Admin) -> None:
    client = hooks_admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "fr")
    token = hooks_admin.csrf(client, "/admin/webhooks")
    private = client.post("/admin/webhooks/add", data={"csrf": token, "kind": "webhook",
                          "url": "https://10.0.0.1/x", "lang": "en",
                          "services": "ramassage-colis"})  # fmt: skip
    assert private.status_code == 422
    html = private.text
    assert 'id="url-error"' in html and "adresse privée" in html
    assert 'aria-describedby="url-error"' in html
    assert 'value="https://10.0.0.1/x"' in html and 'value="ramassage-colis"' in html
    assert '<option value="en" selected>' in html
    unknown = client.post("/admin/webhooks/add", data={"csrf": token, "url": HOOK,
                          "lang": "fr", "services": "nope"})  # fmt: skip
    assert unknown.status_code == 422
    assert 'id="services-error"' in unknown.text and "nope" in unknown.text
    assert f'value="{HOOK}"' in unknown.text
    assert "Traceback" not in unknown.text
    assert client.get("/admin/webhooks").text.count('id="endpoint-') == 0


def test_words_in_french_and_english(hooks_admin: Admin) -> None:
    client = hooks_admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "fr")
    french = client.get("/admin/webhooks").text
    assert "Webhooks et canaux" in french and "Ajouter un webhook ou un canal" in french
    client.cookies.set("preavis_admin_lang", "en")
    english = client.get("/admin/webhooks").text
    assert "Webhooks and channels" in english and "Add a webhook or a channel" in english


def test_one_restored_without_the_key_shows_it_and_is_renewed(hooks_admin: Admin) -> None:
    client = hooks_admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "fr")
    token = hooks_admin.csrf(client, "/admin/webhooks")
    client.post("/admin/webhooks/add", data={"csrf": token, "url": HOOK, "lang": "fr"})
    (ident,) = _ids(client)
    with hooks_admin.store.transaction() as tx:  # what `restore --without-key` leaves
        tx.set_endpoint(ident, {"sealed": "", "enabled": False, "disabled_reason": NEEDS_SECRET})
    listed = client.get("/admin/webhooks").text
    assert "a besoin de nouveau de son secret" in listed
    assert f'action="/admin/webhooks/{ident}/enable"' not in listed  # only a new secret enables
    refused = client.post(f"/admin/webhooks/{ident}/enable", data={"csrf": token})
    assert refused.status_code == 422 and "Traceback" not in refused.text
    renewed = client.post(f"/admin/webhooks/{ident}/secret", data={"csrf": token})
    assert renewed.status_code == 200 and SECRET.search(renewed.text) is not None
    after = client.get("/admin/webhooks").text
    assert "a besoin de nouveau" not in after and "Actif" in after
