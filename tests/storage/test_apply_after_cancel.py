"""`preavis apply` of a file that still says `state: published` for a maintenance cancelled
since (session 9's QA round): it put the maintenance back on, silently. Subscribers had been
told "cancelled: these interruptions will not take place" and heard nothing more, their
calendars kept the events cancelled while the public calendar showed them again, and
`maintenance publish` refuses the very same thing. A cancelled maintenance cannot change, from
a file either: the whole file is refused, naming the maintenance; nothing is stored. On SQLite
and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from preavis.actions import data, maintenances
from preavis.domain import ConflictError, Schedule, State
from preavis.storage import Store
from tests.conftest import context

SLUG = "mise-a-niveau-2025"


def test_a_file_cannot_put_a_cancelled_maintenance_back_on(store: Store, example: Schedule) -> None:
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    maintenances.cancel(ctx, slug=SLUG, reason="postponed")
    with store.reading() as tx:
        events_before = len(tx.conn.exec_driver_sql("SELECT id FROM events").all())
    with pytest.raises(ConflictError) as refused:
        data.apply_schedule(ctx, schedule=example, publish=True)
    assert SLUG in str(refused.value) and "cancelled" in str(refused.value)
    assert "give it another slug in the file" in str(refused.value)  # what to do about it
    m, revision = maintenances.get_maintenance(ctx, slug=SLUG)
    assert m.state is State.CANCELLED and revision == 2
    with store.reading() as tx:
        assert len(tx.conn.exec_driver_sql("SELECT id FROM events").all()) == events_before
    # The file that says what is so applies, and changes nothing.
    cancelled = Schedule(
        services=example.services,
        groups=example.groups,
        maintenances=tuple(
            m if m.slug != SLUG else replace(m, state=State.CANCELLED) for m in example.maintenances
        ),
    )
    done = data.apply_schedule(ctx, schedule=cancelled, publish=True)
    assert f"maintenance:{SLUG}" not in done.updated + done.published
