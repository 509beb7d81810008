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
