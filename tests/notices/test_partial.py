"""A notice read in part (session 7): a window the reader cannot name is a warning naming its
line, and the rows read elsewhere in the notice are kept; a notice with no row at all, or with
a contradiction (an end before its start), is still rejected. Our own sentences; instants
worked out by hand (EST, -05:00, before March 9, 2025; EDT, -04:00, from then)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from preavis.formats.messages import say_problem
from preavis.notices.reader import read_notice
from tests.test_cli import run

EN = (
    "Notice\n\n"
    "- Payroll: unavailable on Saturday, March 8, 2025 from 9 p.m. to 11 p.m. ET.\n\n"
    "Work is planned on Sunday, March 16, 2025 from 9 a.m. to 11 a.m. ET.\n"
)
FR = (
    "Avis\n\n"
    "- Paie : indisponible le samedi 8 mars 2025 de 21 h à 23 h (HE).\n\n"
    "Nous interviendrons le dimanche 16 mars 2025 de 9 h à 11 h (HE).\n"
)


@pytest.mark.parametrize(("text", "name"), [(EN, "Payroll"), (FR, "Paie")])
def test_an_unnamed_window_is_a_warning_and_the_named_row_is_kept(text: str, name: str) -> None:
    reading = read_notice(text)
    assert reading.ok, reading.errors
    assert [(i.service, i.starts_at, i.ends_at) for i in reading.interruptions] == [
        (name, datetime(2025, 3, 9, 2, tzinfo=UTC), datetime(2025, 3, 9, 4, tzinfo=UTC))
    ]
    (skipped,) = [w for w in reading.warnings if w.code == "notice.window_unnamed_skipped"]
    assert skipped.line == 5
    assert "16" in str(skipped.params["window"])


def test_the_warning_is_said_in_both_languages() -> None:
    (skipped,) = [w for w in read_notice(FR).warnings if w.code == "notice.window_unnamed_skipped"]
    assert "aucun nom de service pour la période" in say_problem(skipped, "fr")
    assert "les autres lignes sont gardées" in say_problem(skipped, "fr")
    assert "no service name for the window" in say_problem(skipped, "en")
    assert "the other rows are kept" in skipped.message


def test_a_notice_whose_only_window_is_unnamed_is_still_rejected() -> None:
    reading = read_notice("Notice\n\nWork is planned on Sunday, March 16, 2025 from 9 to 11 a.m.\n")
    assert not reading.ok
    assert [e.code for e in reading.errors] == ["notice.no_service_name"]
    assert not reading.warnings or all(
        w.code != "notice.window_unnamed_skipped" for w in reading.warnings
    )


def test_a_contradiction_elsewhere_keeps_every_error() -> None:
    text = EN + "\n- Billing: unavailable on February 30, 2025 from 9 p.m. to 10 p.m. ET.\n"
    reading = read_notice(text)
    assert not reading.ok
    codes = {e.code for e in reading.errors}
    assert "notice.no_service_name" in codes
    assert len(codes) == 2


def test_the_command_line_imports_the_rows_read_and_names_the_skipped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    notice = tmp_path / "notice.txt"
    notice.write_text(EN, encoding="utf-8")
    code, out, _ = run(capsys, "parse-notice", str(notice), "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["service"] for r in data["interruptions"]] == ["Payroll"]
    assert data["errors"] == []
    assert any(w["line"] == 5 and "no row for it" in w["message"] for w in data["warnings"])
    code, out, err = run(capsys, "parse-notice", str(notice))
    assert code == 0
    assert "notice.txt:5: warning:" in out + err
