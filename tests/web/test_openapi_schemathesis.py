"""The OpenAPI schema against the running application, with schemathesis: no server errors, and
responses that match what the schema documents. Public routes and, with an admin token, the
admin routes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from preavis.actions import Context, access, data
from preavis.actions.files import open_schedule
from preavis.clock import FixedClock
from preavis.domain.access import Actor, Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app

MOMENT = datetime.fromisoformat("2025-06-28T12:00-04:00")
# No server errors; status codes, content types and bodies as documented. (Schemathesis's
# "positive data acceptance" is left out: a schema cannot say that a group must exist, and a
# 422 naming it is the right answer.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{folder}/api.db"
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(MOMENT), Actor("schemathesis", Role.ADMIN))
    data.apply_schedule(ctx, schedule=open_schedule().schedule, publish=True)
    TOKEN["admin"] = access.create_token(ctx, name="fuzzer", role=Role.ADMIN)
    app = create_app(Settings(database_url=url), store=store, clock=FixedClock(MOMENT))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.dispose()


def test_api_matches_its_schema(api_schema: Any) -> None:
    # schemathesis's own pytest integration predates pytest 9: drive its strategies directly.
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/api/v1/admin/tokens/{name}" and operation.method.upper() == "DELETE":
            continue  # revoking the fuzzer's own token would end the run

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            if case.path.startswith("/api/v1/admin"):
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN['admin']}"}
            case.call_and_validate(checks=CHECKS)

        check()
        checked += 1
    assert checked >= 30
