"""Branding seen in Chromium: the logo file loads under the pages' policy, the colours come
from the stylesheet, the footer links are there in both languages, on a desktop and a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from preavis.actions import Context, data
from preavis.actions.files import open_schedule
from preavis.clock import FixedClock
from preavis.domain.access import Actor, Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.browser.conftest import MOMENT, free_port, serving, shot

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40" viewBox="0 0 80 40">'
    '<rect width="80" height="40" rx="6" fill="#7a0019"/>'
    '<text x="40" y="26" font-size="16" text-anchor="middle" fill="#fff">PE</text></svg>'
)


@pytest.fixture(scope="module")
def branded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("branded")
    (folder / "logo.svg").write_text(LOGO, encoding="utf-8")
    url = f"sqlite:///{folder}/branded.db"
    store = Store(url)
    store.upgrade()
    ctx = Context(store, FixedClock(MOMENT), Actor("browser", Role.ADMIN))
    data.apply_schedule(ctx, schedule=open_schedule().schedule, publish=True)
    settings = Settings(
        database_url=url,
        site_title_fr="Poste Exemple — état des services",
        site_title_en="Poste Exemple — service status",
        logo=str(folder / "logo.svg"),
        colours="link=#00509e,brand=#7a0019,accent=#d52b1e",
        footer_links="Confidentialité|Privacy|https://poste.example/confidentialite; "
        "Nous joindre|Contact us|https://poste.example/contact",
    )
    app = create_app(settings, store=store, clock=FixedClock(MOMENT))
    port = free_port()
    with serving(app, port):
        yield f"http://127.0.0.1:{port}"
    store.dispose()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
@pytest.mark.parametrize(
    ("lang", "name", "links"),
    [
        ("fr", "Poste Exemple — état des services", ["Confidentialité", "Nous joindre"]),
        ("en", "Poste Exemple — service status", ["Privacy", "Contact us"]),
    ],
)
def test_the_branded_site(
    page: Any, branded_url: str, width: int, height: int, lang: str, name: str, links: list[str]
) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{branded_url}/{lang}/")
    brand = page.locator("header a.brand")
    assert brand.inner_text().strip() == name
    logo = page.locator("header img.logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")  # loaded, not refused
    assert brand.evaluate("a => getComputedStyle(a).color") == "rgb(122, 0, 25)"
    button = page.get_by_role("button").first
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(0, 80, 158)"
    footer = page.locator("footer ul.footer-links a")
    assert [footer.nth(n).inner_text() for n in range(footer.count())] == links
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert refused == []
    shot(page, f"branded-{lang}-{width}")
