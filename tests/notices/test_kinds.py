"""Services implied by the kind of notice: a water cut names water, a power outage power, a
bridge closure the bridge. Each sentence is written from the phenomenon (how English and French
announce a utility cut or a closure), not copied from a corpus notice."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.notices.kinds import closed, implied
from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il y aura une coupure d’eau dans le secteur des Érables.", "eau"),
        ("Avis d'interruption de service d'aqueduc", "eau"),
        ("L’alimentation en eau sera interrompue rue des Pins.", "eau"),
        ("Les travaux sur la conduite d'aqueduc exigent de fermer la vanne.", "eau"),
        ("A water main repair will leave Elm Street without water.", "water"),
        ("Water service interruption on Oak Avenue", "water"),
        ("Panne d’électricité prévue à Saint-Jean", "électricité"),
        ("Une interruption de courant touchera 300 clients.", "électricité"),
        ("Hydro-Québec procédera à des travaux sur son réseau.", "électricité"),
        ("A planned power outage will affect the north campus.", "power"),
        ("Buildings on Main Street will be without power.", "power"),
        ("Electrical shutdown in the science wing", "power"),
        ("Coupure de gaz rue Principale", "gaz"),
        ("Gas service interruption on Birch Road", "gas"),
        ("The campus network will be shut down on Sunday.", "network"),
        ("Scheduled network outage for the east residences", "network"),
        ("Internet service outage in the library", "Internet"),
        ("Interruption du service Internet au pavillon B", "Internet"),
    ],
)
def test_the_kind_of_cut_implies_the_utility(text: str, expected: str) -> None:
    found = implied(text)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    "text",
    [
        "The customer portal will be unavailable.",
        "Le portail citoyen sera indisponible pendant la mise à jour.",
        "Please drink plenty of water during the heat wave.",  # water, but nothing cut
        "Powerful new features are coming to the portal.",
        "Les eaux usées sont traitées à l’usine.",
        "The network team will publish a report.",
    ],
)
def test_no_cut_implies_nothing(text: str) -> None:
    assert implied(text) is None


def test_the_first_cue_printed_wins() -> None:
    found = implied("Une panne de courant privera aussi le quartier de distribution d’eau.")
    assert found is not None and found.name == "électricité"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le pont Champlain sera fermé dans les deux directions.", "pont Champlain"),
        ("Fermeture complète du tunnel Ville-Marie cette fin de semaine", "tunnel Ville-Marie"),
        ("La ligne 2 ne circulera pas entre les stations A et B.", "ligne 2"),
        ("The Harbour Bridge will be closed to all traffic.", "Harbour Bridge"),
        ("Closure of the Fraser Highway for paving", "Fraser Highway"),
        ("The Green Line will not run this weekend.", "Green Line"),
    ],
)
def test_a_closure_names_what_it_closes(text: str, expected: str) -> None:
    found = closed(text)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le pont sera fermé.",  # no name printed
        "The bridge will be closed.",
        "Le bureau sera fermé le lundi.",
    ],
)
def test_a_closure_that_names_nothing_names_nothing(text: str) -> None:
    assert closed(text) is None


def test_a_water_cut_in_the_title_names_water_weakly() -> None:
    notice = (
        "Avis d’interruption du service d’aqueduc\n\n"
        "Les travaux auront lieu le 20 janvier 2025 de 8 h à 16 h sur la rue des Lilas.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.service == "eau"
    assert row.evidence is not None and row.evidence.rule == "kind of notice"
    assert any("service d’aqueduc" in w for w in row.evidence.warnings)


def test_a_water_cut_in_the_clause_names_water() -> None:
    notice = (
        "Avis aux résidents du secteur Nord\n\n"
        "En raison de travaux, le 20 janvier 2025 de 8 h à 16 h, les résidences de la rue des"
        " Lilas seront privées d’eau.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [r.service.casefold() for r in reading.interruptions] == ["eau"]


def test_a_power_outage_in_the_title_names_power() -> None:
    notice = (
        "Planned power outage – Riverside district\n\n"
        "Crews will replace a transformer on January 20, 2025 from 9 a.m. to 1 p.m.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.service == "power"
    assert row.evidence is not None and row.evidence.rule == "kind of notice"
    assert row.evidence.warnings


def test_a_bridge_closure_names_the_bridge() -> None:
    notice = "Travaux de nuit\n\nLe pont Laviolette sera fermé le 20 janvier 2025 de 23 h à 5 h.\n"
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [r.service.casefold() for r in reading.interruptions] == ["pont laviolette"]


def test_a_service_printed_in_the_clause_is_kept() -> None:
    notice = (
        "Power outage at the data centre\n\n"
        "Because of a power outage, the student portal will be unavailable on January 20, 2025"
        " from 9 a.m. to 1 p.m.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.service == "Student portal"
    assert row.evidence is not None and row.evidence.rule != "kind of notice"
