"""An error page's language switch asks the same question in the other language: the path and
the moment stay (it used to lead home, losing the moment and the choices offered)."""

from __future__ import annotations

import html
import re

from tests.web.conftest import Public


def switch(page: str) -> str:
    found = re.search(r'<a href="([^"]*)" hreflang="(?:en|fr)"', page)
    assert found, page
    return html.unescape(found[1])


def test_the_switch_of_a_moment_daylight_saving_repeats_keeps_the_moment(public: Public) -> None:
    query = "when=2025-11-02T01:30&tz=America/Toronto"
    page = public.get(f"/fr/?{query}")
    assert page.status_code == 422
    assert switch(page.text) == f"/en/?{query}"
    english = public.get(switch(page.text))
    assert english.status_code == 422
    assert switch(english.text) == f"/fr/?{query}"


def test_the_switch_of_an_unknown_service_or_a_bad_moment_stays_where_it_is(public: Public) -> None:
    assert switch(public.get("/fr/services/nope").text) == "/en/services/nope"
    assert switch(public.get("/en/?at=garbage").text) == "/fr/?at=garbage"
    # what the visitor typed is quoted in the link, never written into the page as markup
    page = public.get('/fr/services/a"b<c')
    assert page.status_code == 404
    assert switch(page.text) == "/en/services/a%22b%3Cc"
    assert '"b<c' not in page.text
