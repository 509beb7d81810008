"""Messages name the site the person subscribed on (session 8's trial: subscribed on "État des
services", the confirmation said "Confirmez votre abonnement aux avis de Préavis" and every
message was "Envoyé par Préavis." — the software's name, from PREAVIS_SITE_NAME, which is
documented as the Statuspage facade's page name only)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources

import pytest

from preavis.actions.notifications import Mailer
from preavis.notify import plan
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from tests.notify.test_plan import text_of, wire

START = datetime(2099, 3, 8, 6, tzinfo=UTC)


def _confirmation(mailer: Mailer, lang: str) -> tuple[str, str]:
    msg = wire(plan.confirmation(
        3, "bob@example.org", lang, "https://s/confirm?token=X",  # type: ignore[arg-type]
        mailer.identity, at=START, key="subscriber:3:confirmation:ab", hours=48,
    ))  # fmt: skip
    return str(msg["Subject"]), text_of(msg)


def _mailer(**kw: str) -> Mailer:
    settings = Settings(database_url="sqlite://", secret_key="k" * 40, **kw)  # type: ignore[arg-type]
    return Mailer.from_settings(settings, MemorySender())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_by_default_messages_name_the_public_sites_default_title(lang: str) -> None:
    site = json.loads(
        resources.files("preavis.web").joinpath(f"locales/{lang}.json").read_text("utf-8")
    )["site_name"]  # "État des services", as the pages' header says
    subject, body = _confirmation(_mailer(), lang)
    assert site in subject and site in body
    assert "Préavis" not in subject and "Préavis" not in body


def test_the_sites_own_titles_name_it_in_each_language() -> None:
    mailer = _mailer(site_title_fr="Avis de Postes Exemple", site_title_en="Example Post notices")
    subject, body = _confirmation(mailer, "fr")
    assert subject == "Confirmez votre abonnement aux avis de maintenance — Avis de Postes Exemple"
    assert "Envoyé par Avis de Postes Exemple." in body
    subject, body = _confirmation(mailer, "en")
    assert subject == "Confirm your subscription to maintenance notices — Example Post notices"
    assert "Sent by Example Post notices." in body
