"""The block tree (notices/blocks.py) and the scope rules read over it (notices/scope.py).

Each notice here is written from the phenomenon, by hand; the expected readings too."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from preavis.domain import Impact
from preavis.notices.blocks import (
    Fields,
    Heading,
    ListBlock,
    Paragraph,
    Section,
    Table,
    build,
    flat,
)
from preavis.notices.reader import read_notice
from preavis.notices.text import clean

REF = date(2025, 1, 15)
TORONTO = ZoneInfo("America/Toronto")


def kinds(text: str) -> list[tuple[str, int, int]]:
    return [(type(b).__name__, b.first, b.last) for b in flat(clean(text))]


def read(text: str, timezone: str | None = "America/Toronto") -> list[tuple[str, str, str, str]]:
    reading = read_notice(text, reference=REF, timezone=timezone)
    assert reading.ok, reading.errors
    return [
        (
            i.service,
            i.evidence.rule if i.evidence else "",
            i.starts_at.astimezone(TORONTO).isoformat()[:16],
            i.ends_at.astimezone(TORONTO).isoformat()[:16],
        )
        for i in reading.interruptions
    ]


# --- the tree ---------------------------------------------------------------------------


def test_kinds_of_blocks_in_order() -> None:
    text = (
        "# Planned work\n"
        "We will upgrade the network this weekend.\n"
        "Two things will be down:\n"
        "- Webmail\n"
        "- Calendar\n"
        "\n"
        "Start: June 14, 2025 at 10 p.m.\n"
        "End: June 15, 2025 at 2 a.m.\n"
        "\n"
        "Service | Date | Time\n"
        "Payroll | June 20, 2025 | 9 p.m. to 11 p.m.\n"
    )
    assert kinds(text) == [
        ("Heading", 0, 0),
        ("Paragraph", 1, 1),
        ("ListBlock", 2, 4),
        ("Fields", 6, 7),
        ("Table", 9, 10),
    ]


def test_a_heading_owns_blocks_until_a_heading_of_the_same_or_higher_rank() -> None:
    text = (
        "# Network\n\nPara one.\n\n## Wi-Fi\n\nPara two.\n\n## Wired\n\nPara three.\n\n"
        "# Phones\n\nPara four.\n"
    )
    tree = build(clean(text))
    owners = {
        block.text: [h.text for h in headings]
        for block, headings in tree.blocks()
        if isinstance(block, Paragraph)
    }
    assert owners == {
        "Para one.": ["Network"],
        "Para two.": ["Network", "Wi-Fi"],
        "Para three.": ["Network", "Wired"],
        "Para four.": ["Phones"],
    }
    top = [c.heading.text for c in tree.children if isinstance(c, Section) and c.heading]
    assert top == ["Network", "Phones"]


def test_headings_in_capitals_title_case_or_ending_with_a_colon() -> None:
    text = "SCHEDULED OUTAGE\nText.\n\nNetwork Changes\nText.\n\nNext steps:\nText here.\n"
    headings = [b for b in flat(clean(text)) if isinstance(b, Heading)]
    assert [(h.text, h.rank) for h in headings] == [
        ("SCHEDULED OUTAGE", 7),
        ("Network Changes", 8),
        ("Next steps", 9),
    ]


def test_a_sentence_and_a_field_are_not_headings() -> None:
    text = "The portal will be down.\nMore text.\n\nService Type: Production\nMore text.\n"
    assert not [b for b in flat(clean(text)) if isinstance(b, Heading)]


def test_list_items_bulleted_numbered_or_short_lines_after_a_colon() -> None:
    for items in (
        "- Webmail\n- Calendar\n",
        "1) Webmail\n2) Calendar\n",
        "a. Webmail\nb. Calendar\n",
        "• Webmail\n• Calendar\n",
        "Webmail\nCalendar\n",
    ):
        (block,) = flat(clean("These will be unavailable:\n" + items))
        assert isinstance(block, ListBlock), items
        assert block.lead is not None and block.lead.text == "These will be unavailable:"
        assert [i.text for i in block.items] == ["Webmail", "Calendar"], items


def test_a_lead_in_wrapped_in_markup_still_leads_its_list() -> None:
    (block,) = flat(clean("[.B]Residents cannot use:[.B]\n- Parking permits\n- Pool booking\n"))
    assert isinstance(block, ListBlock) and block.lead is not None
    assert [i.text for i in block.items] == ["Parking permits", "Pool booking"]


def test_long_lines_after_a_colon_are_not_a_list() -> None:
    text = (
        "Please note:\n"
        "The work has been planned with the vendor for several weeks and should go smoothly.\n"
        "We apologise for the inconvenience this may cause to all of our users.\n"
    )
    assert not [b for b in flat(clean(text)) if isinstance(b, ListBlock)]


def test_fields_with_the_value_on_the_same_line_or_the_next() -> None:
    text = (
        "System:\nLibrary catalogue\nStatus: Going to be down\n"
        "Outage start:\nSaturday, June 14, 2025 - 8:00am\n"
        "Estimated resolution time:\nSaturday, June 14, 2025 - 12:00pm\n"
    )
    (block,) = flat(clean(text))
    assert isinstance(block, Fields)
    assert [(e.key, e.role, e.value) for e in block.entries] == [
        ("System", "service", "Library catalogue"),
        ("Status", "impact", "Going to be down"),
        ("Outage start", "start", "Saturday, June 14, 2025 - 8:00am"),
        ("Estimated resolution time", "end", "Saturday, June 14, 2025 - 12:00pm"),
    ]


def test_fields_without_anything_temporal_are_not_a_fields_block() -> None:
    text = "Name: Jane Doe\nPhone: 555-0100\n"
    assert not [b for b in flat(clean(text)) if isinstance(b, Fields)]


def test_tables_from_pipes_tabs_and_aligned_gaps() -> None:
    rows = [("Webmail", "June 14, 2025 10 p.m. to 11 p.m.")]
    for text in (
        "| Service | Window |\n|---|---|\n| Webmail | June 14, 2025 10 p.m. to 11 p.m. |\n",
        "Service\tWindow\nWebmail\tJune 14, 2025 10 p.m. to 11 p.m.\n",
        "Service     Window\nWebmail     June 14, 2025 10 p.m. to 11 p.m.\n",
    ):
        (table,) = flat(clean(text))
        assert isinstance(table, Table), text
        assert table.roles == ("service", "window")
        assert [r.cells for r in table.rows] == rows


def test_a_pipe_table_flattened_one_cell_per_line() -> None:
    text = (
        "Date and time |\nNotice\n|\nAddress |\n---|---|---|\n"
        "June 3, 2025 8 a.m. to 5 p.m. |\nWater cut |\nMain Street |\n"
        "June 4, 2025 9 a.m. to 3 p.m. |\nWater cut |\nOak Avenue Elm Road |\n"
    )
    (table,) = flat(clean(text))
    assert isinstance(table, Table)
    assert table.header == ("Date and time", "Notice", "Address")
    assert table.roles == ("window", None, "place")
    assert [r.cells[2] for r in table.rows] == ["Main Street", "Oak Avenue Elm Road"]


def test_a_row_wrapped_onto_the_next_line_is_one_row() -> None:
    text = (
        "| Service | Planned outages |\n"
        "| Payroll |\nFrom June 14, 2025 at 10 p.m. to June 15, 2025 at 2 a.m. |\n"
        "| Webmail | From June 16, 2025 at 10 p.m. to 11 p.m. |\n"
    )
    (table,) = flat(clean(text))
    assert isinstance(table, Table)
    assert [(r.cells[0], r.first, r.last) for r in table.rows] == [
        ("Payroll", 1, 2),
        ("Webmail", 3, 3),
    ]


# --- scope rules over the tree ----------------------------------------------------------


def test_a_table_with_start_and_end_columns_the_date_first() -> None:
    text = (
        "Maintenance calendar\n\n"
        "Date | Start | End | System\n"
        "June 14, 2025 | 10 p.m. | 11:30 p.m. | Payroll\n"
        "June 15, 2025 | 1 a.m. | 3 a.m. | Webmail; Calendar\n"
    )
    assert read(text) == [
        ("Payroll", "same row", "2025-06-14T22:00", "2025-06-14T23:30"),
        ("Webmail", "same row", "2025-06-15T01:00", "2025-06-15T03:00"),
        ("Calendar", "same row", "2025-06-15T01:00", "2025-06-15T03:00"),
    ]


def test_a_table_with_a_date_column_and_a_time_column() -> None:
    text = (
        "Upcoming work\n\n"
        "Application\tDate\tTime\n"
        "Payroll\tJune 14, 2025\t10 p.m. to 11 p.m.\n"
        "Webmail\tJune 15, 2025\t6 a.m. to 7 a.m.\n"
    )
    assert read(text) == [
        ("Payroll", "same row", "2025-06-14T22:00", "2025-06-14T23:00"),
        ("Webmail", "same row", "2025-06-15T06:00", "2025-06-15T07:00"),
    ]


def test_a_table_without_a_service_column_takes_its_heading_with_a_warning() -> None:
    text = (
        "Notices\n\n"
        "## Library catalogue\n\n"
        "Date | Start | End\n"
        "June 14, 2025 | 10 p.m. | 11 p.m.\n"
        "June 21, 2025 | 10 p.m. | 11 p.m.\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    rows = reading.interruptions
    assert [(r.service, r.starts_at.astimezone(TORONTO).isoformat()[:16]) for r in rows] == [
        ("Library catalogue", "2025-06-14T22:00"),
        ("Library catalogue", "2025-06-21T22:00"),
    ]
    for row in rows:
        assert row.evidence is not None and row.evidence.rule == "heading"
        assert any("no service column" in w for w in row.evidence.warnings)


def test_a_table_named_by_its_place_column_warns() -> None:
    text = (
        "Water interruptions\n\n"
        "Date and time | Address\n"
        "June 3, 2025 8 a.m. to 5 p.m. | Main Street\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.service == "Main Street"
    assert row.evidence is not None and row.evidence.rule == "same row"
    assert any("named by its place" in w for w in row.evidence.warnings)


def test_an_impact_column_and_a_description_label_are_read() -> None:
    text = (
        "Work schedule\n\n"
        "Service | Impact | When\n"
        "Portal | Degraded | June 14, 2025 10 p.m. to 11 p.m.\n"
        "Store | Unavailable | June 14, 2025 10 p.m. to 11 p.m.\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Portal", Impact.LIMITED),
        ("Store", Impact.UNAVAILABLE),
    ]


def test_a_fields_block_with_its_values_under_the_keys() -> None:
    text = (
        "Catalogue maintenance\n\n"
        "System:\nLibrary catalogue\n"
        "Status:\nGoing to be down\n"
        "Outage start:\nSaturday, June 14, 2025 - 8:00am\n"
        "Estimated resolution time:\nSaturday, June 14, 2025 - 12:00pm\n"
    )
    assert read(text) == [
        ("Library catalogue", "fields", "2025-06-14T08:00", "2025-06-14T12:00"),
    ]


def test_a_fields_block_with_a_start_and_a_duration() -> None:
    text = (
        "Status report\n\n"
        "Services affected: Webmail, Calendar\n\n"
        "Start time: June 14, 2025 9:00 pm\n\n"
        "Duration: 2 hours\n"
    )
    assert read(text) == [
        ("Webmail", "fields", "2025-06-14T21:00", "2025-06-14T23:00"),
        ("Calendar", "fields", "2025-06-14T21:00", "2025-06-14T23:00"),
    ]


def test_a_status_field_says_the_impact_before_the_description() -> None:
    text = (
        "Catalogue maintenance\n\n"
        "System: Library catalogue\n"
        "Status: Going to be down\n"
        "Start: June 14, 2025 8:00am\n"
        "End: June 14, 2025 12:00pm\n"
        "Details: searches may fail intermittently while the index is rebuilt.\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Library catalogue", Impact.UNAVAILABLE)
    ]


def test_a_lead_in_wrapped_over_two_lines_covers_every_item() -> None:
    text = (
        "Maintenance\n\n"
        "On Saturday, June 14, 2025, from 10 p.m. to 11 p.m., these systems\n"
        "will be unavailable:\n"
        "Payroll\n"
        "Webmail\n"
    )
    assert read(text) == [
        ("Payroll", "lead-in", "2025-06-14T22:00", "2025-06-14T23:00"),
        ("Webmail", "lead-in", "2025-06-14T22:00", "2025-06-14T23:00"),
    ]


def test_a_sentence_announcing_the_bullets_under_it_is_their_lead_in() -> None:
    text = (
        "Maintenance\n\n"
        "The following systems will be down on June 14, 2025 from 10 p.m. to 11 p.m.\n"
        "- Payroll\n"
        "- Webmail (read-only)\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [
        (r.service, r.impact, r.evidence and r.evidence.rule) for r in reading.interruptions
    ] == [
        ("Payroll", Impact.UNAVAILABLE, "lead-in"),
        ("Webmail", Impact.LIMITED, "lead-in"),
    ]


def test_a_lead_in_wrapped_in_markup_gives_its_window_to_its_items() -> None:
    text = (
        "Notice\n\n"
        "**On June 14, 2025 from 10 p.m. to 11 p.m. you will not be able to use:**\n"
        "- Parking permits\n"
        "- Pool booking\n"
    )
    assert read(text) == [
        ("Parking permits", "lead-in", "2025-06-14T22:00", "2025-06-14T23:00"),
        ("Pool booking", "lead-in", "2025-06-14T22:00", "2025-06-14T23:00"),
    ]


def test_bulletin_board_format_codes_are_markup() -> None:
    (line,) = clean("[.B]Residents will not be able to use:[.B] [b]now[/b]")
    assert line.text == "Residents will not be able to use: now"


def test_a_window_under_a_heading_names_the_headings_service_weakly() -> None:
    text = (
        "Planned work\n\n"
        "Payroll Portal Maintenance\n\n"
        "Description:\n\n"
        "Saturday, June 14, 2025 from 5:00 to 5:30 and from 6:00 to 7:00: users will not be "
        "able to submit forms. Users will still be able to view their pay slips.\n\n"
        "Electronic Forms (EF) Upgrade\n\n"
        "Description:\n\n"
        "Sunday, June 15, 2025 from 4:30 to 6:00: all forms will be unavailable.\n"
    )
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    got = [
        (r.service, r.impact, r.starts_at.astimezone(TORONTO).isoformat()[11:16])
        for r in reading.interruptions
    ]
    assert got == [
        ("Payroll Portal", Impact.LIMITED, "05:00"),
        ("Payroll Portal", Impact.LIMITED, "06:00"),
        ("Electronic Forms (EF)", Impact.UNAVAILABLE, "04:30"),
    ]
    for row in reading.interruptions:
        assert row.evidence is not None and row.evidence.rule == "heading"
        assert row.evidence.warnings  # a heading is a weak tie


def test_a_heading_that_names_only_an_event_names_nothing() -> None:
    from preavis.notices.scope import heading_name

    assert heading_name("Scheduled Maintenance — Resolved") is None
    assert heading_name("eManifest Portal Maintenance") == "eManifest Portal"
    assert heading_name("Mise à jour du portail") == "Mise à jour du portail"
    assert heading_name("Maintenance on June 14, 2025 from 5:00 to 6:00") is None


def test_a_sentence_before_the_lead_in_on_its_line_is_still_read() -> None:
    text = (
        "Library notice\n\n"
        "The Catalogue will be unavailable from 9 p.m. on June 13, 2025 to 11 p.m. on June 14, "
        "2025. The following services will also be down from 1 a.m. to 2 a.m. on June 14, 2025:\n"
        "* renewals by telephone;\n"
        "* room bookings; and\n"
        "* printing.\n"
    )
    assert read(text) == [
        ("Catalogue", "same clause", "2025-06-13T21:00", "2025-06-14T23:00"),
        ("renewals by telephone", "lead-in", "2025-06-14T01:00", "2025-06-14T02:00"),
        ("room bookings", "lead-in", "2025-06-14T01:00", "2025-06-14T02:00"),
        ("printing", "lead-in", "2025-06-14T01:00", "2025-06-14T02:00"),
    ]


def test_blocks_stay_bounded_on_hostile_runs() -> None:
    """A row that never closes, or a long run of "key: value" lines, is cut at a bound: each
    line is looked at a bounded number of times, whatever the notice."""
    text = "| Service | Window | Notes |\n| Payroll |\n" + "free text\n" * 40
    (table, *_) = flat(clean(text))
    assert isinstance(table, Table)
    (row,) = table.rows
    assert row.last - row.first < 12
    keys = "".join(f"Key {n}: value\n" for n in range(40))
    assert not [b for b in flat(clean(keys)) if isinstance(b, Fields)]
    cells = "x |\n" * 40
    assert not [b for b in flat(clean(cells)) if isinstance(b, Table)]


def test_a_question_heading_names_no_service() -> None:
    text = "*What is happening?*\n  On Monday, June 16, 2025, from 9:30 p.m. - 10 p.m., we work.\n"
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert not reading.interruptions
    assert any("no service name" in e.message for e in reading.errors)


def _pdf_table(rows: list[tuple[str, ...]], title: str) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    doc.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    for row in rows:
        for cell in row:
            doc.cell(60, 6, cell)
        doc.ln(6)
    return bytes(doc.output())


def test_a_pdf_table_is_read_from_its_columns_x_positions() -> None:
    from preavis.notices.source import pdf_text

    data = _pdf_table(
        [
            ("Service", "Start", "End"),
            ("Payroll", "June 14, 2025 10 p.m.", "June 15, 2025 2 a.m."),
            ("Webmail portal", "June 16, 2025 9 p.m.", "June 16, 2025 11 p.m."),
        ],
        "Maintenance calendar",
    )
    assert pdf_text(data).splitlines()[1:3] == [
        "Service\tStart\tEnd",
        "Payroll\tJune 14, 2025 10 p.m.\tJune 15, 2025 2 a.m.",
    ]
    reading = read_notice(data, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    got = [
        (
            r.service,
            r.evidence and r.evidence.rule,
            r.starts_at.astimezone(TORONTO).isoformat()[:16],
        )
        for r in reading.interruptions
    ]
    assert got == [
        ("Payroll", "same row", "2025-06-14T22:00"),
        ("Webmail portal", "same row", "2025-06-16T21:00"),
    ]


def test_pdf_pieces_that_line_up_on_fewer_than_three_lines_are_not_columns() -> None:
    from fpdf import FPDF

    from preavis.notices.source import pdf_text

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    for words in (("The store is", "closed", "on June 14."), ("The shop is", "open", "later.")):
        doc.cell(30, 6, words[0])
        doc.set_font("helvetica", style="B", size=10)
        doc.cell(15, 6, words[1])
        doc.set_font("helvetica", size=10)
        doc.cell(40, 6, words[2])
        doc.ln(6)
    assert "\t" not in pdf_text(bytes(doc.output()))


def test_a_service_cell_with_one_service_a_line_is_one_row_each() -> None:
    text = (
        "Maintenance\n\n"
        "| Services | Window |\n"
        "| Webmail\nCalendar\nEmployee Self-Service &\nManager Self-Service | "
        "June 14, 2025 10 p.m. to 11 p.m. |\n"
    )
    assert [name for name, *_ in read(text)] == [
        "Webmail",
        "Calendar",
        "Employee Self-Service & Manager Self-Service",
    ]


def test_a_services_field_listed_one_a_line_under_its_key() -> None:
    text = (
        "Status\n\n"
        "Affected services:\nWebmail\nCalendar\n"
        "Start: June 14, 2025 10 p.m.\n"
        "End: June 14, 2025 11 p.m.\n"
    )
    assert [(name, rule) for name, rule, *_ in read(text)] == [
        ("Webmail", "fields"),
        ("Calendar", "fields"),
    ]
