"""/docs works without the internet: Swagger UI's assets come from Préavis itself."""

from __future__ import annotations

import re

from tests.web.conftest import Public


def test_the_api_docs_load_nothing_from_elsewhere(public: Public) -> None:
    page = public.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert "cdn." not in page.text and "https://" not in page.text.replace("https://swagger.io", "")
    for asset in assets:
        r = public.get(asset)
        assert r.status_code == 200, asset
        assert len(r.content) > 100, asset
    assert public.get("/openapi.json").status_code == 200
