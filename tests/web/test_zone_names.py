"""Zones as people say them, and a maintenance shown in its own zone on its page and chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from preavis.actions import data, maintenances
from preavis.domain import Schedule, State, Text
from preavis.domain.errors import ValidationError
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.conftest import TickingClock, context
from tests.web.conftest import EXAMPLE, JUNE_30, Public


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


def test_one_zone_for_the_site_s_pages_whatever_the_data(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))
    ctx = context(store)
    west = replace(example, maintenances=(replace(example.maintenances[0],
                                                  timezone="America/Vancouver"),))  # fmt: skip
    data.apply_schedule(ctx, schedule=west, publish=True)  # the only maintenance is in the west
    clock = TickingClock(JUNE_30)
    with TestClient(create_app(Settings(database_url=store.url), store=store, clock=clock)) as c:
        assert "Heures indiquées : heure de l’Est (HE)." in c.get("/fr/").text
        assert "July 2, 7\u00a0a.m. ET" in c.get("/en/").text
        assert c.get("/api/v1/status?lang=en").json()["at"].endswith("-04:00")
    settings = Settings.from_env(
        {"PREAVIS_DATABASE_URL": store.url, "PREAVIS_SITE_ZONE": "America/Vancouver"}
    )
    with TestClient(create_app(settings, store=store, clock=clock)) as c:
        assert "Times shown in Pacific Time (PT)." in c.get("/en/").text
        assert "July 2, 4\u00a0a.m. PT" in c.get("/en/").text
    with pytest.raises(ValidationError, match="PREAVIS_SITE_ZONE"):
        Settings.from_env({"PREAVIS_SITE_ZONE": "Mars/Olympus"})


def _publish_west(public: Public, example: Schedule) -> None:
    west = replace(
        example.maintenances[0],
        slug="ouest",
        title=Text("Travaux de l’Ouest", "Western work"),
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


def test_the_archive_honours_each_zone_and_the_visitor_s(public: Public, example: Schedule) -> None:
    _publish_west(public, example)
    rows = public.get("/en/maintenances").text
    west = rows[rows.index("Western work") :]
    assert "PT" in west[: west.index("</tr>")]  # its own zone, as on its page
    east = rows[rows.index("System upgrade") :]
    assert "ET" in east[: east.index("</tr>")]
    chosen = public.get("/en/maintenances?tz=America/Halifax").text
    for title in ("Western work", "System upgrade"):
        row = chosen[chosen.index(title) :]
        assert "AT" in row[: row.index("</tr>")], title
    assert " PT" not in chosen and " ET<" not in chosen
    assert 'href="/en/maintenances/ouest?tz=America%2FHalifax"' in chosen
    assert "Times shown in Atlantic Time (AT)." in chosen
    assert public.get("/en/maintenances?tz=Mars/Olympus").status_code == 422


def test_the_visitor_s_zone_is_kept_by_every_page_s_links(public: Public) -> None:
    keep = "?tz=America%2FVancouver"
    for path in ("/fr/", f"/fr/maintenances/{EXAMPLE}", "/fr/maintenances", "/fr/feeds",
                 "/fr/services/boutique-en-ligne"):  # fmt: skip
        page = public.get(f"{path}?tz=America/Vancouver").text
        for link in (f"/fr/{keep}", f"/fr/maintenances{keep}", f"/fr/feeds{keep}"):
            assert f'href="{link}"' in page, (path, link)
    assert 'href="/fr/maintenances"' in public.get("/fr/").text  # nothing chosen, nothing kept
