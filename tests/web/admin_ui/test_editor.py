"""The maintenance editor through HTTP: create with interruptions, errors beside their field in
the UI's language, daylight-saving times asked about, concurrent edits refused with the other
person's changes shown, publishing with its checks, decisions and the history."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from preavis.actions import maintenances
from preavis.domain.access import Role
from preavis.domain.maintenance import State
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin

SLUG = "migration-courriel"
ROWS: list[dict[str, str]] = [
    {"service": "ramassage-colis", "impact": "limited", "start": "2025-07-10T20:00",
     "end": "2025-07-10T22:00", "desc_fr": "Ramassage lent.", "desc_en": "Slow pickups."},
    {"service": "ramassage-colis", "impact": "unavailable", "start": "2025-07-10T22:00",
     "end": "2025-07-11T02:00", "desc_fr": "Aucun ramassage.", "desc_en": "No pickups."},
    {"service": "facturation-paiements", "impact": "unavailable", "start": "2025-07-10T21:00",
     "end": "2025-07-11T01:00", "desc_fr": "Paiements arrêtés.", "desc_en": "Payments stopped."},
]  # fmt: skip


def form(csrf: str, rows: list[dict[str, str]] = ROWS, **top: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "csrf": csrf, "slug": SLUG, "title_fr": "Migration du courriel",
        "title_en": "E-mail migration", "summary_fr": "Soirée de migration.",
        "summary_en": "Migration evening.", "timezone": "America/Toronto",
        "reason": "planned with ops", "rows": str(len(rows)), **top,
    }  # fmt: skip
    for n, row in enumerate(rows):
        data.update({f"r{n}_{k}": v for k, v in row.items()})
    return data


def create(admin: Admin, client: TestClient, **top: str) -> Any:
    token = admin.csrf(client, "/admin/maintenances/new")
    return client.post("/admin/maintenances/new", data=form(token, **top))


def test_an_editor_creates_a_draft_with_three_interruptions(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    answer = create(admin, client)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/admin/maintenances/{SLUG}?saved=1"
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert m.state is State.DRAFT
    assert [(i.service, i.impact.value) for i in m.interruptions] == [
        ("ramassage-colis", "limited"), ("ramassage-colis", "unavailable"),
        ("facturation-paiements", "unavailable"),
    ]  # fmt: skip
    assert m.interruptions[0].starts_at.isoformat() == "2025-07-11T00:00:00+00:00"  # 20:00 EDT
    history = maintenances.history(context(admin.store), slug=SLUG)
    assert history[0].actor == "Editor Person <editor@example.org>"
    assert history[0].reason == "planned with ops"
    page = client.get(f"/admin/maintenances/{SLUG}")
    assert 'value="2025-07-10T20:00"' in page.text  # shown again in local time


def test_errors_sit_beside_their_field_in_the_ui_language(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    rows = [{**ROWS[0], "end": "2025-07-10T19:00"}, {**ROWS[1], "start": "demain"}]
    token = admin.csrf(client, "/admin/maintenances/new")
    untitled = form(token, rows, title_fr="", title_en="")
    answer = client.post("/admin/maintenances/new", data=untitled,
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 422
    text = answer.text
    assert re.search(
        r'id="r0_end"[^>]*aria-invalid="true"[^>]*aria-describedby="r0_end-error"', text
    )
    assert 'id="r0_end-error">La fin doit venir après le début.' in text
    assert 'id="r1_start-error">Date et heure attendues' in text
    assert 'id="title_fr-error">Obligatoire.' in text
    assert 'value="Ramassage lent."' in text or ">Ramassage lent.<" in text  # nothing lost
    english = client.post("/admin/maintenances/new", data=form(token, rows),
                          headers={"accept-language": "en"})  # fmt: skip
    assert 'id="r0_end-error">The end must come after the start.' in english.text


def test_a_time_daylight_saving_skips_or_repeats_is_asked_about(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/maintenances/new")
    skipped = [{**ROWS[0], "start": "2025-03-09T02:30", "end": "2025-03-09T04:00"}]
    answer = client.post("/admin/maintenances/new", data=form(token, skipped),
                         headers={"accept-language": "en"})  # fmt: skip
    assert answer.status_code == 422
    assert 'id="r0_start-error">This time does not exist' in answer.text
    repeated = [{**ROWS[0], "start": "2025-11-02T01:30", "end": "2025-11-02T04:00"}]
    answer = client.post("/admin/maintenances/new", data=form(token, repeated),
                         headers={"accept-language": "en"})  # fmt: skip
    assert answer.status_code == 422
    assert 'id="r0_start-error">This time happens twice' in answer.text
    assert 'name="r0_start_offset" value="-04:00"' in answer.text
    assert 'name="r0_start_offset" value="-05:00"' in answer.text
    chosen = [{**repeated[0], "start_offset": "-05:00"}]
    answer = client.post("/admin/maintenances/new", data=form(token, chosen))
    assert answer.status_code == 303
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert m.interruptions[0].starts_at.isoformat() == "2025-11-02T06:30:00+00:00"  # the 2nd


def test_a_concurrent_edit_is_refused_with_the_other_persons_changes(admin: Admin) -> None:
    first = admin.as_role(Role.EDITOR)
    assert create(admin, first).status_code == 303
    second = admin.as_role(Role.ADMIN)
    mine = first.get(f"/admin/maintenances/{SLUG}").text  # both open the editor at r1
    theirs = second.get(f"/admin/maintenances/{SLUG}").text
    token2 = re.search(r'name="csrf" value="([^"]+)"', theirs)
    assert token2 is not None
    saved = second.post(f"/admin/maintenances/{SLUG}",
                        data=form(token2[1], title_en="Mail migration", revision="1",
                                  reason="clearer title"))  # fmt: skip
    assert saved.status_code == 303
    token1 = re.search(r'name="csrf" value="([^"]+)"', mine)
    assert token1 is not None
    late = first.post(f"/admin/maintenances/{SLUG}",
                      data=form(token1[1], summary_en="My own summary", revision="1"))  # fmt: skip
    assert late.status_code == 409
    assert "Admin Person &lt;admin@example.org&gt;" in late.text
    # Their change, shown in words, with why they made it.
    assert ('<th scope="row">Titre (EN)</th><td class="before">E-mail migration</td>'
            '<td class="after">Mail migration</td>') in late.text  # fmt: skip
    assert "clearer title" in late.text
    assert "My own summary" in late.text  # mine, kept in the form
    m, revision = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert (m.title.en, m.summary.en, revision) == ("Mail migration", "Migration evening.", 2)
    again = first.post(f"/admin/maintenances/{SLUG}",
                       data=form(token1[1], summary_en="My own summary", revision="2"))  # fmt: skip
    assert again.status_code == 303


def test_publish_shows_the_checks_and_a_missing_translation_blocks(admin: Admin) -> None:
    editor = admin.as_role(Role.EDITOR)
    rows = [{**ROWS[0], "desc_en": ""}]
    token = admin.csrf(editor, "/admin/maintenances/new")
    assert editor.post("/admin/maintenances/new", data=form(token, rows)).status_code == 303
    publisher = admin.as_role(Role.PUBLISHER)
    checks = publisher.get(f"/admin/maintenances/{SLUG}/publish", headers={"accept-language": "en"})
    assert checks.status_code == 200
    assert "Missing translation (English): it blocks publishing." in checks.text
    # Where, in words, linked to the field in the editor.
    assert re.search(r'<a href="/admin/maintenances/[a-z0-9-]+#r\d+_desc_en">Row \d+ · [^<]+ · '
                     r"Description \(EN\)</a>", checks.text)  # fmt: skip
    assert re.search(r'<button type="submit" disabled aria-describedby="publish-blocked">',
                     checks.text)  # fmt: skip
    assert '<p class="muted" id="publish-blocked">Publishing is not possible' in checks.text
    token = admin.csrf(publisher)
    refused = publisher.post(f"/admin/maintenances/{SLUG}/publish", data={"csrf": token})
    assert refused.status_code == 409
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert m.state is State.DRAFT


def test_publish_then_decisions_with_their_reason(admin: Admin) -> None:
    client = admin.as_role(Role.PUBLISHER)
    assert create(admin, client).status_code == 303
    token = admin.csrf(client)
    answer = client.post(f"/admin/maintenances/{SLUG}/publish",
                         data={"csrf": token, "revision": "1", "reason": "approved"})  # fmt: skip
    assert answer.status_code == 303
    public = client.get(f"/en/maintenances/{SLUG}")
    assert public.status_code == 200
    assert "E-mail migration" in public.text
    no_reason = client.post(f"/admin/maintenances/{SLUG}/extend",
                            data={"csrf": token, "at": "2025-07-11T03:00"})  # fmt: skip
    assert no_reason.status_code == 422
    later = {"csrf": token, "at": "2025-07-11T03:00", "reason": "late"}
    extended = client.post(f"/admin/maintenances/{SLUG}/extend", data=later)
    assert extended.status_code == 303
    cancelled = client.post(f"/admin/maintenances/{SLUG}/cancel",
                            data={"csrf": token, "reason": "vendor postponed"})  # fmt: skip
    assert cancelled.status_code == 303
    history = client.get(f"/admin/maintenances/{SLUG}/history")
    for word in ("approved", "late", "vendor postponed", "Publisher Person"):
        assert word in history.text
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert m.state is State.CANCELLED


def test_rows_are_removed_duplicated_and_blank_ones_ignored(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    assert create(admin, client).status_code == 303
    page = client.get(f"/admin/maintenances/{SLUG}").text
    assert page.count('name="r') > 0
    assert 'name="rows" value="6"' in page  # three rows and three blank ones
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    keys = [i.key for i in m.interruptions]
    rows = [{**row, "key": key} for row, key in zip(ROWS, keys, strict=True)]
    rows[0]["remove"] = "on"
    rows[2]["duplicate"] = "on"
    blank = {"service": "", "impact": "unavailable", "start": "", "end": ""}
    token = admin.csrf(client)
    answer = client.post(f"/admin/maintenances/{SLUG}",
                         data=form(token, [*rows, blank], revision="1"))  # fmt: skip
    assert answer.status_code == 303, answer.text
    m, revision = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert revision == 2
    assert [i.service for i in m.interruptions] == [
        "ramassage-colis", "facturation-paiements", "facturation-paiements",
    ]  # fmt: skip
    assert m.interruptions[0].key == keys[1]  # kept its key
    assert m.interruptions[2].key not in keys  # the copy is a new interruption


def test_a_decision_at_a_repeated_hour_asks_which_offset(admin: Admin) -> None:
    client = admin.as_role(Role.PUBLISHER)
    assert create(admin, client).status_code == 303
    token = admin.csrf(client)
    asked = {"csrf": token, "at": "2025-11-02T01:30", "reason": "vendor late"}
    answer = client.post(f"/admin/maintenances/{SLUG}/extend", data=asked,
                         headers={"accept-language": "en"})  # fmt: skip
    assert answer.status_code == 422
    assert 'id="extend_at-error">This time happens twice' in answer.text
    assert 'name="at_offset" value="-05:00"' in answer.text
    answer = client.post(f"/admin/maintenances/{SLUG}/extend",
                         data={**asked, "at_offset": "-05:00"})  # fmt: skip
    assert answer.status_code == 303
    m, _ = maintenances.get_maintenance(context(admin.store), slug=SLUG)
    assert max(i.ends_at for i in m.interruptions).isoformat() == "2025-11-02T06:30:00+00:00"
