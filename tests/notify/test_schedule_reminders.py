"""Reminder offsets in the schedule file: read (errors name the line and field), applied to the
database (a maintenance the file does not give any keeps its own), written back by export."""

from __future__ import annotations

import pytest

from preavis.actions import data, endpoints
from preavis.domain.errors import ScheduleError
from preavis.formats.schedule import dump_schedule, load_schedule
from preavis.storage import Store
from tests.conftest import context

FILE = """\
preavis: 1
services:
  - slug: shop
    name: {fr: Boutique, en: Shop}
maintenances:
  - slug: upgrade
    title: {fr: Mise à niveau, en: Upgrade}
    timezone: America/Toronto
    reminders: [2d, 3h, 90m, 45]
    interruptions:
      - service: shop
        impact: unavailable
        starts_at: 2099-06-25 20:00
        ends_at: 2099-06-26 07:00
  - slug: other
    title: {fr: Autre, en: Other}
    timezone: America/Toronto
    interruptions:
      - service: shop
        impact: limited
        starts_at: 2099-07-25 20:00
        ends_at: 2099-07-26 07:00
"""


def test_reminders_are_read_applied_and_written_back(store: Store) -> None:
    schedule = load_schedule(FILE).schedule
    assert dict(schedule.reminders) == {"upgrade": (2880, 180, 90, 45)}
    ctx = context(store)
    applied = data.apply_schedule(ctx, schedule=schedule)
    assert "reminders:upgrade" in applied.updated
    assert endpoints.reminder_offsets(ctx, "upgrade")["minutes"] == [2880, 180, 90, 45]
    assert endpoints.reminder_offsets(ctx, "other")["default"] is True
    again = data.apply_schedule(ctx, schedule=schedule)
    assert "reminders:upgrade" not in again.updated  # applying twice changes nothing
    written = dump_schedule(data.current_schedule(ctx))
    assert "  reminders:\n  - 2d\n  - 3h\n  - 90m\n  - 45m\n" in written
    assert dict(load_schedule(written).schedule.reminders) == {"upgrade": (2880, 180, 90, 45)}
    none = FILE.replace("[2d, 3h, 90m, 45]", "[]")
    data.apply_schedule(ctx, schedule=load_schedule(none).schedule)
    assert endpoints.reminder_offsets(ctx, "upgrade")["minutes"] == []


def test_a_bad_reminder_names_its_line_and_field() -> None:
    with pytest.raises(ScheduleError) as info:
        load_schedule(FILE.replace("[2d, 3h, 90m, 45]", "[2d, soon, 0m]"), source="s.yaml")
    found = [(p.line, p.field) for p in info.value.problems]
    assert found == [
        (9, "maintenances[0].reminders[1]"),
        (9, "maintenances[0].reminders[2]"),
    ]
    assert "'soon' is not a delay" in str(info.value)
