"""Round 10 of the reader (session 10): forms that are layouts or grammar, not one notice's
words. Every sentence here is written for the test, not copied from the corpus; each rule in
English and in French. Instants are UTC, worked out by hand for America/Toronto (EST -05:00 in
winter, EDT -04:00 in summer)."""

from __future__ import annotations

from tests.notices.round3 import read, rows, warned

# --- days listed under one month -----------------------------------------------------------


def test_jours_enumeres_sans_conjonction_chacun_sa_journee() -> None:
    # three or more days with commas only: one window per run of consecutive days
    text = "La piscine municipale sera fermée les 22, 23, 27, 30 décembre 2025."
    assert rows(text) == [
        ("Piscine municipale", "2025-12-22T05:00", "2025-12-24T05:00"),
        ("Piscine municipale", "2025-12-27T05:00", "2025-12-28T05:00"),
        ("Piscine municipale", "2025-12-30T05:00", "2025-12-31T05:00"),
    ]
    assert warned(read(text), "no start time is printed")


def test_days_listed_month_first_each_get_a_row() -> None:
    # each run begins where its day is printed, so the later days are not folded into the first
    assert rows("The arena will be closed on February 3, 10 and 17, 2025.") == [
        ("Arena", "2025-02-03T05:00", "2025-02-04T05:00"),
        ("Arena", "2025-02-10T05:00", "2025-02-11T05:00"),
        ("Arena", "2025-02-17T05:00", "2025-02-18T05:00"),
    ]


def test_fins_de_semaine_enumerees_en_plages_de_deux_jours() -> None:
    text = "Le quai du traversier sera fermé les fins de semaine des 14-15 et 21-22 juin 2025."
    got = rows(text)
    assert [(s, e) for _, s, e in got] == [
        ("2025-06-14T04:00", "2025-06-16T04:00"),
        ("2025-06-21T04:00", "2025-06-23T04:00"),
    ]


def test_weekends_listed_as_two_day_items() -> None:
    got = rows("The ferry dock will be closed on the weekends of 7-8 and 14-15 June 2025.")
    assert [(s, e) for _, s, e in got] == [
        ("2025-06-07T04:00", "2025-06-09T04:00"),
        ("2025-06-14T04:00", "2025-06-16T04:00"),
    ]


def test_entre_le_7_et_le_12_est_une_plage_pas_deux_jours() -> None:
    got = rows("Le service de navette sera interrompu entre le 7 et le 12 septembre 2025.")
    assert [(s, e) for _, s, e in got] == [("2025-09-07T04:00", "2025-09-13T04:00")]


def test_between_the_7_and_the_12_is_a_range_not_two_days() -> None:
    got = rows("The shuttle service will be closed between 7 and 12 September 2025.")
    assert [(s, e) for _, s, e in got] == [("2025-09-07T04:00", "2025-09-13T04:00")]


def test_numbers_with_commas_and_no_month_after_them_are_no_list() -> None:
    reading = read("Sections 3, 4, 5 of the June 2025 bylaw were amended; nothing is closed.")
    assert not reading.interruptions


# --- a bulleted list under a sentence that makes its subject a group, with no colon ---------

GROUP_EN = """All branches will close from 1 to 3 p.m. on Friday, March 7, 2025 for a staff meeting.

  • Main branch
  • Westside branch (open again at 3 p.m.)

Thank you for your patience.
"""

GROUP_FR = """Tous les comptoirs seront fermés le vendredi 7 mars 2025 de 13 h à 15 h (formation).

- Comptoir des permis
- Perception (ouverte de 8 h à 13 h)

Merci de votre compréhension.
"""


def test_a_list_under_all_x_will_close_gives_each_item_the_window() -> None:
    assert rows(GROUP_EN) == [
        ("Main branch", "2025-03-07T18:00", "2025-03-07T20:00"),
        ("Westside branch", "2025-03-07T18:00", "2025-03-07T20:00"),
    ]
    assert all(r.evidence and r.evidence.rule == "lead-in" for r in read(GROUP_EN).interruptions)


def test_une_liste_sous_tous_les_x_seront_fermes_sans_deux_points() -> None:
    # the item's own opening hours are in its bracket: the window is the sentence's
    assert rows(GROUP_FR) == [
        ("Comptoir des permis", "2025-03-07T18:00", "2025-03-07T20:00"),
        ("Perception", "2025-03-07T18:00", "2025-03-07T20:00"),
    ]


def test_a_list_under_a_sentence_about_one_service_is_not_its_members() -> None:
    text = (
        "The portal will be unavailable on Friday, March 7, 2025 from 1 to 3 p.m.\n\n"
        "  • Pay your bill by phone\n  • Visit a branch\n"
    )
    assert [name for name, _, _ in rows(text)] == ["Portal"]


def test_une_phrase_de_groupe_a_deux_fenetres_ne_donne_pas_sa_liste() -> None:
    text = (
        "Tous les comptoirs seront fermés le vendredi 7 mars 2025 de 13 h à 15 h et le lundi "
        "10 mars 2025 de 8 h à 9 h.\n\n- Comptoir des permis\n- Perception\n"
    )
    assert {name for name, _, _ in rows(text)} == {"Comptoirs"}


# --- grids: services as rows, days as columns ----------------------------------------------

GRID_PIPES = """Holiday schedule

| Service | Monday, March 3, 2025 | Tuesday, March 4, 2025 | Wednesday, March 5, 2025 |
|---|---|---|---|
| Library | Closed | Open | Closed |
| Pool | Closed | Closed | 9 a.m. to 5 p.m. |
"""

GRILLE_TABS = (
    "Horaire des Fêtes\n\n"
    "Installation\t24 décembre 2025\t25 décembre 2025\t26 décembre 2025\n"
    "Bibliothèque\tFermée\tFermée\t10 h à 17 h\n"
    "Piscine\tOuverte jusqu’à 16 h\tFermée\tFermée\n"
)

GRID_FLAT = """Service availability during the system upgrade

 JUNE 6, 2025JUNE 7, 2025JUNE 8, 2025
BRANCHES Open until 4 p.m. Closed Open
CALL CENTRE Available Not Available Available
ATMS Available Available Available
"""


def test_a_pipe_grid_gives_one_row_per_run_of_closed_days() -> None:
    assert rows(GRID_PIPES) == [
        ("Library", "2025-03-03T05:00", "2025-03-04T05:00"),
        ("Library", "2025-03-05T05:00", "2025-03-06T05:00"),
        ("Pool", "2025-03-03T05:00", "2025-03-05T05:00"),
    ]
    assert all(r.evidence and r.evidence.rule == "same row" for r in read(GRID_PIPES).interruptions)


def test_une_grille_a_tabulations_et_ouverte_jusqu_a() -> None:
    # « Ouverte jusqu'à 16 h » le 24: fermée de 16 h jusqu'à la fin du 26 (jours suivis)
    assert rows(GRILLE_TABS) == [
        ("Bibliothèque", "2025-12-24T05:00", "2025-12-26T05:00"),
        ("Piscine", "2025-12-24T21:00", "2025-12-27T05:00"),
    ]


def test_a_flattened_grid_with_its_days_glued_together() -> None:
    assert rows(GRID_FLAT) == [
        ("BRANCHES", "2025-06-06T20:00", "2025-06-08T04:00"),
        ("CALL CENTRE", "2025-06-07T04:00", "2025-06-08T04:00"),
    ]


def test_des_croix_sous_un_titre_de_fermeture_sont_des_jours_fermes() -> None:
    text = (
        "Fermetures des bureaux pendant les Fêtes\n\n"
        "| Bureau | 24 décembre 2025 | 31 décembre 2025 |\n"
        "| Hôtel de ville | x | x |\n| Garage municipal | | x |\n"
    )
    assert rows(text) == [
        ("Hôtel de ville", "2025-12-24T05:00", "2025-12-25T05:00"),
        ("Hôtel de ville", "2025-12-31T05:00", "2026-01-01T05:00"),
        ("Garage municipal", "2025-12-31T05:00", "2026-01-01T05:00"),
    ]


def test_marks_under_a_title_that_closes_nothing_are_no_closure() -> None:
    text = (
        "Extended opening hours\n\n"
        "| Branch | December 22, 2025 | December 23, 2025 |\n"
        "| Main branch | x | x |\n"
    )
    assert not read(text).interruptions


def test_a_sentence_that_names_two_days_is_not_a_grid_header() -> None:
    text = "Crews met on March 3, 2025 and March 4, 2025 to plan the work.\nLibrary Closed Open\n"
    assert not read(text).interruptions


# --- dotted dates, a time restated in another zone, a date and a time that only start -------


def test_a_dotted_date_is_day_month_year() -> None:
    got = rows("The billing portal will be unavailable on Sunday, 09.03.2025 from 6:00 to 7:00.")
    assert got == [("Billing portal", "2025-03-09T10:00", "2025-03-09T11:00")]


def test_une_date_a_points_est_jour_mois_annee() -> None:
    got = rows("Le portail de facturation sera indisponible le 28.03.2025 de 8 h à 10 h.")
    assert got == [("Portail de facturation", "2025-03-28T12:00", "2025-03-28T14:00")]


def test_a_version_number_is_not_a_dotted_date() -> None:
    assert not read("Release 1.2.2025 of the mobile app fixes 14 bugs.").interruptions


def test_a_time_restated_in_brackets_in_another_zone_is_the_same_instant() -> None:
    got = rows(
        "The billing portal will be unavailable on March 2, 2025 from 6:00 EST (11:00 UTC) "
        "to 7:00 EST (12:00 UTC)."
    )
    assert got == [("Billing portal", "2025-03-02T11:00", "2025-03-02T12:00")]


def test_une_heure_redite_entre_parentheses_dans_un_autre_fuseau() -> None:
    got = rows(
        "Le portail de facturation sera indisponible le 2 mars 2025 de 6 h HNE (11 h UTC) "
        "à 7 h HNE (12 h UTC)."
    )
    assert got == [("Portail de facturation", "2025-03-02T11:00", "2025-03-02T12:00")]


def test_a_date_dash_time_alone_is_a_start_not_a_window_from_midnight() -> None:
    # a start with no end places no window: no row from 0 h to 7:30 p.m.
    reading = read("The billing portal will be offline: March 2, 2025 - 7:30pm.")
    assert not reading.interruptions


def test_une_date_tiret_heure_seule_est_un_debut() -> None:
    reading = read("Le portail de facturation sera hors ligne : 2 mars 2025 - 19 h 30.")
    assert not reading.interruptions


# --- a closure said in the present tense ---------------------------------------------------


def test_x_closes_on_a_date_is_that_whole_day() -> None:
    assert rows("The public library closes on Saturday, March 8, 2025.") == [
        ("Public library", "2025-03-08T05:00", "2025-03-09T05:00")
    ]


def test_x_ferme_ses_portes_du_au() -> None:
    assert rows("La bibliothèque municipale ferme ses portes du 3 au 5 mars 2025.") == [
        ("Bibliothèque municipale", "2025-03-03T05:00", "2025-03-06T05:00")
    ]


def test_les_x_ferment_un_jour() -> None:
    assert rows("Les bureaux municipaux ferment le vendredi 7 mars 2025.") == [
        ("Bureaux municipaux", "2025-03-07T05:00", "2025-03-08T05:00")
    ]


def test_la_ferme_est_un_nom_pas_un_verbe() -> None:
    assert [n for n, _, _ in rows("La ferme du Bois sera fermée le samedi 8 mars 2025.")] == [
        "Ferme du Bois"
    ]


def test_closing_hours_every_day_are_no_closure() -> None:
    assert not read("The store closes at 6 p.m. on weekdays.").interruptions
    assert not read("La pharmacie ferme le dimanche.").interruptions


# --- found on the way ------------------------------------------------------------------------


def test_an_ambiguous_numeric_date_with_no_year_is_said_as_printed() -> None:
    # "03/08/None" was said before: the error names the date as the notice prints it
    reading = read("Portal maintenance: Sat 03/08 8AM-10AM ET")
    assert [e.params.get("date") for e in reading.errors if e.code == "notice.date_ambiguous"] == [
        "03/08"
    ]
    assert reading.errors and not any("None" in e.message for e in reading.errors)


# --- two names joined by "and" in a sentence pointing back at the window ------------------

WINDOW_EN = "Planned work\n\nScheduled maintenance on Saturday, March 8, 2025 from 8 to 10 a.m.\n\n"
WINDOW_FR = "Travaux\n\nMaintenance planifiée le samedi 8 mars 2025 de 8 h à 10 h.\n\n"


def test_two_names_of_several_words_joined_by_and_are_two_rows() -> None:
    text = WINDOW_EN + "During this time, online banking and mobile banking will be unavailable.\n"
    assert rows(text) == [
        ("Online banking", "2025-03-08T13:00", "2025-03-08T15:00"),
        ("Mobile banking", "2025-03-08T13:00", "2025-03-08T15:00"),
    ]


def test_deux_noms_de_plusieurs_mots_joints_par_et_sont_deux_lignes() -> None:
    text = (
        WINDOW_FR + "Pendant cette période, portail citoyen et plateforme de paiement seront "
        "indisponibles.\n"
    )
    assert [n for n, _, _ in rows(text)] == ["Portail citoyen", "Plateforme de paiement"]


def test_and_inside_a_phrase_with_a_preposition_is_one_name() -> None:
    text = (
        WINDOW_EN + "During this time, document links in e-notifications and e-service messages "
        "will not work.\n"
    )
    assert [n for n, _, _ in rows(text)] == [
        "Document links in e-notifications and e-service messages"
    ]


def test_or_both_and_as_well_as_join_two_names_too() -> None:
    for sentence in (
        "During this time, online banking or mobile banking will not be available.",
        "During this time, both online banking and mobile banking will be unavailable.",
        "During this time, online banking as well as mobile banking will be unavailable.",
    ):
        assert [n for n, _, _ in rows(WINDOW_EN + sentence + "\n")] == [
            "Online banking",
            "Mobile banking",
        ], sentence


def test_ainsi_que_joint_deux_noms() -> None:
    text = (
        WINDOW_FR + "Pendant cette période, le portail citoyen ainsi que la plateforme de "
        "paiement seront indisponibles.\n"
    )
    assert [n for n, _, _ in rows(text)] == ["Portail citoyen", "Plateforme de paiement"]
