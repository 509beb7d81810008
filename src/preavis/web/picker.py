"""The moment picker's time zones, named as people say them ("heure de l’Est (HE)"), for the
pages that show the picker and for the error page of a moment that cannot be shown."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from preavis.domain.text import Lang
from preavis.domain.zones import zone
from preavis.formats.wording import zone_name

PICKER_PLACES = {"America/Winnipeg": " — Manitoba", "America/Regina": " — Saskatchewan"}
PICKER_ZONES = (
    "America/St_Johns", "America/Halifax", "America/Toronto", "America/Winnipeg",
    "America/Regina", "America/Edmonton", "America/Vancouver", "UTC",
)  # fmt: skip


def picker_zones(lang: Lang, site_zone: ZoneInfo) -> list[tuple[str, str]]:
    """(IANA key, name) of each zone the picker offers; the site's own zone first if it is
    not one of them."""
    zones = [(k, f"{zone_name(zone(k), lang)}{PICKER_PLACES.get(k, '')}") for k in PICKER_ZONES]
    if site_zone.key not in PICKER_ZONES:
        zones.insert(0, (site_zone.key, zone_name(site_zone, lang)))
    return zones
