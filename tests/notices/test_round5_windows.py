"""Round 5 (session 7), windows: rules that do not depend on one notice's wording.

- a date joined to a clock time to the odd minute is a stamp (a byline, a mail header), never
  a window (notices/stamps.py);
- a first day said with a demonstrative or no article (« à partir de ce lundi », « dès ce »,
  « depuis le », "starting this") is a first day like « à partir du » (notices/apart.py).

Every sentence is our own; the expected instants are worked out by hand, in UTC
(America/Toronto: EST, -05:00, until March 9, 2025; EDT, -04:00, from then)."""

from __future__ import annotations

from preavis.notices.stamps import stamp_spans, without_stamps
from tests.notices.round3 import read, rows, warned


def test_a_byline_time_to_the_minute_is_not_a_window() -> None:
    text = (
        "By Jane Roe 9:47 AM - March 3, 2025\n\n"
        "The payroll portal will be unavailable on Saturday, March 8, 2025 from 9 a.m. to 11 a.m."
    )
    assert rows(text) == [("Payroll portal", "2025-03-08T14:00", "2025-03-08T16:00")]


def test_l_heure_d_un_article_n_est_pas_une_periode() -> None:
    text = (
        "Le Courrier du Nord - 4 mars 2025 à 16:37\n\n"
        "La bibliothèque municipale sera fermée le samedi 8 mars 2025 de 9 h à 12 h."
    )
    assert rows(text) == [("Bibliothèque municipale", "2025-03-08T14:00", "2025-03-08T17:00")]


def test_round_minutes_and_the_ends_of_a_day_stay_windows() -> None:
    assert stamp_spans("The portal is down on March 8, 2025 from 9:15 a.m. to 10:45 a.m.") == []
    assert stamp_spans("Le portail sera fermé le 8 mars 2025 à 0 h 01 jusqu'à 23 h 59.") == []
    assert rows(
        "The payroll portal will be down on March 8, 2025 from 9:15 a.m. to 10:45 a.m."
    ) == [("Payroll portal", "2025-03-08T14:15", "2025-03-08T15:45")]


def test_a_stamp_is_blanked_in_place() -> None:
    text = "Sent: Monday, March 3, 2025 10:13 AM\nSubject: portal"
    blanked = without_stamps(text)
    assert len(blanked) == len(text) and blanked.count("\n") == 1
    assert "March" not in blanked and "10:13" not in blanked and "Subject: portal" in blanked
    # an odd minute with no date joined to it is left alone
    assert without_stamps("The shuttle leaves at 10:13.") == "The shuttle leaves at 10:13."


def test_a_partir_de_ce_lundi_et_jusqu_au_vendredi() -> None:
    text = (
        "Le comptoir de prêt sera fermé à partir de ce lundi 3 mars et jusqu'au vendredi "
        "14 mars 2025."
    )
    assert rows(text) == [("Comptoir de prêt", "2025-03-03T05:00", "2025-03-15T04:00")]


def test_a_partir_de_lundi_sans_accent_et_jusqu_au() -> None:
    text = "A partir de lundi 3 mars et jusqu'au 14 mars 2025, la piscine municipale est fermée."
    assert rows(text) == [("Piscine municipale", "2025-03-03T05:00", "2025-03-15T04:00")]


def test_starting_this_monday_and_until_friday() -> None:
    text = (
        "Starting this Monday, March 3, 2025 and until Friday, March 14, 2025, the payroll "
        "portal will be closed."
    )
    assert rows(text) == [("Payroll portal", "2025-03-03T05:00", "2025-03-15T04:00")]


def test_an_odd_minute_said_as_a_bound_is_a_window() -> None:
    assert stamp_spans("Du 8 mars 2025, 19 h au 8 mars 2025, 19 h 02") == []
    assert stamp_spans("Fin : jusqu'au 8 mars 2025 à 19 h 02") == []
    assert stamp_spans("The payroll portal will be down until March 8, 2025 at 10:13 a.m.") == []


def test_des_jours_fermes_jusqu_a_une_reouverture_dite_plus_loin() -> None:
    # 3 to 7 March 2025 closed; reopening Monday 10 March at 8 h (EDT from March 9): one
    # closure, the weekend included, with the warning that the end is said later.
    text = (
        "Du 3 au 7 mars 2025, la piscine municipale sera fermée au public.\n\n"
        "Une réouverture de la piscine au public est programmée au lundi 10 mars 2025 à 8 h."
    )
    reading = read(text)
    assert rows(text) == [("Piscine municipale", "2025-03-03T05:00", "2025-03-10T12:00")]
    assert warned(reading, "ends as a later sentence says")


def test_whole_days_closed_until_a_reopening_said_later() -> None:
    text = (
        "The records office will be closed March 3-7, 2025.\n\n"
        "The office is expected to reopen on Monday, March 10, 2025 at 9 a.m."
    )
    assert rows(text) == [("Records office", "2025-03-03T05:00", "2025-03-10T13:00")]


def test_a_reopening_weeks_later_does_not_close_the_days() -> None:
    text = (
        "The records office will be closed March 3-7, 2025.\n\n"
        "The office is expected to reopen on Monday, April 14, 2025 at 9 a.m."
    )
    assert rows(text) == [("Records office", "2025-03-03T05:00", "2025-03-08T05:00")]


def test_twelve_oclock_with_its_word_midnight_ends_the_day() -> None:
    text = (
        "The payroll portal will be down on Tuesday, June 3, 2025 between 8:00pm and "
        "12:00 midnight."
    )
    assert rows(text) == [("Payroll portal", "2025-06-04T00:00", "2025-06-04T04:00")]


def test_douze_heures_minuit_finit_la_journee() -> None:
    text = "Le portail de paie sera indisponible le mardi 3 juin 2025 de 20 h à 12:00 minuit."
    assert rows(text) == [("Portail de paie", "2025-06-04T00:00", "2025-06-04T04:00")]


def test_twelve_oclock_noon_stays_noon() -> None:
    text = "The payroll portal will be down on Tuesday, June 3, 2025 between 10:00 and 12:00 noon."
    assert rows(text) == [("Payroll portal", "2025-06-03T14:00", "2025-06-03T16:00")]
