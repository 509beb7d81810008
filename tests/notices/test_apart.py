"""Round 3 (session 6): a start and an end said in different sentences, opening hours that are
not interruptions, a dateline that is not a service. Our own sentences; instants worked out by
hand (America/Toronto, EDT -04:00 in June)."""

from __future__ import annotations

from preavis.notices.reader import read_notice
from tests.notices.round3 import REF, read, rows


def test_an_end_said_as_a_return_in_the_next_sentence() -> None:
    text = (
        "The permit portal will be shut down for upgrades beginning at 12:00 p.m. on Friday, "
        "June 6, 2025, and will stay down over the weekend. Online services are expected to be "
        "restored at 7:00 a.m. on Monday, June 9, 2025."
    )
    assert rows(text) == [("Permit portal", "2025-06-06T16:00", "2025-06-09T11:00")]
    reading = read(text)
    assert any("ends as a later sentence says" in w.message for w in reading.warnings)


def test_une_fin_dite_comme_un_retour_dans_la_phrase_suivante() -> None:
    assert rows(
        "Le portail des permis sera fermé à partir de 12 h le vendredi 6 juin 2025. Le service "
        "sera rétabli le lundi 9 juin 2025 à 7 h."
    ) == [("Portail des permis", "2025-06-06T16:00", "2025-06-09T11:00")]


def test_a_return_a_few_sentences_later_in_the_same_paragraph() -> None:
    got = rows(
        "Beginning at 2:00 a.m. on Sunday, June 8, 2025, our card processor will update its "
        "servers, which will take the tax payment page offline. The parking permit page is not "
        "affected. Payments will resume once the work is completed (expected to be completed by "
        "6:00 a.m. on Sunday, June 8, 2025)."
    )
    assert [(start, end) for _, start, end in got] == [("2025-06-08T06:00", "2025-06-08T10:00")]


def test_a_return_before_its_start_is_not_joined() -> None:
    reading = read(
        "Service is expected to be restored at 7:00 a.m. on Monday, June 2, 2025. The archive "
        "will then be shut down beginning at 9:00 p.m. on Friday, June 6, 2025."
    )
    assert all(i.starts_at < i.ends_at for i in reading.interruptions)
    assert not any(i.ends_at.day == 2 and i.starts_at.day == 6 for i in reading.interruptions)


def test_regular_business_hours_are_not_interruptions() -> None:
    got = rows(
        "The online permit portal will be unavailable on Friday, June 6, 2025 from 8:00 p.m. "
        "to 11:00 p.m.\n\nPlease note that City Hall regular business hours are 7:00 a.m. to "
        "12:00 p.m. and 1:00 p.m. to 4:30 p.m. Monday through Thursday."
    )
    assert got == [("Online permit portal", "2025-06-07T00:00", "2025-06-07T03:00")]


def test_les_heures_d_ouverture_ne_sont_pas_des_interruptions() -> None:
    got = rows(
        "Le portail des permis sera indisponible le vendredi 6 juin 2025 de 20 h à 23 h.\n\n"
        "Nos heures d'ouverture sont de 8 h 30 à 16 h 30, du lundi au vendredi."
    )
    assert got == [("Portail des permis", "2025-06-07T00:00", "2025-06-07T03:00")]


def test_a_counter_open_for_a_while_is_not_closed_then() -> None:
    got = rows(
        "On Tuesday, June 10, 2025, all counters will be closed from 8 a.m. to 9 a.m. for "
        "training:\n\n  • Cashier (open 7:30 to 8 a.m.)\n  • Records (open 7:30 to 8 a.m.)"
    )
    assert ("2025-06-10T11:30", "2025-06-10T12:00") not in {(s, e) for _, s, e in got}


def test_a_dateline_before_a_pipe_is_not_a_service() -> None:
    got = rows(
        "June 2, 2025, 9:30 a.m. | The library's booking system will be shut down beginning "
        "at 6:00 p.m. on Friday, June 6, 2025. It is expected to be restored at 8:00 a.m. on "
        "Monday, June 9, 2025."
    )
    assert [name for name, _, _ in got] == ["Booking system"]  # possessives are dropped
    assert got[0][1:] == ("2025-06-06T22:00", "2025-06-09T12:00")


def test_affected_resources_listed_under_their_key() -> None:
    got = rows(
        "## June 2025 Downtime\n\n**Date of downtime:** Tuesday, June 10, 2025\n\n"
        "**Approximate time of outage:** 7am-5pm\n\n**Resources affected by downtime:**\n\n"
        " - Storage cluster\n - Batch cluster\n\n**What will be done:**\n\n - Reboot of all nodes\n"
    )
    assert got == [
        ("Storage cluster", "2025-06-10T11:00", "2025-06-10T21:00"),
        ("Batch cluster", "2025-06-10T11:00", "2025-06-10T21:00"),
    ]


def test_services_touches_en_liste_sous_leur_cle() -> None:
    got = rows(
        "Date : le mardi 10 juin 2025\nHeure : de 7 h à 17 h\nRessources touchées :\n\n"
        "- Grappe de stockage\n- Grappe de calcul\n"
    )
    assert got == [
        ("Grappe de stockage", "2025-06-10T11:00", "2025-06-10T21:00"),
        ("Grappe de calcul", "2025-06-10T11:00", "2025-06-10T21:00"),
    ]


def test_a_list_under_a_lead_in_that_points_back_at_the_window() -> None:
    got = rows(
        "The city's online portal will be shut down from 6:00 p.m. on Friday, June 6, 2025 to "
        "7:00 a.m. on Monday, June 9, 2025.\n\nDuring this maintenance period, the following "
        "services will be temporarily unavailable:\n\n  • Building permits\n  • Utility bills\n"
    )
    assert [name for name, _, _ in got] == ["Online portal", "Building permits", "Utility bills"]
    assert {(s, e) for _, s, e in got} == {("2025-06-06T22:00", "2025-06-09T11:00")}


def test_une_liste_sous_une_phrase_qui_renvoie_a_la_periode() -> None:
    got = rows(
        "Le portail municipal sera fermé du vendredi 6 juin 2025 à 18 h au lundi 9 juin 2025 à "
        "7 h.\n\nPendant cette période, les services suivants seront indisponibles :\n\n"
        "  • Permis de construction\n  • Factures d'eau\n"
    )
    assert [name for name, _, _ in got] == [
        "Portail municipal",
        "Permis de construction",
        "Factures d'eau",
    ]
    assert {(s, e) for _, s, e in got} == {("2025-06-06T22:00", "2025-06-09T11:00")}


def test_a_window_then_its_service_after_a_colon() -> None:
    assert rows(
        "Upcoming downtimes\nSaturday, June 7, 2025 (5-10 p.m.): Payroll portal\n"
        "The payroll portal will be unavailable due to maintenance.\n"
        "Saturday, June 7, 2025 (11 p.m.) to Sunday, June 8, 2025 (2 a.m.): Learning platform\n"
        "It will be unavailable due to maintenance.\n"
    ) == [
        ("Payroll portal", "2025-06-07T21:00", "2025-06-08T02:00"),
        ("Learning platform", "2025-06-08T03:00", "2025-06-08T06:00"),
    ]


def test_une_periode_puis_son_service_apres_un_deux_points() -> None:
    assert rows(
        "Interruptions à venir\nSamedi 7 juin 2025 (de 17 h à 22 h) : Portail de la paie\n"
        "Le portail de la paie sera indisponible.\n"
        "Dimanche 8 juin 2025 (de 1 h à 3 h) : Plateforme d'apprentissage\n"
    ) == [
        ("Portail de la paie", "2025-06-07T21:00", "2025-06-08T02:00"),
        ("Plateforme d'apprentissage", "2025-06-08T05:00", "2025-06-08T07:00"),
    ]


def test_a_table_with_the_date_first_then_the_weekday() -> None:
    reading = read_notice(
        "# Payroll portal maintenance schedule\n\n"
        "| Date       | Day      | Time               | Duration |\n"
        "|------------|----------|--------------------|----------|\n"
        "| 07/08/2025 | Tuesday  | 9:00 - 10:00PM EDT | 1 hour   |\n"
        "| 07/10/2025 | Thursday | 9:00 - 11:00PM EDT | 2 hours  |\n",
        reference=REF,
        timezone="America/New_York",  # month/day, as written in the US
    )
    got = [
        (i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16]) for i in reading.interruptions
    ]
    assert got == [
        ("2025-07-09T01:00", "2025-07-09T02:00"),
        ("2025-07-11T01:00", "2025-07-11T03:00"),
    ]


def test_un_tableau_avec_la_date_puis_le_jour() -> None:
    got = rows(
        "# Calendrier d'entretien du portail de la paie\n\n"
        "| Date       | Jour     | Heure       |\n"
        "|------------|----------|-------------|\n"
        "| 08/07/2025 | mardi    | 21 h - 22 h |\n"
        "| 10/07/2025 | jeudi    | 21 h - 23 h |\n"
    )
    assert [(s, e) for _, s, e in got] == [
        ("2025-07-09T01:00", "2025-07-09T02:00"),
        ("2025-07-11T01:00", "2025-07-11T03:00"),
    ]


def test_a_printed_weekday_tells_the_order_of_a_numeric_date() -> None:
    # English in Canada writes both orders; July 8, 2025 is a Tuesday, August 7 a Thursday
    assert rows("The payroll portal will be unavailable Tuesday, 07/08/2025, 9:00 - 10:00PM.") == [
        ("Payroll portal", "2025-07-09T01:00", "2025-07-09T02:00")
    ]
    reading = read("The payroll portal will be unavailable on 07/08/2025, 9:00 - 10:00PM.")
    assert [e.code for e in reading.errors] == ["notice.date_ambiguous"]


def test_a_table_of_starting_and_ending_dates_named_by_the_sentence_above() -> None:
    got = rows(
        "# Scheduled Maintenance Windows\n\n"
        "The cluster will be unavailable during the time frames below.\n\n"
        "| Starting Date and Time | Ending Date and Time |\n|---|---|\n"
        "| June 10, 2025 @ 9am | June 10, 2025 @ 9pm |\n"
        "| June 17, 2025 @ 8am | June 19, 2025 @ 5pm |\n"
    )
    assert got == [
        ("Cluster", "2025-06-10T13:00", "2025-06-11T01:00"),
        ("Cluster", "2025-06-17T12:00", "2025-06-19T21:00"),
    ]


def test_un_tableau_de_dates_de_debut_et_de_fin_nomme_par_la_phrase_au_dessus() -> None:
    got = rows(
        "# Périodes d'entretien prévues\n\n"
        "La grappe de calcul sera indisponible pendant les périodes ci-dessous.\n\n"
        "| Date et heure de début | Date et heure de fin |\n|---|---|\n"
        "| 10 juin 2025 à 9 h | 10 juin 2025 à 21 h |\n"
        "| 17 juin 2025 à 8 h | 19 juin 2025 à 17 h |\n"
    )
    assert got == [
        ("Grappe de calcul", "2025-06-10T13:00", "2025-06-11T01:00"),
        ("Grappe de calcul", "2025-06-17T12:00", "2025-06-19T21:00"),
    ]


def test_a_return_with_no_start_is_no_window() -> None:
    got = rows(
        "The upgrade will run from 5:00 p.m. on Friday, August 29, 2025 to noon on Tuesday, "
        "September 2, 2025. Online banking will be unavailable during this time and will "
        "reopen at noon, September 2, for business as usual."
    )
    assert {(s, e) for _, s, e in got} == {("2025-08-29T21:00", "2025-09-02T16:00")}


def test_later_hours_of_a_sentence_that_says_open_are_hours_too() -> None:
    got = rows(
        "The permit office will be closed on December 22, 2025 from 8:00 to 10:00.\n\nThe "
        "call centre is open "
        "from 8:30 to 13:00 on December 24; on December 26, from 12:00 to 16:30."
    )
    assert [(n, s) for n, s, _ in got] == [("Permit office", "2025-12-22T13:00")]


def test_les_heures_suivantes_d_une_phrase_qui_dit_ouvert_sont_des_heures() -> None:
    got = rows(
        "Le bureau des permis sera fermé le 22 décembre 2025 de 8 h à 10 h.\n\nLe centre "
        "d'appels est ouvert "
        "de 8 h 30 à 13 h le 24 décembre; les 26 décembre et 2 janvier, de 12 h à 16 h 30."
    )
    assert [(n, s) for n, s, _ in got] == [("Bureau des permis", "2025-12-22T13:00")]


def test_premier_et_deux_ne_sont_pas_une_plage() -> None:
    reading = read("L'écocentre sera fermé les 1er et 2 janvier 2026.")
    assert all(i.starts_at.day != 1 or i.ends_at.day != 3 for i in reading.interruptions)


def test_a_date_after_a_blank_line_is_not_the_end_s_date() -> None:
    assert rows(
        "12/16/2025\nThe e-filing system will be unavailable on Thursday, December 18, 2025 from "
        "6:30 PM - 7:00 PM\n\n12/11/2025\nThe e-filing system was updated."
    ) == [("E-filing system", "2025-12-18T23:30", "2025-12-19T00:00")]


def test_une_date_apres_une_ligne_vide_n_est_pas_celle_de_la_fin() -> None:
    assert rows(
        "Le dépôt en ligne sera indisponible le jeudi 18 décembre 2025 de 18 h 30 à 19 h\n\n"
        "le 11 décembre 2025\nMise à jour du dépôt en ligne."
    ) == [("Dépôt en ligne", "2025-12-18T23:30", "2025-12-19T00:00")]
