"""Schedule: a catalogue of groups and services with the maintenances that interrupt them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from preavis.domain.maintenance import Maintenance
from preavis.domain.problems import Problem, error_said
from preavis.domain.service import Group, Service


@dataclass(frozen=True, slots=True)
class Schedule:
    """Everything a schedule file (or, later, a database) holds."""

    services: tuple[Service, ...] = ()
    maintenances: tuple[Maintenance, ...] = ()
    groups: tuple[Group, ...] = ()
    # Reminder offsets (minutes before the start) a file sets for some maintenances, by slug;
    # a maintenance not listed keeps what it has (24 h and 1 h unless set otherwise).
    reminders: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def service(self, slug: str) -> Service | None:
        return next((s for s in self.services if s.slug == slug), None)

    def maintenance(self, slug: str) -> Maintenance | None:
        return next((m for m in self.maintenances if m.slug == slug), None)

    def problems(self) -> list[Problem]:
        """Cross-reference rules, with dotted field paths from the schedule's root."""
        found: list[Problem] = []
        found += _duplicates("groups", (g.slug for g in self.groups))
        found += _duplicates("services", (s.slug for s in self.services))
        found += _duplicates("maintenances", (m.slug for m in self.maintenances))
        groups = {g.slug for g in self.groups}
        for index, service in enumerate(self.services):
            if service.group is not None and service.group not in groups:
                found.append(
                    error_said("group.unknown", f"services[{index}].group", slug=service.group)
                )
        catalogue = {s.slug: s for s in self.services}
        for index, maintenance in enumerate(self.maintenances):
            for problem in maintenance.problems(catalogue):
                path = f"maintenances[{index}].{problem.field}".rstrip(".")
                found.append(replace(problem, field=path))
        return found


def _duplicates(kind: str, slugs: Iterable[str]) -> list[Problem]:
    seen: dict[str, int] = {}
    found = []
    for index, slug in enumerate(slugs):
        if slug in seen:
            found.append(
                error_said(
                    "slug.used", f"{kind}[{index}].slug", slug=slug, kind=kind, index=seen[slug]
                )
            )
        else:
            seen[slug] = index
    return found


REMINDER_UNITS = {"m": 1, "min": 1, "h": 60, "d": 1440, "j": 1440}


def reminder_minutes(text: str | int) -> int | None:
    """ "24h", "90m", "2d" (or "2j"), or a number of minutes -> minutes; None if not one."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    raw = str(text).strip().lower().replace(" ", "")
    for unit in sorted(REMINDER_UNITS, key=len, reverse=True):
        number = raw.removesuffix(unit)
        if number != raw and number.isdigit():
            return int(number) * REMINDER_UNITS[unit]
    return int(raw) if raw.isdigit() else None
