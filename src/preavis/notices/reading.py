"""What a notice says, as read: its rows (with their evidence) and the documented JSON shape
of `preavis parse-notice --json`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from preavis.domain.interruption import Impact
from preavis.domain.problems import Problem
from preavis.domain.text import Lang
from preavis.domain.zones import zone as get_zone
from preavis.notices.evidence import Evidence, evidence_json, problem_json
from preavis.notices.ocr import Correction


@dataclass(frozen=True, slots=True)
class NoticeInterruption:
    """One row as read: the service as printed (or as the catalogue names it) and its window."""

    service: str
    impact: Impact
    description: str
    starts_at: datetime
    ends_at: datetime
    line: int
    slug: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Translation:
    language: Lang
    service: str
    description: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What a notice says, as far as it could be read."""

    language: Lang
    timezone: str
    year: int | None
    title: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    interruptions: tuple[NoticeInterruption, ...]
    corrections: tuple[Correction, ...] = ()
    warnings: tuple[Problem, ...] = ()
    errors: tuple[Problem, ...] = ()
    translations: tuple[Translation, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


def as_json(reading: Reading, say: Callable[[Problem], str] | None = None) -> dict[str, Any]:
    """The documented shape of `preavis parse-notice --json` (docs/notices.md): each warning
    and error with its catalogue id and parameters, its English message, and the same as
    `say` says it (`said`: the command line's language)."""
    tz = get_zone(reading.timezone)
    index = {id(p): k for k, p in enumerate(reading.warnings)}

    def iso(at: datetime | None) -> str | None:
        return None if at is None else at.astimezone(tz).isoformat(timespec="seconds")

    data: dict[str, Any] = {
        "language": reading.language,
        "timezone": reading.timezone,
        "year": reading.year,
        "maintenance": {
            "title": reading.title,
            "starts_at": iso(reading.starts_at),
            "ends_at": iso(reading.ends_at),
        },
        "interruptions": [
            {
                "service": i.service,
                "impact": i.impact.value,
                "description": i.description,
                "starts_at": iso(i.starts_at),
                "ends_at": iso(i.ends_at),
                "line": i.line,
                **({"evidence": evidence_json(i.evidence, index, say)} if i.evidence else {}),
            }
            for i in reading.interruptions
        ],
        "corrections": [
            {"line": c.line, "from": c.before, "to": c.after} for c in reading.corrections
        ],
        "warnings": [problem_json(p, say) for p in reading.warnings],
        "errors": [problem_json(p, say) for p in reading.errors],
    }
    if reading.translations:
        for row, translation in zip(data["interruptions"], reading.translations, strict=True):
            row["translation"] = {
                "language": translation.language,
                "service": translation.service,
                "description": translation.description,
            }
    return data
