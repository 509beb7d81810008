"""CSRF on every form, and sign-in throttled per account and per client address."""

from __future__ import annotations

import re
from datetime import timedelta

from preavis.actions import maintenances, people
from preavis.domain.access import Role
from tests.conftest import context
from tests.web.admin_ui.conftest import EMAILS, PASSWORD, Admin, csrf_of
from tests.web.conftest import EXAMPLE


def _revisions(admin: Admin) -> int:
    return len(maintenances.history(context(admin.store), slug=EXAMPLE))


def test_a_form_without_its_csrf_token_is_refused(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    before = _revisions(admin)
    data = {"reason": "no token"}
    assert client.post(f"/admin/maintenances/{EXAMPLE}/cancel", data=data).status_code == 403
    wrong = {**data, "csrf": "x" * 64}
    assert client.post(f"/admin/maintenances/{EXAMPLE}/cancel", data=wrong).status_code == 403
    assert _revisions(admin) == before


def test_a_csrf_token_works_only_with_its_own_session(admin: Admin) -> None:
    mine = admin.as_role(Role.ADMIN)
    theirs = admin.as_role(Role.ADMIN)
    token = admin.csrf(theirs)
    answer = mine.post(f"/admin/maintenances/{EXAMPLE}/cancel",
                       data={"csrf": token, "reason": "forged"})  # fmt: skip
    assert answer.status_code == 403
    assert admin.csrf(mine) != token
    good = mine.post(f"/admin/maintenances/{EXAMPLE}/cancel",
                     data={"csrf": admin.csrf(mine), "reason": "real"})  # fmt: skip
    assert good.status_code == 303


def test_sign_in_without_the_form_token_is_refused(admin: Admin) -> None:
    client = admin.browser()
    client.get("/admin/login")
    answer = client.post("/admin/login", data={"email": EMAILS[Role.ADMIN], "password": PASSWORD})
    assert answer.status_code == 403
    other = admin.browser()  # a token from another browser's form
    token = csrf_of(other.get("/admin/login").text)
    fresh = admin.browser()
    form = {"email": EMAILS[Role.ADMIN], "password": PASSWORD, "csrf": token}
    answer = fresh.post("/admin/login", data=form)
    assert answer.status_code == 403


def test_an_account_is_paused_after_repeated_failures(admin: Admin) -> None:
    email = EMAILS[Role.EDITOR]
    for _ in range(people.ACCOUNT_FAILURES):
        assert admin.sign_in(admin.browser(), email, "wrong password!").status_code == 401
    paused = admin.sign_in(admin.browser(), email)  # even the right password
    assert paused.status_code == 429
    assert int(paused.headers["retry-after"]) > 0
    assert admin.sign_in(admin.browser(), EMAILS[Role.VIEWER]).status_code == 303  # others go on
    admin.clock.at += people.THROTTLE_WINDOW + timedelta(seconds=1)
    assert admin.sign_in(admin.browser(), email).status_code == 303


def test_a_client_address_is_paused_after_failures_on_many_accounts(admin: Admin) -> None:
    for n in range(people.ADDRESS_FAILURES):
        answer = admin.sign_in(admin.browser(), f"nobody{n}@example.org", "wrong password!")
        assert answer.status_code == 401
    assert admin.sign_in(admin.browser(), EMAILS[Role.ADMIN]).status_code == 429
    elsewhere = admin.browser(client=("203.0.113.9", 5000))
    assert admin.sign_in(elsewhere, EMAILS[Role.ADMIN]).status_code == 303


def test_a_success_clears_the_accounts_failures(admin: Admin) -> None:
    email = EMAILS[Role.PUBLISHER]
    for _ in range(people.ACCOUNT_FAILURES - 1):
        admin.sign_in(admin.browser(), email, "wrong password!")
    assert admin.sign_in(admin.browser(), email).status_code == 303
    for _ in range(people.ACCOUNT_FAILURES - 1):
        admin.sign_in(admin.browser(), email, "wrong password!")
    assert admin.sign_in(admin.browser(), email).status_code == 303


def test_every_form_of_the_admin_refuses_a_post_without_its_token(admin: Admin) -> None:
    from tests.web.admin_ui.test_roles import post_routes

    client = admin.as_role(Role.ADMIN)
    before = _revisions(admin)
    routes = post_routes()
    assert "/admin/subscribers/import" in {p for p, _ in routes}
    for path, _ in routes:
        answer = client.post(path, data={"reason": "no token", "csv": "email,language,services"})
        assert answer.status_code == 403, path
    assert _revisions(admin) == before


def test_the_pause_is_said_with_its_plural_in_each_language(admin: Admin) -> None:
    email = EMAILS[Role.PUBLISHER]
    for _ in range(people.ACCOUNT_FAILURES):
        admin.sign_in(admin.browser(), email, "wrong password!")

    def said(lang: str) -> str:
        client = admin.browser()
        client.cookies.set("preavis_admin_lang", lang)
        paused = admin.sign_in(client, email)
        assert paused.status_code == 429
        found = re.search(r'id="login-error">([^<]+)<', paused.text)
        assert found is not None
        return found[1]

    assert re.fullmatch(
        r"Trop d’essais de connexion\u00a0: réessayez dans 1[56] minutes\.", said("fr")
    )
    assert re.fullmatch(r"Too many sign-in attempts: try again in 1[56] minutes\.", said("en"))
    admin.clock.at += people.THROTTLE_WINDOW - timedelta(seconds=45)
    assert said("fr").endswith("réessayez dans 1 minute.")
    assert said("en").endswith("try again in 1 minute.")
