"""The public subscription pages while the database cannot be reached: a member of the public
who submits the form gets the page in its language saying so (503, Retry-After), not the
API's JSON in English. A SQLite file whose folder goes away plays the outage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from preavis.actions import data
from preavis.domain import Schedule
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock, context

SECRET = "s" * 40


@pytest.fixture
def client(tmp_path: Path, example: Schedule) -> Iterator[tuple[TestClient, Store]]:
    (tmp_path / "db").mkdir()
    store = Store(f"sqlite:///{tmp_path}/db/preavis.db")
    store.upgrade()
    data.apply_schedule(context(store), schedule=example, publish=True)
    settings = Settings(database_url=store.url, secret_key=SECRET)
    app = create_app(settings, store=store, clock=TickingClock())
    with TestClient(app) as made:
        assert made.get("/fr/abonnement").status_code == 200  # the catalogue read once
        (tmp_path / "db").rename(tmp_path / "away")
        store.engine.dispose()
        yield made, store
    store.dispose()


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/fr/abonnement", "Le service est momentanément indisponible"),
        ("/en/subscribe", "The service is unavailable for a moment"),
    ],
)
def test_the_form_sent_during_an_outage_gets_a_page(
    client: tuple[TestClient, Store], path: str, said: str
) -> None:
    web, _ = client
    lang = path[1:3]
    answer = web.post(path, data={"email": "ana@example.org", "language": lang, "scope": "all"})
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["retry-after"]
    assert said in answer.text
    assert '{"error"' not in answer.text
