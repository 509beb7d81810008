"""The log lines of `preavis serve` and `preavis worker` in the operator's language: uvicorn's
lines (its process started, listening on an address, the application started, stopping,
errors) are said again in French or English with what they carry (process numbers, addresses,
signals, details); Préavis's own lines are logged as message ids of the catalogue
(domain/messages.py, `Said`) and said from it. A line neither knows is kept as it was written.
The access log (`--access-log`) keeps uvicorn's format: it is read by tools."""

from __future__ import annotations

import logging
import re
import sys
from copy import deepcopy
from typing import Any

from preavis.cli.speech import current
from preavis.domain.messages import Said
from preavis.domain.text import Lang
from preavis.formats.messages import say

NBSP = "\u00a0"

# uvicorn's messages (as logged, once formatted) and what they mean: (pattern, English, French).
# The named groups of the pattern are the details each sentence carries on.
_CTRL_C = "(?:Press CTRL\\+C to quit|CTRL\\+C to force quit)"
_LINES: tuple[tuple[str, str, str], ...] = (
    (r"Started server process \[(?P<pid>\d+)\]",
     "server process {pid} started",
     "processus serveur {pid} démarré"),
    (r"Waiting for application startup\.",
     "starting the application",
     "démarrage de l’application"),
    (r"Application startup complete\.",
     "application started",
     "application démarrée"),
    (r"Application startup failed\. Exiting\.",
     "the application could not start: stopping",
     "l’application n’a pas pu démarrer : arrêt"),
    (rf"Uvicorn running on (?P<url>\S+) \({_CTRL_C}\)",
     "listening on {url} (Ctrl-C to stop)",
     "à l’écoute sur {url} (Ctrl-C pour arrêter)"),
    (rf"Uvicorn running on unix socket (?P<path>.+) \({_CTRL_C}\)",
     "listening on the Unix socket {path} (Ctrl-C to stop)",
     "à l’écoute sur le socket Unix {path} (Ctrl-C pour arrêter)"),
    (rf"Uvicorn running on socket (?P<socket>.+) \({_CTRL_C}\)",
     "listening on the socket {socket} (Ctrl-C to stop)",
     "à l’écoute sur le socket {socket} (Ctrl-C pour arrêter)"),
    (r"Shutting down",
     "stopping",
     "arrêt en cours"),
    (rf"Waiting for connections to close\. \({_CTRL_C}\)",
     "waiting for open connections to close (Ctrl-C again to stop at once)",
     "attente de la fermeture des connexions ouvertes (Ctrl-C de nouveau pour arrêter "
     "sur-le-champ)"),
    (rf"Waiting for background tasks to complete\. \({_CTRL_C}\)",
     "waiting for tasks in progress to finish (Ctrl-C again to stop at once)",
     "attente de la fin des tâches en cours (Ctrl-C de nouveau pour arrêter sur-le-champ)"),
    (r"Cancel (?P<count>\d+) running task\(s\), timeout graceful shutdown exceeded",
     "stopping took too long: tasks still running cancelled: {count}",
     "l’arrêt a pris trop de temps : tâches encore en cours annulées : {count}"),
    (r"Waiting for application shutdown\.",
     "stopping the application",
     "arrêt de l’application"),
    (r"Application shutdown complete\.",
     "application stopped",
     "application arrêtée"),
    (r"Application shutdown failed\. Exiting\.",
     "the application could not stop cleanly: stopping",
     "l’application n’a pas pu s’arrêter proprement : arrêt"),
    (r"Finished server process \[(?P<pid>\d+)\]",
     "server process {pid} finished",
     "processus serveur {pid} terminé"),
    (r"Started parent process \[(?P<pid>\d+)\]",
     "parent process {pid} started",
     "processus parent {pid} démarré"),
    (r"Stopping parent process \[(?P<pid>\d+)\]",
     "parent process {pid} stopping",
     "arrêt du processus parent {pid}"),
    (r"Waiting for child process \[(?P<pid>\d+)\]",
     "waiting for child process {pid}",
     "attente du processus enfant {pid}"),
    (r"Terminated child process \[(?P<pid>\d+)\]",
     "child process {pid} asked to stop",
     "arrêt demandé au processus enfant {pid}"),
    (r"Child process \[(?P<pid>\d+)\] died",
     "child process {pid} ended unexpectedly",
     "le processus enfant {pid} s’est arrêté de façon inattendue"),
    (r"Child process \[(?P<pid>\d+)\] failed to start, stopping the parent process\.",
     "child process {pid} could not start: stopping the parent process",
     "le processus enfant {pid} n’a pas pu démarrer : arrêt du processus parent"),
    (r"Received (?P<signal>SIG[A-Z]+), exiting\.",
     "{signal} received: stopping",
     "{signal} reçu : arrêt"),
    (r"Received SIGHUP, restarting processes\.",
     "SIGHUP received: restarting the processes",
     "SIGHUP reçu : redémarrage des processus"),
    (r"Maximum request limit of (?P<count>\d+) exceeded\. Terminating process\.",
     "request limit reached ({count}): stopping this process",
     "limite de requêtes atteinte ({count}) : arrêt de ce processus"),
    (r"Exception in ASGI application\s*",
     "a request failed on an error of the application (details below)",
     "une requête a échoué sur une erreur de l’application (détails ci-dessous)"),
    (r"Invalid HTTP request received\.",
     "invalid HTTP request received",
     "requête HTTP invalide reçue"),
    (r"Error loading ASGI app factory: (?P<detail>.*)",
     "the web application could not be built: {detail}",
     "l’application web n’a pas pu être construite : {detail}"),
    (r"\[Errno \d+\] error while attempting to bind on address "
     r"\('(?P<host>[^']*)', (?P<port>\d+)(?:, \d+, \d+)?\): (?P<why>.*)",
     "cannot listen on {host}:{port}: {why}",
     "impossible d’écouter sur {host}:{port} : {why}"),
)  # fmt: skip
_KNOWN = tuple((re.compile(pattern, re.DOTALL), en, fr) for pattern, en, fr in _LINES)

_LEVELS: dict[Lang, dict[int, str]] = {
    "en": {logging.DEBUG: "debug:", logging.INFO: "info:", logging.WARNING: "warning:",
           logging.ERROR: "error:", logging.CRITICAL: "critical:"},
    "fr": {logging.DEBUG: f"débogage{NBSP}:", logging.INFO: f"info{NBSP}:",
           logging.WARNING: f"avertissement{NBSP}:", logging.ERROR: f"erreur{NBSP}:",
           logging.CRITICAL: f"erreur grave{NBSP}:"},
}  # fmt: skip


def said_record(record: logging.LogRecord, lang: Lang) -> str:
    """A record's message in `lang`: Préavis's own from the catalogue, uvicorn's from the
    table above, any other as it was written."""
    if isinstance(record.msg, Said) and not record.args:
        return say(record.msg.code, record.msg.params, lang)
    return said(record.getMessage(), lang)


def said(message: str, lang: Lang) -> str:
    """uvicorn's `message` in `lang` (French typography: a non-breaking space before a
    colon); a message this module does not know, as it is."""
    for pattern, en, fr in _KNOWN:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        if lang == "en":
            return en.format(**found.groupdict())
        # The details (addresses, reasons) are kept as they are, outside the typography.
        return fr.replace(" : ", f"{NBSP}: ").format(**found.groupdict())
    return message


class ServerLines(logging.Formatter):
    """A log line of the server: its level, then what happened, in the operator's language;
    a traceback, when there is one, follows as Python wrote it."""

    def __init__(self, lang: Lang | None = "en") -> None:
        super().__init__()
        # None: the language the command line speaks when the line is written (--lang)
        self.fixed: Lang | None = None if lang is None else "fr" if lang == "fr" else "en"

    @property
    def lang(self) -> Lang:
        return current() if self.fixed is None else self.fixed

    def format(self, record: logging.LogRecord) -> str:
        lang = self.lang
        level = _LEVELS[lang].get(record.levelno, record.levelname.lower() + ":")
        text = f"{level} {said_record(record, lang)}"
        if record.exc_info:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        if record.stack_info:
            text = f"{text}\n{self.formatStack(record.stack_info)}"
        return text


def log_config(lang: Lang) -> dict[str, Any]:
    """uvicorn's logging configuration with its own lines said by ServerLines; the access log
    (on or off with --access-log) keeps uvicorn's formatter. Each worker process of
    `--workers N` applies it again, so they all speak the same language."""
    from uvicorn.config import LOGGING_CONFIG  # noqa: PLC0415 - only `serve` imports uvicorn

    config = deepcopy(LOGGING_CONFIG)
    config["formatters"]["default"] = {"()": f"{__name__}.ServerLines", "lang": lang}
    # Préavis's own lines beside uvicorn's, same formatter, in every worker process; the
    # level is the one they had before (Python's last-resort handler: warnings and errors).
    config["loggers"][PREAVIS_LOG] = {
        "handlers": ["default"], "level": "WARNING", "propagate": False,
    }  # fmt: skip
    return config


PREAVIS_LOG = "preavis"


class _Stderr(logging.StreamHandler[Any]):
    """A handler writing to sys.stderr as it is when a line is written (as Python's
    last-resort handler does: tests and callers may replace it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


_HANDLER: list[logging.Handler] = []


def speak_logs() -> None:
    """Every command line: Préavis's own log lines (warnings and errors, as Python's
    last-resort handler printed them before) on standard error, in the language the command
    speaks. Once per process (main() may run many times in tests)."""
    logger = logging.getLogger(PREAVIS_LOG)
    if _HANDLER and _HANDLER[0] in logger.handlers:
        return
    handler = _Stderr()
    handler.setFormatter(ServerLines(None))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    _HANDLER[:] = [handler]
