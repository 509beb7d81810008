"""Préavis's own log lines are said in the operator's language: every log call in src/preavis
passes a catalogue message (`Said`, domain/messages.py) with the parameters its words use,
never a literal sentence; the formatter of `preavis serve` and `worker` says it in French or
English (plurals through Babel, French typography), a plain logging setup reads the English,
and a traceback stays as Python wrote it."""

from __future__ import annotations

import ast
import io
import logging
import sys
from pathlib import Path

import pytest

from preavis.cli.server_log import ServerLines, log_config, speak_logs
from preavis.domain.messages import CATALOGUE, Said, parameters

SRC = Path(__file__).resolve().parents[1] / "src" / "preavis"
LEVELS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
NB = "\u00a0"


def bypasses(source: str, name: str = "<test>") -> list[str]:
    """The log calls in `source` whose message is not a `Said(...)` of a known id with the
    parameters its words use: "file:line: why"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        if node.func.attr not in LEVELS or not isinstance(target, ast.Name):
            continue
        if target.id not in ("log", "logger", "logging"):
            continue
        args = node.args[1:] if node.func.attr == "log" else node.args
        where = f"{name}:{node.lineno}"
        message = args[0] if args else None
        if not (
            isinstance(message, ast.Call)
            and isinstance(message.func, ast.Name)
            and message.func.id == "Said"
        ):
            found.append(f"{where}: the message is not Said(...)")
            continue
        if len(args) > 1:
            found.append(f"{where}: %-arguments beside Said (give them as its parameters)")
        code = message.args[0] if message.args else None
        if not isinstance(code, ast.Constant):
            continue  # chosen at run time (storage/store.py): each choice is a literal there
        if code.value not in CATALOGUE:
            found.append(f"{where}: {code.value!r} is not in the catalogue")
            continue
        entry = CATALOGUE[code.value]
        given = {k.arg for k in message.keywords}
        if given != parameters(entry.en):
            found.append(f"{where}: {code.value} takes {sorted(parameters(entry.en))}")
    return found


def test_every_log_call_in_src_says_a_catalogue_message() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += bypasses(path.read_text("utf-8"), str(path.relative_to(SRC)))
    assert found == []


@pytest.mark.parametrize(
    "planted",
    [
        'log.warning("worker: database unavailable (%s)", detail)',
        'log.info(f"recorded {n} deliveries")',
        'logger.exception("cannot send")',
        'log.log(30, "plain")',
        'log.warning(Said("log.no_such_line"))',
        'log.warning(Said("log.worker_left"))',  # its count is missing
        'log.warning(Said("log.worker_database_back"), detail)',
    ],
)
def test_the_scan_finds_a_line_that_bypasses_the_catalogue(planted: str) -> None:
    assert bypasses(planted) != []
    assert bypasses('log.warning(Said("log.worker_left", count=n))') == []


def record(message: object, level: int = logging.WARNING, exc: bool = False) -> logging.LogRecord:
    info = None
    if exc:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            info = sys.exc_info()
    return logging.LogRecord("preavis.notify", level, __file__, 1, message, None, info)


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [
        (1, "1 envoi fait mais non enregistré repartira à la fin de son bail",
         "1 delivery sent but not recorded goes out again once its lease is over"),
        (3, "3 envois faits mais non enregistrés repartiront à la fin de leur bail",
         "3 deliveries sent but not recorded go out again once their lease is over"),
    ],
)  # fmt: skip
def test_a_line_is_said_in_the_operators_language_with_its_plural(
    count: int, fr: str, en: str
) -> None:
    line = record(Said("log.worker_left", count=count))
    assert ServerLines("fr").format(line) == (
        f"avertissement{NB}: arrêt pendant que la base de données est inaccessible{NB}: {fr}"
    )
    assert ServerLines("en").format(line) == (
        f"warning: worker stopped while the database is away: {en}"
    )
    # Any other logging setup reads the English sentence.
    assert logging.Formatter("%(message)s").format(line) == (
        f"worker stopped while the database is away: {en}"
    )


def test_details_from_elsewhere_are_kept_and_the_traceback_stays_as_written() -> None:
    line = record(Said("log.worker_database_away", detail="could not connect: x", seconds="2"))
    assert ServerLines("fr").format(line) == (
        f"avertissement{NB}: envoi des notifications{NB}: base de données inaccessible "
        f"(could not connect: x){NB}; nouvel essai toutes les 2 s"
    )
    text = ServerLines("fr").format(record(Said("log.worker_pass_failed"), exc=True))
    first, *rest = text.splitlines()
    assert first == (
        f"avertissement{NB}: échec d’un passage de l’envoi des notifications{NB}; nouvel essai "
        "sous peu (détails ci-dessous)"
    )
    assert rest[0] == "Traceback (most recent call last):" and rest[-1] == "RuntimeError: boom"


def test_numbers_follow_the_language() -> None:
    line = record(Said("log.export_refreshed", path="/srv/x", files=1200, seconds=2.5))
    assert ServerLines("fr").format(line).endswith(f"/srv/x (1{NB}200 fichiers, 2,5 s)")
    assert ServerLines("en").format(line).endswith("/srv/x (1,200 files, 2.5 s)")


def test_serve_logs_preavis_lines_with_the_same_formatter() -> None:
    config = log_config("fr")
    assert config["loggers"]["preavis"]["handlers"] == ["default"]
    assert config["formatters"]["default"]["lang"] == "fr"


def test_a_command_lines_log_speaks_its_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command: warnings of Préavis's loggers on standard error, in the language the
    command chose (--lang), once however often main() runs."""
    from preavis.cli import speech

    speak_logs()
    speak_logs()
    handlers = logging.getLogger("preavis").handlers
    handlers = [h for h in handlers if isinstance(h.formatter, ServerLines)]
    assert len(handlers) == 1
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    speech.choose("fr")
    try:
        logging.getLogger("preavis.notify").warning(
            Said("log.endpoint_disabled", endpoint=3, error="HTTP 410 from x")
        )
    finally:
        speech.forget()
    assert err.getvalue() == (
        f"avertissement{NB}: point de terminaison 3 désactivé{NB}: HTTP 410 from x\n"
    )
