"""The message catalogue, first half: dates, times and zones, text, services and maintenances,
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
    # The notice reader (notices/): what it had to decide or could not read. Values it
    # quotes from the notice are the notice's own words; dates are said in each language.
    "notice.year_guessed": _e(
        "no year is printed: read as {year}, {day} being the next such date after "
        "{reference} (pass --year to choose)",
        "aucune année n’est imprimée : lue comme {year}, le {day} étant la prochaine date "
        "après le {reference} (précisez l’année au besoin)",
    ),
    "notice.midnight": _e(
        "“{word}” on {day} read as the end of that day (0 h on {next})",
        "« {word} » le {day} lu comme la fin de cette journée (0 h le {next})",
    ),
    "notice.no_start_time": _e(
        "no start time is printed for {day}: read as 0 h (start of day)",
        "aucune heure de début n’est imprimée pour le {day} : lue comme 0 h (début de journée)",
    ),
    "notice.no_end_time": _e(
        "no end time is printed for {day}: read as the end of that day",
        "aucune heure de fin n’est imprimée pour le {day} : lue comme la fin de cette journée",
    ),
    "notice.starts_before": _e(
        {
            "one": "“{service}” starts {minutes} minute before the announced start: "
            "the row starts {row}, the announced period {announced}",
            "other": "“{service}” starts {minutes} minutes before the announced start: "
            "the row starts {row}, the announced period {announced}",
        },
        {
            "one": "« {service} » commence {minutes} minute avant le début annoncé : "
            "la ligne commence le {row}, la période annoncée le {announced}",
            "other": "« {service} » commence {minutes} minutes avant le début annoncé : "
            "la ligne commence le {row}, la période annoncée le {announced}",
        },
        count="minutes",
    ),
    "notice.ends_after": _e(
        {
            "one": "“{service}” ends {minutes} minute after the announced end ({announced})",
            "other": "“{service}” ends {minutes} minutes after the announced end ({announced})",
        },
        {
            "one": "« {service} » finit {minutes} minute après la fin annoncée ({announced})",
            "other": "« {service} » finit {minutes} minutes après la fin annoncée ({announced})",
        },
        count="minutes",
    ),
    "notice.impact_part_works": _e(
        "impact of “{service}” read as limited (“{words}”: part still works)",
        "effet sur « {service} » lu comme limité (« {words} » : une partie fonctionne encore)",
    ),
    "notice.impact_no_description": _e(
        "impact of “{service}” read as unavailable (no description says what still works)",
        "effet sur « {service} » lu comme indisponible (aucune description ne dit ce qui "
        "fonctionne encore)",
    ),
    "notice.impact_no_limited_word": _e(
        "impact of “{service}” read as unavailable (no word says it is limited)",
        "effet sur « {service} » lu comme indisponible (aucun mot ne dit qu’il est limité)",
    ),
    "notice.cancelled": _e(
        "“{service}” is marked cancelled: no row",
        "« {service} » est indiqué comme annulé : aucune ligne",
    ),
    "notice.unknown_zone": _e("unknown time zone “{zone}”", "fuseau horaire inconnu : « {zone} »"),
    "notice.code_not_zone": _e(
        "“({code})” after the window is read as a place or a code, not a time zone",
        "« ({code}) » après la période est lu comme un lieu ou un code, pas un fuseau horaire",
    ),
    "notice.no_zone": _e(
        "no time zone is printed: read as {zone} (pass --timezone)",
        "aucun fuseau horaire n’est imprimé : lu comme {zone} (précisez le fuseau au besoin)",
    ),
    "notice.no_interruption": _e(
        "no interruption found: no row pairs a service with a window",
        "aucune interruption trouvée : aucune ligne n’associe un service à une période",
    ),
    "notice.date_ambiguous": _e(
        "{date} is ambiguous (day/month or month/day): write the month in words",
        "{date} est ambiguë (jour/mois ou mois/jour) : écrivez le mois en toutes lettres",
    ),
    "notice.no_year": _e(
        "no year could be worked out for this date: pass --year",
        "aucune année n’a pu être déduite pour cette date : précisez l’année",
    ),
    "notice.no_such_day": _e("{date} does not exist", "la date {date} n’existe pas"),
    "notice.not_a_range": _e(
        "the days of “{window}” do not make a range",
        "les jours de « {window} » ne forment pas une période",
    ),
    "notice.window_no_date": _e(
        "the window “{window}” has no date", "la période « {window} » n’a pas de date"
    ),
    "notice.overnight": _e(
        "“{window}” read as overnight, from {start} to {end}",
        "« {window} » lu comme une nuit, du {start} au {end}",
    ),
    "notice.ends_before_start": _e(
        "the window “{window}” ends before it starts",
        "la période « {window} » finit avant de commencer",
    ),
    "notice.bad_hour": _e("{hour} h is not a time of day", "{hour} h n’est pas une heure du jour"),
    "notice.dst_gap": _e(
        "{when} does not exist in {zone}: the clocks skip it at a daylight-saving change",
        "{when} n’existe pas dans le fuseau {zone} : les horloges la sautent au changement d’heure",
    ),
    "notice.dst_twice": _e(
        "{when} happens twice in {zone} (daylight-saving change): read as the first ({offset})",
        "{when} survient deux fois dans le fuseau {zone} (changement d’heure) : lue comme la "
        "première ({offset})",
    ),
    "notice.heading_name": _e(
        "“{service}” is the heading above this window, not on its line",
        "« {service} » est le titre au-dessus de cette période, pas sur sa ligne",
    ),
    "notice.name_sentence": _e(
        "“{service}” reads as a sentence, not as a service name",
        "« {service} » se lit comme une phrase, pas comme un nom de service",
    ),
    "notice.name_cut": _e(
        "“{service}” looks cut short (an unclosed bracket)",
        "« {service} » semble coupé (une parenthèse ouverte sans fermeture)",
    ),
    # Why a rule's tie of a name to a window is a guess (notices/evidence.py) ...
    "notice.weak_title": _e(
        "“{service}” tied to its window by the {rule} rule: no sentence names a service for this "
        "window: the notice's title does",
        "« {service} » est rattaché à sa période par la règle « {rule} » : aucune phrase ne nomme "
        "de service pour cette période, c’est le titre de l’avis qui le fait",
    ),
    "notice.weak_kind": _e(
        "“{service}” tied to its window by the {rule} rule: the service is implied by the kind "
        "of notice (“{cue}”)",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le service est déduit "
        "du genre d’avis (« {cue} »)",
    ),
    "notice.weak_event_object": _e(
        "“{service}” tied to its window by the {rule} rule: the service is what the maintenance "
        "is said to be of",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le service est ce sur "
        "quoi porte l’entretien, d’après l’avis",
    ),
    "notice.weak_window_elsewhere": _e(
        "“{service}” tied to its window by the {rule} rule: the window is printed in another "
        "sentence (line {line}), which names no service",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la période est écrite "
        "dans une autre phrase (ligne {line}), qui ne nomme aucun service",
    ),
    "notice.weak_lead_in": _e(
        "“{service}” tied to its window by the {rule} rule: the list's lead-in prints no "
        "window: the notice's one window applies",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la phrase qui annonce "
        "la liste n’écrit aucune période, la seule période de l’avis s’applique",
    ),
    "notice.weak_place": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the row is named by its place",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, la ligne est nommée par son lieu",
    ),
    "notice.weak_heading": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the service is the heading above it",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, le service est le titre au-dessus de lui",
    ),
    "notice.weak_table_title": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the service is the notice's title",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, le service est le titre de l’avis",
    ),
    "notice.weak_one_window": _e(
        "“{service}” tied to its window by the {rule} rule: the notice's one window, not said "
        "in this sentence",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la seule période de "
        "l’avis, qui n’est pas écrite dans cette phrase",
    ),
    # ... and the ranking of candidate names (notices/ranking.py)
    "notice.name_ranked": _e(
        "“{service}” is the best-scored name ({source}, {score}), ranked above “{other}” "
        "({other_source}, {other_score})",
        "« {service} » est le nom le mieux noté ({source}, {score}), devant « {other} » "
        "({other_source}, {other_score})",
    ),
    "notice.name_weak": _e(
        "“{service}” is weak evidence of a service name (score {score})",
        "« {service} » désigne mal un service (note {score})",
    ),
    "notice.name_close": _e(
        "“{other}” ({other_source}, {other_score}) scores nearly as well as “{service}” ({score})",
        "« {other} » ({other_source}, {other_score}) est presque aussi bien noté que "
        "« {service} » ({score})",
    ),
    "notice.no_service_name": _e(
        "no service name for the window “{window}”",
        "aucun nom de service pour la période « {window} »",
    ),
    # A reading of a window that is a guess (WindowMatch.note), said on its rows.
    "notice.end_said_later": _e(
        "“{window}” ends as a later sentence says (“{said}”)",
        "« {window} » se termine comme le dit une phrase plus loin (« {said} »)",
    ),
    "notice.repeated_each_day": _e(
        "“{window}” read as repeated each day of the range (the notice does not say “each night”)",
        "« {window} » lu comme répété chaque jour de la période (l’avis ne dit pas « chaque "
        "nuit »)",
    ),
    "notice.no_end_rest_of_day": _e(
        "“{window}” prints no end: read as closed for the rest of that day",
        "« {window} » n’indique pas de fin : lu comme fermé jusqu’à la fin de la journée",
    ),
    "notice.every_such_day": _e(
        "“{window}” read as every such day of the range, whole days",
        "« {window} » lu comme chacun de ces jours de la période, en journées entières",
    ),
    "notice.repeated_over_days": _e(
        {
            "one": "“{window}” is repeated each day over the {count} day the notice states, "
            "from its beginning date",
            "other": "“{window}” is repeated each day over the {count} days the notice states, "
            "from its beginning date",
        },
        {
            "one": "« {window} » est répété chaque jour pendant le {count} jour qu’indique "
            "l’avis, à partir de sa date de début",
            "other": "« {window} » est répété chaque jour pendant les {count} jours qu’indique "
            "l’avis, à partir de sa date de début",
        },
        count="count",
    ),
    "notice.whole_days_unnamed": _e(
        "“{window}” (whole days, no time) names no service: read as no interruption",
        "« {window} » (journées entières, sans heure) ne nomme aucun service : "
        "aucune interruption retenue",
    ),
    "notice.window_names_no_service": _e(
        "this window names no service: list them after “Affected services:” "
        "(« Services touchés : »)",
        "cette période ne nomme aucun service : énumérez-les après « Services touchés : »",
    ),
    "notice.too_many_rows": _e(
        "too many rows: more than {limit}", "trop de lignes : plus de {limit}"
    ),
    "notice.overlap": _e(
        "“{service}” overlaps its row at line {other}; while both apply, the most severe "
        "impact wins",
        "« {service} » chevauche son autre rangée (ligne {other}) ; tant que les deux "
        "s’appliquent, l’effet le plus grave l’emporte",
    ),
    "notice.not_in_catalogue_guess": _e(
        "“{service}” is not in the catalogue; did you mean “{guess}”?",
        "« {service} » n’est pas au catalogue ; vouliez-vous dire « {guess} » ?",
    ),
    "notice.not_in_catalogue": _e(
        "“{service}” is not in the catalogue", "« {service} » n’est pas au catalogue"
    ),
}
