"""The `preavis` command: the Typer app and what every command shares."""

from __future__ import annotations

import importlib
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from typer._click import exceptions as usage  # Typer 0.29 carries its own Click

from preavis.cli.server_log import speak_logs
from preavis.cli.speech import choose, error_text, failure_text, forget, line, tr
from preavis.cli.words import framework_language, localize, usage_error
from preavis.clock import Clock, SystemClock
from preavis.domain.access import Actor, Role
from preavis.domain.errors import InputError, PreavisError, StorageUnavailableError
from preavis.domain.interruption import Impact
from preavis.domain.messages import Said
from preavis.domain.text import Lang
from preavis.domain.timeline import ServiceStatus
from preavis.domain.zones import parse_instant, zone
from preavis.formats.messages import say as say_message
from preavis.settings import Settings, chosen_lang, leading_lang, locale_lang, unknown_settings

if TYPE_CHECKING:
    from preavis.actions import Context
    from preavis.formats.schedule import Loaded


class Lazy:
    """A module imported when first used, so that `preavis --help` and the light commands do
    not load the database (SQLAlchemy, Alembic) or the notice reader (pypdf). Modules write
    `if TYPE_CHECKING: from preavis.actions import data` / `else: data = Lazy(...)`."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


if TYPE_CHECKING:
    from preavis import actions as _actions
    from preavis import storage as _storage
    from preavis.formats import schedule as _schedule
else:
    _actions = Lazy("preavis.actions")
    _storage = Lazy("preavis.storage")
    _schedule = Lazy("preavis.formats.schedule")

app = typer.Typer(
    help=tr(
        "Préavis: planned service interruptions, in French and English.",
        "Préavis : les interruptions de service planifiées, en français et en anglais.",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangOption(StrEnum):
    FR = "fr"
    EN = "en"


@app.callback()
def every_command(
    lang: Annotated[
        LangOption | None,
        typer.Option(
            "--lang",
            help=tr(
                "Language of everything the command line says, for any command: "
                "preavis --lang en maintenance list (default PREAVIS_LANG, else the locale, "
                "else fr).",
                "Langue de tout ce que dit la ligne de commande, pour toute commande\u00a0: "
                "preavis --lang en maintenance list (par défaut PREAVIS_LANG, sinon la locale, "
                "sinon fr).",
            ),
        ),
    ] = None,
) -> None:
    # main() reads a --lang written before the command itself (it must speak before Typer
    # does); this option is what `preavis --help` shows of it, and serves callers of `app`.
    if lang is not None:
        choose("fr" if lang is LangOption.FR else "en")


UI: dict[Lang, dict[str, str]] = {
    "fr": {
        "status_at": "État au {at}",
        "service": "Service",
        "state": "État",
        "affected": "Ce qui est touché",
        "back": "Retour",
        "phase": "Phase {n}\u00a0: {window}",
        "nothing": "Aucune interruption.",
        "ok": "{source}\u00a0: valide ({services}, {maintenances}, {interruptions})",
        "line": "Ligne",
        "impact": "Effet",
        "window": "Période",
        "description": "Description",
        "corrected": "{where}\u00a0: corrigé «\u00a0{before}\u00a0» en «\u00a0{after}\u00a0»",
    },
    "en": {
        "status_at": "Status at {at}",
        "service": "Service",
        "state": "State",
        "affected": "What is affected",
        "back": "Back at",
        "phase": "Phase {n}: {window}",
        "nothing": "No interruptions.",
        "ok": "{source}: valid ({services}, {maintenances}, {interruptions})",
        "line": "Line",
        "impact": "Impact",
        "window": "Window",
        "description": "Description",
        "corrected": "{where}: corrected “{before}” to “{after}”",
    },
}
STYLE = {Impact.OPERATIONAL: "green", Impact.LIMITED: "yellow", Impact.UNAVAILABLE: "bold red"}

FileArg = Annotated[
    Path | None,
    typer.Argument(
        help=tr(
            "A schedule file (YAML); without it, the database if there is one, "
            "else the built-in example.",
            "Un fichier de calendrier (YAML)\u00a0; sans lui, la base de données s’il y en a une, "
            "sinon l’exemple intégré.",
        ),
        show_default=False,
    ),
]
LangOpt = Annotated[
    LangOption | None,
    typer.Option(
        "--lang",
        help=tr(
            "Language of the output (default PREAVIS_LANG, else the locale, else fr).",
            "Langue de la sortie (par défaut PREAVIS_LANG, sinon la locale, sinon fr).",
        ),
    ),
]
JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json",
        help=tr(
            "Print the documented JSON shape (docs/json.md).",
            "Écrire la forme JSON documentée (docs/json.md).",
        ),
    ),
]
ZoneOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help=tr(
            "IANA zone for a local --at and for showing times (default: the maintenance's).",
            "Fuseau IANA d’un --at local et de l’affichage des heures (par défaut celui de la "
            "maintenance).",
        ),
    ),
]


ShowZoneOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help=tr(
            "IANA zone for showing times (default: the maintenance's).",
            "Fuseau IANA de l’affichage des heures (par défaut celui de la maintenance).",
        ),
    ),
]


def lang_of(option: LangOption | None) -> Lang:
    """The output's language: --lang, else the settings (PREAVIS_LANG, the locale); its
    errors are then said in it too."""
    if option is not None:
        return choose("fr" if option is LangOption.FR else "en")
    return choose(Settings.from_env().lang)


def console() -> Console:
    # Piped output gets a wide table rather than Rich's 80-column default.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 132)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def instant(text: str | None, timezone: str | None, clock: Clock) -> datetime:
    if text is None:
        return clock.now()
    return parse_instant(text, zone(timezone) if timezone else None, "--at")


def affected(status: ServiceStatus, lang: Lang) -> str:
    return "\n".join(i.description.get(lang) for i in status.interruptions if i.description)


def stored_context(*, required: bool = True) -> Context | None:
    """The configured database as the command line's actor (an admin: it holds the files).

    With `required`, a database without a schema is an error telling how to create it.
    """
    settings = Settings.from_env()
    store = _storage.Store(settings.database_url)
    if not store.exists():
        store.dispose()
        if not required:
            return None
        raise InputError.said("database.missing", url=settings.database_url)
    behind = store.schema_behind()
    if behind is not None:
        store.dispose()
        raise InputError.said(
            "database.behind", url=settings.database_url, version=behind, head=_storage.HEAD
        )
    actor = Actor(settings.actor, Role.ADMIN)
    return _actions.Context(store, SystemClock(), actor, settings.languages)


WAIT_FOR_DATABASE = 2.0  # seconds between two tries of a database that cannot be reached


def stored_context_waiting(then: str) -> Context:
    """stored_context() for the commands that keep running (`worker`, `serve`): a database
    that cannot be reached yet (still starting, a network not up) is waited for, said once on
    standard error in the operator's language, then `then` when it answers. A database that
    refuses this client (a wrong password, an unknown role or database) is an error at once:
    waiting would not cure it."""
    waiting = False
    while True:
        try:
            ctx = stored_context()
        except StorageUnavailableError as exc:
            if exc.refused:
                raise
            if not waiting:
                waiting = True
                say_outage(False, exc.detail)
            time.sleep(WAIT_FOR_DATABASE)
            continue
        assert ctx is not None  # stored_context(required=True) raised otherwise
        if waiting:
            say_outage(True, "", then)
        return ctx


def say_outage(available: bool, detail: str, then: str = "database_back_worker") -> None:
    """The database gone (with the driver's reason, for the operator) or back, in one line."""
    if available:
        print(line("database_back", then=line(then)), file=sys.stderr, flush=True)
        return
    hole = "\x00"  # the driver's reason is kept as it is, outside French typography
    said = line("database_waiting", detail=hole, seconds=f"{WAIT_FOR_DATABASE:g}")
    print(said.replace(hole, detail), file=sys.stderr, flush=True)


class _QuietOutages(logging.Filter):
    """A command's own error line already names an unreachable database with the driver's
    reason: the storage layer's log line about it (meant for a server's log) is not printed
    on top of it. `preavis serve` removes this filter: there the log is the place."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, Said) and record.msg.code in _OUTAGE_LINES)


_OUTAGE_LINES = {"log.database_unavailable", "log.database_refused", "log.database_lost"}


QUIET_OUTAGES = _QuietOutages()
STORE_LOG = "preavis.storage.store"


def load_schedule(file: Path | None) -> Loaded:
    """A schedule file; without one, the configured database if it exists, else the example."""
    if file is not None:
        return _actions.open_schedule(path=file)
    ctx = stored_context(required=False)
    if ctx is None:
        return _actions.open_schedule()
    try:
        return _schedule.Loaded(_actions.data.current_schedule(ctx))
    finally:
        ctx.store.dispose()


def schedule_and_zone(file: Path | None, timezone: str | None) -> tuple[Loaded, ZoneInfo]:
    """The schedule to answer from, and the zone to show its times in."""
    loaded = load_schedule(file)
    return loaded, _actions.display_zone(schedule=loaded.schedule, timezone=timezone)


Reason = Annotated[
    str,
    typer.Option(
        "--reason",
        help=tr("Why: kept in the history.", "Pourquoi\u00a0: gardé dans l’historique."),
    ),
]
Revision = Annotated[
    int | None,
    typer.Option(
        "--revision",
        help=tr(
            "Refuse the change unless still at this revision.",
            "Refuser le changement si la révision n’est plus celle-ci.",
        ),
    ),
]
ZoneFor = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help=tr(
            "IANA zone for times given without an offset.",
            "Fuseau IANA des heures données sans décalage.",
        ),
    ),
]


@contextmanager
def stored() -> Iterator[Context]:
    ctx = stored_context()
    assert ctx is not None  # stored_context(required=True) raised otherwise
    try:
        yield ctx
    finally:
        ctx.store.dispose()


def when(text: str, timezone: str | None, field: str) -> Any:
    return parse_instant(text, zone(timezone) if timezone else None, field)


def say(as_json: bool, payload: Any, line: str) -> None:
    if as_json:
        print_json(payload)
    else:
        print(line)


def fail(error: PreavisError, code: int = 1) -> NoReturn:
    """One line on standard error, in the person's language, and the exit code."""
    print(error_text(error), file=sys.stderr)
    raise SystemExit(code)


def fail_said(message: str, code: int = 1, **params: object) -> NoReturn:
    """Message `message` of the catalogue on standard error, and the exit code."""
    print(failure_text(message, params), file=sys.stderr)
    raise SystemExit(code)


def debugging() -> bool:
    try:
        return Settings.from_env().debug
    except PreavisError:
        return False


def warn_unknown_settings() -> None:
    """One line on standard error per PREAVIS_ variable that is no setting (a typo)."""
    try:
        lang = locale_lang()
    except PreavisError:  # PREAVIS_LANG itself is wrong: the command says so
        return
    for name, close in unknown_settings():
        if close is None:
            said = say_message("settings.unknown", {"name": name}, lang)
        else:
            said = say_message("settings.unknown_close", {"name": name, "close": close}, lang)
        prefix = "preavis\u00a0: avertissement\u00a0: " if lang == "fr" else "preavis: warning: "
        print(prefix + said, file=sys.stderr)


def _global_lang(written: str | None) -> Lang | None:
    """The language a `--lang` before the command asks for (None without one); any other
    value is a usage error, said in the language the person had before."""
    if written is None:
        return None
    value = written.strip().lower()
    if value in ("fr", "en"):
        return "fr" if value == "fr" else "en"
    fail_said("usage.not_a_choice", 2, name="--lang", choices="fr, en", command="preavis")


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: a person sees one line for any error, never a traceback."""
    forget()
    localize(app)
    logging.getLogger(STORE_LOG).addFilter(QUIET_OUTAGES)
    speak_logs()  # Préavis's own log lines in the language the command speaks
    written, args = leading_lang(sys.argv[1:] if argv is None else argv)
    said = _global_lang(written)
    if said is not None:
        choose(said)  # errors said after the block below, usage errors among them
    with chosen_lang(said):
        warn_unknown_settings()
    try:
        with chosen_lang(said), framework_language(locale_lang()):
            code = app(args=args, prog_name="preavis", standalone_mode=False)
    except usage.NoArgsIsHelpError as exc:  # `preavis` alone: the help, on standard error
        print(exc.format_message(), file=sys.stderr)
        raise SystemExit(2) from None
    except usage.UsageError as exc:  # bad usage: one line, exit 2, in the person's language
        fail(usage_error(exc), 2)
    except PreavisError as exc:  # the database's details too: the operator may see them
        fail(exc)
    except (KeyboardInterrupt, typer.Abort):
        fail_said("cli.interrupted", 130)
    except Exception as exc:  # a bug: say so in one line unless debugging
        if debugging():
            raise
        fail_said("cli.internal", 70, what=f"{type(exc).__name__}: {exc}")
    if isinstance(code, int) and not isinstance(code, bool) and code:  # typer.Exit(code)
        raise SystemExit(code)
