"""The catalogue of what Préavis says when something is wrong: one stable id per message, its
parameters, and its words in English and in Canadian French.

Plain data and the standard library only (the domain imports nothing else): the domain says
the English sentence (`english`, for `str(exc)`, the API's default and the logs); the outer
layers say any message in either language, plurals through Babel (formats/messages.py).

Templates are `str.format` strings. `{name:q}` quotes a value: 'value' in English (as Python's
repr did), « value » in French; `{name:prefix}` is "name: " (French "name : ") when
the value is not empty, else nothing; `{name:if=id}` is message `id` when the value is
true, else nothing; `{day:nth}` is a day of the month (French "1er" for 1). A message
whose entry names a `count` has one form per plural category ("one", "other"; French may use
"many", else "other"). French templates are written with plain spaces: the typographic
non-breaking spaces (before ":" and ";", inside « ») are put in when they are said.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from preavis.domain import (
    messages_backup,
    messages_data,
    messages_interfaces,
    messages_keys,
    messages_log,
    messages_reader,
)
from preavis.domain.message_entries import Entry, Words

CATALOGUE: dict[str, Entry] = {
    **messages_data.MESSAGES,
    **messages_reader.MESSAGES,
    **messages_interfaces.MESSAGES,
    **messages_backup.MESSAGES,
    **messages_keys.MESSAGES,
    **messages_log.MESSAGES,
}


# Words that English messages take as parameters (actions, roles), said in French with
# `{name:term}`; a term missing here stays as it is.
TERMS_FR: dict[str, str] = {
    "applying a schedule file": "appliquer un fichier de calendrier",
    "changing a service": "modifier un service",
    "changing aliases": "modifier les alias",
    "changing groups": "modifier les groupes",
    "counting deliveries": "compter les envois",
    "creating a maintenance": "créer une maintenance",
    "creating a service": "créer un service",
    "creating a token": "créer un jeton",
    "creating a user": "créer un utilisateur",
    "disabling a user": "désactiver un utilisateur",
    "exporting": "exporter",
    "importing a notice": "importer un avis",
    "importing subscribers": "importer des abonnés",
    "issuing a password link": "émettre un lien de mot de passe",
    "listing deliveries": "lister les envois",
    "listing groups": "lister les groupes",
    "listing maintenances": "lister les maintenances",
    "listing services": "lister les services",
    "listing subscribers": "lister les abonnés",
    "listing tokens": "lister les jetons",
    "listing users": "lister les utilisateurs",
    "reading a maintenance": "lire une maintenance",
    "reading a service": "lire un service",
    "reading the history": "lire l’historique",
    "reading the schedule": "lire le calendrier",
    "removing a subscriber": "retirer un abonné",
    "restoring": "restaurer",
    "changing the site's secret key": "changer la clé secrète du site",
    "giving a webhook or channel a new secret": "donner un nouveau secret à un webhook ou un canal",
    "retrying deliveries": "relancer des envois",
    "revoking a token": "révoquer un jeton",
    "viewer": "lecteur",
    "editor": "rédacteur",
    "publisher": "éditeur",
    "admin": "administrateur",
    "unavailable": "indisponible",
    "limited": "limité",
    "webhook": "webhook",
    "channel": "canal",
    "endpoint": "point de terminaison",
    # Weekdays, as the notice reader names them in its warnings
    "Monday": "lundi",
    "Tuesday": "mardi",
    "Wednesday": "mercredi",
    "Thursday": "jeudi",
    "Friday": "vendredi",
    "Saturday": "samedi",
    "Sunday": "dimanche",
    # Months, and how the reader says it read a numeric date (notices/dates.py, numeric.py)
    "January": "janvier",
    "February": "février",
    "March": "mars",
    "April": "avril",
    "May": "mai",
    "June": "juin",
    "July": "juillet",
    "August": "août",
    "September": "septembre",
    "October": "octobre",
    "November": "novembre",
    "December": "décembre",
    "day/month": "jour/mois",
    "month/day": "mois/jour",
    "as the notice's other numeric dates show": "comme le montrent les autres dates numériques "
    "de l’avis",
    "the French order": "l’ordre français",
    "the United States order": "l’ordre des États-Unis",
    "the order used in the notice's zone": "l’ordre en usage dans le fuseau de l’avis",
}
# Zone labels, as the reader names a zone's season (domain/zones.py, ZONE_LABELS: EDT → HAE).
TERMS_FR.update(
    {
        **{"ET": "HE", "EDT": "HAE", "EST": "HNE", "AT": "HA", "ADT": "HAA", "AST": "HNA"},
        **{"NT": "HT", "NDT": "HAT", "NST": "HNT", "CT": "HC", "CDT": "HAC", "CST": "HNC"},
        **{"MT": "HR", "MDT": "HAR", "MST": "HNR", "PT": "HP", "PDT": "HAP", "PST": "HNP"},
    }
)


class _English(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "q":
            return repr(value if isinstance(value, str) else str(value))
        if format_spec == "prefix":
            return f"{value}: " if value else ""
        if format_spec in ("term", "nth"):
            return str(value)
        if format_spec == "num":  # 1,000,000
            return f"{value:,}" if isinstance(value, int | float) else str(value)
        if format_spec.startswith("if="):  # another message's words, when the value is true
            return english(format_spec[3:], {}) if value else ""
        return str(super().format_field(value, format_spec))


def plural_en(count: object) -> str:
    return "one" if count == 1 else "other"


def template(entry: Entry, lang: str, form: str) -> str:
    words = entry.fr if lang == "fr" else entry.en
    if isinstance(words, str):
        return words
    return words.get(form) or words["other"]


def english(code: str, params: Mapping[str, Any]) -> str:
    """The English sentence of message `code` (KeyError for an id the catalogue lacks)."""
    entry = CATALOGUE[code]
    form = plural_en(params.get(entry.count)) if entry.count else "other"
    return _English().vformat(template(entry, "en", form), (), dict(params))


def parameters(words: Words) -> set[str]:
    """The parameters a message's words use, in every plural form."""
    forms = [words] if isinstance(words, str) else list(words.values())
    return {name for text in forms for _, name, _, _ in string.Formatter().parse(text) if name}


class Said:
    """A log line of Préavis: message `code` of the catalogue and its parameters, logged as
    the record's message: `log.warning(Said("log.database_lost", detail=...))`. Its str() is
    the English sentence, so any logging setup reads it; Préavis's own formatter
    (cli/server_log.py) says it in the operator's language. (A test refuses a string literal
    as the message of a log call in src/preavis.)"""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return english(self.code, self.params)

    def __repr__(self) -> str:
        return f"Said({self.code!r}, {self.params!r})"
