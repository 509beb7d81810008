"""Problem: one finding of a validation, with its severity and where it stands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong (`message`), where (`field`, a dotted path; `line`, 1-based) and how bad."""

    severity: Severity
    message: str
    field: str = ""
    line: int | None = None

    def describe(self, source: str | None = None) -> str:
        place = ":".join(p for p in (source or "", str(self.line or "")) if p)
        where = f"{place}: " if place else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{self.severity.value}: {field}{self.message}"


def error(message: str, field: str = "") -> Problem:
    return Problem(Severity.ERROR, message, field)


def warning(message: str, field: str = "") -> Problem:
    return Problem(Severity.WARNING, message, field)
