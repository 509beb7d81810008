"""The admin's French follows Canadian French typography as the public site does: a
non-breaking space before « : », « ; », « ? » and « ! » and inside guillemets (the admin's
words had plain spaces, so a colon could start a line; session 8's trial)."""

from __future__ import annotations

import re

import pytest

from preavis.web.admin_ui.words import PLURALS, WORDS

NB = "\u00a0"


@pytest.mark.parametrize("key", sorted(WORDS["fr"]))
def test_every_french_word_of_the_admin_spaces_its_marks(key: str) -> None:
    text = WORDS["fr"][key]
    assert not re.search(r" [:;?!»]|« ", text), (key, text)


def test_counted_words_too() -> None:
    for key, forms in PLURALS["fr"].items():
        for text in forms.values():
            assert not re.search(r" [:;?!»]|« ", text), (key, text)


def test_english_keeps_its_own() -> None:
    assert WORDS["en"]["colon"] == ": "
    assert WORDS["fr"]["colon"] == f"{NB}: "
