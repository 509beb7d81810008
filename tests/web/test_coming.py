"""What is coming, at a glance: the home page's banner, the order of its sections, each
service's way ahead, and a cancelled maintenance listed as cancelled during its window."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from preavis.actions import maintenances
from preavis.domain.errors import ValidationError
from preavis.settings import Settings
from tests.web.conftest import EXAMPLE, Public


def at(clock_value: str) -> datetime:
    return datetime.fromisoformat(clock_value)


def test_a_maintenance_within_fourteen_days_is_announced_before_any_table(public: Public) -> None:
    public.clock.at = at("2025-06-12T09:00-04:00")
    html = public.get("/fr/").text
    assert "Tous les services fonctionnent normalement." in html
    banner = html.index('class="coming"')
    assert banner < html.index("<table")
    top = html[banner : html.index("<table")]
    assert "Maintenance à venir :" in top
    assert "Mise à niveau du système" in top
    assert "Du 22 juin 2025, 23\u00a0h\u00a059 au 2 juillet 2025, 7\u00a0h (HE)" in top
    assert "26 services touchés en tout" in top
    assert f'href="/fr/maintenances/{EXAMPLE}"' in top
    en = public.get("/en/").text
    assert "Upcoming maintenance:" in en[: en.index("<table")]
    assert "26 services affected in all" in en[: en.index("<table")]


def test_the_banner_appears_when_the_horizon_reaches_the_maintenance(public: Public) -> None:
    public.clock.at = at("2025-06-08T23:58-04:00")  # 14 days and 1 minute before it starts
    assert 'class="coming"' not in public.get("/fr/").text
    public.clock.at = at("2025-06-08T23:59-04:00")  # the cached page must not outlive that
    assert 'class="coming"' in public.get("/fr/").text


def test_the_horizon_is_a_setting(public: Public) -> None:
    settings = Settings.from_env({"PREAVIS_COMING_DAYS": "3"})
    assert settings.coming_days == 3
    public.client.app.site.coming = timedelta(days=settings.coming_days)
    public.clock.at = at("2025-06-12T09:00-04:00")
    assert 'class="coming"' not in public.get("/fr/").text
    public.clock.at = at("2025-06-20T09:00-04:00")
    assert 'class="coming"' in public.get("/fr/").text
    with pytest.raises(ValidationError, match="PREAVIS_COMING_DAYS"):
        Settings.from_env({"PREAVIS_COMING_DAYS": "two weeks"})


def test_an_ongoing_maintenance_is_announced_and_listed_before_the_services(
    public: Public,
) -> None:
    html = public.get("/fr/").text  # June 30, 19:00
    first_table = html.index("<table")
    assert "Maintenance en cours :" in html[:first_table]
    assert html.index('id="ongoing"') < first_table
    assert html.index('id="upcoming"') < first_table
    assert html.index('id="recent"') > first_table


def test_each_service_row_says_its_way_ahead(public: Public) -> None:
    public.clock.at = at("2025-06-20T09:00-04:00")
    html = public.get("/fr/").text
    assert (
        "limité dès le 25 juin, 22\u00a0h, puis indisponible du 30 juin, 18\u00a0h au 2 juillet, "
        "7\u00a0h (HE)" in html
    )
    assert 'class="coming-row"' in html  # about to go down: not simply green
    en = public.get("/en/").text
    assert (
        "limited from June 25, 10\u00a0p.m., then unavailable from June 30, "
        "6\u00a0p.m. to July 2, 7\u00a0a.m. ET" in en
    )
    public.clock.at = at("2025-06-28T12:00-04:00")
    html = public.get("/fr/").text
    assert (
        "jusqu’au 30 juin, 18\u00a0h, puis indisponible du 30 juin, 18\u00a0h au 2 juillet, "
        "7\u00a0h" in html
    )


def test_a_cancelled_maintenance_stays_listed_as_cancelled_in_its_window(public: Public) -> None:
    maintenances.cancel(public.ctx, slug=EXAMPLE)
    html = public.get("/fr/").text  # June 30, 19:00: inside the former window
    assert "Tous les services fonctionnent normalement." in html
    ongoing = html[html.index('id="ongoing"') : html.index('id="upcoming"')]
    assert "Mise à niveau du système" in ongoing and "Annulée" in ongoing
    assert 'class="coming"' not in html  # nothing to warn about


def test_a_maintenance_page_states_its_lifecycle(public: Public) -> None:
    page = f"/fr/maintenances/{EXAMPLE}"
    assert "<strong>Statut :</strong> À venir" in public.get(f"{page}?at=2025-06-01T12:00Z").text
    assert "<strong>Statut :</strong> En cours" in public.get(page).text
    assert "<strong>Statut :</strong> Terminée" in public.get(f"{page}?at=2025-08-01T12:00Z").text
    maintenances.extend(public.ctx, slug=EXAMPLE, ends_at=at("2025-07-03T07:00-04:00"))
    assert "En cours · Prolongée" in public.get(page).text
    en = public.get(f"/en/maintenances/{EXAMPLE}").text
    assert "<strong>Status:</strong> In progress · Extended" in en
    maintenances.cancel(public.ctx, slug=EXAMPLE)
    assert "<strong>Statut :</strong> Annulée" in public.get(page).text


def test_the_chart_s_now_marker_moves_every_quarter_hour(public: Public) -> None:
    page = f"/fr/maintenances/{EXAMPLE}"
    first = public.get(page).text  # June 30, 19:00
    assert 'class="now-label"' in first
    public.clock.at = at("2025-06-30T19:14-04:00")
    assert public.get(page).text == first  # the same bytes within the quarter hour
    public.clock.at = at("2025-06-30T19:15-04:00")
    later = public.get(page).text
    assert later != first and 'class="now-label"' in later


def test_a_maintenance_page_carries_the_phone_agenda(public: Public) -> None:
    html = public.get(f"/fr/maintenances/{EXAMPLE}").text
    agenda = html[html.index('<ol class="agenda">') :]
    assert agenda.count('class="strip"') == 26  # one per service
    assert "du 25 juin, 22\u00a0h au 30 juin, 18\u00a0h" in agenda


def test_a_service_page_says_its_way_ahead(public: Public) -> None:
    public.clock.at = datetime.fromisoformat("2025-06-20T09:00-04:00")
    page = public.get("/fr/services/facturation-paiements").text
    assert 'class="coming-state"' in page  # about to go down: never simply green
    assert (
        "— limité dès le 25 juin, 22\u00a0h, puis indisponible du 30 juin, "
        "18\u00a0h au 2 juillet, 7\u00a0h" in page
    )
    english = public.get("/en/services/facturation-paiements").text
    assert (
        "limited from June 25, 10\u00a0p.m., then unavailable from June 30, 6\u00a0p.m." in english
    )
    public.clock.at = datetime.fromisoformat("2025-07-10T09:00-04:00")
    after = public.get("/fr/services/facturation-paiements").text
    assert 'class="coming-state"' not in after and "dès le" not in after
