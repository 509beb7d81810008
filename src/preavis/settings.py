"""Settings: declared once with defaults and help; the only reader of the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from preavis.domain.errors import ValidationError
from preavis.domain.text import LANGS, Lang

PREFIX = "PREAVIS_"
DEFAULT_LANG: Lang = "fr"


@dataclass(frozen=True, slots=True)
class Settings:
    """Each field is read from PREAVIS_<NAME>; `metadata["help"]` documents it."""

    lang: Lang = DEFAULT_LANG
    debug: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, prefix: str = PREFIX) -> Settings:
        env = os.environ if environ is None else environ
        lang = env.get(f"{prefix}LANG", DEFAULT_LANG).strip().lower()
        if lang not in LANGS:
            raise ValidationError(f"{prefix}LANG must be 'fr' or 'en', not {lang!r}", field="lang")
        debug = env.get(f"{prefix}DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
        return cls(lang=lang, debug=debug)


HELP: dict[str, str] = {
    "lang": "Default language of output, 'fr' or 'en' (PREAVIS_LANG).",
    "debug": "Show full tracebacks for unexpected failures (PREAVIS_DEBUG=1).",
}


def documented() -> dict[str, str]:
    """Every setting with its help text (a test checks that none is undocumented)."""
    return {f.name: HELP.get(f.name, "") for f in fields(Settings)}
