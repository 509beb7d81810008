"""A notice read in part: a window that cannot become a row is a warning, not an error.

A notice written elsewhere often prints a window whose service the reader cannot name (a
dateline, a window said in a sentence about something else). When other windows of the same
notice were read, rejecting
the notice loses every row; a person expects the rows that were read, and a clear warning
naming each line that gave none. When nothing was read, the errors stay errors (the notice
as a whole is unreadable). Contradictions in the notice itself (an end before its start, a
day that does not exist, an unknown zone) stay errors whatever else was read: they say the
text is wrong, not that the reader could not finish a row. So does a time printed with no
date ("from 8 to 11 p.m." alone): it is plainly a window the notice means, and only its
writer can say its day (tests/corpus/18-no-date-error-fr).
"""

from __future__ import annotations

from collections.abc import Sequence

from preavis.domain.messages import english
from preavis.domain.problems import Problem, Severity

# The row-level errors a warning replaces when other rows were read: a window the reader
# could not name (its warning is said from the catalogue, domain/messages_reader.py).
INCOMPLETE = frozenset({"notice.no_service_name", "notice.window_names_no_service"})
SKIPPED = "notice.window_unnamed_skipped"


def keep_partial(
    errors: Sequence[Problem], warnings: Sequence[Problem], read_rows: int
) -> tuple[list[Problem], list[Problem]]:
    """The errors and warnings of a notice of which `read_rows` rows were read: the errors
    about one unnamed window each become a warning. Nothing changes when no row was read or
    when an error that is not about one unnamed window remains (the notice is rejected
    anyway, and says every reason)."""
    if not read_rows or any(e.code not in INCOMPLETE for e in errors):
        return list(errors), list(warnings)
    kept = list(warnings)
    for error in errors:
        params = {"window": str(error.params.get("window") or _quoted(error.message))}
        said = english(SKIPPED, params)
        kept.append(Problem(Severity.WARNING, said, error.field, error.line, SKIPPED, params))
    return [], kept


def _quoted(message: str) -> str:
    start, end = message.find("“"), message.rfind("”")
    return message[start + 1 : end] if 0 <= start < end else ""
