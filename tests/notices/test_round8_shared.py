"""Round 8 of the reader (session 9): several services under one window. Every sentence here
is written for the test, not copied from the corpus; each rule in English and in French."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from preavis.notices import affected
from preavis.notices.reader import read_notice
from preavis.notices.text import Line

REF = date(2025, 1, 15)
ZONE = "America/Toronto"


def _reading(text: str) -> list[tuple[str, datetime, datetime, str, str]]:
    reading = read_notice(text, reference=REF, timezone=ZONE)
    assert not reading.errors, reading.errors
    zone = ZoneInfo(ZONE)
    return [
        (
            r.service,
            r.starts_at.astimezone(zone),
            r.ends_at.astimezone(zone),
            r.impact,
            r.evidence.rule if r.evidence else "",
        )
        for r in reading.interruptions
    ]


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=ZoneInfo(ZONE))


# --- affected lists that are not a "Affected services:" line ------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            'affectedsystems = ["Billing", "Member portal", "API"]',
            ["Billing", "Member portal", "API"],
        ),
        ("affected_services: [Billing, Member portal]", ["Billing", "Member portal"]),
        ('components = ["Search"]', ["Search"]),
        ('title = "Planned work"', None),
        ("affectedsystems = []", []),
    ],
)
def test_a_front_matter_list_names_each_system(line: str, names: list[str] | None) -> None:
    assert affected.front_matter(line) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Affected systems are the booking portal (BP / Reservations) and the member wiki.",
            ["booking portal", "member wiki"],
        ),
        ("The impacted services are Billing, Payroll and the HR intranet.",
         ["Billing", "Payroll", "HR intranet"]),
        ("Les services touchés sont le portail citoyen et la bibliothèque numérique.",
         ["portail citoyen", "bibliothèque numérique"]),
        ("Les systèmes concernés sont : Paie, Achats et Inventaire.",
         ["Paie", "Achats", "Inventaire"]),
        ("Affected customers will be notified by email.", None),
        ("Affected services will be restored by 9 a.m.", None),
        ("The affected systems are now back online.", None),
        ("Les services touchés sont rétablis depuis midi.", None),
        ("The services were affected last year.", None),
    ],
)  # fmt: skip
def test_a_sentence_that_lists_the_affected_systems(sentence: str, names: list[str] | None) -> None:
    assert affected.sentence(sentence) == names


def test_a_label_without_colon_and_its_pictogram_items() -> None:
    lines = [
        Line(1, "Services affected ⬇️"),
        Line(2, "🖥 https://example.org/status"),
        Line(3, "📞 Call centre lines"),
        Line(4, "▶ Member portal"),
        Line(5, ""),
        Line(6, "Other news"),
    ]
    assert affected.label_items(lines, 0) == [("Call centre lines", 3), ("Member portal", 4)]
    assert affected.label_items([Line(1, "Services affected by the storm were many.")], 0) is None


def test_front_matter_systems_each_take_the_body_window() -> None:
    text = (
        "+++\n"
        'title = "Planned maintenance"\n'
        'affectedsystems = ["Ticket office", "Mobile app"]\n'
        "+++\n\n"
        "We have a maintenance slot on Sunday, March 16, 2025 from 2:00 to 3:30.\n"
    )
    rows = _reading(text)
    assert sorted(r[0] for r in rows) == ["Mobile app", "Ticket office"]
    assert {(r[1], r[2]) for r in rows} == {(_at(16, 2), _at(16, 3, 30))}


def test_front_matter_systems_in_french() -> None:
    text = (
        "---\n"
        "title: Maintenance planifiée\n"
        "affected_services: [Billetterie, Application mobile]\n"
        "---\n\n"
        "Une plage de maintenance est prévue le dimanche 16 mars 2025 de 2 h à 3 h 30.\n"
    )
    rows = _reading(text)
    assert sorted(r[0] for r in rows) == ["Application mobile", "Billetterie"]
    assert {(r[1], r[2]) for r in rows} == {(_at(16, 2), _at(16, 3, 30))}


def test_an_affected_sentence_adds_its_systems_to_the_one_window() -> None:
    text = (
        "Starting at 1:00 a.m. on Sunday, March 16, 2025, our hosting provider will take the "
        "payment servers offline for an upgrade until 4:00 a.m. that day. Affected systems "
        "are the Parking Permits portal and the Court Fines payments page.\n"
    )
    rows = _reading(text)
    names = {r[0] for r in rows}
    assert {"Parking Permits portal", "Court Fines payments page"} <= names
    listed = [r for r in rows if r[0] in {"Parking Permits portal", "Court Fines payments page"}]
    assert {(r[1], r[2], r[4]) for r in listed} == {(_at(16, 1), _at(16, 4), "fields")}


def test_an_affected_sentence_in_french() -> None:
    text = (
        "Le dimanche 16 mars 2025, de 1 h à 4 h, notre hébergeur mettra à niveau ses serveurs de "
        "paiement. Les services touchés sont le portail des permis et la page des amendes.\n"
    )
    rows = _reading(text)
    listed = [r for r in rows if r[0] in {"Portail des permis", "portail des permis",
                                          "page des amendes", "Page des amendes"}]  # fmt: skip
    assert len(listed) == 2
    assert {(r[1], r[2]) for r in listed} == {(_at(16, 1), _at(16, 4))}


def test_listed_items_take_the_impact_said_with_the_window() -> None:
    text = (
        "Due to routine maintenance, our systems will experience intermittent outages on "
        "Sunday, March 16, 2025 from 1:00 a.m. to 4:00 a.m.\n"
        "Services affected ⬇️\n"
        "📞 Claims phone line\n"
        "💻 Claims website\n"
    )
    rows = {r[0]: r for r in _reading(text)}
    assert rows["Claims phone line"][3] == "limited"
    assert rows["Claims website"][3] == "limited"
    assert rows["Claims phone line"][1:3] == (_at(16, 1), _at(16, 4))


# --- several subjects said in the sentence that points back at the window ------------------


def _named(text: str) -> list[str]:
    from preavis.notices import shared

    return [n.name for n in shared.named([Line(k + 1, t) for k, t in enumerate(text.split("\n"))])]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "The booking site will be unavailable and all ticket counters will be closed "
            "during this time.",
            ["Booking site", "Ticket counters"],
        ),
        (
            "Le site de réservation sera indisponible et les comptoirs de billetterie seront "
            "fermés pendant cette période.",
            ["Site de réservation", "Comptoirs de billetterie"],
        ),
    ],
)
def test_each_coordinated_clause_names_its_subject(sentence: str, names: list[str]) -> None:
    found = [n.casefold() for n in _named(sentence)]
    assert [n.casefold() for n in names] == found[: len(names)]


def test_a_clause_opened_by_que_is_not_a_name() -> None:
    text = "Espérons que la nécessité d’éteindre les serveurs ne sera pas causée par une panne."
    assert not any(n.casefold().startswith("que ") for n in _named(text))


def test_coordinated_clauses_share_the_one_window() -> None:
    text = (
        "The upgrade starts at 5:00 p.m. on Friday, March 14, 2025 and we expect to finish by "
        "noon on Sunday, March 16, 2025. The booking site will be unavailable and all ticket "
        "counters will be closed during this time.\n"
    )
    rows = _reading(text)
    names = {r[0].casefold() for r in rows}
    assert {"booking site", "ticket counters"} <= names
    assert {(r[1], r[2]) for r in rows} == {(_at(14, 17), _at(16, 12))}


def test_coordinated_clauses_share_the_one_window_in_french() -> None:
    text = (
        "La mise à niveau aura lieu du vendredi 14 mars 2025 à 17 h au dimanche 16 mars 2025 "
        "à 12 h. Le site de réservation sera indisponible et les "
        "comptoirs de billetterie seront fermés pendant cette période.\n"
    )
    rows = _reading(text)
    names = {r[0].casefold() for r in rows}
    assert {"site de réservation", "comptoirs de billetterie"} <= names
    assert {(r[1], r[2]) for r in rows} == {(_at(14, 17), _at(16, 12))}


# --- items of a list that says what users lose: named as printed -----------------------------


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("Renew your permit online (the portal will be down)", "Renew your permit online"),
        ("Réserver une salle (le site sera fermé)", "Réserver une salle"),
        ("Parking office", "Parking office"),
        ("(see below)", "(see below)"),
    ],
)
def test_a_list_items_closing_bracket_is_an_aside(item: str, name: str) -> None:
    assert affected.without_aside(item) == name


def test_what_users_cannot_do_takes_the_one_window() -> None:
    text = (
        "The town hall will have no power on Saturday, March 15, 2025 from 8 a.m. to 2 p.m.\n"
        "During this outage we will not be able to:\n"
        "- Look up your file for you\n"
        "- Renew your permit online (the portal will be down)\n"
        "- Take payments by card\n"
    )
    rows = _reading(text)
    names = {r[0] for r in rows}
    assert {"Look up your file for you", "Renew your permit online"} <= names
    listed = [r for r in rows if r[0] == "Look up your file for you"]
    assert [(r[1], r[2]) for r in listed] == [(_at(15, 8), _at(15, 14))]


def test_what_users_cannot_do_takes_the_one_window_in_french() -> None:
    text = (
        "L’hôtel de ville sera privé d’électricité le samedi 15 mars 2025 de 8 h à 14 h.\n"
        "Pendant cette coupure, vous ne pourrez pas :\n"
        "- Consulter votre dossier avec nous\n"
        "- Renouveler votre permis en ligne (le portail sera indisponible)\n"
    )
    rows = _reading(text)
    names = {r[0] for r in rows}
    assert {"Consulter votre dossier avec nous", "Renouveler votre permis en ligne"} <= names
    listed = [r for r in rows if r[0] == "Renouveler votre permis en ligne"]
    assert [(r[1], r[2]) for r in listed] == [(_at(15, 8), _at(15, 14))]


# --- a sentence pointing back at the one before it: "This applies in particular to A, B" ----


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("This applies in particular to the wiki, the ticket desk and Payroll, etc.",
         ["wiki", "ticket desk", "Payroll"]),
        ("This will also affect the mail relay and the print queue.",
         ["mail relay", "print queue"]),
        ("Cela concerne notamment la paie, le portail étudiant et la messagerie.",
         ["paie", "portail étudiant", "messagerie"]),
        ("Seront également fermés les comptoirs suivants : Permis, Taxes et Archives.",
         ["Permis", "Taxes", "Archives"]),
        ("This is the third upgrade this year.", None),
        ("This will affect service for about two hours.", None),
        ("This affects all users of the portal.", None),
        ("Cela touche environ 300 abonnés.", None),
        ("Cela prendra deux heures.", None),
    ],
)  # fmt: skip
def test_a_sentence_pointing_back_lists_its_names(sentence: str, names: list[str] | None) -> None:
    assert affected.pointing_back(sentence) == names


def test_names_pointed_back_at_take_the_window_just_before() -> None:
    text = (
        "On Saturday, March 15, 2025, short interruptions can be expected between 8:00 and "
        "12:00. This applies in particular to the wiki, the ticket desk and Payroll.\n\n"
        "On Sunday, March 16, 2025, the network will be unavailable between 5:00 and 11:00.\n"
    )
    rows = _reading(text)
    pointed = {r[0]: r for r in rows if r[0] in {"wiki", "ticket desk", "Payroll"}}
    assert set(pointed) == {"wiki", "ticket desk", "Payroll"}
    assert {(r[1], r[2], r[4]) for r in pointed.values()} == {
        (_at(15, 8), _at(15, 12), "by reference")
    }


def test_names_pointed_back_at_in_french() -> None:
    text = (
        "Le samedi 15 mars 2025, de courtes interruptions sont à prévoir entre 8 h et 12 h. "
        "Cela concerne notamment la paie, le portail étudiant et la messagerie.\n\n"
        "Le dimanche 16 mars 2025, le réseau sera indisponible de 5 h à 11 h.\n"
    )
    rows = _reading(text)
    pointed = {r[0]: r for r in rows if r[0] in {"paie", "portail étudiant", "messagerie"}}
    assert set(pointed) == {"paie", "portail étudiant", "messagerie"}
    assert {(r[1], r[2]) for r in pointed.values()} == {(_at(15, 8), _at(15, 12))}


def test_an_inverted_closure_list_takes_the_one_window_in_french() -> None:
    text = (
        "Plusieurs services municipaux seront fermés le vendredi 14 mars 2025. Seront "
        "également fermés les comptoirs suivants : Permis, Taxes et Archives.\n"
    )
    names = {r[0] for r in _reading(text)}
    assert {"Permis", "Taxes", "Archives"} <= names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("This scheduled maintenance affected: Member Services (Web Portal, Mobile App) and "
         "Telephone Banking.", ["Web Portal", "Mobile App", "Telephone Banking"]),
        ("This incident affected: Search.", ["Search"]),
        ("This maintenance affected many users.", None),
    ],
)  # fmt: skip
def test_statuspage_affected_line_names_components(sentence: str, names: list[str] | None) -> None:
    assert affected.sentence(sentence) == names


def test_statuspage_components_take_the_window() -> None:
    text = (
        "Scheduled maintenance for the member portal\n\n"
        "Scheduled - The maintenance will take place on Sunday, March 16, 2025 from 1:00 to "
        "3:00 EDT.\n\n"
        "This scheduled maintenance affected: Member Services (Web Portal, Mobile App).\n"
    )
    rows = _reading(text)
    listed = [r for r in rows if r[0] in {"Web Portal", "Mobile App"}]
    assert sorted(r[0] for r in listed) == ["Mobile App", "Web Portal"]
    assert {(r[1], r[2]) for r in listed} == {(_at(16, 1), _at(16, 3))}


# --- "announced Thursday afternoon the A and the B would be down": the reported clause -------


@pytest.mark.parametrize(
    ("said", "clause"),
    [
        ("The agency announced Thursday afternoon the call centre and the web portal would be "
         "down", "the call centre and the web portal would be down"),
        ("The city said Monday the pool will be closed", "the pool will be closed"),
        ("La Ville a annoncé mardi matin que la piscine sera fermée", "la piscine sera fermée"),
        ("The board said Monday was the busiest day", "The board said Monday was the busiest day"),
    ],
)  # fmt: skip
def test_a_weekday_between_the_verb_of_saying_and_its_clause(said: str, clause: str) -> None:
    from preavis.notices.reported import unreport

    assert unreport(said) == clause


def test_both_subjects_of_a_clause_reported_after_a_weekday() -> None:
    text = (
        "The agency announced Thursday afternoon the call centre and the web portal would be "
        "down on Saturday, March 15, 2025 from 8 a.m. to 5 p.m.\n"
    )
    rows = _reading(text)
    assert {r[0].casefold() for r in rows} == {"call centre", "web portal"}
    assert {(r[1], r[2]) for r in rows} == {(_at(15, 8), _at(15, 17))}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Ainsi, le portail citoyen sera fermé.", ["Portail citoyen"]),
        ("Enfin, la bibliothèque numérique sera indisponible.", ["Bibliothèque numérique"]),
        ("Finally, the member portal will be closed.", ["Member portal"]),
        ("Moreover, the ticket desk will be unavailable.", ["Ticket desk"]),
    ],
)
def test_a_discourse_word_before_the_subject_is_not_part_of_it(
    sentence: str, names: list[str]
) -> None:
    from preavis.notices import shared

    assert shared.subjects(sentence) == names


def test_a_sentence_after_an_affected_sentence_on_the_same_line_is_still_read() -> None:
    text = "Affected systems are Payroll and Billing. The booking site will be unavailable."
    assert {"Payroll", "Billing", "Booking site"} <= set(_named(text))
