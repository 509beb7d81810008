"""Every row says where its service and window are printed and which scope rule tied them;
weak ties are warnings on the row (spans worked out by hand: line, 1-based columns)."""

from __future__ import annotations

from datetime import date
from typing import Any

from preavis.notices.reader import as_json, read_notice

REF = date(2025, 1, 15)


def rows(text: str, **options: Any) -> list[dict[str, Any]]:
    data = as_json(read_notice(text, reference=REF, **options))
    assert data["errors"] == []
    return list(data["interruptions"])


def test_a_sentence_ties_its_subject_and_its_window_by_the_same_clause() -> None:
    text = (
        "Notice\n\n"
        "Online banking will be unavailable from June 3, 2025 at 10 p.m. to June 4 at 6 a.m. ET.\n"
    )
    (row,) = rows(text)
    assert row["evidence"]["rule"] == "same clause"
    assert row["evidence"]["service"] == {"line": 3, "column": 1, "end_line": 3, "end_column": 15}
    # "from June 3, 2025 at 10 p.m. to June 4 at 6 a.m. ET" starts at column 36
    window = row["evidence"]["window"]
    assert (window["line"], window["column"]) == (3, 36)
    assert row["evidence"]["warnings"] == []


def test_a_pipe_table_row_is_the_same_row() -> None:
    text = (
        "Maintenance\n\n| Service | Window |\n|---|---|\n"
        "| Payroll | June 3, 2025, 10 p.m. to June 4, 2025, 2 a.m. ET |\n"
    )
    (row,) = rows(text)
    assert row["evidence"]["rule"] == "same row"
    assert row["evidence"]["service"] == {"line": 5, "column": 3, "end_line": 5, "end_column": 10}
    assert row["evidence"]["window"]["line"] == 5


def test_the_guessed_zone_is_a_warning_on_each_row() -> None:
    data = as_json(
        read_notice(
            "Notice\n\nPayroll will be unavailable from June 3, 2025 at 10 p.m. to 11 p.m.\n",
            reference=REF,
        )
    )
    (row,) = data["interruptions"]
    (said,) = row["evidence"]["warnings"]  # the notice's own warning, by its place in the list
    assert said["code"] == "notice.no_zone" and said["params"] == {"zone": "America/Toronto"}
    assert data["warnings"][said["warning"]]["code"] == "notice.no_zone"
    assert said["message"] == "no time zone is printed: read as America/Toronto (pass --timezone)"
    (row,) = rows(
        "Notice\n\nPayroll will be unavailable from June 3, 2025 at 10 p.m. to 11 p.m.\n",
        timezone="America/Toronto",
    )
    assert row["evidence"]["warnings"] == []


def test_a_window_tied_only_by_the_document_is_weak() -> None:
    text = (
        "Maintenance\n\nStart: June 3, 2025 at 02:00 UTC\nEnd: June 3, 2025 at 04:00 UTC\n\n"
        "The dashboard will remain available in read-only mode.\n"
    )
    (row,) = rows(text)
    assert row["evidence"]["rule"] == "document window"
    assert row["evidence"]["window"] == {"line": 3, "column": 1, "end_line": 4, "end_column": 31}
    assert any("document window" in w["message"] for w in row["evidence"]["warnings"])
