"""Atom feeds (RFC 4287): an entry when a maintenance is published and one for each later change.

The publication entry says what was announced, as it was then; each later entry says what
changed, old → new, after the decision's public note if it has one. The reason recorded with
a change is internal and never published.

A service's feed (`service=`) has the same entries, ids and times as the site's, but only
that service's part of each: an entry still names its programme and links to it, the
announcement gives the programme's window and only that service's interruptions, and a change
that touched only other services' interruptions is left out.

Written with the standard library's ElementTree, so the output depends only on the data
(stable ETags): `updated` comes from the revisions, never from the clock. Text goes through the
domain's character rule again (data stored before it existed): XML 1.0 cannot carry most
control characters, even escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Impact
from preavis.domain.maintenance import Maintenance
from preavis.domain.revision import Revision, Scalar, flatten_maintenance, public_note
from preavis.domain.service import Service
from preavis.domain.text import Lang, clean_line, clean_lines
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_window

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
_KIND = {
    "fr": {"published": "Publiée", "updated": "Mise à jour", "cancelled": "Annulée"},
    "en": {"published": "Published", "updated": "Updated", "cancelled": "Cancelled"},
}
_WORDS = {
    "fr": {
        "cancelled": "Cette maintenance est annulée.",
        "start": "début",
        "end": "fin",
        "impact": "impact",
        "title": "titre",
        "summary": "résumé",
        "description": "description",
        "window": "période",
        "added": "ajoutée",
        "removed": "retirée",
        "none": "aucun",
    },
    "en": {
        "cancelled": "This maintenance is cancelled.",
        "start": "start",
        "end": "end",
        "impact": "impact",
        "title": "title",
        "summary": "summary",
        "description": "description",
        "window": "period",
        "added": "added",
        "removed": "removed",
        "none": "none",
    },
}
Flat = dict[str, Scalar]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FeedItem:
    maintenance: Maintenance
    changes: tuple[Revision, ...]  # since publication, the first being the publication


def concerns(m: Maintenance, service: str) -> bool:
    """Whether `m` interrupts `service` (its feed and calendar hold `m`)."""
    return any(i.service == service for i in m.interruptions)


def _kind(revision: Revision, first: bool) -> str:
    for change in revision.changes:
        if change.field == "state" and change.after == "cancelled":
            return "cancelled"
    return "published" if first else "updated"


def _rewind(m: Maintenance, later: Iterable[Revision]) -> Flat:
    """The maintenance's fields as they were before the `later` revisions."""
    flat = flatten_maintenance(m)
    for revision in sorted(later, key=lambda r: r.number, reverse=True):
        for change in revision.changes:
            if change.before is None:
                flat.pop(change.field, None)
            else:
                flat[change.field] = change.before
    return flat


def _at(value: Scalar) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _colon(lang: Lang) -> str:
    return "\u00a0: " if lang == "fr" else ": "


Window = tuple[datetime, datetime, dict[str, Scalar]]


@dataclass(frozen=True, slots=True)
class _Announced:
    """What an announcement shows, in no language yet: its window and interruptions."""

    start: datetime | None
    end: datetime | None
    windows: tuple[Window, ...]  # (start, end, fields) of each interruption, in order
    by_service: dict[str, tuple[Window, ...]]  # the same, by service


def _announced(flat: Flat) -> _Announced:
    items: dict[str, dict[str, Scalar]] = {}
    for field, value in flat.items():
        if field.startswith("interruptions."):  # interruptions.<key>.<field>, keys have no dot
            key, _, rest = field.removeprefix("interruptions.").partition(".")
            items.setdefault(key, {})[rest] = value
    windows = [
        (start, end, item)
        for item in items.values()
        if (start := _at(item.get("starts_at"))) and (end := _at(item.get("ends_at")))
    ]
    start, end = _at(flat.get("starts_at")), _at(flat.get("ends_at"))
    if (start is None or end is None) and windows:
        start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    windows.sort(key=lambda w: (w[0], str(w[2].get("service"))))
    by_service: dict[str, list[Window]] = {}
    for window in windows:
        by_service.setdefault(str(window[2].get("service")), []).append(window)
    shared = {slug: tuple(found) for slug, found in by_service.items()}
    return _Announced(start, end, tuple(windows), shared)


def _announcement(
    flat: Flat,
    shown: _Announced,
    services: Mapping[str, Service],
    lang: Lang,
    tz: ZoneInfo,
    only: str | None = None,
) -> str:
    """What was announced: the window, the summary and each interruption (only `only`'s when
    given), in the page's words. Never the reason recorded with the change: that is internal."""
    lines = []
    start, end = shown.start, shown.end
    if start is not None and end is not None:
        lines.append(format_window(start, end, tz, lang, year=True))
    summary = flat.get(f"summary.{lang}")
    if isinstance(summary, str) and summary:
        lines.append(clean_lines(summary))
    for first, last, item in shown.windows if only is None else shown.by_service.get(only, ()):
        slug = str(item.get("service"))
        service = services.get(slug)
        name = clean_line(service.name.get(lang)) if service else slug
        impact = IMPACT_WORDS[lang].get(Impact(str(item.get("impact"))), "")
        window = format_window(first, last, tz, lang, label=False)
        lines.append(f"• {name} — {impact} — {window}")
    return "\n".join(lines)


def _value(field: str, value: Scalar, lang: Lang, tz: ZoneInfo) -> str:
    words = _WORDS[lang]
    if value is None:
        return words["none"]
    if field.endswith("_at") and isinstance(value, str):
        return format_instant(datetime.fromisoformat(value), tz, lang, year=True)
    if field.endswith("impact"):
        return IMPACT_WORDS[lang].get(Impact(str(value)), str(value))
    text = clean_line(str(value))
    return f"«\u00a0{text}\u00a0»" if lang == "fr" else f"“{text}”"


def _update(
    revision: Revision,
    before: Flat,
    services: Mapping[str, Service],
    lang: Lang,
    tz: ZoneInfo,
    only: str | None = None,
) -> str:
    """What one change did, old → new, in the reader's language (fields of the other language
    and internal ones are left out; other services' interruptions too when `only` is given)."""
    words = _WORDS[lang]
    names = {"starts_at": "start", "ends_at": "end", "impact": "impact", f"title.{lang}": "title",
             f"summary.{lang}": "summary", f"description.{lang}": "description"}  # fmt: skip
    lines = []
    touched: dict[str, list[tuple[str, Scalar, Scalar]]] = {}
    order = list(names)  # a window's start before its end, whatever order the changes have
    for change in sorted(revision.changes, key=lambda c: _rank(c.field, order)):
        field = change.field
        if field.startswith("interruptions."):
            key, _, rest = field.removeprefix("interruptions.").partition(".")
            touched.setdefault(key, []).append((rest, change.before, change.after))
        elif field in names:
            was = _value(field, change.before, lang, tz)
            now = _value(field, change.after, lang, tz)
            lines.append(f"{words[names[field]].capitalize()}{_colon(lang)}{was} → {now}")
    after = dict(before)
    for change in revision.changes:
        after[change.field] = change.after
    for key, fields in touched.items():
        slug = after.get(f"interruptions.{key}.service") or before.get(
            f"interruptions.{key}.service"
        )
        if only is not None and only not in (slug, before.get(f"interruptions.{key}.service")):
            continue
        service = services.get(str(slug))
        name = clean_line(service.name.get(lang)) if service else str(slug)
        if all(old is None for _, old, _ in fields):
            shown = _announcement_line(after, key, lang, tz)
            lines.append(f"{name}{_colon(lang)}{words['added']} — {shown}")
            continue
        if all(new is None for _, _, new in fields):
            shown = _announcement_line(before, key, lang, tz)
            lines.append(f"{name}{_colon(lang)}{words['removed']} — {shown}")
            continue
        for rest, old, new in sorted(fields, key=lambda f: _rank(f[0], order)):
            if rest not in names:
                continue
            shown_old, shown_new = _value(rest, old, lang, tz), _value(rest, new, lang, tz)
            lines.append(f"{name} — {words[names[rest]]}{_colon(lang)}{shown_old} → {shown_new}")
    return "\n".join(lines)


def _rank(field: str, order: list[str]) -> int:
    """Where a field's line goes: in `order` (start, end, impact, texts), the others after;
    the interruptions' changes after the programme's, in the order they came (sorts are
    stable)."""
    if field.startswith("interruptions."):
        return len(order) + 1
    return order.index(field) if field in order else len(order)


def _announcement_line(flat: Flat, key: str, lang: Lang, tz: ZoneInfo) -> str:
    base = f"interruptions.{key}"
    start, end = _at(flat.get(f"{base}.starts_at")), _at(flat.get(f"{base}.ends_at"))
    impact = flat.get(f"{base}.impact")
    word = IMPACT_WORDS[lang].get(Impact(str(impact)), "") if impact else ""
    window = format_window(start, end, tz, lang, label=True) if start and end else ""
    return f"{word} — {window}" if word else window


def _elsewhere(revision: Revision, before: Flat, only: str) -> bool:
    """Whether `revision` changed only interruptions of services other than `only` (besides
    its note and internal fields): such a change has no place in `only`'s feed."""
    public = ("starts_at", "ends_at", "state", "title.", "summary.", "description.")
    touched = False
    for change in revision.changes:
        field = change.field
        if field.startswith("interruptions."):
            key = field.removeprefix("interruptions.").partition(".")[0]
            base = f"interruptions.{key}.service"
            if only in (before.get(base), *(c.after for c in revision.changes if c.field == base)):
                return False
            touched = True
        elif field.startswith(public):
            return False
    return touched


Shared = dict[tuple[int, int, str], tuple[Maintenance, tuple[Revision, ...], Any]]


def _shared(item: FeedItem, what: str, make: Callable[[], T], shared: Shared | None) -> T:
    """`make()` (`what` of `item`), worked out once for all the feeds rendered with the same
    `shared` (the static export renders the site's feed and every service's from the same data);
    never to be changed by the caller."""
    if shared is None:
        return make()
    key = (id(item.maintenance), id(item.changes), what)
    found = shared.get(key)
    if found is not None and found[0] is item.maintenance and found[1] is item.changes:
        return cast(T, found[2])
    value = make()
    shared[key] = (item.maintenance, item.changes, value)
    return value


def _contents(
    item: FeedItem,
    services: Mapping[str, Service],
    lang: Lang,
    only: str | None = None,
    shared: Shared | None = None,
) -> list[str | None]:
    """Each revision's entry text: the announcement as it was published (later changes do not
    rewrite it), then what each change did; None for a change that is not `only`'s part."""
    m = item.maintenance
    tz = m.zone
    out: list[str | None] = []
    published = _shared(item, "before 1", lambda: _rewind(m, item.changes[1:]), shared)
    state = dict(published)
    for n, revision in enumerate(item.changes):
        if n:
            for change in revision.changes:
                state[change.field] = change.after
        note = _shared(item, f"note {n}", partial(public_note, revision), shared).get(lang)
        lines = [clean_lines(note)] if note else []  # written for the public, unlike the reason
        if _kind(revision, n == 0) == "cancelled":
            lines.insert(0, _WORDS[lang]["cancelled"])
        elif n == 0:
            shown = _shared(item, "announced", lambda: _announced(published), shared)
            lines.append(_announcement(state, shown, services, lang, tz, only))
        else:
            before = _shared(item, f"before {n}", partial(_rewind, m, item.changes[n:]), shared)
            if only is not None and _elsewhere(revision, before, only):
                out.append(None)
                continue
            lines.append(_update(revision, before, services, lang, tz, only))
        out.append("\n".join(line for line in lines if line))
    return out


def feed(
    items: Iterable[FeedItem],
    services: Mapping[str, Service],
    lang: Lang,
    *,
    title: str,
    feed_id: str,
    self_url: str,
    site_url: str,
    service: str | None = None,
    shared: Shared | None = None,
    page_url: str = "",
) -> bytes:
    """The feed, newest entry first: `service`'s part of each entry when given; its link to
    the site leads to `page_url` (the service's page), else to the home page of `site_url`.
    Feeds of the same data rendered with the same `shared` (an empty dict at first) work out
    each programme once (the static export); the live site renders a feed at a time and keeps
    its bytes."""
    entries = []
    for item in items:
        m = item.maintenance
        contents = _contents(item, services, lang, service, shared)
        for n, revision in enumerate(item.changes):
            text = contents[n]
            if text is not None:  # the number only: each item's history may go once read
                entries.append((revision.at, m, revision.number, _kind(revision, n == 0), text))
    entries.sort(key=lambda e: (e[0], e[1].slug, e[2]), reverse=True)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": f"{lang}-CA"})
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(root, f"{{{ATOM}}}title").text = clean_line(title)
    updated = entries[0][0] if entries else datetime(2000, 1, 1, tzinfo=UTC)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = updated.isoformat(timespec="seconds")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    home = page_url or f"{site_url.rstrip('/')}/"  # "/en" is no page; "/en/" is
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": home})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Préavis"
    for at, m, number, kind, text in entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:preavis:{m.slug}:r{number}"
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
        content.text = text
    body = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + bytes(body)
