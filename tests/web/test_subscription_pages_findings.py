"""What session 9's QA round found on the subscriber's side.

The List-Unsubscribe address opened in a browser: a mail client without
RFC 8058's one-click POST opens the header's https link (RFC 2369), which answered a JSON
"405 Method Not Allowed". A GET there now leads to the unsubscribe page in the subscriber's
language, which asks before doing anything (a GET never unsubscribes: scanners open links);
the one-click POST still unsubscribes at once."""

from __future__ import annotations

import re

from preavis.actions import maintenances
from tests.conftest import context
from tests.web import test_subscribe as subscribing
from tests.web.test_subscribe import SECRET, World, link

world = subscribing.world  # the fixture: the example, a mail sender, the app


def _notice_to(w: World, email: str, language: str) -> str:
    """Subscribe, confirm, and return the List-Unsubscribe URL of the first notice."""
    w.client.post("/api/v1/subscriptions", json={"email": email, "language": language})
    [confirmation] = w.deliver()
    assert w.client.get(link(confirmation, "confirm")).status_code == 200
    maintenances.cancel(context(w.store), slug="mise-a-niveau-2025")
    [notice] = w.deliver()
    header = str(notice["List-Unsubscribe"])
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    found = re.fullmatch(r"<https://status\.example\.org(/\S+)>", header)
    assert found, header
    return found.group(1)


def test_the_list_unsubscribe_link_opened_in_a_browser_asks_in_french(world: World) -> None:
    target = _notice_to(world, "ana@example.org", "fr")
    opened = world.client.get(target, follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"].startswith("/fr/abonnement/unsubscribe?token=")
    page = world.client.get(opened.headers["location"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr-CA"' in page.text and "ana@example.org" in page.text
    [row] = world.admin("GET", "/subscribers").json()
    assert row["status"] == "confirmed"  # opening a link changes nothing
    # The header's own use, RFC 8058's POST, still unsubscribes at once.
    one_click = world.client.post(
        target,
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200
    [row] = world.admin("GET", "/subscribers").json()
    assert row["status"] == "unsubscribed"


def test_the_list_unsubscribe_link_opened_in_a_browser_asks_in_english(world: World) -> None:
    target = _notice_to(world, "bob@example.org", "en")
    opened = world.client.get(target, follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"].startswith("/en/subscribe/unsubscribe?token=")
    page = world.client.get(opened.headers["location"])
    assert '<html lang="en-CA"' in page.text and "Stop all notices to bob@example.org?" in page.text


def test_a_forged_link_opened_in_a_browser_gets_a_page_not_json(world: World) -> None:
    opened = world.client.get("/api/v1/subscriptions/unsubscribe?token=forged")
    assert opened.status_code == 404
    assert opened.headers["content-type"].startswith("text/html")
    assert "Ce lien n’est pas valide ou a expiré" in opened.text
    assert SECRET not in opened.text
    english = world.client.get(
        "/api/v1/subscriptions/unsubscribe?token=forged", headers={"Accept-Language": "en-CA"}
    )
    assert english.status_code == 404 and "This link is not valid or has expired" in english.text


def test_the_zone_choice_names_zones_in_words_and_keeps_the_subscribers_own(
    world: World,
) -> None:
    """The subscribe form listed "America/St_Johns (HT)", "America/Winnipeg (HC)" and
    "America/Regina (HC)" where every other page says "heure de Terre-Neuve (HT)"; and a zone
    chosen through the API but not in the list (Europe/Paris) was not among the choices, so
    saving the preferences page dropped it without a word."""
    form = world.client.get("/fr/abonnement").text
    assert "America/St_Johns (" not in form
    assert '<option value="America/Toronto">heure de l’Est (HE)</option>' in form
    assert "heure du Centre (HC) — Saskatchewan" in form
    english = world.client.get("/en/subscribe").text
    assert '<option value="America/Vancouver">Pacific Time (PT)</option>' in english

    world.client.post(
        "/api/v1/subscriptions",
        json={"email": "eve@example.org", "language": "fr", "timezone": "Europe/Paris"},
    )
    [confirmation] = world.deliver()
    page = world.client.get(link(confirmation, "confirm"))
    manage = re.search(r'href="(/fr/abonnement/preferences\?token=[^"]+)"', page.text)
    assert manage is not None
    prefs = world.client.get(manage.group(1)).text
    assert re.search(r'<option value="Europe/Paris" selected>[^<]+</option>', prefs), prefs


def test_the_subscription_pages_say_their_language_as_the_other_pages_do(world: World) -> None:
    """Every other page sends Content-Language (fr-CA / en-CA); these did not."""
    assert world.client.get("/fr/abonnement").headers.get("content-language") == "fr-CA"
    assert world.client.get("/en/subscribe").headers.get("content-language") == "en-CA"
    bad = world.client.get("/en/subscribe/unsubscribe?token=forged")
    assert bad.status_code == 404 and bad.headers.get("content-language") == "en-CA"
