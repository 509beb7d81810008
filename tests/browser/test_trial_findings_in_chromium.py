"""Defects found by trying the site as a new user would (session 3's trial), in Chromium: no
page asks for a /favicon.ico that answers 404, and the editor's service column shows the
service's name rather than its first letters."""

from __future__ import annotations

from typing import Any

from preavis.domain.access import Role
from tests.browser.conftest import shot
from tests.browser.test_admin_ui import admin_url, sign_in  # noqa: F401 - the module's fixture

TEXT_WIDTH = """select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.options[select.selectedIndex].text;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = select.clientWidth - padding - 20;
    return {text, needed: context.measureText(text).width, room};
}"""  # the 20 px: Chromium's drop-down arrow


def test_no_page_asks_for_a_missing_favicon(page: Any, site_url: str) -> None:
    """Chromium asks for /favicon.ico unless the page names its icon: that 404 was the one
    error in the console of every page."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in ("/fr/", "/en/maintenances/mise-a-niveau-2025", "/admin/login"):
        page.goto(f"{site_url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator("link[rel=icon]").count() == 1
    page.wait_for_timeout(500)  # the icon is fetched after the load: let its error show
    assert errors == []


def test_the_editor_shows_whole_service_names_at_1366_px(page: Any, admin_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, admin_url, Role.EDITOR)
    page.goto(f"{admin_url}/admin/lang/fr?next=/admin/maintenances/new")
    page.select_option("#r0_service", "facturation-paiements")
    page.select_option("#r1_service", "ramassage-colis")
    for row in ("#r0_service", "#r1_service"):
        seen = page.locator(row).evaluate(TEXT_WIDTH)
        assert seen["needed"] <= seen["room"], seen
    # the row still fits the page: no sideways scrolling on a 1366 px screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, "admin-editor-service-names")
