"""Changing the site's key (`preavis key rotate`) and restoring without the old one, through the
actions on real parts (SQLite, and PostgreSQL when given): every sealed secret re-sealed in one
transaction or none; the webhook still verifies at a real local receiver with its secret; a
link mailed before the change works while the old key is kept as the previous one, a link
under a random key never; a backup taken before the change restores with the old key as
previous; restored without the key, webhooks and channels send nothing until given a secret
again, and subscribers' old links stop working while their next message carries new ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from itsdangerous import URLSafeSerializer
from standardwebhooks.webhooks import Webhook

from preavis.actions import backup, endpoints, keys, notifications, subscriptions
from preavis.actions.endpoints import Keys
from preavis.actions.notifications import Mailer
from preavis.domain.errors import NotFoundError, ValidationError
from preavis.formats.messages import say_error, say_recorded
from preavis.notify import hooks
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.storage import Store
from tests.conftest import TickingClock, context
from tests.notify.receiver import receiving
from tests.storage.test_backup import ENGINES, IDENTITY, SECRET, build, store_of, unsubscribe_token

NEW = "n" * 20 + "e" * 20
OTHER = "o" * 40


def _sealed(store: Store) -> dict[int, str]:
    with store.reading() as tx:
        return {row["id"]: row["sealed"] for row in tx.list_endpoints()}


def _keys(settings: Settings) -> Keys:
    return Keys(keys.vault_of(settings), hooks.HookSettings(allow_private=True))


def _forged(token: str, key: str) -> str:
    """The same link (subscriber and their key) signed with another key."""
    _, payload = URLSafeSerializer("unused", salt="preavis-manage").loads_unsafe(token)
    return str(URLSafeSerializer(key, salt="preavis-manage").dumps(payload))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_rotation_reseals_every_secret_and_old_links_work_during_the_grace(
    tmp_path: Path, engine: str
) -> None:
    with receiving() as receiver:
        store = store_of(engine, tmp_path / "site")
        site, kept = build(store, receiver)
        ctx = site.ctx
        before = Settings(database_url=store.url, secret_key=SECRET)
        done = keys.rotate_key(ctx, settings=before, new=NEW)
        assert (done.resealed, done.pending, done.key_file) == (2, True, None)
        # Every value opens with the new key alone, none with the old one any more.
        for sealed in _sealed(store).values():
            hooks.Vault(NEW).open(sealed)
            with pytest.raises(ValidationError):
                hooks.Vault(SECRET).open(sealed)

        # The nodes now run with the new key, the old one kept as the previous one.
        during = Settings(database_url=store.url, secret_key=NEW, secret_key_previous=SECRET)
        assert keys.link_secrets(during) == [SECRET, NEW]
        sender = MemorySender()
        mailer = Mailer(IDENTITY, NEW, sender, keys=_keys(during))
        assert notifications.deliver_due(store, site.clock, mailer).sent == 3
        [hook] = [r for r in receiver.requests if r.path == "/hook"]
        assert Webhook(kept["secret"]).verify(hook.body, hook.headers)["type"] == (
            "maintenance.updated"
        )  # signed with the secret the receiver was given, opened under the new key
        assert [r.path for r in receiver.requests].count("/team/t0k3n") == 1
        # Alice's new message carries a link under the new key alone.
        [mail] = sender.sent
        fresh = unsubscribe_token(mail)
        assert subscriptions.subscription(store, secret=NEW, token=fresh)["email"] == (
            "alice@example.org"
        )

        # The link Alice was mailed before the change: refused under the new key alone (the
        # grace ended), a link under a random key never works, and during the grace it does.
        with pytest.raises(NotFoundError):
            subscriptions.subscription(store, secret=NEW, token=kept["alice"])
        with pytest.raises(NotFoundError):
            subscriptions.unsubscribe(
                store, site.clock, secret=keys.link_secrets(during),
                token=_forged(kept["alice"], OTHER),
            )  # fmt: skip
        subscriptions.unsubscribe(
            store, site.clock, secret=keys.link_secrets(during), token=kept["alice"]
        )
        found = {s["email"]: s["status"] for s in subscriptions.list_subscribers(ctx)}
        assert found["alice@example.org"] == "unsubscribed"
        store.dispose()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_rotation_that_cannot_open_one_value_changes_nothing(tmp_path: Path, engine: str) -> None:
    with receiving() as receiver:
        store = store_of(engine, tmp_path / "site")
        site, _ = build(store, receiver)
    # The channel's URL was sealed under a key this site no longer has.
    with store.transaction() as tx:
        tx.set_endpoint(2, {"sealed": hooks.Vault(OTHER).seal("json://127.0.0.1:9/x")})
    sealed = _sealed(store)
    settings = Settings(database_url=store.url, secret_key=SECRET)
    with pytest.raises(ValidationError) as refused:
        keys.rotate_key(site.ctx, settings=settings, new=NEW)
    assert say_error(refused.value, "en").startswith(
        "the secret of channel 2 does not open with the site's key (nor with the previous "
        "key): nothing was changed"
    )
    assert say_error(refused.value, "fr").startswith(
        "le secret de canal 2 ne s’ouvre pas avec la clé du site"
    )
    assert _sealed(store) == sealed  # the webhook, re-sealed before the channel, is not
    store.dispose()


def test_a_rotation_with_the_key_in_the_environment_needs_the_new_key(tmp_path: Path) -> None:
    store = store_of("sqlite", tmp_path / "site")
    settings = Settings(database_url=store.url, secret_key=SECRET)
    with pytest.raises(ValidationError) as refused:
        keys.rotate_key(context(store), settings=settings)
    assert "give the new key in a file with --new-key-file" in say_error(refused.value, "en")
    with pytest.raises(ValidationError) as same:
        keys.rotate_key(context(store), settings=settings, new=SECRET)
    assert say_error(same.value, "en").startswith("the new key is the key in use")
    with pytest.raises(ValidationError) as short:
        keys.rotate_key(context(store), settings=settings, new="too short")
    assert say_error(short.value, "en").startswith("the new key must be at least 32 characters")
    # Once every node runs with the new key (the old one as previous), the same command seals
    # again whatever a node added with the old key meanwhile.
    ctx = context(store)
    endpoints.add_endpoint(
        ctx, _keys(settings), kind="webhook", url="http://127.0.0.1:9/h", lang="en"
    )
    after = Settings(database_url=store.url, secret_key=NEW, secret_key_previous=SECRET)
    done = keys.rotate_key(ctx, settings=after, new=NEW)
    assert (done.resealed, done.pending) == (1, False)
    hooks.Vault(NEW).open(_sealed(store)[1])
    store.dispose()


def test_a_backup_taken_before_the_change_restores_with_the_old_key_as_previous(
    tmp_path: Path,
) -> None:
    with receiving() as receiver:
        store = store_of("sqlite", tmp_path / "site")
        site, _ = build(store, receiver)
        document = json.loads(json.dumps(backup.export_data(site.ctx, key=backup.SiteKey(SECRET))))
        settings = Settings(database_url=store.url, secret_key=SECRET)
        keys.rotate_key(site.ctx, settings=settings, new=NEW)
        # Exported after the change: the new key's fingerprint, and it restores with that key.
        after = backup.export_data(site.ctx, key=backup.SiteKey(NEW))
        assert after["key_fingerprint"] == backup.fingerprint(NEW)
        store.dispose()

        target = store_of("sqlite", tmp_path / "target")
        ctx = context(target)
        with pytest.raises(ValidationError, match="is not that key"):  # no previous: refused
            backup.restore_data(ctx, document=document, key=backup.SiteKey(NEW))
        done = backup.restore_data(ctx, document=document, key=backup.SiteKey(NEW, previous=SECRET))
        assert done.counts["endpoints"] == 2
        # Sealed again with the key in use: opened without the previous key, exported again.
        for sealed in _sealed(target).values():
            hooks.Vault(NEW).open(sealed)
        assert backup.export_data(ctx, key=backup.SiteKey(NEW))["key_fingerprint"] == (
            backup.fingerprint(NEW)
        )
        target.dispose()


@pytest.mark.parametrize("engine", ENGINES)
def test_restored_without_the_key_endpoints_wait_for_a_new_secret(
    tmp_path: Path, engine: str
) -> None:
    with receiving() as receiver:
        store = store_of("sqlite", tmp_path / "site")
        site, kept = build(store, receiver)
        document: dict[str, Any] = json.loads(
            json.dumps(backup.export_data(site.ctx, key=backup.SiteKey(SECRET)))
        )
        store.dispose()

        target = store_of(engine, tmp_path / "target")
        ctx = context(target)
        assert isinstance(ctx.clock, TickingClock)
        ctx.clock.at = site.clock.at
        with pytest.raises(ValidationError) as refused:  # the plain restore names the way out
            backup.restore_data(ctx, document=document, key=backup.SiteKey(OTHER))
        assert "if that key is lost, restore with --without-key" in say_error(refused.value, "en")
        assert "restaurez avec --without-key" in say_error(refused.value, "fr")

        done = backup.restore_data(
            ctx, document=document, key=backup.SiteKey(OTHER), without_key=True
        )
        assert done.lost == keys.KeyLost(paused=2, confirmed=1, pending=1)
        assert done.due == 1  # the change, to Alice; none to the paused endpoints
        rows = endpoints.list_endpoints(ctx)
        assert [(r["needs_secret"], r["enabled"]) for r in rows] == [(True, False)] * 2
        assert rows[0]["disabled_reason"] == keys.NEEDS_SECRET
        assert say_recorded(rows[0]["disabled_reason"], "fr") == (
            "a besoin de nouveau de son secret"
        )
        with pytest.raises(ValidationError) as paused:  # enabled by a new secret only
            endpoints.enable_endpoint(ctx, 1, "webhook")
        assert say_error(paused.value, "en").startswith(
            "webhook 1 needs its secret again (restored without the site's key)"
        )

        # A worker pass: Alice's message goes out with links under this site's key; nothing
        # goes to the webhook or the channel.
        settings = Settings(database_url=target.url, secret_key=OTHER)
        sender = MemorySender()
        mailer = Mailer(IDENTITY, OTHER, sender, keys=_keys(settings))
        assert notifications.deliver_due(target, ctx.clock, mailer).sent == 1
        assert receiver.requests == []
        [mail] = sender.sent
        subscriptions.subscription(target, secret=OTHER, token=unsubscribe_token(mail))
        with pytest.raises(NotFoundError):  # her old link stopped working, as restore said
            subscriptions.subscription(target, secret=OTHER, token=kept["alice"])

        # The admin gives the webhook a new secret: it sends again, signed with that one.
        renewed = endpoints.renew_endpoint_secret(ctx, _keys(settings), 1, "webhook")
        assert renewed["enabled"] is True and renewed["needs_secret"] is False
        endpoints.renew_endpoint_secret(
            ctx, _keys(settings), 2, "channel", url=f"json://127.0.0.1:{receiver.port}/team/t2"
        )
        assert notifications.deliver_due(target, ctx.clock, mailer).sent == 2
        [hook] = [r for r in receiver.requests if r.path == "/hook"]
        assert Webhook(renewed["secret"]).verify(hook.body, hook.headers)
        with pytest.raises(Exception, match="signature"):
            Webhook(kept["secret"]).verify(hook.body, hook.headers)
        assert [r.path for r in receiver.requests].count("/team/t2") == 1
        # Exported again: what waits for a secret no more, and the document restores.
        again = backup.export_data(ctx, key=backup.SiteKey(OTHER))
        assert again["key_fingerprint"] == backup.fingerprint(OTHER)
        target.dispose()
