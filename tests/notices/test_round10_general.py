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
