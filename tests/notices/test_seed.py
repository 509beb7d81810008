"""The reference notice, read as a careful person would."""

from __future__ import annotations

from datetime import datetime

import pytest

from preavis.domain import Impact, Schedule
from preavis.notices.reader import as_json, read_notice
from tests.conftest import SEED

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason="shared/ seeds are not beside this checkout"
)

LIMITED = {
    ("Inscription", "2025-06-25T20:00:00-04:00"),
    ("Facturation et paiements", "2025-06-25T22:00:00-04:00"),
    ("Centre d’affaires en ligne (CAL)", "2025-06-25T23:59:00-04:00"),
    ("Ramassage de colis", "2025-06-25T23:59:00-04:00"),
    ("Repérage de colis — en ligne", "2025-06-30T18:00:00-04:00"),
}


def test_the_seed_reads_exactly() -> None:
    data = as_json(read_notice(SEED.read_bytes(), year=2025))
    rows = data["interruptions"]
    assert data["errors"] == []
    assert data["language"] == "fr"
    assert data["timezone"] == "America/Toronto"
    assert len(rows) == 28
    assert len({r["service"] for r in rows}) == 26
    assert {(r["service"], r["starts_at"]) for r in rows if r["impact"] == "limited"} == LIMITED
    names = [r["service"] for r in rows]
    assert "Paramètres d’entreprise" in names  # accent restored
    assert "Ouvrir une session" in names  # "Quvrir" repaired
    assert "Portail des partenaires Marketing Intelliposte" in names  # wrapped name joined
    assert "Réacheminement et retenue du courrier — en ligne" in names
    assert "Correspondance-réponse d’affaires" in names
    assert names.count("Ramassage de colis") == 2
    assert all(r["starts_at"].endswith("-04:00") and r["ends_at"].endswith("-04:00") for r in rows)
    assert data["maintenance"]["ends_at"] == "2025-07-02T07:00:00-04:00"


def test_minuit_against_23h59_is_a_warning_not_a_failure() -> None:
    reading = read_notice(SEED.read_bytes(), year=2025)
    messages = [w.message for w in reading.warnings]
    assert any("minuit" in m for m in messages)
    assert any("1 minute before the announced start" in m for m in messages)
    assert reading.ok


def test_ocr_damage_is_repaired_and_reported() -> None:
    fixes = {(c.before, c.after) for c in read_notice(SEED.read_bytes(), year=2025).corrections}
    assert {
        ("Quvrir", "Ouvrir"),
        ("I'outil", "l'outil"),
        ("nest", "n’est"),
        ("Parametres", "Paramètres"),
        ("clientéle", "clientèle"),
        ("'entreprise", "l’entreprise"),
    } <= fixes


def test_the_seed_matches_the_built_in_example_through_the_catalogue(example: Schedule) -> None:
    reading = read_notice(SEED.read_bytes(), year=2025, catalogue=example.services)
    got = [(i.slug, i.impact, i.starts_at, i.ends_at) for i in reading.interruptions]
    expected = [
        (i.service, i.impact, i.starts_at, i.ends_at) for i in example.maintenances[0].interruptions
    ]
    assert got == expected


def test_without_a_year_the_next_occurrence_is_taken_with_a_warning() -> None:
    reading = read_notice(SEED.read_bytes(), reference=datetime(2026, 11, 26).date())  # noqa: DTZ001
    assert reading.year == 2027
    assert any("no year is printed" in w.message for w in reading.warnings)
    assert reading.interruptions[0].impact is Impact.UNAVAILABLE


def test_the_reference_notice_reads_consistently() -> None:
    data = as_json(read_notice(SEED.read_bytes(), year=2025))
    text = " ".join(f"{r['service']} {r['description']}" for r in data["interruptions"])
    assert "en personne à un comptoir postal" in text  # the lost accent restored
    assert "'" not in text  # one apostrophe: the notice's own ’
    assert " - " not in text and " – " not in text  # one spaced dash: the notice's own —
    (early,) = [
        w["message"] for w in data["warnings"] if "before the announced start" in w["message"]
    ]
    assert "2025-06-22 23:59" in early and "2025-06-23 00:00" in early  # both values


def test_the_seeds_warnings_are_said_in_french_through_the_catalogue() -> None:
    from datetime import date

    from preavis.domain.messages import CATALOGUE
    from preavis.formats.messages import say_problem

    reading = read_notice(SEED.read_bytes(), reference=date(2024, 11, 28))
    problems = [*reading.warnings, *reading.errors]
    assert problems
    assert all(p.code in CATALOGUE for p in problems), [p.message for p in problems]
    french = [say_problem(p, "fr") for p in problems]
    nb = "\u00a0"
    assert french[0] == (
        f"aucune année n’est imprimée{nb}: lue comme 2025, le 22 juin 2025 étant la prochaine "
        "date après le 28 novembre 2024 (précisez l’année au besoin)"
    )
    assert f"«{nb}minuit{nb}» le 22 juin 2025 lu comme la fin de cette journée" in french[1]
    # The English words stay in `message` (the JSON output and the logs say them).
    assert reading.warnings[0].message.startswith("no year is printed: read as 2025")


@pytest.mark.parametrize(
    ("name", "english", "french"),
    [
        ("15-dst-gap-error.txt", "does not exist in America/Toronto",
         "2025-03-09 02:30 n’existe pas dans le fuseau America/Toronto\u00a0: les horloges la "
         "sautent au changement d’heure"),
        ("19-impossible-date-error-fr.txt", "does not exist", "la date 2025-06-31 n’existe pas"),
        ("22-ambiguous-numeric-error.txt", "is ambiguous",
         "03/04/2025 est ambiguë (jour/mois ou mois/jour)\u00a0: "
         "écrivez le mois en toutes lettres"),
    ],
)  # fmt: skip
def test_the_readers_errors_are_said_in_french(name: str, english: str, french: str) -> None:
    from preavis.formats.messages import say_problem
    from tests.corpus.answers import HERE

    error = read_notice((HERE / name).read_bytes()).errors[0]
    assert english in error.message
    assert say_problem(error, "fr") == french


def test_the_first_of_the_month_is_said_1er() -> None:
    from datetime import date

    from preavis.formats.messages import say

    said = say("notice.no_end_time", {"day": date(2027, 10, 1)}, "fr")
    assert said.startswith("aucune heure de fin n’est imprimée pour le 1er octobre 2027\u00a0:")
    assert say("notice.no_end_time", {"day": date(2027, 10, 1)}, "en").startswith(
        "no end time is printed for October 1, 2027:"
    )


def test_a_service_outside_the_catalogue_is_said_in_french() -> None:
    from preavis.formats.messages import say_problem
    from tests.conftest import make_service
    from tests.corpus.answers import HERE

    reading = read_notice(
        (HERE / "01-table-en-stacked.txt").read_bytes(), year=2025, catalogue=[make_service()]
    )
    outside = [p for p in reading.warnings if p.code.startswith("notice.not_in_catalogue")]
    assert outside, [p.message for p in reading.warnings]
    assert "is not in the catalogue" in outside[0].message
    assert "n’est pas au catalogue" in say_problem(outside[0], "fr")
