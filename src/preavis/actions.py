"""Use cases: one function per verb, keyword-only; entry points call these and nothing deeper."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from preavis.domain.errors import InputError, UnknownServiceError
from preavis.domain.schedule import Schedule
from preavis.domain.service import Service
from preavis.domain.timeline import Phase, ServiceStatus, Snapshot, Timeline
from preavis.domain.zones import zone
from preavis.formats.schedule import SCHEDULE_MAX_BYTES, Loaded, load_schedule

EXAMPLE_NAME = "example.yaml"


def example_text() -> str:
    """The built-in example schedule (the reference notice's 2025 programme), as a file."""
    return resources.files("preavis.data").joinpath(EXAMPLE_NAME).read_text(encoding="utf-8")


def open_schedule(*, path: Path | None = None) -> Loaded:
    """Read and validate a schedule file, or the built-in example when `path` is None."""
    if path is None:
        return load_schedule(example_text(), source=f"<built-in {EXAMPLE_NAME}>")
    try:
        if path.stat().st_size > SCHEDULE_MAX_BYTES:
            raise InputError(f"{path}: file too large (at most {SCHEDULE_MAX_BYTES} bytes)")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a schedule file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    return load_schedule(data, source=str(path))


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
