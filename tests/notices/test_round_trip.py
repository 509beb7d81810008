"""Any valid maintenance written as a notice, in either language, reads back the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.formats.notice import render_notice
from preavis.notices.reader import read_notice

NAMES = [
    ("Boutique en ligne", "Online shop"),
    ("Facturation et paiements", "Billing and payments"),
    ("Ramassage de colis", "Parcel pickup"),
    ("Ouvrir une session", "Sign in"),
    ("Portail des partenaires", "Partner portal"),
    ("Repérage de colis — en ligne", "Parcel tracking — online"),
    ("Retour de colis", "Parcel returns"),
    ("Programme pour développeurs", "Developer Program"),
    ("Centre d’affaires en ligne (CAL)", "Online Business Centre (OBC)"),
    ("Paie", "Payroll"),
]
DESCRIPTIONS = [
    Text("", ""),
    Text("La boutique est fermée.", "The shop is closed."),
    Text(
        "Les factures se consultent, mais aucun paiement n’est accepté.",
        "Invoices can be viewed, but no payment is accepted.",
    ),
    Text("Aucune demande ne peut être envoyée en ligne.", "No request can be sent online."),
]  # fmt: skip
ZONES = [
    "America/Toronto", "America/Vancouver", "America/Halifax", "America/St_Johns",
    "America/Winnipeg", "America/Edmonton", "UTC", "Europe/Paris",
]  # fmt: skip
SERVICES = [Service(f"s{n}", Text(fr, en)) for n, (fr, en) in enumerate(NAMES)]
BASE = datetime(2025, 1, 1, tzinfo=UTC)


@st.composite
def maintenances(draw: st.DrawFn) -> Maintenance:
    items = []
    for _ in range(draw(st.integers(1, 6))):
        start = BASE + timedelta(minutes=draw(st.integers(0, 60 * 24 * 700)))
        end = start + timedelta(minutes=draw(st.integers(1, 60 * 24 * 12)))
        items.append(
            Interruption(
                service=draw(st.sampled_from(SERVICES)).slug,
                impact=draw(st.sampled_from([Impact.LIMITED, Impact.UNAVAILABLE])),
                starts_at=start,
                ends_at=end,
                description=draw(st.sampled_from(DESCRIPTIONS)),
            )
        )
    bounded = draw(st.booleans())
    return Maintenance(
        slug="m",
        title=Text("Mise à niveau du système", "System upgrade"),
        timezone=draw(st.sampled_from(ZONES)),
        interruptions=tuple(items),
        state=State.PUBLISHED,
        starts_at=min(i.starts_at for i in items) if bounded else None,
        ends_at=max(i.ends_at for i in items) if bounded else None,
    )


def schedule_of(m: Maintenance) -> list[tuple[str, Impact, datetime, datetime]]:
    return sorted((i.service, i.impact, i.starts_at, i.ends_at) for i in m.interruptions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maintenances(), st.sampled_from(["fr", "en"]), st.sampled_from(["text", "markdown"]))
def test_written_notice_reads_back_to_the_same_schedule(
    maintenance: Maintenance, lang: str, fmt: str
) -> None:
    text = render_notice(maintenance, {s.slug: s for s in SERVICES}, lang, fmt)  # type: ignore[arg-type]
    reading = read_notice(text, catalogue=SERVICES)
    assert reading.errors == (), text
    assert reading.language == lang
    got = sorted((str(i.slug), i.impact, i.starts_at, i.ends_at) for i in reading.interruptions)
    assert got == schedule_of(maintenance), text


def test_repeated_wall_times_round_trip_with_their_season() -> None:
    # 05:30 and 06:30 UTC on 2025-11-02 are both 1:30 a.m. in Toronto (EDT, then EST).
    first = Interruption("s0", Impact.UNAVAILABLE, datetime(2025, 11, 2, 5, 30, tzinfo=UTC),
                         datetime(2025, 11, 2, 6, 30, tzinfo=UTC))  # fmt: skip
    second = Interruption("s1", Impact.LIMITED, datetime(2025, 11, 2, 6, 30, tzinfo=UTC),
                          datetime(2025, 11, 2, 9, 0, tzinfo=UTC))  # fmt: skip
    m = Maintenance("m", Text("Nuit", "Night"), "America/Toronto", (first, second))
    for lang in ("fr", "en"):
        text = render_notice(m, {s.slug: s for s in SERVICES}, lang)  # type: ignore[arg-type]
        assert ("(HNE)" if lang == "fr" else "(EST)") in text
        reading = read_notice(text, catalogue=SERVICES)
        assert reading.errors == ()
        got = sorted((str(i.slug), i.impact, i.starts_at, i.ends_at) for i in reading.interruptions)
        assert got == schedule_of(m)
