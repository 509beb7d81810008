"""Joining a notice and its translation: the rows must pair up by window and impact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from preavis.domain.problems import Problem, Severity
from preavis.notices.reading import NoticeInterruption, Reading, Translation


def _order(problem: Problem) -> tuple[int, str]:
    return (problem.line or 0, problem.message)


def join_translation(primary: Reading, other: Reading) -> Reading:
    """One reading with both languages: the rows must pair up by window and impact."""
    errors = list(primary.errors)
    errors += [
        Problem(Severity.ERROR, f"in the translation: {p.message}", "", p.line)
        for p in other.errors
    ]
    if other.language == primary.language:
        errors.append(
            Problem(Severity.ERROR, f"both notices are in the same language ({other.language})")
        )
    mine, theirs = _in_order(primary.interruptions), _in_order(other.interruptions)
    if len(mine) != len(theirs):
        errors.append(
            Problem(
                Severity.ERROR,
                f"the {primary.language} notice has {len(mine)} rows, the {other.language} one "
                f"{len(theirs)}: they do not line up",
            )
        )
        return replace(primary, errors=tuple(errors))
    translations: dict[int, Translation] = {}
    for a, b in zip(mine, theirs, strict=True):
        if (a.starts_at, a.ends_at) != (b.starts_at, b.ends_at):
            errors.append(
                Problem(
                    Severity.ERROR,
                    f"“{a.service}” does not line up with “{b.service}” (line {b.line} of the "
                    "translation): their windows differ",
                    "",
                    a.line,
                )
            )
        elif a.impact is not b.impact:
            errors.append(
                Problem(
                    Severity.ERROR,
                    f"“{a.service}” is {a.impact} but its translation “{b.service}” (line "
                    f"{b.line}) is {b.impact}",
                    "",
                    a.line,
                )
            )
        translations[id(a)] = Translation(other.language, b.service, b.description)
    return replace(
        primary,
        errors=tuple(sorted(errors, key=_order)),
        warnings=tuple(
            sorted(
                [
                    *primary.warnings,
                    *(Problem(p.severity, f"in the translation: {p.message}", "", p.line)
                      for p in other.warnings),
                ],
                key=_order,
            )
        ),
        translations=tuple(translations[id(a)] for a in primary.interruptions),
    )  # fmt: skip


def _in_order(items: Sequence[NoticeInterruption]) -> list[NoticeInterruption]:
    return sorted(items, key=lambda i: (i.starts_at, i.ends_at, i.impact.severity, i.line))
