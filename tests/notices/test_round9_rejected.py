"""Round 9 of the reader (session 9): notices that were rejected whole. Every sentence here
is written for the test, not copied from the corpus; each rule in English and in French."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from preavis.domain.messages import CATALOGUE
from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)
ZONE = "America/Toronto"


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=ZoneInfo(ZONE))


# --- the start printed only as the page's date, in its front matter -----------------------

YAML_EN = """---
title: Planned upgrade of the billing platform
date: 2025-03-04 21:00:00
severity: maintenance
affected:
  - Billing portal
  - Invoice API
---

The upgrade has begun and the team is on it. We will post here again once it is done,
and we thank everyone for their patience while the work goes on.

We will upgrade the database behind billing. The whole operation should take no more
than 3 hours, and both systems will be offline while it runs.
"""

TOML_FR = """+++
title = "Mise à niveau du serveur de courriel"
date = 2025-03-06T01:30:00.000Z
affectedsystems = [
  "Courriel",
  "Agenda partagé",
]
+++

Nous mettrons à niveau le serveur de courriel. L'interruption durera environ 90 minutes.
"""


def test_yaml_front_matter_date_and_a_duration_give_each_affected_service_a_warned_row() -> None:
    reading = read_notice(YAML_EN, reference=REF, timezone=ZONE)
    assert not reading.errors, reading.errors
    rows = [(r.service, r.starts_at, r.ends_at, r.impact) for r in reading.interruptions]
    assert rows == [
        ("Billing portal", _at(4, 21), _at(5, 0), "unavailable"),
        ("Invoice API", _at(4, 21), _at(5, 0), "unavailable"),
    ]
    for row in reading.interruptions:
        assert row.evidence is not None and row.evidence.rule == "fields"
        assert any("page's date" in w for w in row.evidence.warnings)


def test_toml_front_matter_in_utc_and_a_french_duration() -> None:
    reading = read_notice(TOML_FR, reference=REF, timezone=ZONE)
    assert not reading.errors, reading.errors
    utc = ZoneInfo("UTC")
    rows = [(r.service, r.starts_at, r.ends_at) for r in reading.interruptions]
    assert rows == [
        ("Courriel", datetime(2025, 3, 6, 1, 30, tzinfo=utc), datetime(2025, 3, 6, 3, tzinfo=utc)),
        (
            "Agenda partagé",
            datetime(2025, 3, 6, 1, 30, tzinfo=utc),
            datetime(2025, 3, 6, 3, tzinfo=utc),
        ),
    ]
    assert all(r.evidence and r.evidence.warnings for r in reading.interruptions)


def test_front_matter_date_without_a_duration_reads_nothing() -> None:
    text = YAML_EN.replace("should take no more\nthan 3 hours, and", "will be quick and")
    reading = read_notice(text, reference=REF, timezone=ZONE)
    assert not reading.interruptions
    assert reading.errors


def test_front_matter_date_is_not_taken_when_the_text_prints_another_day() -> None:
    text = YAML_EN.replace("We will upgrade", "On March 9 we will upgrade")
    reading = read_notice(text, reference=REF, timezone=ZONE)
    assert all(r.starts_at != _at(4, 21) for r in reading.interruptions)


def test_a_window_printed_in_the_text_wins_over_the_page_date() -> None:
    text = YAML_EN.replace(
        "We will upgrade", "On March 9, 2025 from 10 p.m. to 11 p.m. we will upgrade"
    )
    reading = read_notice(text, reference=REF, timezone=ZONE)
    assert not reading.errors, reading.errors
    assert {(r.starts_at, r.ends_at) for r in reading.interruptions} == {(_at(9, 22), _at(9, 23))}


def test_key_value_lines_after_a_body_are_not_front_matter() -> None:
    text = (
        "Notice to users\n\nThe library catalogue will be slow for about two hours.\n"
        "date: 2025-03-04 21:00:00\nowner: IT\nkind: note\n"
    )
    reading = read_notice(text, reference=REF, timezone=ZONE)
    assert not reading.interruptions


def test_page_date_message_in_both_languages() -> None:
    entry = CATALOGUE["notice.page_date_start"]
    assert "page's date" in str(entry.en) and "date de la page" in str(entry.fr)
