""" "Forgot your password?" in Debian's Chromium: from the sign-in page to the mailed link (the
.eml backend), a new password, and signing in with it; in French, then the form in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import Context, people
from preavis.clock import FixedClock
from preavis.domain.access import Actor, Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.browser.conftest import MOMENT, free_port, serving, shot

OLD, NEW = "correct horse battery staple", "a new and longer passphrase"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("forgot")
    url = f"sqlite:///{folder}/forgot.db"
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(MOMENT), Actor("browser", Role.ADMIN))
    people.create_user(ctx, email="ana@example.org", role=Role.EDITOR, password=OLD)
    outbox = folder / "outbox"
    settings = Settings(database_url=url, outbox_dir=str(outbox))
    app = create_app(settings, store=store, clock=FixedClock(MOMENT))
    port = free_port()
    with serving(app, port):
        yield f"http://127.0.0.1:{port}", outbox
    store.dispose()


def test_forgot_then_a_new_password_from_the_mail(page: Any, site: tuple[str, Path]) -> None:
    base, outbox = site
    page.set_extra_http_headers({"Accept-Language": "fr-CA,fr;q=0.9"})
    page.goto(f"{base}/admin/login")
    page.get_by_role("link", name="Mot de passe oublié\u00a0?").click()
    page.wait_for_url(f"{base}/admin/forgot")
    page.get_by_label("Courriel").fill("Ana@Example.org")
    page.get_by_role("button", name="Envoyer le lien").click()
    assert "Si un compte existe" in page.get_by_role("status").inner_text()
    shot(page, "admin-forgot-fr")
    [eml] = list(outbox.glob("*.eml"))
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail["To"] == "ana@example.org"
    html = mail.get_body(("html",))  # the button of the HTML part is the link
    assert html is not None
    found = re.search(r'href="(http://127\.0\.0\.1:\d+/admin/password/pvl_[\w-]+)"',
                      str(html.get_content()))  # fmt: skip
    assert found is not None
    page.goto(found[1])
    page.fill("input[name=password]", NEW)
    page.fill("input[name=password2]", NEW)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/login?done=1")
    page.fill("input[name=email]", "ana@example.org")
    page.fill("input[name=password]", NEW)
    page.locator("form[action='/admin/login'] button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")
    # the link served once; the English form says the same thing in English
    page.goto(found[1])
    assert page.locator("main").inner_text().count("lien") >= 1
    page.goto(f"{base}/admin/lang/en?next=/admin/forgot")
    assert page.get_by_role("button", name="Send the link").count() == 1
    assert page.locator("html").get_attribute("lang") == "en-CA"
