"""Round 5 of the reader (session 7): which service a window is attached to. Every sentence
here is written for the test, not copied from the corpus; each rule in English and in French."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.notices import leadins, naming, shared
from preavis.notices.reader import read_notice
from preavis.notices.text import Line

REF = date(2025, 1, 15)


def _lines(text: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(text.splitlines(), start=1)]


# --- a list's lead-in that says its items are interrupted ----------------------------------


def test_a_lead_in_that_ends_a_paragraph_and_says_interruptions_lists_services() -> None:
    text = (
        "Library systems upgrade\n\n"
        "The circulation desk will be unavailable on June 14, 2025 from 9:00 to 12:00 ET while "
        "the catalogue moves to its new server and staff check that loans carry over. "
        "Meanwhile, a few other tools will also see service interruptions, including:\n"
        "- Room booking\n"
        "- Printing credits\n"
    )
    reading = read_notice(text, reference=REF)
    assert reading.ok, reading.errors
    got = {(i.service, i.starts_at.isoformat()[:16]) for i in reading.interruptions}
    assert {("Room booking", "2025-06-14T13:00"), ("Printing credits", "2025-06-14T13:00")} <= got
    for row in reading.interruptions:
        if row.service in ("Room booking", "Printing credits"):
            assert row.evidence is not None and row.evidence.warnings  # tied across sentences


def test_une_phrase_d_annonce_en_fin_de_paragraphe_et_ses_elements_sans_puces() -> None:
    text = (
        "Travaux au centre sportif\n\n"
        "La piscine sera fermée le 14 juin 2025 de 9 h à 12 h (HE). "
        "D’autres services seront aussi perturbés, notamment :\n\n"
        "Location de casiers\n\n"
        "Inscriptions en ligne\n\n"
        "Nous vous remercions de votre patience pendant ces travaux, qui amélioreront le centre.\n"
    )
    reading = read_notice(text, reference=REF)
    assert reading.ok, reading.errors
    got = {(i.service, i.starts_at.isoformat()[:16]) for i in reading.interruptions}
    assert {
        ("Location de casiers", "2025-06-14T13:00"),
        ("Inscriptions en ligne", "2025-06-14T13:00"),
    } <= got
    assert all("remercions" not in i.service for i in reading.interruptions)


def test_a_label_naming_an_outage_is_not_a_lead_in() -> None:
    assert not shared.down_lead_in("Outage details:")
    assert not shared.down_lead_in("Détails de l’interruption :")
    assert shared.down_lead_in("Two kiosks will see disruptions:")
    assert shared.down_lead_in("Deux bornes subiront des perturbations :")
    # what stays open is not cut, whatever the lead-in's other words
    assert not shared.down_lead_in("Despite the outage, these desks will not be affected:")


def test_unbulleted_items_stop_at_the_first_sentence() -> None:
    lines = _lines(
        "Several counters will be interrupted:\n\nPermits\n\nParking passes\n"
        "Thank you for bearing with us. We will post updates here.\n"
    )
    assert [line.text for line in leadins.items(lines, 0)] == ["Permits", "Parking passes"]
    lines = _lines("Ces guichets seront interrompus :\n- Permis\n- Vignettes\nMerci.\n")
    assert [line.text for line in leadins.items(lines, 0)] == ["- Permis", "- Vignettes"]


# --- the window's own label or lead word is not a service -----------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Start time",
        "End date",
        "Scheduled for",
        "Scheduled",
        "Heure de début",
        "Date de fin",
        "A partir",  # « À partir du … » printed without its accent
        "A Longueuil",  # « À Longueuil, une coupure … »
        "Prévue",
    ],
)
def test_a_window_label_or_lead_word_is_not_a_name(name: str) -> None:
    assert naming.doubtful_name(name)


@pytest.mark.parametrize(
    "name", ["Payroll portal", "Station Berri", "Heures d’ouverture du guichet"]
)
def test_names_that_only_look_like_labels_stay_names(name: str) -> None:
    assert not naming.doubtful_name(name)


def test_a_title_names_its_service_without_its_kind_adjective() -> None:
    assert naming.title_subject("Scheduled Billing Portal Outage") == "Billing Portal"
    assert naming.title_subject("Planned Parking Permit System Downtime") == (
        "Parking Permit System"
    )
    assert naming.title_subject("Scheduled for Jun 3, 21:00 - 23:00 UTC") is None
    assert naming.title_subject("Prévu le 3 juin de 21 h à 23 h") is None


def test_a_headline_title_names_what_comes_before_its_closing_word() -> None:
    # a headline drops the auxiliary: the closing word ends the name
    assert naming.title_subject("Le centre aquatique fermé toute la fin de semaine") == (
        "Centre aquatique"
    )
    assert naming.title_subject("Parking Permit Portal Unavailable During Upgrade") == (
        "Parking Permit Portal"
    )
    # a title that opens with the closing word: the name is the other piece
    assert naming.title_subject("Closed: Riverside Pool") == "Riverside Pool"
    assert naming.title_subject("Fermé : piscine Riverside") == "Piscine Riverside"
