"""The corpus of real notices (tests/corpus/real) is well formed, and its scorer counts right.

The reader's scores on it are figures (bench/reader_score.py, docs/notices.md), not assertions:
these tests check the corpus itself and the scorer's arithmetic on a fixture scored by hand.
"""

from __future__ import annotations

import json
import re
import runpy
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.corpus.answers import HERE, REAL

BENCH = Path(__file__).resolve().parents[2] / "bench" / "reader_score.py"
HALVES = ("dev", "test", "fresh")  # fresh: the second sealed half (session 4)
NOTICES = {half: sorted((REAL / half).glob("*.txt")) for half in HALVES}
ALL = [n for half in HALVES for n in NOTICES[half]]
SOURCES = (HERE / "sources.md").read_text(encoding="utf-8")


def expected(notice: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        notice.with_name(notice.stem + ".expected.json").read_text(encoding="utf-8")
    )
    return data


def test_the_corpus_is_large_enough_and_split_in_disjoint_real_halves() -> None:
    assert len(ALL) >= 40
    for half in HALVES:
        assert len(NOTICES[half]) >= 20, half
        languages = {expected(n)["language"] for n in NOTICES[half]}
        assert languages == {"fr", "en"}, half
    for i, half in enumerate(HALVES):
        stems = {n.stem for n in NOTICES[half]}
        for other in HALVES[i + 1 :]:
            assert stems.isdisjoint(n.stem for n in NOTICES[other]), (half, other)


@pytest.mark.parametrize("half", HALVES)
def test_every_expected_file_has_its_notice(half: str) -> None:
    stems = {n.stem for n in NOTICES[half]}
    for found in (REAL / half).glob("*.expected.json"):
        assert found.name.removesuffix(".expected.json") in stems, found.name
    assert {p.suffix for p in (REAL / half).iterdir()} <= {".txt", ".json"}


@pytest.mark.parametrize("notice", ALL, ids=[f"{n.parent.name}/{n.stem}" for n in ALL])
def test_notice_is_well_formed(notice: Path) -> None:
    text = notice.read_bytes().decode("utf-8")
    assert text.strip()
    name = f"{notice.parent.name}/{notice.stem}"
    row = re.search(rf"^\| {re.escape(name)} \| (.+?) \| (.+?) \| (fr|en) \|", SOURCES, re.M)
    assert row, f"{name} has no line in tests/corpus/sources.md"
    data = expected(notice)
    assert set(data) == {"source", "language", "options", "interruptions", "notes"}
    assert data["language"] == row.group(3) and data["source"] and data["notes"]
    ZoneInfo(data["options"]["timezone"])
    date.fromisoformat(data["options"]["reference"])
    for item in data["interruptions"]:
        assert set(item) == {"service", "impact", "starts_at", "ends_at"}
        service = item["service"]
        names = [service] if isinstance(service, str) else service
        assert names and all(isinstance(s, str) and s.strip() for s in names)
        assert item["impact"] in {"unavailable", "limited"}
        starts, ends = (datetime.fromisoformat(item[k]) for k in ("starts_at", "ends_at"))
        assert starts.tzinfo is not None and ends.tzinfo is not None
        assert starts < ends


# --- the scorer on a fixture scored by hand ---------------------------------------------------

W1 = ("2025-06-01T22:00:00-04:00", "2025-06-02T02:00:00-04:00")
W1_UTC = ("2025-06-02T02:00:00+00:00", "2025-06-02T06:00:00+00:00")
W2 = ("2025-07-01T08:00:00-04:00", "2025-07-01T12:00:00-04:00")
W3 = ("2025-08-01T08:00:00-04:00", "2025-08-01T09:00:00-04:00")


def row(service: object, impact: str, window: tuple[str, str], **extra: object) -> dict[str, Any]:
    found = {"service": service, "impact": impact, "starts_at": window[0], "ends_at": window[1]}
    return found | extra


FIXTURE: dict[str, tuple[list[dict[str, Any]], dict[str, Any] | None]] = {
    # expected rows, and what the fake reader answers (None: it rejects the notice)
    "a-shared": (
        [row(["Portal", "Web portal"], "unavailable", W1), row("Email", "limited", W1)],
        {
            "interruptions": [
                row("web  PORTAL", "unavailable", W1_UTC, line=3),  # exact (other offset)
                row("E-mail", "limited", W1, line=4),  # wrong service, no warning
                row("Calendar", "unavailable", W3, line=5, warnings=["weak scope"]),
            ],
            "warnings": [],
        },
    ),
    "b-impact": (
        [row("Réseau d’aqueduc", "unavailable", W2)],
        {  # exact window, wrong impact, but warned on its line
            "interruptions": [row("reseau d'aqueduc", "limited", W2, line=7)],
            "warnings": [{"line": 7, "message": "impact guessed"}],
        },
    ),
    "c-rejected": ([row("A", "unavailable", W2), row("B", "unavailable", W2)], None),
    "d-nothing": ([], {"interruptions": [row("Title", "unavailable", W3, line=1)]}),
}


@pytest.fixture
def scorer() -> dict[str, Any]:
    return runpy.run_path(str(BENCH))


@pytest.fixture
def fixture_root(tmp_path: Path) -> Path:
    (tmp_path / "dev").mkdir()
    for name, (rows, _) in FIXTURE.items():
        (tmp_path / "dev" / f"{name}.txt").write_text("a notice\n", encoding="utf-8")
        data = {"options": {"timezone": "America/Toronto", "reference": "2025-05-01"}}
        (tmp_path / "dev" / f"{name}.expected.json").write_text(
            json.dumps(data | {"interruptions": rows}), encoding="utf-8"
        )
    return tmp_path


def fake_reader(scorer: dict[str, Any]) -> Any:
    def read(path: Path, options: dict[str, Any]) -> dict[str, Any]:
        assert options == {"timezone": "America/Toronto", "reference": "2025-05-01"}
        answer = FIXTURE[path.stem][1]
        if answer is None:
            raise scorer["Rejected"]("no service name for the window")
        return answer

    return read


def test_scorer_figures_match_the_hand_count(
    scorer: dict[str, Any], fixture_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # By hand: 5 expected rows, 5 produced (3 + 1 + 0 + 1); exact: "web PORTAL" and
    # "reseau d'aqueduc" = 2. Aligned pairs: Portal, Email (start and end agree), aqueduc:
    # service 2/3, impact 2/3, start 3/3, end 3/3. Silently wrong: "E-mail" and "Title"
    # (Calendar and the aqueduc row carry a warning; the rejected notice produces nothing).
    # Per notice: none read exactly (a: a wrong and a spurious row, b: the impact, c: rejected,
    # d: a row where none was expected); recall a 1/2, b 1/1, c 0/2 (d has no rows): mean 0.5.
    code = scorer["main"](
        ["--half", "dev", "--json", "--root", str(fixture_root)], reader=fake_reader(scorer)
    )
    assert code == 0
    figures = json.loads(capsys.readouterr().out)["dev"]
    assert figures == {
        "notices": 4,
        "rejected": 1,
        "expected_rows": 5,
        "produced_rows": 5,
        "exact_rows": 2,
        "recall": 0.4,
        "precision": 0.4,
        "aligned_pairs": 3,
        "field_accuracy": {"service": 2 / 3, "impact": 2 / 3, "start": 1.0, "end": 1.0},
        "silently_wrong_rows": 2,
        "silently_wrong_rate": 0.4,
        "notices_fully_right": 0,
        "macro_recall": 0.5,
        # why the three expected rows not read exactly were missed: "E-mail" is not "Email"
        # (another name, not a cut one), and the rejected notice's two rows
        "misses": {"window right, name other": 1, "in a rejected notice": 2},
    }


def test_scorer_says_why_each_expected_row_was_missed(scorer: dict[str, Any]) -> None:
    # By hand, five expected rows: "Portal" read with its window and a longer name (cut or
    # padded); "Email" and "Chat" share W1 but only one row was produced at that time, taken by
    # Portal (its time read, no row of its own); "Water" read at another time; "Gas" paired
    # with a row inside its window under another name; nothing at all at the bridge's time.
    expected = [
        row("Portal", "unavailable", W1),
        row("Email", "unavailable", W1),
        row("Water", "unavailable", W2),  # read under its name at another time
        row("Gas", "unavailable", W2),  # read at another time, under another name
        row("Bridge", "unavailable", ("2025-09-01T08:00:00-04:00", "2025-09-01T09:00:00-04:00")),
    ]
    produced = [
        row("Web portal", "unavailable", W1, line=1),
        row("Water", "unavailable", W3, line=2),
        row("Oil", "unavailable", ("2025-07-01T09:00:00-04:00", "2025-07-01T11:00:00-04:00")),
    ]
    score = scorer["score_notice"]("n", expected, {"interruptions": produced})
    assert score.exact == 0
    assert dict(score.misses) == {
        "window right, name cut or padded": 1,
        "its time read, no row of its own": 1,
        "name right, window wrong": 1,
        "name and window wrong": 1,
        "no row at its time": 1,
    }


def test_scorer_verbose_names_each_mismatch(
    scorer: dict[str, Any], fixture_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer["main"](["--half", "dev", "--verbose", "--root", str(fixture_root)], fake_reader(scorer))
    out = capsys.readouterr().out
    assert "exact-window recall     40.0 %  (2/5)" in out
    assert "c-rejected: 0/2 exact, rejected (no service name for the window)" in out
    assert "wrong service: expected 'Email'" in out
    assert "wrong impact: expected 'Réseau d’aqueduc'" in out
    assert "spurious 'Calendar'" in out
    assert "a-shared: 1/2 exact" in out


def test_the_sealed_fresh_half_is_scored_only_when_named(
    scorer: dict[str, Any], fixture_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (fixture_root / "test").mkdir()
    (fixture_root / "fresh").mkdir()
    for half in ("test", "fresh"):
        for name in FIXTURE:
            for suffix in (".txt", ".expected.json"):
                source = fixture_root / "dev" / f"{name}{suffix}"
                (fixture_root / half / f"{name}{suffix}").write_bytes(source.read_bytes())
    root = ["--json", "--root", str(fixture_root)]
    scorer["main"](["--half", "all", *root], reader=fake_reader(scorer))
    assert set(json.loads(capsys.readouterr().out)) == {"dev", "test"}
    scorer["main"](["--half", "fresh", *root], reader=fake_reader(scorer))
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"fresh"} and figures["fresh"]["exact_rows"] == 2


def test_the_development_half_splits_in_two_fixed_parts_by_crc32(
    scorer: dict[str, Any], fixture_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zlib

    parts = {name: zlib.crc32(name.encode("utf-8")) % 2 for name in FIXTURE}
    assert {scorer["part_of"](name) for name in FIXTURE} == set(parts.values()) == {0, 1}
    assert all(scorer["part_of"](name) == part for name, part in parts.items())
    root = ["--half", "dev", "--json", "--root", str(fixture_root)]
    counted = 0
    for part in (0, 1):
        scorer["main"]([*root, "--part", str(part)], reader=fake_reader(scorer))
        figures = json.loads(capsys.readouterr().out)["dev"]
        assert figures["notices"] == sum(p == part for p in parts.values())
        counted += figures["notices"]
    assert counted == len(FIXTURE)
    with pytest.raises(SystemExit):  # part 1 is measured, never read
        scorer["main"]([*root[:-2], "--part", "1", "--verbose"], reader=fake_reader(scorer))


def test_service_names_fold_case_accents_punctuation_and_spaces(scorer: dict[str, Any]) -> None:
    fold = scorer["fold"]
    assert fold("  Réseau d’aqueduc ") == fold("RESEAU D'AQUEDUC") == "reseau daqueduc"
    assert fold("ESS/Portal") == fold("ess portal")
    assert fold("E-mail") != fold("Email")


def test_the_adapter_reads_like_the_command_line(scorer: dict[str, Any]) -> None:
    reading = scorer["read_as_cli"](
        HERE / "05-prose-en.txt", {"timezone": "America/Toronto", "reference": "2025-01-15"}
    )
    assert reading["interruptions"] and not reading["errors"]
    with pytest.raises(scorer["Rejected"]):
        scorer["read_as_cli"](HERE / "17-end-before-start-error.txt", {"reference": "2025-01-15"})


def test_scorer_counts_a_notice_read_exactly(
    scorer: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dev").mkdir()
    rows = [row("Portal", "unavailable", W1), row("Email", "limited", W2)]
    (tmp_path / "dev" / "e-right.txt").write_text("a notice\n", encoding="utf-8")
    data = {"options": {"timezone": "America/Toronto", "reference": "2025-05-01"}}
    (tmp_path / "dev" / "e-right.expected.json").write_text(
        json.dumps(data | {"interruptions": rows}), encoding="utf-8"
    )
    answer = {"interruptions": [row("portal", "unavailable", W1_UTC), row("Email", "limited", W2)]}
    scorer["main"](
        ["--half", "dev", "--json", "--root", str(tmp_path)], reader=lambda path, options: answer
    )
    figures = json.loads(capsys.readouterr().out)["dev"]
    assert (figures["notices_fully_right"], figures["macro_recall"]) == (1, 1.0)
