"""Windows assembled from pieces: a range of days and a time range, a date and a time range,
a start and a duration (the expected instants are worked out by hand)."""

from __future__ import annotations

from datetime import date

from preavis.notices.reader import read_notice

REF = date(2025, 1, 15)


def windows(text: str) -> list[tuple[str, str, str]]:
    reading = read_notice(text, reference=REF, timezone="America/Toronto")
    assert reading.ok, reading.errors
    return [
        (i.service, i.starts_at.isoformat()[:16], i.ends_at.isoformat()[:16])
        for i in reading.interruptions
    ]


def test_each_night_over_a_range_of_days_is_one_window_a_night() -> None:
    got = windows(
        "Online banking will be unavailable each night from 10 p.m. to 6 a.m., June 3-5, 2025."
    )
    assert got == [
        ("Online banking", "2025-06-04T02:00", "2025-06-04T10:00"),
        ("Online banking", "2025-06-05T02:00", "2025-06-05T10:00"),
        ("Online banking", "2025-06-06T02:00", "2025-06-06T10:00"),
    ]


def test_du_lundi_au_vendredi_keeps_only_those_days() -> None:
    got = windows(
        "Le portail sera indisponible du lundi au vendredi de 22 h à 6 h, du 6 au 10 juin 2025."
    )
    # June 6, 2025 is a Friday; 7 and 8 are the weekend; 9 and 10 are Monday and Tuesday.
    assert [start for _, start, _ in got] == [
        "2025-06-07T02:00",
        "2025-06-10T02:00",
        "2025-06-11T02:00",
    ]


def test_a_date_then_between_two_times() -> None:
    got = windows("Payroll will be unavailable on Saturday, June 14, 2025 between 10:00 and 15:00.")
    assert got == [("Payroll", "2025-06-14T14:00", "2025-06-14T19:00")]


def test_le_date_entre_deux_heures() -> None:
    got = windows("La paie sera indisponible le samedi 14 juin 2025 entre 14 h et 17 h.")
    assert got == [("Paie", "2025-06-14T18:00", "2025-06-14T21:00")]


def test_a_start_and_a_duration() -> None:
    got = windows(
        "Billing will be unavailable starting at 9 p.m. on June 20, 2025 for about two hours."
    )
    assert got == [("Billing", "2025-06-21T01:00", "2025-06-21T03:00")]


def test_a_time_range_is_not_read_inside_a_day_range() -> None:
    got = windows(
        "La boutique sera indisponible du 31 décembre 2024, 19 h 01 au 31 décembre 2024, 19 h 02."
    )
    assert got == [("Boutique", "2025-01-01T00:01", "2025-01-01T00:02")]


def test_noon_in_brackets_and_a_month_glued_to_its_day() -> None:
    got = windows("The portal will be unavailable from July23, 2025 at 12:00 PM (Noon) to 6:00 PM.")
    assert got == [("Portal", "2025-07-23T16:00", "2025-07-23T22:00")]


def test_a_duration_in_the_next_sentence_and_its_upper_bound() -> None:
    text = (
        "Maintenance\n\nUne coupure des services flus.fr et flus.io est prévue le "
        "**jeudi 14 janvier 2021 à partir de 14h00.** Elle devrait durer de 30 à 60 minutes.\n"
    )
    got = windows(text)
    assert got == [
        ("flus.fr", "2021-01-14T19:00", "2021-01-14T20:00"),
        ("flus.io", "2021-01-14T19:00", "2021-01-14T20:00"),
    ]


def test_a_quarter_of_an_hour_and_1h30() -> None:
    quarter = (
        "Avis\n\nLe portail sera coupé le 9 septembre 2021 à partir de 9h00 "
        "pour un quart d’heure.\n"
    )
    assert windows(quarter)[0][1:] == ("2021-09-09T13:00", "2021-09-09T13:15")
    both = (
        "Avis\n\nLe portail sera indisponible le 19 février 2020 à 12h30 "
        "pour une durée d'environ 1h30.\n"
    )
    assert windows(both)[0][1:] == ("2020-02-19T17:30", "2020-02-19T19:00")


def test_a_start_and_an_end_said_apart() -> None:
    text = (
        "Storage maintenance\n\nThe Ivy cluster will be down on Tuesday, Oct 15, 2024, beginning "
        "at 6 a.m.\n\nThe system is expected to return to full service by 6 a.m. on Wednesday, "
        "Oct 16.\n"
    )
    assert windows(text) == [("Ivy cluster", "2024-10-15T10:00", "2024-10-16T10:00")]
    french = (
        "Avis\n\nL’aqueduc sera fermé le mardi 9 mai 2023 à compter de 23h00 et pourrait "
        "l’être jusqu'à 2h00 du matin.\n"
    )
    assert windows(french)[0][1:] == ("2023-05-10T03:00", "2023-05-10T06:00")
