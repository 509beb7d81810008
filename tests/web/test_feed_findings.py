"""What the public-side QA round (session 9) found in the Atom feeds, read as a feed reader
would: the feed's own link to the site must lead to a page (it led to `/en`, a 404), a
service's feed leads to that service's page, and a moved interruption says its start before
its end."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

from preavis.actions import maintenances
from tests.web.conftest import EXAMPLE, Public

NS = {"a": "http://www.w3.org/2005/Atom"}


def _alternate(body: bytes) -> str:
    feed = ET.fromstring(body)
    [link] = [x for x in feed.findall("a:link", NS) if x.get("rel") == "alternate"]
    return link.get("href", "")


def test_the_feeds_link_to_the_site_leads_to_a_page(public: Public) -> None:
    for lang, feed, page in (
        ("en", "/en/feed.atom", "/en/"),
        ("fr", "/fr/feed.atom", "/fr/"),
        ("en", "/en/services/ramassage-colis.atom", "/en/services/ramassage-colis"),
        ("fr", "/fr/services/ramassage-colis.atom", "/fr/services/ramassage-colis"),
    ):
        href = _alternate(public.get(feed).content)
        assert urlsplit(href).path == page, (feed, href)
        answer = public.get(urlsplit(href).path)
        assert answer.status_code == 200, (feed, href)
        assert f'<html lang="{lang}-CA"' in answer.text


def test_a_moved_interruption_says_its_start_before_its_end(public: Public) -> None:
    later = datetime.fromisoformat("2025-06-23T23:59-04:00")  # a day later
    maintenances.reschedule(public.ctx, slug=EXAMPLE, starts_at=later, reason="tests")
    for feed, start, end in (
        ("/en/services/ramassage-colis.atom", "Parcel pickup — start: ", "Parcel pickup — end: "),
        (
            "/fr/services/ramassage-colis.atom",
            "Ramassage de colis — début\u00a0: ",
            "Ramassage de colis — fin\u00a0: ",
        ),
    ):
        newest = ET.fromstring(public.get(feed).content).find("a:entry", NS)
        assert newest is not None
        lines = newest.findtext("a:content", "", NS).splitlines()
        starts = [n for n, line in enumerate(lines) if line.startswith(start)]
        ends = [n for n, line in enumerate(lines) if line.startswith(end)]
        assert starts and ends and len(starts) == len(ends), lines
        # Each window: its start, then its end (they were end, then start).
        assert all(s + 1 == e for s, e in zip(starts, ends, strict=True)), lines
    # The programme's own window too: "Start: …" then "End: …".
    newest = ET.fromstring(public.get("/en/feed.atom").content).find("a:entry", NS)
    assert newest is not None
    lines = newest.findtext("a:content", "", NS).splitlines()
    assert lines[0].startswith("Start: ") and lines[1].startswith("End: "), lines
