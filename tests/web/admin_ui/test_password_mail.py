"""Password links by e-mail: "forgot your password?" on the sign-in page (the same answer for
any address, throttled, never a link to a Host the client chose), and an admin's invitation
or new link mailed to the person, through the .eml backend and a real SMTP server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from preavis.actions import people
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.web.app import create_app
from tests.conftest import context
from tests.notify.smtp_sink import free_port, start_sink
from tests.web.admin_ui.conftest import EMAILS, Admin, csrf_of

NB = "\u00a0"
LINK = re.compile(r"(https?://[^\s/]+)/admin/password/(pvl_[\w-]+)")


def mails(folder: Path) -> list[EmailMessage]:
    found = [
        message_from_bytes(p.read_bytes(), policy=policy.default) for p in folder.glob("*.eml")
    ]
    return [m for m in found if isinstance(m, EmailMessage)]


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


class Local(Admin):
    """Browsers that reach the site as http://127.0.0.1:8000, a Host the default settings
    trust for links in mail (PREAVIS_PUBLIC_URL unset)."""

    def browser(self, **kw: Any) -> TestClient:
        kw.setdefault("base_url", "http://127.0.0.1:8000")
        return super().browser(**kw)


def app_with(admin: Admin, **settings: Any) -> Admin:
    """The fixture's people and data, served by an app with these settings."""
    app = create_app(
        Settings(database_url=admin.store.url, **settings), store=admin.store, clock=admin.clock
    )
    return Local(app, admin.clock, admin.store)


@pytest.fixture
def mailing(admin: Admin, outbox: Path) -> Iterator[Admin]:
    made = app_with(admin, outbox_dir=str(outbox))
    yield made
    for client in made.clients:
        client.close()


def ask(site: Admin, email: str, lang: str = "fr", **kw: Any) -> Any:
    client = site.browser(**kw)
    client.cookies.set("preavis_admin_lang", lang, path="/admin")
    form = client.get("/admin/forgot")
    assert form.status_code == 200
    return client.post("/admin/forgot", data={"email": email, "csrf": csrf_of(form.text)})


def test_the_sign_in_page_leads_to_forgot(mailing: Admin) -> None:
    page = mailing.browser().get("/admin/login")
    assert 'href="/admin/forgot"' in page.text and f"Mot de passe oublié{NB}?" in page.text


def test_a_forgotten_password_is_set_again_from_the_mailed_link(
    mailing: Admin, outbox: Path
) -> None:
    answer = ask(mailing, "Editor@Example.org")
    assert answer.status_code == 200
    assert "Si un compte existe pour cette adresse" in answer.text
    [mail] = mails(outbox)
    assert mail["To"] == EMAILS[Role.EDITOR]
    assert mail["Content-Language"] == "fr-CA"
    text = body(mail)
    assert f"Ce lien est valide pendant 72{NB}heures." in text or "valide pendant 72 heures" in text
    assert "ignorez ce message" in text
    found = LINK.search(text)
    assert found is not None and found[1] == "http://127.0.0.1:8000"
    client = mailing.browser()
    form = client.get(f"/admin/password/{found[2]}")
    assert form.status_code == 200
    new = "a brand new passphrase"
    filled = {"password": new, "password2": new, "csrf": csrf_of(form.text)}
    done = client.post(f"/admin/password/{found[2]}", data=filled)
    assert done.status_code == 303
    assert mailing.sign_in(mailing.browser(), EMAILS[Role.EDITOR], new).status_code == 303


def test_the_answer_is_the_same_for_unknown_and_disabled_accounts(
    mailing: Admin, outbox: Path
) -> None:
    people.disable_user(context(mailing.store), email=EMAILS[Role.VIEWER])
    said = {e: ask(mailing, e, "en") for e in ("nobody@example.org", EMAILS[Role.VIEWER], "x")}
    sent = ask(mailing, EMAILS[Role.ADMIN], "en")
    strip = re.compile(r'name="csrf" value="[^"]+"')
    shown = {strip.sub("", a.text) for a in [*said.values(), sent]}
    assert len(shown) == 1, "the page says nothing of the account"
    assert {a.status_code for a in said.values()} == {200}
    [mail] = mails(outbox)
    assert mail["To"] == EMAILS[Role.ADMIN] and mail["Content-Language"] == "en-CA"
    assert "If you did not ask for it" in body(mail)


def test_one_account_gets_at_most_three_links_per_window(mailing: Admin, outbox: Path) -> None:
    for n in range(5):
        answer = ask(mailing, EMAILS[Role.EDITOR], headers={"x-forwarded-for": f"10.0.0.{n}"})
        assert answer.status_code == 200
    assert len(mails(outbox)) == 3


def test_a_client_asking_too_often_is_told_to_wait(mailing: Admin) -> None:
    codes = [ask(mailing, f"n{n}@example.org").status_code for n in range(10)]
    assert codes == [200] * 10
    refused = ask(mailing, "n10@example.org")
    assert refused.status_code == 429
    assert "Trop de demandes depuis cet appareil" in refused.text
    assert int(refused.headers["retry-after"]) > 0


def test_no_link_is_mailed_to_a_host_the_client_chose(mailing: Admin, outbox: Path) -> None:
    answer = ask(mailing, EMAILS[Role.EDITOR], base_url="http://evil.example")
    assert answer.status_code == 200 and "un lien" in answer.text  # the same answer …
    assert mails(outbox) == []  # … and nothing sent
    # an admin on such a Host is shown the link, and told why it was not mailed
    client = mailing.browser(base_url="http://evil.example")
    assert mailing.sign_in(client, EMAILS[Role.ADMIN]).status_code == 303
    shown = client.post(f"/admin/people/{EMAILS[Role.EDITOR]}/reset-link",
                        data={"csrf": mailing.csrf(client), "mail": "fr"})  # fmt: skip
    assert "PREAVIS_PUBLIC_URL" in shown.text and "/admin/password/pvl_" in shown.text
    assert mails(outbox) == []


def test_the_public_address_is_the_only_base_once_set(admin: Admin, outbox: Path) -> None:
    site = app_with(admin, outbox_dir=str(outbox), public_url="http://status.example.org")
    ask(site, EMAILS[Role.EDITOR], base_url="http://evil.example")
    [mail] = mails(outbox)
    found = LINK.search(body(mail))
    assert found is not None and found[1] == "http://status.example.org"


def _create(site: Admin, email: str, **extra: str) -> Any:
    client = site.as_role(Role.ADMIN)
    data = {"email": email, "name": "Ana", "role": "editor", "csrf": site.csrf(client), **extra}
    return client.post("/admin/people", data=data)


def test_an_admin_invites_someone_by_mail(mailing: Admin, outbox: Path) -> None:
    answer = _create(mailing, "ana@example.org", mail="1", mail_lang="en")
    assert answer.status_code == 201
    assert "was just sent to them by e-mail" not in answer.text  # the admin's UI is French
    assert "vient de lui être envoyé par courriel" in answer.text
    assert "/admin/password/pvl_" not in answer.text  # mailed, so not shown
    [mail] = mails(outbox)
    assert mail["To"] == "ana@example.org" and mail["Content-Language"] == "en-CA"
    assert "An account was created for you" in body(mail)
    assert mail.get_body(("html",)) is not None
    found = LINK.search(body(mail))
    assert found is not None
    assert mailing.browser().get(f"/admin/password/{found[2]}").status_code == 200


def test_without_the_box_the_link_is_shown_as_before(mailing: Admin, outbox: Path) -> None:
    answer = _create(mailing, "bo@example.org")
    assert answer.status_code == 201 and "/admin/password/pvl_" in answer.text
    assert mails(outbox) == []


def test_an_admin_mails_a_new_link_in_the_language_of_the_button(
    mailing: Admin, outbox: Path
) -> None:
    client = mailing.as_role(Role.ADMIN)
    answer = client.post(f"/admin/people/{EMAILS[Role.EDITOR]}/reset-link",
                         data={"csrf": mailing.csrf(client), "mail": "en"})  # fmt: skip
    assert answer.status_code == 200
    [mail] = mails(outbox)
    assert "Here is a link to choose the password" in body(mail)
    assert "If you did not ask" not in body(mail)  # an admin asked


def test_a_mail_server_that_is_down_leaves_the_link_to_hand_over(admin: Admin) -> None:
    site = app_with(admin, smtp_url=f"smtp://127.0.0.1:{free_port()}",
                    public_url="http://status.example.org")  # fmt: skip
    answer = _create(site, "cy@example.org", mail="1")
    assert answer.status_code == 201
    assert "n’a pas pu partir" in answer.text
    assert "http://status.example.org/admin/password/pvl_" in answer.text


def test_a_real_smtp_server_gets_the_invitation(admin: Admin) -> None:
    port = free_port()
    controller, sink = start_sink(port)
    try:
        site = app_with(admin, smtp_url=f"smtp://127.0.0.1:{port}",
                        public_url="http://status.example.org")  # fmt: skip
        assert _create(site, "dee@example.org", mail="1", mail_lang="fr").status_code == 201
    finally:
        controller.stop()
    [mail] = sink.received
    assert mail["To"] == "dee@example.org"
    assert mail["Subject"].startswith("Votre accès à l’administration")
    found = LINK.search(body(mail))
    assert found is not None and found[1] == "http://status.example.org"
    assert people.link_user(admin.store, admin.clock, link=found[2]).email == "dee@example.org"
