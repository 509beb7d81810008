"""What the worker's two paths, e-mail and endpoints (webhooks, channels), share: the words
their messages use, an audience's scope, what a pass did, when a failure is tried again, and
what was sent but could not be recorded yet.

What a worker sent while the database was away is kept in order and written first when the
database is back, before anything is claimed again (or it would go out a second time once its
lease ran out)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from preavis.domain.errors import StorageUnavailableError
from preavis.domain.messages import Said
from preavis.formats.notice import typography
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_window
from preavis.notify import plan
from preavis.storage import Store, Tx

log = logging.getLogger("preavis.notify")
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)

WORDING = plan.Wording(
    window=format_window,
    instant=lambda at, tz, lang: format_instant(at, tz, lang, year=True),
    impact=lambda impact, lang: IMPACT_WORDS[lang][impact],
    typography=typography,
)


def scope_of(services: str, groups: str) -> plan.Scope:
    return plan.Scope(frozenset(services.split()), frozenset(groups.split()))


@dataclass
class Delivered:
    """What one pass of the worker did."""

    sent: int = 0
    failed: int = 0  # will be retried
    dead: int = 0  # refused for good, or out of attempts
    unsent: int = 0  # stopping: no answer within the grace, given back to go again
    errors: list[str] = field(default_factory=list)

    def add(self, other: Delivered) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.dead += other.dead
        self.unsent += other.unsent
        self.errors.extend(other.errors[:10])


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, … minutes, capped at six hours."""
    delay: timedelta = BACKOFF_FIRST * (2 ** max(0, attempts - 1))
    return min(delay, BACKOFF_MAX)


Step = Callable[[Tx], None]  # writes what became of some deliveries, in the caller's transaction


class Unrecorded:
    """The record steps a worker could not write yet, oldest first, with how many deliveries
    each records. One per worker, kept across its passes."""

    def __init__(self) -> None:
        self._steps: list[tuple[Step, int]] = []
        self._cause: StorageUnavailableError | None = None
        # The thread that marks sent messages during a batch writes through it too.
        self._lock = threading.Lock()

    @property
    def deliveries(self) -> int:
        """How many deliveries went out (or were given up) without being recorded yet."""
        return sum(count for _, count in self._steps)

    def write(self, store: Store, step: Step, count: int) -> bool:
        """Write `step` in a transaction of its own; when the database cannot be reached, keep
        it for `flush` (and every later step too, without trying, so the order holds: a
        delivery given up on after one that was sent). True when it was written now."""
        with self._lock:
            if not self._steps:
                try:
                    with store.transaction() as tx:
                        step(tx)
                    return True
                except StorageUnavailableError as exc:
                    self._cause = exc
            self._steps.append((step, count))
            return False

    def check(self) -> None:
        """Raise the outage that left steps unwritten: the worker says it once, claims nothing
        more and waits for the database (then `flush`)."""
        if self._steps and self._cause is not None:
            raise self._cause

    def flush(self, store: Store) -> None:
        """Write what was kept, oldest first, each step in its own transaction; raises
        StorageUnavailableError (keeping the rest) while the database is still away."""
        written = 0
        with self._lock:
            while self._steps:
                step, count = self._steps[0]
                with store.transaction() as tx:
                    step(tx)
                self._steps.pop(0)
                written += count
        if written:
            log.info(Said("log.recorded_after_outage", count=written))
