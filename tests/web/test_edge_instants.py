"""Instants near the edges of time and control characters, through HTTP, on both engines:
refused with a 422 naming the field, nothing stored, and the public site always renders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from preavis.actions import access, data
from preavis.domain import Schedule, ValidationError
from preavis.domain.access import Role
from preavis.domain.zones import EARLIEST, LATEST
from preavis.formats.schedule import load_schedule
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.conftest import TickingClock, context

SHOP = {"slug": "shop", "name": {"fr": "Boutique", "en": "Shop"}}
FIRST = "1900-01-01T00:00Z"  # the earliest instant accepted
LAST = "2199-12-31T23:59:59.999999Z"  # the latest
OUT = [
    "0001-01-01T00:00+01:00",  # year 0 in UTC: overflows when converted
    "9999-12-31T23:00-05:00",  # year 10000 in UTC
    "9999-12-31T00:00Z",
    "0001-01-01T00:00Z",
    "1899-12-31T23:59Z",
    "2200-01-01T00:00Z",
]


def _draft(slug: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": {"fr": f"Travaux {slug}", "en": f"Works {slug}"},
        "timezone": "America/Toronto",
        "interruptions": [
            {
                "service": "shop",
                "impact": "unavailable",
                "starts_at": start,
                "ends_at": end,
                "description": {"fr": "Fermée.", "en": "Closed."},
            }
        ],
        **extra,
    }


class Client:
    def __init__(self, client: TestClient, tokens: dict[Role, str], clock: TickingClock) -> None:
        self.client = client
        self.tokens = tokens
        self.clock = clock

    def admin(self, method: str, path: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[Role.ADMIN]}"}
        return self.client.request(method, f"/api/v1/admin{path}", headers=headers, **kw)

    def get(self, path: str) -> Any:
        return self.client.get(path, follow_redirects=False)


@pytest.fixture
def http(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    monkeypatch.setattr(site_module, "REFRESH", timedelta(0))  # see every write at once
    ctx = context(store)
    tokens = {role: access.create_token(ctx, name=f"t-{role.value}", role=role) for role in Role}
    clock = TickingClock()
    app = create_app(Settings(database_url=store.url), store=store, clock=clock)
    with TestClient(app) as client:
        made = Client(client, tokens, clock)
        assert made.admin("POST", "/services", json=SHOP).status_code == 201
        yield made


def _fields(response: Any) -> list[str]:
    return [d["field"] for d in response.json()["error"]["details"] or []]


@pytest.mark.parametrize("at", OUT)
def test_an_instant_out_of_range_is_a_422_naming_the_field(http: Client, at: str) -> None:
    r = http.admin("POST", "/maintenances", json=_draft("m", at, "2025-07-01T00:00Z"))
    assert r.status_code == 422, r.text
    assert "body.interruptions.0.starts_at" in _fields(r)
    r = http.admin("POST", "/maintenances", json=_draft("m", "2025-07-01T00:00Z", at))
    assert r.status_code == 422, r.text
    assert "body.interruptions.0.ends_at" in _fields(r)
    bounds = {"starts_at": "2025-06-30T00:00Z", "ends_at": at}
    r = http.admin("POST", "/maintenances", json=_draft("m", *_inside(), **bounds))
    assert r.status_code == 422, r.text
    assert "body.ends_at" in _fields(r)
    assert http.admin("GET", "/maintenances/m").status_code == 404


def _inside() -> tuple[str, str]:
    return "2025-06-30T12:00Z", "2025-06-30T14:00Z"


DECISIONS = [("reschedule", "starts_at"), ("extend", "ends_at"), ("end-early", "at")]


@pytest.mark.parametrize(
    ("route", "field", "at"),
    [
        *[(route, field, at) for route, field in DECISIONS for at in OUT[:3]],
        # In range itself, but the two-hour window would then end in 2200.
        ("reschedule", "starts_at", "2199-12-31T23:00Z"),
    ],
)
def test_a_decision_out_of_range_is_refused_before_anything_is_stored(
    http: Client, route: str, field: str, at: str
) -> None:
    assert http.admin("POST", "/maintenances", json=_draft("m", *_inside())).status_code == 201
    assert http.admin("POST", "/maintenances/m/publish", json={}).status_code == 200
    before = http.admin("GET", "/maintenances/m")
    history = http.admin("GET", "/maintenances/m/history").json()
    r = http.admin("POST", f"/maintenances/m/{route}", json={field: at})
    assert r.status_code == 422, r.text
    after = http.admin("GET", "/maintenances/m")
    assert after.json() == before.json()
    assert after.headers["ETag"] == before.headers["ETag"]
    assert http.admin("GET", "/maintenances/m/history").json() == history
    assert http.get("/api/v1/maintenances/m").status_code == 200


PAGES = [
    "/fr/", "/en/", "/fr/feeds", "/en/feeds", "/fr/calendar.ics", "/en/calendar.ics",
    "/fr/feed.atom", "/en/feed.atom",
    "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
    "/api/v2/scheduled-maintenances.json", "/api/v2/scheduled-maintenances/upcoming.json",
    "/api/v2/scheduled-maintenances/active.json",
    "/api/v1/services", "/api/v1/maintenances", "/api/v1/status", "/api/v1/phases",
    "/api/v1/services/shop/timeline",
    "/fr/services/shop", "/en/services/shop", "/fr/services/shop.ics", "/en/services/shop.atom",
]  # fmt: skip


def _every_page(slugs: list[str]) -> list[str]:
    paths = list(PAGES)
    for slug in slugs:
        paths += [
            f"/fr/maintenances/{slug}", f"/en/maintenances/{slug}",
            f"/fr/maintenances/{slug}.ics", f"/en/maintenances/{slug}.ics",
            f"/api/v1/maintenances/{slug}",
        ]  # fmt: skip
    for moment in (FIRST, LAST, "2199-12-31T18:59-05:00"):
        paths += [
            f"/fr/?at={moment}", f"/en/services/shop?at={moment}",
            f"/api/v1/status?at={moment}",
        ]  # fmt: skip
        paths += [f"/en/maintenances/{slug}?at={moment}" for slug in slugs]
    paths += [
        "/fr/?when=1900-01-01T00:00&tz=UTC",
        "/fr/?when=2199-12-31T18:59&tz=America/Toronto",
        "/fr/?at=2199-12-31T23:59Z&tz=America/St_Johns",
        "/fr/?at=1900-01-01T00:00Z&tz=America/Vancouver",
    ]
    return paths


def test_maintenances_at_the_edges_of_time_render_everywhere(http: Client) -> None:
    # What used to be stored, then broke every public page: refused now.
    far = _draft("far", "9999-12-30T00:00Z", "9999-12-31T00:00Z")
    assert http.admin("POST", "/maintenances", json=far).status_code == 422
    drafts = [
        _draft("earliest", FIRST, "1900-01-01T02:00Z"),
        _draft("latest", "2199-12-31T22:00Z", LAST),
        _draft("announced", "2199-06-01T00:00Z", "2199-06-02T00:00Z",
               starts_at="1900-01-01T00:00-00:00", ends_at=LAST),
        _draft("whole", FIRST, LAST),
        _draft("today", *_inside()),
    ]  # fmt: skip
    for body in drafts:
        r = http.admin("POST", "/maintenances", json=body)
        assert r.status_code == 201, r.text
        assert http.admin("POST", f"/maintenances/{body['slug']}/publish", json={}).status_code
    slugs = [d["slug"] for d in drafts]
    extended = http.admin("POST", "/maintenances/today/extend", json={"ends_at": LAST})
    assert extended.status_code == 200, extended.text
    for now in (http.clock.at, EARLIEST, LATEST - timedelta(microseconds=1)):
        http.clock.at = now
        for path in _every_page(slugs):
            r = http.get(path)
            assert r.status_code == 200, (now, path, r.text[:300])


@pytest.mark.parametrize("moment", OUT)
@pytest.mark.parametrize("path", ["/fr/", "/en/maintenances/m", "/fr/services/shop"])
def test_a_moment_out_of_range_is_a_422_on_public_pages(
    http: Client, moment: str, path: str
) -> None:
    assert http.admin("POST", "/maintenances", json=_draft("m", *_inside())).status_code == 201
    assert http.admin("POST", "/maintenances/m/publish", json={}).status_code == 200
    assert http.get(f"{path}?at={quote(moment)}").status_code == 422
    wall = moment[:16]
    for tz in ("Asia/Tokyo", "America/Toronto", "UTC"):
        r = http.get(f"{path}?when={wall}&tz={tz}")
        assert r.status_code in (200, 422), (wall, tz, r.status_code)
    assert http.get(f"{path}?when=0001-01-01T00:00&tz=Asia/Tokyo").status_code == 422
    assert http.get(f"{path}?when=9999-12-31T23:00&tz=America/Toronto").status_code == 422
    r = http.get(f"/api/v1/status?at={quote(moment)}")
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["field"] == "at"


# -- control characters ---------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\r", "\n", "\x1b", "\x7f", "\u2028"])
def test_control_characters_are_a_422_on_both_engines(http: Client, char: str) -> None:
    bad_name = {"slug": "bank", "name": {"fr": "Banque", "en": f"Ba{char}nk"}}
    r = http.admin("POST", "/services", json=bad_name)
    assert r.status_code == 422, r.text
    assert "body.name.en" in _fields(r)
    assert f"U+{ord(char):04X}" in r.json()["error"]["message"]
    assert http.admin("GET", "/services/bank").status_code == 404
    bad_title = _draft("m", *_inside())
    bad_title["title"] = {"fr": f"Tra{char}vaux", "en": "Works"}
    r = http.admin("POST", "/maintenances", json=bad_title)
    assert r.status_code == 422, r.text
    assert "body.title.fr" in _fields(r)
    assert http.admin("POST", "/maintenances", json=_draft("m", *_inside())).status_code == 201
    before = http.admin("GET", "/maintenances/m").json()
    r = http.admin(
        "PATCH", "/maintenances/m", json={"reason": f"typo{char}x", "title": {"fr": "T"}}
    )
    if char == "\n":  # a reason holds several lines
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 422, r.text
        assert "body.reason" in _fields(r)
        assert http.admin("GET", "/maintenances/m").json() == before
    summary = {"summary": {"fr": f"Ligne 1{char}Ligne 2", "en": "x"}}
    r = http.admin("PATCH", "/maintenances/m", json=summary)
    assert r.status_code == (200 if char == "\n" else 422), r.text
    escaped = char.encode("unicode_escape").decode().replace("\\x", "\\u00")
    schedule = (
        f'preavis: 1\nservices:\n  - slug: post\n    name: {{fr: "Pos{escaped}te", en: Post}}\n'
    )
    r = http.admin("POST", "/schedule", json={"schedule": schedule})
    assert r.status_code == 422, r.text
    assert any(f.endswith("services[0].name.fr") for f in _fields(r)), r.json()


def test_tabs_and_line_feeds_stay_in_descriptions(http: Client) -> None:
    body = _draft("m", *_inside())
    body["interruptions"][0]["description"] = {"fr": "Fermée.\n\tRetour à 21 h.", "en": "x"}
    r = http.admin("POST", "/maintenances", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["interruptions"][0]["description"]["fr"] == "Fermée.\n\tRetour à 21 h."


def test_a_notice_dated_out_of_range_is_a_422(http: Client) -> None:
    notice = (
        "Maintenance\nLa boutique sera indisponible du 31 décembre, 20 h au 1er janvier, 7 h (HE)."
    )
    body = {"notice": notice, "year": 2199, "slug": "m"}  # ends on 2200-01-01
    r = http.admin("POST", "/maintenances/import-notice", json=body)
    assert r.status_code == 422, r.text
    assert http.admin("GET", "/maintenances/m").status_code == 404


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("interruptions", "ends_at", "9999-12-31T00:00:00+00:00"),
        ("maintenances", "title_fr", "Travaux\rBEGIN:VEVENT"),
        ("services", "name_en", "Sh\x1bop"),
        ("revisions", "reason", "why\x00"),
    ],
)
def test_a_restore_is_refused_whole_when_a_row_breaks_a_rule(
    tmp_path: Path, table: str, column: str, value: str
) -> None:
    """An export goes into the tables as it is: the domain reads it back before the commit."""
    source = Store(f"sqlite:///{tmp_path}/source.db")
    source.upgrade()
    ctx = context(source)
    data.apply_schedule(ctx, schedule=_schedule(), publish=True)
    document = data.export_data(ctx)
    source.dispose()
    rows = document["tables"][table]
    assert rows and column in rows[0]
    rows[0][column] = value
    fresh = Store(f"sqlite:///{tmp_path}/fresh.db")
    fresh.upgrade()
    try:
        with pytest.raises(ValidationError):
            data.restore_data(context(fresh), document=document)
        with fresh.reading() as tx:
            assert tx.is_empty()
    finally:
        fresh.dispose()


def _schedule() -> Schedule:
    text = """
preavis: 1
services:
  - slug: shop
    name: {fr: Boutique, en: Shop}
maintenances:
  - slug: works
    title: {fr: Travaux, en: Works}
    timezone: America/Toronto
    interruptions:
      - {service: shop, impact: limited, starts_at: 2025-06-30 08:00, ends_at: 2025-06-30 10:00}
"""
    return load_schedule(text).schedule
