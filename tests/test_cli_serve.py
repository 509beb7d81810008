"""`preavis serve`: what it hands to uvicorn (the server itself is exercised by the benchmarks
and the reliability run)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_cli import run


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: seen.update(options))
    return seen


def test_serve_keeps_no_access_log_unless_asked(
    capsys: pytest.CaptureFixture[str], started: dict[str, Any]
) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "serve", "--port", "18301")[0] == 0
    assert started["access_log"] is False
    assert started["port"] == 18301
    started.clear()
    assert run(capsys, "serve", "--access-log")[0] == 0
    assert started["access_log"] is True
