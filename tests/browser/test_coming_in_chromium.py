"""What is coming, seen in Chromium at desktop and phone widths: the banner is in the first
screen, above every table; a service about to go down says so; errors speak French."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import shot

BEFORE = "2025-06-12T09:00-04:00"  # ten days before the upgrade starts


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_banner_is_in_the_first_screen(
    page: Any, site_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/fr/?at={BEFORE}")
    banner = page.locator(".coming")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "Maintenance à venir" in text and "26 services touchés en tout" in text
    box = banner.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height  # seen without scrolling
    first_table = page.locator("table").first.bounding_box()
    assert first_table is not None and first_table["y"] > box["y"]
    shot(page, f"home-upcoming-{width}")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_a_service_about_to_go_down_says_when(
    page: Any, site_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    # The home page of another moment lists what is down then (nothing, ten days before):
    # each group counts its services operating normally, and the banner says what is coming.
    page.goto(f"{site_url}/fr/?at={BEFORE}")
    assert page.get_by_role("link", name="Facturation et paiements").count() == 0
    others = page.locator("tr.others").all_inner_texts()
    assert others and all("fonctionne" in text for text in others)
    assert "Maintenance à venir" in page.locator(".coming").inner_text()
    # The service's own page of that moment says when it goes down, and until when.
    page.goto(f"{site_url}/fr/services/facturation-paiements?at={BEFORE}")
    state = page.locator("p.coming-state")
    text = state.inner_text()
    assert (
        "limité dès le 25 juin, 22\u00a0h, puis indisponible du 30 juin, 18\u00a0h au 2 juillet, "
        "7\u00a0h" in text
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_ongoing_banner_now(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{site_url}/en/")
    assert "Maintenance in progress" in page.locator(".coming").inner_text()
    shot(page, "home-ongoing-en-1366")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_french_error_pages(page: Any, site_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(f"{site_url}/fr/?at=garbage")
    assert response.status == 422
    assert page.locator("h1").inner_text() == "Demande invalide"
    assert "«\u00a0garbage\u00a0» n’est pas un moment valide" in page.locator(".error").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"error-fr-{width}")
    response = page.goto(f"{site_url}/fr/services/inconnu")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"
    response = page.goto(f"{site_url}/fr/nulle-part")
    assert response.status == 404 and page.locator("html").get_attribute("lang") == "fr-CA"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_a_repeated_hour_offers_two_buttons(
    page: Any, site_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/fr/")
    page.fill("#when", "2025-11-02T01:30")
    page.select_option("#tz", "America/Toronto")
    page.get_by_role("button", name="Afficher").click()
    choices = page.locator("ul.choices a")
    assert choices.count() == 2
    labels = [choices.nth(n).inner_text() for n in range(2)]
    assert "HAE" in labels[0] and "HNE" in labels[1], labels
    for n in range(2):  # two real buttons, each wholly on screen
        box = choices.nth(n).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    shot(page, f"dst-choice-fr-{width}")
    choices.nth(1).click()
    assert "-05:00" in page.url or "-05%3A00" in page.url
    # Nothing is announced after the upgrade's last page change (its end, July 2, 7:00 ET,
    # plus the 14 days it stays listed as recent): the page of that phase, and the picker
    # showing the moment chosen (the second 1:30, in standard time).
    banner = page.locator(".banner").inner_text()
    assert "à partir du 16 juillet 2025, 7\u00a0h (HE)" in banner
    assert page.input_value("#when") == "2025-11-02T01:30"


def test_the_api_docs_render_offline(page: Any, site_url: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    page.goto(f"{site_url}/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 6
    assert outside == []  # nothing from a CDN


def test_the_services_filter(page: Any, site_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Refused" in m.text else None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/fr/")
    field = page.get_by_label("Filtrer les services")
    assert field.is_visible()  # shown by the script, which the CSP lets run
    field.fill("colis")
    visible = page.locator("#services-list tbody tr:visible")
    names = [visible.nth(n).locator("th").inner_text() for n in range(visible.count())]
    assert names and all("colis" in name.lower() for name in names), names
    assert page.locator("#service-filter-count").inner_text() == f"{len(names)} services affichés"
    field.fill("facturation et paie")
    assert page.locator("#service-filter-count").inner_text() == "1 service affiché"
    field.fill("")
    assert page.locator("#services-list tbody tr:visible").count() == 26
    assert errors == []  # the policy refused nothing


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_archive(page: Any, site_url: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/fr/")
    page.get_by_role("link", name="Maintenances", exact=True).click()
    assert page.url.endswith("/fr/maintenances")
    assert page.locator("h1").inner_text() == "Toutes les maintenances"
    row = page.locator("tbody tr").first
    assert "Mise à niveau du système" in row.inner_text() and "En cours" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"archive-{width}")
