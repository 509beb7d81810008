"""Defects found by trying the admin as a new user would (session 3's trial): the error summary
names each field, a bad zone is refused in the UI's words, the import never loses what was
pasted, and a too-large form gets a page in the UI's language instead of raw JSON."""

from __future__ import annotations

import html
import re

import pytest

from preavis.domain.access import Role
from tests.conftest import SEED
from tests.web.admin_ui.conftest import Admin
from tests.web.admin_ui.test_editor import ROWS, form

FR = {"accept-language": "fr-CA"}


def _summary(text: str) -> list[str]:
    box = re.search(r'<div class="error" role="alert" id="form-errors">(.*?)</div>', text, re.S)
    assert box is not None, text[-3000:]
    return [
        html.unescape(re.sub(r"<[^>]+>", "", li))
        for li in re.findall(r"<li>(.*?)</li>", box.group(1), re.S)
    ]


def test_the_error_summary_names_the_field_of_each_error(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    rows = [{**ROWS[0], "end": "2025-07-10T19:00"}, ROWS[1]]
    answer = client.post("/admin/maintenances/new",
                         data=form(token, rows, slug="", title_fr="", title_en=""),
                         headers=FR)  # fmt: skip
    assert answer.status_code == 422
    assert _summary(answer.text) == [  # in the page's order
        "Identifiant (slug)\u00a0: obligatoire.",
        "Titre — Français\u00a0: obligatoire.",
        "Ligne 1, fin (heure locale)\u00a0: la fin doit venir après le début.",
    ]
    english = client.post("/admin/maintenances/new", data=form(token, rows),
                          headers={"accept-language": "en"})  # fmt: skip
    assert _summary(english.text) == ["Row 1, end (local time): the end must come after the start."]


def test_an_unknown_zone_in_the_editor_is_refused_in_french(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    answer = client.post("/admin/maintenances/new", data=form(token, timezone="Mars/Olympus"),
                         headers=FR)  # fmt: skip
    assert answer.status_code == 422
    assert (
        'id="timezone-error">«\u00a0Mars/Olympus\u00a0» n’est pas un fuseau horaire connu. '
        "Donnez un nom IANA, par exemple America/Toronto."
    ) in answer.text
    assert "unknown time zone" not in answer.text


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_the_import_keeps_the_pasted_notice_when_the_zone_is_unknown(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    answer = client.post("/admin/import", headers=FR, data={
        "csrf": token, "notice": notice, "year": "2025", "timezone": "Mars/Olympus"})  # fmt: skip
    assert answer.status_code == 422
    assert "«\u00a0Mars/Olympus\u00a0» n’est pas un fuseau horaire connu." in html.unescape(
        answer.text
    )
    assert "failed unexpectedly" not in answer.text
    pasted = re.search(r'<textarea id="notice" name="notice"[^>]*>(.*?)</textarea>', answer.text,
                       re.S)  # fmt: skip
    assert pasted is not None and html.unescape(pasted.group(1)).strip() == notice.strip()


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_a_refused_import_save_shows_the_review_again_with_what_was_typed(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    # the example is already stored under this slug: the save is refused
    answer = client.post("/admin/import/save", headers=FR, data={
        "csrf": token, "text": notice, "year": "2025", "slug": "mise-a-niveau-2025",
        "reason": "reçu par courriel"})  # fmt: skip
    assert answer.status_code == 422
    assert "mise-a-niveau-2025" in answer.text and 'role="alert"' in answer.text
    assert "Ce que le lecteur a compris (28)" in answer.text  # the review, not an empty form
    assert 'id="slug" name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" value="mise-a-niveau-2025"' in (
        answer.text
    )
    assert 'id="reason" name="reason" value="reçu par courriel"' in answer.text
    saved = re.search(r'name="text" value="([^"]*)"', answer.text)
    assert saved is not None and html.unescape(saved.group(1)).strip() == notice.strip()


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_the_import_review_uses_the_languages_colon(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")  # "minuit" on line 5 is a warning of its own
    answer = client.post("/admin/import", headers={"accept-language": "en"},
                         data={"csrf": token, "notice": notice, "year": "2025"})  # fmt: skip
    assert '<a href="#line-5">Line 5</a>: ' in answer.text
    assert "</a> : " not in answer.text  # French spacing on an English page


def test_a_two_megabyte_paste_gets_a_page_in_the_ui_language(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    pasted = {"csrf": token, "notice": "x" * 2_000_000, "year": "2025"}
    answer = client.post("/admin/import", headers=FR, data=pasted,
                         files={"file": ("", b"", "application/octet-stream")})  # fmt: skip
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "Le formulaire envoyé est trop volumineux" in answer.text
    assert 'href="/admin/import"' in answer.text
    assert "exceeded" not in answer.text


def test_an_unknown_admin_address_gets_a_page_not_json(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    answer = client.get("/admin/maintenance/inconnue", headers=FR)  # a typo in the address
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Cette adresse ne mène à aucun écran de l’administration." in answer.text
    assert 'href="/admin/"' in answer.text
    signed_out = admin.browser().get("/admin/nope", follow_redirects=False)
    assert signed_out.status_code == 303  # who is asking comes first, as on every screen
    assert signed_out.headers["location"].startswith("/admin/login")
    assert client.get("/admin/services").status_code == 200  # real screens still match first


def test_the_history_labels_a_given_note_without_the_forms_optional(admin: Admin) -> None:
    client = admin.as_role(Role.PUBLISHER)
    token = admin.csrf(client, "/admin/maintenances/new")
    assert client.post("/admin/maintenances/new", data=form(token)).status_code == 303
    slug = "migration-courriel"
    published = {"csrf": token, "revision": "1", "reason": "approved"}
    assert client.post(f"/admin/maintenances/{slug}/publish", data=published).status_code == 303
    cancel = {"csrf": token, "reason": "vendor postponed", "note_fr": "Reportée à l’automne.",
              "note_en": "Moved to the fall."}  # fmt: skip
    assert client.post(f"/admin/maintenances/{slug}/cancel", data=cancel).status_code == 303
    history = client.get(f"/admin/maintenances/{slug}/history", headers=FR).text
    assert (
        "<strong>Note publique\u00a0: </strong>" in history
    )  # what was given, not the form's label
    assert "Note publique (facultative)" not in history


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_admin_times_are_never_cut_over_two_lines(admin: Admin) -> None:
    """The import review, the list and the dashboard print "7 h", "23 h 59" and "8 p.m."
    with non-breaking spaces, as the public pages do (a narrow column cut "7 | h")."""
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    review = client.post("/admin/import", headers=FR,
                         data={"csrf": token, "notice": notice, "year": "2025"}).text  # fmt: skip
    assert "Du 22 juin, 23\u00a0h\u00a059 au 2 juillet, 7\u00a0h (HE)" in review
    windows = re.findall(r'<p class="read-as">(Du [^<]*)</p>', review)
    assert len(windows) == 28
    assert not [w for w in windows if re.search(r"\d h", w)]
    listing = client.get("/admin/maintenances", headers={"accept-language": "en"}).text
    assert "11:59\u00a0p.m." in listing and "11:59 p.m." not in listing


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_the_import_review_names_the_zone_as_people_say_it(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    review = client.post("/admin/import", headers=FR,
                         data={"csrf": token, "notice": notice, "year": "2025"}).text  # fmt: skip
    assert 'value="Interruptions de services"' in review  # the title, to correct
    assert '<span class="zone-name">heure de l’Est (HE)</span>' in review  # beside the zone
