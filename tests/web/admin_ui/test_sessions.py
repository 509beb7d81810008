"""Sign-in and sessions: the documented interface, cookie flags, server-side logout, idle and
absolute expiry, disabled people, password links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from preavis.actions import people
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.web.app import create_app
from tests.conftest import context
from tests.web.admin_ui.conftest import EMAILS, PASSWORD, Admin, csrf_of


def test_signed_out_admin_redirects_to_the_sign_in_form(admin: Admin) -> None:
    client = admin.browser()
    answer = client.get("/admin/")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/admin/login")
    form = client.get("/admin/login")
    assert form.status_code == 200
    for name in ('name="email"', 'name="password"', 'type="hidden" name="csrf"'):
        assert name in form.text


def test_a_good_sign_in_answers_303_with_a_strict_session_cookie(admin: Admin) -> None:
    client = admin.browser()
    answer = admin.sign_in(client, EMAILS[Role.EDITOR].upper())  # e-mail is case-folded
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/"
    cookie = next(
        v for k, v in answer.headers.multi_items() if k == "set-cookie" and "preavis_session" in v
    )
    lowered = cookie.lower()
    assert "httponly" in lowered
    assert "samesite=lax" in lowered
    assert "path=/admin" in lowered
    assert "secure" not in lowered  # plain HTTP here
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Editor Person" in page.text


def test_wrong_password_is_refused_without_a_session(admin: Admin) -> None:
    client = admin.browser()
    answer = admin.sign_in(client, EMAILS[Role.ADMIN], "not the password")
    assert answer.status_code == 401
    assert "preavis_session" not in answer.headers.get("set-cookie", "")
    assert client.get("/admin/").status_code == 303


def test_cookie_is_secure_when_the_site_is_behind_https(admin: Admin) -> None:
    settings = Settings(database_url=admin.store.url, public_url="https://status.example.org")
    behind_proxy = create_app(settings, store=admin.store, clock=admin.clock)
    direct = admin.app
    # Behind a proxy that ends TLS, the request the app sees is plain HTTP: the setting says.
    for app, url in ((behind_proxy, "http://testserver"), (direct, "https://testserver")):
        admin.app = app
        client = admin.browser(base_url=url)
        client.cookies.set("preavis_csrf", "t" * 32, path="/admin")  # the browser keeps it
        answer = client.post(
            "/admin/login",
            data={"email": EMAILS[Role.ADMIN], "password": PASSWORD, "csrf": "t" * 32},
        )
        assert answer.status_code == 303
        assert "secure" in answer.headers["set-cookie"].lower()


@pytest.mark.parametrize("trusted", [True, False])
def test_a_trusted_proxys_https_makes_the_cookie_secure(admin: Admin, trusted: bool) -> None:
    settings = Settings(database_url=admin.store.url, trust_proxy=trusted)
    admin.app = create_app(settings, store=admin.store, clock=admin.clock)
    client = admin.browser(base_url="http://testserver")
    client.cookies.set("preavis_csrf", "t" * 32, path="/admin")
    answer = client.post(
        "/admin/login",
        data={"email": EMAILS[Role.ADMIN], "password": PASSWORD, "csrf": "t" * 32},
        headers={"X-Forwarded-Proto": "https"},
    )
    assert answer.status_code == 303
    # Only a proxy the site trusts may say the visitor's connection was HTTPS.
    assert ("secure" in answer.headers["set-cookie"].lower()) is trusted


def test_logout_ends_the_session_on_the_server(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    stolen = client.cookies.get("preavis_session")
    assert stolen
    answer = client.post("/admin/logout", data={"csrf": admin.csrf(client)})
    assert answer.status_code == 303
    replay = admin.browser()
    replay.cookies.set("preavis_session", stolen, path="/admin")
    assert replay.get("/admin/").status_code == 303  # the old cookie opens nothing


def test_idle_and_absolute_expiry(admin: Admin) -> None:
    client = admin.as_role(Role.VIEWER)
    admin.clock.at += people.SESSION_IDLE - timedelta(minutes=1)
    assert client.get("/admin/").status_code == 200
    admin.clock.at += people.SESSION_IDLE + timedelta(minutes=1)  # idle too long
    assert client.get("/admin/").status_code == 303

    busy = admin.as_role(Role.VIEWER)
    steps = int(people.SESSION_ABSOLUTE / (people.SESSION_IDLE / 2)) + 1
    answers = []
    for _ in range(steps):  # never idle, but past the absolute limit
        admin.clock.at += people.SESSION_IDLE / 2
        answers.append(busy.get("/admin/").status_code)
    assert answers[0] == 200
    assert answers[-1] == 303


def test_disabling_a_person_ends_their_sessions(admin: Admin) -> None:
    client = admin.as_role(Role.EDITOR)
    people.disable_user(context(admin.store), email=EMAILS[Role.EDITOR])
    assert client.get("/admin/").status_code == 303
    assert admin.sign_in(admin.browser(), EMAILS[Role.EDITOR]).status_code == 401


def test_a_one_time_link_sets_the_password_once(admin: Admin) -> None:
    _, link = people.create_user(context(admin.store), email="new@example.org", role=Role.EDITOR)
    assert link
    client = admin.browser()
    form = client.get(f"/admin/password/{link}")
    assert form.status_code == 200
    assert "new@example.org" in form.text
    weak = {"csrf": csrf_of(form.text), "password": "short", "password2": "short"}
    short = client.post(f"/admin/password/{link}", data=weak)
    assert short.status_code == 422
    good = {"csrf": csrf_of(form.text), "password": PASSWORD, "password2": PASSWORD}
    answer = client.post(f"/admin/password/{link}", data=good)
    assert answer.status_code == 303
    assert admin.sign_in(admin.browser(), "new@example.org").status_code == 303
    again = client.post(f"/admin/password/{link}", data=good)
    assert again.status_code == 404  # used once


def test_admin_pages_carry_a_strict_csp_and_no_store(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    answer = client.get("/admin/")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert answer.headers["cache-control"] == "no-store"
    assert "<style" not in answer.text
    assert " style=" not in answer.text
    assert "<script>" not in answer.text


def test_language_switch_on_every_screen(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    french = client.get("/admin/", headers={"accept-language": "fr"})
    assert "Tableau de bord" in french.text
    assert 'href="/admin/lang/en?next=%2Fadmin%2F"' in french.text
    switched = client.get("/admin/lang/en?next=/admin/services")
    assert switched.status_code == 303
    assert switched.headers["location"] == "/admin/services"
    assert "Dashboard" in client.get("/admin/").text
    elsewhere = client.get("/admin/lang/fr?next=https://evil.example/")
    assert elsewhere.headers["location"] == "/admin/"
