"""Who a notice is about: the subject chunker, the title as a last resort, the catalogue first.

Each case is written from the phenomenon (how English and French say who is affected), not
copied from a corpus notice."""

from __future__ import annotations

from datetime import date

import pytest

from preavis.domain import Impact
from preavis.domain.service import Service
from preavis.domain.text import Text
from preavis.notices.naming import in_catalogue, title_subject
from preavis.notices.reader import read_notice
from preavis.notices.subjects import WINDOW, chunk

REF = date(2025, 1, 15)


def names(clause: str) -> list[str]:
    return [s.name for s in chunk(clause) if not s.negated]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # the subject of an impact predicate, with its determiner dropped
        ("The customer portal will be unavailable.", ["Customer portal"]),
        ("Our ticketing system will be down for about an hour.", ["Ticketing system"]),
        ("The wiki will be read-only while we copy it.", ["Wiki"]),
        ("Video calls may experience brief interruptions.", ["Video calls"]),
        ("The archive and the catalogue will be taken offline.", ["Archive", "Catalogue"]),
        (
            "Parking permits, pet licences and fines will not be available.",
            ["Parking permits", "Pet licences", "Fines"],
        ),
        # a circumstance before the subject, the window inside the sentence
        (f"Beginning {WINDOW}, the library catalogue will be inaccessible.", ["Library catalogue"]),
        (f"From {WINDOW}, our booking engine is expected to be offline.", ["Booking engine"]),
        # a date before the subject is not part of a list of subjects
        (f"On Sunday, March 2, the intranet will be unavailable {WINDOW}.", ["Intranet"]),
        # a post-modifier is not part of the name
        ("The print service for students will be interrupted.", ["Print service"]),
        ("The API that serves partners will be unavailable.", ["API"]),
        # the examples after "including" are the names
        (
            "Several online services, including permits, taxes and fines, will be unavailable.",
            ["Permits", "Taxes", "Fines"],
        ),
        # "as well as" adds subjects; "and other …" names nothing more
        ("The file servers will be down as well as the VPN.", ["File servers", "VPN"]),
        ("There may be issues logging into Moodle, Teams and other tools.", ["Moodle", "Teams"]),
        # access and ability
        ("Access to the student portal will be interrupted.", ["Student portal"]),
        (f"You will not be able to access the HR portal {WINDOW}.", ["HR portal"]),
        # French
        ("Le portail citoyen sera temporairement indisponible.", ["Portail citoyen"]),
        ("La Paie, les Dépôts et la Boutique seront hors service.", ["Paie", "Dépôts", "Boutique"]),
        ("Le service de messagerie ne sera pas disponible.", ["Service de messagerie"]),
        (
            "Il ne sera pas possible d’accéder à la bibliothèque numérique pendant les travaux.",
            ["Bibliothèque numérique"],
        ),
        ("L’accès au dossier patient sera interrompu.", ["Dossier patient"]),
        (f"Le {WINDOW}, le guichet en ligne sera inaccessible.", ["Guichet en ligne"]),
    ],
)
def test_the_subject_of_an_impact_predicate_is_named(clause: str, expected: list[str]) -> None:
    assert names(clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "Email will not be affected.",
        "The website will remain available throughout.",
        "Le site restera accessible.",
        "Les paiements ne seront pas touchés.",
        "The portal will be available again at 8 a.m.",  # said available: no one is cut
        "Le portail sera disponible dès 8 h.",
        "When the router is restarted, nothing else changes.",  # a condition, not an announcement
        "Customers will be unable to call us.",  # people are not services
    ],
)
def test_what_is_not_cut_names_no_one(clause: str) -> None:
    assert names(clause) == []


@pytest.mark.parametrize(
    ("clause", "expected", "how"),
    [
        # what is lost, when the subject is a person or a place
        ("Residents of the east end will be without water.", ["Water"], "object"),
        ("Environ 3 000 foyers seront privés d’électricité.", ["Électricité"], "object"),
        (f"Beginning {WINDOW}, there will be no access to the extranet.", ["Extranet"], "object"),
        ("We will take the mail servers and the wiki offline.", ["Mail servers", "Wiki"], "object"),
        # "affected by": the event names what is cut, not the subject
        ("Your home could be affected by a gas service interruption.", ["Gas service"], "event"),
        # "including": the examples of a category
        (
            "The old system, including invoicing and archives, will be down.",
            ["Invoicing", "Archives"],
            "example",
        ),
    ],
)
def test_objects_events_and_examples_are_told_apart(
    clause: str, expected: list[str], how: str
) -> None:
    found = chunk(clause)
    assert [s.name for s in found] == expected
    assert {s.how for s in found} == {how}


def test_what_a_maintenance_is_of_is_read_only_as_a_last_resort() -> None:
    found = chunk("We will be performing maintenance on the payroll database.")
    assert [(s.name, s.how) for s in found] == [("Payroll database", "event")]
    found = chunk("Il y aura une interruption du service d’aqueduc demain.")
    assert [(s.name, s.how) for s in found] == [("Service d’aqueduc", "event")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Scheduled maintenance: Student Portal", "Student Portal"),
        ("Planned outage – Payroll, Saturday June 14", "Payroll"),
        ("Avis : Interruption de service – Guichet unique", "Guichet unique"),
        ("Telephone Banking Maintenance", "Telephone Banking"),
        ("Mise à jour du dossier fiscal", "Dossier fiscal"),
        ("Laval : le réseau d’aqueduc sera interrompu", "Réseau d’aqueduc"),
        ("Scheduled Maintenance", None),
        ("Avis important", None),
    ],
)
def test_a_title_names_its_subject_without_generic_words(title: str, expected: str | None) -> None:
    assert title_subject(title) == expected


def test_a_window_no_sentence_names_takes_the_title_with_a_warning() -> None:
    notice = (
        "Planned outage – Parking Permits\n\n"
        "Work is planned on Saturday, March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    (row,) = reading.interruptions
    assert row.service == "Parking Permits"
    assert row.evidence is not None and row.evidence.rule == "title"
    assert any("title" in w for w in row.evidence.warnings)


def test_without_a_title_that_names_anything_the_error_stays() -> None:
    notice = "Notice\n\nWork is planned on Saturday, March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    reading = read_notice(notice, reference=REF)
    assert not reading.ok
    assert any("no service name" in e.message for e in reading.errors)


@pytest.mark.parametrize(
    "lead",
    ["Beginning tomorrow", "Moreover", "Impact", "À compter de demain", "Au centre-ville"],
)
def test_a_circumstance_or_a_label_before_the_window_is_not_a_service(lead: str) -> None:
    notice = (
        "Planned outage – Records Office\n\n"
        f"{lead}, work is planned on March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [(r.service, r.evidence and r.evidence.rule) for r in reading.interruptions] == [
        ("Records Office", "title")
    ]


def test_examples_give_way_to_the_list_the_notice_gives_elsewhere() -> None:
    notice = (
        "Notice\n\n"
        "Most online services, including permits and taxes, will be unavailable on March 8, "
        "2025 from 9 p.m. to 11 p.m. ET.\n\n"
        "During the upgrade, the following services will be unavailable:\n"
        "- Parking permits\n- Property taxes\n- Pet licences\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [r.service for r in reading.interruptions] == [
        "Parking permits",
        "Property taxes",
        "Pet licences",
    ]


def test_the_clause_of_the_window_names_its_services() -> None:
    notice = (
        "Notice to users\n\n"
        "Starting at 8 p.m. on Friday, March 7, 2025 and until 6 a.m. on Saturday, March 8, "
        "2025 (ET), the records system and the mapping service will be unavailable.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Records system", Impact.UNAVAILABLE),
        ("Mapping service", Impact.UNAVAILABLE),
    ]
    assert all(r.evidence and r.evidence.rule == "same clause" for r in reading.interruptions)


def test_a_clause_that_says_it_is_not_affected_gives_no_row() -> None:
    notice = (
        "Maintenance\n\n"
        "Payroll will be unavailable on March 8, 2025 from 9 p.m. to 11 p.m. ET.\n\n"
        "Email will not be affected on March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert [r.service for r in reading.interruptions] == ["Payroll"]


CATALOGUE = [
    Service("cra", Text("Agence du revenu du Canada (ARC)", "Canada Revenue Agency (CRA)")),
    Service("epay", Text("Paiements en ligne", "Online payments")),
    Service("permits", Text("Permis de stationnement", "Parking permits")),
]


def known() -> dict[str, str]:
    return {n: n for s in CATALOGUE for n in (s.name.fr, s.name.en)}


def test_catalogue_names_are_found_in_a_clause_exactly_and_by_acronym() -> None:
    clause = f"Due to a migration, the CRA and Online Payments will be down {WINDOW}."
    assert in_catalogue(clause, known()) == ["Canada Revenue Agency (CRA)", "Online payments"]
    expanded = "Canada Revenue Agency (CRA) systems will be offline."
    assert in_catalogue(expanded, known()) == ["Canada Revenue Agency (CRA)"]
    accents = "Les paiements en-ligne seront interrompus."
    assert in_catalogue(accents, known()) == ["Paiements en ligne"]
    assert in_catalogue("The parking garage will be closed.", known()) == []


def test_catalogue_names_in_the_clause_win_over_free_text() -> None:
    notice = (
        "Notice\n\n"
        "During the upgrade of our tax platform, services of the CRA and the parking permits "
        "office will be unavailable on March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    )
    reading = read_notice(notice, reference=REF, catalogue=CATALOGUE, lang="en")
    assert reading.ok, reading.errors
    assert sorted(r.slug or "" for r in reading.interruptions) == ["cra", "permits"]


def test_each_subject_reads_its_own_predicate_for_its_impact() -> None:
    notice = (
        "Notice\n\n"
        "From 9 p.m. to 11 p.m. on March 8, 2025 (ET), the portal will be unavailable and "
        "the wiki will be read-only.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Portal", Impact.UNAVAILABLE),
        ("Wiki", Impact.LIMITED),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Access to the library catalogue will be impaired",
        "There may be issues logging into the library catalogue",
    ],
)
def test_impaired_access_is_limited(sentence: str) -> None:
    notice = f"Notice\n\n{sentence} on March 8, 2025 from 9 p.m. to 11 p.m. ET.\n"
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Library catalogue", Impact.LIMITED)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Des coupures d’eau nocturnes suite à la sécheresse sont à prévoir", ["Eau"]),
        ("Une coupure d’électricité préventive est à prévoir", ["Électricité"]),
        ("La coupure de gaz s’est prolongée", ["Gaz"]),
    ],
)
def test_what_is_cut_is_named_without_the_qualifiers_of_the_cut(
    sentence: str, expected: list[str]
) -> None:
    assert [s.name for s in chunk(sentence)] == expected


def test_a_title_row_reads_its_impact_in_the_windows_paragraph() -> None:
    notice = (
        "Records Portal Maintenance\n\n"
        "Saturday, March 8, 2025 from 9 p.m. to 11 p.m. (ET): users will not be able to edit "
        "their files. Users will still be able to view them.\n"
    )
    reading = read_notice(notice, reference=REF)
    assert reading.ok, reading.errors
    assert [(r.service, r.impact) for r in reading.interruptions] == [
        ("Records Portal", Impact.LIMITED)
    ]


def test_a_window_that_takes_its_sentences_full_stop_still_ends_the_sentence() -> None:
    from preavis.notices.subjects import clause_at
    from preavis.notices.text import Line

    lines = [
        Line(1, "The archive will be down from 4/6/2025 @ 9am to 4/6/2025 @ 5pm."),
        Line(2, "The wiki will be down all week."),
    ]
    end = len(lines[0].text) + 1
    assert clause_at(lines, (1, 26, 1, end)) == f"The archive will be down {WINDOW}."
    # "p.m." followed by the rest of its sentence is not a full stop
    lines = [Line(1, "From 1 to 5 p.m. the portal will be down."), Line(2, "Sorry.")]
    assert "the portal will be down" in clause_at(lines, (1, 1, 1, 17))


def test_start_and_end_lines_under_any_label_a_field_block_knows() -> None:
    from preavis.notices.shared import join_labelled
    from preavis.notices.text import Line

    cases = [
        ("Issue start: June 3, 2025 10:00 PM", "Service Restored: June 4, 2025 2:00 AM", "en"),
        ("start_date: June 3, 2025 10:00 PM", "end_date: June 4, 2025 2:00 AM", "en"),
        ("Heure de début : 3 juin 2025, 22 h", "Heure de fin : 4 juin 2025, 2 h", "fr"),
    ]
    for first, second, lang in cases:
        joined = join_labelled([Line(1, first), Line(2, second)], lang)  # type: ignore[arg-type]
        assert joined.windows == {1}, (first, second)
        assert joined.lines[1].text == ""
    # a label of another role is not an end: nothing joined
    other = join_labelled([Line(1, "Issue start: June 3"), Line(2, "Contact: help desk")], "en")
    assert not other.windows
