"""What the public-side QA round (session 9) found on the pages, in both languages: a published
maintenance whose interruptions were all removed showed an empty table (its headings and no
row, which a screen reader announces as a table of nothing) with no word saying so."""

from __future__ import annotations

import pytest

from preavis.actions import maintenances
from tests.web.conftest import EXAMPLE, Public


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Cette maintenance n’interrompt aucun service."),
        ("en", "This maintenance interrupts no service."),
    ],
)
def test_a_maintenance_with_no_interruption_left_says_so(
    public: Public, lang: str, said: str
) -> None:
    before = public.get(f"/{lang}/maintenances/{EXAMPLE}").text
    assert "<table" in before and said not in before
    m, _ = maintenances.get_maintenance(public.ctx, slug=EXAMPLE)
    for item in m.interruptions:
        maintenances.remove_interruption(public.ctx, slug=EXAMPLE, key=item.key)
    page = public.get(f"/{lang}/maintenances/{EXAMPLE}")
    assert page.status_code == 200
    main = page.text.split('<main id="content">')[1].split("</main>")[0]
    assert said in main
    assert "<table" not in main  # no table of nothing
