"""Round 4 (session 7): windows the reader used to miss — 24-hour times written with a dot,
numeric dates with no year after their weekday, a time after a dash that follows its date.
Every sentence is our own; the expected instants are worked out by hand and given in UTC
(America/Toronto: EST, -05:00, in winter; EDT, -04:00, in summer)."""

from __future__ import annotations

from tests.notices.round3 import read, rows, warned


def test_dotted_24_hour_times_are_times() -> None:
    assert rows("The payroll portal will be unavailable on June 7, 2025 from 09.30 to 14.00.") == [
        ("Payroll portal", "2025-06-07T13:30", "2025-06-07T18:00")
    ]


def test_les_heures_avec_un_point_sont_des_heures() -> None:
    assert rows("Le portail de paie sera indisponible le 7 juin 2025 de 09.30 à 14.00.") == [
        ("Portail de paie", "2025-06-07T13:30", "2025-06-07T18:00")
    ]


def test_prices_versions_and_dotted_dates_are_not_times() -> None:
    text = (
        "The payroll portal will be unavailable on June 7, 2025 from 9 to 11 a.m.\n\n"
        "Release 2.10 to 2.12 follows; the fee goes from 14.00 $ to 15.50 $ on 08.06.2025."
    )
    assert rows(text) == [("Payroll portal", "2025-06-07T13:00", "2025-06-07T15:00")]


def test_a_numeric_date_after_its_weekday_has_its_year_from_the_weekday() -> None:
    # February 14 is a Saturday in 2026 (not in 2025, the reference's year): month/day, since
    # 14 cannot be a month.
    assert rows("The claims portal will be down from Saturday 2/14 through Monday 2/16.") == [
        ("Claims portal", "2026-02-14T05:00", "2026-02-17T05:00")
    ]


def test_une_date_numerique_apres_son_jour_de_semaine() -> None:
    assert rows("Le portail de paie sera fermé du samedi 14/02 au lundi 16/02.") == [
        ("Portail de paie", "2026-02-14T05:00", "2026-02-17T05:00")
    ]


def test_fractions_and_24_7_after_a_weekday_are_not_dates() -> None:
    for text in (
        "The help desk answers Monday 24/7 and the payroll portal stays up.",
        "Le service répond le lundi 3/4 des appels et le portail de paie reste ouvert.",
    ):
        reading = read(text)
        assert not reading.interruptions, text


def test_un_tiret_entre_la_date_et_son_heure() -> None:
    text = (
        "La ligne 4 sera interrompue à compter du samedi 7 juin 2025 – 21h30 jusqu’au "
        "dimanche 8 juin 2025 inclus."
    )
    assert rows(text) == [("Ligne 4", "2025-06-08T01:30", "2025-06-09T04:00")]


def test_a_dash_between_a_date_and_its_time() -> None:
    text = (
        "Line 4 will be interrupted from Saturday, June 7, 2025 – 21h30 until Sunday, June 8, "
        "2025 at 11 p.m."
    )
    assert rows(text) == [("Line 4", "2025-06-08T01:30", "2025-06-09T03:00")]


def test_une_heure_de_fin_sans_h_apres_un_debut_en_h() -> None:
    text = "Le réseau électrique sera coupé le jeudi 4 septembre 2025, entre 8 h et 17 à Laval."
    assert rows(text) == [("Réseau électrique", "2025-09-04T12:00", "2025-09-04T21:00")]


def test_a_bare_end_hour_after_a_start_written_with_h() -> None:
    text = "The water main will be shut off on September 4, 2025 from 8 h to 17 on Elm Street."
    assert rows(text) == [("Water main", "2025-09-04T12:00", "2025-09-04T21:00")]


def test_a_bare_number_after_h_that_is_an_amount_or_a_day_is_no_end_hour() -> None:
    reading = read("Le portail de paie sera fermé le 4 septembre 2025 de 8 h à 17 % de charge.")
    assert not reading.interruptions
    assert rows(
        "Le portail de paie sera fermé du 4 septembre 2025 à 8 h au 17 septembre 2025."
    ) == [("Portail de paie", "2025-09-04T12:00", "2025-09-18T04:00")]


def test_an_end_said_as_a_range_bounds_the_window_at_its_later_value() -> None:
    text = (
        "The email system will be shut down beginning at noon, Saturday, March 8, 2025. "
        "The work should end between 10 a.m. and 2 p.m., Sunday, March 9."
    )
    # EST (-05:00) on the 8th; EDT (-04:00) from 2 a.m. on the 9th.
    assert rows(text) == [("Email system", "2025-03-08T17:00", "2025-03-09T18:00")]


def test_une_fin_dite_entre_deux_heures_borne_la_periode() -> None:
    text = (
        "La messagerie sera interrompue à partir du samedi 7 juin 2025 à 12 h. Les travaux "
        "prendront fin entre 12 h et 16 h le dimanche 8 juin 2025."
    )
    assert rows(text) == [("Messagerie", "2025-06-07T16:00", "2025-06-08T20:00")]


def test_between_two_hours_not_said_of_an_end_is_still_a_window() -> None:
    assert rows("The payroll portal will be down on June 7, 2025 between 10 a.m. and 2 p.m.") == [
        ("Payroll portal", "2025-06-07T14:00", "2025-06-07T18:00")
    ]


def test_a_later_opening_is_a_closure_from_the_usual_hour() -> None:
    text = "The permit counters will open at 10 a.m. instead of 8 a.m. on Monday, June 9, 2025."
    assert rows(text) == [("Permit counters", "2025-06-09T12:00", "2025-06-09T14:00")]
    assert warned(read(text), "read as closed from 08:00 to 10:00")


def test_une_ouverture_retardee_ou_une_fermeture_avancee() -> None:
    text = (
        "Le comptoir des permis ouvrira exceptionnellement à 10 h au lieu de 8 h 30 le lundi "
        "9 juin 2025.\n\nLa bibliothèque fermera à 16 h au lieu de 20 h le mardi 10 juin 2025."
    )
    assert rows(text) == [
        ("Comptoir des permis", "2025-06-09T12:30", "2025-06-09T14:00"),
        ("Bibliothèque", "2025-06-10T20:00", "2025-06-11T00:00"),
    ]


def test_a_longer_day_is_no_closure() -> None:
    for text in (
        "The permit counters will open at 7 a.m. instead of 8 a.m. on Monday, June 9, 2025.",
        "La bibliothèque fermera à 21 h au lieu de 20 h le mardi 10 juin 2025.",
    ):
        assert not read(text).interruptions, text


def test_the_day_of_a_later_opening_is_the_date_above_it() -> None:
    text = (
        "Monday, June 9, 2025 --\n\n"
        "The permit counters will open at 10 a.m. instead of 8 a.m. for a staff meeting."
    )
    assert rows(text) == [("Permit counters", "2025-06-09T12:00", "2025-06-09T14:00")]


SHARED_FR = """Avis de maintenance

La paie en ligne sera indisponible certains vendredis, entre 12 h et 20 h, selon votre région.

Vendredi 9 janvier 2026 : région de Québec
Les employés de la région de Québec sont touchés.

Vendredi 16 janvier 2026 : opérations annulées

- Vendredi 23 janvier 2026 : Montréal
- Vendredis 6 février et 13 février 2026 : Laval et Longueuil
"""
SHARED_EN = """Maintenance notice

Online payroll will be unavailable on some Fridays, between noon and 8 p.m., by region.

Friday, January 9, 2026: Quebec City region
Employees of the Quebec City region are affected.

Friday, January 16, 2026: cancelled

- Friday, January 23, 2026: Montreal
- Fridays, February 6 and February 13, 2026: Laval and Longueuil
"""
# EST (-05:00): 12 h is 17:00 UTC, 20 h is 01:00 UTC the next day.
SHARED_ROWS = [
    ("2026-01-09T17:00", "2026-01-10T01:00"),
    ("2026-01-23T17:00", "2026-01-24T01:00"),
    ("2026-02-06T17:00", "2026-02-07T01:00"),
    ("2026-02-13T17:00", "2026-02-14T01:00"),
]


def test_dated_headings_share_the_hours_said_once_above_them() -> None:
    assert rows(SHARED_EN) == [("Online payroll", a, b) for a, b in SHARED_ROWS]
    assert warned(read(SHARED_EN), "is marked cancelled: no row")


def test_des_titres_dates_partagent_les_heures_dites_plus_haut() -> None:
    assert rows(SHARED_FR) == [("Paie en ligne", a, b) for a, b in SHARED_ROWS]
    assert warned(read(SHARED_FR), "is marked cancelled: no row")


def test_a_sentence_or_a_dateline_headed_by_a_date_is_no_item() -> None:
    text = (
        "Online payroll will be unavailable on some Fridays, between noon and 8 p.m.\n\n"
        "Friday, January 9, 2026: Quebec City\n\n"
        "Friday, January 16, 2026: the Montreal region, whose employees are paid that week.\n\n"
        "Friday, January 23, 2026: Laval\n\n"
        "January 30, 2026\n"
    )
    assert rows(text) == [("Online payroll", a, b) for a, b in SHARED_ROWS[:2]]


def test_a_numeric_date_before_its_weekday_in_brackets() -> None:
    # 9/10 can only be September 10 on a Wednesday in 2025 (October 9 is a Thursday): the
    # weekday tells the order, the title the year.
    text = (
        "Library migration (2025)\n\nThe reservation service will be suspended 9/5(Fri)~9/10(Wed)."
    )
    assert rows(text) == [("Reservation service", "2025-09-05T04:00", "2025-09-11T04:00")]


def test_une_date_numerique_suivie_de_son_jour_entre_parentheses() -> None:
    text = (
        "Migration de la bibliothèque (2025)\n\n"
        "Le service de réservation sera suspendu du 05/09 (ven.) au 10/09 (mer.)."
    )
    assert rows(text) == [("Service de réservation", "2025-09-05T04:00", "2025-09-11T04:00")]


def test_nights_listed_in_one_sentence_their_hours_in_another() -> None:
    text = (
        "Two full closures of the Elm Street bridge are planned on the nights of June 2 to 3 "
        "and June 3 to 4, 2025. Lanes will narrow at 11 p.m. The Elm Street bridge will be "
        "closed between 11:59 p.m. and 4 a.m."
    )
    reading = read(text)
    assert [(i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16])
            for i in reading.interruptions] == [
        ("2025-06-03T03:59", "2025-06-03T08:00"),
        ("2025-06-04T03:59", "2025-06-04T08:00"),
    ]  # fmt: skip
    assert warned(reading, "read as each of the nights listed on line")


def test_des_nuits_enumerees_et_leurs_heures_dans_une_autre_phrase() -> None:
    text = (
        "Deux fermetures complètes du pont de la rue Principale sont prévues dans les nuits du "
        "lundi 2 au mardi 3 juin 2025 et du mardi 3 au mercredi 4 juin 2025. La fermeture des "
        "voies débutera vers 23 h. Le pont de la rue Principale sera fermé entre 23 h 59 et 4 h."
    )
    reading = read(text)
    assert [(i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16])
            for i in reading.interruptions] == [
        ("2025-06-03T03:59", "2025-06-03T08:00"),
        ("2025-06-04T03:59", "2025-06-04T08:00"),
    ]  # fmt: skip


def test_nights_that_are_not_consecutive_are_not_repeated() -> None:
    text = (
        "The Elm Street bridge will close on the nights of June 2 to 3 and June 9 to 10, 2025. "
        "It will be closed between 11:59 p.m. and 4 a.m."
    )
    starts = [i.starts_at.isoformat()[:10] for i in read(text).interruptions]
    assert "2025-06-04" not in starts and len(starts) <= 1


def _windows(text: str) -> list[tuple[str, str]]:
    reading = read(text)
    assert reading.ok, reading.errors
    return [
        (i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16]) for i in reading.interruptions
    ]


def test_a_heading_window_stays_when_the_only_other_window_is_a_recurring_rule() -> None:
    text = (
        "**Maintenance session Wednesday, August 5, 2026 0900-1300**\n\n"
        "The Slurm scheduler will be updated during this maintenance window.\n\n"
        "A session is also booked every Wednesday from 1000 - 1200.\n"
    )
    assert _windows(text) == [("2026-08-05T13:00", "2026-08-05T17:00")]


def test_une_periode_en_titre_reste_quand_l_autre_est_une_regle_recurrente() -> None:
    text = (
        "**Séance de maintenance le mercredi 5 août 2026 de 9 h à 13 h**\n\n"
        "L’ordonnanceur Slurm sera mis à jour pendant cette maintenance.\n\n"
        "Une séance est aussi réservée tous les mercredis de 10 h à 12 h.\n"
    )
    assert rows(text) == [("Ordonnanceur Slurm", "2026-08-05T13:00", "2026-08-05T17:00")]


def test_a_whole_first_day_ends_with_a_return_in_the_next_paragraph() -> None:
    text = (
        "The claims portal will be down for all of Friday, March 27, 2026. The state will "
        "process benefits.\n\n"
        "All services are expected to be back up and running March 30 at 8 a.m."
    )
    # EDT (-04:00) from March 8, 2026.
    assert rows(text) == [("Claims portal", "2026-03-27T04:00", "2026-03-30T12:00")]
    reading = read(text)
    assert warned(reading, "ends as a later sentence says")
    assert warned(reading, "no start time is printed")


def test_une_premiere_journee_entiere_close_par_un_retour() -> None:
    text = (
        "Le portail des réclamations sera fermé toute la journée du vendredi 27 mars 2026. "
        "Le service sera rétabli le lundi 30 mars à 8 h."
    )
    assert rows(text) == [("Portail des réclamations", "2026-03-27T04:00", "2026-03-30T12:00")]


def test_a_return_two_paragraphs_later_closes_nothing() -> None:
    text = (
        "The claims portal will be down starting Friday, March 27, 2026.\n\n"
        "The state will process benefits. Claims filed late are accepted.\n\n"
        "All services are expected to be back up and running March 30 at 8 a.m."
    )
    assert all(i.ends_at.day != 30 for i in read(text).interruptions)
