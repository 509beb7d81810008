"""Round 3 (session 6): windows the reader used to miss before naming — whole days given as a
range with no time, a first and a last day said apart, and what must stay no window. Every
sentence is our own; the expected instants are worked out by hand (America/Toronto: EDT,
-04:00, in summer)."""

from __future__ import annotations

from tests.notices.round3 import read, rows, warned


def test_a_range_of_days_with_no_time_is_whole_days_with_a_warning() -> None:
    text = "The permit portal will be shut down Tuesday through Thursday, June 3-5, 2025."
    assert rows(text) == [("Permit portal", "2025-06-03T04:00", "2025-06-06T04:00")]
    reading = read(text)
    assert warned(reading, "no start time is printed")
    assert warned(reading, "no end time is printed")


def test_du_au_sans_heure_est_des_journees_entieres() -> None:
    assert rows("La bibliothèque sera fermée du 10 au 12 juillet 2025.") == [
        ("Bibliothèque", "2025-07-10T04:00", "2025-07-13T04:00")
    ]


def test_two_days_joined_by_and_are_not_a_range() -> None:
    reading = read("Crews will work on the 2 and 4 June 2025 with no interruption of service.")
    assert not reading.interruptions


def test_deux_jours_et_ne_sont_pas_une_plage() -> None:
    reading = read("Des techniciens passeront les 2 et 4 juin 2025, sans coupure de service.")
    assert not reading.interruptions


def test_a_range_of_days_in_a_sentence_where_nothing_stops_is_no_window() -> None:
    reading = read(
        "The billing system will be unavailable on June 3, 2025 from 8:00 to 10:00.\n\n"
        "Payment deadlines are extended for the period of June 3-9, 2025."
    )
    assert [(i.starts_at.hour, i.ends_at.hour) for i in reading.interruptions] == [(12, 14)]


def test_une_plage_de_jours_sans_arret_n_est_pas_une_periode() -> None:
    reading = read(
        "La paie sera indisponible le 3 juin 2025 de 8 h à 10 h.\n\n"
        "Les frais de retard sont reportés pour la période du 3 au 9 juin 2025."
    )
    assert [(i.starts_at.hour, i.ends_at.hour) for i in reading.interruptions] == [(12, 14)]


def test_nights_of_a_range_wait_for_their_hours() -> None:
    # « dans les nuits du … au … » is not whole days: with no hours it is no window
    reading = read(
        "Le pont Nordet sera fermé dans les nuits du lundi 9 au mardi 10 juin 2025 et du mardi "
        "10 au mercredi 11 juin 2025."
    )
    assert all(i.starts_at.hour != 4 for i in reading.interruptions)


def test_an_unnamed_range_of_days_is_a_warning_not_an_error() -> None:
    reading = read("They will be closed June 10-12, 2025.")
    assert not reading.interruptions
    assert warned(reading, "(whole days, no time) names no service: read as no interruption")
    assert [e.code for e in reading.errors] == ["notice.no_interruption"]


def test_a_first_day_and_a_last_day_said_apart_in_english() -> None:
    assert rows(
        "The reading room will be closed beginning Monday, June 9, 2025, and will stay closed "
        "for repairs until Wednesday, June 11, 2025."
    ) == [("Reading room", "2025-06-09T04:00", "2025-06-12T04:00")]


def test_un_premier_et_un_dernier_jour_dits_a_part_en_francais() -> None:
    assert rows(
        "La salle de lecture sera fermée à partir du lundi 9 juin 2025, pour des travaux de "
        "peinture, et ce jusqu'au mercredi 11 juin 2025 inclusivement."
    ) == [("Salle de lecture", "2025-06-09T04:00", "2025-06-12T04:00")]


def test_two_windows_of_one_sentence_are_not_a_summary_and_its_detail() -> None:
    assert rows(
        "Emergency maintenance of the ticketing API is planned on July 8, 2025 from 22:00 to "
        "22:15, and on July 9, 2025 from 01:00 to 01:15."
    ) == [
        ("Ticketing API", "2025-07-09T02:00", "2025-07-09T02:15"),
        ("Ticketing API", "2025-07-09T05:00", "2025-07-09T05:15"),
    ]


def test_deux_periodes_d_une_phrase_ne_sont_pas_un_resume() -> None:
    assert rows(
        "Une maintenance du portail des permis est prévue le 8 juillet 2025 de 22 h à 22 h 15, "
        "et le 9 juillet 2025 de 1 h à 1 h 15."
    ) == [
        ("Portail des permis", "2025-07-09T02:00", "2025-07-09T02:15"),
        ("Portail des permis", "2025-07-09T05:00", "2025-07-09T05:15"),
    ]


def test_four_digit_times_in_a_range() -> None:
    assert rows("The staff wiki will be unavailable Tuesday 5th August 2025 0930-1300.") == [
        ("Staff wiki", "2025-08-05T13:30", "2025-08-05T17:00")
    ]
    assert rows("The staff wiki will be unavailable on August 5, 2025 from 2100 to 0600.") == [
        ("Staff wiki", "2025-08-06T01:00", "2025-08-06T10:00")
    ]


def test_heures_a_quatre_chiffres_dans_une_plage() -> None:
    assert rows("Le wiki sera indisponible le mardi 5 août 2025, 0930-1300.") == [
        ("Wiki", "2025-08-05T13:30", "2025-08-05T17:00")
    ]


def test_two_years_are_not_four_digit_times() -> None:
    reading = read("The 2019-2020 archive stays online. The staff wiki will be down June 3, 2025.")
    assert not reading.interruptions


def test_twelve_noon_and_twelve_midnight_glued_or_spaced() -> None:
    assert rows("Staff wiki: unavailable Saturday 23 August 2025 from 11am to 12noon.") == [
        ("Staff wiki", "2025-08-23T15:00", "2025-08-23T16:00")
    ]
    assert rows("Staff wiki: unavailable Saturday 23 August 2025 from 9 pm to 12 midnight.") == [
        ("Staff wiki", "2025-08-24T01:00", "2025-08-24T04:00")
    ]


def test_closed_from_a_time_on_two_dates_is_the_rest_of_each_day_with_a_warning() -> None:
    text = (
        "The recycling depots will be closed on the following dates:\n\n"
        "  • Wednesday, December 24, 2025 and Wednesday, December 31, 2025 from 4 p.m.\n"
    )
    assert [(s, e) for _, s, e in rows(text)] == [
        ("2025-12-24T21:00", "2025-12-25T05:00"),
        ("2025-12-31T21:00", "2026-01-01T05:00"),
    ]
    assert warned(read(text), "read as closed for the rest of that day")


def test_ferme_a_partir_d_une_heure_est_le_reste_de_la_journee() -> None:
    assert [
        (s, e)
        for _, s, e in rows(
            "Les écocentres seront fermés aux dates suivantes :\n\n"
            "  • Mercredi 24 décembre 2025 et mercredi 31 décembre 2025 à partir de 16 h\n"
        )
    ] == [("2025-12-24T21:00", "2025-12-25T05:00"), ("2025-12-31T21:00", "2026-01-01T05:00")]


def test_a_closure_with_its_end_printed_keeps_its_end() -> None:
    assert [(s, e) for _, s, e in rows(
        "The depot will be closed on Wednesday, December 24, 2025 from 4 p.m. to 6 p.m."
    )] == [("2025-12-24T21:00", "2025-12-24T23:00")]  # fmt: skip


def test_open_from_a_time_is_no_closure() -> None:
    reading = read("The depot will be open on Wednesday, December 24, 2025 from 4 p.m.")
    assert not reading.interruptions


def test_days_listed_under_one_month_are_one_window_each() -> None:
    assert rows("The wiki will be unavailable on June 7, 14 and 21, 2025 from 10 to 11 p.m.") == [
        ("Wiki", "2025-06-08T02:00", "2025-06-08T03:00"),
        ("Wiki", "2025-06-15T02:00", "2025-06-15T03:00"),
        ("Wiki", "2025-06-22T02:00", "2025-06-22T03:00"),
    ]


def test_des_jours_enumeres_sous_un_mois_sont_une_periode_chacun() -> None:
    assert rows("Le wiki sera indisponible les samedis 7, 14 et 21 juin 2025 de 22 h à 23 h.") == [
        ("Wiki", "2025-06-08T02:00", "2025-06-08T03:00"),
        ("Wiki", "2025-06-15T02:00", "2025-06-15T03:00"),
        ("Wiki", "2025-06-22T02:00", "2025-06-22T03:00"),
    ]
    assert rows("De 22 h à 23 h, les 7 et 21 juin 2025, le wiki sera indisponible.") == [
        ("Wiki", "2025-06-08T02:00", "2025-06-08T03:00"),
        ("Wiki", "2025-06-22T02:00", "2025-06-22T03:00"),
    ]


def test_days_listed_with_no_time_are_whole_days_one_window_per_run() -> None:
    assert rows(
        "All branch libraries will be closed on Tuesday 18 and Wednesday 19 November 2025."
    ) == [("Branch libraries", "2025-11-18T05:00", "2025-11-20T05:00")]


def test_des_jours_enumeres_sans_heure_sont_des_journees_entieres() -> None:
    assert rows(
        "Les écocentres seront fermés les 25 et 26 décembre 2025 et les 1er et 2 janvier 2026."
    ) == [
        ("Écocentres", "2025-12-25T05:00", "2025-12-27T05:00"),
        ("Écocentres", "2026-01-01T05:00", "2026-01-03T05:00"),
    ]


def test_two_dates_joined_by_et_le_are_not_a_range() -> None:
    reading = read(
        "Les collectes du 25 décembre 2025 et le 1er janvier 2026 sont reportées au lendemain."
    )
    assert not reading.interruptions
    assert not any(e.code == "notice.no_service_name" for e in reading.errors)


def test_a_date_alone_in_a_sentence_that_says_closed_is_that_whole_day() -> None:
    text = "The permit office will be closed on Monday, October 13, 2025 for Thanksgiving."
    assert rows(text) == [("Permit office", "2025-10-13T04:00", "2025-10-14T04:00")]
    assert warned(read(text), "no start time is printed")


def test_une_date_seule_dans_une_phrase_qui_dit_ferme_est_la_journee() -> None:
    assert rows(
        "Le comptoir des permis sera fermé ce lundi 13 octobre 2025, jour de l'Action de grâce."
    ) == [("Comptoir des permis", "2025-10-13T04:00", "2025-10-14T04:00")]


def test_a_date_with_its_hours_or_a_start_is_not_a_whole_day() -> None:
    assert rows(
        "The permit office will be closed on Monday, October 13, 2025 from 8:00 to 10:00."
    ) == [("Permit office", "2025-10-13T12:00", "2025-10-13T14:00")]
    assert rows(
        "L'aqueduc sera fermé le mardi 14 octobre 2025 à compter de 23 h 00 et jusqu'à 2 h "
        "du matin."
    ) == [("Aqueduc", "2025-10-15T03:00", "2025-10-15T06:00")]


def test_every_saturday_over_a_range_is_each_saturday_whole_days() -> None:
    text = "The pool will be closed every Saturday from July 5 to August 2, 2025."
    assert [s for _, s, _ in rows(text)] == [
        "2025-07-05T04:00",
        "2025-07-12T04:00",
        "2025-07-19T04:00",
        "2025-07-26T04:00",
        "2025-08-02T04:00",
    ]
    assert warned(read(text), "read as every such day of the range, whole days")


def test_tous_les_samedis_d_une_plage_sont_chaque_samedi() -> None:
    assert rows("La piscine sera fermée tous les samedis du 5 au 26 juillet 2025.") == [
        ("Piscine", "2025-07-05T04:00", "2025-07-06T04:00"),
        ("Piscine", "2025-07-12T04:00", "2025-07-13T04:00"),
        ("Piscine", "2025-07-19T04:00", "2025-07-20T04:00"),
        ("Piscine", "2025-07-26T04:00", "2025-07-27T04:00"),
    ]


def test_the_readings_that_are_guesses_are_said_in_both_languages() -> None:
    """A window read by a guess says so on its rows through the catalogue, in French too."""
    from preavis.formats.messages import say

    text = (
        "The recycling depots will be closed on the following dates:\n\n"
        "  • Wednesday, December 24, 2025 and Wednesday, December 31, 2025 from 4 p.m.\n"
    )
    notes = [w for w in read(text).warnings if w.code == "notice.no_end_rest_of_day"]
    assert notes, [w.message for w in read(text).warnings]
    french = say(notes[0].code, notes[0].params, "fr")
    assert french.startswith("«\u00a0Wednesday, December 24, 2025")
    assert "n’indique pas de fin\u00a0: lu comme fermé jusqu’à la fin de la journée" in french
    assert say(notes[0].code, notes[0].params, "en") == notes[0].message


def test_an_end_said_later_is_said_in_french() -> None:
    from preavis.formats.messages import say

    text = (
        "The permit portal will be shut down for upgrades beginning at 12:00 p.m. on Friday, "
        "June 6, 2025, and will stay down over the weekend. Online services are expected to be "
        "restored at 7:00 a.m. on Monday, June 9, 2025."
    )
    notes = [w for w in read(text).warnings if w.code == "notice.end_said_later"]
    assert notes
    assert say(notes[0].code, notes[0].params, "en") == notes[0].message
    assert "se termine comme le dit une phrase plus loin" in say(
        notes[0].code, notes[0].params, "fr"
    )
