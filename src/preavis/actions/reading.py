"""Reading a notice in a child process with hard limits, for servers.

`notices.read_notice` is pure and bounded by its own caps and cooperative time budget, but it
runs in the caller's process: a server thread reading a notice shares the interpreter lock and
the heap with every request. `read_notice_isolated` takes the same arguments and reads in a
child process (started by a fork server, so never a fork of a threaded server) under an
address-space limit (RLIMIT_AS), a CPU-time limit (RLIMIT_CPU) and a wall-clock timeout after
which the child is killed; the parent only waits on a pipe. Every failure is a NoticeError.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import resource
from collections.abc import Callable, Sequence
from datetime import date
from multiprocessing.connection import Connection
from typing import Any, Literal, Protocol, TypedDict, Unpack

from preavis.domain.errors import NoticeError, PreavisError
from preavis.domain.messages import Said
from preavis.domain.service import Alias, Service
from preavis.notices.limits import NOTICE_BUDGET_SECONDS, Deadline
from preavis.notices.reading import Reading

log = logging.getLogger("preavis.notices")
# Address space of the child: the interpreter with pypdf, rapidfuzz and both word lists takes
# about 250 MB; a notice within the caps needs far less than the rest.
NOTICE_MEMORY_BYTES = 1024 * 1024 * 1024
# The child's own budget ends a slow reading with a clear message first; these are backstops.
NOTICE_CPU_SECONDS = int(NOTICE_BUDGET_SECONDS) + 5
NOTICE_WALL_SECONDS = NOTICE_BUDGET_SECONDS + 10


def read_notice(source: bytes | str, **options: Any) -> Reading:
    """`notices.read_notice`, imported when first used: the reader and pypdf (some 20 MB) stay
    out of a server until a notice is read, and then only in the child process."""
    from preavis.notices.reader import read_notice as read  # noqa: PLC0415

    return read(source, **options)


def _child(
    conn: Connection,
    memory: int,
    cpu: int,
    work: Callable[..., object],
    args: tuple[object, ...],
    options: dict[str, Any],
) -> None:
    """Runs in the child: limit itself, work, send back ("ok", value) or ("error", text)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        conn.send(("ok", work(*args, **options)))
    except NoticeError as exc:  # its message id and values travel: said in any language
        code = getattr(exc, "code", None)
        conn.send(("said", (code, dict(exc.params))) if code else ("error", str(exc)))
    except PreavisError as exc:  # an option the reader refused (an unknown zone…): the same error
        conn.send(("raise", exc) if _travels(exc) else ("error", str(exc)))
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as exc:  # a bug of the reader: said as such, not as a limit reached
        conn.send(("bug", f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        conn.close()


def _travels(exc: BaseException) -> bool:
    """Whether `exc` comes out of a pickle as itself (its class and message)."""
    try:
        again = pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return type(again) is type(exc) and str(again) == str(exc)


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    # Children fork from a server that has already imported the reader (and pypdf).
    context.set_forkserver_preload(["preavis.notices.reader"])
    return context


def _isolated(
    work: Callable[..., object],
    args: tuple[object, ...],
    options: dict[str, Any],
    *,
    memory: int,
    cpu_seconds: int,
    wall_seconds: float,
) -> object:
    """`work(*args, **options)` in a child process under memory, CPU and wall-clock limits."""
    context = _context()
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(child, memory, cpu_seconds, work, args, options), daemon=True
    )
    process.start()
    child.close()
    try:
        answer = parent.recv() if parent.poll(wall_seconds) else None
    except EOFError:  # the child died without answering: killed at a limit
        answer = None
    finally:
        parent.close()
        if process.is_alive():
            process.kill()
        process.join()
    if answer is None:  # killed: over the wall-clock, CPU or memory limit
        raise NoticeError.said(
            "notice.over_limits",
            wall=f"{wall_seconds:g}",
            cpu=cpu_seconds,
            memory=memory // (1024 * 1024),
        )
    kind, value = answer
    if kind == "ok":
        return value
    if kind == "bug":
        log.error(Said("log.reader_failed", detail=value))
        raise NoticeError.said("notice.reader_failed")
    if kind == "raise" and isinstance(value, PreavisError):
        raise value
    if kind == "said":
        code, params = value
        raise NoticeError.said(code, **params)
    if kind == "memory":
        raise NoticeError.said("notice.memory", memory=memory // (1024 * 1024))
    raise NoticeError(str(value))


def read_notice_isolated(
    source: bytes | str,
    *,
    year: int | None = None,
    timezone: str | None = None,
    lang: Literal["auto", "fr", "en"] = "auto",
    reference: date | None = None,
    catalogue: Sequence[Service] = (),
    aliases: Sequence[Alias] = (),
    budget: float | None = NOTICE_BUDGET_SECONDS,
    memory: int = NOTICE_MEMORY_BYTES,
    cpu_seconds: int = NOTICE_CPU_SECONDS,
    wall_seconds: float = NOTICE_WALL_SECONDS,
) -> Reading:
    """`read_notice` in a child process under memory, CPU and wall-clock limits."""
    options: dict[str, Any] = {
        "year": year, "timezone": timezone, "lang": lang, "reference": reference,
        "catalogue": tuple(catalogue), "aliases": tuple(aliases), "budget": budget,
    }  # fmt: skip
    value = _isolated(
        read_notice, (source,), options,
        memory=memory, cpu_seconds=cpu_seconds, wall_seconds=wall_seconds,
    )  # fmt: skip
    if not isinstance(value, Reading):
        raise NoticeError.said("notice.unexpected")
    return value


def _text(data: bytes) -> str:
    """The notice's text within the reader's time budget (a module function: it runs in the
    child process too)."""
    from preavis.notices.source import decode  # noqa: PLC0415 - see `read_notice`

    return decode(data, Deadline(NOTICE_BUDGET_SECONDS))


class ReadOptions(TypedDict, total=False):
    """What a reading may be told besides the notice (see `read_notice`)."""

    year: int | None
    timezone: str | None
    lang: Literal["auto", "fr", "en"]
    reference: date | None
    catalogue: Sequence[Service]
    aliases: Sequence[Alias]  # names staff corrected before (the import review remembers them)


class NoticeReader(Protocol):
    """How a use case reads notices: in its own process (the command line) or isolated in a
    child process (servers). Both are bounded by the reader's caps and time budget."""

    def read(self, source: bytes | str, **options: Unpack[ReadOptions]) -> Reading: ...

    def text(self, data: bytes) -> str:
        """The notice as text (a PDF's text layer), as the reader sees it."""
        ...


class InProcess:
    """Read in the calling process: for the command line, which reads its own files."""

    def read(self, source: bytes | str, **options: Unpack[ReadOptions]) -> Reading:
        return read_notice(source, **options)

    def text(self, data: bytes) -> str:
        return _text(data)


class Isolated:
    """Read in a child process with hard limits: for servers, where a notice comes from a
    request and must not take the process's memory or its interpreter lock."""

    def __init__(
        self,
        *,
        memory: int = NOTICE_MEMORY_BYTES,
        cpu_seconds: int = NOTICE_CPU_SECONDS,
        wall_seconds: float = NOTICE_WALL_SECONDS,
    ) -> None:
        self.limits: dict[str, Any] = {
            "memory": memory, "cpu_seconds": cpu_seconds, "wall_seconds": wall_seconds,
        }  # fmt: skip

    def read(self, source: bytes | str, **options: Unpack[ReadOptions]) -> Reading:
        return read_notice_isolated(source, **options, **self.limits)

    def text(self, data: bytes) -> str:
        value = _isolated(_text, (data,), {}, **self.limits)
        if not isinstance(value, str):
            raise NoticeError.said("notice.unexpected")
        return value
