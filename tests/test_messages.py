"""The one catalogue of error messages (domain/messages.py), walked: every id in both languages
with the same parameters, French typography, plurals through Babel, and every id the code
raises present in it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from preavis.domain.errors import NotFoundError, ScheduleError, ValidationError
from preavis.domain.messages import CATALOGUE, parameters
from preavis.domain.problems import Severity, said
from preavis.formats.messages import describe, say, say_error

NB = "\u00a0"
SRC = Path(__file__).resolve().parents[1] / "src" / "preavis"
SPECS = re.compile(r"^(|q|prefix|term|nth|num|if=[\w.]+)$")
# Words that give away an English sentence left in a French message.
ENGLISH = re.compile(
    r"\b(the|is|not|unknown|must|already|exists|expected|cannot|no such|line|needs|give|"
    r"file|between|with|without|at most|too)\b"
)


def _forms(words: object) -> list[str]:
    return [words] if isinstance(words, str) else list(words.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_id_has_both_languages_with_the_same_parameters(code: str) -> None:
    entry = CATALOGUE[code]
    assert _forms(entry.en) and _forms(entry.fr), code
    assert all(text.strip() for text in _forms(entry.en) + _forms(entry.fr)), code
    assert parameters(entry.en) == parameters(entry.fr), code
    if entry.count:
        assert entry.count in parameters(entry.en), code
        for words in (entry.en, entry.fr):
            assert isinstance(words, dict) and {"one", "other"} <= set(words), code
    else:
        assert isinstance(entry.en, str) and isinstance(entry.fr, str), code
    for text in _forms(entry.en) + _forms(entry.fr):
        for _, name, spec, _ in string.Formatter().parse(text):
            if name is not None:
                assert SPECS.match(spec or ""), (code, spec)
                if spec and spec.startswith("if="):
                    assert spec[3:] in CATALOGUE, (code, spec)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_french_reads_as_french(code: str) -> None:
    entry = CATALOGUE[code]
    sample = dict.fromkeys(parameters(entry.fr), "X")
    if entry.count:
        sample[entry.count] = 2  # type: ignore[assignment]
    text = say(code, sample, "fr")
    assert "'" not in text, text  # the French apostrophe is ’, quotes are « »
    assert not re.search(r" [:;?!»]|« ", text), text  # spaces there are non-breaking
    if code.startswith("page."):
        return  # the public pages' own sentences: checked as written, they name parameters
    assert not ENGLISH.search(text.replace("X", "")), text


def test_values_are_quoted_and_spaced_the_french_way() -> None:
    assert say("service.unknown", {"slug": "nope"}, "fr") == f"service inconnu{NB}: «{NB}nope{NB}»"
    assert say("service.unknown", {"slug": "nope"}, "en") == "unknown service 'nope'"


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [
        (
            1,
            "ligne 4\u00a0: 3 colonnes attendues, 1 trouvée",
            "line 4: expected 3 columns, found 1",
        ),
        (
            0,
            "ligne 4\u00a0: 3 colonnes attendues, 0 trouvée",
            "line 4: expected 3 columns, found 0",
        ),
        (
            5,
            "ligne 4\u00a0: 3 colonnes attendues, 5 trouvées",
            "line 4: expected 3 columns, found 5",
        ),
    ],
)
def test_plurals_follow_babel_rules(count: int, fr: str, en: str) -> None:
    # French takes the singular for 0 and 1 (CLDR), English only for 1.
    assert say("csv.columns", {"line": 4, "count": count}, "fr") == fr
    assert say("csv.columns", {"line": 4, "count": count}, "en") == en


def test_an_error_keeps_its_english_words_and_says_them_in_french() -> None:
    exc = NotFoundError.said("maintenance.unknown", slug="x")
    assert str(exc) == "unknown maintenance 'x'"
    assert say_error(exc, "fr") == f"maintenance inconnue{NB}: «{NB}x{NB}»"
    nested = ValidationError.said("csv.line", field="language", line=3, error=exc)
    assert str(nested) == "line 3: unknown maintenance 'x'"
    assert say_error(nested, "fr") == f"ligne 3{NB}: maintenance inconnue{NB}: «{NB}x{NB}»"


def test_a_schedule_error_is_said_from_its_problems() -> None:
    problems = [
        said(Severity.ERROR, "schedule.field_required", "maintenances[0].slug", 4),
        said(Severity.ERROR, "schedule.field_twice", "services[1].name", 9),
        said(Severity.ERROR, "schedule.empty"),
    ]
    exc = ScheduleError(problems, source="f.yaml")
    assert str(exc) == (
        "f.yaml:4: error: maintenances[0].slug: this field is required (and 2 more errors)"
    )
    assert say_error(exc, "fr") == (
        f"f.yaml:4: erreur{NB}: maintenances[0].slug{NB}: ce champ est obligatoire "
        "(et 2 autres erreurs)"
    )
    assert describe(problems[1], "fr") == (
        f"9: erreur{NB}: services[1].name{NB}: ce champ est donné deux fois"
    )


def test_every_message_id_the_code_uses_is_in_the_catalogue() -> None:
    from preavis.web.front import ROUTES

    pages = {kind for _, kind in ROUTES}  # the public site's page kinds ("service.ics")
    used: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(r'"([a-z_]+\.[a-z_]+(?:\.[a-z_]+)?)"', text):
            code = found[1]
            head = code.split(".")[0]
            if code in pages or text[: found.start()].endswith("querySelector("):
                continue  # a page kind, or a CSS selector in a script the export writes
            if head in {c.split(".")[0] for c in CATALOGUE} and "said(" in text:
                used.setdefault(code, str(path.relative_to(SRC)))
    missing = {code: where for code, where in used.items() if code not in CATALOGUE}
    # Strings that look like ids but are not (file names, attributes) are not in these files.
    assert not missing, missing
    assert len(used) > 60  # the scan found the ids it is meant to check


def test_no_id_is_written_twice() -> None:
    from preavis.domain import (
        messages_backup,
        messages_data,
        messages_interfaces,
        messages_keys,
        messages_log,
        messages_reader,
    )

    parts = (
        messages_data.MESSAGES,
        messages_reader.MESSAGES,
        messages_interfaces.MESSAGES,
        messages_backup.MESSAGES,
        messages_keys.MESSAGES,
        messages_log.MESSAGES,
    )
    assert len(CATALOGUE) == sum(len(part) for part in parts)  # no id in two parts


def test_plural_lines_of_the_command_line_follow_babel() -> None:
    said = {n: say("subscribers.imported", {"count": n, "path": "p.csv"}, "fr") for n in (0, 1, 3)}
    assert said == {
        0: "0 abonné importé depuis p.csv",
        1: "1 abonné importé depuis p.csv",
        3: "3 abonnés importés depuis p.csv",
    }
    assert say("subscribers.imported", {"count": 1, "path": "p.csv"}, "en") == (
        "1 subscriber imported from p.csv"
    )
    assert say("export.broken_links", {"count": 2, "first": "/a"}, "fr") == (
        f"export-site{NB}: 2 liens brisés, p. ex. /a"
    )
