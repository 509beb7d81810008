"""Aliases through the admin API: viewers list them, editors add and remove them (403 below),
on SQLite and PostgreSQL."""

from __future__ import annotations

from preavis.domain.access import Role
from tests.web.test_admin_api import SHOP, Api, api_fixture

__all__ = ["api_fixture"]


def test_list_add_remove_with_roles(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    assert api("GET", "/services/shop/aliases", role=Role.VIEWER).json() == []
    refused = api("POST", "/services/shop/aliases", role=Role.VIEWER, json={"name": "Web store"})
    assert refused.status_code == 403
    added = api("POST", "/services/shop/aliases", role=Role.EDITOR, json={"name": "Web store"})
    assert added.status_code == 201, added.text
    assert added.json() == {"name": "Web store", "service": "shop"}
    listed = api("GET", "/services/shop/aliases", role=Role.VIEWER)
    assert listed.json() == [{"name": "Web store", "service": "shop"}]
    assert api("DELETE", "/services/shop/aliases/Web store", role=Role.VIEWER).status_code == 403
    assert api("DELETE", "/services/shop/aliases/web STORE", role=Role.EDITOR).status_code == 204
    assert api("GET", "/services/shop/aliases", role=Role.VIEWER).json() == []
    again = api("DELETE", "/services/shop/aliases/Web store", role=Role.EDITOR)
    assert again.status_code == 404
    assert api("GET", "/services/nope/aliases", role=Role.VIEWER).status_code == 404


def test_a_services_own_name_is_refused_with_the_field_named(api: Api) -> None:
    assert api("POST", "/services", json=SHOP).status_code == 201
    answer = api("POST", "/services/shop/aliases", role=Role.EDITOR, json={"name": "Boutique"})
    assert answer.status_code == 422
    assert "already the name of service 'shop'" in answer.text
