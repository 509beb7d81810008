"""The public site in a real browser: languages, the switch, the moment picker, the timeline."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import shot


def test_french_and_english_home_pages(page: Any, site_url: str) -> None:
    page.set_extra_http_headers({"Accept-Language": "fr-CA,fr;q=0.9"})
    page.goto(f"{site_url}/")
    assert page.url.endswith("/fr/")  # the browser's language decides
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    assert page.locator("h1").inner_text() == "État des services"
    assert "touché" in page.locator(".summary").inner_text()
    shot(page, "home-fr")
    page.goto(f"{site_url}/en/")
    assert page.locator("html").get_attribute("lang") == "en-CA"
    assert page.get_by_role("link", name="Online shop").is_visible()
    shot(page, "home-en")


def test_language_switch_keeps_the_view(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/en/maintenances/mise-a-niveau-2025?at=2025-06-28T12:00-04:00")
    page.get_by_role("link", name="Français").click()
    assert "/fr/maintenances/mise-a-niveau-2025?at=" in page.url
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    assert page.locator("h1").inner_text().startswith("Mise à niveau du système")


def test_moment_picker(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/fr/")
    page.fill("#when", "2025-06-30T19:00")
    page.select_option("#tz", "America/Toronto")
    page.get_by_role("button", name="Afficher").click()
    # The page of that moment's phase: from the start of the unavailable windows (June 30,
    # 18:00 ET) to the end of the upgrade (July 2, 7:00 ET), as the reference notice says.
    banner = page.locator(".banner").inner_text()
    assert "du 30 juin 2025, 18\u00a0h au 2 juillet 2025, 7\u00a0h (HE)" in banner
    assert (
        "26 services touchés : 23 indisponibles, 3 limités."
        in page.locator(".summary").inner_text()
    )
    # The bytes name the phase's first minute; the script puts back the moment chosen.
    assert page.input_value("#when") == "2025-06-30T19:00"
    shot(page, "moment-picker")
    # An address naming an instant: the picker shows it in the zone chosen (Vancouver).
    page.goto(f"{site_url}/en/?at=2025-06-30T23:00Z&tz=America/Vancouver")
    assert "from June 30, 2025, 3\u00a0p.m. to July 2, 2025, 4\u00a0a.m. PT" in (
        page.locator(".banner").inner_text()
    )
    assert page.input_value("#when") == "2025-06-30T16:00"


def test_maintenance_timeline(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{site_url}/en/maintenances/mise-a-niveau-2025")
    chart = page.locator("svg.gantt")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    assert (page.locator("svg.gantt title#gantt-title").text_content() or "").startswith("Timeline")
    assert page.locator("svg.gantt .bar-limited").count() >= 5
    assert page.locator("table tbody tr").count() == 28
    shot(page, "maintenance-timeline")


def test_keyboard_reaches_the_skip_link_first(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/fr/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu"


def test_phone_width(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/fr/services/ramassage-colis")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no sideways scrolling on a phone
    shot(page, "service-phone")
