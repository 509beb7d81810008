"""Reader behaviour beyond the corpus: inputs, PDFs, translations, catalogues, limits."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from fpdf import FPDF

from preavis.domain import Impact, NoticeError, Service, Text
from preavis.notices.reader import join_translation, read_notice
from preavis.notices.source import NOTICE_MAX_BYTES
from tests.corpus.answers import HERE

REF = date(2025, 1, 15)
TABLE = [
    "Interruptions de services",
    "Certains services ne seront pas accessibles du 4 octobre 2025 à 20 h (HE)",
    "au 5 octobre 2025 à 8 h (HE).",
    "Application Interruption de service Durée",
    "Boutique en ligne",
    "La boutique n'est pas accessible.",
    "Du 4 octobre, 20 h au 5 octobre,",
    "8 h",
    "Suivi des colis",
    "Le suivi fonctionne toujours, mais les avis",
    "par courriel sont suspendus.",
    "Du 4 octobre, 22 h au 5 octobre, 2 h",
]


def pdf(lines: list[str], *, text: bool = True) -> bytes:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    for n, line in enumerate(lines):
        if text:
            doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            doc.rect(10, 10 + n * 6, 150, 4, style="F")
        if n == 6:
            doc.add_page()  # the table runs onto a second page
    return bytes(doc.output())


def test_pdf_text_layer_is_read() -> None:
    reading = read_notice(pdf(TABLE), reference=REF)
    assert reading.ok, reading.errors
    rows = [(i.service, i.impact) for i in reading.interruptions]
    assert rows == [("Boutique en ligne", Impact.UNAVAILABLE), ("Suivi des colis", Impact.LIMITED)]
    assert reading.interruptions[0].ends_at == datetime.fromisoformat("2025-10-05T08:00-04:00")


def test_pdf_without_text_layer_is_a_clear_error() -> None:
    with pytest.raises(NoticeError, match="no text layer: run OCR first"):
        read_notice(pdf(TABLE, text=False))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n garbage", "not a readable PDF"),
        (b"\x00\x01\x02binary", "binary"),
        (b"   \n\n", "empty"),
        (b"x" * (NOTICE_MAX_BYTES + 1), "too large"),
    ],
)
def test_unreadable_input(data: bytes, message: str) -> None:
    with pytest.raises(NoticeError, match=message):
        read_notice(data)


def test_latin1_and_utf8_read_the_same() -> None:
    text = (HERE / "25-pair-fr.txt").read_text(encoding="utf-8").replace("’", "'")
    a = read_notice(text.encode("utf-8"), reference=REF)
    b = read_notice(text.encode("cp1252"), reference=REF)
    assert a.interruptions == b.interruptions


def test_a_bilingual_pair_joins() -> None:
    fr = read_notice((HERE / "25-pair-fr.txt").read_bytes(), reference=REF)
    en = read_notice((HERE / "26-pair-en.txt").read_bytes(), reference=REF)
    joined = join_translation(fr, en)
    assert joined.ok, joined.errors
    assert [(t.language, t.service) for t in joined.translations] == [
        ("en", "Online shop"),
        ("en", "Parcel tracking"),
    ]


def test_a_pair_that_does_not_line_up_is_an_error() -> None:
    fr = read_notice((HERE / "25-pair-fr.txt").read_bytes(), reference=REF)
    other = (HERE / "26-pair-en.txt").read_text(encoding="utf-8").replace("10 p.m.", "9 p.m.")
    joined = join_translation(fr, read_notice(other, reference=REF))
    assert any("windows differ" in e.message for e in joined.errors)
    shorter = read_notice((HERE / "01-table-en-stacked.txt").read_bytes(), reference=REF)
    assert any("do not line up" in e.message for e in join_translation(fr, shorter).errors)


def test_catalogue_names_are_matched_fuzzily() -> None:
    catalogue = [
        Service("online-shop", Text("Boutique en ligne", "Online shop")),
        Service("parcel-tracking", Text("Suivi des colis", "Parcel tracking")),
    ]
    damaged = (
        (HERE / "25-pair-fr.txt")
        .read_text(encoding="utf-8")
        .replace("\nBoutique en ligne\n", "\nBoutique en 1igne\n")
    )
    reading = read_notice(damaged, reference=REF, catalogue=catalogue)
    assert [i.slug for i in reading.interruptions] == ["online-shop", "parcel-tracking"]
    assert reading.interruptions[0].service == "Boutique en ligne"


def test_unknown_services_are_warned_when_a_catalogue_is_given() -> None:
    catalogue = [Service("billing", Text("Facturation", "Billing"))]
    reading = read_notice(
        (HERE / "25-pair-fr.txt").read_bytes(), reference=REF, catalogue=catalogue
    )
    assert sum("not in the catalogue" in w.message for w in reading.warnings) == 2


def test_explicit_year_wins_and_timezone_fills_in() -> None:
    text = (
        "- Paie : indisponible du 3 mai, 20 h au 4 mai, 2 h\n"
        "- Relevés : indisponible du 3 mai, 21 h au 3 mai, 23 h\n"
    )
    reading = read_notice(text, year=2031, timezone="America/Vancouver")
    assert reading.ok
    assert reading.timezone == "America/Vancouver"
    assert reading.interruptions[0].starts_at == datetime.fromisoformat("2031-05-03T20:00-07:00")


def test_summer_eastern_is_never_a_fixed_minus_five() -> None:
    reading = read_notice(
        "- Boutique : indisponible du 25 juin 2025, 20 h au 26 juin 2025, 7 h (HNE)"
    )
    assert reading.interruptions[0].starts_at == datetime.fromisoformat("2025-06-25T20:00-04:00")
    assert any("read as local time" in w.message for w in reading.warnings)


def test_row_limit_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    from preavis.notices import reader

    rows = "\n".join(
        f"- S{n} : indisponible du 3 mai 2025, 20 h au 4 mai 2025, 2 h" for n in range(30)
    )
    monkeypatch.setattr(reader, "NOTICE_MAX_ROWS", 10)
    result = read_notice(rows)
    assert any("too many rows" in e.message for e in result.errors)


def test_a_labelled_window_that_names_no_service_is_an_error() -> None:
    text = "Maintenance\n\nStart: March 10, 2026 at 02:00 UTC\nEnd: March 10, 2026 at 04:00 UTC\n"
    reading = read_notice(text)
    assert reading.interruptions == ()
    assert any("names no service" in e.message for e in reading.errors)
    assert reading.errors[0].line == 3


def test_one_sentence_can_name_several_catalogue_services() -> None:
    catalogue = [
        Service("colis-clic", Text("Colis clic", "Snap Ship")),
        Service("expedition", Text("Expédition en ligne", "Ship online")),
        Service("facturation", Text("Facturation et paiements", "Billing and payments")),
    ]
    text = (
        "Colis clic et Expédition en ligne seront indisponibles du 3 mai 2026, 20 h "
        "au 4 mai 2026, 2 h (HE).\n"
        "Facturation et paiements sera indisponible du 3 mai 2026, 21 h au 3 mai 2026, 23 h (HE).\n"
    )
    reading = read_notice(text, catalogue=catalogue)
    assert [i.slug for i in reading.interruptions] == ["colis-clic", "expedition", "facturation"]
    assert reading.interruptions[0].starts_at == reading.interruptions[1].starts_at
