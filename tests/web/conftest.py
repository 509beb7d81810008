"""Fixtures of the web tests: the example programme published, a draft and a cancelled draft
beside it, served by the whole application at a fixed moment."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from preavis.actions import Context, data, maintenances
from preavis.domain import Schedule, State, Text
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.conftest import TickingClock, context

JUNE_30 = datetime.fromisoformat("2025-06-30T19:00-04:00")
EXAMPLE = "mise-a-niveau-2025"


class Public:
    def __init__(self, client: TestClient, clock: TickingClock, ctx: Context) -> None:
        self.client = client
        self.clock = clock
        self.ctx = ctx

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, follow_redirects=False, **kw)


@pytest.fixture
def public(store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch) -> Iterator[Public]:
    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))  # see every write at once
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    shop = example.maintenances[0].interruptions[0]
    secret = replace(
        shop,
        starts_at=shop.starts_at + timedelta(days=60),
        ends_at=shop.ends_at + timedelta(days=60),
    )
    draft = replace(
        example.maintenances[0],
        slug="secret-draft",
        title=Text("Brouillon secret", "Secret draft"),
        interruptions=(secret,),
        starts_at=None,
        ends_at=None,
        state=State.DRAFT,
    )
    maintenances.create_draft(ctx, maintenance=draft)
    dropped = replace(draft, slug="dropped-draft", title=Text("Abandonné", "Dropped"))
    maintenances.create_draft(ctx, maintenance=dropped)
    maintenances.cancel(ctx, slug="dropped-draft")
    clock = TickingClock(JUNE_30)
    # Any Host gets absolute links here (the tests below send several); the default allows
    # only PREAVIS_PUBLIC_URL's and the local ones (tests/web/test_serving.py).
    settings = Settings(database_url=store.url, allowed_hosts=("*",))
    app = create_app(settings, store=store, clock=clock)
    with TestClient(app) as client:
        yield Public(client, clock, ctx)
