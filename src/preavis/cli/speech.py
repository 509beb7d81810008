"""The command line's language: help texts, and errors said in French or English.

The language is `--lang` when the command has it, else PREAVIS_LANG, else the POSIX locale
(LC_ALL, LC_MESSAGES, LANG: fr_* or en_*), else French. Errors are raised in English by the
layers below; `error_text` says each known one again in French, from a table of patterns
(one per message the command line can meet; a test checks each on a real command). A
message no pattern knows keeps its English words after the French "erreur".
"""

from __future__ import annotations

import re

from preavis.domain.text import Lang
from preavis.settings import locale_lang

NBSP = "\u00a0"  # before a colon, a semicolon or inside guillemets, as French typography has it
_chosen: list[Lang] = []


def choose(lang: Lang) -> Lang:
    """Remember the language a command chose (its --lang), for the errors it may raise."""
    _chosen[:] = [lang]
    return lang


def forget() -> None:
    """A new command line: no language chosen yet (main() calls this first)."""
    _chosen.clear()


def current() -> Lang:
    return _chosen[0] if _chosen else locale_lang()


def tr(en: str, fr: str) -> str:
    """A help text in the person's language, decided when the command line starts."""
    return fr if locale_lang() == "fr" else en


def _q(text: str) -> str:
    """A value quoted the French way: « value » (Python's repr quotes taken off)."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return f"«{NBSP}{text}{NBSP}»"


def _c(text: str) -> str:
    """French colons: a non-breaking space before each ': ' of an English sentence."""
    for mark in (":", ";"):
        text = text.replace(f" {mark} ", f"{mark} ").replace(f"{mark} ", f"{NBSP}{mark} ")
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


# (pattern on the English message, French template); groups are filled in by name.
# `{q:...}` quotes a value, the rest is copied as written.
_FRENCH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), t)
    for p, t in [
        (
            r"(?P<v>.+) is not a date and time: use RFC 3339 such as (?P<e>\S+)",
            "{v:q} n’est pas une date et une heure : écrivez-les en RFC 3339, par exemple {e}",
        ),
        (
            r"(?P<v>.+) is not a real date and time \((?P<why>.*)\)",
            "{v:q} n’est pas une date réelle ({why})",
        ),
        (
            r"(?P<v>.+) has no UTC offset: add one \(e\.g\. -04:00\) or give a time zone",
            "{v:q} n’indique pas son décalage UTC : ajoutez-le (par exemple -04:00) "
            "ou donnez un fuseau (--timezone)",
        ),
        (
            r"(?P<v>.+) has an impossible UTC offset (?P<o>\S+)",
            "{v:q} a un décalage UTC impossible ({o})",
        ),
        (
            r"(?P<w>\S+ \S+) in (?P<z>\S+) does not exist: the clocks skip it at a "
            r"daylight-saving change",
            "le {w} n’existe pas en {z} : les horloges sautent cette heure au passage à "
            "l’heure avancée",
        ),
        (
            r"(?P<w>\S+ \S+) in (?P<z>\S+) happens twice at a daylight-saving change: add the "
            r"offset \((?P<a>\S+) or (?P<b>\S+)\) to say which",
            "le {w} se produit deux fois en {z}, au retour à l’heure normale : ajoutez le "
            "décalage ({a} ou {b}) pour dire lequel",
        ),
        (
            r"(?P<f>[^:]+: )?(?P<v>\S+) is out of range: Préavis accepts instants from "
            r"(?P<a>\S+) to (?P<b>\S+) \(UTC\)",
            "{f}{v} est hors limites : Préavis accepte les moments du {a} au {b} (UTC)",
        ),
        (
            r"unknown time zone (?P<v>.+): use an IANA name such as (?P<e>.+)",
            "fuseau horaire inconnu : {v:q} ; donnez un nom IANA, par exemple {e:q}",
        ),
        (r"(?P<v>.+) is not an IANA time zone name", "{v:q} n’est pas un fuseau horaire IANA"),
        (r"unknown service (?P<v>.+)", "service inconnu : {v:q}"),
        (r"unknown maintenance (?P<v>.+)", "maintenance inconnue : {v:q}"),
        (r"no service (?P<v>.+)", "aucun service {v:q}"),
        (r"no published maintenance (?P<v>.+)", "aucune maintenance publiée {v:q}"),
        (r"unknown group (?P<v>.+)", "groupe inconnu : {v:q}"),
        (r"the schedule has no maintenance", "le calendrier ne contient aucune maintenance"),
        (r"(?P<p>.+): no such file", "{p} : fichier introuvable"),
        (r"(?P<p>.+): is a directory, not a file", "{p} : c’est un dossier, pas un fichier"),
        (r"(?P<p>.+): permission denied", "{p} : accès refusé"),
        (r"(?P<p>.+): cannot be read \((?P<why>.*)\)", "{p} : illisible ({why})"),
        (
            r"(?P<p>.+): file too large \((?P<n>\d+) bytes; at most (?P<m>\d+) bytes\)",
            "{p} : fichier trop gros ({n} octets ; au plus {m} octets)",
        ),
        (r"file too large: at most (?P<m>\d+) bytes", "fichier trop gros : au plus {m} octets"),
        (r"not UTF-8 text \(byte (?P<n>\d+)\)", "ce n’est pas du texte UTF-8 (octet {n})"),
        (r"not valid YAML: (?P<why>.*)", "YAML invalide : {why}"),
        (r"the file is empty", "le fichier est vide"),
        (
            r"no Préavis database at (?P<u>\S+): run `preavis db upgrade` first",
            "aucune base de données Préavis à {u} : lancez d’abord `preavis db upgrade`",
        ),
        (
            r"--reference (?P<v>.+) is not a date \(YYYY-MM-DD\)",
            "--reference {v:q} n’est pas une date (AAAA-MM-JJ)",
        ),
        (r"--timezone: (?P<rest>.+)", "--timezone : {rest:say}"),
        (
            r"(?P<n>\S+) must be 'fr' or 'en', not (?P<v>.+)",
            "{n} doit valoir « fr » ou « en », pas {v:q}",
        ),
        (r"maintenance (?P<v>'[^']*') already exists", "la maintenance {v:q} existe déjà"),
        (r"service (?P<v>'[^']*') already exists", "le service {v:q} existe déjà"),
        (
            r"maintenance (?P<v>'[^']*') is cancelled: it cannot change",
            "la maintenance {v:q} est annulée : elle ne peut plus changer",
        ),
        (
            r"restore needs an empty database: this one already holds data",
            "la restauration demande une base vide : celle-ci contient déjà des données",
        ),
        (r"interrupted", "interrompu"),
        (
            r"missing translations block publishing: (?P<what>.+)",
            "des traductions manquent, la publication est bloquée : {what}",
        ),
        (
            r"the database is unavailable(?P<d> \(.*\))?",
            "la base de données est inaccessible{d}",
        ),
        (r"not a readable PDF \((?P<why>.*)\)", "ce n’est pas un PDF lisible ({why})"),
        (
            r"internal error \((?P<what>.*)\); set PREAVIS_DEBUG=1 for details",
            "erreur interne ({what}) ; PREAVIS_DEBUG=1 pour les détails",
        ),
    ]
]
_FIELD = re.compile(r"\{(?P<name>\w+)(?::(?P<how>q|say))?\}")


def _fill(template: str, match: re.Match[str]) -> str:
    def value(found: re.Match[str]) -> str:
        text = match.group(found["name"]) or ""
        if found["how"] == "q":
            return _q(text)
        if found["how"] == "say":
            return _french(text)
        return text

    # The template's own colons take the non-breaking space; the values are left as they are.
    parts = _FIELD.split(template)
    out = []
    for i, part in enumerate(_FIELD.finditer(template)):
        out.append(_c(parts[i * 3]))
        out.append(value(part))
    out.append(_c(parts[-1]))
    return "".join(out)


def _french(message: str) -> str:
    for pattern, template in _FRENCH:
        found = pattern.fullmatch(message)
        if found is not None:
            return _fill(template, found)
    return message


def known_in_french(message: str) -> bool:
    return any(pattern.fullmatch(message) for pattern, _ in _FRENCH)


def error_text(message: str, lang: Lang | None = None) -> str:
    """The one line a person reads on standard error, in their language."""
    if (lang or current()) == "fr":
        return f"preavis{NBSP}: erreur{NBSP}: {_french(message)}"
    return f"preavis: error: {message}"


def problem_words(lang: Lang) -> dict[str, str]:
    """How a problem's severity is said ("file:3: erreur : …")."""
    if lang == "fr":
        return {"error": f"erreur{NBSP}:", "warning": f"avertissement{NBSP}:"}
    return {"error": "error:", "warning": "warning:"}


# What the commands that change the database say, in each language.
_LINES: dict[Lang, dict[str, str]] = {
    "fr": {
        "maintenance": "maintenance {slug} : {verb} ({state}, révision {revision}, {count})",
        "service": "service {slug} : {verb} (révision {revision})",
        "schema": "base de données {url} : schéma {version}",
        "token_revoked": "jeton {name} : révoqué",
        "group": "groupe {slug} : {what}",
        "user_created": "utilisateur {email} ({role}) : créé",
        "user_link": "lien à usage unique pour choisir le mot de passe (valide {hours} h) : {url}",
        "user_disabled": "utilisateur {email} : désactivé",
        "warning": "avertissement :",
        "retired": " (retiré)",
        "by": "par",
    },
    "en": {
        "maintenance": "maintenance {slug}: {verb} ({state}, revision {revision}, {count})",
        "service": "service {slug}: {verb} (revision {revision})",
        "schema": "database {url}: schema {version}",
        "token_revoked": "token {name}: revoked",
        "group": "group {slug}: {what}",
        "user_created": "user {email} ({role}): created",
        "user_link": "one-time link to set the password (valid {hours} h): {url}",
        "user_disabled": "user {email}: disabled",
        "warning": "warning:",
        "retired": " (retired)",
        "by": "by",
    },
}
_VERBS_FR = {
    "created": "créé",
    "imported as a draft": "importée comme brouillon",
    "interruption added": "interruption ajoutée",
    "interruption changed": "interruption modifiée",
    "interruption removed": "interruption retirée",
    "published": "publiée",
    "cancelled": "annulée",
    "rescheduled": "reportée",
    "extended": "prolongée",
    "ended early": "terminée plus tôt",
    "renamed": "renommé",
    "regrouped": "changé de groupe",
    "retired": "retiré",
    "saved": "enregistré",
    "unchanged": "inchangé",
    "draft": "brouillon",
    "draft created": "brouillon créé",
}


_FEMININE_FR = {"created": "créée"}  # a maintenance, where a service is "créé"


def line(key: str, **values: object) -> str:
    """One line a command prints, in the person's language ({verb}, {state} and {what} are
    said in French too)."""
    lang = current()
    if lang == "en":
        return _LINES["en"][key].format(**values)
    words = {**_VERBS_FR, **(_FEMININE_FR if key == "maintenance" else {})}
    said = {
        k: words.get(v, v) if k in ("verb", "state", "what") and isinstance(v, str) else v
        for k, v in values.items()
    }
    return _c(_LINES["fr"][key].format(**said))


def applied(created: int, updated: int, unchanged: int, published: int) -> str:
    """What `preavis apply` did to the maintenances, each count with its plural."""
    if current() == "en":
        return (
            f"applied: {created} created, {updated} updated, {unchanged} unchanged, "
            f"{published} published"
        )

    def n(count: int, word: str) -> str:  # French: 0 and 1 take the singular
        return f"{count} {word}" if count < 2 else f"{count} {word}s"

    return _c(
        f"appliqué : {n(created, 'création')}, {n(updated, 'modification')}, "
        f"{unchanged} sans changement, {n(published, 'publication')}"
    )


def interruptions(n: int) -> str:
    """ "1 interruption", "4 interruptions" (French: 0 and 1 take the singular)."""
    one = n < 2 if current() == "fr" else n == 1
    return f"{n} interruption" if one else f"{n} interruptions"
