"""The exception tree: every error Préavis raises on purpose, each also a builtin exception."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

from preavis.domain.messages import english

if TYPE_CHECKING:
    from preavis.domain.problems import Problem


class PreavisError(Exception):
    """Base of every error raised on purpose; its message is meant for a person.

    An error made with `said(id, **params)` also carries a message id of the catalogue
    (domain/messages.py) and its parameters, so that each interface says it in the person's
    language; `str(exc)` stays the English sentence (the API's default, the logs)."""

    code: str = ""
    params: Mapping[str, Any] = {}

    @classmethod
    def said(cls, code: str, /, *, field: str | None = None, **params: Any) -> Self:
        """The error `code` of the catalogue with its parameters (and its field, if any)."""
        text = english(code, params)
        exc = cls(text, field=field) if field is not None else cls(text)  # type: ignore[call-arg]
        exc.code = code
        exc.params = params
        return exc


class ValidationError(PreavisError, ValueError):
    """Data that breaks a rule; `field` names where (a dotted path such as `ends_at`)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @classmethod
    def of(cls, problem: Problem) -> Self:
        """The error that a problem (of a validation) is, its message id kept."""
        exc = cls(problem.message, field=problem.field)
        exc.code = problem.code
        exc.params = problem.params
        return exc


class InvalidWindowError(ValidationError):
    """A window whose end is not after its start."""


class InvalidTimeError(ValidationError):
    """A date or time that cannot be read, or a naive datetime where an aware one is needed."""


class NonexistentTimeError(InvalidTimeError):
    """A local time skipped by a daylight-saving change (e.g. 02:30 on a spring-forward night)."""


class AmbiguousTimeError(InvalidTimeError):
    """A local time that happens twice at a daylight-saving change; an offset must say which."""


class UnknownZoneError(ValidationError):
    """A time zone name that is not in the IANA database."""


class NotFoundError(PreavisError, LookupError):
    """An object (service, maintenance, interruption, token) that does not exist."""

    def __str__(self) -> str:  # LookupError would quote the whole message
        return str(self.args[0]) if self.args else "not found"


class UnknownServiceError(NotFoundError):
    """A service slug that the catalogue does not know."""

    def __init__(self, slug: str) -> None:
        super().__init__(f"unknown service {slug!r}")
        self.slug = slug
        self.code = "service.unknown"
        self.params = {"slug": slug}

    def __str__(self) -> str:  # LookupError would quote the whole message
        return f"unknown service {self.slug!r}"


class ScheduleError(ValidationError):
    """A schedule (file or object) with one or more errors, each a Problem with its place."""

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        first = self.problems[0].describe(source) if self.problems else "invalid schedule"
        more = len(self.problems) - 1
        message = first if more <= 0 else f"{first} (and {more} more error{'s' * (more > 1)})"
        super().__init__(message)
        self.code = "schedule.problems"  # said from its problems, each in its words
        self.params = {"count": max(more, 0)}


class InputError(PreavisError, OSError):
    """A file or stream that cannot be read (missing, too large, not text)."""


class StorageUnavailableError(InputError):
    """The database cannot be reached or cannot serve now (down, locked past the wait).

    Its message is generic on purpose, fit for anyone: the driver's text, which names hosts
    and ports, is kept apart in `detail` for the operator (the command line, the log)."""

    def __init__(
        self,
        message: str = "the database is unavailable",
        *,
        detail: str = "",
        refused: bool = False,
    ) -> None:
        super().__init__(message)
        self.detail = detail
        # The server answered and refused this client (a wrong password, an unknown role or
        # database): waiting will not help, the operator must fix the URL.
        self.refused = refused
        if message == "the database is unavailable":
            self.code = "database.unavailable"


class NoticeError(PreavisError, ValueError):
    """A notice that cannot be read at all (too large, not text, a PDF without a text layer).

    Problems inside a readable notice are reported as errors and warnings with their line.
    """


class ConflictError(PreavisError, ValueError):
    """A change that the object's present state forbids (publishing a cancelled maintenance,
    creating a slug that exists, retiring a service still in use)."""


class StaleRevisionError(ConflictError):
    """A write that names an outdated revision: someone else changed the object first."""

    def __init__(self, subject: str, expected: int, actual: int) -> None:
        super().__init__(
            f"{subject} is at revision {actual}, not {expected}: "
            "reload it and apply your change again"
        )
        self.expected = expected
        self.actual = actual
        kind, _, slug = subject.partition(" ")
        self.code = f"{kind}.stale" if kind in ("maintenance", "service") else ""
        self.params = {"slug": slug.strip("'"), "expected": expected, "actual": actual}


class AuthenticationError(PreavisError, PermissionError):
    """No credentials, or credentials that are not valid."""


class PermissionDeniedError(PreavisError, PermissionError):
    """Valid credentials whose role does not allow the action."""
