"""Aliases: a name printed in notices that staff corrected to a catalogue service before (the
import review remembers it) is read as that service, and the row's evidence says why, in
French and English; the catalogue's own names still come first."""

from __future__ import annotations

from datetime import date

from preavis.domain.service import Alias, Service, alias_key
from preavis.domain.text import Text
from preavis.formats.messages import say_problem
from preavis.notices.reader import as_json, read_notice

CATALOGUE = (
    Service("portail", Text("Portail client", "Customer portal")),
    Service("paie", Text("Paie", "Payroll")),
)
NOTICE = """Planned maintenance

The Web Self Service will be unavailable on Saturday, March 14, 2026 from 8 p.m. to 11 p.m. ET.
"""
BOTH = """Planned maintenance

Web Self Service and Payroll will be unavailable on Saturday, March 14, 2026 from 8 p.m. to
11 p.m. ET.
"""
REMEMBERED = (Alias("Web Self Service", "portail"),)


def read(text: str, aliases: tuple[Alias, ...] = ()) -> dict:  # type: ignore[type-arg]
    reading = read_notice(text, catalogue=CATALOGUE, aliases=aliases, reference=date(2026, 3, 1))
    assert reading.ok, reading.errors
    return as_json(reading, lambda p: say_problem(p, "fr"))


def test_without_the_alias_the_printed_name_is_not_in_the_catalogue() -> None:
    [row] = read(NOTICE)["interruptions"]
    assert row["service"] == "Web Self Service"
    assert [w["code"] for w in row["evidence"]["warnings"]] == ["notice.not_in_catalogue"]
    assert row["evidence"]["match"] is None


def test_with_the_alias_the_row_is_the_service_and_its_evidence_says_why() -> None:
    data = read(NOTICE, REMEMBERED)
    [row] = data["interruptions"]
    assert row["service"] == "Customer portal"  # the notice is English: the English name
    assert row["starts_at"] == "2026-03-14T20:00:00-04:00"
    assert row["evidence"]["warnings"] == []  # not a guess: staff said so before
    match = row["evidence"]["match"]
    assert match["reason"] == "alias" and match["slug"] == "portail"
    assert match["code"] == "notice.matched_alias"
    assert match["params"] == {"printed": "Web Self Service", "service": "Customer portal"}
    assert match["message"] == (
        "“Web Self Service” read as “Customer portal”: a correction made in an earlier import "
        "review"
    )
    nb = "\u00a0"
    assert match["said"] == (
        f"«{nb}Web Self Service{nb}» lu comme «{nb}Customer portal{nb}»{nb}: une correction "
        "faite lors d’une révision d’importation précédente"
    )
    assert {"line": 3, "from": "Web Self Service", "to": "Customer portal"} in data["corrections"]


def test_an_alias_is_compared_folded() -> None:
    [row] = read(NOTICE, (Alias("web self-SERVICE", "portail"),))["interruptions"]
    assert row["service"] == "Customer portal"
    assert alias_key("Web  Self-Sérvice ") == "web self service"


def test_one_of_several_names_in_a_sentence_is_read_through_its_alias() -> None:
    rows = read(BOTH, REMEMBERED)["interruptions"]
    assert [r["service"] for r in rows] == ["Customer portal", "Payroll"]
    assert rows[0]["evidence"]["match"]["printed"] == "Web Self Service"
    assert rows[1]["evidence"]["match"] is None


def test_an_alias_of_a_service_not_in_the_catalogue_is_let_be() -> None:
    [row] = read(NOTICE, (Alias("Web Self Service", "retired-thing"),))["interruptions"]
    assert row["service"] == "Web Self Service"


def test_the_catalogues_own_name_comes_before_an_alias() -> None:
    """An alias that is also a service's own name (made before that service was named so)
    does not take the row from the service that bears the name."""
    text = NOTICE.replace("The Web Self Service", "Payroll")
    [row] = read(text, (Alias("Payroll", "portail"),))["interruptions"]
    assert row["service"] == "Payroll"
    assert row["evidence"]["match"] is None
