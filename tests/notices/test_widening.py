"""More places a window's name can come from (notices/widening.py), and the chunker's cuts that
kept the right name out of the candidates. Every sentence here is written for the test (from
how notices name things), not copied from the corpus."""

from __future__ import annotations

import pytest

from preavis.notices import ranking, widening
from preavis.notices.subjects import chunk
from preavis.notices.text import Line, clean


def _lines(text: str) -> list[Line]:
    return clean(text)


def _line_of(lines: list[Line], words: str) -> int:
    return next(line.number for line in lines if words in line.text)


NESTED = """# Riverside Library

## Online catalogue

Saturday, March 8, 2031 from 9 a.m. to noon.
"""


def test_the_headings_above_a_window_innermost_first() -> None:
    lines = _lines(NESTED)
    found = widening.headings_above(lines, _line_of(lines, "Saturday"))
    assert found == ["Online catalogue", "Riverside Library"]


def test_a_window_with_no_heading_above_has_none() -> None:
    lines = _lines("Saturday, March 8, 2031 from 9 a.m. to noon.\n")
    assert widening.headings_above(lines, 1) == []


POINTING_BACK = """Work on the servers is planned on Saturday, March 8, 2031 from 9 a.m. to noon.

During this time, the booking portal will be unavailable.

The weather will be nice. The lobby stays open.
"""


def test_a_sentence_pointing_back_at_the_window_is_found() -> None:
    lines = _lines(POINTING_BACK)
    found = widening.pointing_back(lines, _line_of(lines, "Work on"), [1])
    assert found == ["During this time, the booking portal will be unavailable."]


def test_a_sentence_after_the_next_window_does_not_point_back_at_this_one() -> None:
    text = (
        "The first run is on Saturday, March 8, 2031 from 9 a.m. to noon.\n"
        "The second run is on Sunday, March 9, 2031 from 9 a.m. to noon.\n"
        "During this time, the booking portal will be unavailable.\n"
    )
    lines = _lines(text)
    assert widening.pointing_back(lines, 1, [1, 2]) == []
    assert widening.pointing_back(lines, 2, [1, 2]) != []


@pytest.mark.parametrize(
    "sentence",
    [
        "Pendant cette période, le portail sera inaccessible.",
        "During the above window, our network will be changed.",
        "Throughout the maintenance, the app will be read-only.",
        "Durant ces travaux, le site sera fermé.",
        "Voice calls will be unavailable during the overnight maintenance hours.",
    ],
)
def test_phrases_that_point_back(sentence: str) -> None:
    assert widening.BACK.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["The portal will be down at this address.", "Le portail sera fermé cette semaine."],
)
def test_phrases_that_do_not_point_back(sentence: str) -> None:
    assert not widening.BACK.search(sentence)


def test_the_sentence_before_the_window_s_paragraph() -> None:
    text = (
        "Hello.\n\nThe records office is moving to a new building. Expect delays.\n"
        "Bring your card.\n\nSaturday, March 8, 2031 from 9 a.m. to noon.\n"
    )
    lines = _lines(text)
    assert widening.sentence_before(lines, _line_of(lines, "Saturday")) == "Bring your card."


def test_no_sentence_before_under_a_list_item() -> None:
    text = "- the records office\n\nSaturday, March 8, 2031 from 9 a.m. to noon.\n"
    lines = _lines(text)
    assert widening.sentence_before(lines, _line_of(lines, "Saturday")) == ""


def test_a_name_from_a_sentence_pointing_back_is_a_candidate() -> None:
    found = ranking.candidates(
        "From \x01.",
        {},
        None,
        "",
        wider=(("During this time, the booking portal will be unavailable.", "by reference"),),
    )
    assert ("Booking portal", "by reference") in [(c.name, c.source) for c in found]


# --- the chunker's cuts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # "for" and a noun phrase belongs to the name; "for" and a duration does not
        ("The portal for building permits will be unavailable.", ["Portal for building permits"]),
        ("The portal will be unavailable for about two hours.", ["Portal"]),
        ("The portal for several hours will be down.", ["Portal"]),
        ("The portal for new customers will be down.", ["Portal"]),
        # "A for X and B C": two names, the second a noun phrase of its own
        (
            "The form for new claims and online statements will be unavailable.",
            ["Form for new claims", "Online statements"],
        ),
        ("Billing and payments will be unavailable.", ["Billing and payments"]),
        # "cut off", "switched off"; "to that" is a determiner, not a relative clause
        ("Heating to that wing will be cut off.", ["Heating to that wing"]),
        ("The lifts will be switched off.", ["Lifts"]),
        ("The server that hosts mail will be down.", ["Server"]),
    ],
)
def test_the_chunker_keeps_the_whole_name(clause: str, expected: list[str]) -> None:
    assert [s.name for s in chunk(clause) if not s.negated] == expected
