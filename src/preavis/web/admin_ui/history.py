"""A readable difference between any two revisions of a maintenance: each revision records
only its own changes, so the maintenance as it stood at a revision is those changes applied in
order; two such states compared field by field, in words and in the maintenance's local time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from preavis.domain.revision import NOTE, Revision, Scalar
from preavis.domain.text import Lang
from preavis.formats.wording import format_recorded

_LEAVES = {
    "title": "title", "summary": "summary", "timezone": "timezone", "state": "state",
    "slug": "slug", "starts_at": "start", "ends_at": "end", "service": "service",
    "impact": "impact", "description": "description",
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    label: str
    before: str
    after: str


def state_at(revisions: Sequence[Revision], number: int) -> dict[str, Scalar]:
    """The fields as they stood once revision `number` was recorded (public notes, which
    belong to their decision, are not part of the maintenance)."""
    fields: dict[str, Scalar] = {}
    for revision in sorted(revisions, key=lambda r: r.number):
        if revision.number > number:
            break
        for change in revision.changes:
            if change.field.startswith(f"{NOTE}."):
                continue
            if change.after is None:
                fields.pop(change.field, None)
            else:
                fields[change.field] = change.after
    return fields


def _value(path: str, value: Scalar, tz: ZoneInfo, lang: Lang, words: dict[str, str]) -> str:
    shown = format_recorded(path, value, tz, lang)
    if shown is not None:
        return shown
    if isinstance(value, str) and (path.endswith(".impact") or path == "state"):
        return words.get(value, value)
    return str(value)


def _label(
    path: str, old: dict[str, Scalar], new: dict[str, Scalar], names: dict[str, str],
    words: dict[str, str],
) -> str:  # fmt: skip
    parts = path.split(".")
    lang = parts[-1] if parts[-1] in ("fr", "en") else ""
    suffix = f" ({lang.upper()})" if lang else ""
    if parts[0] == "interruptions" and len(parts) >= 3:
        key = parts[1]
        service = new.get(f"interruptions.{key}.service") or old.get(f"interruptions.{key}.service")
        name = names.get(str(service), str(service or key))
        leaf = words.get(_LEAVES.get(parts[2], parts[2]), parts[2])
        return f"{words['interruption']} {name} [{key}] · {leaf}{suffix}"
    return f"{words.get(_LEAVES.get(parts[0], parts[0]), parts[0])}{suffix}"


def compare(
    revisions: Sequence[Revision], first: int, second: int, tz: ZoneInfo, lang: Lang,
    words: dict[str, str], names: dict[str, str],
) -> list[Line]:  # fmt: skip
    """What differs between revision `first` and revision `second`: one line per field, and
    one line for an interruption added or removed as a whole."""
    old, new = state_at(revisions, first), state_at(revisions, second)
    whole: dict[str, Line] = {}
    for key in sorted(_keys(old) ^ _keys(new)):
        side = new if key in _keys(new) else old
        text = _summary(side, key, tz, lang, words)
        label = _label(f"interruptions.{key}.service", old, new, names, words)
        label = label.rsplit(" · ", 1)[0]
        whole[key] = Line(label, "—" if side is new else text, text if side is new else "—")
    lines: list[Line] = []
    alone = _keys(old) ^ _keys(new)
    for p in sorted(set(old) | set(new), key=lambda p: (p.startswith("interruptions."), p)):
        key = p.split(".")[1] if p.startswith("interruptions.") else ""
        if key in whole:
            lines.append(whole.pop(key))
        elif (not key or key not in alone) and old.get(p) != new.get(p):
            before = _value(p, old.get(p), tz, lang, words)
            after = _value(p, new.get(p), tz, lang, words)
            lines.append(Line(_label(p, old, new, names, words), before, after))
    return lines


def _keys(fields: dict[str, Scalar]) -> set[str]:
    return {p.split(".")[1] for p in fields if p.startswith("interruptions.")}


def _summary(
    fields: dict[str, Scalar], key: str, tz: ZoneInfo, lang: Lang, words: dict[str, str]
) -> str:
    base = f"interruptions.{key}."
    parts = [
        _value(base + "impact", fields.get(base + "impact"), tz, lang, words),
        _value(base + "starts_at", fields.get(base + "starts_at"), tz, lang, words) + " → "
        + _value(base + "ends_at", fields.get(base + "ends_at"), tz, lang, words),
    ]  # fmt: skip
    description = fields.get(base + f"description.{lang}")
    if description:
        parts.append(str(description))
    return " · ".join(parts)
