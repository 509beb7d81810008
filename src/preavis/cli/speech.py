"""The command line's language: help texts, and errors said in French or English.

The language is `--lang` when the command has it, else PREAVIS_LANG, else the POSIX locale
(LC_ALL, LC_MESSAGES, LANG: fr_* or en_*), else French. Errors carry a message id of the
catalogue (domain/messages.py) and are said in that language by formats/messages.py.
"""

from __future__ import annotations

from preavis.domain.errors import PreavisError, StorageUnavailableError
from preavis.domain.text import Lang
from preavis.formats.messages import say, say_error
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


def _c(text: str) -> str:
    """French colons: a non-breaking space before each ': ' of a French sentence."""
    for mark in (":", ";"):
        text = text.replace(f" {mark} ", f"{mark} ").replace(f"{mark} ", f"{NBSP}{mark} ")
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


def error_text(error: PreavisError | str, lang: Lang | None = None) -> str:
    """The one line a person reads on standard error, in their language: an error is said
    from the catalogue (formats/messages.py); a string is a message id (no parameters)."""
    lang = lang or current()
    said = say(error, {}, lang) if isinstance(error, str) else say_error(error, lang)
    if isinstance(error, StorageUnavailableError) and error.detail:  # the operator's details
        said = f"{said} ({error.detail})"
    if lang == "fr":
        return f"preavis{NBSP}: erreur{NBSP}: {said}"
    return f"preavis: error: {said}"


def failure_text(code: str, params: dict[str, object], lang: Lang | None = None) -> str:
    """Message `code` of the catalogue as the line on standard error."""
    lang = lang or current()
    said = say(code, params, lang)
    return f"preavis{NBSP}: erreur{NBSP}: {said}" if lang == "fr" else f"preavis: error: {said}"


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
