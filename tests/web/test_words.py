"""The site's words: plural forms by each language's own rules, never "service(s)"."""

from __future__ import annotations

import re

import pytest

from preavis.domain.interruption import Impact
from preavis.web.home import summary
from preavis.web.words import Words
from tests.web.conftest import Public

U, L = Impact.UNAVAILABLE, Impact.LIMITED


@pytest.mark.parametrize(
    ("lang", "impacts", "expected"),
    [
        ("fr", [U], "1 service touché : 1 indisponible."),
        ("fr", [U, U, L], "3 services touchés : 2 indisponibles, 1 limité."),
        ("fr", [L, L], "2 services touchés : 2 limités."),
        ("fr", [U] * 23 + [L] * 3, "26 services touchés : 23 indisponibles, 3 limités."),
        ("en", [L], "1 service affected: 1 limited."),
        ("en", [U] * 23 + [L] * 3, "26 services affected: 23 unavailable, 3 limited."),
    ],
)
def test_the_summary_says_it_as_a_person_would(
    lang: str, impacts: list[Impact], expected: str
) -> None:
    assert summary(Words(lang), impacts) == expected  # type: ignore[arg-type]


def test_zero_is_singular_in_french_and_plural_in_english() -> None:
    assert Words("fr").count("count_limited", 0) == "0 limité"
    assert Words("en").count("summary_down", 0, parts="none") == "0 services affected: none."


def test_no_word_hedges_its_plural() -> None:
    for lang in ("fr", "en"):
        words = Words(lang)  # type: ignore[arg-type]
        for key, value in words.forms().items():
            assert "(s)" not in str(value), key


def test_times_are_never_cut_over_two_lines(public: Public) -> None:
    # Canadian typography: "20 h", "23 h 59" and "8 p.m." hold together (U+00A0).
    for path in ("/fr/", "/en/", "/fr/maintenances/mise-a-niveau-2025", "/en/maintenances"):
        html = public.get(path).text
        text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)  # the chart draws its own lines
        assert re.search(r"\d h\b", text) is None, path
        assert re.search(r"\d [ap]\.m\.", text) is None, path
    assert "2 juillet, 7\u00a0h" in public.get("/fr/").text
    assert "July 2, 7\u00a0a.m." in public.get("/en/").text
