"""Subscribing in a real browser: the French form, the confirmation link from the mail, the
preferences page, unsubscribing. The mail is rendered by the worker and read as sent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import subscriptions
from preavis.actions.notifications import Mailer
from preavis.clock import FixedClock
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.web.app import create_app
from tests.browser.conftest import MOMENT, Live, free_port, published, serving, shot


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    url, store, ctx = published(tmp_path / "subscribe.db")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=url, secret_key="b" * 40, public_url=base)
    sender = MemorySender()
    mailer = Mailer.from_settings(settings, sender)
    app = create_app(settings, store=store, clock=FixedClock(MOMENT))
    with serving(app, port):
        yield Live(base, store, ctx, mailer, sender)
    store.dispose()


def test_subscribe_confirm_change_preferences_unsubscribe(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/fr/")
    page.get_by_role("link", name="S’abonner").click()
    assert page.url.endswith("/fr/abonnement")
    page.fill("#email", "Lea@Example.org")
    page.get_by_label("Ou seulement ceux-ci :").check()
    page.get_by_label("Ramassage de colis").check()
    shot(page, "subscribe-fr")
    page.get_by_role("button", name="S’abonner").click()
    assert "Vérifiez votre boîte de réception" in page.locator("main").inner_text()

    text = live.mail_text()
    link = re.search(r"http://\S+/fr/abonnement/confirm\?token=\S+", text)
    assert link, text
    page.goto(link.group(0))
    assert "Votre abonnement est confirmé." in page.locator("main").inner_text()

    page.get_by_role("link", name="Modifier les préférences").click()
    assert page.get_by_label("Ramassage de colis").is_checked()
    page.get_by_label("English").check()
    page.select_option("#timezone", "America/Vancouver")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Vos préférences sont enregistrées." in page.locator("main").inner_text()
    [row] = subscriptions.list_subscribers(live.ctx)
    assert (row["email"], row["lang"], row["services"], row["timezone"]) == (
        "Lea@example.org", "en", "ramassage-colis", "America/Vancouver",
    )  # fmt: skip

    page.get_by_role("link", name="Se désabonner").click()
    page.get_by_role("button", name="Se désabonner").click()
    assert "Vous êtes désabonné" in page.locator("main").inner_text()
    [row] = subscriptions.list_subscribers(live.ctx)
    assert row["status"] == "unsubscribed"
