"""The history screen: a readable difference between any two revisions (chosen by the
person), with who and why for the revisions in between."""

from __future__ import annotations

import html
import re

from preavis.actions import maintenances
from preavis.domain.access import Role
from preavis.domain.revision import public_note
from preavis.domain.text import Text
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin, csrf_of
from tests.web.admin_ui.test_editor import ROWS, SLUG, create, form


def _diff(page: str) -> list[tuple[str, str, str]]:
    found = re.search(r'<table class="changes diff">.*?</table>', page, re.S)
    assert found is not None, page
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="before">(.*?)</td><td class="after">(.*?)</td>',
        found[0],
    )
    return [(html.unescape(a), html.unescape(b), html.unescape(c)) for a, b, c in rows]


def test_any_two_revisions_compared_in_words_with_who_and_why(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    client.cookies.set("preavis_admin_lang", "en")
    assert create(admin, client).status_code == 303  # r1
    editor = client.get(f"/admin/maintenances/{SLUG}").text
    token = csrf_of(editor)
    keys = re.findall(r'name="r\d+_key" value="([a-z0-9]+)"', editor)
    assert len(keys) == 3
    kept = [{**row, "key": key} for row, key in zip(ROWS, keys, strict=True)]
    renamed = form(token, kept, title_en="Mail migration", revision="1", reason="clearer title")
    assert client.post(f"/admin/maintenances/{SLUG}", data=renamed).status_code == 303  # r2
    later = [kept[0], {**kept[2], "end": "2025-07-11T03:00"}]  # the second row goes
    moved = form(token, later, title_en="Mail migration", revision="2", reason="vendor asked")
    assert client.post(f"/admin/maintenances/{SLUG}", data=moved).status_code == 303  # r3

    # By default: the last revision against the one before.
    page = client.get(f"/admin/maintenances/{SLUG}/history").text
    assert "Difference between r2 and r3" in page
    assert "vendor asked" in page and "clearer title" not in page.split("Every revision")[0]

    # r1 against r3: both changes, in words and in local time, and who did what and why.
    page = client.get(f"/admin/maintenances/{SLUG}/history?from=1&to=3").text
    lines = _diff(page)
    assert lines[0] == ("Title (EN)", "E-mail migration", "Mail migration")  # the top first
    assert sorted(lines) == sorted([
        ("Title (EN)", "E-mail migration", "Mail migration"),
        ("Interruption Parcel pickup [" + keys[1] + "]",
         "Unavailable · July 10, 2025, 10 p.m. ET → July 11, 2025, 2 a.m. ET · No pickups.", "—"),
        ("Interruption Billing and payments [" + keys[2] + "] · End (local time)",
         "July 11, 2025, 1 a.m. ET", "July 11, 2025, 3 a.m. ET"),
    ])  # fmt: skip
    head = page.split("Every revision")[0]
    for word in ("clearer title", "vendor asked", "Editor Person"):
        assert word in head

    # The order chosen does not matter; a revision against itself shows no difference.
    assert _diff(client.get(f"/admin/maintenances/{SLUG}/history?from=3&to=1").text) == lines
    same = client.get(f"/admin/maintenances/{SLUG}/history?from=2&to=2").text
    assert "No difference." in same


def test_unknown_revision_numbers_fall_back_to_the_latest_two(admin: Admin) -> None:
    viewer = admin.as_role(Role.VIEWER)
    viewer.cookies.set("preavis_admin_lang", "fr")
    page = viewer.get("/admin/maintenances/mise-a-niveau-2025/history?from=x&to=99999999999")
    assert page.status_code == 200  # never a traceback
    assert "<h1>Historique\u00a0: " in page.text


def test_a_decision_carries_a_public_note_in_both_languages(admin: Admin) -> None:
    client = admin.as_role(Role.PUBLISHER)
    assert create(admin, client).status_code == 303
    token = admin.csrf(client)
    published = client.post(f"/admin/maintenances/{SLUG}/publish",
                            data={"csrf": token, "revision": "1", "reason": "ok"})  # fmt: skip
    assert published.status_code == 303
    editor = client.get(f"/admin/maintenances/{SLUG}").text
    assert 'id="reschedule_note_fr"' in editor and 'id="cancel_note_en"' in editor
    answer = client.post(f"/admin/maintenances/{SLUG}/reschedule", data={
        "csrf": token, "at": "2025-07-11T20:00", "reason": "vendor late",
        "note_fr": "Reportée d’un jour.", "note_en": "Moved by one day.",
    })  # fmt: skip
    assert answer.status_code == 303
    last = maintenances.history(context(admin.store), slug=SLUG)[-1]
    assert last.reason == "vendor late"
    assert public_note(last) == Text("Reportée d’un jour.", "Moved by one day.")
