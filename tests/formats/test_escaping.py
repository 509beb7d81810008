"""Outputs stay well-formed whatever text they are given, even text the domain now refuses
(stored before the rule existed): Atom and SVG parse as XML, a calendar has only its events."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Any

import pytest
from icalendar import Calendar

from preavis.domain import Interruption, Maintenance, Service, Text
from preavis.domain.revision import FieldChange, Revision
from preavis.domain.text import check_text
from preavis.domain.zones import EARLIEST, LATEST
from preavis.formats import atom, ical, notice, svg
from tests.conftest import T0, make_interruption, make_maintenance, make_service

LAST = LATEST - timedelta(microseconds=1)
CHARS = ["\x00", "\r", "\n", "\x1b", "\r\n", "\x0b", "\x7f", "\x85", "\u2028"]


def _force(obj: Any, **fields: Any) -> Any:
    """Set fields on a frozen domain object without its checks, as a bad row would read."""
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    return obj


def _dirty(char: str) -> tuple[Maintenance, dict[str, Service], Revision]:
    injected = f"{char}BEGIN:VEVENT{char}UID:evil{char}END:VEVENT{char}"
    shop = _force(make_service("shop"), name=Text(f"Boutique{injected}", f"Shop{injected}"))
    other = make_service("bank")
    first = make_interruption("ongoing", service="shop")
    _force(first, description=Text(f"Fermée{injected}", f"Closed{injected}"))
    second = make_interruption("upcoming", service="bank", hours=30)
    m = make_maintenance(first, second)
    _force(first, key="k1")
    _force(second, key="k2")
    _force(
        m,
        title=Text(f"Mise à niveau{injected}", f"Upgrade{injected}"),
        summary=Text(f"Résumé{injected}", f"Summary{injected}"),
    )
    revision = Revision("maintenance:upgrade", 1, "tester", T0, "ok", (FieldChange("x", 1, 2),))
    _force(revision, reason=f"because{injected}", actor=f"tester{injected}")
    return m, {"shop": shop, "bank": other}, revision


def _ids(char: str) -> str:
    return "+".join(f"U+{ord(c):04X}" for c in char)


def _xml_text(root: ET.Element) -> list[str]:
    found = []
    for element in root.iter():
        found += [element.text or "", element.tail or ""]
        found += list(element.attrib.values())
    return found


@pytest.mark.parametrize("char", CHARS, ids=_ids)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_atom_parses_and_carries_no_control_character(char: str, lang: Any) -> None:
    m, services, revision = _dirty(char)
    body = atom.feed(
        [atom.FeedItem(m, (revision,))], services, lang,
        title=f"Préavis — {services['shop'].name.get(lang)}", feed_id="urn:x",
        self_url="https://example.org/feed.atom", site_url="https://example.org",
    )  # fmt: skip
    root = ET.fromstring(body)
    texts = _xml_text(root)
    for text in texts:
        check_text(text, "atom", multiline=True)
    entry_title = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert entry_title is not None and entry_title.text is not None
    assert "\n" not in entry_title.text  # a title stays one line
    assert "BEGIN:VEVENT" in entry_title.text  # kept, as harmless text


@pytest.mark.parametrize("char", CHARS, ids=_ids)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_svg_parses_and_carries_no_control_character(char: str, lang: Any) -> None:
    m, services, _ = _dirty(char)
    root = ET.fromstring(svg.gantt(m, services, lang, T0))
    for text in _xml_text(root):
        check_text(text.strip(), "svg", multiline=True)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and "\n" not in (title.text or "")


LINE = re.compile(r"\r\n|\r|\n")


@pytest.mark.parametrize("char", CHARS, ids=_ids)
@pytest.mark.parametrize("service", [None, "shop"])
def test_calendar_has_only_its_own_events(char: str, service: str | None) -> None:
    m, services, _ = _dirty(char)
    name = f"Préavis — {m.title.get('fr')} — {services['shop'].name.get('fr')}"
    entry = ical.CalendarEntry(m, 3, T0 - timedelta(days=1))
    body = ical.calendar([entry], services, "fr", name, service=service, url="https://x.org")
    expected = 1 if service else 2
    parsed = Calendar.from_ical(body)
    events = parsed.walk("VEVENT")
    assert len(events) == expected
    assert {str(e["UID"]) for e in events} <= {"upgrade-k1@preavis", "upgrade-k2@preavis"}
    text = body.decode("utf-8")
    for lines in (LINE.split(text), text.splitlines()):
        assert sum(line.startswith("BEGIN:VEVENT") for line in lines) == expected
        assert not any(line.startswith("UID:evil") for line in lines)
    # Every content line ends with CRLF, and nothing else breaks a line.
    assert "\r" not in text.replace("\r\n", "")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        check_text(line, "ics")
    assert "BEGIN:VEVENT" in str(parsed["X-WR-CALNAME"])  # kept, as harmless text


@pytest.mark.parametrize("char", CHARS, ids=_ids)
def test_written_notices_keep_titles_and_names_on_one_line(char: str) -> None:
    m, services, _ = _dirty(char)
    text = notice.render_notice(m, services, "fr", "markdown")
    lines = text.splitlines()
    assert lines[0].startswith("# Mise à niveau")
    assert "BEGIN:VEVENT" in lines[0]
    rows = [line for line in lines if line.startswith("| Boutique")]
    assert "BEGIN:VEVENT" in rows[0].split(" | ")[1]  # the description, on the same row
    assert len(rows) == 1 and "BEGIN:VEVENT" in rows[0]
    for line in lines:
        check_text(line, "notice")


def test_clean_text_is_left_exactly_as_it_is() -> None:
    shop = make_service("shop", name=Text("Boutique, en ligne; 24/7", "Shop"))
    item = Interruption(
        "shop", make_interruption().impact, T0, T0 + timedelta(hours=2),
        Text("Fermée.\nRéouverture\tà 21 h.", "Closed."), "k1",
    )  # fmt: skip
    m = make_maintenance(item)
    body = ical.calendar([ical.CalendarEntry(m, 1, T0)], {"shop": shop}, "fr", "Préavis, tout")
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Boutique, en ligne; 24/7 — ")
    assert str(event["DESCRIPTION"]) == "Fermée.\nRéouverture\tà 21 h.\nMise à niveau"
    assert "\r\nX-WR-CALNAME:Préavis\\, tout\r\n" in body.decode()  # TEXT, escaped


def test_the_chart_of_the_longest_maintenance_stays_small() -> None:
    """Three centuries (the whole accepted range) draw a dozen day lines, not 16,000."""
    item = Interruption("shop", make_interruption().impact, EARLIEST, LAST, key="k1")
    m = make_maintenance(item)
    services = {"shop": make_service("shop")}
    for lang in ("fr", "en"):
        drawn = svg.gantt(m, services, lang, LAST)  # type: ignore[arg-type]
        root = ET.fromstring(drawn)
        labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")
                  if t.get("class") == "tick-label"]  # fmt: skip
        assert 5 <= len(labels) <= svg.TICKS_MAX
        assert len(drawn) < 20_000
    # Lines months or years apart: each label shows its month and year.
    months = r"(Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
    assert all(re.fullmatch(rf"{months} (19|20|21)\d\d", label or "") for label in labels)
