"""The editor's preview: the public timeline and the notice in both languages, rendered by the
server from the form as it stands (nothing saved); the same fragment for admin.js."""

from __future__ import annotations

import re

from preavis.actions import maintenances
from preavis.domain.access import Role
from preavis.domain.errors import NotFoundError
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin
from tests.web.admin_ui.test_editor import ROWS, SLUG, form


def _preview(html: str) -> str:
    found = re.search(r'<div id="preview"[^>]*>(.*?)</div>\s*</section>', html, re.S)
    assert found is not None, "the editor has its preview"
    return found[1]


def test_the_preview_button_shows_the_unsaved_form_without_saving(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    client.cookies.set("preavis_admin_lang", "en")
    token = admin.csrf(client, "/admin/maintenances/new")
    answer = client.post("/admin/maintenances/new/preview", data=form(token))
    assert answer.status_code == 200
    shown = _preview(answer.text)
    assert "<svg" in shown  # the public timeline
    # The notice in both languages, in the reference layout, in the maintenance's zone.
    assert '<section class="notice" lang="fr"' in shown
    assert '<section class="notice" lang="en"' in shown
    assert "Service interruption" in shown and "Interruption de service" in shown
    assert "Slow pickups." in shown and "Ramassage lent." in shown
    # write-notice's typography: the impact as its own sentence, times held together
    assert (
        "<td>Limited. Slow pickups.</td><td>From July 10, 8\xa0p.m. to July 10, 10\xa0p.m.</td>"
        in shown
    )
    assert (
        "<td>Limité. Ramassage lent.</td><td>Du 10 juillet, 20\xa0h au 10 juillet, 22\xa0h</td>"
        in shown
    )
    assert "Migration du courriel" in shown and "E-mail migration" in shown
    # The form keeps what was typed, and nothing was saved.
    assert 'value="Migration du courriel"' in answer.text
    try:
        maintenances.get_maintenance(context(admin.store), slug=SLUG)
        saved = True
    except NotFoundError:
        saved = False
    assert not saved


def test_the_fragment_for_the_script_and_rows_in_error_left_out(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    client.cookies.set("preavis_admin_lang", "fr")
    token = admin.csrf(client, "/admin/maintenances/new")
    rows = [*ROWS[:2], {**ROWS[2], "end": "2025-07-10T20:00"}]  # the third ends before it starts
    answer = client.post("/admin/maintenances/new/preview", data=form(token, rows),
                         headers={"X-Preview": "fragment"})  # fmt: skip
    assert answer.status_code == 200
    assert "<html" not in answer.text and "<svg" in answer.text
    assert "Les lignes en erreur ne figurent pas dans l’aperçu." in answer.text
    assert "Paiements arrêtés." not in answer.text and "Aucun ramassage." in answer.text


def test_a_saved_maintenance_shows_its_preview_and_a_viewer_cannot_post_one(admin: Admin) -> None:
    viewer = admin.as_role(Role.VIEWER)
    viewer.cookies.set("preavis_admin_lang", "en")
    page = viewer.get("/admin/maintenances/mise-a-niveau-2025")
    assert "Notice in French" in page.text and "<svg" in _preview(page.text)
    token = admin.csrf(viewer)
    refused = viewer.post("/admin/maintenances/mise-a-niveau-2025/preview",
                          data={"csrf": token, "title_en": "x"})  # fmt: skip
    assert refused.status_code == 403


def test_without_a_csrf_token_the_preview_is_refused(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    answer = client.post("/admin/maintenances/new/preview", data=form(""))
    assert answer.status_code == 403


def test_add_a_row_without_javascript_gives_more_blank_rows(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    answer = client.post("/admin/maintenances/new/preview", data={**form(token), "add_rows": "1"})
    assert answer.status_code == 200
    services = re.findall(r'<select id="r(\d+)_service"', answer.text)
    assert len(services) == len(ROWS) + 3 + 3  # the rows kept, the usual blank ones, three more
    assert 'value="Migration du courriel"' in answer.text
