"""The interruption commands offer only the impacts an interruption can have."""

from __future__ import annotations

import pytest

from preavis.cli import main


@pytest.mark.parametrize("command", ["add-interruption", "edit-interruption"])
def test_only_unavailable_and_limited_are_offered(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        main(["maintenance", command, "--help"])
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    assert code == 0
    out = capsys.readouterr().out
    assert "unavailable|limited" in out and "operational" not in out


def test_operational_is_refused_naming_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as code:
        main(["maintenance", "add-interruption", "x", "--service", "s", "--impact",
              "operational", "--from", "2026-06-25T20:00Z", "--until", "2026-06-25T21:00Z",
              "--fr", "a", "--en", "b"])  # fmt: skip
    assert code.value.code == 2
    err = capsys.readouterr().err
    assert "unavailable, limited" in err
