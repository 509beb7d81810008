"""Round 6 of the reader (session 7): which service a window is attached to. Every sentence
here is written for the test, not copied from the corpus; each rule in English and in French."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.notices import naming, shared
from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)

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


# --- a category counted vaguely in the window's sentence: the services said elsewhere -------


def _names(text: str) -> list[str]:
    reading = read_notice(text, reference=REF)
    return sorted(r.service for r in reading.interruptions)


def test_several_services_closed_include_the_ones_the_next_sentences_name() -> None:
    text = (
        "Holiday closures\n\n"
        "Several municipal services will be closed on Friday, June 13, 2025 for the holiday. "
        "The permit office will be closed. The animal shelter will also be closed.\n"
    )
    names = _names(text)
    assert {"Animal shelter", "Permit office"} <= set(names)
    assert len(names) == 3  # and the category itself, as said


def test_plusieurs_services_fermes_comprennent_ceux_que_les_phrases_suivantes_nomment() -> None:
    text = (
        "Avis aux citoyens\n\n"
        "Plusieurs services municipaux seront fermés le vendredi 13 juin 2025 pour le congé. "
        "Le bureau des permis sera fermé. Le refuge animalier sera aussi fermé.\n"
    )
    names = _names(text)
    assert {"Bureau des permis", "Refuge animalier"} <= set(names)
    assert len(names) == 3  # et la catégorie elle-même, telle qu’écrite


def test_a_vague_category_with_nothing_named_elsewhere_stays() -> None:
    text = (
        "Holiday closures\n\n"
        "Several municipal services will be closed on Friday, June 13, 2025 for the holiday.\n"
    )
    names = _names(text)
    assert len(names) == 1 and names[0].casefold().endswith("municipal services")
