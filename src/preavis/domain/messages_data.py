"""The message catalogue, first part: dates, times and zones, text, services and maintenances,
schedule files, files and the database (see domain/messages.py)."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
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
    "alias.invalid": _e(
        "an alias is a name of 1 to {limit} characters with a letter or a digit",
        "un alias est un nom de 1 à {limit} caractères avec une lettre ou un chiffre",
    ),
    "alias.unknown": _e(
        "service {slug:q} has no alias {name:q}", "le service {slug:q} n’a pas d’alias {name:q}"
    ),
    "alias.own_name": _e(
        "{name:q} is already the name of service {slug:q}: it needs no alias",
        "{name:q} est déjà le nom du service {slug:q} : il n’a pas besoin d’alias",
    ),
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
    "apply.cancelled": _e(
        "the file changes maintenance {slug:q}, which was cancelled: a cancelled maintenance "
        "cannot change; to plan it again, give it another slug in the file (or start from a "
        "new database)",
        "le fichier change la maintenance {slug:q}, qui a été annulée : une maintenance annulée "
        "ne peut plus changer ; pour la planifier de nouveau, donnez-lui un autre identifiant "
        "dans le fichier (ou partez d’une nouvelle base de données)",
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
    # One of the reader's errors in that list ({error} is said in each language), and the
    # list's next item.
    "maintenance.notice_error_line": _e("line {line}: {error}", "ligne {line} : {error}"),
    "maintenance.notice_errors_next": _e("{first}; {rest}", "{first} ; {rest}"),
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
    "schedule.bad_reminder": _e(
        "{value:q} is not a delay before the start from 1m to 60d (e.g. 24h, 90m, 2d)",
        "{value:q} n’est pas un délai avant le début de 1 min à 60 jours (par exemple 24h, "
        "90m, 2d)",
    ),
    "schedule.too_many_reminders": _e("at most {max} reminders", "au plus {max} rappels"),
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
    "database.behind": _e(
        "the database {url} has schema {version} and this Préavis needs {head}: run"
        " `preavis db upgrade`",
        "la base de données {url} a le schéma {version} et cette version de Préavis demande"
        " {head} : lancez `preavis db upgrade`",
    ),
    "database.unavailable": _e(
        "the database is unavailable", "la base de données est inaccessible"
    ),
    "database.driver": _e(
        "PostgreSQL is reached with psycopg 3, not {name:q}: write postgresql+psycopg://…"
        " (or postgresql://…)",
        "PostgreSQL est joint avec psycopg 3, pas {name:q} : écrivez postgresql+psycopg://…"
        " (ou postgresql://…)",
    ),
    "database.no_driver": _e(
        "PostgreSQL needs its driver: pip install {extra}",
        "PostgreSQL demande son pilote : pip install {extra}",
    ),
    "database.refused": _e(
        "the database refused the connection ({detail}): check the user, the password and the"
        " database name in PREAVIS_DATABASE_URL",
        "la base de données a refusé la connexion ({detail}) : vérifiez l’utilisateur, le mot de"
        " passe et le nom de la base dans PREAVIS_DATABASE_URL",
    ),
    "serve.cannot_listen": _e(
        "cannot listen on {address}: {why}", "impossible d’écouter sur {address} : {why}"
    ),
    "serve.port_taken": _e(
        "the port is already taken by another program (choose another with --port)",
        "le port est déjà pris par un autre programme (choisissez-en un autre avec --port)",
    ),
    "serve.no_address": _e(
        "this machine has no such address", "cette machine n’a pas cette adresse"
    ),
    "serve.denied": _e(
        "permission denied (ports below 1024 need privileges)",
        "permission refusée (les ports sous 1024 demandent des privilèges)",
    ),
    "serve.unknown_host": _e("unknown host name", "nom d’hôte inconnu"),
    "database.restore_not_empty": _e(
        "restore needs an empty database: this one already holds data",
        "la restauration demande une base vide : celle-ci contient déjà des données",
    ),
    "settings.unknown": _e(
        "{name} is not a Préavis setting (ignored)",
        "{name} n’est pas un réglage de Préavis (ignoré)",
    ),
    "settings.unknown_close": _e(
        "{name} is not a Préavis setting (ignored); did you mean {close}?",
        "{name} n’est pas un réglage de Préavis (ignoré) ; vouliez-vous dire {close} ?",
    ),
    "settings.lang": _e(
        "{name} must be 'fr' or 'en', not {value:q}",
        "{name} doit valoir « fr » ou « en », pas {value:q}",
    ),
}
