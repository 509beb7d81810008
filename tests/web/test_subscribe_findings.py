"""The subscription pages as a customer meets them from a message (session 8's trial): the
unsubscribe page is titled as such (it said "S’abonner aux avis de maintenance"), the
preferences page's "E-mail address:" has no French space on the English page, and the language
switch on a page reached by a link keeps the link's token (it led to the blank form)."""

from __future__ import annotations

import html
import re

from tests.web.test_subscribe import World, link, subscribe, world  # noqa: F401 (fixture)

NB = "\u00a0"


def _h1(text: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", text, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def _switch(text: str) -> str:
    found = re.search(r'<a [^>]*href="([^"]+)"[^>]*hreflang="(?:en|fr)"', text) or re.search(
        r'<a [^>]*hreflang="(?:en|fr)"[^>]*href="([^"]+)"', text
    )
    assert found is not None, text[:3000]
    return html.unescape(found.group(1))


def test_the_unsubscribe_pages_say_unsubscribe(world: World) -> None:  # noqa: F811
    subscribe(world, "zoe@example.org")
    [confirmation] = world.deliver()
    page = world.client.get(link(confirmation, "confirm"))
    manage = re.search(r'href="(/fr/abonnement/preferences\?token=[^"]+)"', page.text)
    assert manage is not None
    token = html.unescape(manage.group(1)).split("token=")[1]
    asked = world.client.get(f"/fr/abonnement/unsubscribe?token={token}")
    assert asked.status_code == 200
    assert _h1(asked.text) == "Se désabonner"
    assert "<title>Se désabonner" in asked.text
    done = world.client.post("/fr/abonnement/unsubscribe", data={"token": token})
    assert done.status_code == 200 and _h1(done.text) == "Se désabonner"
    english = world.client.get(f"/en/subscribe/unsubscribe?token={token}")
    assert _h1(english.text) == "Unsubscribe"


def test_the_preferences_page_speaks_each_languages_typography(world: World) -> None:  # noqa: F811
    subscribe(world, "zoe@example.org")
    [confirmation] = world.deliver()
    page = world.client.get(link(confirmation, "confirm"))
    manage = re.search(r'href="/fr/abonnement/preferences\?token=([^"]+)"', page.text)
    assert manage is not None
    token = html.unescape(manage.group(1))
    english = world.client.get(f"/en/subscribe/preferences?token={token}").text
    assert "E-mail address: <strong>zoe@example.org</strong>" in english
    french = world.client.get(f"/fr/abonnement/preferences?token={token}").text
    assert f"Adresse courriel{NB}: <strong>zoe@example.org</strong>" in html.unescape(french)
    # The language switch keeps the page and its token, not the blank form.
    assert _switch(french) == f"/en/subscribe/preferences?token={token}"
    assert _switch(world.client.get("/fr/abonnement").text) == "/en/subscribe"


def test_a_refused_subscription_keeps_every_choice_made(world: World) -> None:  # noqa: F811
    """A mistyped address came back with the language, the services, the groups and the zone
    reset to their defaults: everything ticked had to be ticked again."""
    typed = (
        "email=zoe%40example&language=en&scope=some&services=ramassage-colis"
        "&services=facturation-paiements&groups=achats&timezone=America%2FVancouver"
    )
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = world.client.post("/fr/abonnement", content=typed, headers=form)
    assert answer.status_code == 422
    text = answer.text
    assert 'value="zoe@example"' in text
    assert '<input type="radio" name="language" value="en" checked>' in text
    assert '<input type="radio" name="scope" value="some" checked>' in text
    assert '<input type="checkbox" name="services" value="ramassage-colis" checked>' in text
    assert '<input type="checkbox" name="services" value="facturation-paiements" checked>' in text
    assert '<input type="checkbox" name="groups" value="achats" checked>' in text
    assert '<option value="America/Vancouver" selected>' in text


def test_the_subscription_pages_french_spaces_its_marks() -> None:
    """The public pages put a non-breaking space before « : » and inside « »; the subscription
    pages' own words had plain spaces ("Ou seulement ceux-ci :")."""
    from preavis.web.subscribe import WORDS

    for key, text in WORDS["fr"].items():
        assert not re.search(r" [:;?!»]|« ", text), (key, text)
    assert WORDS["fr"]["or_some"] == f"Ou seulement ceux-ci{NB}:"
