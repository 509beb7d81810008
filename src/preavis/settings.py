"""Settings: declared once with defaults and help; the only reader of the environment."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from preavis.domain.errors import ValidationError
from preavis.domain.text import LANGS, Lang
from preavis.domain.zones import zone

PREFIX = "PREAVIS_"
DEFAULT_LANG: Lang = "fr"
DEFAULT_DATABASE_URL = "sqlite:///preavis.db"
DEFAULT_MAIL_FROM = "Préavis <preavis@localhost>"
SECRET_MIN = 32

HELP: dict[str, str] = {
    "lang": "Default language of output, 'fr' or 'en' (PREAVIS_LANG; unset, the locale's "
    "LC_ALL, LC_MESSAGES or LANG when it is fr_* or en_*, else fr).",
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
    "site_title_fr": "The public site's name in French, in its header and titles "
    "(PREAVIS_SITE_TITLE_FR, default 'État des services'; at most 80 characters).",
    "site_title_en": "The public site's name in English (PREAVIS_SITE_TITLE_EN, default "
    "'Service status').",
    "logo": "The organisation's logo in the header: an https:// address, or a .png, .svg, .jpg, "
    ".webp or .gif file of at most 256 KB that Préavis serves itself (PREAVIS_LOGO).",
    "colours": "The site's colours, checked for contrast with white: "
    "'link=#0b57a4,brand=#1a1a1a,accent=#0b57a4' (PREAVIS_COLOURS; link: links and buttons, "
    "brand: the site's name and the header's rule, accent: the banner's edge).",
    "footer_links": "Links in every page's footer, in both languages: "
    "'Confidentialité|Privacy|https://example.org/privacy; Nous joindre|Contact us|https://…' "
    "(PREAVIS_FOOTER_LINKS, at most 8).",
    "secret_key": "Signs the links in notification messages (confirm, preferences, unsubscribe); "
    "at least 32 characters, kept secret (PREAVIS_SECRET_KEY). Without it, a SQLite database "
    "gets a random key in a file beside it (preavis.db.secret, mode 0600).",
    "secret_key_previous": "The key used before the last `preavis key rotate` "
    "(PREAVIS_SECRET_KEY_PREVIOUS): links signed with it keep working, and secrets sealed with it "
    "still open, while it is set; remove it when the grace period ends (docs/operations.md, "
    "changing the secret key). A SQLite database keeps it in preavis.db.secret.previous.",
    "smtp_url": "Where notification mail goes: smtp://host:port or smtps://user:password@host:port "
    "(PREAVIS_SMTP_URL). Without it, messages are written as .eml files (PREAVIS_OUTBOX_DIR).",
    "outbox_dir": "The development mail backend's folder, used when PREAVIS_SMTP_URL is unset "
    "(PREAVIS_OUTBOX_DIR, default 'outbox').",
    "mail_from": "The From address of notification messages (PREAVIS_MAIL_FROM, default "
    "'Préavis <preavis@localhost>').",
    "mail_contact": "How to reach the sender, printed in every message (postal address, e-mail "
    "or telephone, as Canada's anti-spam law asks) (PREAVIS_MAIL_CONTACT).",
    "webhook_allow_private": "Allow webhooks and generic channel targets (json://, form://, "
    "xml://) on private, loopback and link-local addresses (PREAVIS_WEBHOOK_ALLOW_PRIVATE=1; "
    "default: refused, when set up and before each request).",
    "worker_lease": "Seconds a worker holds the deliveries it claimed before another may take "
    "them over (PREAVIS_WORKER_LEASE, default 300).",
    "cache_mb": "Megabytes each of a web process's caches may hold: pages of now, feeds and "
    "calendars, pages of other moments (PREAVIS_CACHE_MB, default 64; least recently used "
    "dropped first).",
    "allowed_hosts": "Host names the site answers to with absolute links, comma-separated "
    "(PREAVIS_ALLOWED_HOSTS; default: the host of PREAVIS_PUBLIC_URL, 127.0.0.1 and localhost; "
    "'*' for any, at most 8 of them). "
    "A request for any other Host gets relative links, so a client cannot choose cache keys.",
    "export_dir": "When set, `preavis serve` keeps a static export of the public site there, "
    "refreshed after every change and at every change instant (PREAVIS_EXPORT_DIR; see "
    "`preavis export-site`).",
}


def locale_lang(environ: Mapping[str, str] | None = None, prefix: str = PREFIX) -> Lang:
    """The person's language, never failing: PREAVIS_LANG when valid, else the POSIX locale
    (LC_ALL, LC_MESSAGES, then LANG: fr_* is French, en_* English), else the default."""
    env = os.environ if environ is None else environ
    chosen = env.get(f"{prefix}LANG", "").strip().lower()
    if chosen in {"fr", "en"}:
        return "fr" if chosen == "fr" else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:  # the first one set decides, as POSIX has it
            if value.startswith("fr"):
                return "fr"
            if value.startswith("en"):
                return "en"
            break
    return DEFAULT_LANG


def leading_lang(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """A `--lang X` (or `--lang=X`) written before the command, as in `preavis --lang en
    status`: its value (as written, checked by the caller) and the arguments without it.
    Only the options before the first command word are looked at: after it, `--lang` is the
    command's own option."""
    rest = list(args)
    value: str | None = None
    i = 0
    while i < len(rest) and rest[i].startswith("-") and rest[i] != "--":
        if rest[i] == "--lang":
            value = rest[i + 1] if i + 1 < len(rest) else ""
            del rest[i : i + 2]
        elif rest[i].startswith("--lang="):
            value = rest[i].partition("=")[2]
            del rest[i]
        else:
            i += 1
    return value, rest


def adopt_leading_lang(args: Sequence[str], prefix: str = PREFIX) -> None:
    """For the whole process: PREAVIS_LANG is the `--lang fr|en` written before the command,
    if there is a valid one (an invalid one is left for the command line to refuse)."""
    written, _ = leading_lang(args)
    value = (written or "").strip().lower()
    if value in LANGS:
        os.environ[f"{prefix}LANG"] = value


@contextmanager
def chosen_lang(lang: Lang | None, prefix: str = PREFIX) -> Iterator[None]:
    """PREAVIS_LANG is `lang` while the block runs (nothing changes for None), then as it
    was: a `--lang` before the command speaks for the whole command line."""
    if lang is None:
        yield
        return
    name = f"{prefix}LANG"
    saved = os.environ.get(name)
    os.environ[name] = lang
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


@contextmanager
def gettext_language(lang: Lang) -> Iterator[None]:
    """gettext looks for its language in LANGUAGE (then the locale variables): `lang` there
    while the block runs, the previous value put back after (the command line's Click words,
    cli/words.py)."""
    saved = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved


def _lang(value: str, name: str) -> Lang:
    value = value.strip().lower()
    if value == "fr":
        return "fr"
    if value == "en":
        return "en"
    raise ValidationError.said("settings.lang", field=name, name=name, value=value)


# The public site's name when PREAVIS_SITE_TITLE_FR/EN are not set (web/locales/*.json say the
# same; a test checks): the pages' header, and the name notification messages give the site.
SITE_TITLES: dict[Lang, str] = {"fr": "État des services", "en": "Service status"}


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
    secret_key: str = field(default="", repr=False)
    secret_key_previous: str = field(default="", repr=False)
    smtp_url: str = field(default="", repr=False)  # may hold a password
    outbox_dir: str = "outbox"
    mail_from: str = DEFAULT_MAIL_FROM
    mail_contact: str = ""
    worker_lease: int = 300
    coming_days: int = 14
    trust_proxy: bool = False
    site_zone: str = "America/Toronto"
    site_title_fr: str = ""
    site_title_en: str = ""
    logo: str = ""
    colours: str = ""
    footer_links: str = ""
    cache_mb: int = 64
    allowed_hosts: tuple[str, ...] = ()
    export_dir: str = ""
    webhook_allow_private: bool = False

    def site_title(self, lang: Lang) -> str:
        """The public site's name in `lang`: PREAVIS_SITE_TITLE_FR/EN, else the default."""
        return (self.site_title_fr if lang == "fr" else self.site_title_en) or SITE_TITLES[lang]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, prefix: str = PREFIX) -> Settings:
        env = os.environ if environ is None else environ
        raw_lang = env.get(f"{prefix}LANG", "").strip()
        lang = _lang(raw_lang, f"{prefix}LANG") if raw_lang else locale_lang(env, prefix)
        debug = env.get(f"{prefix}DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
        url = env.get(f"{prefix}DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
        raw = env.get(f"{prefix}LANGUAGES", "").strip() or "fr,en"
        languages = tuple(dict.fromkeys(_lang(p, f"{prefix}LANGUAGES") for p in raw.split(",")))
        actor = env.get(f"{prefix}ACTOR", "").strip() or "cli"
        public_url = env.get(f"{prefix}PUBLIC_URL", "").strip().rstrip("/")
        if public_url and not public_url.startswith(("https://", "http://")):
            raise ValidationError.said(
                "settings.public_url", field="public_url", name=f"{prefix}PUBLIC_URL"
            )
        site_name = env.get(f"{prefix}SITE_NAME", "").strip() or "Préavis"
        secret_key = env.get(f"{prefix}SECRET_KEY", "").strip()
        if secret_key and len(secret_key) < SECRET_MIN:
            raise ValidationError.said(
                "settings.secret_short",
                field="secret_key",
                name=f"{prefix}SECRET_KEY",
                limit=SECRET_MIN,
            )
        previous = env.get(f"{prefix}SECRET_KEY_PREVIOUS", "").strip()
        if previous and len(previous) < SECRET_MIN:
            raise ValidationError.said(
                "settings.secret_short",
                field="secret_key_previous",
                name=f"{prefix}SECRET_KEY_PREVIOUS",
                limit=SECRET_MIN,
            )
        smtp_url = env.get(f"{prefix}SMTP_URL", "").strip()
        if smtp_url and not smtp_url.startswith(("smtp://", "smtps://")):
            raise ValidationError.said(
                "settings.smtp_url", field="smtp_url", name=f"{prefix}SMTP_URL"
            )
        raw_lease = env.get(f"{prefix}WORKER_LEASE", "").strip() or "300"
        if not raw_lease.isdigit() or not 1 <= int(raw_lease) <= 86400:
            raise ValidationError.said(
                "settings.worker_lease", field="worker_lease", name=f"{prefix}WORKER_LEASE"
            )
        raw_days = env.get(f"{prefix}COMING_DAYS", "").strip() or "14"
        if not raw_days.isdigit() or not 0 <= int(raw_days) <= 366:
            raise ValidationError.said(
                "settings.coming_days",
                field="coming_days",
                name=f"{prefix}COMING_DAYS",
                value=raw_days,
            )
        raw_cache = env.get(f"{prefix}CACHE_MB", "").strip() or "64"
        if not raw_cache.isdigit() or not 1 <= int(raw_cache) <= 65536:
            raise ValidationError.said(
                "settings.cache_mb", field="cache_mb", name=f"{prefix}CACHE_MB", value=raw_cache
            )
        hosts = tuple(
            h.strip().lower() for h in env.get(f"{prefix}ALLOWED_HOSTS", "").split(",") if h.strip()
        )
        site_zone = env.get(f"{prefix}SITE_ZONE", "").strip() or "America/Toronto"
        try:
            zone(site_zone)
        except ValidationError as exc:
            raise ValidationError.said(
                "settings.wrong", field="site_zone", name=f"{prefix}SITE_ZONE", error=exc
            ) from exc
        return cls(
            lang=lang,
            debug=debug,
            database_url=url,
            languages=languages,
            actor=actor,
            public_url=public_url,
            site_name=site_name,
            secret_key=secret_key,
            secret_key_previous=previous,
            smtp_url=smtp_url,
            outbox_dir=env.get(f"{prefix}OUTBOX_DIR", "").strip() or "outbox",
            mail_from=env.get(f"{prefix}MAIL_FROM", "").strip() or DEFAULT_MAIL_FROM,
            mail_contact=env.get(f"{prefix}MAIL_CONTACT", "").strip(),
            worker_lease=int(raw_lease),
            coming_days=int(raw_days),
            site_zone=site_zone,
            cache_mb=int(raw_cache),
            allowed_hosts=hosts,
            export_dir=env.get(f"{prefix}EXPORT_DIR", "").strip(),
            trust_proxy=env.get(f"{prefix}TRUST_PROXY", "").strip().lower()
            in {"1", "true", "yes", "on"},
            # Branding: read here, checked by preavis.formats.brand when the site starts.
            site_title_fr=env.get(f"{prefix}SITE_TITLE_FR", "").strip(),
            site_title_en=env.get(f"{prefix}SITE_TITLE_EN", "").strip(),
            logo=env.get(f"{prefix}LOGO", "").strip(),
            colours=env.get(f"{prefix}COLOURS", "").strip(),
            footer_links=env.get(f"{prefix}FOOTER_LINKS", "").strip(),
            webhook_allow_private=env.get(f"{prefix}WEBHOOK_ALLOW_PRIVATE", "").strip().lower()
            in {"1", "true", "yes", "on"},
        )


def documented() -> dict[str, str]:
    """Every setting with its help text (a test checks that none is undocumented)."""
    return {f.name: HELP.get(f.name, "") for f in fields(Settings)}


# Variables with the prefix that are not settings: the tests' and the benchmarks' own.
NOT_SETTINGS = ("PREAVIS_TEST_", "PREAVIS_BENCH_", "PREAVIS_LAG_FILE")


def unknown_settings(environ: Mapping[str, str] | None = None) -> list[tuple[str, str | None]]:
    """Variables named like settings (PREAVIS_…, in any case) that are none, each with the
    setting it was probably meant to be (or None), sorted: a typo is otherwise silently a
    default (PREAVIS_DATABSE_URL: the SQLite file in the working directory)."""
    env = os.environ if environ is None else environ
    known = sorted(PREFIX + f.name.upper() for f in fields(Settings))
    found: list[tuple[str, str | None]] = []
    for name in sorted(env):
        upper = name.upper()
        if not upper.startswith(PREFIX) or name in known or upper.startswith(NOT_SETTINGS):
            continue
        close = difflib.get_close_matches(upper, known, n=1, cutoff=0.75)
        found.append((name, close[0] if close else None))
    return found
