"""Subscribing through the public API and pages, double opt-in to unsubscribe, and the admin
API for subscribers and deliveries; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi.testclient import TestClient

from preavis.actions import access, data, maintenances, notifications
from preavis.actions.notifications import Mailer
from preavis.actions.subscriptions import PER_CLIENT_WINDOW
from preavis.domain import Schedule
from preavis.domain.access import Role
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock, context

SECRET = "k" * 40


@dataclass
class World:
    client: TestClient
    store: Store
    clock: TickingClock
    sender: MemorySender
    mailer: Mailer
    tokens: dict[Role, str]

    def deliver(self) -> list[EmailMessage]:
        before = len(self.sender.sent)
        notifications.deliver_due(self.store, self.clock, self.mailer)
        return self.sender.sent[before:]

    def admin(self, method: str, path: str, role: Role = Role.ADMIN, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"}
        return self.client.request(method, f"/api/v1/admin{path}", headers=headers, **kw)


@pytest.fixture
def world(store: Store, example: Schedule) -> Iterator[World]:
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example)
    tokens = {role: access.create_token(ctx, name=f"t-{role.value}", role=role) for role in Role}
    clock = TickingClock()
    settings = Settings(
        database_url=store.url, secret_key=SECRET, public_url="https://status.example.org"
    )
    sender = MemorySender()
    mailer = Mailer.from_settings(settings, sender)
    app = create_app(settings, store=store, clock=clock)
    with TestClient(app) as client:
        yield World(client, store, clock, sender, mailer, tokens)


def link(msg: EmailMessage, kind: str) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    found = re.search(rf"https://status\.example\.org(/\S*/{kind}\?token=\S+)", part.get_content())
    assert found, part.get_content()
    return found.group(1)


def subscribe(world: World, email: str, **extra: object) -> Any:
    return world.client.post(
        "/api/v1/subscriptions", json={"email": email, "language": "fr", **extra}
    )


def test_the_answer_is_the_same_whether_the_address_is_known(world: World) -> None:
    first = subscribe(world, "new@example.org")
    assert first.status_code == 202
    again = subscribe(world, "new@EXAMPLE.org")  # the same address
    other = subscribe(world, "other@example.org")
    assert first.json() == again.json() == other.json()
    mails = world.deliver()
    assert sorted(m["To"] for m in mails) == [
        "new@example.org", "new@example.org", "other@example.org",
    ]  # fmt: skip
    assert all(m["Subject"].startswith("Confirmez votre abonnement") for m in mails)


def test_double_opt_in_then_preferences_then_one_click_unsubscribe(world: World) -> None:
    subscribe(world, "Zoe@Example.ORG", services=["ramassage-colis"])
    [confirmation] = world.deliver()
    assert confirmation["To"] == "Zoe@example.org"
    # Before confirming, a change to a published maintenance sends nothing to this address.
    maintenances.cancel(context(world.store), slug="mise-a-niveau-2025")
    assert world.deliver() == []

    page = world.client.get(link(confirmation, "confirm"))
    assert page.status_code == 200
    assert "Votre abonnement est confirmé." in page.text
    manage = re.search(r'href="(/fr/abonnement/preferences\?token=[^"]+)"', page.text)
    assert manage is not None
    prefs = world.client.get(manage.group(1).replace("&amp;", "&"))
    assert prefs.status_code == 200
    assert "Zoe@example.org" in prefs.text
    assert 'value="ramassage-colis" checked' in prefs.text
    saved = world.client.post(
        manage.group(1),
        content="language=en&scope=all&timezone=America%2FVancouver",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert saved.status_code == 200
    assert "Vos préférences sont enregistrées." in saved.text
    [row] = world.admin("GET", "/subscribers?status=confirmed").json()
    assert (row["lang"], row["services"], row["timezone"]) == ("en", "", "America/Vancouver")
    assert row["consent_how"] == "public API" and row["confirmed_at"]

    token = manage.group(1).split("token=")[1]
    one_click = world.client.post(
        f"/api/v1/subscriptions/unsubscribe?token={token}",
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200
    [row] = world.admin("GET", "/subscribers").json()
    assert row["status"] == "unsubscribed"


def test_a_forged_or_expired_link_is_refused_clearly(world: World) -> None:
    page = world.client.get("/fr/abonnement/confirm?token=forged")
    assert page.status_code == 404
    assert "Ce lien n’est pas valide ou a expiré\u00a0: abonnez-vous de nouveau." in page.text
    assert world.client.post("/api/v1/subscriptions/unsubscribe?token=x").status_code == 404


def test_bad_input_names_the_field(world: World) -> None:
    bad = subscribe(world, "not an address")
    assert bad.status_code == 422
    assert "email" in bad.text
    unknown = subscribe(world, "a@example.org", services=["nope"])
    assert unknown.status_code == 422
    assert "nope" in unknown.text


def test_one_address_cannot_be_flooded(world: World) -> None:
    for _ in range(6):
        assert subscribe(world, "victim@example.org").status_code == 202
    assert len(world.deliver()) == 3  # PER_ADDRESS_PER_HOUR; the answers did not change


def test_one_client_cannot_flood_the_form(world: World) -> None:
    answers = [subscribe(world, f"p{n}@example.org").status_code for n in range(11)]
    assert answers == [202] * 10 + [429]


def test_the_limits_hold_across_web_nodes(world: World) -> None:
    """Two web nodes (two apps, each its own process state) on one database: a client that
    spread its requests over both still meets one limit, and so does one address."""
    settings = Settings(
        database_url=world.store.url, secret_key=SECRET, public_url="https://status.example.org"
    )
    other = create_app(settings, store=world.store, clock=world.clock)
    with TestClient(other) as second:
        nodes = [world.client, second]
        answers = [
            nodes[n % 2]
            .post("/api/v1/subscriptions", json={"email": f"q{n}@example.org", "language": "fr"})
            .status_code
            for n in range(11)
        ]
        assert answers == [202] * 10 + [429]
        world.clock.at += PER_CLIENT_WINDOW + timedelta(seconds=1)  # the client may again
        for n in range(6):  # one address, asked for through both nodes
            body = {"email": "victim@example.org", "language": "fr"}
            assert nodes[n % 2].post("/api/v1/subscriptions", json=body).status_code == 202
    assert len([m for m in world.deliver() if m["To"] == "victim@example.org"]) == 3


def test_the_pages_are_served_in_both_languages_without_script(world: World) -> None:
    fr = world.client.get("/fr/abonnement")
    assert fr.status_code == 200
    assert "S’abonner aux avis de maintenance" in fr.text
    assert 'name="services" value="ramassage-colis"' in fr.text
    assert "<script" not in fr.text
    csp = fr.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "default-src 'none'" in csp  # no inline code
    en = world.client.get("/en/subscribe")
    assert "Subscribe to maintenance notices" in en.text
    home = world.client.get("/fr/")
    assert 'href="/fr/abonnement"' in home.text  # linked from every page
    posted = world.client.post(
        "/en/subscribe",
        content="email=form%40example.org&language=en&scope=all",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert posted.status_code == 200
    assert "Check your inbox" in posted.text
    [mail] = world.deliver()
    assert mail["Subject"].startswith("Confirm your subscription")
    none_ticked = world.client.post(
        "/fr/abonnement",
        content="email=x%40example.org&language=fr&scope=some",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert none_ticked.status_code == 422
    assert "Cochez au moins un service" in none_ticked.text
    assert 'value="x@example.org"' in none_ticked.text  # what was typed is kept
    assert 'name="groups" value="expedition"' in fr.text
    grouped = world.client.post(
        "/fr/abonnement",
        content="email=g%40example.org&language=fr&scope=some&groups=expedition",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert grouped.status_code == 200
    [row] = [r for r in world.admin("GET", "/subscribers").json() if r["email"] == "g@example.org"]
    assert (row["status"], row["groups"], row["services"]) == ("pending", "expedition", "")


def test_admin_import_list_remove_and_deliveries(world: World) -> None:
    csv = "email,language,services\nann@example.org,en,ramassage-colis\n"
    assert (
        world.admin("POST", "/subscribers/import", role=Role.PUBLISHER, content=csv).status_code
        == 403
    )
    imported = world.admin("POST", "/subscribers/import", content=csv)
    assert imported.json() == {"imported": 1}
    exported = world.admin("GET", "/subscribers.csv")
    assert exported.text == csv
    maintenances.cancel(context(world.store), slug="mise-a-niveau-2025")
    assert world.admin("GET", "/deliveries?status=pending").json()[0]["email"] == "ann@example.org"
    assert world.admin("POST", "/deliveries/retry").json() == {"retried": 0}
    assert world.admin("DELETE", "/subscribers/ann@example.org").status_code == 204
    assert world.admin("GET", "/subscribers").json() == []
    assert world.deliver() == []  # removed with their deliveries


def test_asking_again_in_the_other_language_gives_a_link_that_works(world: World) -> None:
    subscribe(world, "leo@example.org")  # in French first, then again in English
    world.client.post("/api/v1/subscriptions", json={"email": "leo@example.org", "language": "en"})
    first, second = world.deliver()
    assert "/fr/abonnement/confirm?" in link(first, "confirm")
    assert "/en/subscribe/confirm?" in link(second, "confirm")
    page = world.client.get(link(second, "confirm"))
    assert page.status_code == 200, page.text
    [row] = world.admin("GET", "/subscribers?status=confirmed").json()
    assert row["lang"] == "en"


def test_an_import_cannot_undo_an_unsubscription(world: World) -> None:
    csv = "email,language,services\nann@example.org,fr,\n"
    assert world.admin("POST", "/subscribers/import", content=csv).json() == {"imported": 1}
    maintenances.cancel(context(world.store), slug="mise-a-niveau-2025")
    [notice] = world.deliver()
    token = link(notice, "unsubscribe").split("token=")[1]
    one_click = world.client.post(  # the person unsubscribes from the message itself
        f"/api/v1/subscriptions/unsubscribe?token={token}",
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200
    again = world.admin("POST", "/subscribers/import", content=csv)
    assert again.status_code == 422
    assert "line 2: ann@example.org unsubscribed" in again.json()["error"]["message"]
    [row] = world.admin("GET", "/subscribers").json()
    assert row["status"] == "unsubscribed"


@pytest.mark.parametrize("trusted", [True, False])
def test_behind_a_trusted_proxy_each_client_counts_for_itself(store: Store, trusted: bool) -> None:
    settings = Settings(database_url=store.url, secret_key=SECRET, trust_proxy=trusted)
    with TestClient(create_app(settings, store=store, clock=TickingClock())) as client:

        def ask(n: int, address: str) -> int:
            return client.post(
                "/api/v1/subscriptions",
                json={"email": f"p{n}@example.org", "language": "fr"},
                headers={"X-Forwarded-For": f"203.0.113.9, {address}"},
            ).status_code

        answers = [ask(n, "198.51.100.1") for n in range(10)] + [ask(10, "198.51.100.2")]
    # Trusted, the proxy's header tells the clients apart; untrusted, anyone could forge it,
    # so every request counts against the one peer it came from.
    assert answers == [202] * 10 + [202 if trusted else 429]
