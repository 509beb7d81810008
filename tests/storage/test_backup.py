"""Backups that lose nothing (`preavis export` / `restore`, format version 2), through the
actions on real parts: a database with every kind of row is exported, restored into a fresh
database of the other engine, and then used — the admin signs in with the same password, the
unsubscribe link sent before still works, the webhook signs with the same secret (checked by a
real local HTTP receiver with the standardwebhooks library), and a worker pass sends what was
still due and nothing that had been sent. Version 1 files still restore; a wrong key and a
tampered file are refused in one line, nothing written."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from preavis.actions import (
    access,
    backup,
    catalogue,
    endpoints,
    maintenances,
    notifications,
    people,
    subscriptions,
)
from preavis.actions.endpoints import Keys
from preavis.actions.notifications import Mailer
from preavis.domain import Impact, Interruption, State, Text
from preavis.domain.access import Role
from preavis.domain.errors import AuthenticationError, ConflictError, ValidationError
from preavis.domain.service import Alias
from preavis.formats.messages import say_error
from preavis.notify import hooks, plan
from preavis.notify.senders import MemorySender
from preavis.storage import Store
from preavis.storage import schema as t
from preavis.storage.backup import CARRIED, NOT_CARRIED
from tests.conftest import TickingClock, context, fresh_url, make_maintenance, make_service
from tests.notify.receiver import Receiver, receiving

START = datetime.fromisoformat("2025-06-25T20:00-04:00")
SECRET = "b" * 40
KEYS = Keys(hooks.Vault(SECRET), hooks.HookSettings(allow_private=True))
PASSWORD = "correct horse battery staple"
CSV = "email,language,services\nalice@example.org,fr,\nbob@example.org,en,pickup\n"
IDENTITY = plan.Identity("Avis <avis@example.org>", "Préavis", "https://status.example.org")
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
DIRECTIONS = [
    pytest.param("sqlite", "sqlite", id="sqlite-to-sqlite"),
    pytest.param("sqlite", "postgresql", id="sqlite-to-postgresql", marks=pytest.mark.postgres),
    pytest.param("postgresql", "sqlite", id="postgresql-to-sqlite", marks=pytest.mark.postgres),
]


def window(service: str, hours_from: int, hours: int) -> Interruption:
    start = START + timedelta(hours=hours_from)
    return Interruption(
        service, Impact.UNAVAILABLE, start, start + timedelta(hours=hours), Text("Fermé", "Closed")
    )


def unsubscribe_token(message: EmailMessage) -> str:
    """The token of the one-click unsubscribe link the message carried."""
    found = re.search(r"token=([^>&\s]+)", str(message["List-Unsubscribe"]))
    assert found, message["List-Unsubscribe"]
    return found.group(1)


def store_of(engine: str, tmp_path: Path) -> Store:
    made = Store(fresh_url(engine, tmp_path))
    made.upgrade()
    return made


class Site:
    """A running site's data, made through the actions, and what the people outside kept."""

    def __init__(self, store: Store, receiver: Receiver) -> None:
        self.ctx = context(store)
        clock = self.ctx.clock
        assert isinstance(clock, TickingClock)
        self.clock = clock
        self.sender = MemorySender()
        self.mailer = Mailer(IDENTITY, SECRET, self.sender, keys=KEYS)
        self.receiver = receiver

    def deliver(self) -> notifications.Delivered:
        return notifications.deliver_due(self.ctx.store, self.clock, self.mailer)


def build(store: Store, receiver: Receiver) -> tuple[Site, dict[str, Any]]:
    """Every kind of row: services, a maintenance and its revisions, a token, an admin with a
    password and a disabled editor, subscribers confirmed, pending and unsubscribed, a webhook
    and a channel, reminder offsets, deliveries sent (a reminder among them) and some due."""
    site = Site(store, receiver)
    ctx, clock = site.ctx, site.clock
    clock.at = START - timedelta(days=3)
    for slug, fr, en in (("shop", "Boutique", "Shop"), ("pickup", "Ramassage", "Pickup")):
        catalogue.create_service(ctx, service=make_service(slug, name=Text(fr, en)))
    catalogue.add_alias(ctx, slug="pickup", name="Curbside Pickup")  # a name notices print
    kept: dict[str, Any] = {"token": access.create_token(ctx, name="deploy", role=Role.EDITOR)}
    people.create_user(ctx, email="ana@example.org", role=Role.ADMIN, password=PASSWORD)
    people.create_user(ctx, email="eve@example.org", role=Role.EDITOR, password=PASSWORD)
    people.disable_user(ctx, email="eve@example.org")
    kept["session"], _ = people.sign_in(
        store, clock, email="ana@example.org", password=PASSWORD, address="127.0.0.1"
    )
    assert subscriptions.import_subscribers(ctx, text=CSV, source="test") == 2
    subscriptions.subscribe(
        store, clock, email="dan@example.org", request=subscriptions.Request("en"),
        how="web form", source="127.0.0.1",
    )  # fmt: skip
    kept["secret"] = endpoints.add_endpoint(
        ctx, KEYS, kind="webhook", url=f"{receiver.url}/hook", lang="en"
    )["secret"]
    endpoints.add_endpoint(
        ctx, KEYS, kind="channel", url=f"json://127.0.0.1:{receiver.port}/team/t0k3n", lang="fr"
    )
    maintenances.create_draft(
        ctx,
        maintenance=make_maintenance(
            window("shop", 0, 3), window("pickup", 1, 2), state=State.DRAFT
        ),
    )
    maintenances.publish(ctx, slug="upgrade")
    endpoints.set_reminder_offsets(ctx, "upgrade", [2 * 24 * 60])  # two days before
    # Sent: Dan's confirmation, the announcement to Alice and Bob, the webhook and the channel.
    assert site.deliver().sent == 5
    by_address = {m["To"]: m for m in site.sender.sent}
    kept["alice"] = unsubscribe_token(by_address["alice@example.org"])
    subscriptions.unsubscribe(
        store, clock, secret=SECRET, token=unsubscribe_token(by_address["bob@example.org"])
    )
    clock.at = START - timedelta(days=2) + timedelta(minutes=1)
    reminded = site.deliver()  # the reminder, to Alice only now, and to the two endpoints
    assert reminded.sent == 3
    # Still due when the backup is taken: the change, to Alice, the webhook and the channel.
    maintenances.add_interruption(ctx, slug="upgrade", interruption=window("pickup", 5, 1))
    site.sender.sent.clear()
    receiver.requests.clear()
    return site, kept


@pytest.mark.parametrize(("source", "destination"), DIRECTIONS)
def test_a_restored_backup_keeps_the_site_working(
    tmp_path: Path, source: str, destination: str
) -> None:
    with receiving() as receiver:
        first = store_of(source, tmp_path / "source")
        site, kept = build(first, receiver)
        document = backup.export_data(site.ctx, key=backup.SiteKey(SECRET))
        text = json.dumps(document, ensure_ascii=False)
        first.dispose()
        # No secret in clear in the file: not the key, the webhook's secret, the channel's URL,
        # a token, a session, a password, nor a link.
        for secret in (SECRET, kept["secret"], "t0k3n", kept["token"], kept["session"], PASSWORD):
            assert secret not in text
        assert '"sessions"' not in text and '"password_links"' not in text

        restored = store_of(destination, tmp_path / "destination")
        ctx = context(restored)
        assert isinstance(ctx.clock, TickingClock)
        ctx.clock.at = site.clock.at
        done = backup.restore_data(ctx, document=json.loads(text), key=backup.SiteKey(SECRET))
        assert done.counts["users"] == 2
        assert done.counts["subscribers"] == 3
        assert done.counts["endpoints"] == 2
        assert done.counts["reminder_offsets"] == 1
        assert done.counts["service_aliases"] == 1
        assert done.due == 3  # the change, to Alice, the webhook and the channel
        # Exported again, the same document.
        assert backup.export_data(ctx, key=backup.SiteKey(SECRET)) == json.loads(text)

        # The admin signs in with the same password; the disabled editor still cannot; the
        # session opened before the backup is not carried.
        people.sign_in(
            restored, ctx.clock, email="ana@example.org", password=PASSWORD, address="127.0.0.1"
        )
        with pytest.raises(AuthenticationError):
            people.sign_in(
                restored, ctx.clock, email="eve@example.org", password=PASSWORD, address="::1"
            )
        assert people.session(restored, ctx.clock, secret=kept["session"]) is None
        assert access.authenticate(restored, kept["token"]).role is Role.EDITOR

        # Subscribers as they were: states, languages, scopes.
        found = {s["email"]: s for s in subscriptions.list_subscribers(ctx)}
        assert found["alice@example.org"]["status"] == "confirmed"
        assert found["bob@example.org"]["status"] == "unsubscribed"
        assert found["dan@example.org"]["status"] == "pending"
        assert found["bob@example.org"]["services"] == "pickup"
        assert found["alice@example.org"]["lang"] == "fr"
        assert endpoints.reminder_offsets(ctx, "upgrade") == {
            "slug": "upgrade", "minutes": [2880], "default": False,
        }  # fmt: skip

        # A worker pass: what was due goes out once, nothing sent before goes out again.
        sender = MemorySender()
        mailer = Mailer(IDENTITY, SECRET, sender, keys=KEYS)
        assert notifications.deliver_due(restored, ctx.clock, mailer).sent == 3
        assert [m["To"] for m in sender.sent] == ["alice@example.org"]
        assert sender.sent[0]["Subject"] == "Maintenance modifiée\u00a0: Mise à niveau"
        [hook] = [r for r in receiver.requests if r.path == "/hook"]
        payload = Webhook(kept["secret"]).verify(hook.body, hook.headers)  # the same secret
        assert payload["type"] == "maintenance.updated"
        assert [r.path for r in receiver.requests].count("/team/t0k3n") == 1
        assert notifications.deliver_due(restored, ctx.clock, mailer).sent == 0

        # The unsubscribe link Alice received before the backup still works.
        subscriptions.unsubscribe(restored, ctx.clock, secret=SECRET, token=kept["alice"])
        found = {s["email"]: s for s in subscriptions.list_subscribers(ctx)}
        assert found["alice@example.org"]["status"] == "unsubscribed"
        # The remembered alias still reads as its service.
        assert catalogue.list_aliases(ctx) == [Alias("Curbside Pickup", "pickup")]
        # The restored database keeps working: new rows get new ids.
        endpoints.add_endpoint(ctx, KEYS, kind="webhook", url=f"{receiver.url}/new", lang="fr")
        assert catalogue.add_alias(ctx, slug="shop", name="Online store")
        restored.dispose()


def exported(tmp_path: Path, receiver: Receiver) -> dict[str, Any]:
    first = store_of("sqlite", tmp_path / "source")
    site, _ = build(first, receiver)
    document = backup.export_data(site.ctx, key=backup.SiteKey(SECRET))
    first.dispose()
    return json.loads(json.dumps(document))


def assert_nothing_written(store: Store) -> None:
    with store.reading() as tx:
        assert tx.is_empty()


@pytest.mark.parametrize(
    "engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_another_key_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path, engine: str
) -> None:
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    target = store_of(engine, tmp_path / "target")
    ctx = context(target)
    with pytest.raises(ValidationError) as refused:
        backup.restore_data(ctx, document=document, key=backup.SiteKey("another key " * 4))
    said = say_error(refused.value, "en")
    assert "PREAVIS_SECRET_KEY is not that key" in said and "\n" not in said
    assert "PREAVIS_SECRET_KEY n’est pas cette clé" in say_error(refused.value, "fr")
    assert_nothing_written(target)
    # A SQLite site without PREAVIS_SECRET_KEY keeps its key in a file: that file is named.
    path = tmp_path / "target.db.secret"
    with pytest.raises(ValidationError) as refused:
        backup.restore_data(ctx, document=document, key=backup.SiteKey(None, path))
    assert f"{path} does not hold it: copy the old site's key" in say_error(refused.value, "en")
    assert_nothing_written(target)
    target.dispose()


def test_the_site_key_is_read_from_its_setting_or_its_file_never_made(tmp_path: Path) -> None:
    from preavis.settings import Settings

    url = f"sqlite:///{tmp_path}/site.db"
    assert backup.SiteKey.of(Settings(database_url=url)) == backup.SiteKey(
        None, tmp_path / "site.db.secret"
    )
    assert not (tmp_path / "site.db.secret").exists()  # looking does not create one
    (tmp_path / "site.db.secret").write_text(SECRET + "\n", "ascii")
    assert backup.SiteKey.of(Settings(database_url=url)).value == SECRET
    chosen = Settings(database_url=url, secret_key="c" * 40)
    assert backup.SiteKey.of(chosen) == backup.SiteKey("c" * 40)


def _row(document: dict[str, Any], table: str, n: int = 0) -> dict[str, Any]:
    row: dict[str, Any] = document["tables"][table][n]
    return row


# A tampered file: what is changed, and what the one-line refusal must say (in English).
TAMPERED = [
    (
        lambda d: _row(d, "subscribers").update(status="maybe"),
        "table 'subscribers', row 1 (id 1), field 'status': must be one of pending, confirmed, "
        "unsubscribed, not 'maybe'",
    ),
    (
        lambda d: _row(d, "users").update(role="root"),
        "table 'users', row 1 (id 1), field 'role': must be one of viewer, editor, publisher, "
        "admin, not 'root'",
    ),
    (
        lambda d: _row(d, "deliveries").update(attempts="2"),
        "table 'deliveries', row 1 (id 1), field 'attempts': must be a whole number",
    ),
    (
        lambda d: _row(d, "endpoints").update(enabled="yes"),
        "table 'endpoints', row 1 (id 1), field 'enabled': must be true or false, not 'yes'",
    ),
    (
        lambda d: _row(d, "events").update(created_at="2025-06-22 20:00"),
        "table 'events', row 1 (id 1), field 'created_at': must be an RFC 3339 instant with its "
        "offset",
    ),
    (
        lambda d: _row(d, "subscribers").pop("manage_key"),
        "table 'subscribers', row 1 (id 1), field 'manage_key': missing",
    ),
    (
        lambda d: _row(d, "users").update(shoe_size=42),
        "table 'users', row 1 (id 1), field 'shoe_size': not a column of this table",
    ),
    (
        lambda d: _row(d, "deliveries").update(subscriber_id=99),
        "table 'deliveries', row 1 (id 1), field 'subscriber_id': '99' names no row of table "
        "'subscribers'",
    ),
    (
        lambda d: _row(d, "subscribers", 1).update(email=_row(d, "subscribers")["email"]),
        "table 'subscribers', row 2 (id 2), field 'email': 'alice@example.org' is already in "
        "row 1, and must be unique",
    ),
    (
        lambda d: _row(d, "reminder_offsets").update(minutes="2 days"),
        "table 'reminder_offsets', row 1 (slug upgrade), field 'minutes': must be whole numbers "
        "of minutes",
    ),
    (
        lambda d: _row(d, "events").update(payload="[1, 2"),
        "table 'events', row 1 (id 1), field 'payload': must be a JSON object written as text",
    ),
    (
        lambda d: _row(d, "endpoints", 1).update(sealed=_row(d, "endpoints")["sealed"][:-4]),
        "table 'endpoints', row 2 (id 2), field 'sealed': this sealed secret does not open",
    ),
    (
        lambda d: _row(d, "subscribers").update(lang="fr\x00"),
        "table 'subscribers', row 1 (id 1), field 'lang': holds the character U+0000",
    ),
    (
        lambda d: _row(d, "users").update(email="a" * 300),
        "table 'users', row 1 (id 1), field 'email': 300 characters, at most 254",
    ),
    (
        lambda d: d["tables"]["deliveries"].append("a row"),
        "table 'deliveries', row 6: a row must be an object of fields",
    ),
    (
        lambda d: _row(d, "services").update(name_fr="Boutique\x07"),
        "table 'services', row 1 (id 1), field 'name_fr': contains a control character (U+0007) "
        "at position 9",
    ),
    (
        lambda d: _row(d, "users").update(created_at="9999-12-31T23:00:00-05:00"),
        "table 'users', row 1 (id 1), field 'created_at': 9999-12-31T23:00:00-05:00 is out of "
        "range",
    ),
    (
        lambda d: _row(d, "revisions").update(changes="not json"),
        "table 'revisions', row 1 (id 1), field 'changes': must be a JSON list of [field, "
        "before, after]",
    ),
    (
        lambda d: _row(d, "maintenances").update(slug="Mise à niveau"),
        "table 'maintenances', row 1 (id 1), field 'slug': 'Mise à niveau' is not a slug",
    ),
    (lambda d: d["tables"].pop("endpoints"), "an export holds exactly these tables: groups,"),
    (lambda d: d.update(version=3), "this export is version '3', and this Préavis restores"),
    (lambda d: d.update(key_fingerprint="abc"), "key_fingerprint must be null or 64"),
]


@pytest.mark.parametrize(("change", "said"), TAMPERED)
def test_a_tampered_file_is_refused_naming_table_row_and_field(
    tmp_path: Path, change: Any, said: str
) -> None:
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    change(document)
    target = store_of("sqlite", tmp_path / "target")
    with pytest.raises(ValidationError) as refused:
        backup.restore_data(context(target), document=document, key=backup.SiteKey(SECRET))
    assert said in say_error(refused.value, "en")
    assert "\n" not in say_error(refused.value, "fr")
    assert_nothing_written(target)
    target.dispose()


def test_a_tampered_row_is_said_in_french_too(tmp_path: Path) -> None:
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    _row(document, "users").update(role="root")
    target = store_of("sqlite", tmp_path / "target")
    with pytest.raises(ValidationError) as refused:
        backup.restore_data(context(target), document=document, key=backup.SiteKey(SECRET))
    assert say_error(refused.value, "fr") == (
        "table «\u00a0users\u00a0», ligne 1 (id 1), champ «\u00a0role\u00a0»\u00a0: "
        "doit valoir l’une de ces valeurs\u00a0: viewer, editor, publisher, admin, "
        "pas «\u00a0root\u00a0»"
    )
    target.dispose()


def test_restore_goes_only_into_an_empty_database(tmp_path: Path) -> None:
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    target = store_of("sqlite", tmp_path / "target")
    people.create_user(context(target), email="x@example.org", role=Role.ADMIN)  # a user only
    with pytest.raises(ConflictError, match="empty database"):
        backup.restore_data(context(target), document=document, key=backup.SiteKey(SECRET))
    target.dispose()


def test_every_table_is_carried_or_left_out_on_purpose() -> None:
    assert set(CARRIED) | set(NOT_CARRIED) == set(t.metadata.tables)
    assert not set(CARRIED) & set(NOT_CARRIED)
    # Written in an order in which a row only names rows already written.
    for n, name in enumerate(CARRIED):
        for foreign in t.metadata.tables[name].foreign_keys:
            assert foreign.column.table.name in CARRIED[:n], (name, foreign.column.table.name)


V1 = Path(__file__).with_name("backup_v1.json")  # written by hand, as version 1 wrote files


@pytest.mark.parametrize("engine", ENGINES)
def test_a_version_1_file_still_restores(tmp_path: Path, engine: str) -> None:
    target = store_of(engine, tmp_path / "target")
    ctx = context(target)
    done = backup.restore_data(ctx, document=json.loads(V1.read_text("utf-8")))
    assert done.counts == {
        "groups": 1, "services": 1, "maintenances": 1, "interruptions": 1, "revisions": 2,
        "tokens": 1,
    }  # fmt: skip
    assert done.due == 0
    stored, revision = maintenances.get_maintenance(ctx, slug="ete-2025")
    assert (stored.state, revision) == (State.PUBLISHED, 2)
    [item] = stored.interruptions
    assert item.service == "ramassage-colis"
    assert item.starts_at == datetime.fromisoformat("2025-06-25T20:00-04:00")
    assert item.ends_at == datetime.fromisoformat("2025-06-26T00:00-04:00")
    assert access.authenticate(target, "pvs_written-by-version-one").role is Role.PUBLISHER
    # Exported again, it is a version 2 document holding the same rows, and nothing else.
    again = backup.export_data(ctx)
    assert again["version"] == 2 and again["key_fingerprint"] is None
    assert again["tables"]["maintenances"][0]["starts_at"] == "2025-06-26T00:00:00+00:00"
    assert all(not again["tables"][name] for name in CARRIED[6:])
    target.dispose()


def test_without_the_old_key_the_documented_way_out_restores_the_rest(tmp_path: Path) -> None:
    """docs/operations.md: a lost key — take the endpoints out, set key_fingerprint to null —
    restores everything else on a site that has no key yet; the webhooks must be added again."""
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    document["tables"]["endpoints"] = []
    document["tables"]["endpoint_deliveries"] = []
    target = store_of("sqlite", tmp_path / "target")
    ctx = context(target)
    lost = backup.SiteKey(None, tmp_path / "target.db.secret")
    with pytest.raises(ValidationError, match="does not hold it"):  # the fingerprint still says
        backup.restore_data(ctx, document=document, key=lost)
    document["key_fingerprint"] = None
    done = backup.restore_data(ctx, document=document, key=lost)
    assert done.counts["subscribers"] == 3 and done.counts["endpoints"] == 0
    assert done.due == 1  # the change, to Alice
    target.dispose()


def test_an_export_refuses_when_the_key_of_its_webhooks_cannot_be_found(tmp_path: Path) -> None:
    store = store_of("sqlite", tmp_path / "source")
    ctx = context(store)
    endpoints.add_endpoint(ctx, KEYS, kind="webhook", url="http://127.0.0.1:9/h", lang="en")
    with pytest.raises(ValidationError) as refused:
        backup.export_data(ctx, key=backup.SiteKey(None, tmp_path / "preavis-test.db.secret"))
    assert "sealed with a secret key that cannot be found" in say_error(refused.value, "en")
    store.dispose()


def test_an_export_refuses_endpoints_its_key_no_longer_opens(tmp_path: Path) -> None:
    store = store_of("sqlite", tmp_path / "source")
    ctx = context(store)
    endpoints.add_endpoint(ctx, KEYS, kind="webhook", url="http://127.0.0.1:9/h", lang="en")
    with pytest.raises(ValidationError) as refused:
        backup.export_data(ctx, key=backup.SiteKey("the key was changed since " * 2))
    assert say_error(refused.value, "en").startswith(
        "the secret of webhook 1 does not open with this site's key"
    )
    assert say_error(refused.value, "fr").startswith(
        "le secret de webhook 1 ne s’ouvre pas avec la clé de ce site"
    )
    store.dispose()


def test_a_version_2_file_from_before_aliases_restores_with_none(tmp_path: Path) -> None:
    """A version 2 file written before aliases existed has no `service_aliases` table: read as
    having none of its rows; exported again, the table is there, empty."""
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    del document["tables"]["service_aliases"]
    target = store_of("sqlite", tmp_path / "target")
    ctx = context(target)
    done = backup.restore_data(ctx, document=document, key=backup.SiteKey(SECRET))
    assert done.counts["service_aliases"] == 0
    assert catalogue.list_aliases(ctx) == []
    assert backup.export_data(ctx, key=backup.SiteKey(SECRET))["tables"]["service_aliases"] == []
    target.dispose()


def test_an_alias_whose_key_is_not_its_name_folded_is_refused(tmp_path: Path) -> None:
    with receiving() as receiver:
        document = exported(tmp_path, receiver)
    document["tables"]["service_aliases"][0]["key"] = "shop"  # would read "Shop" as pickup
    target = store_of("sqlite", tmp_path / "target")
    with pytest.raises(ValidationError) as caught:
        backup.restore_data(context(target), document=document, key=backup.SiteKey(SECRET))
    assert str(caught.value) == (
        "table 'service_aliases', row 1 (id 1), field 'key': is not the alias's name folded "
        "('curbside pickup')"
    )
    assert_nothing_written(target)
    target.dispose()
