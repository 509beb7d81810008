"""Webhooks and team channels end to end, on SQLite and PostgreSQL: set up through the actions,
fed by the change's own transaction, sent by the worker to a real local HTTP receiver that
verifies the signature with the standardwebhooks library; Apprise posting to a local JSON
endpoint; refusals of private targets; retries, disabling and enabling again."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from preavis.actions import catalogue, endpoints, maintenances, notifications
from preavis.actions.context import Context
from preavis.actions.endpoints import Keys
from preavis.actions.notifications import HOOK_MAX_ATTEMPTS, Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.domain.access import Role
from preavis.domain.errors import PermissionDeniedError, ValidationError
from preavis.notify import hooks, plan
from preavis.notify.senders import MemorySender
from preavis.storage import Store
from tests.conftest import TickingClock, context, make_maintenance, make_service
from tests.notify.receiver import Receiver, receiving

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
SECRET = "k" * 40
ALLOW = Keys(hooks.Vault(SECRET), hooks.HookSettings(allow_private=True))
STRICT = Keys(hooks.Vault(SECRET), hooks.HookSettings(allow_private=False))


def setup(store: Store, keys: Keys = ALLOW) -> tuple[Context, TickingClock, Mailer]:
    ctx = context(store)
    clock = ctx.clock
    assert isinstance(clock, TickingClock)
    clock.at = START - timedelta(days=3)
    for slug, fr, en in (("shop", "Boutique", "Shop"), ("pickup", "Ramassage", "Pickup")):
        catalogue.create_service(ctx, service=make_service(slug, name=Text(fr, en)))
    identity = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
    return ctx, clock, Mailer(identity, SECRET, MemorySender(), keys=keys)


def window(service: str, hours_from: int, hours: int) -> Interruption:
    start = START + timedelta(hours=hours_from)
    return Interruption(
        service, Impact.LIMITED, start, start + timedelta(hours=hours), Text("Lent", "Slow")
    )


def publish(ctx: Context, *items: Interruption) -> None:
    maintenances.create_draft(ctx, maintenance=make_maintenance(*items, state=State.DRAFT))
    maintenances.publish(ctx, slug="upgrade")


def deliver(ctx: Context, mailer: Mailer) -> notifications.Delivered:
    return notifications.deliver_due(ctx.store, ctx.clock, mailer)


def verified(receiver: Receiver, secret: str) -> list[dict[str, Any]]:
    """Each request's payload as the standardwebhooks library verifies it."""
    return [Webhook(secret).verify(r.body, r.headers) for r in receiver.requests]


def test_a_webhook_receives_signed_json_it_can_verify(store: Store) -> None:
    ctx, _, mailer = setup(store)
    with receiving() as receiver:
        made = endpoints.add_endpoint(
            ctx, ALLOW, kind="webhook", url=f"{receiver.url}/hook", lang="en",
            services=["pickup"],
        )  # fmt: skip
        secret = made["secret"]
        assert secret.startswith("whsec_")
        publish(ctx, window("shop", 0, 3), window("pickup", 1, 2))
        assert deliver(ctx, mailer).sent == 1
        [payload] = verified(receiver, secret)
        with pytest.raises(WebhookVerificationError):  # another secret does not verify
            Webhook(hooks.new_webhook_secret()).verify(
                receiver.requests[0].body, receiver.requests[0].headers
            )
    assert receiver.requests[0].path == "/hook"
    assert payload["type"] == "maintenance.announced"
    data = payload["data"]
    assert data["maintenance"]["slug"] == "upgrade"
    assert data["maintenance"]["title"] == {"fr": "Mise à niveau", "en": "Upgrade"}
    [item] = data["interruptions"]  # only the endpoint's service
    assert item["service"] == "pickup"
    assert item["service_name"] == {"fr": "Ramassage", "en": "Pickup"}
    assert item["starts_at"] == "2025-06-26T01:00:00Z"  # RFC 3339, UTC
    assert item["ends_at"] == "2025-06-26T03:00:00Z"
    assert item["when"]["fr"] == "Le 25 juin, de 21 h à 23 h (HE)"
    assert item["when"]["en"] == "June 25, from 9 p.m. to 11 p.m. ET"
    assert item["description"] == {"fr": "Lent", "en": "Slow"}
    assert data["message"]["subject"] == "Planned maintenance: Upgrade"
    headers = {k.lower(): v for k, v in receiver.requests[0].headers.items()}
    assert headers["webhook-id"].startswith("msg_")
    assert headers["content-type"] == "application/json"


def test_an_update_says_what_changed_and_a_cancellation_is_sent(store: Store) -> None:
    ctx, _, mailer = setup(store)
    with receiving() as receiver:
        secret = endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url=receiver.url, lang="fr")[
            "secret"
        ]
        publish(ctx, window("shop", 0, 3))
        maintenances.reschedule(ctx, slug="upgrade", starts_at=START + timedelta(days=1))
        maintenances.cancel(ctx, slug="upgrade")
        assert deliver(ctx, mailer).sent == 3
        kinds = [p["type"] for p in verified(receiver, secret)]
        update = verified(receiver, secret)[1]["data"]
    assert kinds == ["maintenance.announced", "maintenance.updated", "maintenance.cancelled"]
    [change] = update["changes"]
    assert change["change"] == "changed"
    assert change["before"]["starts_at"] == "2025-06-26T00:00:00Z"
    assert change["after"]["starts_at"] == "2025-06-27T00:00:00Z"


def test_a_failing_webhook_is_retried_with_backoff_then_disabled(store: Store) -> None:
    ctx, clock, mailer = setup(store)
    with receiving() as receiver:
        receiver.status = 503
        clock.at = START - timedelta(days=10)  # the retries end before any reminder is due
        made = endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url=receiver.url, lang="en")
        publish(ctx, window("shop", 0, 3))
        first = clock.at
        done = deliver(ctx, mailer)
        assert (done.sent, done.failed) == (0, 1)
        assert deliver(ctx, mailer).failed == 0  # not due again yet: backoff
        attempts = 1
        while endpoints.list_endpoints(ctx)[0]["enabled"]:
            clock.at += notifications.BACKOFF_MAX
            deliver(ctx, mailer)
            attempts += 1
            assert attempts <= HOOK_MAX_ATTEMPTS
        assert attempts == HOOK_MAX_ATTEMPTS
        [row] = endpoints.list_endpoints(ctx, "webhook")
        assert row["disabled_at"] is not None
        assert "HTTP 503" in row["disabled_reason"]
        [dead] = endpoints.list_endpoint_deliveries(ctx, status="dead")
        assert dead["attempts"] == HOOK_MAX_ATTEMPTS
        # What the retries spanned before giving up: more than a day.
        assert notifications.backoff(1) == timedelta(minutes=1)
        spent = sum((notifications.backoff(n) for n in range(1, HOOK_MAX_ATTEMPTS)), timedelta())
        assert spent > timedelta(hours=24)
        assert clock.at - first > timedelta(hours=24)
        count = len(receiver.requests)
        maintenances.extend(ctx, slug="upgrade", ends_at=START + timedelta(hours=5))
        deliver(ctx, mailer)
        assert len(receiver.requests) == count  # a disabled endpoint gets nothing
        receiver.status = 204
        assert endpoints.enable_endpoint(ctx, made["id"], "webhook") == 1
        done = deliver(ctx, mailer)
    assert done.sent == 2  # what it missed, and the update queued meanwhile
    assert endpoints.list_endpoints(ctx)[0]["enabled"] is True


def test_private_targets_are_refused_when_set_up_and_when_sent(store: Store) -> None:
    ctx, _, _ = setup(store)
    with pytest.raises(ValidationError, match=r"127\.0\.0\.1.*loopback"):
        endpoints.add_endpoint(ctx, STRICT, kind="webhook", url="http://127.0.0.1:9/x", lang="en")
    for address in ("10.1.2.3", "192.168.0.4", "169.254.169.254", "::1", "fd00::1"):
        with pytest.raises(ValidationError, match="refused"):
            hooks.check_webhook_url(
                "https://hooks.example.org/x",
                allow_private=False,
                resolver=lambda _h, _p, a=address: ["93.184.215.14", a],  # every address
            )
    hooks.check_webhook_url(
        "https://hooks.example.org/x", allow_private=False, resolver=lambda _h, _p: ["8.8.8.8"]
    )
    with pytest.raises(ValidationError, match="refused"):
        endpoints.add_endpoint(ctx, STRICT, kind="channel", url="json://127.0.0.1:9/x", lang="en")
    with pytest.raises(ValidationError, match="https://"):
        endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url="ftp://example.org/", lang="en")

    # Allowed when set up, refused when sent (the name now points somewhere private).
    with receiving() as receiver:
        endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url=receiver.url, lang="en")
        identity = plan.Identity("Avis <avis@example.org>", "Préavis", "https://s.example.org")
        strict = Mailer(identity, SECRET, MemorySender(), keys=STRICT)
        publish(ctx, window("shop", 0, 3))
        done = deliver(ctx, strict)
        assert receiver.requests == []
    assert done.dead == 1
    [row] = endpoints.list_endpoints(ctx)
    assert row["enabled"] is False
    assert "target refused" in row["disabled_reason"]


def test_a_channel_posts_through_apprise_and_its_url_stays_secret(store: Store) -> None:
    ctx, _, mailer = setup(store)
    with receiving() as receiver:
        url = f"json://127.0.0.1:{receiver.port}/team/t0ps3cr3tt0k3n"
        made = endpoints.add_endpoint(
            ctx, ALLOW, kind="channel", url=url, lang="fr", services=["shop"]
        )
        publish(ctx, window("shop", 0, 3), window("pickup", 1, 2))
        assert deliver(ctx, mailer).sent == 1
        [request] = receiver.requests
    posted = json.loads(request.body)
    assert request.path == "/team/t0ps3cr3tt0k3n"
    assert posted["title"] == "Maintenance prévue\u00a0: Mise à niveau"
    assert "Boutique — limité — Le 25 juin, de 20\u00a0h à 23\u00a0h (HE)" in posted["message"]
    assert "Ramassage" not in posted["message"]  # not the channel's service
    assert "t0ps3cr3tt0k3n" not in made["url"]
    assert "secret" not in made
    listed = endpoints.list_endpoints(ctx, "channel")
    assert "t0ps3cr3tt0k3n" not in json.dumps(listed, default=str)
    with store.reading() as tx:
        stored = tx.list_endpoints()
    assert "t0ps3cr3tt0k3n" not in json.dumps(stored, default=str)  # sealed at rest
    assert ALLOW.vault.open(stored[0]["sealed"]) == url


def test_a_webhook_secret_is_sealed_and_shown_only_once(store: Store) -> None:
    ctx, _, _ = setup(store)
    made = endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url="http://127.0.0.1:9/h", lang="en")
    with store.reading() as tx:
        stored = tx.list_endpoints()
    assert made["secret"] not in json.dumps(stored, default=str)
    assert all("secret" not in r for r in endpoints.list_endpoints(ctx))
    with pytest.raises(ValidationError, match="PREAVIS_SECRET_KEY"):
        hooks.Vault("another key entirely, also long enough").open(stored[0]["sealed"])


def test_only_admins_set_up_endpoints(store: Store) -> None:
    setup(store)
    publisher = context(store, Role.PUBLISHER)
    with pytest.raises(PermissionDeniedError):
        endpoints.add_endpoint(
            publisher, ALLOW, kind="webhook", url="http://127.0.0.1:9/", lang="en"
        )
    with pytest.raises(PermissionDeniedError):
        endpoints.list_endpoints(publisher)


def test_unknown_scope_and_language_are_named(store: Store) -> None:
    ctx, _, _ = setup(store)
    with pytest.raises(ValidationError, match="unknown service 'nope'"):
        endpoints.add_endpoint(
            ctx, ALLOW, kind="webhook", url="http://127.0.0.1:9/", lang="en", services=["nope"]
        )
    with pytest.raises(ValidationError, match="lang"):
        endpoints.add_endpoint(ctx, ALLOW, kind="webhook", url="http://127.0.0.1:9/", lang="de")
    with pytest.raises(ValidationError, match="Apprise"):
        endpoints.add_endpoint(ctx, ALLOW, kind="channel", url="nonsense://x", lang="en")
