"""Session 8's trial from a clean clone, in Debian's Chromium: the import screen takes the
reference notice as an uploaded file, a notice file over 2 MB (the request guard refused it as
raw English JSON) and a file over the 5 MB the screen allows are both answered by the admin's
own page in its language, and the editor's row labels name their row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from preavis.domain.access import Role
from tests.browser.conftest import shot
from tests.browser.test_admin_ui import REFERENCE, admin_url, sign_in  # noqa: F401 - fixture


def _upload(page: Any, base: str, path: Path) -> Any:
    page.goto(f"{base}/admin/import")
    page.set_input_files("input[type=file]", str(path))
    page.fill("input[name=year]", "2025")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").first.click()
    return answer.value


def test_notice_uploads_of_every_size_get_the_admins_own_page(
    page: Any,
    admin_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    page.set_extra_http_headers({"Accept-Language": "fr-CA,fr;q=0.9"})
    sign_in(page, admin_url, Role.EDITOR)
    read = _upload(page, admin_url, REFERENCE)
    assert read.status == 200
    assert "Ce que le lecteur a compris (28)" in page.inner_text("main")

    padded = tmp_path / "avis-long.txt"  # the notice, then 2.5 MB of blank lines
    padded.write_bytes(REFERENCE.read_bytes() + b"\n" * 2_500_000)
    answer = _upload(page, admin_url, padded)
    assert answer.status != 413 and answer.headers["content-type"].startswith("text/html")
    assert "request body over" not in page.content()

    huge = tmp_path / "avis.pdf"
    huge.write_bytes(b"%PDF-1.4\n" + b"0" * 5_300_000)
    answer = _upload(page, admin_url, huge)
    assert answer.headers["content-type"].startswith("text/html")
    said = page.locator("main .error").first.inner_text()
    assert said.startswith("Le fichier dépasse 5\u00a0Mo"), said
    shot(page, "admin-import-too-big-fr")

    enormous = tmp_path / "enorme.pdf"
    enormous.write_bytes(b"0" * 7_000_000)
    answer = _upload(page, admin_url, enormous)
    assert answer.status == 413 and answer.headers["content-type"].startswith("text/html")
    assert "Le formulaire envoyé est trop volumineux" in page.inner_text("main")


def test_each_row_of_the_editor_is_named_to_a_screen_reader(
    page: Any,
    admin_url: str,  # noqa: F811
) -> None:
    page.set_extra_http_headers({"Accept-Language": "fr-CA,fr;q=0.9"})
    sign_in(page, admin_url, Role.EDITOR)
    page.goto(f"{admin_url}/admin/maintenances/new")
    for row in range(3):
        start = page.get_by_label(f"Début (heure locale) {row + 1}", exact=True)
        end = page.get_by_label(f"Fin (heure locale) {row + 1}", exact=True)
        assert start.get_attribute("id") == f"r{row}_start"
        assert end.get_attribute("id") == f"r{row}_end"
