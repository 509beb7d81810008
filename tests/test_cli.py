"""The `preavis` command, driven as a person would: arguments in, text and exit code out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from preavis.actions import example_text
from preavis.cli import main
from preavis.formats.schedule import SCHEDULE_MAX_BYTES
from preavis.notices.source import NOTICE_MAX_BYTES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_status_json_shape_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--at", "2025-06-30T19:00-04:00", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["at"] == "2025-06-30T19:00:00-04:00"
    by_slug = {s["slug"]: s for s in data["services"]}
    shop = by_slug["boutique-en-ligne"]
    assert shop["name"] == "Boutique en ligne"
    assert shop["impact"] == "unavailable"
    assert shop["back_at"] == "2025-07-02T07:00:00-04:00"
    assert by_slug["ramassage-colis"]["impact"] == "unavailable"
    assert by_slug["inscription"]["impact"] == "limited"
    assert by_slug["reperage-colis-en-ligne"]["impact"] == "limited"
    assert set(shop["interruptions"][0]) == {"impact", "description", "starts_at", "ends_at"}


def test_status_json_before_the_chained_change(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "status", "--at", "2025-06-28T12:00-04:00", "--json", "--service", "ramassage-colis"
    )
    assert code == 0
    (pickup,) = json.loads(out)["services"]
    assert pickup["impact"] == "limited"
    assert pickup["back_at"] == "2025-07-02T07:00:00-04:00"


def test_status_table_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--at", "2025-06-30T19:00-04:00", "--lang", "en")
    assert code == 0
    assert "Status at June 30, 2025, 7 p.m. ET" in out
    assert "Online shop" in out
    assert "July 2, 7 a.m. ET" in out


def test_local_time_with_timezone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "status", "--at", "2025-06-22 23:59", "--timezone", "America/Toronto", "--json"
    )
    assert code == 0
    down = [s["slug"] for s in json.loads(out)["services"] if s["impact"] != "operational"]
    assert down == ["boutique-en-ligne"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--at", "0.5"], "not a date and time"),
        (["status", "--at", "2025-06-30T19:00"], "no UTC offset"),
        (["status", "--at", "2025-03-09T02:30", "--timezone", "America/Toronto"], "does not exist"),
        (
            ["status", "--at", "2025-06-30T19:00Z", "--timezone", "Mars/Olympus"],
            "unknown time zone",
        ),
        (["status", "--service", "nope", "--at", "2025-06-30T19:00Z"], "unknown service 'nope'"),
        (["timeline", "nope"], "unknown service 'nope'"),
        (["status", "/no/such/file.yaml"], "no such file"),
    ],
)
def test_errors_are_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_phases_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "phases", "--json", "--lang", "en")
    assert code == 0
    phases = json.loads(out)["phases"]
    assert [p["starts_at"][5:16] for p in phases] == [
        "06-22T23:59",
        "06-25T20:00",
        "06-25T22:00",
        "06-25T23:59",
        "06-30T18:00",
    ]
    assert phases[0]["services"][0]["name"] == "Online shop"


def test_timeline_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "facturation-paiements", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["service"]["slug"] == "facturation-paiements"
    assert [(s["impact"], s["back_at"]) for s in data["segments"]] == [
        ("limited", "2025-07-02T07:00:00-04:00"),
        ("unavailable", "2025-07-02T07:00:00-04:00"),
    ]


def test_example_then_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "example")
    assert code == 0
    assert out == example_text()
    path = tmp_path / "mine.yaml"
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    assert json.loads(out) == {
        "ok": True,
        "services": 26,
        "maintenances": 1,
        "interruptions": 28,
        "problems": [],
    }


def test_check_names_line_and_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        example_text().replace("impact: limited", "impact: partial", 1), encoding="utf-8"
    )
    code, _, err = run(capsys, "check", str(path), "--lang", "en")
    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "partial" in text)
    assert f"{path}:{line}: error: maintenances[0].interruptions[1].impact: 'partial'" in err
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 1
    assert json.loads(out)["problems"][0]["line"] == line


def test_a_file_schedule_is_used(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        example_text().replace("2025-06-22 23:59", "2025-06-21 23:59"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "status", str(path), "--at", "2025-06-22T12:00-04:00", "--json")
    assert code == 0
    assert json.loads(out)["services"][0]["impact"] == "unavailable"


def _commands() -> list[list[str]]:
    import typer

    from preavis.cli import app

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)  # a group (Typer vendors its Click)
        if isinstance(subcommands, dict):
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        else:
            found.append(path)

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _commands()
    assert len(commands) >= 30
    for command in commands:
        code, out, _ = run(capsys, *command, "--help")
        assert code == 0, command
        assert "Example:" in out or "Exemple\u00a0:" in out, command


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "status", "--lang", "de")
    assert code == 2


@pytest.mark.parametrize(
    ("command", "limit"),
    [(["check"], SCHEDULE_MAX_BYTES), (["parse-notice"], NOTICE_MAX_BYTES)],
)
def test_a_file_over_the_limit_is_named_with_the_limit(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: list[str],
    limit: int,
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(limit + 1)  # sparse: the size is what is checked, nothing is read
    code, _, err = run(capsys, *command, str(big))
    assert code == 1
    assert err.strip() == (
        f"preavis: error: {big}: file too large ({limit + 1} bytes; at most {limit} bytes)"
    )
