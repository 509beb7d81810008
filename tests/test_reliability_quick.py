"""The quick legs of the reliability campaign (bench/reliability.py, docs/reliability.md), run
against `preavis serve` started as a user starts it: no 5xx and roles checked first whatever
the input, hostile text refused by name or rendered harmlessly, one 412 per race, kill -9
leaving each write whole or absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from reliability import editors, fuzz, injection, kill
from reliability.common import Result

pytestmark = pytest.mark.slow


def shown(result: Result) -> str:
    return f"{result.figures}\n" + "\n".join(result.failures[:30])


def test_fuzzing_every_route_gives_no_server_error_and_checks_the_role_first() -> None:
    result = fuzz.run(quick=True)
    assert result.details["requests"] > 500
    assert result.details["server_errors"] == 0, shown(result)
    assert result.details["viewer_not_403"] == 0, shown(result)
    assert result.details["none_not_401"] == 0, shown(result)


def test_hostile_text_is_refused_by_name_or_rendered_harmlessly_everywhere() -> None:
    result = injection.run(quick=True)
    assert result.details["checks"] > 100
    assert result.failures == [], shown(result)


def test_two_editors_on_one_revision_get_exactly_one_412_each_time() -> None:
    result = editors.run(quick=True)
    assert result.details["ok"] == result.details["rounds"], shown(result)


def test_kill_9_during_apply_and_writes_leaves_each_write_whole_or_absent() -> None:
    result = kill.run(quick=True, engines="sqlite")
    assert result.failures == [], shown(result)
