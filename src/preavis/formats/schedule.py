"""Schedule files: the human-editable YAML format for services and maintenances, read and written.

Reading keeps the line of every field, so each problem names its line and its field path.
The format is documented in docs/schedule-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import yaml

from preavis.domain.errors import PreavisError, ScheduleError, ValidationError
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.problems import Problem, Severity, said
from preavis.domain.schedule import Schedule, reminder_minutes
from preavis.domain.service import Channel, Group, Service
from preavis.domain.text import LANGS, Text
from preavis.domain.zones import parse_instant, zone

FORMAT_VERSION = 1
SCHEDULE_MAX_BYTES = 8 * 1024 * 1024
SCHEDULE_MAX_ITEMS = 200_000
TEXT_MAX_CHARS = 4_000

_T = TypeVar("_T")
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True, slots=True)
class Loaded:
    """A schedule read from text, with its warnings (errors raise ScheduleError instead)."""

    schedule: Schedule
    warnings: tuple[Problem, ...] = ()


@dataclass
class _Reader:
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    items: int = 0
    reminders: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def error(self, node: yaml.Node, path: str, code: str, **params: Any) -> None:
        """Message `code` of the catalogue, on the field at `path`."""
        self.problems.append(said(Severity.ERROR, code, path, node.start_mark.line + 1, **params))

    def refused(self, exc: PreavisError, where: str, line: int, message: str) -> None:
        """A domain error as a problem on `where` (`message`: its English, place taken off)."""
        params = {**exc.params, **({"where": ""} if "where" in exc.params else {})}
        self.problems.append(Problem(Severity.ERROR, message, where, line, exc.code, params))

    def mapping(
        self, node: yaml.Node, path: str, required: Iterable[str], optional: Iterable[str]
    ) -> dict[str, yaml.Node] | None:
        """The fields of a mapping node, checking duplicates, unknown and missing keys."""
        self.lines[path] = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, "schedule.expected_mapping")
            return None
        required, optional = tuple(required), tuple(optional)
        known = (*required, *optional)
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{path}.{key}" if path else str(key)
            if key is None or key not in known:
                self.error(key_node, where, "schedule.unknown_field", known=", ".join(known))
                continue
            if key in found:
                self.error(key_node, where, "schedule.field_twice")
                continue
            found[key] = value_node
            self.lines[where] = value_node.start_mark.line + 1
        for key in required:
            if key not in found:
                self.error(node, f"{path}.{key}" if path else key, "schedule.field_required")
        return found

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, "schedule.expected_list")
            return []
        self.items += len(node.value)
        if self.items > SCHEDULE_MAX_ITEMS:
            self.error(node, path, "schedule.too_many", limit=SCHEDULE_MAX_ITEMS)
            return []
        return list(node.value)

    def string(self, node: yaml.Node | None, path: str, *, optional: bool = False) -> str | None:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            if not optional and node is not None:
                self.error(node, path, "schedule.value_required")
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, "schedule.single_value")
            return None
        value = str(node.value).strip()
        if len(value) > TEXT_MAX_CHARS:
            self.error(node, path, "schedule.too_long", limit=TEXT_MAX_CHARS)
            return None
        return value

    def choice(self, node: yaml.Node | None, path: str, kind: Callable[[str], _T]) -> _T | None:
        raw = self.string(node, path, optional=True)
        if raw is None or node is None:
            return None
        try:
            return kind(raw)
        except ValueError:
            allowed = ", ".join(str(v) for v in getattr(kind, "__members__", {}).values())
            self.error(node, path, "schedule.not_one_of", value=raw, allowed=allowed)
            return None

    def text(self, node: yaml.Node | None, path: str) -> Text:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return Text()
        fields = self.mapping(node, path, (), LANGS)
        if fields is None:
            return Text()
        values = {
            lang: self.string(fields.get(lang), f"{path}.{lang}", optional=True) or ""
            for lang in LANGS
        }
        return Text(fr=values["fr"], en=values["en"])

    def instant(self, node: yaml.Node | None, path: str, tz: ZoneInfo | None) -> datetime | None:
        raw = self.string(node, path, optional=True)
        if raw is None or node is None:
            return None
        try:
            return parse_instant(raw, tz, path)
        except ValidationError as exc:
            message = exc.message.removeprefix(f"{path}: ")  # the problem names it already
            message = message.replace(f"{raw!r} ", f"{raw!r}: ", 1)
            self.refused(exc, path, node.start_mark.line + 1, message)
            return None

    def build(
        self, node: yaml.Node, path: str, factory: Callable[..., _T], **kwargs: Any
    ) -> _T | None:
        """Call a domain constructor, turning its ValidationError into a problem on its field."""
        try:
            return factory(**kwargs)
        except ValidationError as exc:
            where = f"{path}.{exc.field}" if exc.field else path
            line = self.lines.get(where, node.start_mark.line + 1)
            message = exc.message.removeprefix(f"{exc.field}: ")  # `where` names it already
            self.refused(exc, where, line, message)
            return None

    def line_of(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


def load_schedule(text: str | bytes, *, source: str | None = None) -> Loaded:
    """Read a schedule file; raise ScheduleError listing every error with its line and field."""
    if len(text) > SCHEDULE_MAX_BYTES:
        raise ScheduleError(
            [said(Severity.ERROR, "schedule.too_large", limit=SCHEDULE_MAX_BYTES)],
            source=source,
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ScheduleError(
                [said(Severity.ERROR, "schedule.not_utf8", position=exc.start)], source=source
            ) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = said(
            Severity.ERROR, "schedule.not_yaml", "", line, why=exc.problem or exc.context
        )
        raise ScheduleError([problem], source=source) from exc
    except yaml.YAMLError as exc:
        raise ScheduleError(
            [said(Severity.ERROR, "schedule.not_yaml", why=str(exc))], source=source
        ) from exc
    if root is None:
        raise ScheduleError([said(Severity.ERROR, "schedule.empty")], source=source)

    reader = _Reader()
    schedule = _read_root(reader, root)
    if schedule is not None:
        for problem in schedule.problems():
            reader.problems.append(replace(problem, line=reader.line_of(problem.field)))
    errors = [p for p in reader.problems if p.severity is Severity.ERROR]
    if errors or schedule is None:
        raise ScheduleError(sorted(errors, key=_order), source=source)
    warnings = sorted((p for p in reader.problems if p.severity is Severity.WARNING), key=_order)
    return Loaded(schedule, tuple(warnings))


def _order(problem: Problem) -> tuple[int, str]:
    return (problem.line or 0, problem.field)


def _read_root(reader: _Reader, root: yaml.Node) -> Schedule | None:
    fields = reader.mapping(root, "", ("preavis",), ("groups", "services", "maintenances"))
    if fields is None:
        return None
    version = reader.string(fields.get("preavis"), "preavis")
    if version is not None and version != str(FORMAT_VERSION):
        reader.error(
            fields["preavis"], "preavis", "schedule.version", value=version, expected=FORMAT_VERSION
        )
    groups = []
    for index, node in enumerate(reader.sequence(fields.get("groups"), "groups")):
        path = f"groups[{index}]"
        group = reader.mapping(node, path, ("slug", "name"), ())
        if group is not None:
            made = reader.build(
                node,
                path,
                Group,
                slug=reader.string(group.get("slug"), f"{path}.slug") or "",
                name=reader.text(group.get("name"), f"{path}.name"),
            )
            if made is not None:
                groups.append(made)
    services = []
    for index, node in enumerate(reader.sequence(fields.get("services"), "services")):
        made_service = _read_service(reader, node, f"services[{index}]")
        if made_service is not None:
            services.append(made_service)
    maintenances = []
    for index, node in enumerate(reader.sequence(fields.get("maintenances"), "maintenances")):
        made_maintenance = _read_maintenance(reader, node, f"maintenances[{index}]")
        if made_maintenance is not None:
            maintenances.append(made_maintenance)
    if any(p.severity is Severity.ERROR for p in reader.problems):
        return None
    return Schedule(
        tuple(services), tuple(maintenances), tuple(groups), tuple(reader.reminders.items())
    )


def _read_service(reader: _Reader, node: yaml.Node, path: str) -> Service | None:
    fields = reader.mapping(node, path, ("slug", "name"), ("group", "channel"))
    if fields is None:
        return None
    return reader.build(
        node,
        path,
        Service,
        slug=reader.string(fields.get("slug"), f"{path}.slug") or "",
        name=reader.text(fields.get("name"), f"{path}.name"),
        group=reader.string(fields.get("group"), f"{path}.group", optional=True),
        channel=reader.choice(fields.get("channel"), f"{path}.channel", Channel),
    )


def _read_maintenance(reader: _Reader, node: yaml.Node, path: str) -> Maintenance | None:
    fields = reader.mapping(
        node,
        path,
        ("slug", "title", "timezone"),
        ("summary", "state", "starts_at", "ends_at", "interruptions", "reminders"),
    )
    if fields is None:
        return None
    if "reminders" in fields:
        _read_reminders(reader, fields, path)
    tz: ZoneInfo | None = None
    tz_name = reader.string(fields.get("timezone"), f"{path}.timezone")
    if tz_name is not None:
        try:
            tz = zone(tz_name)
        except PreavisError as exc:
            line = fields["timezone"].start_mark.line + 1
            reader.refused(exc, f"{path}.timezone", line, str(exc))
    if tz is None:
        return None
    interruptions = []
    for index, item in enumerate(
        reader.sequence(fields.get("interruptions"), f"{path}.interruptions")
    ):
        made = _read_interruption(reader, item, f"{path}.interruptions[{index}]", tz)
        if made is not None:
            interruptions.append(made)
    state = reader.choice(fields.get("state"), f"{path}.state", State)
    return reader.build(
        node,
        path,
        Maintenance,
        slug=reader.string(fields.get("slug"), f"{path}.slug") or "",
        title=reader.text(fields.get("title"), f"{path}.title"),
        summary=reader.text(fields.get("summary"), f"{path}.summary"),
        timezone=tz.key,
        state=state or State.DRAFT,
        starts_at=reader.instant(fields.get("starts_at"), f"{path}.starts_at", tz),
        ends_at=reader.instant(fields.get("ends_at"), f"{path}.ends_at", tz),
        interruptions=tuple(interruptions),
    )


MAX_REMINDERS = 10
MAX_REMINDER_MINUTES = 60 * 1440  # sixty days


def _read_reminders(reader: _Reader, fields: dict[str, yaml.Node], path: str) -> None:
    """`reminders: [24h, 1h]` (m, h, d; [] for none): kept by the maintenance's slug."""
    where = f"{path}.reminders"
    minutes = []
    for index, node in enumerate(reader.sequence(fields["reminders"], where)):
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        value = reminder_minutes(raw) if isinstance(raw, str) else None
        if value is None or not 1 <= value <= MAX_REMINDER_MINUTES:
            shown = raw if isinstance(raw, str) else "…"
            reader.error(node, f"{where}[{index}]", "schedule.bad_reminder", value=shown)
            continue
        minutes.append(value)
    if len(minutes) > MAX_REMINDERS:
        reader.error(fields["reminders"], where, "schedule.too_many_reminders", max=MAX_REMINDERS)
    slug_node = fields.get("slug")
    if isinstance(slug_node, yaml.ScalarNode):
        reader.reminders[str(slug_node.value)] = tuple(sorted(set(minutes), reverse=True))


def _read_interruption(
    reader: _Reader, node: yaml.Node, path: str, tz: ZoneInfo
) -> Interruption | None:
    fields = reader.mapping(
        node, path, ("service", "impact", "starts_at", "ends_at"), ("description",)
    )
    if fields is None:
        return None
    impact = reader.choice(fields.get("impact"), f"{path}.impact", Impact)
    starts_at = reader.instant(fields.get("starts_at"), f"{path}.starts_at", tz)
    ends_at = reader.instant(fields.get("ends_at"), f"{path}.ends_at", tz)
    if impact is Impact.OPERATIONAL:
        reader.error(fields["impact"], f"{path}.impact", "schedule.impact")
        return None
    if impact is None or starts_at is None or ends_at is None:
        return None
    return reader.build(
        node,
        path,
        Interruption,
        service=reader.string(fields.get("service"), f"{path}.service") or "",
        impact=impact,
        starts_at=starts_at,
        ends_at=ends_at,
        description=reader.text(fields.get("description"), f"{path}.description"),
    )


# -- writing --------------------------------------------------------------------------------


def local_text(at: datetime, tz: ZoneInfo) -> str:
    """`at` as the wall-clock time a person would write, with an offset only where needed."""
    local = at.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.isoformat(sep=" ")  # a wall time repeated at a DST change: say which
    naive = local.replace(tzinfo=None)
    if naive.second == 0 and naive.microsecond == 0:
        return naive.isoformat(sep=" ", timespec="minutes")
    return naive.isoformat(sep=" ")


def _text(value: Text) -> dict[str, str]:
    return {lang: getattr(value, lang) for lang in LANGS if getattr(value, lang)}


def dump_schedule(schedule: Schedule) -> str:
    """Write a schedule in the file format; `load_schedule` reads it back unchanged."""
    doc: dict[str, Any] = {"preavis": FORMAT_VERSION}
    if schedule.groups:
        doc["groups"] = [{"slug": g.slug, "name": _text(g.name)} for g in schedule.groups]
    doc["services"] = [
        {
            "slug": s.slug,
            "name": _text(s.name),
            **({"group": s.group} if s.group else {}),
            **({"channel": s.channel.value} if s.channel else {}),
        }
        for s in schedule.services
    ]
    doc["maintenances"] = []
    for m in schedule.maintenances:
        tz = m.zone
        entry: dict[str, Any] = {"slug": m.slug, "title": _text(m.title)}
        if m.summary:
            entry["summary"] = _text(m.summary)
        entry["timezone"] = m.timezone
        entry["state"] = m.state.value
        if m.starts_at is not None and m.ends_at is not None:
            entry["starts_at"] = local_text(m.starts_at, tz)
            entry["ends_at"] = local_text(m.ends_at, tz)
        offsets = dict(schedule.reminders).get(m.slug)
        if offsets is not None:
            entry["reminders"] = [_duration(x) for x in offsets]
        entry["interruptions"] = [
            {
                "service": i.service,
                "impact": i.impact.value,
                "starts_at": local_text(i.starts_at, tz),
                "ends_at": local_text(i.ends_at, tz),
                **({"description": _text(i.description)} if i.description else {}),
            }
            for i in m.interruptions
        ]
        doc["maintenances"].append(entry)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def _duration(minutes: int) -> str:
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
