"""The timeline of a maintenance over the night daylight saving ends (session 9's QA round):
its hourly lines read "1 h", "1 h" (the hour happens twice), so a bar across them seemed to
last no time. A label that repeats says which: "1 h HAE", "1 h HNE" / "1 a.m. EDT",
"1 a.m. EST"; other labels stay as they were."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from preavis.domain import Impact, Interruption
from preavis.formats import svg
from tests.conftest import make_maintenance, make_service

SVG = "{http://www.w3.org/2000/svg}"


def _labels(lang: str, start: datetime, end: datetime) -> list[str]:
    item = Interruption(service="shop", impact=Impact.LIMITED, starts_at=start, ends_at=end)
    m = make_maintenance(item, timezone="America/Toronto")
    root = ET.fromstring(svg.gantt(m, {"shop": make_service("shop")}, lang))  # type: ignore[arg-type]
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "tick-label"]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [("fr", "1 h HAE", "1 h HNE"), ("en", "1\u00a0a.m. EDT", "1\u00a0a.m. EST")],
)
def test_the_repeated_hour_says_which_it_is(lang: str, first: str, second: str) -> None:
    # 2027-11-07, 00:30 EDT to 01:30 EST in Toronto: two hours.
    labels = _labels(
        lang, datetime(2027, 11, 7, 4, 30, tzinfo=UTC), datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
    )
    assert len(labels) == len(set(labels)), labels
    plain = [x.replace("\u00a0", " ") for x in labels]
    assert [x for x in plain if x.startswith("1")] == [
        first.replace("\u00a0", " "),
        second.replace("\u00a0", " "),
    ], labels


def test_a_night_without_a_change_keeps_its_labels() -> None:
    labels = _labels(
        "fr", datetime(2027, 11, 14, 5, 30, tzinfo=UTC), datetime(2027, 11, 14, 8, 30, tzinfo=UTC)
    )
    assert all("HNE" not in x and "HAE" not in x for x in labels), labels
