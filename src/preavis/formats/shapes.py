"""The documented JSON shapes of Préavis answers (see docs/json.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Interruption
from preavis.domain.maintenance import Maintenance
from preavis.domain.problems import Problem
from preavis.domain.revision import Revision
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.timeline import Phase, ServiceStatus, Snapshot

Json = dict[str, Any]


def iso(at: datetime | None, tz: ZoneInfo, timespec: str = "seconds") -> str | None:
    """RFC 3339 with the offset of the display zone, to the second.

    Before time zones were standard, zones had offsets in seconds (Toronto's local mean time
    was -05:17:32), which RFC 3339 cannot write: such instants are given in UTC.
    """
    if at is None:
        return None
    local = at.astimezone(tz)
    offset = local.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        local = at.astimezone(UTC)
    return local.isoformat(timespec=timespec)


def interruption(item: Interruption, lang: Lang, tz: ZoneInfo) -> Json:
    return {
        "impact": item.impact.value,
        "description": item.description.get(lang),
        "starts_at": iso(item.starts_at, tz),
        "ends_at": iso(item.ends_at, tz),
    }


def service_status(status: ServiceStatus, lang: Lang, tz: ZoneInfo) -> Json:
    return {
        "slug": status.service.slug,
        "name": status.service.name.get(lang),
        "impact": status.impact.value,
        "back_at": iso(status.back_at, tz),
        "interruptions": [interruption(i, lang, tz) for i in status.interruptions],
    }


def snapshot(snap: Snapshot, lang: Lang, tz: ZoneInfo) -> Json:
    return {
        "at": iso(snap.at, tz),
        "timezone": tz.key,
        "lang": lang,
        "services": [service_status(s, lang, tz) for s in snap.services],
    }


def phases(items: Iterable[Phase], lang: Lang, tz: ZoneInfo) -> Json:
    return {
        "timezone": tz.key,
        "lang": lang,
        "phases": [
            {
                "starts_at": iso(p.starts_at, tz),
                "ends_at": iso(p.ends_at, tz),
                "services": [service_status(s, lang, tz) for s in p.services],
            }
            for p in items
        ],
    }


def timeline(service: Service, segments: Iterable[ServiceStatus], lang: Lang, tz: ZoneInfo) -> Json:
    return {
        "timezone": tz.key,
        "lang": lang,
        "service": {"slug": service.slug, "name": service.name.get(lang)},
        "segments": [
            {
                "starts_at": iso(s.since, tz),
                "ends_at": iso(s.until, tz),
                "impact": s.impact.value,
                "back_at": iso(s.back_at, tz),
                "interruptions": [interruption(i, lang, tz) for i in s.interruptions],
            }
            for s in segments
        ],
    }


def problems(items: Iterable[Problem]) -> list[Json]:
    return [
        {"severity": p.severity.value, "line": p.line, "field": p.field, "message": p.message}
        for p in items
    ]


def bilingual(fr: str, en: str) -> Json:
    return {"fr": fr, "en": en}


def maintenance(m: Maintenance, revision: int) -> Json:
    """A stored maintenance with both languages, instants in its own zone."""
    tz = m.zone
    return {
        "slug": m.slug,
        "title": bilingual(m.title.fr, m.title.en),
        "summary": bilingual(m.summary.fr, m.summary.en),
        "timezone": m.timezone,
        "state": m.state.value,
        "starts_at": iso(m.starts_at, tz),
        "ends_at": iso(m.ends_at, tz),
        "revision": revision,
        "interruptions": [
            {
                "key": i.key,
                "service": i.service,
                "impact": i.impact.value,
                "starts_at": iso(i.starts_at, tz),
                "ends_at": iso(i.ends_at, tz),
                "description": bilingual(i.description.fr, i.description.en),
            }
            for i in m.interruptions
        ],
    }


def service(s: Service, revision: int) -> Json:
    return {
        "slug": s.slug,
        "name": bilingual(s.name.fr, s.name.en),
        "group": s.group,
        "channel": s.channel.value if s.channel else None,
        "retired": s.retired,
        "revision": revision,
    }


def revision(r: Revision) -> Json:
    return {
        "number": r.number,
        "actor": r.actor,
        "at": r.at.isoformat(timespec="seconds"),
        "reason": r.reason,
        "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in r.changes],
    }
