"""A home page of any moment is put together from its frame and rows drawn once per stretch of
each service (Site.compose); it must say exactly what the page drawn whole for that moment
says. Checked over random moments of a generated catalogue with groups, in several zones and
both languages, on one site (its caches shared by every moment asked)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from preavis.actions import data
from preavis.domain import Impact, Interruption, Maintenance, Schedule, Service, State, Text
from preavis.domain.service import Group
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from preavis.web.cache import Fragments
from preavis.web.composing import _slow_values, moment_values
from preavis.web.phases import phase_query
from preavis.web.rendered import places, spread
from preavis.web.site import Site
from tests.conftest import TickingClock, context

NOW = datetime(2025, 10, 20, 15, 7, tzinfo=UTC)  # two weeks before the end of daylight time
ZONES = ["", "America/Toronto", "America/Vancouver", "America/St_Johns", "Europe/Paris", "UTC"]


def catalogue(services: int = 24, interruptions: int = 160) -> Schedule:
    rnd = random.Random(11)
    groups = (Group("reseau", Text("Réseau", "Network")), Group("postes", Text("Postes", "Desks")))
    members = tuple(
        Service(
            f"s{n}", Text(f"Service {n}", f"Service {n}"), group=(None, "reseau", "postes")[n % 3]
        )
        for n in range(services)
    )
    programmes = []
    per = interruptions // 8
    for p in range(8):
        items = []
        for k in range(per):
            start = NOW + timedelta(minutes=15 * rnd.randrange(-4 * 24 * 30, 4 * 24 * 30))
            items.append(
                Interruption(
                    f"s{rnd.randrange(services)}",
                    rnd.choice([Impact.LIMITED, Impact.UNAVAILABLE]),
                    start,
                    start + timedelta(minutes=15 * rnd.randrange(1, 200)),
                    Text(f"Travaux {k}", f"Works {k}"),
                )
            )
        programmes.append(
            Maintenance(
                f"programme-{p}",
                Text(f"Programme {p}", f"Programme {p}"),
                "America/Toronto",
                tuple(items),
                state=State.CANCELLED if p == 5 else State.PUBLISHED,
            )
        )
    return Schedule(members, tuple(programmes), groups)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Site]]:
    folder: Path = tmp_path_factory.mktemp("composed")
    store = Store(f"sqlite:///{folder}/composed.db")
    store.upgrade()
    data.apply_schedule(context(store), schedule=catalogue(), publish=True)
    app = create_app(Settings(database_url=store.url), store=store, clock=TickingClock(NOW))
    with TestClient(app) as client:
        yield client, app.site  # type: ignore[attr-defined]
    store.dispose()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moments=st.lists(
        st.tuples(st.integers(-60 * 24 * 40, 60 * 24 * 40), st.integers(0, 59)),
        min_size=1,
        max_size=8,
    ),
    zone=st.sampled_from(ZONES),
    lang=st.sampled_from(["fr", "en"]),
    local=st.booleans(),
)
def test_a_composed_page_is_the_page_drawn_whole(
    served: tuple[TestClient, Site],
    moments: list[tuple[int, int]],
    zone: str,
    lang: str,
    local: bool,
) -> None:
    client, site = served
    for minutes, seconds in moments:
        at = NOW + timedelta(minutes=minutes, seconds=seconds)
        params = {"at": at.isoformat()}
        wall = at.astimezone(ZoneInfo(zone or "UTC")).replace(tzinfo=None, second=0)
        twice = ZoneInfo(zone or "UTC").utcoffset(wall) != ZoneInfo(zone or "UTC").utcoffset(
            wall.replace(fold=1)
        )  # a wall time the zone repeats when it leaves daylight time is refused (a 422)
        if local and zone and not twice:  # as the picker sends it: a wall time in the zone
            params = {"when": wall.strftime("%Y-%m-%dT%H:%M")}
        if zone:
            params["tz"] = zone
        r = client.get(f"/{lang}/?{urlencode(params)}")
        assert r.status_code == 200, (params, r.text[-3000:])
        moment, tz = site.moment(params)
        assert moment is not None
        data = site.data()
        # the page of its phase: its links, the language switch too, name the phase's moment
        query = phase_query(params, site.phase(moment, data).moment(moment), tz)
        whole = site.home(lang, moment, tz, data, NOW, query, composed=False)  # type: ignore[arg-type]
        assert r.content == whole.body
        assert b"PREAVISx" not in r.content


def test_moments_of_one_phase_share_a_tag_and_another_phase_has_another(
    served: tuple[TestClient, Site],
) -> None:
    client, site = served
    first = client.get("/fr/?at=2025-10-21T10:00-04:00")
    again = client.get("/fr/?at=2025-10-21T10:00-04:00")
    # Every change of the catalogue falls 7, 22, 37 or 52 minutes past an hour (UTC): 10:01
    # is in the same phase as 10:00, so it is the same page.
    same = client.get("/fr/?at=2025-10-21T10:01-04:00")
    assert first.headers["etag"] == again.headers["etag"] == same.headers["etag"]
    assert first.content == same.content
    phase = site.phase(datetime(2025, 10, 21, 14, tzinfo=UTC), site.data())
    assert phase.end is not None
    after = phase.end.astimezone(ZoneInfo("America/Toronto")).isoformat(timespec="minutes")
    other = client.get("/fr/", params={"at": after})  # the next phase: another page
    assert other.status_code == 200
    assert other.headers["etag"] != first.headers["etag"]
    tag = {"If-None-Match": first.headers["etag"]}
    assert client.get("/fr/?at=2025-10-21T10:00-04:00", headers=tag).status_code == 304


def test_rows_are_drawn_once_per_stretch(
    served: tuple[TestClient, Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, site = served
    drawn: list[str] = []
    original = Site._draw_row

    def counted(self: Site, t, d, service, status, *rest):  # type: ignore[no-untyped-def]
        drawn.append(service.slug)
        return original(self, t, d, service, status, *rest)

    monkeypatch.setattr(Site, "_draw_row", counted)
    first = datetime(2025, 11, 20, 15, 0, tzinfo=UTC)
    moments = [first + timedelta(minutes=37 * n) for n in range(60)]  # many phases
    stretches = set()  # the rows a page of each moment shows: one per stretch of a service down
    for at in moments:
        for status in site.data().timeline.status_at(at).down:
            stretches.add((status.service.slug, status.since))

    def ask(at: datetime) -> None:
        query = urlencode({"at": at.isoformat(), "tz": "America/Regina"})
        assert client.get(f"/en/?{query}").status_code == 200

    ask(first)
    assert len(drawn) == len(site.data().timeline.status_at(first).down) > 0
    for at in moments:
        ask(at)
    assert len(drawn) == len(stretches) == len(set(drawn))  # each drawn once, shared
    drawn.clear()
    for at in moments:  # the same moments again, and others of the same phases
        ask(at + timedelta(seconds=1))
    assert drawn == []


def test_fragments_stay_under_their_cap() -> None:
    kept = Fragments(10_000, "stamp")
    rows = kept.of(("fr", "America/Toronto"))
    piece = (b"h" * 400, b"t" * 100)
    for n in range(100):
        rows.put(("s", n), piece)
        assert kept.size <= 10_000
    assert 0 < len(kept) <= 10_000 // (500 + 250)
    assert rows.get(("s", 99)) == piece  # the last put is kept
    assert rows.get(("s", 0)) is None  # the first ones were dropped
    assert rows.get(("s", 98)) == piece  # not all at once: the oldest quarter
    assert len(kept) >= 10_000 * 3 // 4 // (500 + 250) - 1
    kept.put("k", "huge", (b"x" * 20_000, b""))
    assert kept.get("k", "huge") is None and kept.size <= 10_000


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_home_page_of_now_drawn_from_rows_is_the_page_drawn_whole(
    served: tuple[TestClient, Site], zone: str, lang: str
) -> None:
    # Rows are written by home.row_html; the page drawn whole draws them with the template's
    # macro: the two must give the same bytes (every service listed, some coming, some down).
    _, site = served
    tz = ZoneInfo(zone) if zone else site.zone
    query = f"tz={zone}" if zone else ""
    seen = set()
    for hours in range(0, 24 * 30, 53):
        now = NOW + timedelta(hours=hours)
        drawn = site.home(lang, None, tz, site.data(), now, query)  # type: ignore[arg-type]
        whole = site.home(lang, None, tz, site.data(), now, query, composed=False)  # type: ignore[arg-type]
        assert drawn.body == whole.body
        seen |= {
            k for k in (b"coming-row", b"badge limited", b"badge unavailable") if k in drawn.body
        }
    assert seen == {b"coming-row", b"badge limited", b"badge unavailable"}


@settings(max_examples=400, deadline=None)
@given(
    at=st.datetimes(  # Hypothesis takes naive bounds, and gives aware datetimes in UTC
        min_value=datetime(1900, 1, 1),  # noqa: DTZ001
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    zone=st.sampled_from(
        [
            "America/Toronto",
            "America/St_Johns",
            "America/Regina",
            "Europe/Paris",
            "Asia/Kolkata",
            "Africa/Monrovia",  # an offset of -0:44:30 until 1972: links name the moment in UTC
            "Pacific/Chatham",
            "UTC",
        ]
    ),
    lang=st.sampled_from(["fr", "en"]),
    query=st.sampled_from(["at=2025-06-30T19:00Z", "tz=Europe/Paris&at=x<&>", ""]),
)
def test_the_moment_written_directly_is_what_the_templates_print(
    at: datetime, zone: str, lang: str, query: str
) -> None:
    """`moment_values` runs per request of another moment; it stands for the general functions
    (format_instant held together and escaped, strftime, the link's moment quoted)."""
    tz = ZoneInfo(zone)
    assert moment_values(at, tz, lang, query) == _slow_values(at, tz, lang, query)  # type: ignore[arg-type]


def test_the_moment_written_directly_at_the_edges() -> None:
    toronto = ZoneInfo("America/Toronto")
    noon = datetime(2025, 7, 1, 16, 0, tzinfo=UTC)  # 12:00 EDT, the first of the month
    assert moment_values(noon, toronto, "en", "")[:3] == (
        b"July 1, 2025, noon ET",
        b"2025-07-01T12:00",
        b"2025-07-01T12%3A00-04%3A00",
    )
    assert moment_values(noon, toronto, "fr", "")[0] == "1er juillet 2025, 12\u00a0h (HE)".encode()
    late = datetime(2025, 1, 2, 4, 59, tzinfo=UTC)  # 23:59 EST the day before
    assert moment_values(late, toronto, "fr", "")[0] == (
        "1er janvier 2025, 23\u00a0h\u00a059 (HE)".encode()
    )
    assert (
        moment_values(late, toronto, "en", "")[0] == "January 1, 2025, 11:59\u00a0p.m. ET".encode()
    )
    kolkata = moment_values(late, ZoneInfo("Asia/Kolkata"), "en", "")[2]
    assert kolkata == b"2025-01-02T10%3A29%2B05%3A30"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=5_000), st.integers(min_value=0, max_value=5)),
        unique_by=lambda p: p[0],
        max_size=300,
    )
)
def test_places_kept_as_runs_stand_for_every_place(marked: list[tuple[int, int]]) -> None:
    """A page's places are kept as runs of equal steps (`places`); `spread` gives them back."""
    kept = places([place for place, _ in marked], bytes(code for _, code in marked))
    assert sorted(spread(kept)) == sorted((code, place) for place, code in marked)
    assert len(kept) <= max(len(marked), 1)


def test_rows_every_third_piece_are_one_run() -> None:
    assert places([4, 7, 10, 13, 16, 40, 41], bytes(7)) == ((0, 4, 5, 3), (0, 40, 2, 1))
