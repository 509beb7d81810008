"""A change's message said "2 changes:" and then the maintenance's summary before the changes
it announced (session 9's QA round): the summary now follows the opening sentence, and the
count leads straight into its list, in both parts and both languages."""

from __future__ import annotations

import re
from datetime import datetime
from email.message import EmailMessage

from preavis.actions import maintenances
from tests.conftest import context
from tests.web import test_subscribe as subscribing
from tests.web.test_subscribe import World, link

world = subscribing.world  # the fixture: the example, a mail sender, the app

SUMMARY = {
    "fr": "Pendant la mise à niveau de nos systèmes",
    "en": "While our systems are upgraded",
}
COUNT = {"fr": re.compile(r"\d+ changements?\s?:"), "en": re.compile(r"\d+ changes?:")}


def _parts(msg: EmailMessage) -> tuple[str, str]:
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    return str(plain.get_content()), str(html.get_content())


def _confirmed(w: World, email: str, lang: str) -> None:
    w.client.post("/api/v1/subscriptions", json={"email": email, "language": lang})
    [confirmation] = w.deliver()
    assert w.client.get(link(confirmation, "confirm")).status_code == 200


def test_a_change_message_gives_its_summary_before_counting_its_changes(world: World) -> None:
    _confirmed(world, "ana@example.org", "fr")
    _confirmed(world, "bob@example.org", "en")
    later = datetime.fromisoformat("2025-06-23T23:59-04:00")
    maintenances.reschedule(context(world.store), slug="mise-a-niveau-2025", starts_at=later)
    changed = ("Maintenance modifiée", "Maintenance changed")
    sent = {str(m["To"]): m for m in world.deliver() if str(m["Subject"]).startswith(changed)}
    for email, lang in (("ana@example.org", "fr"), ("bob@example.org", "en")):
        for part in _parts(sent[email]):
            found = COUNT[lang].search(part)
            assert found, part
            count = found.start()
            summary = part.index(SUMMARY[lang])
            first_change = part.index("Avant" if lang == "fr" else "Was:")
            assert summary < count < first_change, (lang, part[:600])


def test_times_and_french_punctuation_hold_together_in_messages(world: World) -> None:
    """The pages keep "22 h", "8 p.m.", "« … »" and " :" from breaking over two lines
    (non-breaking spaces); messages did not, so a narrow mail reader could leave "h" or "p.m."
    alone at the start of a line, or « at the end of one (session 9's QA round)."""
    _confirmed(world, "ana@example.org", "fr")
    _confirmed(world, "bob@example.org", "en")
    later = datetime.fromisoformat("2025-06-23T23:59-04:00")
    maintenances.reschedule(context(world.store), slug="mise-a-niveau-2025", starts_at=later)
    changed = ("Maintenance modifiée", "Maintenance changed")
    sent = {str(m["To"]): m for m in world.deliver() if str(m["Subject"]).startswith(changed)}
    plain, html = _parts(sent["ana@example.org"])
    for part in (plain, html):
        body = part.split("Détails")[0]
        assert "20\u00a0h" in body and "23\u00a0h\u00a059" in body
        assert re.search(r"\d h\b", body) is None, body[:400]  # no "20 h" with a plain space
        assert "changements\u00a0:" in body and "Avant\u00a0:" in body
        assert "«\u00a0Mise à niveau du système\u00a0»" in body
    plain, html = _parts(sent["bob@example.org"])
    for part in (plain, html):
        body = part.split("Details")[0]
        assert "8\u00a0p.m." in body and re.search(r"\d [ap]\.m\.", body) is None
