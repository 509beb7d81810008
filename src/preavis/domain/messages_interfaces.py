"""The message catalogue, second half: subscribers, people, tokens, exports, settings, the
command line and the public pages (see domain/messages.py)."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
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
    "settings.cache_mb": _e(
        "{name} must be a whole number of megabytes from 1 to 65536, not {value:q}",
        "{name} doit être un nombre entier de mégaoctets de 1 à 65536, pas {value:q}",
    ),
    "settings.smtp_without_public_url": _e(
        "PREAVIS_SMTP_URL is set but PREAVIS_PUBLIC_URL is not: messages would link to "
        "http://127.0.0.1:8000; set the site's public address first",
        "PREAVIS_SMTP_URL est réglé mais pas PREAVIS_PUBLIC_URL : les messages renverraient à "
        "http://127.0.0.1:8000 ; donnez d’abord l’adresse publique du site",
    ),
    "export.not_an_export": _e(
        "export-site: {path} already exists and is not an export (an export's folder is a "
        "symbolic link to its latest build): choose another folder, or empty it first",
        "export-site : {path} existe déjà et n’est pas un export (le dossier d’un export est un "
        "lien symbolique vers sa dernière version) : choisissez un autre dossier, ou videz-le "
        "d’abord",
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
    # Branding settings
    "brand.url": _e(
        "{name}: {value:q} is not an http(s) address such as https://example.org/privacy",
        "{name} : {value:q} n’est pas une adresse http(s) comme "
        "https://example.org/confidentialite",
    ),
    "brand.name": _e(
        "{name}: at most {limit} characters on one line",
        "{name} : au plus {limit} caractères sur une ligne",
    ),
    "brand.colour_part": _e(
        "{name}: {value:q} is not name=#rrggbb with a name among {known}",
        "{name} : {value:q} ne s’écrit pas nom=#rrggbb avec un nom parmi {known}",
    ),
    "brand.colour_hex": _e(
        "{name}: {colour}={value:q} is not a colour written #rgb or #rrggbb",
        "{name} : {colour}={value:q} n’est pas une couleur écrite #rgb ou #rrggbb",
    ),
    "brand.colour_pale": _e(
        "{name}: {colour}={value} is too pale for {paints}: its contrast with white is "
        "{ratio}:1, at least {needed}:1 is needed",
        "{name} : {colour}={value} est trop pâle pour {paints} : son contraste avec le blanc est "
        "de {ratio}:1, il faut au moins {needed}:1",
    ),
    "brand.links_max": _e(
        "{name}: at most {limit} links",
        "{name} : au plus {limit} liens",
    ),
    "brand.link": _e(
        "{name}: link {n} ({value:q}) is not 'French label|English label|https://…'",
        "{name} : le lien {n} ({value:q}) ne s’écrit pas « libellé français|libellé "
        "anglais|https://… »",
    ),
    "brand.label": _e(
        "{name}: link {n}: a label has at most {limit} characters",
        "{name} : lien {n} : un libellé a au plus {limit} caractères",
    ),
    "brand.logo_kind": _e(
        "PREAVIS_LOGO: {logo}: a logo is a {kinds} file or an https:// address",
        "PREAVIS_LOGO : {logo} : un logo est un fichier {kinds} ou une adresse https://",
    ),
    "brand.logo_size": _e(
        "PREAVIS_LOGO: {logo}: {size} bytes; a logo has at most {limit} bytes",
        "PREAVIS_LOGO : {logo} : {size} octets ; un logo a au plus {limit} octets",
    ),
    "brand.logo_unreadable": _e(
        "PREAVIS_LOGO: {logo}: cannot be read ({why})",
        "PREAVIS_LOGO : {logo} : illisible ({why})",
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
    # Webhooks, channels and the mail server (notify/, actions/endpoints.py)
    "smtp.scheme": _e(
        "PREAVIS_SMTP_URL must start with smtp:// or smtps://, not {value:q}",
        "PREAVIS_SMTP_URL doit commencer par smtp:// ou smtps://, pas {value:q}",
    ),
    "smtp.no_host": _e("PREAVIS_SMTP_URL names no host", "PREAVIS_SMTP_URL ne nomme aucun hôte"),
    "smtp.port": _e(
        "PREAVIS_SMTP_URL has an invalid port", "PREAVIS_SMTP_URL a un port non valide"
    ),
    "smtp.option": _e(
        "PREAVIS_SMTP_URL has an unknown option {value:q} (known: connections)",
        "PREAVIS_SMTP_URL a une option inconnue {value:q} (connue : connections)",
    ),
    "smtp.connections": _e(
        "PREAVIS_SMTP_URL: connections must be a whole number from 1 to {limit}, not {value:q}",
        "PREAVIS_SMTP_URL : connections doit être un nombre entier de 1 à {limit}, pas {value:q}",
    ),
    "hook.secret_unreadable": _e(
        "a stored endpoint secret cannot be read with this PREAVIS_SECRET_KEY "
        "(was the key changed?)",
        "un secret de destination enregistré ne peut pas être lu avec cette PREAVIS_SECRET_KEY "
        "(la clé a-t-elle changé ?)",
    ),
    "hook.unresolvable": _e(
        "cannot resolve {host:q}: {why}", "impossible de résoudre {host:q} : {why}"
    ),
    "hook.no_address": _e(
        "{host:q} resolves to no address", "{host:q} ne correspond à aucune adresse"
    ),
    "hook.private": _e(
        "{host:q} resolves to {address}, a private, loopback or link-local address; refused "
        "(PREAVIS_WEBHOOK_ALLOW_PRIVATE=1 allows it)",
        "{host:q} correspond à {address}, une adresse privée, de bouclage ou locale au lien ; "
        "refusé (PREAVIS_WEBHOOK_ALLOW_PRIVATE=1 l’autorise)",
    ),
    "url.length": _e(
        "the URL must be 1 to {limit} characters long",
        "l’URL doit compter de 1 à {limit} caractères",
    ),
    "hook.url": _e(
        "a webhook URL starts with https:// (or http://) and names a host, not {url:q}",
        "une URL de webhook commence par https:// (ou http://) et nomme un hôte, pas {url:q}",
    ),
    "hook.credentials": _e(
        "a webhook URL cannot hold a user or a password",
        "une URL de webhook ne peut pas contenir d’utilisateur ni de mot de passe",
    ),
    "hook.port": _e(
        "the URL's port is not valid: {url:q}", "le port de l’URL n’est pas valide : {url:q}"
    ),
    "channel.unknown": _e(
        "Apprise does not understand this URL (see its list of services, e.g. slack://…, "
        "msteams://…, discord://…, json://host/path)",
        "Apprise ne comprend pas cette URL (voyez sa liste de services, p. ex. slack://…, "
        "msteams://…, discord://…, json://hote/chemin)",
    ),
    "channel.no_host": _e("the channel URL names no host", "l’URL du canal ne nomme aucun hôte"),
    "channel.port": _e(
        "the channel URL's port is not valid", "le port de l’URL du canal n’est pas valide"
    ),
    "endpoint.kind": _e(
        "kind must be webhook or channel, not {value:q}",
        "kind doit valoir webhook ou channel, pas {value:q}",
    ),
    "endpoint.lang": _e(
        "lang must be fr or en, not {value:q}", "lang doit valoir fr ou en, pas {value:q}"
    ),
    "endpoint.none": _e(
        "no {kind:term} with id {ident}", "aucun {kind:term} n’a l’identifiant {ident}"
    ),
    "reminder.delay": _e(
        "{name}: {value:q} is not a delay before the start (e.g. 24h, 90m, 2d)",
        "{name} : {value:q} n’est pas un délai avant le début (p. ex. 24h, 90m, 2d)",
    ),
    "reminder.too_many": _e(
        "{name}: at most {limit} reminders", "{name} : au plus {limit} rappels"
    ),
    "reminder.not_minutes": _e(
        "{name}: {value:q} is not a number of minutes",
        "{name} : {value:q} n’est pas un nombre de minutes",
    ),
    "reminder.range": _e(
        {
            "one": "{name}: {value} minute is outside 1 to {limit} (60 days)",
            "other": "{name}: {value} minutes is outside 1 to {limit} (60 days)",
        },
        {
            "one": "{name} : {value} minute, c’est hors de l’intervalle de 1 à {limit} (60 jours)",
            "other": "{name} : {value} minutes, c’est hors de l’intervalle de 1 à {limit} "
            "(60 jours)",
        },
        count="value",
    ),
    "reminder.no_maintenance": _e("no maintenance {slug:q}", "aucune maintenance {slug:q}"),
    # Forms, exports and the public site's documents
    "form.too_large": _e("form too large", "formulaire trop volumineux"),
    "form.unreadable": _e("the form could not be read", "le formulaire n’a pas pu être lu"),
    "subscription.no_scope": _e(
        "services: tick at least one service, or choose all services",
        "services : cochez au moins un service, ou choisissez tous les services",
    ),
    "statuspage.none": _e("no Statuspage document {name:q}", "aucun document Statuspage {name:q}"),
    "query.too_long": _e(
        "query string too long: {length} characters (at most {limit})",
        "chaîne de requête trop longue : {length} caractères (au plus {limit})",
    ),
    "export.base_url": _e(
        "--base-url must start with https:// or http://",
        "--base-url doit commencer par https:// ou http://",
    ),
    "export.broken_links": _e(
        {
            "one": "export-site: {count} broken link, e.g. {first}",
            "other": "export-site: {count} broken links, e.g. {first}",
        },
        {
            "one": "export-site : {count} lien brisé, p. ex. {first}",
            "other": "export-site : {count} liens brisés, p. ex. {first}",
        },
        count="count",
    ),
    "subscribers.imported": _e(
        {
            "one": "{count} subscriber imported from {path}",
            "other": "{count} subscribers imported from {path}",
        },
        {
            "one": "{count} abonné importé depuis {path}",
            "other": "{count} abonnés importés depuis {path}",
        },
        count="count",
    ),
}
