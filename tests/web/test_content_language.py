"""Feeds, calendars and badges say their language (Content-Language) as the pages do: their
words are in the language of their path; what is for programs (JSON) says none."""

from __future__ import annotations

import pytest

from tests.web.conftest import Public


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", ["calendar.ics", "feed.atom", "badge.svg", ""])
def test_every_response_in_a_language_says_it(public: Public, lang: str, path: str) -> None:
    for attempt in range(2):  # the second is answered from the kept answer: same headers
        answer = public.get(f"/{lang}/{path}")
        assert answer.status_code == 200, (attempt, answer.text[:200])
        assert answer.headers.get("content-language") == f"{lang}-CA", attempt


def test_the_same_bytes_under_two_languages_keep_their_own(public: Public) -> None:
    french = public.get("/fr/calendar.ics")
    english = public.get("/en/calendar.ics")
    assert french.headers["content-language"] == "fr-CA"
    assert english.headers["content-language"] == "en-CA"


def test_what_is_for_programs_says_no_language(public: Public) -> None:
    answer = public.get("/api/v2/summary.json")
    assert answer.status_code == 200
    assert "content-language" not in answer.headers
