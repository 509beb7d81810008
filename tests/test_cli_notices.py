"""parse-notice and write-notice, driven from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.corpus.answers import HERE
from tests.test_cli import run

KEYS = {
    "language",
    "timezone",
    "year",
    "maintenance",
    "interruptions",
    "corrections",
    "warnings",
    "errors",
}


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages; tests/test_cli_language.py reads the French."""
    monkeypatch.setenv("PREAVIS_LANG", "en")


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds are not beside this checkout")
def test_parse_notice_json_on_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse-notice", str(SEED), "--year", "2025", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == KEYS
    assert set(data["maintenance"]) == {"title", "starts_at", "ends_at"}
    assert len(data["interruptions"]) == 28
    row = data["interruptions"][0]
    assert set(row) == {
        "service", "impact", "description", "starts_at", "ends_at", "line", "evidence"
    }  # fmt: skip
    assert set(row["evidence"]) == {
        "rule", "service", "service_pieces", "window", "warnings", "match"
    }  # fmt: skip
    assert row["evidence"]["rule"] == "same row"  # the table's row ties name and window
    assert row["starts_at"] == "2025-06-22T23:59:00-04:00"
    assert all(set(c) == {"line", "from", "to"} for c in data["corrections"])


def test_errors_exit_1_and_still_print_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse-notice", str(HERE / "15-dst-gap-error.txt"), "--json")
    assert code == 1
    assert "does not exist" in json.loads(out)["errors"][0]["message"]


def test_human_output_names_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "parse-notice", str(HERE / "17-end-before-start-error.txt"))
    assert code == 1
    assert "Gift cards" in out
    assert "17-end-before-start-error.txt:5: error:" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--reference", "tomorrow"],
        ["--timezone", "Mars/Olympus"],
        ["--lang", "de"],
        ["--year", "soon"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, _ = run(capsys, "parse-notice", str(HERE / "25-pair-fr.txt"), *argv)
    assert code == 2


def test_unreadable_notice_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, _, err = run(capsys, "parse-notice", str(path))
    assert code == 1
    assert err.startswith("preavis: error:")
    assert len(err.strip().splitlines()) == 1


def test_translation_pair(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "parse-notice",
        str(HERE / "25-pair-fr.txt"),
        "--translation",
        str(HERE / "26-pair-en.txt"),
        "--reference",
        "2025-01-15",
        "--json",
    )
    assert code == 0
    rows = json.loads(out)["interruptions"]
    assert rows[0]["translation"] == {
        "language": "en",
        "service": "Online shop",
        "description": "The shop cannot be reached.",
    }


def test_catalogue_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "example")
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(out, encoding="utf-8")
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "- Boutique en 1igne : indisponible du 3 mai 2025, 20 h au 4 mai 2025, 2 h (HE)\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "parse-notice", str(notice), "--catalogue", str(catalogue), "--json")
    assert code == 0
    assert json.loads(out)["interruptions"][0]["service"] == "Boutique en ligne"


@pytest.mark.parametrize(
    ("lang", "fmt", "needle"),
    [
        ("fr", "text", "Du 25 juin, 20\u00a0h au 2 juillet, 7\u00a0h"),
        ("en", "text", "From June 25, 8\u00a0p.m. to July 2, 7\u00a0a.m."),
        ("en", "markdown", "| Application | Service interruption | Duration |"),
        ("fr", "html", '<html lang="fr-CA">'),
    ],
)
def test_write_notice(capsys: pytest.CaptureFixture[str], lang: str, fmt: str, needle: str) -> None:
    code, out, _ = run(capsys, "write-notice", "--lang", lang, "--format", fmt)
    assert code == 0
    assert needle in out


def test_written_notice_parses_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "write-notice", "--lang", "en")
    path = tmp_path / "notice.txt"
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "parse-notice", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["interruptions"]) == 28
    assert data["year"] == 2025
    assert data["errors"] == []


def test_write_notice_unknown_maintenance(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "write-notice", "--maintenance", "nope")
    assert code == 1
    assert "unknown maintenance 'nope'" in err


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds are not beside this checkout")
def test_parse_notice_says_the_readers_warnings_in_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    code, out, _ = run(capsys, "parse-notice", str(SEED), "--year", "2025")
    assert code == 0
    flat = " ".join(out.split())
    assert "« minuit » le 22 juin 2025 lu comme la fin de cette journée" in flat.replace(
        "\u00a0", " "
    )
    assert "lu comme limité" in flat
    for english in ("read as", "impact of", "before the announced"):
        assert english not in flat, english
    # The JSON output keeps the reader's English words, whatever the language.
    code, out, _ = run(capsys, "parse-notice", str(SEED), "--year", "2025", "--json")
    assert "read as limited" in out


IBM = HERE / "real" / "dev" / "ibm-devops-services-schedule-2014-en.txt"  # a development notice


def test_parse_notice_json_says_each_warning_in_the_cli_language_by_its_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`preavis --lang fr parse-notice X --json`: every warning keeps its English `message` and
    gains its catalogue id, its parameters and `said`, in French; a row's evidence refers to
    the top-level warnings by their place in the list."""
    argv = ["--lang", "fr", "parse-notice", str(IBM), "--timezone", "America/New_York"]
    code, out, _ = run(capsys, *argv, "--reference", "2014-07-01", "--json")
    assert code == 0
    data = json.loads(out)
    numeric = [w for w in data["warnings"] if w["code"] == "notice.numeric_read_as"]
    assert numeric, data["warnings"]
    first = numeric[0]
    assert first["message"] == (
        "07/08/2014 read as July 8 (month/day, as the notice's other numeric dates show)"
    )
    assert first["params"]["printed"] == "07/08/2014"
    assert first["said"].replace("\u00a0", " ") == (
        "07/08/2014 lu comme le 8 juillet (mois/jour, comme le montrent les autres dates "
        "numériques de l’avis)"
    )
    assert all(w["code"] and w["said"] for w in data["warnings"])
    rows = [r for r in data["interruptions"] if r["evidence"]["warnings"]]
    assert rows
    for row in rows:
        for said in row["evidence"]["warnings"]:
            top = data["warnings"][said["warning"]]
            assert (top["code"], top["said"]) == (said["code"], said["said"])
    # The same warnings in the text output, in French.
    code, out, _ = run(capsys, *argv, "--reference", "2014-07-01")
    flat = " ".join(out.split()).replace("\u00a0", " ")
    assert "07/08/2014 lu comme le 8 juillet (mois/jour" in flat
    assert "read as" not in flat
