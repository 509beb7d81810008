"""The admin's screens while the database cannot be reached (a PostgreSQL restart, a network
cut): staff in a browser get a page in the UI's language saying so and that nothing was saved,
with a 503 and Retry-After, not the API's English JSON. The database here is a SQLite file
whose folder goes away; the web node keeps running and recovers when it is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from preavis.domain.access import Role
from preavis.storage import Store
from tests.web.admin_ui.conftest import Admin, csrf_of


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "db").mkdir()
    made = Store(f"sqlite:///{tmp_path}/db/preavis.db")
    made.upgrade()
    yield made
    made.dispose()


def database_away(store: Store, tmp_path: Path) -> None:
    (tmp_path / "db").rename(tmp_path / "away")
    store.engine.dispose()  # open connections would still reach the moved file


def database_back(store: Store, tmp_path: Path) -> None:
    (tmp_path / "away").rename(tmp_path / "db")
    store.engine.dispose()


def test_screens_and_saves_say_the_database_is_away_in_the_ui_language(
    admin: Admin, store: Store, tmp_path: Path
) -> None:
    editor = admin.as_role(Role.EDITOR)
    page = editor.get("/admin/maintenances/mise-a-niveau-2025")
    assert page.status_code == 200
    csrf = csrf_of(page.text)
    database_away(store, tmp_path)

    answer = editor.get("/admin/")
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["retry-after"]
    assert "La base de données est momentanément inaccessible" in answer.text
    assert '{"error"' not in answer.text

    saved = editor.post("/admin/maintenances/mise-a-niveau-2025", data={"csrf": csrf})
    assert saved.status_code == 503
    assert "rien n’a été enregistré" in saved.text

    editor.cookies.set("preavis_admin_lang", "en", path="/admin")
    english = editor.get("/admin/maintenances")
    assert english.status_code == 503
    assert "The database cannot be reached for the moment" in english.text

    signing_in = admin.browser()
    form = signing_in.get("/admin/login")  # needs no database
    assert form.status_code == 200
    tried = signing_in.post(
        "/admin/login",
        data={"email": "editor@example.org", "password": "x" * 12, "csrf": csrf_of(form.text)},
    )
    assert tried.status_code == 503
    assert "momentanément inaccessible" in tried.text

    database_back(store, tmp_path)
    assert editor.get("/admin/").status_code == 200  # same session, nothing restarted
