"""People from the command line and the use cases behind it: the documented `user create`
interface, links that expire or are replaced, e-mails case-folded, secrets never stored."""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from preavis.actions import people
from preavis.domain.access import Role
from preavis.domain.errors import AuthenticationError, ConflictError, ValidationError
from preavis.storage import Store
from tests.conftest import TickingClock, context
from tests.test_cli import run
from tests.web.admin_ui.conftest import PASSWORD


def test_user_create_prints_a_one_time_link_or_reads_the_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "user", "create", "--email", "Ana@Example.org", "--role", "editor",
                       "--name", "Ana Roy")  # fmt: skip
    assert code == 0
    assert re.search(r"http://127\.0\.0\.1:8000/admin/password/pvl_[\w-]{40,}$", out.strip())
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code, out, _ = run(capsys, "user", "create", "--email", "bo@example.org", "--role", "viewer",
                       "--password-stdin", "--json")  # fmt: skip
    assert code == 0
    assert json.loads(out)["link"] is None
    code, out, _ = run(capsys, "user", "list", "--json")
    listed = {u["email"]: u for u in json.loads(out)["users"]}
    assert listed["ana@example.org"]["has_password"] is False
    assert listed["bo@example.org"]["has_password"] is True
    assert "argon2" not in out
    code, _, err = run(capsys, "user", "create", "--email", "ANA@example.org", "--role", "admin")
    assert code == 1
    assert "une personne a déjà le courriel" in err  # the command line's default: French
    code, _, err = run(capsys, "user", "create", "--email", "nobody", "--role", "admin")
    assert code == 1
    assert "n’est pas une adresse courriel" in err
    code, out, _ = run(capsys, "user", "reset-link", "bo@example.org")
    assert "/admin/password/pvl_" in out
    code, out, _ = run(capsys, "user", "disable", "bo@example.org", "--reason", "left")
    assert code == 0
    code, _, err = run(capsys, "user", "reset-link", "bo@example.org")
    assert code == 1
    assert "est désactivée" in err


def test_links_expire_and_a_new_one_replaces_the_old(store: Store) -> None:
    ctx = context(store)
    _, first = people.create_user(ctx, email="ana@example.org", role=Role.EDITOR)
    assert first
    second = people.reset_link(ctx, email="ana@example.org")
    clock = TickingClock(ctx.clock.now())
    with pytest.raises(AuthenticationError, match="already used"):
        people.set_password(store, clock, link=first, password=PASSWORD)
    clock.at += people.LINK_LIFETIME
    with pytest.raises(AuthenticationError, match="expired"):
        people.set_password(store, clock, link=second, password=PASSWORD)
    clock.at -= timedelta(minutes=1)
    with pytest.raises(ValidationError, match="at least"):
        people.set_password(store, clock, link=second, password="short")
    user = people.set_password(store, clock, link=second, password=PASSWORD)
    assert user.email == "ana@example.org"
    secret, signed = people.sign_in(store, clock, email=" ANA@example.org ", password=PASSWORD,
                                    address="192.0.2.1")  # fmt: skip
    assert signed.user.actor.name == "ana@example.org"
    with store.reading() as tx:
        row = tx.user_by_email("ana@example.org")
        assert row is not None
        assert str(row["password_hash"]).startswith("$argon2id$")
        assert tx.session_by_digest(secret) is None  # only the digest is stored
        assert tx.session_by_digest(people.digest(secret)) is not None


def test_only_an_admin_manages_people(store: Store) -> None:
    with pytest.raises(PermissionError):
        people.create_user(context(store, Role.PUBLISHER), email="x@example.org", role=Role.ADMIN)
    people.create_user(context(store), email="x@example.org", role=Role.ADMIN)
    with pytest.raises(ConflictError):
        people.create_user(context(store), email="X@EXAMPLE.ORG", role=Role.ADMIN)


def test_user_create_and_reset_link_mail_the_link_when_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from email import message_from_bytes, policy

    outbox = tmp_path / "outbox"
    monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(outbox))
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "--lang", "en", "user", "create", "--email", "Ana@Example.org",
                       "--role", "editor", "--mail")  # fmt: skip
    assert code == 0
    assert "one-time link (valid 72 h) sent by e-mail to ana@example.org" in out
    assert "pvl_" not in out  # mailed, so not printed
    [eml] = outbox.glob("*.eml")
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail["To"] == "ana@example.org" and mail["Content-Language"] == "en-CA"
    link = re.search(r"http://127\.0\.0\.1:8000/admin/password/(pvl_[\w-]+)", eml.read_text())
    assert link is not None
    code, out, _ = run(capsys, "user", "reset-link", "ana@example.org", "--mail")
    assert code == 0 and "envoyé par courriel à ana@example.org" in out
    assert len(list(outbox.glob("*.eml"))) == 2
    # a mail server that is down: the reason on standard error, the link printed
    monkeypatch.setenv("PREAVIS_SMTP_URL", "smtp://127.0.0.1:9")
    monkeypatch.setenv("PREAVIS_PUBLIC_URL", "https://status.example.org")
    code, out, err = run(capsys, "user", "create", "--email", "bo@example.org", "--role",
                         "viewer", "--mail", "--json")  # fmt: skip
    assert code == 0
    shown = json.loads(out)
    assert shown["mailed"] is False
    assert shown["link"].startswith("https://status.example.org/admin/password/pvl_")
    assert "n’a pas pu partir" in err
