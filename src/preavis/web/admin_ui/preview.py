"""The editor's preview: what the public will see of the maintenance being edited — its
timeline and the notice in French and English — rendered by the server from the form as it
stands, saved or not. The "Preview" button shows it without JavaScript; admin.js refreshes the
same fragment while the person types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from preavis.domain.errors import ValidationError
from preavis.domain.maintenance import Maintenance
from preavis.domain.service import Service
from preavis.domain.text import LANGS, Lang
from preavis.formats import svg
from preavis.formats.notice import render_notice
from preavis.formats.wording import format_window
from preavis.web.admin_ui.forms import Parsed

PREVIEW_SLUG = "apercu"  # a new maintenance's slug while it has none


@dataclass(frozen=True)
class Notice:
    lang: Lang
    html: str  # escaped by the notice writer


@dataclass(frozen=True)
class Preview:
    """A preview, or why there is none yet (`missing`, a key of the UI's words)."""

    timeline: str = ""
    window: str = ""
    notices: tuple[Notice, ...] = ()
    missing: str = ""
    partial: bool = False  # some rows have errors and are left out


def _body(document: str) -> str:
    """The notice writer's HTML document: its <main> only, the title a heading level down."""
    inside = document.split("<main>", 1)[-1].split("</main>", 1)[0]
    return inside.replace("<h1>", "<h4>").replace("</h1>", "</h4>")


def build(
    parsed: Parsed | None,
    current: Maintenance | None,
    services: Mapping[str, Service],
    lang: Lang,
    *,
    slug: str = "",
    partial: bool = False,
) -> Preview:
    """The preview of `parsed` (the form), on top of `current` (the saved maintenance, whose
    state and announced bounds it keeps); without a form, of `current` itself."""
    m = current
    if parsed is not None:
        try:
            if current is not None:
                m = replace(
                    current, title=parsed.title, summary=parsed.summary,
                    timezone=parsed.timezone, interruptions=parsed.interruptions,
                )  # fmt: skip
            else:
                m = Maintenance(
                    slug=slug or PREVIEW_SLUG, title=parsed.title, timezone=parsed.timezone,
                    interruptions=parsed.interruptions, summary=parsed.summary,
                )  # fmt: skip
        except (ValidationError, ValueError):
            return Preview(missing="preview_invalid")
    if m is None:
        return Preview(missing="preview_empty")
    if not m.interruptions:
        return Preview(missing="preview_empty")
    found = m.window
    window = format_window(found[0], found[1], m.zone, lang, year=True) if found else ""
    notices = tuple(Notice(n, _body(render_notice(m, services, n, "html"))) for n in LANGS)
    return Preview(svg.gantt(m, services, lang), window, notices, partial=partial)
