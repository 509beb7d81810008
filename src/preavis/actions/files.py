"""Use cases on files: schedule files, the built-in example, notices; nothing is stored."""

from __future__ import annotations

from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from preavis.clock import Clock, SystemClock
from preavis.domain.errors import InputError, UnknownServiceError, ValidationError
from preavis.domain.maintenance import Maintenance
from preavis.domain.schedule import Schedule
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.timeline import Phase, ServiceStatus, Snapshot, Timeline
from preavis.domain.zones import zone
from preavis.formats.notice import Format, render_notice
from preavis.formats.schedule import SCHEDULE_MAX_BYTES, Loaded, load_schedule
from preavis.notices.limits import NOTICE_MAX_BYTES
from preavis.notices.reading import Reading
from preavis.notices.translation import join_translation

EXAMPLE_NAME = "example.yaml"


def example_text() -> str:
    """The built-in example schedule (the reference notice's 2025 programme), as a file."""
    return resources.files("preavis.data").joinpath(EXAMPLE_NAME).read_text(encoding="utf-8")


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size <= limit:
            return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError.said("file.missing", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputError.said("file.directory", path=str(path)) from exc
    except PermissionError as exc:
        raise InputError.said("file.denied", path=str(path)) from exc
    except OSError as exc:
        raise InputError.said(
            "file.unreadable", path=str(path), why=str(exc.strerror or exc)
        ) from exc
    # Raised outside the try: InputError is an OSError, which the handlers above would re-wrap.
    raise InputError.said("file.too_large", path=str(path), size=size, limit=limit)


def read_notice_bytes(path: Path) -> bytes:
    """A notice file's bytes, within the notice size limit."""
    return _read_bytes(path, NOTICE_MAX_BYTES)


def open_schedule(*, path: Path | None = None) -> Loaded:
    """Read and validate a schedule file, or the built-in example when `path` is None."""
    if path is None:
        return load_schedule(example_text(), source=f"<built-in {EXAMPLE_NAME}>")
    return load_schedule(_read_bytes(path, SCHEDULE_MAX_BYTES), source=str(path))


def display_zone(*, schedule: Schedule, timezone: str | None = None) -> ZoneInfo:
    """The zone to show times in: the one asked for, else the first maintenance's, else UTC."""
    if timezone:
        return zone(timezone)
    if schedule.maintenances:
        return schedule.maintenances[0].zone
    return zone("UTC")


def timeline(*, schedule: Schedule, include_drafts: bool = True) -> Timeline:
    """The timeline of a schedule's maintenances (cancelled ones never count)."""
    return Timeline.of(schedule.services, schedule.maintenances, include_drafts=include_drafts)


def status(*, schedule: Schedule, at: datetime, service: str | None = None) -> Snapshot:
    """Every service's status at `at`, or only `service`'s."""
    snap = timeline(schedule=schedule).status_at(at)
    if service is None:
        return snap
    return Snapshot(snap.at, (snap.get(service),))


def phases(
    *, schedule: Schedule, start: datetime | None = None, end: datetime | None = None
) -> list[Phase]:
    """The stretches of time in which nothing changes and something is down."""
    return timeline(schedule=schedule).phases(start, end)


def service_timeline(
    *, schedule: Schedule, service: str
) -> tuple[Service, tuple[ServiceStatus, ...]]:
    """A service and its limited or unavailable stretches."""
    found = schedule.service(service)
    if found is None:
        raise UnknownServiceError(service)
    return found, timeline(schedule=schedule).service_timeline(service)


def parse_notice(
    *,
    path: Path,
    year: int | None = None,
    timezone: str | None = None,
    lang: Literal["auto", "fr", "en"] = "auto",
    reference: date | None = None,
    translation: Path | None = None,
    catalogue: Path | None = None,
    clock: Clock | None = None,
) -> Reading:
    """Read a notice file (and its translation), saving nothing.

    A date printed without a year falls after `reference`, by default today.
    """
    services = open_schedule(path=catalogue).schedule.services if catalogue else ()
    if reference is None:
        reference = (clock or SystemClock()).now().date()

    # The reader (and pypdf) only where a notice is read: serving never imports them.
    from preavis.notices.reader import read_notice  # noqa: PLC0415

    def read(raw: bytes, language: Literal["auto", "fr", "en"]) -> Reading:
        return read_notice(
            raw, year=year, timezone=timezone, lang=language, reference=reference,
            catalogue=services,
        )  # fmt: skip

    reading = read(_read_bytes(path, NOTICE_MAX_BYTES), lang)
    if translation is None:
        return reading
    return join_translation(reading, read(_read_bytes(translation, NOTICE_MAX_BYTES), "auto"))


def choose_maintenance(*, schedule: Schedule, slug: str | None = None) -> Maintenance:
    """The maintenance called `slug`, or the schedule's only (or first) one."""
    if slug is not None:
        found = schedule.maintenance(slug)
        if found is None:
            raise ValidationError.said("maintenance.unknown", field="maintenance", slug=slug)
        return found
    if not schedule.maintenances:
        raise ValidationError.said("schedule.no_maintenance", field="maintenances")
    return schedule.maintenances[0]


def write_notice(
    *,
    schedule: Schedule,
    lang: Lang,
    fmt: Format = "text",
    maintenance: str | None = None,
    now: datetime | None = None,
) -> str:
    """A maintenance of the schedule as a notice in `lang`, in the tense of `now` (future
    before it, past after it; None: future)."""
    chosen = choose_maintenance(schedule=schedule, slug=maintenance)
    return render_notice(chosen, {s.slug: s for s in schedule.services}, lang, fmt, now=now)
