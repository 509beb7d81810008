"""The import review remembers what staff corrected: a row whose name as read was changed to a
catalogue service teaches an alias when the review is saved (one transaction with the draft),
the same notice read again gives that service with the reason beside the row, in French and
English; the services screen lists aliases, and editors (not viewers) remove or add them."""

from __future__ import annotations

import html
from datetime import date

from preavis.actions import catalogue, maintenances
from preavis.domain.access import Role
from preavis.domain.service import Alias, Service
from preavis.domain.text import Text
from preavis.notices.reader import read_notice
from preavis.web.admin_ui import review
from preavis.web.admin_ui.words import WORDS
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin
from tests.web.admin_ui.test_import_review import CBSA, _form, _read, _row

PRINTED = "eManifest Portal"  # as the CBSA notice prints it (tests/corpus/real/dev)
CARRIERS = Service("carrier-portal", Text("Portail des transporteurs", "Carrier portal"))


def _save_corrected(admin: Admin, slug: str, **more: str) -> list[str]:
    """Read the notice, correct every row read as PRINTED to "Carrier portal", save; the rows
    as the reader read them."""
    catalogue.create_service(context(admin.store), service=CARRIERS)
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    read = [fields[f"r{n}_read"] for n in range(int(fields["rows"])) if fields.get(f"r{n}_line")]
    for n in range(int(fields["rows"])):
        if fields.get(f"r{n}_read") == PRINTED:
            fields[f"r{n}_service"] = "Carrier portal"
    fields.update(csrf=token, slug=slug, timezone="America/Halifax", **more)
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert saved.status_code == 303, saved.text[-3000:]
    return read


def test_saving_a_corrected_name_remembers_it_and_the_next_reading_uses_it(admin: Admin) -> None:
    read = _save_corrected(admin, "cbsa-1")
    assert PRINTED in read
    ctx = context(admin.store)
    assert catalogue.list_aliases(ctx) == [Alias(PRINTED, "carrier-portal")]
    with ctx.store.reading() as tx:
        [revision] = tx.revisions("alias:carrier-portal")
    assert revision.actor == "Editor Person <editor@example.org>"
    assert "import review of cbsa-1" in revision.reason
    m, _ = maintenances.get_maintenance(ctx, slug="cbsa-1")
    assert {i.service for i in m.interruptions} >= {"carrier-portal"}

    # The same notice read again: the row is the catalogue's service, and says why.
    _, _, again = _read(admin, "en", CBSA)
    first = _row(again.text, 0)
    assert 'value="Carrier portal"' in first
    assert (
        "Remembered correction: </span>“eManifest Portal” read as “Carrier portal”: a "
        "correction made in an earlier import review"
    ) in first
    assert "is not in the catalogue" not in first
    _, _, french = _read(admin, "fr-CA", CBSA)
    nb = "\u00a0"
    assert (
        f"Correction retenue{nb}: </span>«{nb}eManifest Portal{nb}» lu comme «{nb}Carrier "
        f"portal{nb}»{nb}: une correction faite lors d’une révision d’importation précédente"
    ) in html.unescape(_row(french.text, 0))


def test_a_removed_row_or_a_name_kept_as_read_teaches_nothing(admin: Admin) -> None:
    catalogue.create_service(context(admin.store), service=CARRIERS)
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    rows = [n for n in range(int(fields["rows"])) if fields.get(f"r{n}_read") == PRINTED]
    assert len(rows) >= 2
    # One row corrected but removed; the others kept as read (a new service of that name).
    fields[f"r{rows[0]}_service"] = "Carrier portal"
    fields[f"r{rows[0]}_remove"] = "on"
    fields.update(csrf=token, slug="cbsa-2", timezone="America/Halifax")
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert saved.status_code == 303, saved.text[-3000:]
    assert catalogue.list_aliases(context(admin.store)) == []


def test_a_refused_save_remembers_nothing(admin: Admin) -> None:
    """One transaction: a draft refused (its slug taken) leaves no alias behind."""
    catalogue.create_service(context(admin.store), service=CARRIERS)
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    fields["r0_service"] = "Carrier portal"
    taken = maintenances.list_maintenances(context(admin.store))[0][0].slug
    fields.update(csrf=token, slug=taken, timezone="America/Halifax")
    refused = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert refused.status_code == 422
    assert catalogue.list_aliases(context(admin.store)) == []


def _aliases_box(page: str) -> str:
    return page[page.index('<h2 id="aliases">') : page.index('<h2 id="groups">')]


def test_the_services_screen_lists_aliases_and_a_viewer_cannot_remove_them(admin: Admin) -> None:
    ctx = context(admin.store)
    catalogue.create_service(ctx, service=CARRIERS)
    catalogue.add_alias(ctx, slug="carrier-portal", name=PRINTED)
    viewer = admin.as_role(Role.VIEWER)
    box = _aliases_box(viewer.get("/admin/services", headers={"accept-language": "en"}).text)
    assert "<q>eManifest Portal</q>" in box and "Carrier portal" in box
    assert "/aliases/remove" not in box and 'id="new-alias"' not in box
    token = admin.csrf(viewer, "/admin/services")
    answer = viewer.post("/admin/services/carrier-portal/aliases/remove",
                         data={"csrf": token, "name": PRINTED})  # fmt: skip
    assert answer.status_code == 403
    assert catalogue.list_aliases(ctx) == [Alias(PRINTED, "carrier-portal")]
    french = viewer.get("/admin/services", headers={"accept-language": "fr-CA"}).text
    assert "Nom tel qu’imprimé" in _aliases_box(french)


def test_an_editor_removes_and_adds_an_alias_on_the_services_screen(admin: Admin) -> None:
    ctx = context(admin.store)
    catalogue.create_service(ctx, service=CARRIERS)
    catalogue.add_alias(ctx, slug="carrier-portal", name=PRINTED)
    editor = admin.as_role(Role.EDITOR)
    page = editor.get("/admin/services", headers={"accept-language": "en"}).text
    assert 'aria-label="Remove the alias “eManifest Portal”"' in _aliases_box(page)
    token = admin.csrf(editor, "/admin/services")
    answer = editor.post("/admin/services/carrier-portal/aliases/remove",
                         data={"csrf": token, "name": PRINTED})  # fmt: skip
    assert answer.status_code == 303
    assert catalogue.list_aliases(ctx) == []
    new = {"csrf": token, "name": "Portail eManifeste", "service": "carrier-portal"}
    answer = editor.post("/admin/aliases", data=new)
    assert answer.status_code == 303
    assert catalogue.list_aliases(ctx) == [Alias("Portail eManifeste", "carrier-portal")]
    # A service's own name needs no alias: said on the screen, in its language.
    own = {"csrf": token, "name": "carrier PORTAL", "service": "carrier-portal"}
    answer = editor.post("/admin/aliases", data=own, headers={"accept-language": "en"})
    assert answer.status_code == 422
    assert "already the name of service 'carrier-portal'" in html.unescape(answer.text)


def test_a_name_corrected_to_a_service_this_import_creates_is_remembered(admin: Admin) -> None:
    client, token, answer = _read(admin, "en", CBSA)
    fields = _form(answer.text)
    for n in range(int(fields["rows"])):
        if fields.get(f"r{n}_read") == PRINTED:
            fields[f"r{n}_service"] = "eManifest"  # a new service, named as staff know it
    fields.update(csrf=token, slug="cbsa-3", timezone="America/Halifax")
    saved = client.post("/admin/import/save", data=fields, headers={"accept-language": "en"})
    assert saved.status_code == 303, saved.text[-3000:]
    assert catalogue.list_aliases(context(admin.store)) == [Alias(PRINTED, "emanifest")]


def test_a_name_the_reader_doubted_teaches_nothing() -> None:
    """The reader took a generic word for the name ("Nouvelles", the page's heading) and said
    so: staff correcting it say the guess was wrong, not that "Nouvelles" names the service."""
    notice = (
        "Nouvelles\n\nLe samedi 14 mars 2026, de 20 h à 23 h (HE), le système sera indisponible.\n"
    )
    reading = read_notice(notice, reference=date(2026, 3, 1), catalogue=(CARRIERS,))
    [item] = reading.interruptions
    assert item.service == "Nouvelles"
    form = review.from_reading(reading, notice, "2026", [CARRIERS], "fr", WORDS["fr"])
    assert form.rows[0].read == ""  # nothing to teach
    form.rows[0].service = "Portail des transporteurs"
    done = review.parse(form, [CARRIERS], WORDS["fr"], "fr")
    assert not done.errors and done.learned == ()
    # The same row without the reader's doubt would teach the alias (the rule, not the form).
    form.rows[0].read = "Nouvelles"
    assert review.parse(form, [CARRIERS], WORDS["fr"], "fr").learned == (
        Alias("Nouvelles", "carrier-portal"),
    )
