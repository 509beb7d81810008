"""Zones as people say them, and a maintenance shown in its own zone on its page and chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from preavis.actions import maintenances
from preavis.domain import Schedule, State, Text
from tests.web.conftest import EXAMPLE, Public


def test_zone_names_as_people_say_them(public: Public) -> None:
    fr = public.get("/fr/").text
    assert ">heure du Pacifique (HP)</option>" in fr
    assert ">heure de Terre-Neuve (HT)</option>" in fr
    assert "Heures indiquées : heure de l’Est (HE)." in fr
    en = public.get("/en/?tz=America/Vancouver").text
    assert ">Pacific Time (PT)</option>" in en
    assert "Times shown in Pacific Time (PT)." in en
    assert "America/Vancouver (" not in en


def test_a_maintenance_page_uses_its_own_zone(public: Public, example: Schedule) -> None:
    west = replace(
        example.maintenances[0],
        slug="ouest",
        title=Text("Travaux de l’Ouest", "Western work"),
        summary=Text("Travaux dans l’Ouest.", "Work in the West."),
        timezone="America/Vancouver",
        interruptions=tuple(
            replace(
                i,
                starts_at=i.starts_at + timedelta(days=90),
                ends_at=i.ends_at + timedelta(days=90),
            )
            for i in example.maintenances[0].interruptions[:1]
        ),
        starts_at=None,
        ends_at=None,
        state=State.DRAFT,
    )
    maintenances.create_draft(public.ctx, maintenance=west)
    maintenances.publish(public.ctx, slug="ouest")
    page = public.get("/fr/maintenances/ouest").text
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "(HP)" in page[: page.index("<svg")] and "(HE)" not in page[: page.index("<svg")]
    assert "HE" not in chart.replace("HEURE", "")
    assert "Heures indiquées : heure du Pacifique (HP)." in page
    assert 'href="/fr/services/boutique-en-ligne"' in page  # its zone is not forced on others
    chosen = public.get("/fr/maintenances/ouest?tz=America/Toronto").text
    assert "Heures indiquées : heure de l’Est (HE)." in chosen
    assert "(HE)" in chosen[chosen.index("<svg") : chosen.index("</svg>")]
    assert public.get(f"/fr/maintenances/{EXAMPLE}").status_code == 200


def test_the_chosen_zone_is_kept_on_the_way_home(public: Public) -> None:
    page = public.get(f"/en/maintenances/{EXAMPLE}?tz=America/Vancouver").text
    assert 'href="/en/?tz=America%2FVancouver">Home</a>' in page
    assert 'href="/en/services/boutique-en-ligne?tz=America%2FVancouver"' in page
    assert 'href="/en/">Home</a>' in public.get(f"/en/maintenances/{EXAMPLE}").text
