"""The admin API's export is the backup `preavis export` writes: the site's key named by its
fingerprint (from the app's own settings), never a secret in clear, restorable with that key
only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from preavis.actions import backup
from preavis.domain.access import Role
from preavis.domain.errors import ValidationError
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import context
from tests.web.test_subscribe import SECRET, World, world  # noqa: F401 (the fixture)


def test_the_api_export_restores_with_the_site_key_only(
    world: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    settings = Settings(database_url=world.store.url, secret_key=SECRET, webhook_allow_private=True)
    headers = {"Authorization": f"Bearer {world.tokens[Role.ADMIN]}"}
    with TestClient(create_app(settings, store=world.store, clock=world.clock)) as client:
        channel = {"url": "json://127.0.0.1:9/a/t0k3n", "lang": "en"}
        made = client.post("/api/v1/admin/channels", json=channel, headers=headers)
        assert made.status_code == 201, made.text
        answer = client.get("/api/v1/admin/export", headers=headers)
    assert world.admin("GET", "/export", Role.PUBLISHER).status_code == 403
    assert answer.status_code == 200
    assert "t0k3n" not in answer.text and SECRET not in answer.text
    for token in world.tokens.values():
        assert token not in answer.text
    document = answer.json()
    assert document["version"] == 2 and len(document["tables"]["endpoints"]) == 1
    target = Store(f"sqlite:///{tmp_path}/restored.db")
    target.upgrade()
    with pytest.raises(ValidationError, match="PREAVIS_SECRET_KEY is not that key"):
        backup.restore_data(
            context(target), document=json.loads(answer.text), key=backup.SiteKey("x" * 40)
        )
    done = backup.restore_data(context(target), document=document, key=backup.SiteKey(SECRET))
    assert done.counts["endpoints"] == 1 and done.counts["tokens"] == len(Role)
    target.dispose()
