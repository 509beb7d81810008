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
