"""Reading a notice in a child process under memory, CPU and wall-clock limits (for servers)."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.actions.reading import _isolated, read_notice_isolated
from preavis.domain import NoticeError
from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)
NOTICE = ("Boutique en ligne | fermée | Du 25 juin, 20 h au 2 juillet, 7 h (HE)\n" * 5).encode()


def test_the_child_reads_as_the_reader_does() -> None:
    isolated = read_notice_isolated(NOTICE, reference=REF, year=2025)
    assert isolated == read_notice(NOTICE, reference=REF, year=2025)
    assert len(isolated.interruptions) == 5


def test_the_readers_own_errors_come_back_as_they_are() -> None:
    with pytest.raises(NoticeError, match="binary file"):
        read_notice_isolated(b"\x00\x01\x02", reference=REF)
    with pytest.raises(NoticeError, match="took more than 0 s to read"):
        read_notice_isolated(NOTICE, reference=REF, budget=0)


def test_a_child_over_its_wall_clock_is_killed_with_a_clear_error() -> None:
    with pytest.raises(NoticeError, match=r"could not be read within 0\.01 s"):
        read_notice_isolated(NOTICE, reference=REF, wall_seconds=0.01)


def test_a_child_over_its_memory_is_stopped_with_a_clear_error() -> None:
    # A reading that needs more than the child's address space (here: any new 64 MB) is
    # stopped with the memory message, whatever the allocator kept at hand.
    with pytest.raises(NoticeError, match="more than 128 MB of memory"):
        _isolated(
            _greedy, (), {}, memory=128 * 1024 * 1024, cpu_seconds=5, wall_seconds=30
        )  # fmt: skip


def _greedy() -> int:
    """Runs in the child: asks for more memory than its limit."""
    return len(bytearray(256 * 1024 * 1024))


def test_a_bug_in_the_child_is_said_as_such_not_as_a_limit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with pytest.raises(NoticeError, match="failed unexpectedly") as caught:
        _isolated(_broken, (), {}, memory=1024**3, cpu_seconds=5, wall_seconds=30)
    assert "limit" not in str(caught.value) and "ZeroDivisionError" not in str(caught.value)
    assert "ZeroDivisionError" in caplog.text  # for the operator, in the log


def _broken() -> float:
    """Runs in the child: a reader bug."""
    return 1 / 0


def test_an_option_the_reader_refuses_comes_back_as_that_error() -> None:
    # Found by a new user: an unknown zone typed in the import screen was logged as a bug of the
    # reader ("failed unexpectedly"); it is the caller's mistake and must be said as one.
    from preavis.domain.errors import UnknownZoneError

    with pytest.raises(UnknownZoneError, match="Mars/Olympus"):
        read_notice(NOTICE, reference=REF, timezone="Mars/Olympus")
    with pytest.raises(UnknownZoneError, match="Mars/Olympus"):
        read_notice_isolated(NOTICE, reference=REF, timezone="Mars/Olympus")
