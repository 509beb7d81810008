"""Revisions: who changed what, when and why, as a field-level difference."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import LANGS, Text, check_text
from preavis.domain.zones import require_aware

Scalar = str | int | bool | None


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Scalar
    after: Scalar


@dataclass(frozen=True, slots=True)
class Revision:
    """One recorded change of a subject ("maintenance:slug", "service:slug", "token:name")."""

    subject: str
    number: int
    actor: str
    at: datetime
    reason: str
    changes: tuple[FieldChange, ...]

    def __post_init__(self) -> None:
        check_text(self.actor, "actor")
        check_text(self.reason, "reason", multiline=True)
        require_aware(self.at, "at")


def _text(prefix: str, text: Text, out: dict[str, Scalar]) -> None:
    for lang in LANGS:
        out[f"{prefix}.{lang}"] = getattr(text, lang) or None


def _instant(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def flatten_maintenance(m: Maintenance) -> dict[str, Scalar]:
    """A maintenance as flat fields, interruptions keyed by their key."""
    out: dict[str, Scalar] = {"slug": m.slug, "timezone": m.timezone, "state": m.state.value}
    _text("title", m.title, out)
    _text("summary", m.summary, out)
    out["starts_at"] = _instant(m.starts_at)
    out["ends_at"] = _instant(m.ends_at)
    for item in m.interruptions:
        base = f"interruptions.{item.key or item.service}"
        out[f"{base}.service"] = item.service
        out[f"{base}.impact"] = item.impact.value
        out[f"{base}.starts_at"] = _instant(item.starts_at)
        out[f"{base}.ends_at"] = _instant(item.ends_at)
        _text(f"{base}.description", item.description, out)
    return out


def flatten_service(s: Service) -> dict[str, Scalar]:
    out: dict[str, Scalar] = {
        "slug": s.slug,
        "group": s.group,
        "channel": s.channel.value if s.channel else None,
        "retired": s.retired,
    }
    _text("name", s.name, out)
    return out


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields whose values differ, in a stable order (absent fields count as None)."""
    fields = sorted(set(before) | set(after))
    return tuple(
        FieldChange(f, before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)
    )


def extended(revisions: Iterable[Revision]) -> bool:
    """Whether these revisions pushed the maintenance's end later: its announced end, or the
    end of an interruption that ran to it (what `changes.extend` does)."""
    for revision in revisions:
        for change in revision.changes:
            if not change.field.endswith("ends_at"):
                continue
            if isinstance(change.before, str) and isinstance(change.after, str):
                before = datetime.fromisoformat(change.before)
                after = datetime.fromisoformat(change.after)
                if after > before:
                    return True
    return False


NOTE = "note"  # the public note of a decision, recorded with its revision as note.fr / note.en


def note_changes(note: Text) -> tuple[FieldChange, ...]:
    """A decision's optional public note (both languages) as entries of its revision: the
    public sees it with the change, while the reason stays internal."""
    note.check(NOTE, multiline=True)
    return tuple(
        FieldChange(f"{NOTE}.{lang}", None, note.get(lang)) for lang in LANGS if note.get(lang)
    )


def public_note(revision: Revision) -> Text:
    """The public note recorded with `revision` (empty when there is none)."""
    found = {c.field: c.after for c in revision.changes if c.field.startswith(f"{NOTE}.")}
    fr, en = found.get(f"{NOTE}.fr"), found.get(f"{NOTE}.en")
    return Text(fr if isinstance(fr, str) else "", en if isinstance(en, str) else "")
