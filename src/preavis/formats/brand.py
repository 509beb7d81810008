"""The organisation's branding from settings: site name, logo, colours and footer links.

Every value is checked when the application starts, and a bad one is refused with the
setting's name and what is wrong. Nothing weakens the pages' Content-Security-Policy:
colours go into the site's own stylesheet (no inline style), a logo file is served by
Préavis itself (/static/logo.<ext>), and a logo URL adds exactly its origin to img-src.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from preavis.domain.errors import ValidationError
from preavis.domain.text import Lang
from preavis.settings import Settings

LOGO_MAX_BYTES = 256 * 1024
LOGO_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
NAME_MAX = 80
LINKS_MAX = 8
LABEL_MAX = 60
# colour name -> (CSS variable, what it paints, the contrast it needs on white)
COLOURS: dict[str, tuple[str, str, float]] = {
    "link": ("--link", "links and buttons (white text on it)", 4.5),
    "brand": ("--brand", "the site's name and the header's rule", 4.5),
    "accent": ("--accent", "the edge of the banner", 3.0),
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True, slots=True)
class Link:
    label: dict[Lang, str]
    url: str


@dataclass(frozen=True, slots=True)
class Brand:
    """What the pages show of the organisation; empty fields keep Préavis's own look."""

    names: dict[Lang, str] = field(default_factory=dict)
    logo_url: str = ""  # what <img src> holds: a URL, or /static/logo.<ext> for a file
    logo_origin: str = ""  # a logo URL's origin, added to the pages' img-src
    logo_path: str = ""  # where Préavis serves the logo file ("" when none)
    logo_bytes: bytes = b""
    logo_type: str = ""
    colours: dict[str, str] = field(default_factory=dict)
    links: tuple[Link, ...] = ()

    def css(self) -> str:
        """Rules appended to the site's stylesheet (custom properties only)."""
        if not self.colours:
            return ""
        pairs = "; ".join(f"{COLOURS[k][0]}:{v}" for k, v in sorted(self.colours.items()))
        rule = "body > header { border-bottom:3px solid var(--brand); }\n"
        return f"\n/* Branding (PREAVIS_COLOURS) */\n:root {{ {pairs}; }}\n" + (
            rule if "brand" in self.colours else ""
        )

    def footer(self, lang: Lang) -> list[tuple[str, str]]:
        return [(link.label[lang], link.url) for link in self.links]


def _luminance(hex_colour: str) -> float:
    digits = hex_colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = []
    for i in (0, 2, 4):
        c = int(digits[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #rgb/#rrggbb colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _url(value: str, where: str) -> str:
    parts = urlsplit(value)
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or any(c in value for c in " \"'<>`\\")
    ):
        raise ValidationError.said("brand.url", field=where, name=where, value=value)
    return value


def _names(settings: Settings) -> dict[Lang, str]:
    names: dict[Lang, str] = {}
    for lang, value in (("fr", settings.site_title_fr), ("en", settings.site_title_en)):
        where = f"PREAVIS_SITE_TITLE_{lang.upper()}"
        if value and (len(value) > NAME_MAX or any(ord(c) < 32 for c in value)):
            raise ValidationError.said("brand.name", field=where, name=where, limit=NAME_MAX)
        if value:
            names[lang] = value  # type: ignore[index]
    return names


def _colours(raw: str) -> dict[str, str]:
    where = "PREAVIS_COLOURS"
    colours: dict[str, str] = {}
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        name, sep, value = (s.strip() for s in part.partition("="))
        if not sep or name not in COLOURS:
            known = ", ".join(COLOURS)
            raise ValidationError.said(
                "brand.colour_part", field=where, name=where, value=part, known=known
            )
        if not _HEX.fullmatch(value):
            raise ValidationError.said(
                "brand.colour_hex", field=where, name=where, colour=name, value=value
            )
        _, paints, needed = COLOURS[name]
        ratio = contrast(value, "#ffffff")
        if ratio < needed:
            raise ValidationError.said(
                "brand.colour_pale",
                field=where,
                name=where,
                colour=name,
                value=value,
                paints=paints,
                ratio=f"{ratio:.1f}",
                needed=needed,
            )
        colours[name] = value.lower()
    return colours


def _links(raw: str) -> tuple[Link, ...]:
    where = "PREAVIS_FOOTER_LINKS"
    links = []
    parts = [p.strip() for p in raw.split(";") if p.strip()]
    if len(parts) > LINKS_MAX:
        raise ValidationError.said("brand.links_max", field=where, name=where, limit=LINKS_MAX)
    for n, part in enumerate(parts, start=1):
        pieces = [p.strip() for p in part.split("|")]
        if len(pieces) != 3 or not all(pieces):
            raise ValidationError.said("brand.link", field=where, name=where, n=n, value=part)
        fr, en, url = pieces
        if max(len(fr), len(en)) > LABEL_MAX:
            raise ValidationError.said("brand.label", field=where, name=where, n=n, limit=LABEL_MAX)
        links.append(Link({"fr": fr, "en": en}, _url(url, f"{where} (link {n})")))
    return tuple(links)


def from_settings(settings: Settings) -> Brand:
    """The branding the settings describe; ValidationError naming the setting otherwise."""
    names = _names(settings)
    colours = _colours(settings.colours)
    links = _links(settings.footer_links)
    logo = settings.logo.strip()
    if not logo:
        return Brand(names=names, colours=colours, links=links)
    if logo.startswith(("https://", "http://")):
        url = _url(logo, "PREAVIS_LOGO")
        parts = urlsplit(url)
        return Brand(
            names=names,
            logo_url=url,
            logo_origin=f"{parts.scheme}://{parts.netloc}",
            colours=colours,
            links=links,
        )
    path = Path(logo)
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise ValidationError.said(
            "brand.logo_kind", field="PREAVIS_LOGO", logo=logo, kinds=", ".join(LOGO_TYPES)
        )
    try:
        size = path.stat().st_size
        if size > LOGO_MAX_BYTES:
            raise ValidationError.said(
                "brand.logo_size", field="PREAVIS_LOGO", logo=logo, size=size, limit=LOGO_MAX_BYTES
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError.said(
            "brand.logo_unreadable", field="PREAVIS_LOGO", logo=logo, why=str(exc.strerror or exc)
        ) from exc
    served = f"/static/logo{path.suffix.lower()}"
    version = hashlib.sha256(data).hexdigest()[:12]
    return Brand(
        names=names,
        logo_url=f"{served}?v={version}",
        logo_path=served,
        logo_bytes=data,
        logo_type=kind,
        colours=colours,
        links=links,
    )
