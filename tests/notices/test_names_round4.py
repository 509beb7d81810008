"""Round 4 of the reader (session 7): which service a window is attached to and how it is
named. Every sentence here is written for the test (from how notices name things), not copied
from the corpus; each phenomenon in English and in French."""

from __future__ import annotations

import pytest

from preavis.notices import datelines, idle, naming, places
from preavis.notices.layout import Record
from preavis.notices.pieces import find_windows
from preavis.notices.subjects import WINDOW, chunk
from preavis.notices.text import clean
from tests.notices.round3 import read, rows

# --- a subject that its own verb does not say is cut ---------------------------------------


@pytest.mark.parametrize(
    ("name", "clause"),
    [
        ("Reminders", f"Reminders were emailed to every tenant, warning them of outages {WINDOW}."),
        ("Process", f"The process will start at {WINDOW}."),
        ("Town officials", f"Town officials are urging residents to fill bottles before {WINDOW}."),
        ("Des avis", f"Des avis ont été envoyés aux locataires, annonçant une coupure {WINDOW}."),
        ("Les équipes", f"Les équipes vont commencer {WINDOW}."),
    ],
)
def test_a_subject_whose_verb_says_nothing_is_cut_is_idle(name: str, clause: str) -> None:
    assert idle.idle_subject(name, clause)


@pytest.mark.parametrize(
    ("name", "clause"),
    [
        ("Payroll portal", f"The payroll portal will be unavailable {WINDOW}."),
        ("Payroll portal", f"The payroll portal will undergo maintenance {WINDOW}."),
        ("Online banking", f"Online banking will resume at {WINDOW}."),
        ("Water", f"Water will be shut off {WINDOW}."),
        ("Payroll portal", f"Payroll portal {WINDOW}."),  # no verb: a name and its window
        ("Le portail de paie", f"Le portail de paie sera indisponible {WINDOW}."),
        ("Le portail de paie", f"Le portail de paie sera mis à jour {WINDOW}."),
        ("L’aqueduc", f"L’aqueduc sera coupé {WINDOW}."),
        ("Le portail de paie", f"Le portail de paie {WINDOW}."),
        ("Flux.example", f"Une coupure de flux.example est à prévoir {WINDOW}."),  # not its subject
        ("Eau", f"Une interruption de l’eau potable sera faite {WINDOW}."),
    ],
)
def test_a_subject_said_to_be_cut_is_not_idle(name: str, clause: str) -> None:
    assert not idle.idle_subject(name, clause)


def test_a_window_announced_by_a_message_is_named_by_what_the_notice_says_is_cut() -> None:
    found = rows(
        "Letters were mailed to residents of the east end, announcing possible disruptions "
        "between 11 p.m. and 6 a.m. on Tuesday, June 10.\n\n"
        "For landline customers, the voicemail service will be unavailable during this time.\n"
    )
    assert [name for name, _, _ in found] == ["Voicemail service"]
    assert found[0][1:] == ("2025-06-11T03:00", "2025-06-11T10:00")  # UTC


def test_a_window_announced_by_a_message_is_named_by_what_the_notice_says_is_cut_fr() -> None:
    found = rows(
        "Des lettres ont été postées aux résidents du quartier est, annonçant des perturbations "
        "possibles entre 23 h et 6 h le mardi 10 juin.\n\n"
        "Pour les abonnés au téléphone résidentiel, la messagerie vocale sera indisponible "
        "pendant cette période.\n"
    )
    assert [name for name, _, _ in found] == ["Messagerie vocale"]
    assert found[0][1:] == ("2025-06-11T03:00", "2025-06-11T10:00")  # UTC


def test_a_subject_said_to_be_cut_keeps_its_window() -> None:
    found = rows("The payroll portal will be unavailable from 8 p.m. to 10 p.m. on June 10.\n")
    assert [name for name, _, _ in found] == ["Payroll portal"]
    assert read("Le portail de paie sera indisponible le 10 juin de 20 h à 22 h.\n").ok


# --- datelines: where and when a notice was written ----------------------------------------


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("SPRINGFIELD, Ore. (WKRT) - The permit portal will", "The permit portal will"),
        ("Halifax, June 3, 2025 /Wire/ – The portal will", "The portal will"),
        ("Trois-Rivières, le 3 juin 2025 – Le portail sera", "Le portail sera"),
        ("GATINEAU (Radio-Info) – Le portail sera", "Le portail sera"),
        ("VPN - unavailable from 8 to 10", "VPN - unavailable from 8 to 10"),
        ("Online Banking – Saturday, June 7", "Online Banking – Saturday, June 7"),
        ("Portail des permis – samedi 7 juin", "Portail des permis – samedi 7 juin"),
    ],
)
def test_a_dateline_is_not_the_sentences_subject(text: str, rest: str) -> None:
    assert datelines.undateline(text) == rest


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Posted on June 2, 2025", True),
        ("Last updated: 2025-06-02 14:50", True),
        ("publié le 02/06/2025 à 14 h 50", True),
        ("Mis à jour le 2 juin 2025", True),
        ("Posted by the library", False),  # no date: says who, may still be a title
        ("Permit portal maintenance on June 10", False),
    ],
)
def test_a_publication_line_is_recognised(line: str, published: bool) -> None:
    assert datelines.publication_line(line) is published


def test_a_publication_line_is_not_the_title() -> None:
    lines = clean("Posted on June 2, 2025\n\nPermit portal maintenance\n\nMore text.\n")
    assert naming.title_of(lines) == ("Permit portal maintenance", 3)
    lines = clean("publié le 02/06/2025 à 14 h 50\n\nMaintenance du portail des permis\n")
    assert naming.title_of(lines) == ("Maintenance du portail des permis", 3)


def test_a_dateline_place_does_not_name_the_window() -> None:
    found = rows(
        "LAKEVIEW, Ont. (CKLV) - The permit portal will be unavailable from 8 p.m. to 11 p.m. "
        "on Tuesday, June 10.\n"
    )
    assert [name for name, _, _ in found] == ["Permit portal"]
    found = rows(
        "Lakeview, le 3 juin 2025 – Le portail des permis sera indisponible le mardi 10 juin "
        "de 20 h à 23 h.\n"
    )
    assert [name for name, _, _ in found] == ["Portail des permis"]


# --- lists that share a head or a complement -----------------------------------------------


@pytest.mark.parametrize(
    ("clause", "names"),
    [
        (
            f"Les comptoirs de service de Gatineau et de Hull seront fermés {WINDOW}.",
            ["Comptoirs de service de Gatineau", "Comptoirs de service de Hull"],
        ),
        (
            f"The service counters in Ashford and in Brookline will be closed {WINDOW}.",
            ["Service counters in Ashford", "Service counters in Brookline"],
        ),
        (
            f"La voie réservée vers le centre-ville et la gare sera fermée {WINDOW}.",
            ["Voie réservée vers le centre-ville et la gare"],
        ),
        (
            f"The exit ramp towards Route 9 and the airport will be closed {WINDOW}.",
            ["Exit ramp towards Route 9 and the airport"],
        ),
        (  # no preposition repeated: one name, as before
            f"Billing and payments will be unavailable {WINDOW}.",
            ["Billing and payments"],
        ),
        (  # a second name of its own: two names, as before
            f"Le portail de paie et le site des permis seront indisponibles {WINDOW}.",
            ["Portail de paie", "Site des permis"],
        ),
    ],
)
def test_a_list_sharing_a_head_or_a_complement(clause: str, names: list[str]) -> None:
    assert [s.name for s in chunk(clause)] == names


def test_a_head_with_two_complements_is_two_rows() -> None:
    found = rows(
        "Les bureaux administratifs de Gatineau et de Hull seront fermés le mardi 10 juin "
        "de 8 h à 12 h.\n"
    )
    assert [name for name, _, _ in found] == [
        "Bureaux administratifs de Gatineau",
        "Bureaux administratifs de Hull",
    ]


# --- a generic word pointing back at a name printed earlier --------------------------------


def test_a_generic_word_is_named_by_the_noun_phrase_it_points_back_at() -> None:
    reading = read(
        "The county websites that use the single sign-on will go offline on Friday night.\n\n"
        "Residents will need to wait to renew permits.\n\n"
        "The sites will be down from 11 p.m. Friday until 7 a.m. Saturday, June 14.\n"
    )
    assert reading.ok, reading.errors
    assert [i.service for i in reading.interruptions] == [
        "County websites that use the single sign-on"
    ]
    row = reading.interruptions[0]
    assert row.evidence is not None
    assert any("“The sites”" in w or "“Sites”" in w for w in row.evidence.warnings)


def test_a_generic_word_is_named_by_the_noun_phrase_it_points_back_at_fr() -> None:
    reading = read(
        "La plateforme de réservation des terrains de tennis sera mise à jour cet été.\n\n"
        "La plateforme sera indisponible le samedi 14 juin de 8 h à 12 h.\n"
    )
    assert reading.ok, reading.errors
    assert [i.service for i in reading.interruptions] == [
        "Plateforme de réservation des terrains de tennis"
    ]


def test_a_head_followed_by_a_list_is_cut_after_the_head() -> None:
    found = rows(
        "The municipal payment system for water bills, permits, and parking fines will be replaced "
        "this month.\n\n"
        "The system will be unavailable from 8 a.m. to 5 p.m. on Monday, June 16.\n"
    )
    assert [name for name, _, _ in found] == ["Municipal payment system"]


def test_a_generic_word_with_nothing_before_it_is_warned() -> None:
    reading = read("The system will be unavailable from 8 a.m. to 5 p.m. on Monday, June 16.\n")
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.evidence is not None
    assert any("generic word" in w for w in row.evidence.warnings), row.evidence.warnings
    reading = read("Le système sera indisponible le lundi 16 juin de 8 h à 17 h.\n")
    (row,) = reading.interruptions
    assert row.evidence is not None
    assert any("generic word" in w for w in row.evidence.warnings), row.evidence.warnings


# --- places where a utility is cut ----------------------------------------------------------


def _record(name: str, window: str, line: int, rule: str = "heading") -> Record:
    (found,) = find_windows(window)
    return Record(name, "", found, line, line, rule=rule)


def _places(title: str, heading: str, rows: list[tuple[str, str, str]]) -> list[Record]:
    text = f"{title}\n\n{heading}\n\n" + "\n\n".join(f"{n}\n\n{w}" for n, w, _ in rows)
    lines = clean(text)
    records = []
    for name, window, rule in rows:
        at = next(ln.number for ln in lines if ln.text == window and ln.number > _seen(records))
        records.append(_record(name, window, at, rule))
    return places.fold(records, lines)


def _seen(records: list[Record]) -> int:
    return max((r.window_line for r in records), default=0)


@pytest.mark.parametrize(
    ("title", "heading", "windows", "utility"),
    [
        (
            "Coupures de courant au campus nord",
            "Pavillons touchés par la coupure de courant",
            ("le 15 juin 2025 de 6 h à 7 h", "le 15 juin 2025 de 9 h à 10 h"),
            "électricité",
        ),
        (
            "Planned outages on the north campus",
            "Buildings affected by the power outage",
            ("June 15, 2025 from 6 a.m. to 7 a.m.", "June 15, 2025 from 9 a.m. to 10 a.m."),
            "power",
        ),
    ],
)
def test_places_under_a_utility_cut_are_the_utility_once_per_window(
    title: str, heading: str, windows: tuple[str, str], utility: str
) -> None:
    first, second = windows
    rows = [("Pavillon Lachance", first, "heading"), ("Pavillon Dubé", first, "heading"),
            ("Pavillon Roy", second, "heading")]  # fmt: skip
    folded = _places(title, heading, rows)
    assert [(r.name, r.window.text) for r in folded] == [(utility, first), (utility, second)]
    assert folded[0].rule == "kind of notice"
    assert ("notice.name_place", (("place", "Pavillon Lachance"),)) in folded[0].doubts


def test_places_with_no_utility_cut_keep_their_names() -> None:
    rows = [("Pavillon Lachance", "le 15 juin 2025 de 6 h à 7 h", "heading")]
    folded = _places("Fermeture des pavillons", "Pavillons fermés", rows)
    assert [r.name for r in folded] == ["Pavillon Lachance"]


def test_a_service_named_in_its_own_sentence_is_not_a_place() -> None:
    rows = [("Serveur de fichiers", "le 15 juin 2025 de 6 h à 7 h", "same clause")]
    folded = _places("Coupures de courant", "Pavillons touchés par la coupure de courant", rows)
    assert [r.name for r in folded] == ["Serveur de fichiers"]


def test_the_same_hours_on_two_dates_stay_two_rows() -> None:
    rows = [("Rue des Érables", "le lundi 16 juin 2025 de 8 h à 12 h", "heading"),
            ("Rue des Ormes", "le mardi 17 juin 2025 de 8 h à 12 h", "heading")]  # fmt: skip
    folded = _places("Coupures d’eau planifiées", "Secteurs touchés par la coupure d’eau", rows)
    assert [r.name for r in folded] == ["eau", "eau"]


# --- a category whose bracket lists its members; names with dots ---------------------------


@pytest.mark.parametrize(
    ("clause", "names"),
    [
        (
            "The partner sites (alpha.example.org, beta.example.org and gamma.example.org) "
            f"will be unavailable {WINDOW}.",
            ["alpha.example.org", "beta.example.org", "gamma.example.org"],
        ),
        (
            f"Les outils annexes (Agenda, Paie et Congés) seront indisponibles {WINDOW}.",
            ["Agenda", "Paie", "Congés"],
        ),
        (  # a bracket that explains, not a list: the name as before
            f"The booking system (for all members) will be unavailable {WINDOW}.",
            ["Booking system (for all members)"],
        ),
        (f"Le portail paie.example.ca sera indisponible {WINDOW}.", ["Portail paie.example.ca"]),
        (f"Maintenance is done. The portal will be unavailable {WINDOW}.", ["Portal"]),
    ],
)
def test_a_categorys_bracket_lists_its_members(clause: str, names: list[str]) -> None:
    assert [s.name for s in chunk(clause)] == names


# --- people, and what they can still do, are not services ----------------------------------


def test_people_who_can_still_do_something_are_no_row() -> None:
    found = rows(
        "The voicemail service will be unavailable between 11 p.m. and 6 a.m. on Tuesday, "
        "June 10.\n\n"
        "However, those with a mobile phone will still be able to call us during this time.\n"
    )
    assert [name for name, _, _ in found] == ["Voicemail service"]


def test_people_who_can_still_do_something_are_no_row_fr() -> None:
    found = rows(
        "La messagerie vocale sera indisponible entre 23 h et 6 h le mardi 10 juin.\n\n"
        "Toutefois, ceux qui ont un cellulaire pourront toujours nous joindre pendant cette "
        "période.\n"
    )
    assert [name for name, _, _ in found] == ["Messagerie vocale"]
