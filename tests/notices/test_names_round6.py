"""Round 6 of the reader (session 7): which service a window is attached to. Every sentence
here is written for the test, not copied from the corpus; each rule in English and in French."""

from __future__ import annotations

import pytest

from preavis.notices import naming, shared

# --- an event named with a demonstrative or in the plural is not a service -----------------


@pytest.mark.parametrize(
    "name",
    [
        "Ces fermetures visent à protéger",
        "Ces travaux",
        "Des coupures",
        "These closures",
        "Those outages",
        "Nightly updates",
        "Upgrades",
        "Interventions prévues",
    ],
)
def test_an_event_in_the_plural_or_with_a_demonstrative_is_generic(name: str) -> None:
    assert shared.generic(name)


@pytest.mark.parametrize(
    "name",
    ["Système de paie", "Billing portal", "Pont Victoria"],
)
def test_a_service_that_only_mentions_an_event_word_is_not_generic(name: str) -> None:
    assert not shared.generic(name)


def test_a_title_that_is_only_a_sentence_about_the_closures_names_nothing() -> None:
    assert naming.title_subject("Ces fermetures visent à protéger les cyclistes.") is None
    assert naming.title_subject("These closures allow crews to repave the ramp.") is None
