"""The services and groups screen: an admin creates a service, renames it in both languages,
moves it between groups and retires it; creates and renames groups. Each change is a revision
under the person's name."""

from __future__ import annotations

from preavis.actions import catalogue
from preavis.domain.access import Role
from preavis.domain.text import Text
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin


def test_create_rename_move_and_retire_a_service(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    token = admin.csrf(client, "/admin/services")
    created = client.post("/admin/services", data={
        "csrf": token, "slug": "telephonie", "name_fr": "Téléphonie", "name_en": "Phones",
        "group": "comptes", "reason": "new line of business",
    })  # fmt: skip
    assert created.status_code == 303
    page = client.get("/admin/services").text
    assert 'id="service-telephonie"' in page and 'value="Téléphonie"' in page
    changed = client.post("/admin/services/telephonie", data={
        "csrf": token, "name_fr": "Téléphonie IP", "name_en": "IP phones", "group": "achats",
    })  # fmt: skip
    assert changed.status_code == 303
    ctx = context(admin.store)
    service, _ = catalogue.get_service(ctx, slug="telephonie")
    assert (service.name, service.group) == (Text("Téléphonie IP", "IP phones"), "achats")
    retired = client.post("/admin/services/telephonie/retire", data={"csrf": token})
    assert retired.status_code == 303
    service, _ = catalogue.get_service(ctx, slug="telephonie")
    assert service.retired
    page = client.get("/admin/services").text
    assert 'id="telephonie-fr"' not in page  # no longer editable: shown as retired


def test_groups_created_and_renamed_and_bad_input_named(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "en")
    token = admin.csrf(client, "/admin/services")
    made = client.post("/admin/groups", data={
        "csrf": token, "slug": "voix", "name_fr": "Voix", "name_en": "Voice",
    })  # fmt: skip
    assert made.status_code == 303
    renamed = client.post("/admin/groups", data={
        "csrf": token, "slug": "voix", "name_fr": "Voix et vidéo", "name_en": "Voice and video",
    })  # fmt: skip
    assert renamed.status_code == 303
    groups = {g.slug: g for g in catalogue.list_groups(context(admin.store))}
    assert groups["voix"].name == Text("Voix et vidéo", "Voice and video")
    page = client.get("/admin/services").text
    assert 'id="group-voix-en"' in page and 'value="Voice and video"' in page
    bad = client.post("/admin/services", data={"csrf": token, "slug": "Pas Bon", "name_fr": "x"})
    assert bad.status_code == 422
    assert 'href="#new-service"' in bad.text and "Refused" in bad.text
