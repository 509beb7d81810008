"""Commands on files: status, phases, timeline, check, example, parse-notice, write-notice."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from preavis.cli.app import (
    STYLE,
    UI,
    FileArg,
    JsonOpt,
    LangOpt,
    LangOption,
    Lazy,
    ShowZoneOpt,
    ZoneOpt,
    affected,
    app,
    console,
    fail_said,
    instant,
    lang_of,
    load_schedule,
    print_json,
    schedule_and_zone,
)
from preavis.cli.speech import count, current, problem_words, tr
from preavis.clock import SystemClock
from preavis.domain.errors import PreavisError, ScheduleError
from preavis.domain.problems import Problem, Severity
from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.formats import shapes
from preavis.formats.messages import describe, say_problem
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_window

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis import actions
    from preavis.notices import reader
    from preavis.notices.reader import Reading
else:
    actions = Lazy("preavis.actions")
    reader = Lazy("preavis.notices.reader")


@app.command(
    help=tr(
        "What is down at a moment, past or future, and when each service is back.\n\n"
        "Example: preavis status --at 2025-06-30T19:00-04:00 --lang en",
        "Ce qui est interrompu à un moment, passé ou futur, et quand chaque service revient.\n\n"
        "Exemple\u00a0: preavis status --at 2025-06-30T19:00-04:00 --lang en",
    )
)
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
    language = lang_of(lang)
    loaded, tz = schedule_and_zone(file, timezone)
    moment = instant(at, timezone, SystemClock())
    snap = actions.status(schedule=loaded.schedule, at=moment, service=service)
    if as_json:
        print_json(shapes.snapshot(snap, language, tz))
        return
    ui = UI[language]
    table = Table(title=ui["status_at"].format(at=format_instant(moment, tz, language, year=True)))
    for column in ("service", "state", "affected", "back"):
        table.add_column(ui[column], overflow="fold")
    for item in snap.services:
        table.add_row(
            item.service.name.get(language),
            f"[{STYLE[item.impact]}]{IMPACT_WORDS[language][item.impact]}[/]",
            affected(item, language),
            format_instant(item.back_at, tz, language) if item.back_at else "",
        )
    console().print(table)


@app.command(
    help=tr(
        "The stretches of time in which nothing changes, with what is down in each.\n\n"
        "Example: preavis phases --lang en --json",
        "Les périodes pendant lesquelles rien ne change, "
        "avec ce qui est interrompu dans chacune.\n\n"
        "Exemple\u00a0: preavis phases --lang en --json",
    )
)
def phases(
    file: FileArg = None,
    lang: LangOpt = None,
    timezone: ShowZoneOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The stretches of time in which nothing changes, with what is down in each.

    Example: preavis phases --lang en --json
    """
    language = lang_of(lang)
    loaded, tz = schedule_and_zone(file, timezone)
    found = actions.phases(schedule=loaded.schedule)
    if as_json:
        print_json(shapes.phases(found, language, tz))
        return
    ui = UI[language]
    out = console()
    if not found:
        out.print(ui["nothing"])
    for n, phase in enumerate(found, start=1):
        window = format_window(phase.starts_at, phase.ends_at, tz, language, year=True)
        out.print(f"[bold]{ui['phase'].format(n=n, window=window)}[/]")
        for item in phase.services:
            word = IMPACT_WORDS[language][item.impact]
            out.print(f"  [{STYLE[item.impact]}]{word:<12}[/] {item.service.name.get(language)}")


@app.command(
    help=tr(
        "One service's own timeline: each limited or unavailable stretch and when it is back.\n\n"
        "Example: preavis timeline ramassage-colis --lang en",
        "La chronologie d’un service\u00a0: chaque période "
        "limitée ou indisponible, et son retour.\n\n"
        "Exemple\u00a0: preavis timeline ramassage-colis --lang en",
    )
)
def timeline(
    service: Annotated[str, typer.Argument(help="The service's slug, e.g. ramassage-colis.")],
    file: FileArg = None,
    lang: LangOpt = None,
    timezone: ShowZoneOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One service's own timeline: each limited or unavailable stretch and when it is back.

    Example: preavis timeline ramassage-colis --lang en
    """
    language = lang_of(lang)
    loaded, tz = schedule_and_zone(file, timezone)
    found, segments = actions.service_timeline(schedule=loaded.schedule, service=service)
    if as_json:
        print_json(shapes.timeline(found, segments, language, tz))
        return
    out = console()
    out.print(f"[bold]{found.name.get(language)}[/] ({found.slug})")
    if not segments:
        out.print(UI[language]["nothing"])
    for seg in segments:
        if seg.since is None or seg.until is None:  # down stretches are always bounded
            continue
        word = IMPACT_WORDS[language][seg.impact]
        window = format_window(seg.since, seg.until, tz, language, year=True)
        out.print(f"  [{STYLE[seg.impact]}]{word:<12}[/] {window}")
        for line in affected(seg, language).splitlines():
            out.print(f"               {line}")


@app.command(
    help=tr(
        "Validate a schedule file; every problem names its line and field. Exit 1 on errors.\n\n"
        "Example: preavis example > mine.yaml && preavis check mine.yaml",
        "Valider un fichier de calendrier\u00a0; chaque problème nomme sa "
        "ligne et son champ. Code 1 en cas d’erreur.\n\n"
        "Exemple\u00a0: preavis example > mine.yaml && preavis check mine.yaml",
    )
)
def check(
    file: Annotated[Path, typer.Argument(help="The schedule file to validate.")],
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate a schedule file; every problem names its line and field. Exit 1 on errors.

    Example: preavis example > mine.yaml && preavis check mine.yaml
    """
    language = lang_of(lang)
    try:
        loaded = actions.open_schedule(path=file)
    except ScheduleError as exc:
        _report(exc.problems, str(file), as_json, ok=False, lang=language)
        raise typer.Exit(1) from exc
    schedule = loaded.schedule
    counts = {
        "services": len(schedule.services),
        "maintenances": len(schedule.maintenances),
        "interruptions": sum(len(m.interruptions) for m in schedule.maintenances),
    }
    if as_json:
        print_json({"ok": True, **counts, "problems": shapes.problems(loaded.warnings)})
        return
    _report(loaded.warnings, str(file), False, ok=True, lang=language)
    print(UI[language]["ok"].format(source=file, **{k: count(k, n) for k, n in counts.items()}))


def _report(
    problems: Sequence[Problem], source: str, as_json: bool, *, ok: bool, lang: Lang = "en"
) -> None:
    if as_json:
        print_json({"ok": ok, "problems": shapes.problems(problems)})
        return
    for problem in problems:
        stream = sys.stderr if problem.severity is Severity.ERROR else sys.stdout
        print(describe(problem, lang, source), file=stream)


@app.command(
    help=tr(
        "Print the built-in example schedule, to copy and edit.\n\n"
        "Example: preavis example > schedule.yaml",
        "Écrire le calendrier d’exemple intégré, à copier et à modifier.\n\n"
        "Exemple\u00a0: preavis example > schedule.yaml",
    )
)
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


@app.command(
    "parse-notice",
    help=tr(
        "Read a notice and print what it says; nothing is saved. Exit 1 when it has errors.\n\n"
        "Example: preavis parse-notice notice.pdf --year 2025 --json",
        "Lire un avis et écrire ce qu’il dit\u00a0; "
        "rien n’est enregistré. Code 1 s’il a des erreurs.\n\n"
        "Exemple\u00a0: preavis parse-notice notice.pdf --year 2025 --json",
    ),
)
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
        fail_said("reference.not_date", 2, value=reference)
    if timezone:
        try:
            zone(timezone)
        except PreavisError as exc:
            fail_said("cli.option", 2, option="--timezone", error=exc)
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
        lang_now = current()
        print_json(reader.as_json(reading, lambda p: say_problem(p, lang_now)))
    else:
        _print_reading(reading, str(file))
    if not reading.ok:
        raise typer.Exit(1)


def _print_reading(reading: Reading, source: str) -> None:
    ui = UI[current()]
    words = problem_words(current())
    out = console()
    tz = zone(reading.timezone)
    lang: Lang = reading.language
    title = reading.title or source
    out.print(f"[bold]{title}[/] ({reading.language}, {reading.timezone}, {reading.year})")
    if reading.starts_at and reading.ends_at:
        out.print(format_window(reading.starts_at, reading.ends_at, tz, lang, year=True))
    table = Table()
    for column in ("line", "service", "impact", "window", "description"):
        table.add_column(ui[column], overflow="fold")
    for item in reading.interruptions:
        table.add_row(
            str(item.line),
            item.service,
            f"[{STYLE[item.impact]}]{IMPACT_WORDS[current()][item.impact]}[/]",
            format_window(item.starts_at, item.ends_at, tz, lang, year=True),
            item.description,
        )
    out.print(table)
    for c in reading.corrections:
        out.print(
            ui["corrected"].format(where=f"{source}:{c.line}", before=c.before, after=c.after)
        )
    for p in reading.warnings:
        said = say_problem(p, current())  # the CLI's language, through the catalogue
        out.print(f"{source}:{p.line or '-'}: {words['warning']} {said}")
    for p in reading.errors:
        said = say_problem(p, current())
        print(f"{source}:{p.line or '-'}: {words['error']} {said}", file=sys.stderr)


@app.command(
    "write-notice",
    help=tr(
        "Write a maintenance as a notice, in the reference layout, in French or English.\n\n"
        "Example: preavis write-notice --lang en --format markdown",
        "Rédiger l’avis d’une maintenance, selon la mise en "
        "page de référence, en français ou en anglais.\n\n"
        "Exemple\u00a0: preavis write-notice --lang en --format markdown",
    ),
)
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
    language: Lang = "fr" if lang is LangOption.FR else "en"  # the notice's, not the person's
    loaded = load_schedule(file)
    text = actions.write_notice(
        schedule=loaded.schedule,
        lang=language,
        fmt=fmt.value,
        maintenance=maintenance,
        now=SystemClock().now(),
    )
    sys.stdout.write(text)
