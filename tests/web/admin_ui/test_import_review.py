"""The import review, for notices other organisations wrote (tests/corpus/real/dev only): each
row beside its evidence (the printed service and window, the rule, its warnings in the UI's
language), corrected in place before saving — a service renamed (a new one named in both
languages), an impact, a window, a row removed or added, one window for several rows, the
zone — and nothing typed lost when a save is refused; a notice the reader cannot read whole
is filled in by hand from its text, the reason shown."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import catalogue, maintenances
from preavis.domain.access import Role
from preavis.domain.errors import ValidationError
from preavis.domain.maintenance import State
from preavis.formats.messages import say_error
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin

DEV = Path(__file__).resolve().parents[2] / "corpus" / "real" / "dev"
CBSA = (DEV / "cbsa-tcc19-012-en.txt").read_text(encoding="utf-8")


def _read(admin: Admin, lang: str, notice: str, **more: str) -> tuple[Any, str, Any]:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    answer = client.post("/admin/import", data={"csrf": token, "notice": notice, **more},
                         headers={"accept-language": lang})  # fmt: skip
    return client, token, answer


def _form(page: str) -> dict[str, str]:
    """The review form's fields as the browser would post them (text, hidden, selected,
    ticked), from its HTML."""
    form = page[
        page.index('action="/admin/import/save"') : page.index(
            "</form>", page.index('action="/admin/import/save"')
        )
    ]
    values: dict[str, str] = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind[1] in ("checkbox", "radio") and " checked" not in tag:
            continue
        values[name[1]] = (
            html.unescape(value[1]) if value else ("on" if kind and kind[1] == "checkbox" else "")
        )
    for name, body in re.findall(
        r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        values[name] = html.unescape(body)
    for name, options in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen[1] if chosen else re.findall(r'<option value="([^"]*)"', options)[0]
    return values


def _row(page: str, n: int) -> str:
    """One row of the review: its fields and its evidence."""
    start = page.index(f'<li id="row-{n}"')
    ends = [page.find(mark, start + 1) for mark in ('<li id="row-', "</ol>")]
    return page[start : min(e for e in ends if e > 0)]


def test_each_row_shows_what_was_printed_the_rule_and_its_warnings_in_english(admin: Admin) -> None:
    _, _, answer = _read(admin, "en", CBSA)
    assert answer.status_code == 200, answer.text[-2000:]
    page = answer.text
    first = _row(page, 0)
    # The service and the window as printed, quoted from the notice, with their lines.
    assert "<q>eManifest Portal</q>" in first
    assert "<q>Saturday January 19 2019, from 5:00 to 5:30 (ET)</q>" in first
    assert 'href="#line-29">Line 29</a>' in first
    assert "Tied by: </span>the heading above" in first
    # The row's doubts beside it, not in a list at the top.
    assert "is the heading above this window, not on its line" in first
    second = _row(page, 1)
    assert "<q>from 6:00 to 7:00 (ET)</q>" in second
    assert "no date is printed with “from 6:00 to 7:00 (ET)”" in second
    assert 'value="2019-01-19T06:00"' in second and 'value="2019-01-19T07:00"' in second


def test_the_same_evidence_on_the_french_screen_is_in_french(admin: Admin) -> None:
    _, _, answer = _read(admin, "fr-CA", CBSA)
    assert answer.status_code == 200, answer.text[-2000:]
    first = _row(answer.text, 1)
    nb = "\u00a0"
    assert f"Service imprimé{nb}: </span><q>eManifest Portal</q>" in first
    assert "Liés par" in first and "le titre de section au-dessus" in first
    warnings = re.search(r'<ul class="row-warnings">(.*?)</ul>', first, re.S)
    assert warnings is not None
    for english in ("heading above", "no date", "taken from", "is printed"):
        assert english not in warnings[1], (english, warnings[1])
    assert "aucune date" in warnings[1] or "titre" in warnings[1], warnings[1]


def test_corrections_are_saved_as_typed_and_a_new_service_gets_both_names(admin: Admin) -> None:
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    fields["csrf"] = token
    # Row 1: the service's real name, named in French too; row 2: unavailable, later end;
    # row 3 dropped; a row added by hand in the first blank row; the zone.
    fields["r0_service"] = "eManifest"
    fields["r0_other"] = "Manifeste électronique"
    fields["r1_service"] = fields["r3_service"] = "eManifest"
    fields["r1_impact"] = "unavailable"
    fields["r1_end"] = "2019-01-19T07:30"
    fields["r2_remove"] = "on"
    fields["r6_service"] = "eManifest"
    fields["r6_impact"] = "limited"
    fields["r6_start"] = "2019-01-21T05:00"
    fields["r6_end"] = "2019-01-21T05:30"
    fields["timezone"] = "America/Halifax"
    fields["slug"] = "cbsa-corrige"
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert saved.status_code == 303, saved.text[-3000:]
    m, _ = maintenances.get_maintenance(context(admin.store), slug="cbsa-corrige")
    assert m.state is State.DRAFT and m.timezone == "America/Halifax"
    rows = [(i.service, i.impact.value, i.starts_at.isoformat(), i.ends_at.isoformat())
            for i in m.interruptions]  # fmt: skip
    assert (
        "emanifest",
        "limited",
        "2019-01-19T09:00:00+00:00",
        "2019-01-19T09:30:00+00:00",
    ) in rows
    assert (
        "emanifest",
        "unavailable",
        "2019-01-19T10:00:00+00:00",
        "2019-01-19T11:30:00+00:00",
    ) in rows
    assert (
        "emanifest",
        "limited",
        "2019-01-21T09:00:00+00:00",
        "2019-01-21T09:30:00+00:00",
    ) in rows
    assert not any(r[2] == "2019-01-20T09:00:00+00:00" and r[0] == "emanifest" for r in rows)
    assert len(rows) == 6  # 6 read, 1 dropped, 1 added
    services = {s.slug: s for s in catalogue.list_services(context(admin.store))}
    assert services["emanifest"].name.en == "eManifest"
    assert services["emanifest"].name.fr == "Manifeste électronique"
    assert "emanifest-portal" not in services  # the name as read was corrected: no stray service


def test_one_window_for_the_selected_rows_keeps_the_rest_and_the_evidence(admin: Admin) -> None:
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    fields.update(
        {
            "csrf": token,
            "r4_pick": "on",
            "r5_pick": "on",
            "r0_service": "eManifest",
            "apply": "1",
            "apply_start": "2019-01-20T04:00",
            "apply_end": "2019-01-20T09:00",
        }
    )
    edited = client.post("/admin/import/edit", data=fields, headers={"accept-language": "en"})
    assert edited.status_code == 200, edited.text[-2000:]
    after = _form(edited.text)
    for n in (4, 5):
        assert (after[f"r{n}_start"], after[f"r{n}_end"]) == (
            "2019-01-20T04:00",
            "2019-01-20T09:00",
        )
        assert f"r{n}_pick" not in after  # applied, the selection is cleared
    assert (after["r0_start"], after["r0_end"]) == ("2019-01-19T05:00", "2019-01-19T05:30")
    assert after["r0_service"] == "eManifest"  # typed, kept
    assert "<q>Saturday January 19 2019, from 5:00 to 5:30 (ET)</q>" in _row(edited.text, 0)
    # Nothing selected: said beside the field, everything kept.
    fields = dict(after, csrf=token, apply="1", apply_start="2019-01-20T04:00",
                  apply_end="2019-01-20T09:00")  # fmt: skip
    refused = client.post("/admin/import/edit", data=fields, headers={"accept-language": "en"})
    assert refused.status_code == 422
    assert "Tick “Select” on at least one row." in refused.text
    assert _form(refused.text)["apply_start"] == "2019-01-20T04:00"


def test_add_rows_without_javascript_keeps_what_was_typed(admin: Admin) -> None:
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    fields.update(
        {"csrf": token, "add_rows": "1", "r6_service": "Portal", "r6_start": "2019-01-22T01:00"}
    )
    more = client.post("/admin/import/edit", data=fields, headers={"accept-language": "en"})
    assert more.status_code == 200
    after = _form(more.text)
    assert int(after["rows"]) == 6 + 1 + 6  # the rows read, the one begun, six blank
    assert (after["r6_service"], after["r6_start"]) == ("Portal", "2019-01-22T01:00")


def test_a_refused_save_keeps_everything_and_says_where(admin: Admin) -> None:
    client, token, answer = _read(admin, "fr-CA", CBSA)
    fields = _form(answer.text)
    fields.update(
        {
            "csrf": token,
            "r0_service": "Portal of eManifest",
            "r0_other": "Portail eManifest",
            "r1_end": "2019-01-19T05:00",
            "slug": "mise-a-niveau-2025",
            "reason": "corrigé à la main",
        }
    )
    refused = client.post("/admin/import/save", data=fields, headers={"accept-language": "fr-CA"})
    assert refused.status_code == 422, refused.text[-2000:]
    after = _form(refused.text)
    assert after["r0_service"] == "Portal of eManifest" and after["r0_other"] == "Portail eManifest"
    assert after["reason"] == "corrigé à la main" and after["slug"] == "mise-a-niveau-2025"
    assert 'id="r1_end-error"' in refused.text  # beside the field, in French
    assert (
        "La fin doit" in refused.text
        or "fin" in re.search(r'id="r1_end-error">(.*?)<', refused.text)[1]
    )
    assert "<q>eManifest Portal</q>" in _row(refused.text, 0)  # the evidence is still there
    # Corrected, saved; the slug taken is said next, everything still kept.
    after.update({"csrf": token, "r1_end": "2019-01-19T07:00"})
    taken = client.post("/admin/import/save", data=after, headers={"accept-language": "fr-CA"})
    assert taken.status_code == 422
    assert 'id="slug-error"' in taken.text
    again = _form(taken.text)
    again.update({"csrf": token, "slug": "cbsa-portail"})
    saved = client.post("/admin/import/save", data=again, headers={"accept-language": "fr-CA"})
    assert saved.status_code == 303, saved.text[-2000:]
    services = {s.slug: s for s in catalogue.list_services(context(admin.store))}
    portal = services["portal-of-emanifest"]
    assert (portal.name.en, portal.name.fr) == ("Portal of eManifest", "Portail eManifest")


def test_a_notice_read_as_nothing_is_filled_in_by_hand_with_the_reason_shown(admin: Admin) -> None:
    notice = (
        "Avis aux usagers\n\nLe portail sera en maintenance bientôt. Merci de votre patience.\n"
    )
    client, token, answer = _read(admin, "fr-CA", notice)
    assert answer.status_code == 200, answer.text[-2000:]
    refusal = re.search(
        r'<div class="error" role="alert" id="refusal">(.*?)</div>', answer.text, re.S
    )
    assert refusal is not None, answer.text[-3000:]
    assert "aucune interruption trouvée" in refusal[1]
    assert "Remplissez les lignes à la main" in refusal[1]
    fields = _form(answer.text)
    assert fields["title"] == "Avis aux usagers"  # the notice's first line, to correct
    fields.update({"csrf": token, "r0_service": "Portail", "r0_other": "Portal",
                   "r0_start": "2025-07-05T08:00", "r0_end": "2025-07-05T10:00",
                   "r0_desc": "Le portail sera en maintenance."})  # fmt: skip
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "fr-CA"})
    assert saved.status_code == 303, saved.text[-2000:]
    slug = saved.headers["location"].split("/")[-1].split("?")[0]
    m, _ = maintenances.get_maintenance(context(admin.store), slug=slug)
    assert [i.service for i in m.interruptions] == ["portail"]
    assert m.interruptions[0].description.fr == "Le portail sera en maintenance."


def test_nothing_filled_in_is_refused_in_the_uis_words(admin: Admin) -> None:
    notice = "Avis aux usagers\n\nMerci de votre patience.\n"
    client, token, answer = _read(admin, "en", notice)
    fields = dict(_form(answer.text), csrf=token)
    refused = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert refused.status_code == 422
    assert "No interruption: fill in at least one row." in refused.text


def test_an_oversized_or_binary_upload_is_refused_on_the_screen_in_its_language(
    admin: Admin,
) -> None:
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    big = b"a" * (5 * 1024 * 1024 + 1)
    answer = client.post("/admin/import", data={"csrf": token, "notice": "", "year": "2019"},
                         files={"file": ("avis.txt", big, "text/plain")},
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 413
    assert "Le fichier dépasse 5\u00a0Mo" in answer.text or "Le fichier dépasse 5 Mo" in answer.text
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    answer = client.post("/admin/import", data={"csrf": token, "notice": "", "year": "2019"},
                         files={"file": ("avis.png", png, "image/png")},
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 422
    assert "fichier binaire" in answer.text
    assert 'name="year" inputmode="numeric" value="2019"' in answer.text  # kept


def test_the_command_line_hint_becomes_the_screens(admin: Admin) -> None:
    # "pass --timezone" means nothing in a browser: the screen points at its zone field.
    notice = (DEV / "pitt-peoplesoft-two-weekends-2024-en.txt").read_text(encoding="utf-8")
    _, _, answer = _read(admin, "en", notice)
    assert answer.status_code == 200
    assert "--timezone" not in answer.text
    assert "set the time zone above if it is another" in answer.text


def test_one_service_and_impact_for_the_selected_rows(admin: Admin) -> None:
    # A service name read wrong on four rows is corrected once, not four times.
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    fields.update({"csrf": token, "apply": "1", "apply_service": "eManifest",
                   "apply_impact": "unavailable"})  # fmt: skip
    for n in (0, 1, 2, 3):
        fields[f"r{n}_pick"] = "on"
    edited = client.post("/admin/import/edit", data=fields, headers={"accept-language": "en"})
    assert edited.status_code == 200, edited.text[-2000:]
    after = _form(edited.text)
    for n in (0, 1, 2, 3):
        assert (after[f"r{n}_service"], after[f"r{n}_impact"]) == ("eManifest", "unavailable")
    assert after["r0_start"] == "2019-01-19T05:00"  # no window typed: the windows stay
    assert after["r4_service"] == "Electronic Data Interchange (EDI)"  # not selected
    assert after.get("apply_service", "") == ""  # applied: the fieldset is empty again


def test_a_notice_refused_whole_is_said_in_french_from_the_catalogue(admin: Admin) -> None:
    # The command line, the API and the review's text-only save say the reader's errors
    # through the catalogue: no English sentence inside the French one.
    with pytest.raises(ValidationError) as caught:
        maintenances.import_notice(context(admin.store), data=b"Avis\n\nMerci de votre patience.\n")
    said = say_error(caught.value, "fr")
    assert said.startswith("l’avis contient des erreurs\u00a0: "), said
    assert "aucune interruption trouvée" in said
    for english in ("no interruption", "line ", "found"):
        assert english not in said, said
    assert "no interruption found" in str(caught.value)  # the English words for the logs
    client = admin.as_role(Role.EDITOR)
    token = admin.csrf(client, "/admin/import")
    answer = client.post("/admin/import/save", data={"csrf": token, "text": "Avis\n\nMerci.\n"},
                         headers={"accept-language": "fr-CA"})  # fmt: skip
    assert answer.status_code == 422
    assert "aucune interruption trouvée" in answer.text
    assert "no interruption" not in answer.text


def test_a_row_added_by_hand_names_its_new_service_in_both_languages(admin: Admin) -> None:
    # Found with pjcci-jacques-cartier-nuits-2012-fr: the row the reader missed names a service
    # the catalogue lacks; without its English name the draft could not be published, and
    # only an admin could add it.
    notice = (DEV / "pjcci-jacques-cartier-nuits-2012-fr.txt").read_text(encoding="utf-8")
    client, token, answer = _read(admin, "fr-CA", notice)
    blank = next(n for n in range(40) if f'name="r{n}_line" value=""' in answer.text)
    assert f'id="r{blank}_other"' in answer.text  # offered on the blank row too
    fields = _form(answer.text)
    fields.update({"csrf": token, f"r{blank}_service": "Autoroute Bonaventure",
                   f"r{blank}_other": "Bonaventure Expressway", f"r{blank}_impact": "limited",
                   f"r{blank}_start": "2012-02-18T05:00", f"r{blank}_end": "2012-02-19T15:00",
                   "slug": "pjcci-fevrier"})  # fmt: skip
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "fr-CA"})
    assert saved.status_code == 303, saved.text[-2000:]
    services = {s.slug: s for s in catalogue.list_services(context(admin.store))}
    road = services["autoroute-bonaventure"]
    assert (road.name.fr, road.name.en) == ("Autoroute Bonaventure", "Bonaventure Expressway")


def test_reading_again_with_a_year_or_zone_needs_no_second_paste(admin: Admin) -> None:
    # The notice left out its year or zone: "Read again" below the review still holds the text.
    _, _, answer = _read(admin, "en", CBSA)
    again = re.search(
        r'<textarea id="notice" name="notice" rows="10">(.*?)</textarea>', answer.text, re.S
    )
    assert again is not None and html.unescape(again[1]).startswith("CBSA Message (TCC19-012)")


def test_rows_of_one_line_show_only_their_own_warnings_in_french(admin: Admin) -> None:
    """Aarhus (2015-04) prints several services on one line under one window: each row's
    warnings are the ones about it (its impact, read without a word that says it), said in
    French from their catalogue ids, not every warning said on that line."""
    notice = (DEV / "aarhus-it-service-window-2015-04-en.txt").read_text(encoding="utf-8")
    _, _, answer = _read(admin, "fr-CA", notice, year="2015")
    assert answer.status_code == 200, answer.text[-2000:]
    page = answer.text
    names = []
    for n in range(page.count('<li id="row-')):
        row = _row(page, n)
        found = re.search(rf'name="r{n}_service"[^>]*value="([^"]*)"', row) or re.search(
            rf'value="([^"]*)"[^>]*name="r{n}_service"', row
        )
        warnings = re.search(r'<ul class="row-warnings">(.*?)</ul>', row, re.S)
        if found is None or warnings is None or not found[1]:
            continue
        names.append((html.unescape(found[1]), html.unescape(warnings[1])))
    impacts = [(name, said) for name, said in names if "lu comme indisponible" in said]
    assert len(impacts) >= 3, names
    for name, said in impacts:
        assert "impact of" not in said and "read as" not in said  # French, from the id
        quoted = re.findall(r"effet sur «\s(.+?)\s»", said)
        assert quoted == [name], (name, said)


def test_the_zone_field_names_its_help_and_its_error_in_one_attribute(admin: Admin) -> None:
    """Browsers keep the first of two aria-describedby on one input: the zone's error was never
    read out beside its help."""
    client, token, answer = _read(admin, "en", CBSA)
    field = re.search(r'<input id="timezone"[^>]*>', answer.text)
    assert field is not None and field[0].count("aria-describedby") == 1
    assert 'aria-describedby="timezone-help"' in field[0]
    fields = _form(answer.text)
    fields.update({"csrf": token, "timezone": "America/Nowhere"})
    refused = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert refused.status_code == 422, refused.text[-2000:]
    field = re.search(r'<input id="timezone"[^>]*>', refused.text)
    assert field is not None and field[0].count("aria-describedby") == 1, field
    assert 'aria-describedby="timezone-error timezone-help"' in field[0]
    assert 'id="timezone-error"' in refused.text
