"""Round 7 of the reader (session 8): windows found but attached to nothing, so the whole
notice was rejected. Every sentence here is written for the test, not copied from the corpus;
each rule in English and in French."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from preavis.notices import kinds, subjects
from preavis.notices.datelist import listed_dates
from preavis.notices.reader import read_notice
from preavis.notices.reported import unreport

REF = date(2025, 1, 15)


def _rows(text: str, timezone: str = "America/Toronto") -> list[tuple[str, datetime, datetime]]:
    reading = read_notice(text, reference=REF, timezone=timezone)
    assert not reading.errors, reading.errors
    zone = ZoneInfo(timezone)
    return [
        (r.service, r.starts_at.astimezone(zone), r.ends_at.astimezone(zone))
        for r in reading.interruptions
    ]


# --- a sentence that reports what someone said: the service is in the reported clause --------


@pytest.mark.parametrize(
    ("said", "clause"),
    [
        (
            "Library staff have said the catalogue server will be offline",
            "the catalogue server will be offline",
        ),
        (
            "The utility announced that its billing site will be down",
            "its billing site will be down",
        ),
        ("The board informed residents that the pool will close", "the pool will close"),
        (
            "La Société souhaite aviser les usagers du traversier que le quai sera fermé",
            "le quai sera fermé",
        ),
        ("La municipalité indique que l’aréna sera fermé", "l’aréna sera fermé"),
        ("Le service a précisé qu’une coupure aura lieu", "une coupure aura lieu"),
    ],
)
def test_a_reporting_verb_gives_the_clause_it_reports(said: str, clause: str) -> None:
    assert unreport(said) == clause


@pytest.mark.parametrize(
    "text",
    [
        "The portal will be down",
        "Le portail sera fermé",
        "Les travaux que nous ferons",  # « que » after a noun: a relative, no one speaks
        "The upgrade adds new servers that replace the old ones",  # an object, no addressee
        "Staff said nothing about the tower at all",  # no reported clause after the verb
    ],
)
def test_a_sentence_with_no_reported_clause_is_left_alone(text: str) -> None:
    assert unreport(text) == text


def test_officials_said_the_system_will_be_out_is_a_row_of_the_system() -> None:
    rows = _rows(
        "County officials have said the parking permit system will be out of service "
        "from 7 p.m. to 9 p.m. on Tuesday, March 4, 2025.\n"
    )
    assert [r[0] for r in rows] == ["Parking permit system"]
    assert rows[0][1].hour == 19 and rows[0][2].hour == 21


def test_la_ville_souhaite_aviser_que_le_pont_sera_ferme_est_une_ligne_du_pont() -> None:
    rows = _rows(
        "La Ville souhaite aviser les usagers que la passerelle du Vieux-Port sera fermée "
        "le mardi 4 mars 2025, de 19 h à 21 h.\n"
    )
    assert [r[0].casefold() for r in rows] == ["passerelle du vieux-port"]
    assert rows[0][1].hour == 19 and rows[0][2].hour == 21


# --- no train runs on a line: the line is closed ---------------------------------------------


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        ("aucun train ne circulera sur le tronçon central de la ligne 7", "ligne 7"),
        ("aucun autobus ne circulera sur le boulevard Taschereau ce soir", "boulevard Taschereau"),
        ("No trains will run on the Harbour Line this weekend", "Harbour Line"),
        ("No buses will run along the central portion of the Ridge Road", "Ridge Road"),
    ],
)
def test_no_vehicle_running_on_a_line_closes_that_line(clause: str, name: str) -> None:
    found = kinds.closed(clause)
    assert found is not None and found.name == name


def test_no_vehicle_running_nowhere_closes_nothing() -> None:
    assert kinds.closed("aucun train ne circulera demain matin") is None
    assert kinds.closed("No trains will run tomorrow morning") is None


def test_aucun_train_sur_la_ligne_pendant_des_jours_entiers_est_une_ligne_avec_avertissement() -> (
    None
):
    reading = read_notice(
        "À partir du samedi 5 juillet 2025, en raison de travaux, aucun train ne circulera sur "
        "le tronçon nord de la ligne 7, et ce, jusqu'au dimanche 13 juillet 2025 inclus.\n",
        reference=REF,
        timezone="America/Toronto",
    )
    assert not reading.errors, reading.errors
    assert [r.service for r in reading.interruptions] == ["ligne 7"]
    row = reading.interruptions[0]
    assert (row.starts_at.day, row.ends_at.day) == (5, 14)
    assert any("kind of notice" in w.message for w in reading.warnings)


def test_no_trains_on_the_line_for_whole_days_is_a_row_with_a_warning() -> None:
    reading = read_notice(
        "Starting Saturday, July 5, 2025, because of track work, no trains will run on the "
        "Harbour Line, until Sunday, July 13, 2025 inclusive.\n",
        reference=REF,
        timezone="America/Toronto",
    )
    assert not reading.errors, reading.errors
    assert [r.service for r in reading.interruptions] == ["Harbour Line"]
    assert any("kind of notice" in w.message for w in reading.warnings)


# --- what yearly maintenance is of; initials do not end a sentence ---------------------------


def test_what_maintenance_annuel_is_of_ends_at_its_auxiliary() -> None:
    clause = (
        f"Les travaux d'entretien annuel du M.V. Île-Verte ont {subjects.WINDOW} inclusivement."
    )
    assert [s.name for s in subjects.chunk(clause)] == ["M.V. Île-Verte"]


def test_what_maintenance_is_of_keeps_its_initials() -> None:
    clause = f"Maintenance of the J.R. Archive has {subjects.WINDOW}."
    assert [s.name for s in subjects.chunk(clause)] == ["J.R. Archive"]


def test_initials_end_no_sentence_but_a_sentence_still_ends_after_a_word() -> None:
    lines = "Les travaux d'entretien du N.V. Grand-Nord ont lieu. La gare reste ouverte."
    assert [p.strip() for p in subjects._BREAK.split(lines)] == [
        "Les travaux d'entretien du N.V. Grand-Nord ont lieu.",
        "La gare reste ouverte.",
    ]


def test_les_travaux_d_entretien_du_navire_sur_des_jours_entiers_sont_une_ligne() -> None:
    reading = read_notice(
        "Les travaux d'entretien annuel du N.V. Grand-Nord ont débuté le dimanche 6 juillet "
        "2025 et se poursuivront jusqu'au dimanche 13 juillet 2025 inclusivement.\n",
        reference=REF,
        timezone="America/Halifax",
    )
    assert not reading.errors, reading.errors
    assert [r.service for r in reading.interruptions] == ["N.V. Grand-Nord"]
    assert reading.interruptions[0].starts_at.day == 6


# --- a closure said earlier in the window's paragraph names the window -----------------------


def _at_one_pm(text: str) -> tuple[list[str], list[str]]:
    """The names of the rows that start at 13 h, and the warnings."""
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert not reading.errors, reading.errors
    zone = ZoneInfo("America/Toronto")
    names = [r.service for r in reading.interruptions if r.starts_at.astimezone(zone).hour == 13]
    return names, [w.message for w in reading.warnings]


def test_une_fermeture_dite_plus_haut_dans_le_paragraphe_nomme_la_fenetre() -> None:
    names, warnings = _at_one_pm(
        "La Ville annonce deux fermetures complètes du pont Mercier en direction sud le mardi "
        "4 mars 2025. La fermeture des voies commencera vers 10 h, en vue d’une fermeture "
        "complète entre 13 h et 15 h.\n"
    )
    assert names == ["pont Mercier"]
    assert any("kind of notice" in w for w in warnings)


def test_a_closure_said_earlier_in_the_paragraph_names_the_window() -> None:
    names, warnings = _at_one_pm(
        "Two full closures of the Mercer Bridge are planned for Tuesday, March 4, 2025. Lane "
        "reductions will begin around 10 a.m., with traffic fully stopped from 1 p.m. to 3 p.m.\n"
    )
    assert names == ["Mercer Bridge"]
    assert any("kind of notice" in w for w in warnings)


# --- a window whose own name is only too long is not dropped without a word ------------------


def _rows_warned(text: str) -> list[tuple[int, bool]]:
    """(start hour, warned) of each row."""
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert not reading.errors, reading.errors
    warned = {w.line for w in reading.warnings}
    zone = ZoneInfo("America/Toronto")
    return [(r.starts_at.astimezone(zone).hour, r.line in warned) for r in reading.interruptions]


def test_une_fenetre_au_nom_trop_long_n_est_pas_perdue_sans_avertissement() -> None:
    rows = _rows_warned(
        "Des travaux auront lieu le mardi 4 mars 2025, de 13 h à 15 h. Le portail des permis "
        "de stationnement sera touché.\n\n"
        "La bretelle de sortie sud du pont Mercier vers la route 20 et la route 132 en "
        "direction ouest sera fermée le mercredi 5 mars 2025, de 20 h à 23 h.\n"
    )
    assert [hour for hour, _ in rows] == [13, 20]
    assert all(warned for _, warned in rows)


def test_a_window_whose_own_name_is_only_too_long_still_gives_a_warned_row() -> None:
    rows = _rows_warned(
        "Crews will be working on Tuesday, March 4, 2025 from 1 p.m. to 3 p.m. The parking "
        "permit portal will be affected.\n\n"
        "The south exit ramp of the Mercer Bridge towards Route 20 and Route 132 westbound "
        "will be closed on Wednesday, March 5, 2025 from 8 p.m. to 11 p.m.\n"
    )
    assert [hour for hour, _ in rows] == [13, 20]
    assert all(warned for _, warned in rows)


# --- a weekday said alone between the date above and a times-only window ---------------------


def _days(text: str) -> list[tuple[str, int, int]]:
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert not reading.errors, reading.errors
    zone = ZoneInfo("America/Toronto")
    return [
        (r.service, r.starts_at.astimezone(zone).day, r.starts_at.astimezone(zone).hour)
        for r in reading.interruptions
    ]


def test_a_weekday_said_between_the_dateline_and_the_times_is_their_day() -> None:
    # March 4, 2025 is a Tuesday: "on Thursday" is March 6.
    assert _days(
        "Switchboard work\n\nMarch 4, 2025\n\n"
        "The clinic will replace its switchboard on Thursday.\n\n"
        "Work is planned for:\n\nNorth clinic: 9 a.m. to 11 a.m.\n"
    ) == [("North clinic", 6, 9)]


def test_un_jour_de_semaine_dit_entre_la_date_et_les_heures_est_leur_jour() -> None:
    # Le 4 mars 2025 est un mardi : « ce jeudi » est le 6 mars.
    assert _days(
        "Travaux au standard\n\n4 mars 2025\n\n"
        "La clinique remplacera son standard ce jeudi.\n\n"
        "Les travaux sont prévus :\n\nClinique nord : de 9 h à 11 h\n"
    ) == [("Clinique nord", 6, 9)]


def test_weekdays_that_are_not_said_as_a_day_leave_the_date_above() -> None:
    assert _days(
        "Switchboard work\n\nMarch 4, 2025\n\n"
        "The clinic is open Monday to Friday.\n\n"
        "Work is planned for:\n\nNorth clinic: 9 a.m. to 11 a.m.\n"
    ) == [("North clinic", 4, 9)]


def test_the_day_a_notice_was_announced_is_not_the_window_s_day() -> None:
    # Thursday, March 6, 2025 above; "Announced on Monday" says when it was said.
    rows = _days(
        "The archive server will be offline on Thursday, March 6, 2025.\n\n"
        "Announced on Monday, the outage will last from 9 a.m. to 11 a.m.\n"
    )
    assert ("Archive server", 6, 9) in rows
    assert {(day, hour) for _, day, hour in rows} == {(6, 9)}


def test_le_jour_ou_l_avis_a_ete_annonce_n_est_pas_celui_de_la_fenetre() -> None:
    rows = _days(
        "Le serveur d’archives sera hors service le jeudi 6 mars 2025.\n\n"
        "Annoncée lundi, la coupure aura lieu de 9 h à 11 h.\n"
    )
    assert ("Serveur d’archives", 6, 9) in rows
    assert {(day, hour) for _, day, hour in rows} == {(6, 9)}


# --- dates listed one a line under a lead-in that says something stops ------------------------


def _listed(text: str) -> tuple[list[tuple[str, int, int]], list[str]]:
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert not reading.errors, reading.errors
    zone = ZoneInfo("America/Toronto")
    rows = [
        (r.service, r.starts_at.astimezone(zone).month, r.starts_at.astimezone(zone).day)
        for r in reading.interruptions
    ]
    return rows, [w.code for w in reading.warnings]


def test_dates_listed_under_a_shutdown_lead_in_are_whole_days_of_what_it_implies() -> None:
    rows, codes = _listed(
        "Planned Network Work 2025\n\n"
        "To limit surprises, one network shutdown will take place on a Sunday of each of the "
        "following months.\n\n"
        "July 13, 2025\n\n"
        "August 10, 2025  \n\n"
        "October 2025 - no shutdown\n\n"
        "November 9, 2025\n"
    )
    assert rows == [("network", 7, 13), ("network", 8, 10), ("network", 11, 9)]
    assert "notice.listed_day" in codes


def test_des_dates_enumerees_sous_une_coupure_sont_des_journees_entieres() -> None:
    rows, codes = _listed(
        "Travaux d’aqueduc 2025\n\n"
        "Une coupure d’eau aura lieu dans le secteur aux dates suivantes.\n\n"
        "13 juillet 2025\n\n"
        "10 août 2025\n\n"
        "9 novembre 2025\n"
    )
    assert rows == [("eau", 7, 13), ("eau", 8, 10), ("eau", 11, 9)]
    assert "notice.listed_day" in codes


def test_two_date_lines_or_dates_under_no_stop_are_not_a_list() -> None:
    assert (
        listed_dates("A network shutdown is planned.\n\nJuly 13, 2025\n\nAugust 10, 2025\n", [])
        == []
    )
    assert (
        listed_dates(
            "Our newsletter came out on these days.\n\nJuly 13, 2025\n\nAugust 10, 2025\n\n"
            "November 9, 2025\n",
            [],
        )
        == []
    )


def test_a_weekday_said_in_between_does_not_move_a_date_that_prints_its_own_weekday() -> None:
    # « le jeudi 6 mars » is the window's date; « ce samedi » is about something else.
    assert _days(
        "Travaux au standard\n\n"
        "Le standard sera remplacé le jeudi 6 mars.\n\n"
        "La clinique sud restera ouverte ce samedi.\n\n"
        "Clinique nord : de 9 h à 11 h\n"
    ) == [("Clinique nord", 6, 9)]
