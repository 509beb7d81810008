"""The timeline in Chromium: on a phone an agenda whose text stays readable; on a desktop a
chart whose lane labels are never cut and whose limited labels pass 4.5:1."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import shot

PAGE = "/fr/maintenances/mise-a-niveau-2025"

CONTRAST = """([a, b]) => {
  const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number).map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  const lum = (c) => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def test_phone_shows_an_agenda(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}{PAGE}")
    assert not page.locator("figure.timeline").is_visible()
    agenda = page.locator("ol.agenda")
    assert agenda.is_visible()
    assert agenda.locator("> li").count() == 26
    sizes = page.eval_on_selector_all(
        "ol.agenda li, ol.agenda a", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 12
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing scrolls sideways
    first = agenda.locator("> li").first.inner_text()
    assert (
        "Boutique en ligne" in first
        and "du 22 juin, 23\u00a0h\u00a059 au 2 juillet, 7\u00a0h" in first
    )
    agenda.scroll_into_view_if_needed()
    shot(page, "timeline-phone-390")


def test_desktop_chart_labels_are_whole_and_readable(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}{PAGE}")
    assert page.locator("figure.timeline").is_visible()
    assert not page.locator("ol.agenda").is_visible()
    lefts = page.eval_on_selector_all("svg.gantt .lane-label", "els => els.map(e => e.getBBox().x)")
    assert len(lefts) >= 26 and min(lefts) >= 0  # no label starts left of the chart
    ratios = page.eval_on_selector_all(
        "svg.gantt .bar-limited .bar-label",
        f"""els => els.map(e => ({CONTRAST})([getComputedStyle(e).fill,
              getComputedStyle(e.previousElementSibling).fill]))""",
    )
    assert ratios and min(ratios) >= 4.5
    assert page.locator("svg.gantt .now-label").count() == 1  # the browser site's now is inside
    labels = page.eval_on_selector_all(
        "svg.gantt .tick-label", "els => els.map(e => e.textContent)"
    )
    assert "1 juill." in labels
    shot(page, "timeline-desktop-1366")
