"""The catalogue of what Préavis says when something is wrong: one stable id per message, its
parameters, and its words in English and in Canadian French.

Plain data and the standard library only (the domain imports nothing else): the domain says
the English sentence (`english`, for `str(exc)`, the API's default and the logs); the outer
layers say any message in either language, plurals through Babel (formats/messages.py).

Templates are `str.format` strings. `{name:q}` quotes a value: 'value' in English (as Python's
repr did), « value » in French; `{name:prefix}` is "name: " (French "name : ") when
the value is not empty, else nothing; `{name:if=id}` is message `id` when the value is
true, else nothing. A message whose entry names a `count` has one form per plural
category ("one", "other"; French may use "many", else "other"). French templates are written
with plain spaces: the typographic non-breaking spaces (before ":" and ";", inside « ») are put
in when they are said.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Words = str | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Entry:
    en: Words
    fr: Words
    count: str = ""  # the parameter that chooses the plural form, if any


def _e(en: Words, fr: Words, count: str = "") -> Entry:
    return Entry(en, fr, count)


CATALOGUE: dict[str, Entry] = {
    # Dates, times and zones
    "time.not_rfc3339": _e(
        "{value:q} is not a date and time: use RFC 3339 such as {example}",
        "{value:q} n’est pas une date et une heure : écrivez-les en RFC 3339, par exemple "
        "{example}",
    ),
    "time.not_real": _e(
        "{value:q} is not a real date and time ({why})",
        "{value:q} n’est pas une date réelle ({why})",
    ),
    "time.no_offset": _e(
        "{value:q} has no UTC offset: add one (e.g. -04:00) or give a time zone",
        "{value:q} n’indique pas son décalage UTC : ajoutez-le (par exemple -04:00) ou donnez "
        "un fuseau horaire",
    ),
    "time.bad_offset": _e(
        "{value:q} has an impossible UTC offset {offset}",
        "{value:q} a un décalage UTC impossible ({offset})",
    ),
    "time.not_datetime": _e(
        "{value:q} is not a date and time", "{value:q} n’est pas une date et une heure"
    ),
    "time.naive": _e("{value} has no time zone", "{value} n’indique pas de fuseau horaire"),
    "time.out_of_range": _e(
        "{value} is out of range: Préavis accepts instants from {first} to {last} (UTC)",
        "{value} est hors limites : Préavis accepte les moments du {first} au {last} (UTC)",
    ),
    "time.field_out_of_range": _e(
        "{name}: {value} is out of range: Préavis accepts instants from {first} to {last} (UTC)",
        "{name} : {value} est hors limites : Préavis accepte les moments du {first} au "
        "{last} (UTC)",
    ),
    "time.nonexistent": _e(
        "{wall} in {zone} does not exist: the clocks skip it at a daylight-saving change",
        "le {wall} n’existe pas en {zone} : les horloges sautent cette heure au passage à "
        "l’heure avancée",
    ),
    "time.ambiguous": _e(
        "{wall} in {zone} happens twice at a daylight-saving change: add the offset "
        "({first} or {second}) to say which",
        "le {wall} se produit deux fois en {zone}, au retour à l’heure normale : ajoutez le "
        "décalage ({first} ou {second}) pour dire lequel",
    ),
    "window.end_not_after_start": _e(
        "ends_at {end} is not after starts_at {start}",
        "la fin ({end}) n’est pas après le début ({start})",
    ),
    "window.end_before_start": _e("end is before start", "la fin précède le début"),
    "zone.not_iana": _e(
        "{value:q} is not an IANA time zone name",
        "{value:q} n’est pas un nom de fuseau horaire IANA",
    ),
    "zone.unknown": _e(
        "unknown time zone {value:q}: use an IANA name such as {example:q}",
        "fuseau horaire inconnu : {value:q} ; donnez un nom IANA, par exemple {example:q}",
    ),
    "reference.not_date": _e(
        "--reference {value:q} is not a date (YYYY-MM-DD)",
        "--reference {value:q} n’est pas une date (AAAA-MM-JJ)",
    ),
    # Text
    "text.not_text": _e(
        "{where:prefix}expected text, not {kind}", "{where:prefix}du texte est attendu, pas {kind}"
    ),
    "text.line_break": _e(
        "{where:prefix}contains a line break ({char}) at position {position}"
        "{hint:if=text.one_line}",
        "{where:prefix}contient un saut de ligne ({char}) à la position {position}"
        "{hint:if=text.one_line}",
    ),
    "text.not_a_character": _e(
        "{where:prefix}contains a character that is not text ({char}) at position {position}"
        "{hint:if=text.one_line}",
        "{where:prefix}contient un caractère qui n’est pas du texte ({char}) à la position "
        "{position}"
        "{hint:if=text.one_line}",
    ),
    "text.control": _e(
        "{where:prefix}contains a control character ({char}) at position {position}"
        "{hint:if=text.one_line}",
        "{where:prefix}contient un caractère de contrôle ({char}) à la position {position}"
        "{hint:if=text.one_line}",
    ),
    "text.one_line": _e(" (this field is one line)", " (ce champ tient sur une ligne)"),
    "slug.invalid": _e(
        "{value:q} is not a slug: use lowercase letters, digits and single hyphens "
        "(at most {limit} characters), e.g. 'online-store'",
        "{value:q} n’est pas un identifiant : utilisez des minuscules sans accents, des "
        "chiffres et des traits d’union simples (au plus {limit} caractères), par exemple "
        "« magasin-en-ligne »",
    ),
    # Services, groups and maintenances
    "service.unknown": _e("unknown service {slug:q}", "service inconnu : {slug:q}"),
    "service.none": _e("no service {slug:q}", "aucun service {slug:q}"),
    "service.exists": _e("service {slug:q} already exists", "le service {slug:q} existe déjà"),
    "service.in_use": _e(
        {
            "one": "service {slug:q} has {count} interruption still to come in maintenances "
            "that are not cancelled: cancel them or move them to another service first",
            "other": "service {slug:q} has {count} interruptions still to come in maintenances "
            "that are not cancelled: cancel them or move them to another service first",
        },
        {
            "one": "le service {slug:q} a encore {count} interruption à venir dans des "
            "maintenances non annulées : annulez-les ou passez-les d’abord à un autre service",
            "other": "le service {slug:q} a encore {count} interruptions à venir dans des "
            "maintenances non annulées : annulez-les ou passez-les d’abord à un autre service",
        },
        count="count",
    ),
    "service.no_name": _e("service {slug:q} has no name", "le service {slug:q} n’a pas de nom"),
    "service.name_required": _e("a service needs a name", "un service doit avoir un nom"),
    "service.stale": _e(
        "service {slug:q} is at revision {actual}, not {expected}: reload it and apply your "
        "change again",
        "le service {slug:q} est à la révision {actual}, pas {expected} : rechargez-le et "
        "refaites votre modification",
    ),
    "group.unknown": _e("unknown group {slug:q}", "groupe inconnu : {slug:q}"),
    "maintenance.unknown": _e("unknown maintenance {slug:q}", "maintenance inconnue : {slug:q}"),
    "maintenance.none_published": _e(
        "no published maintenance {slug:q}", "aucune maintenance publiée {slug:q}"
    ),
    "maintenance.exists": _e(
        "maintenance {slug:q} already exists", "la maintenance {slug:q} existe déjà"
    ),
    "maintenance.no_title": _e(
        "maintenance {slug:q} has no title", "la maintenance {slug:q} n’a pas de titre"
    ),
    "maintenance.both_bounds": _e(
        "give both starts_at and ends_at, or neither",
        "donnez le début et la fin annoncés, ou ni l’un ni l’autre",
    ),
    "maintenance.cancelled": _e(
        "maintenance {slug:q} is cancelled: it cannot change",
        "la maintenance {slug:q} est annulée : elle ne peut plus changer",
    ),
    "maintenance.cancelled_unpublishable": _e(
        "maintenance {slug:q} is cancelled: it cannot be published",
        "la maintenance {slug:q} est annulée : elle ne peut pas être publiée",
    ),
    "maintenance.already_cancelled": _e(
        "maintenance {slug:q} is already cancelled", "la maintenance {slug:q} est déjà annulée"
    ),
    "maintenance.no_interruption_key": _e(
        "maintenance {slug:q} has no interruption {key:q}",
        "la maintenance {slug:q} n’a pas d’interruption {key:q}",
    ),
    "maintenance.needs_interruption": _e(
        "a maintenance needs at least one interruption",
        "une maintenance doit avoir au moins une interruption",
    ),
    "maintenance.missing_translations": _e(
        "missing translations block publishing: {what}",
        "des traductions manquent, la publication est bloquée : {what}",
    ),
    "maintenance.retired_services": _e(
        "retired services cannot be interrupted: {slugs}",
        "des services retirés ne peuvent pas être interrompus : {slugs}",
    ),
    "maintenance.empty_schedule": _e(
        "an empty maintenance has no schedule to move",
        "une maintenance vide n’a pas d’horaire à déplacer",
    ),
    "maintenance.extend_later": _e(
        "extending needs an end later than the present one",
        "pour prolonger, la nouvelle fin doit être après la fin actuelle",
    ),
    "maintenance.end_early_inside": _e(
        "ending early needs an instant inside the maintenance",
        "pour terminer plus tôt, le moment doit être pendant la maintenance",
    ),
    "maintenance.stale": _e(
        "maintenance {slug:q} is at revision {actual}, not {expected}: reload it and apply "
        "your change again",
        "la maintenance {slug:q} est à la révision {actual}, pas {expected} : rechargez-la et "
        "refaites votre modification",
    ),
    "maintenance.notice_errors": _e(
        "the notice has errors: {listed}", "l’avis contient des erreurs : {listed}"
    ),
    "interruption.key_invalid": _e(
        "{key:q} is not an interruption key", "{key:q} n’est pas une clé d’interruption"
    ),
    "interruption.key_used": _e(
        "interruption key {key:q} is already used", "la clé d’interruption {key:q} est déjà prise"
    ),
    "interruption.impact": _e(
        "impact must be 'unavailable' or 'limited', not {value:q}",
        "l’impact doit être « indisponible » (unavailable) ou « limité » (limited), pas {value:q}",
    ),
    "interruption.starts_before": _e(
        "starts before the maintenance's announced start {start}",
        "commence avant le début annoncé de la maintenance ({start})",
    ),
    "interruption.ends_after": _e(
        "ends after the maintenance's announced end {end}",
        "finit après la fin annoncée de la maintenance ({end})",
    ),
    "interruption.overlaps": _e(
        "overlaps interruptions[{other}] of the same service {slug:q}; while both apply, the "
        "most severe impact ({impact:term}) wins",
        "chevauche interruptions[{other}] du même service {slug:q} ; pendant que les deux "
        "s’appliquent, l’impact le plus grave ({impact:term}) l’emporte",
    ),
    "slug.used": _e(
        "slug {slug:q} is already used by {kind}[{index}]",
        "l’identifiant {slug:q} est déjà pris par {kind}[{index}]",
    ),
    # Schedule files
    "schedule.problems": _e(
        {"one": "{first} (and {count} more error)", "other": "{first} (and {count} more errors)"},
        {
            "one": "{first} (et {count} autre erreur)",
            "other": "{first} (et {count} autres erreurs)",
        },
        count="count",
    ),
    "schedule.no_maintenance": _e(
        "the schedule has no maintenance", "le calendrier ne contient aucune maintenance"
    ),
    "schedule.expected_mapping": _e(
        "expected a mapping of fields (key: value)",
        "une suite de champs (clé: valeur) est attendue",
    ),
    "schedule.unknown_field": _e(
        "unknown field (expected one of: {known})",
        "champ inconnu (champs possibles : {known})",
    ),
    "schedule.field_twice": _e("this field is given twice", "ce champ est donné deux fois"),
    "schedule.field_required": _e("this field is required", "ce champ est obligatoire"),
    "schedule.expected_list": _e(
        "expected a list (lines starting with '- ')",
        "une liste est attendue (des lignes commençant par « - »)",
    ),
    "schedule.too_many": _e(
        "too many entries: at most {limit} in one file",
        "trop d’éléments : au plus {limit} dans un fichier",
    ),
    "schedule.value_required": _e("a value is required", "une valeur est obligatoire"),
    "schedule.single_value": _e(
        "expected a single value, not a list or mapping",
        "une seule valeur est attendue, pas une liste ni une suite de champs",
    ),
    "schedule.too_long": _e(
        "too long: at most {limit} characters", "trop long : au plus {limit} caractères"
    ),
    "schedule.not_one_of": _e(
        "{value:q} is not one of: {allowed}", "{value:q} n’est pas une valeur permise : {allowed}"
    ),
    "schedule.too_large": _e(
        "file too large: at most {limit} bytes", "fichier trop gros : au plus {limit} octets"
    ),
    "schedule.version": _e(
        "unsupported format version {value:q} (expected {expected})",
        "version de format non prise en charge : {value:q} (attendue : {expected})",
    ),
    "schedule.impact": _e(
        "an interruption is 'unavailable' or 'limited'",
        "une interruption est « unavailable » (indisponible) ou « limited » (limitée)",
    ),
    "schedule.empty": _e("the file is empty", "le fichier est vide"),
    "schedule.not_yaml": _e("not valid YAML: {why}", "YAML invalide : {why}"),
    "schedule.not_utf8": _e(
        "not UTF-8 text (byte {position})", "ce n’est pas du texte UTF-8 (octet {position})"
    ),
    # Files and the database
    "file.missing": _e("{path}: no such file", "{path} : fichier introuvable"),
    "file.directory": _e(
        "{path}: is a directory, not a file", "{path} : c’est un dossier, pas un fichier"
    ),
    "file.denied": _e("{path}: permission denied", "{path} : accès refusé"),
    "file.unreadable": _e("{path}: cannot be read ({why})", "{path} : illisible ({why})"),
    "file.too_large": _e(
        "{path}: file too large ({size} bytes; at most {limit} bytes)",
        "{path} : fichier trop gros ({size} octets ; au plus {limit} octets)",
    ),
    "database.missing": _e(
        "no Préavis database at {url}: run `preavis db upgrade` first",
        "aucune base de données Préavis à {url} : lancez d’abord `preavis db upgrade`",
    ),
    "database.unavailable": _e(
        "the database is unavailable", "la base de données est inaccessible"
    ),
    "database.restore_not_empty": _e(
        "restore needs an empty database: this one already holds data",
        "la restauration demande une base vide : celle-ci contient déjà des données",
    ),
    "settings.lang": _e(
        "{name} must be 'fr' or 'en', not {value:q}",
        "{name} doit valoir « fr » ou « en », pas {value:q}",
    ),
    # Subscribers (the CSV import)
    "csv.line": _e("line {line}: {error}", "ligne {line} : {error}"),
    "csv.columns": _e(
        {
            "one": "line {line}: expected 3 columns, found {count}",
            "other": "line {line}: expected 3 columns, found {count}",
        },
        {
            "one": "ligne {line} : 3 colonnes attendues, {count} trouvée",
            "other": "ligne {line} : 3 colonnes attendues, {count} trouvées",
        },
        count="count",
    ),
    "csv.header": _e(
        "the CSV must start with the header 'email,language,services'",
        "le CSV doit commencer par l’en-tête « email,language,services »",
    ),
    "csv.unsubscribed": _e(
        "line {line}: {address} unsubscribed; an import cannot subscribe them again "
        "(remove the line, or ask them to subscribe themselves)",
        "ligne {line} : {address} s’est désabonné ; une importation ne peut pas l’abonner de "
        "nouveau (retirez la ligne, ou demandez-lui de s’abonner lui-même)",
    ),
    "csv.too_many_rows": _e(
        "at most {limit} rows per import", "au plus {limit} lignes par importation"
    ),
    "csv.twice": _e(
        "line {line}: {address} appears twice", "ligne {line} : {address} figure deux fois"
    ),
    "email.invalid": _e("email: not an e-mail address", "courriel : ce n’est pas une adresse"),
    "email.value_invalid": _e(
        "email: {value:q} is not an e-mail address",
        "courriel : {value:q} n’est pas une adresse courriel",
    ),
    "email.refused": _e("email: {why}", "courriel : adresse refusée ({why})"),
    "subscription.language": _e(
        "language must be 'fr' or 'en'", "la langue doit être « fr » ou « en »"
    ),
    "subscription.unknown_service": _e(
        "services: unknown service {slug:q}", "services : service inconnu {slug:q}"
    ),
    "subscription.unknown_group": _e(
        "groups: unknown group {slug:q}", "groupes : groupe inconnu {slug:q}"
    ),
    # People, tokens, subscribers, exports and the database
    "password.short": _e(
        "password: at least {limit} characters are needed",
        "mot de passe : il faut au moins {limit} caractères",
    ),
    "password.long": _e(
        "password: at most {limit} characters are allowed",
        "mot de passe : au plus {limit} caractères",
    ),
    "user.name_long": _e(
        "name: at most {limit} characters",
        "nom : au plus {limit} caractères",
    ),
    "user.exists": _e(
        "a user with the e-mail {email:q} already exists",
        "une personne a déjà le courriel {email:q}",
    ),
    "user.none": _e(
        "no user with the e-mail {email:q}",
        "personne n’a le courriel {email:q}",
    ),
    "user.disabled": _e(
        "user {email:q} is disabled",
        "la personne {email:q} est désactivée",
    ),
    "link.expired": _e(
        "this link has expired: ask an administrator for a new one",
        "ce lien a expiré : demandez-en un nouveau à un administrateur",
    ),
    "link.used": _e(
        "this link is not valid or was already used",
        "ce lien n’est pas valide ou a déjà servi",
    ),
    "link.invalid": _e(
        "this link is not valid",
        "ce lien n’est pas valide",
    ),
    "sign_in.wrong": _e(
        "wrong e-mail or password",
        "courriel ou mot de passe erroné",
    ),
    "sign_in.throttled": _e(
        {
            "one": "too many failed sign-ins: try again in {count} minute",
            "other": "too many failed sign-ins: try again in {count} minutes",
        },
        {
            "one": "trop de connexions manquées : réessayez dans {count} minute",
            "other": "trop de connexions manquées : réessayez dans {count} minutes",
        },
        count="count",
    ),
    "token.exists": _e(
        "a token named {name:q} already exists",
        "un jeton nommé {name:q} existe déjà",
    ),
    "token.none": _e(
        "no active token named {name:q}",
        "aucun jeton actif nommé {name:q}",
    ),
    "token.required": _e(
        "a bearer token is required (Authorization: Bearer …)",
        "un jeton d’accès est requis (Authorization: Bearer …)",
    ),
    "token.invalid": _e(
        "this bearer token is not valid",
        "ce jeton d’accès n’est pas valide",
    ),
    "subscription.bad_link": _e(
        "this link is not valid (or no longer): subscribe again",
        "ce lien n’est pas valide (ou ne l’est plus) : abonnez-vous de nouveau",
    ),
    "subscription.link_expired": _e(
        "this confirmation link has expired: subscribe again",
        "ce lien de confirmation a expiré : abonnez-vous de nouveau",
    ),
    "subscription.none": _e(
        "no subscriber {address}",
        "aucun abonné {address}",
    ),
    "settings.secret_key": _e(
        "set PREAVIS_SECRET_KEY (at least 32 random characters) to sign notification links",
        "définissez PREAVIS_SECRET_KEY (au moins 32 caractères aléatoires) pour signer les liens "
        "des notifications",
    ),
    "api.if_match": _e(
        'If-Match {value:q} is not a revision such as "r3"',
        "If-Match {value:q} n’est pas une révision comme « r3 »",
    ),
    "api.notice_one": _e(
        "give exactly one of notice and notice_base64",
        "donnez soit notice, soit notice_base64, pas les deux ni aucun",
    ),
    "api.notice_base64": _e(
        "notice_base64 is not base64",
        "notice_base64 n’est pas du base64",
    ),
    "api.status": _e(
        "status must be {allowed}",
        "status doit valoir {allowed}",
    ),
    "api.status_one_of": _e(
        "status must be one of {allowed}",
        "status doit valoir l’une de ces valeurs : {allowed}",
    ),
    "api.limit": _e(
        "limit must be from {low} to {high}",
        "limit doit être entre {low} et {high}",
    ),
    "csv.not_utf8": _e(
        "the CSV must be UTF-8",
        "le CSV doit être en UTF-8",
    ),
    "export.not_ours": _e(
        "not a Préavis export (expected format {format:q}, version {version})",
        "ce n’est pas une exportation de Préavis (format attendu : {format:q}, version {version})",
    ),
    "export.tables": _e(
        "an export holds exactly these tables: {tables}",
        "une exportation contient exactement ces tables : {tables}",
    ),
    "export.rows": _e(
        "table {table:q} must be a list of rows",
        "la table {table:q} doit être une liste de lignes",
    ),
    "database.integrity": _e(
        "the database refused the change: a name that must be unique is taken, or the object is "
        "still in use; reload and try again",
        "la base de données a refusé le changement : un nom qui doit être unique est déjà pris, "
        "ou l’objet sert encore ; rechargez et réessayez",
    ),
    "database.nul": _e(
        "{name}: contains a NUL character (U+0000), which the database cannot store",
        "{name} : contient un caractère NUL (U+0000), que la base de données ne peut pas garder",
    ),
    "database.unstorable": _e(
        "a value: holds a value that the database cannot store",
        "une valeur ne peut pas être gardée par la base de données",
    ),
    "database.wrong_type": _e(
        "the database refused a value of the wrong type",
        "la base de données a refusé une valeur du mauvais type",
    ),
    "database.bad_url": _e(
        "not a database URL: {url:q}",
        "ce n’est pas une adresse de base de données : {url:q}",
    ),
    "database.sqlite_file": _e(
        "SQLite needs a file (sqlite:///preavis.db)",
        "SQLite demande un fichier (sqlite:///preavis.db)",
    ),
    "database.unsupported": _e(
        "unsupported database {name:q}: use SQLite or PostgreSQL",
        "base de données non prise en charge : {name:q} ; utilisez SQLite ou PostgreSQL",
    ),
    # Settings, the notice reader's limits
    "settings.public_url": _e(
        "{name} must start with https:// or http://",
        "{name} doit commencer par https:// ou http://",
    ),
    "settings.secret_short": _e(
        "{name} must be at least {limit} characters long",
        "{name} doit compter au moins {limit} caractères",
    ),
    "settings.smtp_url": _e(
        "{name} must start with smtp:// or smtps://",
        "{name} doit commencer par smtp:// ou smtps://",
    ),
    "settings.worker_lease": _e(
        "{name} must be a number of seconds from 1 to 86400",
        "{name} doit être un nombre de secondes de 1 à 86400",
    ),
    "settings.coming_days": _e(
        "{name} must be a whole number of days from 0 to 366, not {value:q}",
        "{name} doit être un nombre entier de jours de 0 à 366, pas {value:q}",
    ),
    "settings.wrong": _e(
        "{name}: {error}",
        "{name} : {error}",
    ),
    "notice.over_limits": _e(
        "the notice could not be read within {wall} s, {cpu} s of processor time and {memory} MB "
        "of memory; split it into smaller notices",
        "l’avis n’a pas pu être lu en {wall} s, {cpu} s de processeur et {memory} Mo de mémoire "
        "; découpez-le en avis plus petits",
    ),
    "notice.reader_failed": _e(
        "the notice reader failed unexpectedly; the failure has been logged",
        "la lecture de l’avis a échoué de façon inattendue ; l’échec a été consigné",
    ),
    "notice.memory": _e(
        "the notice needs more than {memory} MB of memory to read; split it into smaller notices",
        "l’avis demande plus de {memory} Mo de mémoire pour être lu ; découpez-le en avis plus "
        "petits",
    ),
    "notice.unexpected": _e(
        "the notice reader answered something unexpected",
        "la lecture de l’avis a donné une réponse inattendue",
    ),
    "cli.no_password": _e(
        "--password-stdin: standard input holds no password",
        "--password-stdin : l’entrée standard ne contient aucun mot de passe",
    ),
    "file.cannot_read": _e(
        "cannot read {path}: {why}",
        "impossible de lire {path} : {why}",
    ),
    "cli.status": _e(
        "--status must be one of {allowed}, not {value:q}",
        "--status doit valoir l’une de ces valeurs : {allowed}, pas {value:q}",
    ),
    "export.not_json": _e(
        "{path}: not a JSON export ({why})",
        "{path} : ce n’est pas une exportation JSON ({why})",
    ),
    "export.not_preavis": _e(
        "{path}: not a Préavis export",
        "{path} : ce n’est pas une exportation de Préavis",
    ),
    # Command line
    # Usage errors, found by Click while it reads the command line
    "usage.no_such_option": _e(
        "no such option: {option} (see '{command} --help')",
        "option inconnue : {option} (voir « {command} --help »)",
    ),
    "usage.no_such_option_close": _e(
        "no such option: {option}; did you mean {possible}? (see '{command} --help')",
        "option inconnue : {option} ; vouliez-vous dire {possible} ? (voir « {command} --help »)",
    ),
    "usage.missing_argument": _e(
        "missing argument {name} (see '{command} --help')",
        "argument manquant : {name} (voir « {command} --help »)",
    ),
    "usage.missing_option": _e(
        "missing option {name} (see '{command} --help')",
        "option manquante : {name} (voir « {command} --help »)",
    ),
    "usage.not_a_choice": _e(
        "{name}: choose one of {choices} (see '{command} --help')",
        "{name} : choisissez parmi {choices} (voir « {command} --help »)",
    ),
    "usage.not_an_integer": _e(
        "{name}: expected a whole number (see '{command} --help')",
        "{name} : un nombre entier est attendu (voir « {command} --help »)",
    ),
    "usage.not_a_number": _e(
        "{name}: expected a number (see '{command} --help')",
        "{name} : un nombre est attendu (voir « {command} --help »)",
    ),
    "usage.bad_value": _e(
        "{name}: invalid value (see '{command} --help')",
        "{name} : valeur invalide (voir « {command} --help »)",
    ),
    "usage.option_needs_value": _e(
        "{option} needs a value (see '{command} --help')",
        "{option} demande une valeur (voir « {command} --help »)",
    ),
    "usage.other": _e(
        "{message} (see '{command} --help')", "{message} (voir « {command} --help »)"
    ),
    "cli.option": _e("{option}: {error}", "{option} : {error}"),
    "cli.interrupted": _e("interrupted", "interrompu"),
    "cli.internal": _e(
        "internal error ({what}); set PREAVIS_DEBUG=1 for details",
        "erreur interne ({what}) ; PREAVIS_DEBUG=1 pour les détails",
    ),
    "access.denied": _e(
        "{action} needs the {role} role; {name} is {actual}",
        "{action:term} : il faut le rôle {role:term} ; {name} a le rôle {actual:term}",
    ),
    "page.none": _e("no such page", "page introuvable"),
    # Public pages: what a visitor reads when a page cannot be shown
    "page.no_service": _e(
        "No service has this name. The list of services is on the home page.",
        "Aucun service ne porte ce nom. La liste des services est sur la page d’accueil.",
    ),
    "page.no_maintenance": _e(
        "No published maintenance has this name. Announced maintenance is listed on the home page.",
        "Aucune maintenance publiée ne porte ce nom. Les maintenances annoncées sont sur la page "
        "d’accueil.",
    ),
    "page.no_page": _e(
        "This page does not exist. Check the address or go back home.",
        "Cette page n’existe pas. Vérifiez l’adresse ou revenez à l’accueil.",
    ),
    "page.unavailable": _e(
        "The data cannot be reached right now. Try again in a moment.",
        "Les données sont momentanément inaccessibles. Réessayez dans un instant.",
    ),
    "page.tz": _e(
        "Unknown time zone: “{value}”. Choose one from the list, such as America/Toronto.",
        "Fuseau horaire inconnu : « {value} ». Choisissez un fuseau dans la liste, par exemple "
        "America/Toronto.",
    ),
    "page.query": _e(
        "The address is too long: the part after “?” is over 512 characters.",
        "L’adresse est trop longue : la partie après « ? » dépasse 512 caractères.",
    ),
    "page.range": _e(
        "The moment “{value}” is out of range: Préavis accepts the years {first} to {last}.",
        "Le moment « {value} » est hors limites : Préavis accepte les années {first} à {last}.",
    ),
    "page.nonexistent": _e(
        "{value} does not exist in {zone}: the clocks skip that hour when daylight saving time "
        "begins. Choose a time before or after it.",
        "Le {value} n’existe pas en {zone} : les horloges sautent cette heure au passage à "
        "l’heure avancée. Choisissez une heure avant ou après.",
    ),
    "page.ambiguous": _e(
        "{value} happens twice in {zone}, when daylight saving time ends. Which one do you mean?",
        "Le {value} se produit deux fois en {zone}, au retour à l’heure normale. Lequel "
        "voulez-vous voir ?",
    ),
    "page.at_offset": _e(
        "The moment “{value}” has no UTC offset: add one (such as 2025-06-30T19:00-04:00) or use "
        "the date picker.",
        "Le moment « {value} » n’indique pas son décalage UTC : ajoutez-le (par exemple "
        "2025-06-30T19:00-04:00) ou utilisez le sélecteur de date.",
    ),
    "page.at": _e(
        "“{value}” is not a valid moment (the at parameter): write a date and time with a UTC "
        "offset, such as 2025-06-30T19:00-04:00.",
        "« {value} » n’est pas un moment valide (paramètre at) : écrivez une date et une heure "
        "avec leur décalage UTC, par exemple 2025-06-30T19:00-04:00.",
    ),
    "page.when_offset": _e(
        "“{value}”: give a local date and time, without a UTC offset; the time zone is chosen "
        "separately.",
        "« {value} » : donnez une date et une heure locales, sans décalage UTC ; le fuseau se "
        "choisit à part.",
    ),
    "page.when": _e(
        "“{value}” is not a valid date and time (the when parameter): write it like "
        "2025-06-30T19:00.",
        "« {value} » n’est pas une date et une heure valides (paramètre when) : écrivez-les "
        "comme 2025-06-30T19:00.",
    ),
    "page.invalid": _e(
        "This request is not valid. Go back home.",
        "Cette demande n’est pas valide. Revenez à l’accueil.",
    ),
}


# Words that English messages take as parameters (actions, roles), said in French with
# `{name:term}`; a term missing here stays as it is.
TERMS_FR: dict[str, str] = {
    "applying a schedule file": "appliquer un fichier de calendrier",
    "changing a service": "modifier un service",
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
    "retrying deliveries": "relancer des envois",
    "revoking a token": "révoquer un jeton",
    "viewer": "lecteur",
    "editor": "rédacteur",
    "publisher": "éditeur",
    "admin": "administrateur",
    "unavailable": "indisponible",
    "limited": "limité",
}


class _English(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "q":
            return repr(value if isinstance(value, str) else str(value))
        if format_spec == "prefix":
            return f"{value}: " if value else ""
        if format_spec == "term":
            return str(value)
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
