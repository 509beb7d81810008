"""Settings: declared once with defaults and help; the only reader of the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from preavis.domain.errors import ValidationError
from preavis.domain.text import LANGS, Lang
from preavis.domain.zones import zone

PREFIX = "PREAVIS_"
DEFAULT_LANG: Lang = "fr"
DEFAULT_DATABASE_URL = "sqlite:///preavis.db"

HELP: dict[str, str] = {
    "lang": "Default language of output, 'fr' or 'en' (PREAVIS_LANG).",
    "debug": "Show full tracebacks for unexpected failures (PREAVIS_DEBUG=1).",
    "database_url": "Where data is kept: sqlite:///preavis.db (default, in the working "
    "directory) or postgresql+psycopg://user@host/db (PREAVIS_DATABASE_URL).",
    "languages": "Languages every public text must exist in before publishing, comma-separated "
    "(PREAVIS_LANGUAGES, default 'fr,en'; 'fr' or 'en' for a one-language organisation).",
    "actor": "Name recorded in the history for changes made from the command line "
    "(PREAVIS_ACTOR, default 'cli').",
    "public_url": "The site's public address, e.g. https://status.example.org, for absolute links "
    "in feeds, calendars and the Statuspage facade (PREAVIS_PUBLIC_URL; default: relative).",
    "coming_days": "How many days ahead the home page's banner announces a maintenance "
    "(PREAVIS_COMING_DAYS, default 14; an ongoing one is always announced).",
    "trust_proxy": "Take the site's address for absolute links in feeds and the facade from "
    "the X-Forwarded-Host and X-Forwarded-Proto headers a reverse proxy sets "
    "(PREAVIS_TRUST_PROXY=1; only behind a proxy that overwrites them; PREAVIS_PUBLIC_URL wins).",
    "site_zone": "The time zone the site's pages show times in, an IANA name "
    "(PREAVIS_SITE_ZONE, default America/Toronto); a maintenance's own page uses its zone.",
    "site_name": "The name the Statuspage facade gives the page (PREAVIS_SITE_NAME).",
}


def _lang(value: str, name: str) -> Lang:
    value = value.strip().lower()
    if value == "fr":
        return "fr"
    if value == "en":
        return "en"
    raise ValidationError(f"{name} must be 'fr' or 'en', not {value!r}", field=name)


@dataclass(frozen=True, slots=True)
class Settings:
    """Each field is read from PREAVIS_<NAME>; HELP documents it."""

    lang: Lang = DEFAULT_LANG
    debug: bool = False
    database_url: str = DEFAULT_DATABASE_URL
    languages: tuple[Lang, ...] = LANGS
    actor: str = "cli"
    public_url: str = ""
    site_name: str = "Préavis"
    coming_days: int = 14
    trust_proxy: bool = False
    site_zone: str = "America/Toronto"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, prefix: str = PREFIX) -> Settings:
        env = os.environ if environ is None else environ
        lang = _lang(env.get(f"{prefix}LANG", DEFAULT_LANG), f"{prefix}LANG")
        debug = env.get(f"{prefix}DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
        url = env.get(f"{prefix}DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
        raw = env.get(f"{prefix}LANGUAGES", "").strip() or "fr,en"
        languages = tuple(dict.fromkeys(_lang(p, f"{prefix}LANGUAGES") for p in raw.split(",")))
        actor = env.get(f"{prefix}ACTOR", "").strip() or "cli"
        public_url = env.get(f"{prefix}PUBLIC_URL", "").strip().rstrip("/")
        if public_url and not public_url.startswith(("https://", "http://")):
            raise ValidationError(
                f"{prefix}PUBLIC_URL must start with https:// or http://", field="public_url"
            )
        site_name = env.get(f"{prefix}SITE_NAME", "").strip() or "Préavis"
        raw_days = env.get(f"{prefix}COMING_DAYS", "").strip() or "14"
        if not raw_days.isdigit() or not 0 <= int(raw_days) <= 366:
            raise ValidationError(
                f"{prefix}COMING_DAYS must be a whole number of days from 0 to 366, "
                f"not {raw_days!r}",
                field="coming_days",
            )
        site_zone = env.get(f"{prefix}SITE_ZONE", "").strip() or "America/Toronto"
        try:
            zone(site_zone)
        except ValidationError as exc:
            raise ValidationError(f"{prefix}SITE_ZONE: {exc}", field="site_zone") from exc
        return cls(
            lang=lang,
            debug=debug,
            database_url=url,
            languages=languages,
            actor=actor,
            public_url=public_url,
            site_name=site_name,
            coming_days=int(raw_days),
            site_zone=site_zone,
            trust_proxy=env.get(f"{prefix}TRUST_PROXY", "").strip().lower()
            in {"1", "true", "yes", "on"},
        )


def documented() -> dict[str, str]:
    """Every setting with its help text (a test checks that none is undocumented)."""
    return {f.name: HELP.get(f.name, "") for f in fields(Settings)}
