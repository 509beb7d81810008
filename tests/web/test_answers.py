"""Kept answers (web/answers.py): a request answered again from what was sent, while nothing
it holds can change, must be byte for byte what the front's whole path would send, and never
outlive a data check, a change instant's countdown, the origin its links hold or its phase."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from preavis.actions import data, maintenances
from preavis.domain import Schedule
from preavis.domain.zones import parse_instant
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web import answers as answers_module
from preavis.web.answers import Answer, Answers, quick_moment
from preavis.web.app import create_app
from preavis.web.front import PublicFront
from tests.conftest import TickingClock, context
from tests.web.conftest import EXAMPLE, JUNE_30

PATHS = [
    "/fr/",
    "/en/",
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/fr/calendar.ics",
    "/en/feed.atom",
    "/fr/badge.svg",
    "/fr/maintenances",
    f"/fr/maintenances/{EXAMPLE}",
    "/en/widget",
    "/en/feeds",
]


class Served:
    def __init__(self, client: TestClient, clock: TickingClock, front: PublicFront, ctx: Any):
        self.client, self.clock, self.front, self.ctx = client, clock, front, ctx

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, follow_redirects=False, **kw)


@pytest.fixture
def served(store: Store, example: Schedule) -> Iterator[Served]:
    """The example published, served at a fixed moment with the real refresh period."""
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    clock = TickingClock(JUNE_30)
    settings = Settings(database_url=store.url, allowed_hosts=("*",))
    front = create_app(settings, store=store, clock=clock)
    with TestClient(front) as client:
        yield Served(client, clock, front, ctx)


def sent(response: Any) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
    headers = tuple((k, v) for k, v in response.headers.items() if k != "date")
    return response.status_code, headers, response.content


def test_an_answer_kept_is_what_the_whole_path_sends(served: Served) -> None:
    paths = PATHS
    for encoding in ("gzip", "identity"):
        for path in paths:
            first = served.get(path, headers={"Accept-Encoding": encoding})
            assert first.status_code == 200, path
            again = served.get(path, headers={"Accept-Encoding": encoding})
            assert sent(again) == sent(first), path
    assert len(served.front.answers) == 2 * len(paths)  # every one was kept, both encodings


def test_an_answer_is_not_kept_past_the_data_check(served: Served) -> None:
    before = served.get("/en/").text
    assert served.get("/en/").text == before  # answered from what was kept
    maintenances.cancel(served.ctx, slug=EXAMPLE)
    assert served.get("/en/").text == before  # within the second, as every cache does
    served.clock.at += timedelta(seconds=1)  # the data's check is due
    after = served.get("/en/").text
    assert after != before and "Cancelled" in after


def test_no_answer_is_kept_when_max_age_counts_down_to_a_change(served: Served) -> None:
    site = served.front.site
    served.get("/fr/")  # a view of now: the version knows its next change
    version = site.served
    assert version is not None and version.valid_until is not None
    change = version.valid_until
    ages = []
    for moment in (-20, -19.5, -15):  # half a second: within the data's check period
        served.clock.at = change + timedelta(seconds=moment)
        ages.append(served.get("/fr/").headers["cache-control"])
    assert ages == ["public, max-age=20", "public, max-age=19", "public, max-age=15"]
    served.clock.at = change + timedelta(seconds=1)  # the next phase: its own page
    crossed = served.get("/fr/")
    assert crossed.headers["cache-control"] != ages[-1]


def crossing(store: Store, example: Schedule) -> tuple[list[tuple[Any, ...]], int]:
    """What a reader of the home page is sent from 31 s before a change instant to past it."""
    data.apply_schedule(context(store), schedule=example, publish=True)
    clock = TickingClock(JUNE_30)
    front = create_app(Settings(database_url=store.url), store=store, clock=clock)
    got = []
    with TestClient(front) as client:
        client.get("/fr/")
        version = front.site.served
        assert version is not None and version.valid_until is not None
        change = version.valid_until
        # Steps under a second: within the data's check period, the change alone must tell.
        for moment in (-31, -31, -30.5, -20, -19.5, -0.9, 0.05, 0.5, 1.5, 45):
            clock.at = change + timedelta(seconds=moment)
            got.append((moment, *sent(client.get("/fr/"))))
            got.append((moment, *sent(client.get("/fr/?at=2025-06-26T11:17-04:00"))))
    return got, len(front.answers)


def test_a_kept_answer_does_not_outlive_its_change_instant(
    store: Store, example: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, count = crossing(store, example)
    assert count > 0
    assert kept[0][1:] == kept[2][1:]  # the same page, kept
    assert kept[0][3] != kept[12][3]  # past the change instant: what "now" shows changes
    monkeypatch.setattr(Answers, "keep", lambda *a: None)  # no answer kept: the whole path
    monkeypatch.setattr(Answers, "keep_phase", lambda *a: None)
    whole, none = crossing(store, example)
    assert none == 0 and kept == whole


def test_an_answer_whose_links_hold_an_origin_is_only_given_for_that_origin(
    served: Served,
) -> None:
    for _ in range(2):
        one = served.get("/en/feed.atom", headers={"Host": "one.example"}).text
        two = served.get("/en/feed.atom", headers={"Host": "two.example"}).text
        assert "http://one.example/en" in one and "two.example" not in one
        assert "http://two.example/en" in two and "one.example" not in two
    proxied = served.get("/en/feed.atom", headers={"Host": "two.example", "X-Forwarded-Proto":
                         "https", "X-Forwarded-Host": "three.example"})  # fmt: skip
    assert "three.example" not in proxied.text  # a proxy is not trusted unless configured


def test_a_kept_answer_honours_if_none_match(served: Served) -> None:
    first = served.get("/fr/", headers={"Accept-Encoding": "gzip"})
    tag = first.headers["etag"]
    slow = served.get("/fr/", headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    fast = served.get("/fr/", headers={"Accept-Encoding": "gzip", "If-None-Match": f"W/{tag}"})
    assert slow.status_code == fast.status_code == 304
    assert fast.content == b""
    assert sent(fast)[1] == sent(slow)[1]
    other = served.get("/fr/", headers={"Accept-Encoding": "gzip", "If-None-Match": '"other"'})
    assert other.status_code == 200 and sent(other) == sent(first)


def test_head_and_other_queries_take_the_whole_path(served: Served) -> None:
    served.get("/fr/")
    head = served.client.head("/fr/")
    assert head.status_code == 200 and head.content == b""
    assert served.get("/fr/?utm_source=x").status_code == 200
    assert len(served.front.answers) == 1  # neither the HEAD nor the other query was kept


def test_every_moment_of_a_phase_gets_its_kept_answer(served: Served) -> None:
    same_phase = ["2025-06-26T00:30-04:00", "2025-06-26T11:17-04:00", "2025-06-26T04:17Z"]
    pages = [served.get(f"/fr/?at={at}", headers={"Accept-Encoding": "gzip"}) for at in same_phase]
    pages += [served.get(f"/fr/?at={at}", headers={"Accept-Encoding": "gzip"}) for at in same_phase]
    assert len({sent(p) for p in pages}) == 1
    assert any(key[1] >= 0 for key in served.front.answers._kept)  # kept by phase
    # Another phase, and a moment in the link's other form: each its own page.
    other = served.get("/fr/?at=2025-06-20T09:00-04:00").content
    assert other != pages[0].content
    encoded = served.get("/fr/?at=2025-06-26T04%3A17Z", headers={"Accept-Encoding": "gzip"})
    assert sent(encoded) == sent(pages[0])


def test_phase_answers_go_with_the_version_they_were_counted_in(served: Served) -> None:
    at = "/en/?at=2025-06-26T00:30-04:00"
    before = served.get(at).text
    assert served.get(at).text == before
    maintenances.cancel(served.ctx, slug=EXAMPLE)
    served.clock.at += timedelta(seconds=1)
    served.get("/en/")  # the check: a new version, with its own change instants
    after = served.get(at).text
    assert after != before
    assert served.get(at).text == after


def test_a_moment_that_is_not_a_real_instant_is_explained_not_answered(served: Served) -> None:
    served.get("/fr/?at=2025-06-26T00:30-04:00")
    wrong = served.get("/fr/?at=2025-02-30T00:30-04:00")
    assert wrong.status_code == 422 and "2025-02-30" in wrong.text


NOW = datetime(2026, 1, 1, tzinfo=UTC)


def answer(size: int, seconds: int = 3600) -> Answer:
    return Answer([], [], b'"x"', b"x" * size, NOW + timedelta(seconds=seconds), None)


def test_the_answers_are_capped_by_count_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = Answers()
    for n in range(answers_module.LIMIT):
        kept.keep(f"/p{n}", False, answer(10), NOW)
    assert len(kept) == answers_module.LIMIT
    kept.keep("/one-more", False, answer(10), NOW)
    assert len(kept) == 1 and kept.get("/one-more", False) is not None  # started afresh
    kept.keep("/big", False, answer(answers_module.LARGEST + 1), NOW)
    assert kept.get("/big", False) is None  # too big to be kept here
    monkeypatch.setattr(answers_module, "BYTES", 1000)
    kept.keep("/a", False, answer(600), NOW)
    kept.keep("/b", False, answer(600), NOW)
    assert kept.get("/b", False) is not None and kept.get("/a", False) is None
    kept.keep("/b", False, answer(100), NOW)  # replaced: its old bytes no longer counted
    kept.keep("/c", False, answer(800), NOW)
    assert kept.get("/b", False) is not None and kept.get("/c", False) is not None


def test_answers_past_their_time_go_first_when_the_table_is_full() -> None:
    kept = Answers()
    for n in range(answers_module.LIMIT - 1):
        kept.keep(f"/old{n}", False, answer(10, seconds=1), NOW)
    kept.keep("/live", False, answer(10), NOW)
    later = NOW + timedelta(seconds=2)  # the old ones' time is past, not the last one's
    kept.keep("/new", False, answer(10, seconds=3600), later)
    assert len(kept) == 2
    assert kept.get("/live", False) is not None and kept.get("/new", False) is not None


def test_phase_answers_of_another_version_go_and_those_of_now_stay() -> None:
    kept = Answers()
    first, second = object(), object()
    kept.keep("/fr/", True, answer(1), NOW)
    kept.keep_phase("/fr/", 3, True, answer(2), first, NOW)
    assert kept.phase("/fr/", 3, True) is not None
    kept.keep_phase("/fr/", 4, True, answer(3), second, NOW)
    assert kept.phase("/fr/", 3, True) is None and kept.phase("/fr/", 4, True) is not None
    assert kept.get("/fr/", True) is not None and kept.counted is second


@pytest.mark.parametrize(
    "query",
    [
        b"at=2025-06-26T00:30+02:00",  # a "+" is a space in a query
        b"at=2025-06-26T00:30%2B02:00",
        b"at=2025-06-26T00:30-04:00&tz=America/Vancouver",
        b"at=2025-06-26T00:30",
        b"at=2025-06-26T00:30z",
        b"at=2025-06-26 00:30Z",
        b"at=2025-02-30T00:30Z",
        b"at=",
        b"when=2025-06-26T00:30",
        b"at=2025-06-26T00:30-24:00",
        b"at=2025-06-26T00:30:00.5Z",
        b"at=2500-06-26T00:30Z",  # out of the range instants are accepted in
        b"at=1899-12-31T23:59Z",
    ],
)
def test_other_queries_are_not_read_as_a_quick_moment(query: bytes) -> None:
    assert quick_moment(query) is None


@given(
    st.datetimes(  # wall times, written with an offset below
        min_value=datetime(1900, 1, 2),  # noqa: DTZ001
        max_value=datetime(2199, 12, 30),  # noqa: DTZ001
    ),
    st.integers(min_value=-23 * 60 - 59, max_value=0),
    st.booleans(),
)
def test_a_quick_moment_is_the_instant_the_front_reads(
    wall: datetime, minutes: int, seconds: bool
) -> None:
    sign = "-" if minutes < 0 else ""
    offset = f"{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}" if minutes else "Z"
    text = wall.strftime("%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M") + offset
    read = quick_moment(f"at={text}".encode())
    assert read is not None
    assert read == parse_instant(text, None, "at")
    assert read.utcoffset() == parse_instant(text, None, "at").utcoffset()
