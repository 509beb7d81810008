"""The documented JSON shapes of Préavis answers (see docs/json.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from preavis.domain.interruption import Interruption
from preavis.domain.problems import Problem
from preavis.domain.service import Service
from preavis.domain.text import Lang
from preavis.domain.timeline import Phase, ServiceStatus, Snapshot

Json = dict[str, Any]


def iso(at: datetime | None, tz: ZoneInfo) -> str | None:
    """RFC 3339 with the offset of the display zone, to the second."""
    return None if at is None else at.astimezone(tz).isoformat(timespec="seconds")


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
