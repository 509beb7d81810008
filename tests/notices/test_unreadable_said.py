"""A notice that cannot be read at all is refused in the person's language: each reason has
a message id with French and English words, kept when the notice is read in a child process
(the admin's import) and said by the command line in its language."""

from __future__ import annotations

from pathlib import Path

import pytest

from preavis.actions.reading import read_notice_isolated
from preavis.cli import main
from preavis.domain.errors import NoticeError
from preavis.formats.messages import say_error
from preavis.notices import limits
from preavis.notices.reader import read_notice

NBSP = "\u00a0"  # French (Canada) groups thousands with a no-break space
CASES = [
    (b"\x00\x01\x02binary", "notice.binary", "fichier binaire", "binary file"),
    (b"\xff\xfe\x00\xd8", "notice.utf16", "UTF-16 illisible", "not readable UTF-16"),
    (b"   \n\n  ", "notice.empty", "l’avis est vide", "the notice is empty"),
    (b"%PDF-1.4 not really a PDF", "notice.pdf_unreadable", "PDF illisible", "not a readable PDF"),
]


@pytest.mark.parametrize(("data", "code", "fr", "en"), CASES)
def test_an_unreadable_notice_is_refused_in_both_languages(
    data: bytes, code: str, fr: str, en: str
) -> None:
    with pytest.raises(NoticeError) as caught:
        read_notice(data)
    assert caught.value.code == code
    assert fr in say_error(caught.value, "fr") and en not in say_error(caught.value, "fr")
    assert en in say_error(caught.value, "en") and en in str(caught.value)


def test_numbers_are_grouped_as_each_language_groups_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "NOTICE_MAX_TEXT", 1_000_000)
    error = limits.too_much_text(1_234_567)
    assert "more than 1,000,000 characters of text (1,234,567)" in say_error(error, "en")
    french = say_error(error, "fr")
    assert f"plus de 1{NBSP}000{NBSP}000 caractères de texte (1{NBSP}234{NBSP}567)" in french
    assert "découpez-le" in french


def test_the_year_and_the_time_budget_are_said_in_french() -> None:
    with pytest.raises(NoticeError) as year:
        read_notice("Coupure le 3 juin de 20 h à 22 h : Courriel", year=1800)
    assert say_error(year.value, "fr") == "l’année 1800 (--year) est hors limites"
    with pytest.raises(NoticeError) as slow:
        read_notice("Coupure le 3 juin de 20 h à 22 h : Courriel", budget=0)
    assert say_error(slow.value, "fr").startswith("la lecture de l’avis a pris plus de 0 s")


def test_the_reason_travels_from_the_child_process_that_reads() -> None:
    with pytest.raises(NoticeError) as caught:
        read_notice_isolated(b"\x00\x01\x02binary")
    assert caught.value.code == "notice.binary"
    assert "fichier binaire" in say_error(caught.value, "fr")


def test_the_command_line_says_why_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    notice = tmp_path / "avis.bin"
    notice.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(SystemExit) as exit_code:
        main(["parse-notice", str(notice)])
    assert exit_code.value.code != 0
    err = capsys.readouterr().err
    assert "fichier binaire" in err and "binary file" not in err
