"""Fixtures of the admin UI tests: the example published, one person per role, and browsers
(TestClients keeping cookies) that sign in through the real form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from preavis.actions import data, people
from preavis.domain import Schedule
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.conftest import TickingClock, context
from tests.web.conftest import JUNE_30

PASSWORD = "correct horse battery staple"
EMAILS = {role: f"{role.value}@example.org" for role in Role}
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "the page carries a CSRF field"
    return found[1]


class Admin:
    """The application with people in it; `browser()` gives a fresh cookie jar."""

    def __init__(self, app: Any, clock: TickingClock, store: Store) -> None:
        self.app = app
        self.clock = clock
        self.store = store
        self.clients: list[TestClient] = []

    def browser(self, **kw: Any) -> TestClient:
        client = TestClient(self.app, follow_redirects=False, **kw)
        self.clients.append(client)
        return client

    def sign_in(self, client: TestClient, email: str, password: str = PASSWORD) -> Any:
        form = client.get("/admin/login")
        return client.post(
            "/admin/login",
            data={"email": email, "password": password, "csrf": csrf_of(form.text)},
        )

    def as_role(self, role: Role) -> TestClient:
        client = self.browser()
        answer = self.sign_in(client, EMAILS[role])
        assert answer.status_code == 303, answer.text
        return client

    def csrf(self, client: TestClient, path: str = "/admin/") -> str:
        return csrf_of(client.get(path).text)


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its lowest cost: these tests are about the rules, not the hash's strength."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(people, "_hasher", cheap)
    monkeypatch.setattr(people, "_DUMMY_HASH", cheap.hash("dummy"))


@pytest.fixture
def admin(store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch) -> Iterator[Admin]:
    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    for role, email in EMAILS.items():
        people.create_user(ctx, email=email, role=role, name=f"{role.value.title()} Person",
                           password=PASSWORD)  # fmt: skip
    clock = TickingClock(JUNE_30)
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    made = Admin(app, clock, store)
    yield made
    for client in made.clients:
        client.close()
