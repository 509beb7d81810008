"""Scope: a window shared by a list, by a list of subjects; impact read in the pair's clause."""

from __future__ import annotations

from datetime import date

from preavis.domain import Impact
from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)


def read(text: str) -> list[tuple[str, Impact, str, str]]:
    reading = read_notice(text, reference=REF)
    assert reading.ok, reading.errors
    return [
        (i.service, i.impact, i.evidence.rule if i.evidence else "", i.starts_at.isoformat()[:16])
        for i in reading.interruptions
    ]


LIST = """Maintenance notice

The following services will be unavailable on Saturday, June 14, 2025 between 10:00 and 15:00 ET:
- Payroll
- Online store (read-only)
- Mobile app

Billing will be unavailable from June 20, 2025 at 9 p.m. to 11 p.m. ET.
"""


def test_a_lead_in_covers_every_item_of_its_list() -> None:
    assert read(LIST) == [
        ("Payroll", Impact.UNAVAILABLE, "lead-in", "2025-06-14T14:00"),
        ("Online store", Impact.LIMITED, "lead-in", "2025-06-14T14:00"),
        ("Mobile app", Impact.UNAVAILABLE, "lead-in", "2025-06-14T14:00"),
        ("Billing", Impact.UNAVAILABLE, "same clause", "2025-06-21T01:00"),
    ]


def test_a_list_of_subjects_is_one_row_each() -> None:
    got = read(
        "Avis\n\nLa Paie, les Dépôts et la Boutique seront indisponibles le 21 juin 2025 "
        "de 20 h à 22 h (HE).\n"
    )
    assert [name for name, *_ in got] == ["Paie", "Dépôts", "Boutique"]
    assert {rule for _, _, rule, _ in got} == {"same clause"}


def test_two_subjects_joined_by_et_stay_one_name() -> None:
    got = read(
        "Avis\n\nFacturation et paiements sera indisponible le 21 juin 2025 de 20 h à 22 h (HE).\n"
    )
    assert [name for name, *_ in got] == ["Facturation et paiements"]


def test_including_but_not_limited_to_is_not_an_impact() -> None:
    (row,) = read(
        "Notice\n\nOnline banking, including but not limited to transfers, will be unavailable "
        "from June 20, 2025 at 9 p.m. to 11 p.m. ET.\n"
    )
    assert row[1] is Impact.UNAVAILABLE


def test_limited_wordings() -> None:
    for sentence in (
        "The portal may be slow from June 20, 2025 at 9 p.m. to 11 p.m. ET.",
        "The portal will be read-only from June 20, 2025 at 9 p.m. to 11 p.m. ET.",
        "Le portail sera en lecture seule du 20 juin 2025, 21 h au 20 juin 2025, 23 h (HE).",
    ):
        (row,) = read(f"Notice\n\n{sentence}\n")
        assert row[1] is Impact.LIMITED, sentence


WRAPPED_TABLE = """Systems availability

| Service | Regular Hours | Planned Outages |
| Payroll | Daily, 4 a.m. to 1 a.m. |
From Saturday, November 15, 2025 at 5:00AM to 11:00AM, due to maintenance. |
| Ledger | 24/7 |
From Friday, October 31, 2025 at 5:00PM to Saturday, November 1 at 7:00AM, month end. \
From Saturday, November 15, 2025 at 5:00AM to 11:00AM, due to maintenance. |
"""


def test_a_flattened_table_keeps_its_rows_and_skips_regular_hours() -> None:
    got = read(WRAPPED_TABLE)
    # In UTC: 5 a.m. EST is 10:00; 5 p.m. EDT on October 31 is 21:00.
    assert got == [
        ("Payroll", Impact.UNAVAILABLE, "same row", "2025-11-15T10:00"),
        ("Ledger", Impact.UNAVAILABLE, "same row", "2025-10-31T21:00"),
        ("Ledger", Impact.UNAVAILABLE, "same row", "2025-11-15T10:00"),
    ]


SCHEDULE = """Maintenance weekends

IT reserves the following dates for maintenance and upgrades to enterprise systems.

The standard outage begins at 6:00 PM on Saturday and is completed by 6:00 AM on Sunday.

2025

  • March 8-9
  • April 12-13
"""


def test_a_standard_window_applies_to_each_listed_weekend() -> None:
    reading = read_notice(SCHEDULE, reference=REF, timezone="America/New_York")
    assert reading.ok, reading.errors
    got = [(i.service, i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16])
           for i in reading.interruptions]  # fmt: skip
    # In UTC: EST (-05:00) on March 8; EDT (-04:00) from March 9 (DST) and in April.
    assert got == [
        ("Enterprise systems", "2025-03-08T23:00", "2025-03-09T10:00"),
        ("Enterprise systems", "2025-04-12T22:00", "2025-04-13T10:00"),
    ]
    assert all(i.evidence and i.evidence.rule == "document window" for i in reading.interruptions)


def test_words_that_look_like_zones_are_not_zones() -> None:
    text = (
        "Payroll notice\n\nFor HR record locking, see below. The Central Services Building "
        "is open.\n\nPayroll will be unavailable from June 20, 2025 at 9 p.m. to 11 p.m.\n"
    )
    reading = read_notice(text, reference=REF)
    assert reading.timezone == "America/Toronto"  # not Mountain (HR) nor Central
    assert any("no time zone is printed" in w.message for w in reading.warnings)


def test_a_cancelled_row_is_no_interruption() -> None:
    text = (
        "Maintenance\n\n- Payroll: unavailable from June 20, 2025 at 9 p.m. to 11 p.m. ET\n"
        "- [CANCELLED] Billing: unavailable from June 21, 2025 at 9 p.m. to 11 p.m. ET\n"
    )
    reading = read_notice(text, reference=REF)
    assert [i.service for i in reading.interruptions] == ["Payroll"]
    assert any("cancelled" in w.message for w in reading.warnings)


def test_a_down_lead_in_after_the_window_covers_its_list() -> None:
    """The window is stated first; a later lead-in ending with a colon says the items are down."""
    text = (
        "Network maintenance\n\n"
        "Work takes place from 9 p.m. on Friday, June 13, 2025 to 6 a.m. on Saturday, "
        "June 14, 2025 ET.\n"
        "While it lasts, customers will not be able to use:\n"
        "- the booking desk\n"
        "- card payments\n\n"
        "Customers will still be able to use:\n"
        "- the help line\n"
    )
    reading = read_notice(text, reference=REF)
    assert reading.ok, reading.errors
    rows = [(i.service, i.starts_at.isoformat()[:16]) for i in reading.interruptions]
    assert ("booking desk", "2025-06-14T01:00") in [
        (n.lower().removeprefix("the "), s) for n, s in rows
    ]
    assert ("card payments", "2025-06-14T01:00") in [(n.lower(), s) for n, s in rows]
    assert all("help line" not in n for n, _ in rows)
    for row in reading.interruptions:  # tied across sentences: each row says so
        assert row.evidence is not None and row.evidence.warnings


def test_a_bracket_after_a_category_lists_its_members() -> None:
    from preavis.notices.shared import subjects

    sentence = (
        "The ledger (i.e.: journals, reports) and partner tools (Acme Pay, Shipfast, etc.) "
        "will be unavailable on May 3, 2025 from 9:00 to 11:00 ET."
    )
    # The ledger's bracket explains it; the tools' bracket lists the services.
    assert subjects(sentence) == ["Ledger", "Acme Pay", "Shipfast"]
    # A bracket that lists nothing, such as a zone, leaves the sentence to the usual reading.
    assert subjects("Payroll (ET) will be unavailable on May 3.") == ["Payroll (ET)"]
    got = read(f"Notice\n\n{sentence}\n")
    assert [name for name, *_ in got] == ["Ledger", "Acme Pay", "Shipfast"]


def test_a_down_lead_in_adds_its_items_to_the_notices_one_window() -> None:
    text = (
        "Branch notice\n\n"
        "The south wing will be closed on June 14, 2025 from 9:00 to 12:00 ET.\n\n"
        "What we cannot offer that morning:\n"
        "- Passport photos\n"
        "- Notary services\n"
    )
    reading = read_notice(text, reference=REF)
    assert reading.ok, reading.errors
    got = {(i.service, i.starts_at.isoformat()[:16]) for i in reading.interruptions}
    assert {("Passport photos", "2025-06-14T13:00"), ("Notary services", "2025-06-14T13:00")} <= got
    for row in reading.interruptions:
        if row.service != "South wing":
            assert row.evidence is not None and row.evidence.warnings  # a weak tie says so
