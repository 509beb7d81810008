"""Naming by ranked candidates (notices/ranking.py): a window whose name shows a flaw takes the
best-scored name the notice offers for it, and a weak or close choice is a warning. Every
sentence here is written for the test (from how notices name things), not copied from the
corpus."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.notices import ranking
from preavis.notices.reader import as_json, read_notice
from preavis.notices.subjects import WINDOW

REF = date(2031, 1, 2)


@pytest.mark.parametrize(
    "name",
    [
        "Accordingly",  # a sentence adverb
        "From",  # a preposition
        "que la nécessité d’éteindre les serveurs",  # a complementiser
        "July 2031",  # a month and a year
        "Thanksgiving long weekend",  # a time of the year
        "durer environ 6 heures",  # a verb and a duration
        "Electronic Filing Unavailable",  # a predicate
        "Emergency maintenance",  # an event, not a service
        "Heating supply to",  # cut one word too far
        "Tous",  # a quantifier, not a name
    ],
)
def test_flawed_names_score_under_the_threshold(name: str) -> None:
    assert ranking.quality(name) < ranking.FLAWED


@pytest.mark.parametrize(
    "name",
    [
        "Payroll portal",
        "Harbour Permit System (HPS)",
        "bibliotheque.example.qc.ca",
        "Courant",  # one plain word is vague, not flawed
        "check-in",
        "courrier électronique",
        "Elections",
        "Portail client",  # a head noun before a word for people
    ],
)
def test_plain_names_are_not_flawed(name: str) -> None:
    assert ranking.quality(name) >= ranking.FLAWED


def test_a_specific_name_scores_above_a_vague_one() -> None:
    assert ranking.quality("Harbour Permit System (HPS)") > ranking.quality("Sites")


def test_a_name_printed_again_agrees_with_the_notice() -> None:
    notice = " harbour permit system is down harbour permit system again harbour permit system "
    assert ranking.agreement("Harbour Permit System", notice) == 0.6
    assert ranking.agreement("Tide tables", notice) == 0.0


def test_the_subject_of_a_complement_clause_is_offered() -> None:
    clause = (
        "Did you know that the Harbour Permit System (HPS) will be undergoing a migration on "
        f"the Thanksgiving long weekend, {WINDOW}?"
    )
    offered = ranking.candidates(clause, {}, None, " ")
    assert offered[0].name == "Harbour Permit System (HPS)"
    assert "Thanksgiving long weekend" in [c.name for c in offered[1:]]


def test_a_name_cut_one_word_too_far_is_offered_whole() -> None:
    clause = f"Heating supply to the north wing will be unavailable {WINDOW}."
    names = [c.name for c in ranking.candidates(clause, {}, None, " ")]
    assert "Heating supply" in names or "Heating supply to the north wing" in names


def test_catalogue_names_in_the_clause_rank_first() -> None:
    clause = f"Please note that our tenants’ Rent Desk will be offline {WINDOW}."
    offered = ranking.candidates(clause, {"Rent Desk": "Rent Desk"}, None, " ")
    assert offered[0].name == "Rent Desk"
    assert offered[0].source == "catalogue"


HEADING_DATES = """# Harbourview Permits Portal Maintenance Schedule

The times below are the longest we expect.

## July 2031

| Date | Day | Time | Duration |
|---|---|---|---|
| 07/08/2031 | Tuesday | 9:00 - 10:00PM EDT | 1 hour |
| 07/10/2031 | Thursday | 9:00 - 10:00PM EDT | 1 hour |
"""


def test_a_date_heading_gives_way_to_the_top_heading_with_a_warning() -> None:
    # the title is also the heading above the table: offered as a heading (notices/widening.py)
    data = as_json(read_notice(HEADING_DATES, reference=REF))
    rows = data["interruptions"]
    assert rows
    for row in rows:
        assert row["service"] == "Harbourview Permits Portal"
        assert row["evidence"]["rule"] == "heading"
        assert any("July 2031" in w["message"] for w in row["evidence"]["warnings"])


COMPLEMENT = """Notice to all tenants

Did you know that the Harbour Permit System (HPS) will be undergoing a migration on the
Thanksgiving long weekend, from Saturday, October 11, 2031 at 8 p.m. until Tuesday,
October 14, 2031 at 6 a.m. ET?
"""


def test_the_subject_beats_a_time_of_the_year() -> None:
    data = as_json(read_notice(COMPLEMENT, reference=REF))
    assert [r["service"] for r in data["interruptions"]] == ["Harbour Permit System (HPS)"]


LEAD_IN = """Accordingly, from 9 p.m. to 11 p.m. on Friday, March 7, 2031 (ET), the
following is planned.
"""


def test_a_flawed_name_with_nothing_better_is_never_silent() -> None:
    data = as_json(read_notice(LEAD_IN, reference=REF))
    rows = data["interruptions"]
    assert rows, data
    for row in rows:
        assert any("weak evidence" in w["message"] for w in row["evidence"]["warnings"])


TABLE = """| Service | Start | End |
|---|---|---|
| Ouvrir une session | 2031-05-10 20:00 | 2031-05-10 23:00 |
| Payroll portal | 2031-05-10 20:00 | 2031-05-10 23:00 |
"""


def test_a_service_column_is_kept_as_printed() -> None:
    data = as_json(read_notice(TABLE, reference=REF, timezone="America/Toronto"))
    assert [r["service"] for r in data["interruptions"]] == ["Ouvrir une session", "Payroll portal"]
    for row in data["interruptions"]:
        assert not any("score" in w["message"] for w in row["evidence"]["warnings"])


SUBJECT_INSIDE = """Registry upgrade

The registry is moving to new servers. Accordingly, at 12:00 p.m. (ET) on Friday, March 7,
2031, the land title registry will be unavailable until 9:00 a.m. (ET) on Monday, March 10, 2031.
"""


def test_a_subject_printed_inside_the_window_is_a_candidate() -> None:
    data = as_json(read_notice(SUBJECT_INSIDE, reference=REF))
    assert [r["service"] for r in data["interruptions"]] == ["Land title registry"]


def test_a_name_from_the_paragraph_counts_less_than_one_from_the_clause() -> None:
    clause = f"The archive will be read-only {WINDOW}."
    paragraph = f"Our reading room stays open. The archive will be read-only {WINDOW}."
    offered = ranking.candidates(clause, {}, None, " ", paragraph=paragraph)
    assert offered[0].name == "Archive"
    assert offered[0].source == "same clause"


def test_an_adverb_between_the_verb_and_its_predicate_keeps_the_subject() -> None:
    from preavis.notices.subjects import every_name

    said = "Les comptoirs du quai Nord seront exceptionnellement fermés aux dates suivantes :"
    assert [s.name for s in every_name(said)] == ["Comptoirs du quai Nord"]
    said = "The ferry terminal will be unexpectedly closed on these dates:"
    assert [s.name for s in every_name(said)] == ["Ferry terminal"]


DATES_UNDER_A_TITLE = """Fermetures du quai Nord et changements d’horaire – Hiver 2031 / Été 2032

Les comptoirs du quai Nord seront exceptionnellement fermés aux dates suivantes :

  • Jeudi 25 décembre 2031 (toute la journée)
  • Jeudi 1er janvier 2032 (toute la journée)
"""


def test_dates_listed_under_a_lead_in_take_its_subject() -> None:
    data = as_json(read_notice(DATES_UNDER_A_TITLE, reference=REF, timezone="America/Toronto"))
    names = {r["service"] for r in data["interruptions"]}
    assert names == {"Comptoirs du quai Nord"}, data


# --- the weak ties and the ranking's doubts have catalogue ids (French and English) ----------


def _french(text: str, **options: object) -> list[str]:
    from preavis.formats.messages import say_problem

    reading = read_notice(text, reference=REF, **options)  # type: ignore[arg-type]
    return [say_problem(w, "fr") for w in reading.warnings]


def test_a_name_taken_from_a_heading_above_is_said_in_french() -> None:
    said = _french(HEADING_DATES)
    assert any("par la règle « heading »" in s.replace("\u00a0", " ") for s in said), said
    assert any("est le nom le mieux noté" in s for s in said), said
    assert not any("tied to its window" in s or "best-scored" in s for s in said), said


def test_a_service_implied_by_the_kind_of_notice_is_said_in_french() -> None:
    notice = (
        "Avis d’interruption du service d’aqueduc\n\n"
        "Les travaux auront lieu le 3 mai 2031 de 8 h à 12 h sur la rue des Érables.\n"
    )
    said = _french(notice, timezone="America/Toronto")
    assert any("déduit du genre d’avis" in s for s in said), said


def test_a_weak_name_kept_is_said_in_french() -> None:
    said = _french(LEAD_IN)
    assert any("désigne mal un service" in s for s in said), said


@pytest.mark.parametrize(
    ("reason", "code", "params"),
    [
        ("no sentence names a service for this window: the notice's title does", "title", {}),
        (
            "the service is implied by the kind of notice (“coupure d’eau”)",
            "kind",
            {"cue": "coupure d’eau"},
        ),
        (
            "the window is printed in another sentence (line 4), which names no service",
            "window_elsewhere",
            {"line": "4"},
        ),
        ("the notice's one window, not said in this sentence", "one_window", {}),
        ("a reason nobody wrote", "", {}),
    ],
)
def test_weak_reasons_map_to_their_catalogue_ids(
    reason: str, code: str, params: dict[str, str]
) -> None:
    from preavis.domain.messages import english
    from preavis.notices.evidence import weak_code

    found, said = weak_code(reason)
    assert found == (f"notice.weak_{code}" if code else "")
    assert said == params
    if code:  # the catalogue's English is the reader's own sentence
        words = english(found, {"service": "X", "rule": "title", **said})
        assert words == f"“X” tied to its window by the title rule: {reason}"
