"""The timeline chart: ticks that fit the span, Canadian month abbreviations, lane labels that
are never cut, readable labels on limited bars, a "now" marker, and the phone's strips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from preavis.domain import Impact, Interruption, Service, Text
from preavis.formats import svg
from tests.conftest import make_maintenance

SVG = "{http://www.w3.org/2000/svg}"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def chart(*items: Interruption, lang: str = "fr", **kw: object) -> ET.Element:
    services = {i.service: Service(i.service, Text(i.service.title(), i.service.title()))
                for i in items}  # fmt: skip
    return ET.fromstring(svg.gantt(make_maintenance(*items), services, lang, **kw))  # type: ignore[arg-type]


def texts(root: ET.Element, css: str) -> list[str]:
    return [
        "".join(e.itertext()).strip()
        for e in root.iter(f"{SVG}text")
        if css in (e.get("class") or "").split()
    ]


def test_an_eight_hour_maintenance_is_ticked_in_hours() -> None:
    night = Interruption("shop", Impact.UNAVAILABLE, t("2025-06-25T22:00-04:00"),
                         t("2025-06-26T06:00-04:00"), key="a")  # fmt: skip
    labels = texts(chart(night), "tick-label")
    # Midnight names the day; the chart spans 21:40 to 6:20 (a 2 % margin either side).
    assert labels == ["22 h", "23 h", "26 juin", "1 h", "2 h", "3 h", "4 h", "5 h", "6 h"]
    en = texts(chart(night, lang="en"), "tick-label")
    assert en[:3] == ["10 p.m.", "11 p.m.", "June 26"] and en[-1] == "6 a.m."
    day = Interruption("shop", Impact.UNAVAILABLE, t("2025-06-25T06:00-04:00"),
                       t("2025-06-26T06:00-04:00"), key="a")  # fmt: skip
    assert texts(chart(day), "tick-label")[:3] == ["6 h", "9 h", "12 h"]  # a day: every 3 hours


def test_ten_days_are_ticked_in_days_with_canadian_abbreviations() -> None:
    long = Interruption("shop", Impact.LIMITED, t("2025-06-25T20:00-04:00"),
                        t("2025-07-05T07:00-04:00"), key="a")  # fmt: skip
    labels = texts(chart(long), "tick-label")
    assert labels[:2] == ["26 juin", "27 juin"] and "1 juill." in labels and "5 juill." in labels
    assert not any("juil " in label or label.endswith("juil") for label in labels)
    winter = Interruption("shop", Impact.LIMITED, t("2025-12-01T20:00-05:00"),
                          t("2025-12-05T07:00-05:00"), key="a")  # fmt: skip
    assert "2 déc." in texts(chart(winter), "tick-label")
    assert "Dec. 2" in texts(chart(winter, lang="en"), "tick-label")


def test_long_lane_labels_wrap_instead_of_being_cut() -> None:
    slug = "portail"
    name = "Portail des partenaires Marketing Intelliposte (accès entreprises)"
    item = Interruption(slug, Impact.UNAVAILABLE, t("2025-06-25T20:00-04:00"),
                        t("2025-07-02T07:00-04:00"), key="a")  # fmt: skip
    m = make_maintenance(item)
    root = ET.fromstring(svg.gantt(m, {slug: Service(slug, Text(name, name))}, "fr"))
    label = next(e for e in root.iter(f"{SVG}text") if "lane-label" in (e.get("class") or ""))
    lines = [span.text or "" for span in label.iter(f"{SVG}tspan")]
    assert len(lines) == 2
    assert " ".join(lines) == name  # every word drawn
    assert all(len(line) * svg.CHAR <= svg.LABEL - 16 for line in lines)


def test_the_word_on_a_limited_bar_sits_on_a_plain_plate() -> None:
    item = Interruption("shop", Impact.LIMITED, t("2025-06-25T20:00-04:00"),
                        t("2025-07-02T07:00-04:00"), key="a")  # fmt: skip
    root = chart(item)
    bar = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "bar bar-limited")
    classes = [e.get("class") for e in bar]
    assert classes.index("bar-label-plate") < classes.index("bar-label")  # drawn under it


def test_now_is_marked_when_in_range() -> None:
    item = Interruption("shop", Impact.LIMITED, t("2025-06-25T20:00-04:00"),
                        t("2025-07-02T07:00-04:00"), key="a")  # fmt: skip
    assert texts(chart(item, now=t("2025-06-28T12:00-04:00")), "now-label") == ["Maintenant"]
    assert texts(chart(item, now=t("2025-08-28T12:00-04:00")), "now-label") == []
    both = chart(item, at=t("2025-06-27T12:00-04:00"), now=t("2025-06-28T12:00-04:00"), lang="en")
    assert texts(both, "now-label") == ["Now"]
    assert texts(both, "moment-label") == ["Moment shown: June 27, noon ET"]


def test_a_strip_places_each_window() -> None:
    first = Interruption("shop", Impact.LIMITED, t("2025-06-25T20:00-04:00"),
                         t("2025-06-30T18:00-04:00"), key="a")  # fmt: skip
    second = Interruption("shop", Impact.UNAVAILABLE, t("2025-06-30T18:00-04:00"),
                          t("2025-07-02T07:00-04:00"), key="b")  # fmt: skip
    root = ET.fromstring(svg.strip(make_maintenance(first, second), "shop"))
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("class") != "strip-track"]
    assert [r.get("class") for r in rects] == ["strip-limited", "strip-unavailable"]
    x0, w0 = float(rects[0].get("x") or 0), float(rects[0].get("width") or 0)
    assert abs(x0 + w0 - float(rects[1].get("x") or 0)) < 0.2  # one follows the other


def test_the_period_shown_is_a_band_between_its_edges() -> None:
    night = Interruption("shop", Impact.UNAVAILABLE, t("2025-06-25T22:00-04:00"),
                         t("2025-06-26T06:00-04:00"), key="a")  # fmt: skip
    period = (t("2025-06-26T00:00-04:00"), t("2025-06-26T02:00-04:00"))
    root = chart(night, period=period, at=period[0])
    bands = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "period"]
    assert len(bands) == 1
    edges = sorted(
        float(e.get("x1") or 0) for e in root.iter(f"{SVG}line") if e.get("class") == "moment"
    )
    x, width = float(bands[0].get("x") or 0), float(bands[0].get("width") or 0)
    assert edges == [x, round(x + width, 1)] and width > 0  # the band's two dashed edges
    # Two hours of the chart's 8 h 20 (21:40 to 6:20) between the edges
    first = chart(night, period=(t("2025-06-25T21:40-04:00"), t("2025-06-26T06:20-04:00")))
    whole = next(e for e in first.iter(f"{SVG}rect") if e.get("class") == "period")
    assert abs(width / float(whole.get("width") or 1) - 2 / (8 + 1 / 3)) < 0.01
    assert texts(root, "moment-label") == ["Période affichée"]
    assert texts(chart(night, lang="en", period=period), "moment-label") == ["Period shown"]
    # A period open at either end runs to the chart's edge; one outside it draws nothing.
    assert [e for e in chart(night, period=(None, period[1])).iter(f"{SVG}rect")
            if e.get("class") == "period"]  # fmt: skip
    outside = (t("2025-07-01T00:00-04:00"), None)
    assert not [e for e in chart(night, period=outside).iter(f"{SVG}rect")
                if e.get("class") == "period"]  # fmt: skip
