"""Commands on maintenances: drafts, interruptions, notices imported, and the decisions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from preavis.cli.app import (
    JsonOpt,
    Lazy,
    Reason,
    Revision,
    ZoneFor,
    app,
    print_json,
    say,
    stored,
    when,
)
from preavis.cli.speech import current, interruptions, line, problem_words, tr, word
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.text import Text
from preavis.formats import shapes
from preavis.formats.messages import say_problem

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis import actions
    from preavis.actions import Context, maintenances
else:
    actions = Lazy("preavis.actions")
    maintenances = Lazy("preavis.actions.maintenances")

maintenance_app = typer.Typer(
    help=tr("Maintenances and their interruptions.", "Les maintenances et leurs interruptions."),
    no_args_is_help=True,
)
app.add_typer(maintenance_app, name="maintenance")


# -- maintenances ------------------------------------------------------------------------------


def _maintenance_line(as_json: bool, found: tuple[Maintenance, int], verb: str) -> None:
    m, revision = found
    say(
        as_json,
        shapes.maintenance(m, revision),
        line(
            "maintenance",
            slug=m.slug,
            verb=verb,
            state=m.state.value,
            revision=revision,
            count=interruptions(len(m.interruptions)),
        ),
    )


def _decide(as_json: bool, verb: str, action: Callable[[Context], tuple[Maintenance, int]]) -> None:
    with stored() as ctx:
        found = action(ctx)
    _maintenance_line(as_json, found, verb)


MaintenanceSlug = Annotated[
    str,
    typer.Argument(
        help=tr(
            "The maintenance's slug, e.g. mise-a-niveau-2025.",
            "L’identifiant de la maintenance, par exemple mise-a-niveau-2025.",
        )
    ),
]


@maintenance_app.command("list")
def maintenance_list(as_json: JsonOpt = False) -> None:
    """Every maintenance, drafts and cancelled ones included.

    Example: preavis maintenance list
    """
    with stored() as ctx:
        found = maintenances.list_maintenances(ctx)
    if as_json:
        print_json({"maintenances": [shapes.maintenance(*f) for f in found]})
        return
    for m, revision in found:
        state = word(m.state.value)
        print(f"{m.slug:36} {state:10} r{revision:<4} {interruptions(len(m.interruptions))}")


@maintenance_app.command("show")
def maintenance_show(slug: MaintenanceSlug, as_json: JsonOpt = False) -> None:
    """One maintenance with its interruptions and their keys.

    Example: preavis maintenance show mise-a-niveau-2025 --json
    """
    with stored() as ctx:
        m, revision = maintenances.get_maintenance(ctx, slug=slug)
    if as_json:
        print_json(shapes.maintenance(m, revision))
        return
    tz = m.zone
    print(line("maintenance_show", slug=m.slug, state=m.state.value, revision=revision,
               fr=m.title.fr, en=m.title.en))  # fmt: skip
    for i in m.interruptions:
        start, end = i.starts_at.astimezone(tz), i.ends_at.astimezone(tz)
        window = f"{start:%Y-%m-%d %H:%M} → {end:%Y-%m-%d %H:%M}"
        print(f"  {i.key}  {i.service:32} {word(i.impact.value):12} {window}")


@maintenance_app.command("create")
def maintenance_create(
    slug: MaintenanceSlug,
    fr: Annotated[str, typer.Option("--fr", help="Title in French.")],
    en: Annotated[str, typer.Option("--en", help="Title in English.")],
    timezone: Annotated[str, typer.Option("--timezone", help="IANA zone for display.")] = (
        "America/Toronto"
    ),
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Create an empty draft.

    Example: preavis maintenance create upgrade-2026 --fr "Mise à niveau" --en "Upgrade"
    """
    draft = Maintenance(slug, Text(fr, en), timezone)
    _decide(
        as_json,
        "created",
        lambda ctx: maintenances.create_draft(ctx, maintenance=draft, reason=reason),
    )


@maintenance_app.command("import")
def maintenance_import(
    notice: Annotated[Path, typer.Argument(help="A notice: text or PDF.")],
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug",
            help=tr(
                "The draft's slug (default: made from the title and the day it starts).",
                "L’identifiant du brouillon (par défaut\u00a0: tiré du titre et du jour où "
                "il commence).",
            ),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=tr(
                "The year, when the notice does not print it.",
                "L’année, quand l’avis ne l’écrit pas.",
            ),
        ),
    ] = None,
    timezone: ZoneFor = None,
    translation: Annotated[
        Path | None,
        typer.Option(
            "--translation",
            help=tr(
                "The same notice in the other language, to join to it.",
                "Le même avis dans l’autre langue, à joindre.",
            ),
        ),
    ] = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Read a notice into a new draft (see `preavis parse-notice` to check it first).

    Example: preavis maintenance import avis.pdf --year 2025 --translation notice.pdf
    """
    raw = actions.files.read_notice_bytes(notice)
    other = actions.files.read_notice_bytes(translation) if translation else None
    with stored() as ctx:
        m, revision, reading = maintenances.import_notice(
            ctx, data=raw, slug=slug, year=year, timezone=timezone, translation=other,
            reason=reason,
        )  # fmt: skip
    for w in reading.warnings:
        said = say_problem(w, current())  # the catalogue's words, as parse-notice says them
        warning = problem_words(current())["warning"]
        print(f"{notice}:{w.line or '-'}: {warning} {said}", file=sys.stderr)
    _maintenance_line(as_json, (m, revision), "imported as a draft")


class Level(StrEnum):
    """The impacts an interruption may have (a service's state may also be operational)."""

    UNAVAILABLE = "unavailable"
    LIMITED = "limited"


def _interruption(
    service: str, impact: Level, start: str, end: str, fr: str, en: str, timezone: str | None
) -> Interruption:
    return Interruption(
        service, Impact(impact.value), when(start, timezone, "--from"),
        when(end, timezone, "--until"), Text(fr, en),
    )  # fmt: skip


Service_ = Annotated[str, typer.Option("--service", help="The service's slug.")]
Impact_ = Annotated[Level, typer.Option("--impact", help="unavailable or limited.")]
From_ = Annotated[str, typer.Option("--from", help="Start: RFC 3339, or local with --timezone.")]
Until_ = Annotated[str, typer.Option("--until", help="End (excluded).")]
Fr_ = Annotated[str, typer.Option("--fr", help="What is affected, in French.")]
En_ = Annotated[str, typer.Option("--en", help="What is affected, in English.")]


@maintenance_app.command("add-interruption")
def maintenance_add(
    slug: MaintenanceSlug,
    service: Service_,
    impact: Impact_,
    start: From_,
    end: Until_,
    fr: Fr_ = "",
    en: En_ = "",
    timezone: ZoneFor = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Add an interruption to a maintenance.

    Example: preavis maintenance add-interruption upgrade-2026 --service online-shop
      --impact unavailable --from "2026-06-25 20:00" --until "2026-07-02 07:00"
      --timezone America/Toronto --fr "Fermée." --en "Closed."
    """
    item = _interruption(service, impact, start, end, fr, en, timezone)
    _decide(as_json, "interruption added", lambda ctx: maintenances.add_interruption(
        ctx, slug=slug, interruption=item, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("edit-interruption")
def maintenance_edit(
    slug: MaintenanceSlug,
    key: Annotated[str, typer.Argument(help="The interruption's key (see `maintenance show`).")],
    service: Service_,
    impact: Impact_,
    start: From_,
    end: Until_,
    fr: Fr_ = "",
    en: En_ = "",
    timezone: ZoneFor = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Replace one interruption (found by key) with the one described.

    Example: preavis maintenance edit-interruption upgrade-2026 3fa2c1d0e9b7 --service online-shop
      --impact limited --from 2026-06-25T20:00-04:00 --until 2026-07-01T07:00-04:00
    """
    item = _interruption(service, impact, start, end, fr, en, timezone)
    _decide(as_json, "interruption changed", lambda ctx: maintenances.edit_interruption(
        ctx, slug=slug, key=key, interruption=item, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("remove-interruption")
def maintenance_remove(
    slug: MaintenanceSlug,
    key: Annotated[str, typer.Argument(help="The interruption's key (see `maintenance show`).")],
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Remove one interruption.

    Example: preavis maintenance remove-interruption upgrade-2026 3fa2c1d0e9b7
    """
    _decide(as_json, "interruption removed", lambda ctx: maintenances.remove_interruption(
        ctx, slug=slug, key=key, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("publish")
def maintenance_publish(
    slug: MaintenanceSlug,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Publish a draft (every public text must exist in each language of PREAVIS_LANGUAGES).

    Example: preavis maintenance publish upgrade-2026
    """
    _decide(as_json, "published", lambda ctx: maintenances.publish(
        ctx, slug=slug, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("cancel")
def maintenance_cancel(
    slug: MaintenanceSlug,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Cancel a maintenance: kept, and shown as cancelled if it was published.

    Example: preavis maintenance cancel upgrade-2026 --reason "postponed to the fall"
    """
    _decide(as_json, "cancelled", lambda ctx: maintenances.cancel(
        ctx, slug=slug, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("reschedule")
def maintenance_reschedule(
    slug: MaintenanceSlug,
    to: Annotated[str, typer.Option("--to", help="The new start of the whole programme.")],
    timezone: ZoneFor = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Move the whole programme to a new start; every window keeps its shape.

    Example: preavis maintenance reschedule upgrade-2026 --to 2026-07-10T20:00-04:00
    """
    moment = when(to, timezone, "--to")
    _decide(as_json, "rescheduled", lambda ctx: maintenances.reschedule(
        ctx, slug=slug, starts_at=moment, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("extend")
def maintenance_extend(
    slug: MaintenanceSlug,
    until: Annotated[str, typer.Option("--until", help="The new end.")],
    timezone: ZoneFor = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Push the end later: interruptions that ran to the old end run to the new one.

    Example: preavis maintenance extend upgrade-2026 --until 2026-07-02T11:00-04:00
    """
    moment = when(until, timezone, "--until")
    _decide(as_json, "extended", lambda ctx: maintenances.extend(
        ctx, slug=slug, ends_at=moment, revision=revision, reason=reason))  # fmt: skip


@maintenance_app.command("end-early")
def maintenance_end_early(
    slug: MaintenanceSlug,
    at: Annotated[
        str | None, typer.Option("--at", help="When it all ended (default: now).")
    ] = None,
    timezone: ZoneFor = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """End everything early: later windows are cut, those not yet begun are dropped.

    Example: preavis maintenance end-early upgrade-2026 --at 2026-07-01T22:00-04:00
    """
    moment = when(at, timezone, "--at") if at else None
    _decide(as_json, "ended early", lambda ctx: maintenances.end_early(
        ctx, slug=slug, at=moment, revision=revision, reason=reason))  # fmt: skip
