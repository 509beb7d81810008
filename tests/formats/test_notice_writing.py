"""write-notice writes a notice an organisation could publish as is: read here as text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from preavis.cli import main
from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.formats.notice import render_notice

NB = "\u00a0"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SERVICES = {
    "autorisations": Service("autorisations", Text("Autorisations", "Permits")),
    "paie": Service("paie", Text("Paie", "Billing")),  # the names sort the other way round
    "colis": Service("colis", Text("Colis", "Parcels")),
}
START = datetime(2025, 6, 26, 0, 0, tzinfo=UTC)  # June 25, 8 p.m. in Toronto
END = datetime(2025, 7, 2, 11, 0, tzinfo=UTC)  # July 2, 7 a.m.
LONG = (
    "Les factures se consultent, mais aucun paiement n’est accepté.\n"
    "Les paiements préautorisés du 1er juillet seront faits le 2 juillet.\n"
    "Pour une urgence : composez le 1 800 555-0199."
)


def maintenance(state: State = State.PUBLISHED, summary: Text | None = None) -> Maintenance:
    return Maintenance(
        slug="m",
        title=Text("Mise à niveau du système", "System upgrade"),
        timezone="America/Toronto",
        interruptions=(
            Interruption("paie", Impact.LIMITED, START, END, Text(LONG, "Invoices: view only.")),
            Interruption(
                "autorisations", Impact.UNAVAILABLE, START, END, Text("fermé.", "closed.")
            ),
            Interruption("colis", Impact.UNAVAILABLE, END.replace(day=1), END, Text("", "")),
        ),
        state=state,
        summary=summary or Text(),
        starts_at=START,
        ends_at=END,
    )


BEFORE = datetime(2025, 6, 1, tzinfo=UTC)
DURING = datetime(2025, 6, 28, tzinfo=UTC)
AFTER = datetime(2025, 7, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "fr", "en"),
    [
        (BEFORE, "seront interrompus du 25", "will be interrupted from June 25"),
        (None, "seront interrompus du 25", "will be interrupted from June 25"),
        (DURING, "sont interrompus du 25", "are interrupted from June 25"),
        (AFTER, "ont été interrompus du 25", "were interrupted from June 25"),
    ],
)
def test_the_tense_follows_the_moment(now: datetime | None, fr: str, en: str) -> None:
    french = render_notice(maintenance(), SERVICES, "fr", now=now)
    english = render_notice(maintenance(), SERVICES, "en", now=now)
    assert fr in french
    assert en in english
    for other in {"seront interrompus", "sont interrompus", "ont été interrompus"} - {
        fr.rsplit(" du", 1)[0]
    }:
        assert f"applications {other}" not in french


def test_a_cancelled_maintenance_after_its_window_did_not_take_place() -> None:
    before = render_notice(maintenance(State.CANCELLED), SERVICES, "fr", now=BEFORE)
    after = render_notice(maintenance(State.CANCELLED), SERVICES, "fr", now=AFTER)
    assert f"Annulée{NB}: cette maintenance n’aura pas lieu." in before
    assert f"Annulée{NB}: cette maintenance n’a pas eu lieu." in after
    english = render_notice(maintenance(State.CANCELLED), SERVICES, "en", now=AFTER)
    assert "Cancelled: this maintenance did not take place." in english


def test_descriptions_are_carried_in_full() -> None:
    text = render_notice(maintenance(), SERVICES, "fr", now=BEFORE)
    for line in LONG.splitlines():
        # as written, with only the spaces made non-breaking where French wants them
        assert line.replace(" :", f"{NB}:") in text, line
    assert "Limité. Les factures se consultent" in text
    assert "Indisponible. Fermé." in text  # a description in lower case starts a sentence


def test_rows_come_in_the_same_order_in_both_languages() -> None:
    def order(lang: str) -> list[str]:
        text = render_notice(maintenance(), SERVICES, lang, now=BEFORE)  # type: ignore[arg-type]
        names = {s.name.get(lang): slug for slug, s in SERVICES.items()}  # type: ignore[arg-type]
        return [names[line] for line in text.split("\n\n") if line in names]

    # By start, then the catalogue's order (not A–Z by a translated name).
    assert order("fr") == order("en") == ["autorisations", "paie", "colis"]


def test_no_paragraph_is_said_twice() -> None:
    intro = (
        "Certains services et applications seront interrompus du 25 juin 2025, 20 h (HE) au "
        "2 juillet 2025, 7 h (HE). Voir plus bas pour tous les détails."
    )
    text = render_notice(maintenance(summary=Text(intro, "")), SERVICES, "fr", now=BEFORE)
    paragraphs = [p.replace(NB, " ") for p in text.split("\n\n")]
    assert paragraphs.count(intro) == 1
    prose = paragraphs[: paragraphs.index("Application")]  # before the table: title, paragraphs
    assert len(prose) == len(set(prose)) == 2, prose


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_french_typography(fmt: str) -> None:
    summary = Text("Tout revient le 2 juillet à 7 h. Rappel : le service « Paie » reste ouvert.")
    text = render_notice(maintenance(State.CANCELLED, summary), SERVICES, "fr", fmt, now=BEFORE)  # type: ignore[arg-type]
    assert re.search(r" :", text) is None, "a colon after a breaking space"
    assert re.search(r"\D:[\s\u00a0]+[A-ZÀ-Ý]", text) is None, "a capital after a colon"
    assert re.search(r"\d h\b", text) is None, "a time whose hour can be cut from its h"
    assert f"20{NB}h au 2 juillet, 7{NB}h" in text
    assert f"Rappel{NB}: le service «{NB}Paie{NB}»" in text


def test_the_reference_notice_imported_then_written_again(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The whole way a real notice goes: imported into the database, written out again.
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{tmp_path}/n.db")
    for argv in (
        ["db", "upgrade"],
        ["maintenance", "import", str(CORPUS / "02-table-fr-pdf-text.txt"), "--slug", "m2",
         "--year", "2026", "--reason", "test"],
        ["write-notice", "--maintenance", "m2", "--lang", "fr"],
    ):  # fmt: skip
        code = 0
        try:
            main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        assert code == 0, capsys.readouterr()
    text = capsys.readouterr().out
    source = (CORPUS / "02-table-fr-pdf-text.txt").read_text(encoding="utf-8")
    for description in (
        "Le portail des partenaires n’est pas disponible et les partenaires ne peuvent pas "
        "créer de nouveaux comptes.",
        "La clientèle peut ouvrir une session avec des fonctionnalités limitées.",
        "Les demandes ne peuvent pas être créées ni soumises en ligne.",
        "Le programme n’est pas disponible.",
    ):
        assert description.split()[-1] in source  # written in the source, over its lines
        assert description in text
    assert f"Du 14 mars, 23{NB}h{NB}59 au 16 mars, 6{NB}h" in text
    assert "ont été interrompus du 14 mars 2026" in text  # written after it: in the past
