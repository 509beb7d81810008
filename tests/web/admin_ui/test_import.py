"""The import screen: the reference notice read beside its source, then saved as a draft."""

from __future__ import annotations

import re

import pytest

from preavis.actions import maintenances
from preavis.domain.access import Role
from preavis.domain.maintenance import State
from tests.conftest import SEED, context
from tests.web.admin_ui.conftest import Admin


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_the_reference_notice_is_reviewed_then_saved_as_a_draft(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    answer = client.post("/admin/import", data={"csrf": token, "notice": notice, "year": "2025"},
                         headers={"accept-language": "en"})  # fmt: skip
    assert answer.status_code == 200, answer.text[-2000:]
    assert "What the reader understood (28)" in answer.text
    assert len(re.findall(r'<li id="line-\d+" class="has-row', answer.text)) >= 20
    text = re.search(r'name="text" value="([^"]*)"', answer.text, re.S)
    assert text is not None
    saved = client.post("/admin/import/save",
                        data={"csrf": token, "text": notice, "year": "2025",
                              "slug": "avis-importe", "reason": "from the notice"})  # fmt: skip
    assert saved.status_code == 303, saved.text[-2000:]
    assert saved.headers["location"] == "/admin/maintenances/avis-importe?saved=1"
    m, _ = maintenances.get_maintenance(context(admin.store), slug="avis-importe")
    assert m.state is State.DRAFT
    assert len(m.interruptions) == 28
    history = maintenances.history(context(admin.store), slug="avis-importe")
    assert history[0].actor == "Editor Person <editor@example.org>"


def test_a_viewer_cannot_open_the_import(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    assert client.get("/admin/import").status_code == 403


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
@pytest.mark.parametrize("year", ["2025", ""])
def test_the_reference_notice_on_the_french_screen_has_no_english_warning(
    admin: Admin, year: str
) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = SEED.read_text(encoding="utf-8")
    answer = client.post("/admin/import", data={"csrf": token, "notice": notice, "year": year},
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 200, answer.text[-2000:]
    said = re.findall(
        r'class="(?:field-error|warnings|row-warnings|error" role="alert)">(.*?)</(?:p|ul|div)>',
        answer.text,
        re.S,
    )
    assert said, answer.text[-3000:]
    shown = " ".join(said)
    nb = "\u00a0"
    # The reader's English words (its JSON output keeps them) never reach the French screen.
    for english in ("read as", "impact of", "starts", "before the", "no year", "the end of"):
        assert english not in shown, (english, shown)
    assert "lu comme la fin de cette journée" in shown
    assert f"minute avant le début annoncé{nb}:" in shown
    assert "lu comme limité" in shown


def test_a_window_with_no_name_is_a_warning_and_the_other_rows_can_be_saved(admin: Admin) -> None:
    # As on the command line (tests/notices/test_partial.py): the rows read are kept, the
    # unnamed window is a warning naming its line, and the draft can be saved.
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    notice = (
        "Avis\n\n"
        "- Paie : indisponible le samedi 8 mars 2025 de 21 h à 23 h (HE).\n\n"
        "Nous interviendrons le dimanche 16 mars 2025 de 9 h à 11 h (HE).\n"
    )
    answer = client.post("/admin/import", data={"csrf": token, "notice": notice, "year": ""},
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 200, answer.text[-2000:]
    assert "aucun nom de service pour la période" in answer.text
    assert 'role="alert"><ul>' not in answer.text  # no error list
    assert re.search(r'<button type="submit"\s*>', answer.text)
    saved = client.post("/admin/import/save",
                        data={"csrf": token, "text": notice, "year": "", "slug": "avis-partiel",
                              "reason": "lu en partie"})  # fmt: skip
    assert saved.status_code == 303, saved.text[-2000:]
    m, _ = maintenances.get_maintenance(context(admin.store), slug="avis-partiel")
    assert len(m.interruptions) == 1
