"""Defects found by trying the admin from a clean clone as a new user would (session 8): an
upload the import screen promises (a notice file up to 5 MB) is no longer refused as raw
English JSON by the body guard, a file over it is refused in the UI's words, an empty import
names what is missing, the editor's row labels name their row, and a draft imported without a
slug is named after its local start date."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from preavis.actions import maintenances
from preavis.domain.access import Role
from preavis.notices.limits import NOTICE_MAX_BYTES
from preavis.web.limits import MAX_BODY_BYTES
from tests.conftest import SEED, context
from tests.web.admin_ui.conftest import Admin

FR = {"accept-language": "fr-CA"}
EN = {"accept-language": "en"}


def _upload(admin: Admin, payload: bytes, name: str, headers: dict[str, str]) -> Any:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    return client.post("/admin/import", headers=headers,
                       data={"csrf": token, "notice": "", "year": "2025", "timezone": ""},
                       files={"file": (name, payload, "application/pdf")})  # fmt: skip


def test_a_notice_file_over_the_body_guard_but_within_5_mb_is_read(admin: Admin) -> None:
    """The screen reads notice files up to 5 MB; the request guard refused anything over 2 MB
    with {"error": …"request body over 2097152 bytes"} in English JSON."""
    notice = SEED.read_bytes() if SEED.exists() else b"Interruptions de services\n"
    padding = b"\n" * (MAX_BODY_BYTES + 100_000 - len(notice))  # blank lines: still the notice
    answer = _upload(admin, notice + padding, "avis.txt", FR)
    assert answer.status_code != 413, answer.text[:500]
    assert answer.headers["content-type"].startswith("text/html")
    assert "request body over" not in answer.text


@pytest.mark.parametrize(("headers", "said"), [
    (FR, "Le fichier dépasse 5\u00a0Mo"),
    (EN, "The file is over 5 MB"),
])  # fmt: skip
def test_a_5_mb_upload_is_refused_in_the_ui_language(
    admin: Admin, headers: dict[str, str], said: str
) -> None:
    payload = b"%PDF-1.4\n" + b"0" * (NOTICE_MAX_BYTES + 200_000)
    answer = _upload(admin, payload, "avis.pdf", headers)
    text = html.unescape(answer.text)
    assert answer.status_code in (413, 422), text[:500]
    assert answer.headers["content-type"].startswith("text/html")
    assert said in text
    assert "request body over" not in text and "notice too large" not in text
    assert 'href="/admin/import"' in text or 'id="notice"' in text  # a way back, or the form


def test_a_body_past_every_limit_on_an_admin_screen_is_a_page_after_the_role_check(
    admin: Admin,
) -> None:
    huge = b"0" * (7 * 1024 * 1024)
    answer = _upload(admin, huge, "avis.pdf", FR)
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "trop volumineux" in answer.text
    viewer = admin.as_role(Role.VIEWER)  # who asks still comes first: a viewer learns nothing
    token = admin.csrf(viewer, "/admin/")
    refused = viewer.post("/admin/import", data={"csrf": token},
                          files={"file": ("a.pdf", huge, "application/pdf")})  # fmt: skip
    assert refused.status_code == 403


def test_an_empty_import_names_what_is_missing(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    answer = client.post("/admin/import", headers=FR,
                         data={"csrf": token, "notice": "  ", "year": "2025"})  # fmt: skip
    assert answer.status_code == 422
    assert "Collez le texte de l’avis ou choisissez un fichier" in html.unescape(answer.text)
    english = client.post("/admin/import", headers=EN, data={"csrf": token, "notice": ""})
    assert "Paste the notice’s text or choose a file" in html.unescape(english.text)


def test_each_row_label_of_the_editor_names_its_row(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    page = client.get("/admin/maintenances/new", headers=FR).text
    for row in range(3):
        labels = dict(re.findall(rf'<label class="sr" for="r{row}_(\w+)">([^<]*)</label>', page))
        assert labels["start"] == f"Début (heure locale) {row + 1}", labels
        assert labels["end"] == f"Fin (heure locale) {row + 1}", labels
        assert labels["service"] == f"Service {row + 1}"


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_an_imported_draft_without_a_slug_is_named_after_its_local_start_date(
    admin: Admin,
) -> None:
    """The reference notice starts on June 22 at 23:59 (ET), which is June 23 in UTC: the
    generated slug said 2025-06-23."""
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    fields = {"csrf": token, "text": notice, "year": "2025", "slug": ""}
    saved = client.post("/admin/import/save", data=fields)
    assert saved.status_code == 303, saved.text[-1000:]
    assert saved.headers["location"] == (
        "/admin/maintenances/interruptions-de-services-2025-06-22?saved=1"
    )
    m, _ = maintenances.get_maintenance(
        context(admin.store), slug="interruptions-de-services-2025-06-22"
    )
    assert len(m.interruptions) == 28


def test_what_the_code_records_is_said_in_french_on_a_french_screen(admin: Admin) -> None:
    """The history's default reasons ("applied from a schedule file") and the subscribers'
    consent ("imported by an admin") were shown as stored, in English, on French screens."""
    client = admin.as_role(Role.ADMIN)
    token = admin.csrf(client, "/admin/subscribers")
    csv = "email,language,services\nann@example.org,fr,\n"
    assert client.post("/admin/subscribers/import", data={"csrf": token, "csv": csv},
                       headers=FR).status_code == 303  # fmt: skip
    dashboard = html.unescape(client.get("/admin/", headers=FR).text)
    assert "applied from a schedule file" not in dashboard
    assert "application d’un fichier de calendrier" in dashboard
    history = html.unescape(client.get("/admin/maintenances/mise-a-niveau-2025/history",
                                       headers=FR).text)  # fmt: skip
    assert "applied from a schedule file" not in history
    assert "application d’un fichier de calendrier" in history
    listed = html.unescape(client.get("/admin/subscribers", headers=FR).text)
    assert "imported by an admin" not in listed and "importé par un administrateur" in listed
    english = html.unescape(client.get("/admin/subscribers", headers=EN).text)
    assert "imported by an admin" in english  # English screens say them as stored
    typed = client.get("/admin/", headers=EN).text
    assert "applied from a schedule file" in typed


def test_an_unknown_service_is_named_and_kept_in_its_row(admin: Admin) -> None:
    """A row naming a service the catalogue lacks (retired meanwhile, or a hand-edited form)
    said only "Service inconnu." and came back with the select emptied: the value was lost."""
    from tests.web.admin_ui.test_editor import ROWS, form

    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    rows = [{**ROWS[0], "service": "service-fantome"}, ROWS[1]]
    answer = client.post("/admin/maintenances/new", data=form(token, rows), headers=FR)
    assert answer.status_code == 422
    text = html.unescape(answer.text)
    assert "Service inconnu\u00a0: «\u00a0service-fantome\u00a0»." in text
    assert '<option value="service-fantome" selected>service-fantome</option>' in text
    english = html.unescape(
        client.post("/admin/maintenances/new", data=form(token, rows), headers=EN).text
    )
    assert "Unknown service: “service-fantome”." in english


def test_a_cancelled_maintenance_says_why_it_is_read_only(admin: Admin) -> None:
    """An admin opening a cancelled maintenance read "Lecture seule : votre rôle ne permet pas
    de modifier." — wrong: it is the cancellation, not the role."""
    maintenances.cancel(context(admin.store), slug="mise-a-niveau-2025", reason="report")
    client = admin.as_role(Role.ADMIN)
    page = html.unescape(client.get("/admin/maintenances/mise-a-niveau-2025", headers=FR).text)
    assert "votre rôle ne permet pas" not in page
    assert "Lecture seule\u00a0: cette maintenance est annulée" in page
    english = client.get("/admin/maintenances/mise-a-niveau-2025", headers=EN).text
    assert "Read only: this maintenance is cancelled" in html.unescape(english)
    viewer = admin.as_role(Role.VIEWER)  # for everyone, the cancellation is the reason
    other = html.unescape(viewer.get("/admin/maintenances/mise-a-niveau-2025", headers=FR).text)
    assert "Lecture seule\u00a0: cette maintenance est annulée" in other


def test_a_repeated_hour_is_asked_once_not_twice(admin: Admin) -> None:
    """The offsets' legend and the row's error said the same sentence, one after the other."""
    from tests.web.admin_ui.test_editor import ROWS, form

    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    rows = [{**ROWS[0], "start": "2025-11-02T01:30", "end": "2025-11-02T03:00"}]
    answer = client.post("/admin/maintenances/new", data=form(token, rows), headers=FR)
    assert answer.status_code == 422
    row = answer.text[answer.text.index('id="row-0"') : answer.text.index('id="row-1"')]
    assert html.unescape(row).count("Cette heure revient deux fois") == 1
    legend = re.search(r'<fieldset class="offsets"><legend>([^<]*)</legend>', row)
    assert legend is not None and html.unescape(legend.group(1)) == "Décalage UTC"
