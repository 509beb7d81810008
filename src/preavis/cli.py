"""The `preavis` command: parse arguments, call one action, print the answer."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from preavis import actions
from preavis.clock import Clock, SystemClock
from preavis.domain.errors import PreavisError, ScheduleError
from preavis.domain.interruption import Impact
from preavis.domain.problems import Problem, Severity
from preavis.domain.text import Lang
from preavis.domain.timeline import ServiceStatus
from preavis.domain.zones import parse_instant, zone
from preavis.formats import shapes
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_window
from preavis.notices.reader import Reading
from preavis.notices.reader import as_json as notice_json
from preavis.settings import Settings

app = typer.Typer(
    help="Préavis: planned service interruptions, in French and English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangOption(StrEnum):
    FR = "fr"
    EN = "en"


_UI: dict[Lang, dict[str, str]] = {
    "fr": {
        "status_at": "État au {at}",
        "service": "Service",
        "state": "État",
        "affected": "Ce qui est touché",
        "back": "Retour",
        "phase": "Phase {n} : {window}",
        "nothing": "Aucune interruption.",
        "ok": "{source} : valide ({services} services, {maintenances} maintenances, "
        "{interruptions} interruptions)",
    },
    "en": {
        "status_at": "Status at {at}",
        "service": "Service",
        "state": "State",
        "affected": "What is affected",
        "back": "Back at",
        "phase": "Phase {n}: {window}",
        "nothing": "No interruptions.",
        "ok": "{source}: valid ({services} services, {maintenances} maintenances, "
        "{interruptions} interruptions)",
    },
}
_STYLE = {Impact.OPERATIONAL: "green", Impact.LIMITED: "yellow", Impact.UNAVAILABLE: "bold red"}

FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="A schedule file (YAML); without it, the built-in example.", show_default=False
    ),
]
LangOpt = Annotated[
    LangOption | None,
    typer.Option("--lang", help="Language of the output (default PREAVIS_LANG, else fr)."),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print the documented JSON shape (docs/json.md).")
]
ZoneOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help="IANA zone for a local --at and for showing times (default: the maintenance's).",
    ),
]


def _lang(option: LangOption | None) -> Lang:
    if option is not None:
        return "fr" if option is LangOption.FR else "en"
    return Settings.from_env().lang


def _console() -> Console:
    # Piped output gets a wide table rather than Rich's 80-column default.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 132)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _instant(text: str | None, timezone: str | None, clock: Clock) -> datetime:
    if text is None:
        return clock.now()
    return parse_instant(text, zone(timezone) if timezone else None, "--at")


def _affected(status: ServiceStatus, lang: Lang) -> str:
    return "\n".join(i.description.get(lang) for i in status.interruptions if i.description)


@app.command()
def status(
    file: FileArg = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="The moment: RFC 3339 with offset, or local time with --timezone."
        ),
    ] = None,
    lang: LangOpt = None,
    service: Annotated[
        str | None, typer.Option("--service", help="Only this service (slug).")
    ] = None,
    timezone: ZoneOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What is down at a moment, past or future, and when each service is back.

    Example: preavis status --at 2025-06-30T19:00-04:00 --lang en
    """
    language = _lang(lang)
    loaded = actions.open_schedule(path=file)
    tz = actions.display_zone(schedule=loaded.schedule, timezone=timezone)
    moment = _instant(at, timezone, SystemClock())
    snap = actions.status(schedule=loaded.schedule, at=moment, service=service)
    if as_json:
        _print_json(shapes.snapshot(snap, language, tz))
        return
    ui = _UI[language]
    table = Table(title=ui["status_at"].format(at=format_instant(moment, tz, language, year=True)))
    for column in ("service", "state", "affected", "back"):
        table.add_column(ui[column], overflow="fold")
    for item in snap.services:
        table.add_row(
            item.service.name.get(language),
            f"[{_STYLE[item.impact]}]{IMPACT_WORDS[language][item.impact]}[/]",
            _affected(item, language),
            format_instant(item.back_at, tz, language) if item.back_at else "",
        )
    _console().print(table)


@app.command()
def phases(
    file: FileArg = None,
    lang: LangOpt = None,
    timezone: ZoneOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The stretches of time in which nothing changes, with what is down in each.

    Example: preavis phases --lang en --json
    """
    language = _lang(lang)
    loaded = actions.open_schedule(path=file)
    tz = actions.display_zone(schedule=loaded.schedule, timezone=timezone)
    found = actions.phases(schedule=loaded.schedule)
    if as_json:
        _print_json(shapes.phases(found, language, tz))
        return
    ui = _UI[language]
    console = _console()
    if not found:
        console.print(ui["nothing"])
    for n, phase in enumerate(found, start=1):
        window = format_window(phase.starts_at, phase.ends_at, tz, language, year=True)
        console.print(f"[bold]{ui['phase'].format(n=n, window=window)}[/]")
        for item in phase.services:
            word = IMPACT_WORDS[language][item.impact]
            console.print(
                f"  [{_STYLE[item.impact]}]{word:<12}[/] {item.service.name.get(language)}"
            )


@app.command()
def timeline(
    service: Annotated[str, typer.Argument(help="The service's slug, e.g. ramassage-colis.")],
    file: FileArg = None,
    lang: LangOpt = None,
    timezone: ZoneOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One service's own timeline: each limited or unavailable stretch and when it is back.

    Example: preavis timeline ramassage-colis --lang en
    """
    language = _lang(lang)
    loaded = actions.open_schedule(path=file)
    tz = actions.display_zone(schedule=loaded.schedule, timezone=timezone)
    found, segments = actions.service_timeline(schedule=loaded.schedule, service=service)
    if as_json:
        _print_json(shapes.timeline(found, segments, language, tz))
        return
    console = _console()
    console.print(f"[bold]{found.name.get(language)}[/] ({found.slug})")
    if not segments:
        console.print(_UI[language]["nothing"])
    for seg in segments:
        if seg.since is None or seg.until is None:  # down stretches are always bounded
            continue
        word = IMPACT_WORDS[language][seg.impact]
        window = format_window(seg.since, seg.until, tz, language, year=True)
        console.print(f"  [{_STYLE[seg.impact]}]{word:<12}[/] {window}")
        for line in _affected(seg, language).splitlines():
            console.print(f"               {line}")


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The schedule file to validate.")],
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate a schedule file; every problem names its line and field. Exit 1 on errors.

    Example: preavis example > mine.yaml && preavis check mine.yaml
    """
    language = _lang(lang)
    try:
        loaded = actions.open_schedule(path=file)
    except ScheduleError as exc:
        _report(exc.problems, str(file), as_json, ok=False)
        raise typer.Exit(1) from exc
    schedule = loaded.schedule
    counts = {
        "services": len(schedule.services),
        "maintenances": len(schedule.maintenances),
        "interruptions": sum(len(m.interruptions) for m in schedule.maintenances),
    }
    if as_json:
        _print_json({"ok": True, **counts, "problems": shapes.problems(loaded.warnings)})
        return
    _report(loaded.warnings, str(file), False, ok=True)
    print(_UI[language]["ok"].format(source=file, **counts))


def _report(problems: Sequence[Problem], source: str, as_json: bool, *, ok: bool) -> None:
    if as_json:
        _print_json({"ok": ok, "problems": shapes.problems(problems)})
        return
    for problem in problems:
        stream = sys.stderr if problem.severity is Severity.ERROR else sys.stdout
        print(problem.describe(source), file=stream)


@app.command()
def example() -> None:
    """Print the built-in example schedule, to copy and edit.

    Example: preavis example > schedule.yaml
    """
    sys.stdout.write(actions.example_text())


class NoticeLang(StrEnum):
    AUTO = "auto"
    FR = "fr"
    EN = "en"


class NoticeFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@app.command("parse-notice")
def parse_notice(
    file: Annotated[Path, typer.Argument(help="The notice: a text file or a PDF.")],
    year: Annotated[
        int | None, typer.Option("--year", help="The year, when the notice does not print it.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="IANA zone for times printed without one.")
    ] = None,
    lang: Annotated[NoticeLang, typer.Option("--lang", help="The notice's language.")] = (
        NoticeLang.AUTO
    ),
    reference: Annotated[
        str | None,
        typer.Option("--reference", help="Date (YYYY-MM-DD) after which a year-less date falls."),
    ] = None,
    translation: Annotated[
        Path | None,
        typer.Option("--translation", help="The same notice in the other language, to join."),
    ] = None,
    catalogue: Annotated[
        Path | None,
        typer.Option(
            "--catalogue", help="A schedule file whose services the names are matched to."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Read a notice and print what it says; nothing is saved. Exit 1 when it has errors.

    Example: preavis parse-notice notice.pdf --year 2025 --json
    """
    try:
        ref = date.fromisoformat(reference) if reference else None
    except ValueError:
        _fail(f"--reference {reference!r} is not a date (YYYY-MM-DD)", 2)
    if timezone:
        try:
            zone(timezone)
        except PreavisError as exc:
            _fail(f"--timezone: {exc}", 2)
    reading = actions.parse_notice(
        path=file,
        year=year,
        timezone=timezone,
        lang=lang.value,
        reference=ref,
        translation=translation,
        catalogue=catalogue,
    )
    if as_json:
        _print_json(notice_json(reading))
    else:
        _print_reading(reading, str(file))
    if not reading.ok:
        raise typer.Exit(1)


def _print_reading(reading: Reading, source: str) -> None:
    console = _console()
    tz = zone(reading.timezone)
    lang: Lang = reading.language
    title = reading.title or source
    console.print(f"[bold]{title}[/] ({reading.language}, {reading.timezone}, {reading.year})")
    if reading.starts_at and reading.ends_at:
        console.print(format_window(reading.starts_at, reading.ends_at, tz, lang, year=True))
    table = Table()
    for column in ("line", "service", "impact", "window", "description"):
        table.add_column(column, overflow="fold")
    for item in reading.interruptions:
        table.add_row(
            str(item.line),
            item.service,
            f"[{_STYLE[item.impact]}]{item.impact.value}[/]",
            format_window(item.starts_at, item.ends_at, tz, lang, year=True),
            item.description,
        )
    console.print(table)
    for c in reading.corrections:
        console.print(f"{source}:{c.line}: corrected “{c.before}” to “{c.after}”")
    for p in reading.warnings:
        console.print(f"{source}:{p.line or '-'}: warning: {p.message}")
    for p in reading.errors:
        print(f"{source}:{p.line or '-'}: error: {p.message}", file=sys.stderr)


@app.command("write-notice")
def write_notice(
    file: FileArg = None,
    lang: Annotated[LangOption, typer.Option("--lang", help="Language of the notice.")] = (
        LangOption.FR
    ),
    fmt: Annotated[NoticeFormat, typer.Option("--format", help="Output format.")] = (
        NoticeFormat.TEXT
    ),
    maintenance: Annotated[
        str | None,
        typer.Option("--maintenance", help="Which maintenance (slug); default the first."),
    ] = None,
) -> None:
    """Write a maintenance as a notice, in the reference layout, in French or English.

    Example: preavis write-notice --lang en --format markdown
    """
    loaded = actions.open_schedule(path=file)
    text = actions.write_notice(
        schedule=loaded.schedule,
        lang=_lang(lang),
        fmt=fmt.value,
        maintenance=maintenance,
    )
    sys.stdout.write(text)


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"preavis: error: {message}", file=sys.stderr)
    raise SystemExit(code)


def _debugging() -> bool:
    try:
        return Settings.from_env().debug
    except PreavisError:
        return False


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: a person sees one line for any error, never a traceback."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="preavis")
    except PreavisError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:  # a bug: say so in one line unless debugging
        if _debugging():
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); set PREAVIS_DEBUG=1 for details", 70)
