"""Branding from settings: the organisation's name, logo, colours and footer links, in both
languages, with bad values refused by name and the pages' policy kept strict."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from preavis.domain.errors import ValidationError
from preavis.formats import brand
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock
from tests.web.conftest import JUNE_30

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
LINKS = (
    "Confidentialité|Privacy|https://poste.example/confidentialite; "
    "Nous joindre|Contact us|https://poste.example/contact"
)


def client_for(store: Store, **settings: str) -> TestClient:
    app = create_app(
        Settings(database_url=store.url, **settings),  # type: ignore[arg-type]
        store=store,
        clock=TickingClock(JUNE_30),
    )
    return TestClient(app)


@pytest.fixture
def logo_file(tmp_path: Path) -> Path:
    path = tmp_path / "poste.png"
    path.write_bytes(PNG)
    return path


@pytest.fixture
def branded(store: Store, logo_file: Path) -> Iterator[TestClient]:
    with client_for(
        store,
        site_title_fr="État des services de Poste Exemple",
        site_title_en="Poste Exemple service status",
        logo=str(logo_file),
        colours="link=#00509e, brand=#7a0019, accent=#d52b1e",
        footer_links=LINKS,
    ) as client:
        yield client


def test_name_logo_and_footer_links_in_both_languages(branded: TestClient) -> None:
    fr = branded.get("/fr/").text
    en = branded.get("/en/").text
    assert "<title>État des services de Poste Exemple</title>" in fr
    assert "<title>Poste Exemple service status</title>" in en
    for page in (fr, en):
        src = re.search(r'<img class="logo" src="([^"]+)"', page)
        assert src is not None and src.group(1).startswith("/static/logo.png?v=")
        logo = branded.get(src.group(1))
        assert logo.status_code == 200
        assert logo.headers["content-type"] == "image/png"
        assert logo.content == PNG
        assert "immutable" in logo.headers["cache-control"]
    assert '<a href="https://poste.example/confidentialite">Confidentialité</a>' in fr
    assert '<a href="https://poste.example/contact">Nous joindre</a>' in fr
    assert '<a href="https://poste.example/confidentialite">Privacy</a>' in en
    assert '<a href="https://poste.example/contact">Contact us</a>' in en
    # Other pages carry the same frame: an error page, a maintenance page.
    assert "Poste Exemple service status" in branded.get("/en/services/nope").text
    assert "Confidentialité" in branded.get("/fr/maintenances").text


def test_colours_go_into_the_stylesheet_not_inline(branded: TestClient) -> None:
    page = branded.get("/fr/")
    css_link = re.search(r'href="(/static/site\.css\?v=[^"]+)"', page.text)
    assert css_link is not None
    css = branded.get(css_link.group(1)).text
    assert "--accent:#d52b1e; --brand:#7a0019; --link:#00509e;" in css
    assert "style=" not in page.text
    csp = page.headers["content-security-policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "img-src 'self' data:;" in csp  # a logo file adds nothing


def test_a_logo_address_adds_only_its_origin(store: Store) -> None:
    with client_for(store, logo="https://cdn.poste.example/img/logo.svg") as client:
        page = client.get("/en/")
        assert '<img class="logo" src="https://cdn.poste.example/img/logo.svg"' in page.text
        csp = page.headers["content-security-policy"]
        assert "img-src 'self' data: https://cdn.poste.example;" in csp
        assert "default-src 'none'" in csp and "script-src 'self';" in csp
        widget = client.get("/en/widget").headers["content-security-policy"]
        assert "img-src 'self' data: https://cdn.poste.example;" in widget
        assert client.get("/static/logo.svg").status_code == 404  # nothing served locally


def test_without_branding_the_site_keeps_its_own_look(store: Store) -> None:
    with client_for(store) as client:
        page = client.get("/fr/").text
        assert "<title>État des services</title>" in page
        assert 'class="logo"' not in page and "footer-links" not in page


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"colours": "link=#ffff00"}, "link=#ffff00 is too pale for links and buttons"),
        ({"colours": "link=blue"}, "link='blue' is not a colour written #rgb or #rrggbb"),
        ({"colours": "background=#000000"}, "is not name=#rrggbb with a name among link"),
        ({"colours": "accent=#eeeeee"}, "at least 3.0:1 is needed"),
        ({"footer_links": "Aide|https://x.example"}, "link 1 ('Aide|https://x.example')"),
        ({"footer_links": "Aide|Help|javascript:alert(1)"}, "is not an http(s) address"),
        ({"footer_links": "A|B|https://x.example/a b"}, "is not an http(s) address"),
        ({"logo": "logo.bmp"}, "PREAVIS_LOGO: logo.bmp: a logo is a .png"),
        ({"logo": "/no/such/logo.png"}, "PREAVIS_LOGO: /no/such/logo.png: cannot be read"),
        ({"logo": 'https://x.example/a"b.png'}, "is not an http(s) address"),
        ({"site_title_fr": "x" * 81}, "PREAVIS_SITE_TITLE_FR: at most 80 characters"),
    ],
)
def test_bad_branding_is_refused_by_name(settings: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        brand.from_settings(Settings(**settings))  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_a_logo_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (brand.LOGO_MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="a logo has at most 262144 bytes"):
        brand.from_settings(Settings(logo=str(big)))


def test_branding_is_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "PREAVIS_SITE_TITLE_FR": "Poste Exemple",
            "PREAVIS_SITE_TITLE_EN": "Example Post",
            "PREAVIS_COLOURS": "link=#00509e",
            "PREAVIS_FOOTER_LINKS": LINKS,
        }
    )
    found = brand.from_settings(settings)
    assert found.names == {"fr": "Poste Exemple", "en": "Example Post"}
    assert found.colours == {"link": "#00509e"}
    assert found.footer("en") == [
        ("Privacy", "https://poste.example/confidentialite"),
        ("Contact us", "https://poste.example/contact"),
    ]


def test_contrast_is_the_wcag_ratio() -> None:
    assert brand.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert brand.contrast("#fff", "#ffffff") == pytest.approx(1.0)
    assert brand.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
