"""Problem: one finding of a validation, with its severity and where it stands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as attribute
from enum import StrEnum
from typing import Any

from preavis.domain.messages import english


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong (`message`), where (`field`, a dotted path; `line`, 1-based) and how bad.

    `code` and `params` name the message in the catalogue (domain/messages.py), so that each
    interface says it in the person's language; `message` is its English sentence."""

    severity: Severity
    message: str
    field: str = ""
    line: int | None = None
    code: str = ""
    params: Mapping[str, Any] = attribute(default_factory=dict, compare=False, hash=False)

    def describe(self, source: str | None = None) -> str:
        place = ":".join(p for p in (source or "", str(self.line or "")) if p)
        where = f"{place}: " if place else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{self.severity.value}: {field}{self.message}"


def error(message: str, field: str = "") -> Problem:
    return Problem(Severity.ERROR, message, field)


def warning(message: str, field: str = "") -> Problem:
    return Problem(Severity.WARNING, message, field)


def said(
    severity: Severity, code: str, /, field: str = "", line: int | None = None, **params: Any
) -> Problem:
    """A problem named by its id in the catalogue, with its parameters."""
    return Problem(severity, english(code, params), field, line, code, params)


def error_said(code: str, /, field: str = "", **params: Any) -> Problem:
    return said(Severity.ERROR, code, field, **params)


def warning_said(code: str, /, field: str = "", **params: Any) -> Problem:
    return said(Severity.WARNING, code, field, **params)
