"""Atom feeds (RFC 4287): an entry when a maintenance is published and one for each later change.

Written with the standard library's ElementTree, so the output depends only on the data
(stable ETags): `updated` comes from the revisions, never from the clock. Text goes through the
domain's character rule again (data stored before it existed): XML 1.0 cannot carry most
control characters, even escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from preavis.domain.maintenance import Maintenance
from preavis.domain.revision import Revision
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.formats.wording import IMPACT_WORDS, format_window

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
_KIND = {
    "fr": {"published": "Publiée", "updated": "Mise à jour", "cancelled": "Annulée"},
    "en": {"published": "Published", "updated": "Updated", "cancelled": "Cancelled"},
}
_WHY = {"fr": "Raison", "en": "Reason"}


@dataclass(frozen=True, slots=True)
class FeedItem:
    maintenance: Maintenance
    changes: tuple[Revision, ...]  # since publication, the first being the publication


def _kind(revision: Revision, first: bool) -> str:
    for change in revision.changes:
        if change.field == "state" and change.after == "cancelled":
            return "cancelled"
    return "published" if first else "updated"


def _content(
    m: Maintenance, services: Mapping[str, Service], lang: Lang, revision: Revision
) -> str:
    tz = m.zone
    lines = []
    if m.window is not None:
        lines.append(format_window(m.window[0], m.window[1], tz, lang, year=True))
    if m.summary.get(lang):
        lines.append(clean_lines(m.summary.get(lang)))
    for item in sorted(m.interruptions, key=lambda i: (i.starts_at, i.service)):
        service = services.get(item.service)
        name = clean_line(service.name.get(lang)) if service else item.service
        window = format_window(item.starts_at, item.ends_at, tz, lang, label=False)
        lines.append(f"• {name} — {IMPACT_WORDS[lang][item.impact]} — {window}")
    if revision.reason:
        reason = clean_lines(revision.reason)
        lines.append(f"{_WHY[lang]} : {reason}" if lang == "fr" else f"Reason: {reason}")
    return "\n".join(lines)


def feed(
    items: Iterable[FeedItem],
    services: Mapping[str, Service],
    lang: Lang,
    *,
    title: str,
    feed_id: str,
    self_url: str,
    site_url: str,
) -> bytes:
    """The feed, newest entry first."""
    entries = []
    for item in items:
        m = item.maintenance
        for n, revision in enumerate(item.changes):
            kind = _kind(revision, n == 0)
            entries.append((revision.at, m, revision, kind))
    entries.sort(key=lambda e: (e[0], e[1].slug, e[2].number), reverse=True)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": f"{lang}-CA"})
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(root, f"{{{ATOM}}}title").text = clean_line(title)
    updated = entries[0][0] if entries else datetime(2000, 1, 1, tzinfo=UTC)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = updated.isoformat(timespec="seconds")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Préavis"
    for at, m, revision, kind in entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:preavis:{m.slug}:r{revision.number}"
        heading = clean_line(m.title.get(lang))
        ET.SubElement(entry, f"{{{ATOM}}}title").text = (
            f"{_KIND[lang][kind]} : {heading}"
            if lang == "fr"
            else f"{_KIND[lang][kind]}: {heading}"
        )
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = at.isoformat(timespec="seconds")
        link = f"{site_url.rstrip('/')}/maintenances/{m.slug}"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": link})
        content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "text"})
        content.text = _content(m, services, lang, revision)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + bytes(body)
