"""A window printed with times only takes its date from the text above it, and says so."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from preavis.notices.pieces import find_windows
from preavis.notices.reader import read_notice

TORONTO = ZoneInfo("America/Toronto")


def rows(text: str, reference: date = date(2025, 1, 15)) -> list[tuple[str, str, str, bool]]:
    reading = read_notice(text, reference=reference, timezone="America/Toronto")
    assert reading.ok, reading.errors
    return [
        (
            i.service,
            i.starts_at.astimezone(TORONTO).isoformat(),
            i.ends_at.astimezone(TORONTO).isoformat(),
            bool(i.evidence and any("no date is printed" in w for w in i.evidence.warnings)),
        )
        for i in reading.interruptions
    ]


def test_times_in_the_next_sentence_take_the_date_above() -> None:
    text = (
        "Notice\n\n"
        "Work is planned on Tuesday, March 4, 2025.\n"
        "The archive will be unavailable from 9:00 to 11:30.\n"
    )
    assert rows(text) == [
        ("Archive", "2025-03-04T09:00:00-05:00", "2025-03-04T11:30:00-05:00", True)
    ]


def test_a_night_window_after_a_date_ends_the_next_morning() -> None:
    text = (
        "Notice\n\nOn Friday, May 9, 2025 the cabling is replaced.\n"
        "The lab network will be offline from 22:00 to 04:00.\n"
    )
    ((_, start, end, warned),) = rows(text)
    assert (start, end, warned) == ("2025-05-09T22:00:00-04:00", "2025-05-10T04:00:00-04:00", True)


def test_this_weekday_counts_from_the_dateline() -> None:
    text = (
        "Wednesday, October 1, 2025\n\nPower work\n\n"
        "This Saturday the print room will be closed from 8 am to noon.\n"
    )
    ((_, start, end, warned),) = rows(text)
    assert (start, end, warned) == ("2025-10-04T08:00:00-04:00", "2025-10-04T12:00:00-04:00", True)


def test_a_weekday_that_agrees_with_the_date_above_keeps_it() -> None:
    text = (
        "Avis\n\nTravaux le samedi 12 avril 2025.\n\n"
        "Le guichet sera fermé de minuit à 4 h samedi.\n"
    )
    ((_, start, end, warned),) = rows(text)
    assert (start, end, warned) == ("2025-04-12T00:00:00-04:00", "2025-04-12T04:00:00-04:00", True)


def test_a_weekday_alone_is_the_next_one_after_the_reference() -> None:
    text = "Notice\n\nThe kiosk will be closed on Monday from 9 a.m. to 10 a.m.\n"
    ((_, start, _, warned),) = rows(text, reference=date(2025, 6, 4))  # a Wednesday
    assert (start, warned) == ("2025-06-09T09:00:00-04:00", True)


def test_a_publication_date_is_not_the_window_date() -> None:
    text = "Posted March 3, 2025\n\nThe kiosk will be closed from 9 a.m. to 10 a.m.\n"
    reading = read_notice(text, reference=date(2025, 1, 15), timezone="America/Toronto")
    assert not reading.ok
    assert any("has no date" in e.message for e in reading.errors)


DATE_LIST = """Card payments

Maintenance takes place between 1:00am and 3:00am (unless otherwise stated). During these
periods no orders will be accepted via the web shop or telephone ordering services.

Dates for 2025:

  • Sunday 2nd February 2025
  • Sunday 9th March 2025 (1:00am to 5:00am)
  • Sunday 6th April 2025

Extended work may run between midnight and 5:00am on the dates above marked with a *; card
terminals could then be slow.
"""


def test_a_list_of_dates_shares_the_window_above_and_an_item_may_change_it() -> None:
    reading = read_notice(DATE_LIST, reference=date(2025, 1, 1), timezone="Europe/London")
    assert reading.ok, reading.errors
    got = [
        (i.service, i.starts_at.isoformat(), i.ends_at.isoformat()) for i in reading.interruptions
    ]
    # GMT until March 30, BST after; the March item carries its own times.
    assert sorted(got) == sorted(
        [
            ("web shop", "2025-02-02T01:00:00+00:00", "2025-02-02T03:00:00+00:00"),
            ("telephone ordering", "2025-02-02T01:00:00+00:00", "2025-02-02T03:00:00+00:00"),
            ("web shop", "2025-03-09T01:00:00+00:00", "2025-03-09T05:00:00+00:00"),
            ("telephone ordering", "2025-03-09T01:00:00+00:00", "2025-03-09T05:00:00+00:00"),
            ("web shop", "2025-04-06T00:00:00+00:00", "2025-04-06T02:00:00+00:00"),
            ("telephone ordering", "2025-04-06T00:00:00+00:00", "2025-04-06T02:00:00+00:00"),
        ]
    )
    # The window that points at "the dates above" is set aside, and says so.
    assert any("dates listed elsewhere" in w.message for w in reading.warnings)
    for row in reading.interruptions:  # tied by the document-window rule: each row warns
        assert row.evidence is not None and row.evidence.warnings


def test_what_no_one_can_do_via_a_means_names_the_means() -> None:
    from preavis.notices.shared import objects, subjects

    sentence = "On that night no bookings can be made via the kiosk or the mobile app."
    assert subjects(sentence) == ["kiosk", "mobile app"]
    assert objects("Aucune commande ne sera acceptée par l’intermédiaire du portail.") == [
        "portail"
    ]


def test_ce_jour_is_the_notice_own_date() -> None:
    text = (
        "Avis aux usagers\n\nPublié le mardi 4 mars 2025\n\n"
        "La piscine municipale sera fermée ce jour de 19 h à 23 h.\n"
    )
    ((_, start, end, warned),) = rows(text)
    assert (start, end, warned) == ("2025-03-04T19:00:00-05:00", "2025-03-04T23:00:00-05:00", True)


def test_tomorrow_without_a_dateline_counts_from_the_reference() -> None:
    text = "Notice\n\nThe parking gate will be closed tomorrow from 10 p.m. to 2 a.m.\n"
    ((_, start, end, warned),) = rows(text, reference=date(2025, 6, 4))
    assert (start, end, warned) == ("2025-06-05T22:00:00-04:00", "2025-06-06T02:00:00-04:00", True)


def test_an_open_ended_nightly_rule_is_not_a_window() -> None:
    text = (
        "Avis\n\nLe gymnase sera fermé le samedi 12 avril 2025 de 8 h à 17 h.\n\n"
        "Rappel : les coupures nocturnes de chauffage de 23 h à 5 h se poursuivent.\n"
    )
    reading = read_notice(text, reference=date(2025, 1, 15), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [i.starts_at.astimezone(TORONTO).isoformat() for i in reading.interruptions] == [
        "2025-04-12T08:00:00-04:00"
    ]
    assert any("open-ended" in w.message for w in reading.warnings)


def test_blank_lines_and_plain_bullets_do_not_hide_the_date_above() -> None:
    text = (
        "Notice\n\nThe works take place on Sunday, February 9, 2025.\n"
        + "\n" * 20
        + "Effects:\n  • the doors will stay locked;\n  • the lifts will not run.\n\n"
        "The badge readers will be offline from 6:00 to 9:30.\n"
    )
    ((_, start, end, warned),) = rows(text)
    assert (start, end, warned) == ("2025-02-09T06:00:00-05:00", "2025-02-09T09:30:00-05:00", True)


def test_a_column_of_times_only_rows_shares_the_date_above() -> None:
    rows_text = "".join(f"Room {n}\n\nclosed from 7:00 to 8:00\n\n" for n in range(1, 16))
    text = "Notice\n\nCleaning on Saturday, March 1, 2025.\n\n" + rows_text
    found = rows(text)
    assert len(found) == 15
    assert {(start, end) for _, start, end, _ in found} == {
        ("2025-03-01T07:00:00-05:00", "2025-03-01T08:00:00-05:00")
    }


def test_an_undated_window_told_in_the_past_is_a_past_incident() -> None:
    text = (
        "Notice\n\nThe library catalogue will be unavailable on Thursday, June 12, 2025, "
        "from 7 p.m. to 9 p.m.\n\n"
        "Last week the booking site was down from 10 a.m. until noon because of heavy load.\n"
    )
    reading = read_notice(text, reference=date(2025, 6, 10), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [i.starts_at.astimezone(TORONTO).isoformat() for i in reading.interruptions] == [
        "2025-06-12T19:00:00-04:00"
    ]
    assert any("past incident" in w.message for w in reading.warnings)


def test_le_passe_compose_sans_date_est_un_incident_passe() -> None:
    text = (
        "Avis\n\nLe portail sera fermé le samedi 12 avril 2025 de 8 h à 17 h.\n\n"
        "Dimanche dernier, le site des permis a été inaccessible de 9 h à 11 h.\n"
    )
    reading = read_notice(text, reference=date(2025, 4, 8), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert len(reading.interruptions) == 1
    assert any("past incident" in w.message for w in reading.warnings)


def test_a_start_with_no_date_and_a_duration_takes_the_notice_date() -> None:
    text = (
        "Posted June 10, 2025\n\n"
        "The booking portal will be restarted at 19:30. "
        "This should not take longer than 45 minutes.\n"
    )
    reading = read_notice(text, reference=date(2025, 6, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    ((row),) = reading.interruptions
    assert (row.starts_at.astimezone(TORONTO).isoformat(), row.ends_at - row.starts_at) == (
        "2025-06-10T19:30:00-04:00",
        timedelta(minutes=45),
    )
    assert any("the notice's own date" in w.message for w in reading.warnings)


def test_a_start_with_no_date_anywhere_and_a_duration_is_set_aside() -> None:
    text = (
        "Notice\n\nThe wiki will be restarted at 7 p.m. It should take about 20 minutes.\n\n"
        "The archive will be closed on Thursday, June 12, 2025, from 9 a.m. to noon.\n"
    )
    reading = read_notice(text, reference=date(2025, 6, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [i.starts_at.astimezone(TORONTO).isoformat() for i in reading.interruptions] == [
        "2025-06-12T09:00:00-04:00"
    ]
    assert any("not read as a window" in w.message for w in reading.warnings)


def test_une_duree_n_excedant_pas_suit_le_debut() -> None:
    text = (
        "Avis\n\nLe service de courriel sera interrompu le mardi 3 juin 2025 dès 8 h, "
        "pour une durée n’excédant pas 6 heures.\n"
    )
    ((_, start, end, _),) = rows(text)
    assert (start, end) == ("2025-06-03T08:00:00-04:00", "2025-06-03T14:00:00-04:00")


def test_a_clock_after_a_range_word_is_not_a_duration() -> None:
    # "à environ 20 h 30" ends a range: it is not twenty and a half hours after "5 h 30".
    text = "La navette roulera avec un horaire modifié, de 5 h 30 à environ 20 h 30."
    assert all(w.duration is None for w in find_windows(text))


def test_a_time_not_said_as_a_start_does_not_open_a_window_with_a_duration() -> None:
    text = (
        "Notice\n\nThe cluster will be unavailable on June 12, 2025, from 9 a.m. to 5 p.m.\n\n"
        "A job whose limit is 12:00:00 and that starts less than 12 hours before will wait.\n"
    )
    reading = read_notice(text, reference=date(2025, 6, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert len(reading.interruptions) == 1
    assert not any("not read as a window" in w.message for w in reading.warnings)


def test_a_beginning_date_and_a_period_of_days_repeat_the_window() -> None:
    text = (
        "Notice\n\nThe work will take place over a four-day period.\n\n"
        "The north ramp will be closed between 10 p.m. and 5 a.m., beginning Monday, "
        "March 3, 2025.\n"
    )
    reading = read_notice(text, reference=date(2025, 2, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [
        (i.starts_at.astimezone(TORONTO).isoformat(), i.ends_at.astimezone(TORONTO).isoformat())
        for i in reading.interruptions
    ] == [
        (f"2025-03-0{d}T22:00:00-05:00", f"2025-03-0{d + 1}T05:00:00-05:00") for d in (3, 4, 5, 6)
    ]
    assert any("4 days the notice states" in w.message for w in reading.warnings)


def test_a_beginning_date_without_a_period_is_one_window() -> None:
    text = (
        "Notice\n\nThe north ramp will be closed between 10 p.m. and 5 a.m., beginning Monday, "
        "March 3, 2025.\n"
    )
    reading = read_notice(text, reference=date(2025, 2, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert len(reading.interruptions) == 1


def test_a_printed_weekday_chooses_the_year_of_a_date_listed_newest_first() -> None:
    text = (
        "Advisories\n\nThe front desk will close from 9 to 10 a.m. on Monday, September 8.\n\n"
        "The front desk will close from 9 to 10 a.m. on Tuesday, March 4.\n"
    )
    reading = read_notice(text, reference=date(2025, 9, 1), timezone="America/Toronto")
    assert reading.ok, reading.errors
    assert [i.starts_at.astimezone(TORONTO).isoformat() for i in reading.interruptions] == [
        "2025-09-08T09:00:00-04:00",
        "2025-03-04T09:00:00-05:00",
    ]
    assert any("the year in which it is a Tuesday" in w.message for w in reading.warnings)


def test_how_a_window_was_dated_is_said_in_both_languages() -> None:
    """The warning that says how a window with no date was dated comes from the catalogue: the
    same English as --json gives, and French with the weekday in French."""
    from preavis.formats.messages import say

    text = "The payroll portal will be unavailable Saturday from 8 p.m. to 11 p.m."
    reading = read_notice(text, reference=date(2025, 6, 4), timezone="America/Toronto")
    (note,) = [w for w in reading.warnings if w.code == "notice.next_weekday"]
    assert say(note.code, note.params, "en") == note.message
    assert "lu comme le samedi qui suit la date de référence, 2025-06-07" in say(
        note.code, note.params, "fr"
    )
    dated = read_notice(
        "Posted June 10, 2025\n\nThe booking portal will be restarted at 19:30. "
        "This should not take longer than 45 minutes.\n",
        reference=date(2025, 6, 1),
        timezone="America/Toronto",
    )
    (own,) = [w for w in dated.warnings if w.code == "notice.notice_own_date"]
    assert "lu comme la date de l’avis (ligne 1), 2025-06-10" in say(own.code, own.params, "fr")
