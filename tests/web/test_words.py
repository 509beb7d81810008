"""The site's words: plural forms by each language's own rules, never "service(s)"."""

from __future__ import annotations

import pytest

from preavis.domain.interruption import Impact
from preavis.web.home import summary
from preavis.web.words import Words

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
