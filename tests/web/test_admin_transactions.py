"""One use case, one transaction: a refused request leaves nothing behind, through the admin API,
on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from preavis.domain.access import Role
from tests.web.test_admin_api import (
    SHOP,
    Api,
    api_fixture,  # noqa: F401 - the `api` fixture
)

NOTICE = "- {name} : indisponible du 3 mai 2026, 10 h au 3 mai 2026, 12 h (HE)\n"


def public_slugs(api: Api) -> set[str]:
    return {s["slug"] for s in api.client.get("/api/v1/services").json()}


def admin_slugs(api: Api) -> set[str]:
    return {s["slug"] for s in api("GET", "/services", role=Role.VIEWER).json()}


def import_notice(api: Api, name: str, **fields: Any) -> Any:
    body = {"notice": NOTICE.format(name=name), **fields}
    return api("POST", "/maintenances/import-notice", role=Role.EDITOR, json=body)


def test_an_import_refused_for_its_slug_creates_no_service(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    assert import_notice(api, "Boutique", slug="mai").status_code == 201
    refused = import_notice(api, "Portail des fournisseurs", slug="mai")
    assert refused.status_code == 409, refused.text
    assert "mai" in refused.json()["error"]["message"]
    assert "portail-des-fournisseurs" not in public_slugs(api)
    assert admin_slugs(api) == {"shop"}


def test_an_import_refused_when_writing_its_draft_creates_no_service(api: Api) -> None:
    """No slug given: the one made from the notice is found taken only inside the transaction
    that has already written the new services; rolling back removes them."""
    assert api("POST", "/services", json=SHOP).status_code == 201
    first = import_notice(api, "Boutique")
    assert first.status_code == 201, first.text
    history_before = api("GET", "/export").json()["tables"]["revisions"]
    refused = import_notice(api, "Portail des fournisseurs")  # same title and date: same slug
    assert refused.status_code == 409, refused.text
    assert first.json()["maintenance"]["slug"] in refused.json()["error"]["message"]
    assert "portail-des-fournisseurs" not in public_slugs(api)
    assert admin_slugs(api) == {"shop"}
    assert api("GET", "/export").json()["tables"]["revisions"] == history_before


def test_a_patch_whose_second_half_is_refused_changes_nothing(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    before = api("GET", "/services/shop", role=Role.VIEWER).json()
    change = {"name": {"fr": "Magasin", "en": "Store"}, "group": "nowhere", "reason": "both"}
    refused = api("PATCH", "/services/shop", json=change)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["details"][0]["field"] == "group"
    after = api("GET", "/services/shop", role=Role.VIEWER).json()
    assert after == before  # the name too, and the revision
    assert {s["slug"]: s["name"] for s in api.client.get("/api/v1/services").json()} == {
        "shop": SHOP["name"]
    }


def test_a_patch_applies_every_field_as_one_revision(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    api("PUT", "/groups/achats", json={"name": {"fr": "Achats", "en": "Shopping"}})
    change = {"name": {"fr": "Magasin", "en": "Store"}, "group": "achats", "revision": 1}
    done = api("PATCH", "/services/shop", json=change)
    assert done.status_code == 200, done.text
    assert (done.json()["group"], done.json()["name"]["en"], done.json()["revision"]) == (
        "achats",
        "Store",
        2,
    )
    ungroup = api("PATCH", "/services/shop", json={"group": None, "revision": 2})
    assert (ungroup.json()["group"], ungroup.json()["revision"]) == (None, 3)
