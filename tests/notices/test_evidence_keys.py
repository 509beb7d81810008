"""The reader's evidence in its own keys (issue 12, "Never silently wrong"; session 11):

- every warning carries a catalogue id and parameters, so each interface says it in its
  language, and a row's evidence refers to the reading's own warnings (not to sentences);
- a warning goes to the row(s) it is about, not to every row printed on its line;
- a name's span covers the name's own characters (each piece's, when it was rebuilt), in the
  notice's own columns.

Read on our own notices (tests/corpus/*.txt) and on the tuning part of the development half of
the real corpus (tests/corpus/real/dev, crc32 part 0: bench/reader_score.py --part 0).
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from preavis.domain.messages import CATALOGUE
from preavis.formats.messages import say
from preavis.notices.limits import Deadline
from preavis.notices.reader import as_json, read_notice
from preavis.notices.source import decode
from tests.corpus.answers import HERE, REAL, REFERENCE

REF = date(2025, 1, 15)
OWN = sorted(HERE.glob("*.txt"))
TUNED = sorted(n for n in (REAL / "dev").glob("*.txt") if zlib.crc32(n.stem.encode()) % 2 == 0)


@cache
def reading(notice: Path) -> dict[str, Any]:
    """As bench/reader_score.py reads it: a real notice with its expected file's options."""
    if notice.parent == HERE:
        return as_json(read_notice(notice.read_bytes(), reference=REFERENCE))
    options = json.loads(notice.with_name(notice.stem + ".expected.json").read_text())["options"]
    reference = options.get("reference")
    return as_json(
        read_notice(
            notice.read_bytes(),
            timezone=options.get("timezone"),
            reference=date.fromisoformat(reference) if reference else REF,
        )
    )


def fold(name: str) -> str:
    """As the scorer compares names: casefolded, accents, apostrophes and punctuation folded."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def quote(lines: list[str], span: dict[str, int]) -> str:
    if span["line"] == span["end_line"]:
        return lines[span["line"] - 1][span["column"] - 1 : span["end_column"] - 1]
    parts = [lines[span["line"] - 1][span["column"] - 1 :]]
    parts += lines[span["line"] : span["end_line"] - 1]
    parts.append(lines[span["end_line"] - 1][: span["end_column"] - 1])
    return " ".join(parts)


CORPUS = [*OWN, *TUNED]
IDS = [f"{n.parent.name}/{n.stem}" for n in CORPUS]


@pytest.mark.parametrize("notice", CORPUS, ids=IDS)
def test_every_warning_has_a_catalogue_id_and_rows_refer_to_them(notice: Path) -> None:
    data = reading(notice)
    for problem in data["warnings"] + data["errors"]:
        assert problem["code"] in CATALOGUE, problem
        say(problem["code"], problem["params"], "fr")  # said in French from its parameters
    for row in data["interruptions"]:
        for said in row["evidence"]["warnings"]:
            top = data["warnings"][said["warning"]]  # one of the reading's warnings, by place
            assert (top["code"], top["params"], top["message"]) == (
                said["code"],
                said["params"],
                said["message"],
            )


@pytest.mark.parametrize("notice", CORPUS, ids=IDS)
def test_a_warning_about_a_row_is_on_that_row_only(notice: Path) -> None:
    """A warning that names a service (its name's doubts, its impact, its bounds) is on the
    row of that service, never on another row printed on the same line."""
    for row in reading(notice)["interruptions"]:
        for said in row["evidence"]["warnings"]:
            named = said["params"].get("service")
            assert named in (None, row["service"]), (row["service"], row["line"], said["message"])


def test_two_rows_of_one_line_keep_their_own_warnings() -> None:
    """Aarhus (2015-04) lists its services on one line each under one window: each service's
    impact was read without a word that says it, and each row says only its own."""
    data = reading(REAL / "dev" / "aarhus-it-service-window-2015-04-en.txt")
    line11 = [r for r in data["interruptions"] if r["line"] == 11]
    assert len(line11) >= 3  # several rows share line 11
    for row in line11:
        impacts = [w for w in row["evidence"]["warnings"] if w["code"].startswith("notice.impact")]
        assert [w["params"]["service"] for w in impacts] == [row["service"]]


@pytest.mark.parametrize("notice", CORPUS, ids=IDS)
def test_a_name_span_is_the_names_own_characters(notice: Path) -> None:
    """Quoted from the notice's own text (as the import review quotes it), a name's span (or
    its pieces, joined) is the name, folded; unless the name is not printed (implied by the
    kind of notice) or the reader repaired its line (OCR)."""
    data = reading(notice)
    lines = decode(notice.read_bytes(), Deadline(None)).splitlines()
    repaired = {c["line"] for c in data["corrections"]}
    for row in data["interruptions"]:
        evidence = row["evidence"]
        if evidence["rule"] == "kind of notice" or evidence["service"] is None:
            continue
        spans = evidence["service_pieces"] or [evidence["service"]]
        if any(s["line"] in repaired or s["end_line"] in repaired for s in spans):
            continue
        said = " ".join(quote(lines, s) for s in spans)
        assert fold(said) == fold(row["service"]), (row["service"], row["line"], said)


def test_a_name_rebuilt_from_pieces_gives_each_piece() -> None:
    """Québec/Lévis (2019) names « Bureaux administratifs » in one sentence and « Lévis »
    elsewhere: the row's name is both, and its evidence gives each piece's place."""
    notice = REAL / "dev" / "quebec-levis-fetes-services-2019-fr.txt"
    lines = decode(notice.read_bytes(), Deadline(None)).splitlines()
    rows = [
        r
        for r in reading(notice)["interruptions"]
        if r["service"] == "Bureaux administratifs de Lévis"
    ]
    assert rows
    for row in rows:
        pieces = row["evidence"]["service_pieces"]
        assert len(pieces) == 2
        assert row["evidence"]["service"] == pieces[0]
        said = [quote(lines, s) for s in pieces]
        assert fold(said[0]) == "bureaux administratifs de" and said[1] == "Lévis"


def test_a_determiner_dropped_leaves_the_names_columns() -> None:
    text = (
        "Notice\n\nLa boutique en ligne sera indisponible du 3 juin 2025, 22 h au 4 juin, "
        "6 h (HE).\n"
    )
    (row,) = as_json(read_notice(text, reference=REF))["interruptions"]
    assert row["service"] == "Boutique en ligne"
    # « boutique en ligne » is columns 4 to 20 of line 3 (end exclusive: 21)
    assert row["evidence"]["service"] == {"line": 3, "column": 4, "end_line": 3, "end_column": 21}
    assert row["evidence"]["service_pieces"] == []


def test_columns_are_the_notices_own_when_markup_is_removed() -> None:
    text = "Notice\n\n**Payroll** will be unavailable from June 3, 2025 at 10 p.m. to 11 p.m. ET.\n"
    (row,) = as_json(read_notice(text, reference=REF))["interruptions"]
    assert quote(text.splitlines(), row["evidence"]["service"]) == "Payroll"


def test_a_table_rows_window_span_is_its_window_cell() -> None:
    text = (
        "Maintenance\n\n| Service | Window |\n|---|---|\n"
        "| Payroll | June 3, 2025, 10 p.m. to June 4, 2025, 2 a.m. ET |\n"
    )
    (row,) = as_json(read_notice(text, reference=REF))["interruptions"]
    # the window cell, columns 13 to 60 of line 5 (not the whole row)
    assert row["evidence"]["window"] == {"line": 5, "column": 13, "end_line": 5, "end_column": 61}
    assert quote(text.splitlines(), row["evidence"]["window"]) == (
        "June 3, 2025, 10 p.m. to June 4, 2025, 2 a.m. ET"
    )


def test_a_span_keeps_the_brackets_its_words_end_with() -> None:
    text = (
        "Maintenance\n\n| Service | Window |\n|---|---|\n"
        "| Payroll | June 3, 2025, 10 p.m. to June 4, 2025, 2 a.m. (ET) |\n"
    )
    (row,) = as_json(read_notice(text, reference=REF))["interruptions"]
    assert quote(text.splitlines(), row["evidence"]["window"]) == (
        "June 3, 2025, 10 p.m. to June 4, 2025, 2 a.m. (ET)"
    )
