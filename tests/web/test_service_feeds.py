"""A service's Atom feed holds only that service's part of each entry (live site and export)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from icalendar import Calendar

from preavis.actions import maintenances
from preavis.web.export import export_site
from preavis.web.site import Site
from tests.conftest import TickingClock
from tests.web.conftest import EXAMPLE, Public

NS = {"a": "http://www.w3.org/2005/Atom"}
MOMENT = datetime.fromisoformat("2025-06-28T12:00-04:00")


def entries(body: bytes) -> tuple[ET.Element, list[dict[str, str]]]:
    feed = ET.fromstring(body)
    found = [
        {
            "id": e.findtext("a:id", "", NS),
            "title": e.findtext("a:title", "", NS),
            "updated": e.findtext("a:updated", "", NS),
            "link": next(iter(e.findall("a:link", NS))).get("href", ""),
            "content": e.findtext("a:content", "", NS),
        }
        for e in feed.findall("a:entry", NS)
    ]
    return feed, found


def bullets(content: str) -> list[str]:
    return [line for line in content.splitlines() if line.startswith("•")]


def shorten_the_shop(public: Public) -> None:
    """A change that touches only the online shop's interruption."""
    m, _ = maintenances.get_maintenance(public.ctx, slug=EXAMPLE)
    shop = next(i for i in m.interruptions if i.service == "boutique-en-ligne")
    shorter = replace(shop, ends_at=datetime.fromisoformat("2025-07-01T07:00-04:00"))
    maintenances.edit_interruption(public.ctx, slug=EXAMPLE, key=shop.key, interruption=shorter)


def test_a_service_feed_holds_only_that_services_interruptions(public: Public) -> None:
    shorten_the_shop(public)
    _, every = entries(public.get("/en/feed.atom").content)
    assert [e["title"] for e in every] == ["Updated: System upgrade", "Published: System upgrade"]
    assert len(bullets(every[1]["content"])) == 28  # the whole programme (26 services)

    pickup, mine = entries(public.get("/en/services/ramassage-colis.atom").content)
    # The shop's change is not the parcel pickup's: only the publication, with the same id and
    # time as in the site's feed (a reader that has seen it does not see it again), naming the
    # programme and linking to it.
    assert [e["title"] for e in mine] == ["Published: System upgrade"]
    assert mine[0]["id"] == every[1]["id"] and mine[0]["updated"] == every[1]["updated"]
    assert mine[0]["link"].endswith(f"/en/maintenances/{EXAMPLE}")
    assert pickup.findtext("a:updated", "", NS) == mine[0]["updated"]  # its own newest entry
    assert pickup.findtext("a:id", "", NS) == "urn:preavis:feed:en:ramassage-colis"
    lines = mine[0]["content"].splitlines()
    assert "July 2, 2025" in lines[0]  # the programme's window, then its summary
    assert lines[1].startswith("While our systems are upgraded")
    assert bullets(mine[0]["content"]) == [
        "• Parcel pickup — limited — From June 25, 11:59 p.m. to June 30, 6 p.m.",
        "• Parcel pickup — unavailable — From June 30, 6 p.m. to July 2, 7 a.m.",
    ]
    assert "Online shop" not in public.get("/en/services/ramassage-colis.atom").text

    _, shop = entries(public.get("/fr/services/boutique-en-ligne.atom").content)
    assert [e["title"] for e in shop] == [
        "Mise à jour : Mise à niveau du système",
        "Publiée : Mise à niveau du système",
    ]
    assert shop[0]["content"] == (
        "Boutique en ligne — fin\u00a0: 2 juillet 2025, 7 h (HE) → 1er juillet 2025, 7 h (HE)"
    )
    assert [line.split(" — ")[0] for line in bullets(shop[1]["content"])] == ["• Boutique en ligne"]


def test_a_programme_wide_change_stays_in_every_service_feed(public: Public) -> None:
    later = datetime.fromisoformat("2025-07-02T09:00-04:00")
    maintenances.extend(public.ctx, slug=EXAMPLE, ends_at=later, reason="tests")
    _, mine = entries(public.get("/en/services/inscription.atom").content)
    assert [e["title"] for e in mine] == ["Updated: System upgrade", "Published: System upgrade"]
    update = mine[0]["content"].splitlines()
    assert update[0] == "End: July 2, 2025, 7 a.m. ET → July 2, 2025, 9 a.m. ET"
    assert all(not line.startswith("Online shop") for line in update)


def test_the_export_writes_the_same_per_service_feeds(public: Public, tmp_path: Path) -> None:
    shorten_the_shop(public)
    site = Site(public.ctx.store, TickingClock(MOMENT), url="https://status.example.org")
    done = export_site(site, tmp_path / "site")
    assert done.broken == ()
    for lang, name in (("fr", "Ramassage de colis"), ("en", "Parcel pickup")):
        body = (tmp_path / "site" / lang / "services" / "ramassage-colis.atom").read_bytes()
        _, mine = entries(body)
        assert len(mine) == 1
        assert [line.split(" — ")[0] for line in bullets(mine[0]["content"])] == [f"• {name}"] * 2
        assert mine[0]["link"] == f"https://status.example.org/{lang}/maintenances/{EXAMPLE}"
        # The service's calendar and timeline hold its two interruptions, no other.
        ics = Calendar.from_ical((tmp_path / "site" / lang / "services" / "ramassage-colis.ics")
                                 .read_bytes())  # fmt: skip
        events = list(ics.walk("VEVENT"))
        assert sorted(str(e["SUMMARY"]).split(" — ")[0] for e in events) == [name, name]
        suffix = "" if lang == "fr" else ".en"
        timeline = json.loads((tmp_path / "site" / "api" / "v1" / "services" / "ramassage-colis"
                               / f"timeline{suffix}.json").read_text())  # fmt: skip
        assert timeline["service"] == {"slug": "ramassage-colis", "name": name}
        shown = {i["starts_at"] for seg in timeline["segments"] for i in seg["interruptions"]}
        assert shown == {"2025-06-25T23:59:00-04:00", "2025-06-30T18:00:00-04:00"}
