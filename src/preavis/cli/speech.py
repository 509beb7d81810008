"""The command line's language: help texts, and errors said in French or English.

The language is `--lang` (before the command, for any command, or the command's own),
else PREAVIS_LANG, else the POSIX locale
(LC_ALL, LC_MESSAGES, LANG: fr_* or en_*), else French. Errors carry a message id of the
catalogue (domain/messages.py) and are said in that language by formats/messages.py.
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal

from preavis.domain.errors import PreavisError, StorageUnavailableError
from preavis.domain.text import Lang
from preavis.formats.messages import say, say_error, say_recorded
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
    if isinstance(error, StorageUnavailableError) and error.refused:  # the URL to fix
        said = say("database.refused", {"detail": error.detail}, lang)
    elif isinstance(error, StorageUnavailableError) and error.detail:  # the operator's details
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
        "user_mailed": "lien à usage unique (valide {hours} h) envoyé par courriel à {email}",
        "user_not_mailed": "le courriel à {email} n’a pas pu partir ({reason}) : transmettez le "
        "lien vous-même",
        "user_disabled": "utilisateur {email} : désactivé",
        "warning": "avertissement :",
        "retired": " (retiré)",
        "by": "par",
        "maintenance_show": "{slug} ({state}, révision {revision}) : {fr} / {en}",
        "history": "{at} par {actor}{why}",
        "restored": "restauré : {counts}",
        "key_rotated_file": "clé changée : {sealed}. La nouvelle clé est dans {path}, l’ancienne "
        "dans {previous} : les liens des messages déjà envoyés restent valides tant que ce "
        "fichier existe (supprimez-le après la période de grâce, 90 jours conseillés). "
        "Redémarrez preavis serve et preavis worker pour qu’ils prennent la nouvelle clé.",
        "key_rotated_env": "{sealed} avec la nouvelle clé. Maintenant, sur chaque nœud (site et "
        "worker), dans cet ordre : 1) donnez à PREAVIS_SECRET_KEY_PREVIOUS l’ancienne clé (la "
        "valeur actuelle de PREAVIS_SECRET_KEY) ; 2) donnez à PREAVIS_SECRET_KEY la nouvelle "
        "clé ; 3) redémarrez les nœuds un à la fois ; 4) relancez cette commande avec le même "
        "fichier (elle scelle de nouveau ce qu’un nœud aurait ajouté avec l’ancienne clé "
        "entre-temps) ; 5) après la période de grâce (90 jours conseillés), retirez "
        "PREAVIS_SECRET_KEY_PREVIOUS de chaque nœud.",
        "key_resealed_env": "{sealed} avec PREAVIS_SECRET_KEY. Après la période de grâce (90 "
        "jours conseillés), retirez PREAVIS_SECRET_KEY_PREVIOUS de chaque nœud : les liens "
        "signés avec l’ancienne clé cesseront alors de fonctionner.",
        "endpoint_renewed": "{kind} {id} : nouveau secret, réactivé",
        "sign_in_again": "les sessions ne font pas partie d’une sauvegarde : chaque utilisateur "
        "se connecte de nouveau",
        "revoked_at": "révoqué le {at}",
        "subscriber_removed": "abonné {email} : retiré",
        "worker_once": "envoyés : {sent}, en échec : {failed} (nouvel essai plus tard), "
        "abandonnés : {dead}",
        "worker_running": "envoi des notifications en cours (Ctrl-C pour arrêter)",
        "worker_left": "arrêt pendant que la base de données est inaccessible : {deliveries}, "
        "qui repartiront à la fin de leur bail (PREAVIS_WORKER_LEASE)",
        "database_waiting": "base de données inaccessible ({detail}) : nouvel essai toutes les "
        "{seconds} s (Ctrl-C pour arrêter)",
        "database_back": "base de données de nouveau accessible : {then}",
        "database_back_worker": "l’envoi des notifications reprend",
        "database_back_serve": "le site démarre",
        "endpoint_added": "{kind} {id} ajouté : {url} ({lang}, {scope})",
        "signing_secret": "clé de signature (montrée cette seule fois ; les destinataires "
        "vérifient avec elle) : {secret}",
        "endpoint_removed": "{kind} {id} : supprimé",
        "alias_added": "service {slug} : alias « {name} » ajouté",
        "alias_kept": "service {slug} : l’alias « {name} » y était déjà",
        "alias_removed": "service {slug} : alias « {name} » retiré",
        "endpoint_enabled": "{kind} {id} : réactivé ; {due}",
        "endpoint_disabled": "{kind} {id} : suspendu",
        "reminders": "{slug} : rappels {shown}{default}",
        "reminders_default": " (par défaut)",
        "reminders_none": "aucun",
        "exported": "{folder} : {files} ({size} Mo), {phases}, en {seconds} s",
    },
    "en": {
        "maintenance": "maintenance {slug}: {verb} ({state}, revision {revision}, {count})",
        "service": "service {slug}: {verb} (revision {revision})",
        "schema": "database {url}: schema {version}",
        "token_revoked": "token {name}: revoked",
        "group": "group {slug}: {what}",
        "user_created": "user {email} ({role}): created",
        "user_link": "one-time link to set the password (valid {hours} h): {url}",
        "user_mailed": "one-time link (valid {hours} h) sent by e-mail to {email}",
        "user_not_mailed": "the e-mail to {email} could not be sent ({reason}): hand over the "
        "link yourself",
        "user_disabled": "user {email}: disabled",
        "warning": "warning:",
        "retired": " (retired)",
        "by": "by",
        "maintenance_show": "{slug} ({state}, revision {revision}): {fr} / {en}",
        "history": "{at} by {actor}{why}",
        "restored": "restored: {counts}",
        "key_rotated_file": "key changed: {sealed}. The new key is in {path}, the old one in "
        "{previous}: links in mail already sent keep working while that file exists (remove it "
        "when the grace period ends; 90 days advised). Restart preavis serve and preavis "
        "worker so that they use the new key.",
        "key_rotated_env": "{sealed} with the new key. Now, on every node (site and worker), in "
        "this order: 1) set PREAVIS_SECRET_KEY_PREVIOUS to the old key (the value "
        "PREAVIS_SECRET_KEY has now); 2) set PREAVIS_SECRET_KEY to the new key; 3) restart the "
        "nodes one at a time; 4) run this command again with the same file (it seals again "
        "what a node added with the old key meanwhile); 5) when the grace period ends (90 days "
        "advised), remove PREAVIS_SECRET_KEY_PREVIOUS from every node.",
        "key_resealed_env": "{sealed} with PREAVIS_SECRET_KEY. When the grace period ends (90 "
        "days advised), remove PREAVIS_SECRET_KEY_PREVIOUS from every node: links signed with "
        "the old key then stop working.",
        "endpoint_renewed": "{kind} {id}: new secret, enabled",
        "sign_in_again": "sessions are not part of a backup: each user signs in again",
        "revoked_at": "revoked {at}",
        "subscriber_removed": "removed {email}",
        "worker_once": "sent {sent}, failed {failed} (will retry), dead {dead}",
        "worker_running": "worker running (Ctrl-C stops)",
        "worker_left": "stopped while the database is away: {deliveries}, which go out again "
        "once their lease is over (PREAVIS_WORKER_LEASE)",
        "database_waiting": "database unavailable ({detail}): trying again every {seconds} s "
        "(Ctrl-C stops)",
        "database_back": "database reachable again: {then}",
        "database_back_worker": "sending notifications resumes",
        "database_back_serve": "the site starts",
        "endpoint_added": "added {kind} {id}: {url} ({lang}, {scope})",
        "signing_secret": "signing secret (shown once; receivers verify with it): {secret}",
        "endpoint_removed": "removed {kind} {id}",
        "alias_added": "service {slug}: alias “{name}” added",
        "alias_kept": "service {slug}: alias “{name}” was there already",
        "alias_removed": "service {slug}: alias “{name}” removed",
        "endpoint_enabled": "enabled {kind} {id}; {due}",
        "endpoint_disabled": "disabled {kind} {id}",
        "reminders": "{slug}: reminders {shown}{default}",
        "reminders_default": " (default)",
        "reminders_none": "none",
        "exported": "{folder}: {files} ({size} MB), {phases}, in {seconds} s",
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


# What the listing commands print as a state, a kind or a consent (the JSON keeps the values).
_WORDS_FR = {
    "draft": "brouillon",
    "published": "publiée",
    "cancelled": "annulée",
    "limited": "limité",
    "unavailable": "indisponible",
    "operational": "normal",
    "enabled": "actif",
    "disabled": "désactivé",
    "active": "actif",
    "no password yet": "sans mot de passe",
    "pending": "en attente",
    "sent": "envoyé",
    "failed": "en échec",
    "dead": "abandonné",
    "confirmed": "confirmé",
    "unsubscribed": "désabonné",
    "webhook": "webhook",
    "channel": "canal",
    "viewer": "lecteur",
    "editor": "rédacteur",
    "publisher": "éditeur",
    "admin": "administrateur",
}


def word(value: str) -> str:
    """A state, kind or consent a command prints, in the person's language."""
    if current() != "fr":
        return value
    return _WORDS_FR.get(value) or say_recorded(value, "fr")


# Things counted: CLDR plural forms chosen by Babel (French 0 and 1 singular), never "(s)".
_PLURALS: dict[Lang, dict[str, dict[str, str]]] = {
    "fr": {
        "files": {"one": "{n} fichier", "other": "{n} fichiers"},
        "phases": {"one": "{n} phase", "other": "{n} phases"},
        "due": {"one": "{n} envoi de nouveau dû", "other": "{n} envois de nouveau dus"},
        "unrecorded": {
            "one": "{n} envoi fait mais non enregistré",
            "other": "{n} envois faits mais non enregistrés",
        },
        "groups": {"one": "{n} groupe", "other": "{n} groupes"},
        "services": {"one": "{n} service", "other": "{n} services"},
        "maintenances": {"one": "{n} maintenance", "other": "{n} maintenances"},
        "interruptions": {"one": "{n} interruption", "other": "{n} interruptions"},
        "revisions": {"one": "{n} révision", "other": "{n} révisions"},
        "tokens": {"one": "{n} jeton", "other": "{n} jetons"},
        "users": {"one": "{n} utilisateur", "other": "{n} utilisateurs"},
        "subscribers": {"one": "{n} abonné", "other": "{n} abonnés"},
        "events": {"one": "{n} événement", "other": "{n} événements"},
        "deliveries": {"one": "{n} envoi", "other": "{n} envois"},
        "endpoints": {"one": "{n} webhook ou canal", "other": "{n} webhooks et canaux"},
        "endpoint_deliveries": {
            "one": "{n} envoi aux webhooks et canaux",
            "other": "{n} envois aux webhooks et canaux",
        },
        "reminder_offsets": {
            "one": "{n} réglage de rappels",
            "other": "{n} réglages de rappels",
        },
        "service_aliases": {
            "one": "{n} autre nom de service retenu",
            "other": "{n} autres noms de services retenus",
        },
        "due_restored": {
            "one": "{n} envoi en attente, que le worker fera",
            "other": "{n} envois en attente, que le worker fera",
        },
        "resealed": {
            "one": "{n} secret scellé de nouveau",
            "other": "{n} secrets scellés de nouveau",
        },
        "paused_restored": {
            "one": "{n} webhook ou canal en pause\u00a0: il a besoin de nouveau de son secret "
            "(preavis webhooks renew-secret, preavis channels renew-url)",
            "other": "{n} webhooks et canaux en pause\u00a0: ils ont besoin de nouveau de leur "
            "secret (preavis webhooks renew-secret, preavis channels renew-url)",
        },
        "links_lost": {
            "one": "{n} abonné reste abonné, mais ses anciens liens (préférences, désabonnement) "
            "ne fonctionnent plus\u00a0; son prochain message en porte de nouveaux",
            "other": "{n} abonnés restent abonnés, mais leurs anciens liens (préférences, "
            "désabonnement) ne fonctionnent plus\u00a0; leur prochain message en porte de nouveaux",
        },
        "pending_lost": {
            "one": "{n} demande d’abonnement en attente ne peut plus être confirmée (son lien ne "
            "fonctionne plus)\u00a0: la personne doit s’abonner de nouveau",
            "other": "{n} demandes d’abonnement en attente ne peuvent plus être confirmées (leur "
            "lien ne fonctionne plus)\u00a0: ces personnes doivent s’abonner de nouveau",
        },
    },
    "en": {
        "files": {"one": "{n} file", "other": "{n} files"},
        "phases": {"one": "{n} phase", "other": "{n} phases"},
        "due": {"one": "{n} delivery due again", "other": "{n} deliveries due again"},
        "unrecorded": {
            "one": "{n} delivery sent but not recorded",
            "other": "{n} deliveries sent but not recorded",
        },
        "groups": {"one": "{n} group", "other": "{n} groups"},
        "services": {"one": "{n} service", "other": "{n} services"},
        "maintenances": {"one": "{n} maintenance", "other": "{n} maintenances"},
        "interruptions": {"one": "{n} interruption", "other": "{n} interruptions"},
        "revisions": {"one": "{n} revision", "other": "{n} revisions"},
        "tokens": {"one": "{n} token", "other": "{n} tokens"},
        "users": {"one": "{n} user", "other": "{n} users"},
        "subscribers": {"one": "{n} subscriber", "other": "{n} subscribers"},
        "events": {"one": "{n} event", "other": "{n} events"},
        "deliveries": {"one": "{n} delivery", "other": "{n} deliveries"},
        "endpoints": {"one": "{n} webhook or channel", "other": "{n} webhooks and channels"},
        "endpoint_deliveries": {
            "one": "{n} delivery to webhooks and channels",
            "other": "{n} deliveries to webhooks and channels",
        },
        "reminder_offsets": {
            "one": "{n} reminder setting",
            "other": "{n} reminder settings",
        },
        "service_aliases": {
            "one": "{n} remembered service name",
            "other": "{n} remembered service names",
        },
        "due_restored": {
            "one": "{n} delivery still to send, which the worker will do",
            "other": "{n} deliveries still to send, which the worker will do",
        },
        "resealed": {"one": "{n} secret sealed again", "other": "{n} secrets sealed again"},
        "paused_restored": {
            "one": "{n} webhook or channel paused: it needs its secret again "
            "(preavis webhooks renew-secret, preavis channels renew-url)",
            "other": "{n} webhooks and channels paused: they need their secret again "
            "(preavis webhooks renew-secret, preavis channels renew-url)",
        },
        "links_lost": {
            "one": "{n} subscriber stays subscribed, but their old links (preferences, "
            "unsubscribe) no longer work; their next message carries new ones",
            "other": "{n} subscribers stay subscribed, but their old links (preferences, "
            "unsubscribe) no longer work; their next message carries new ones",
        },
        "pending_lost": {
            "one": "{n} pending subscription request can no longer be confirmed (its link no "
            "longer works): that person must subscribe again",
            "other": "{n} pending subscription requests can no longer be confirmed (their link "
            "no longer works): those people must subscribe again",
        },
    },
}


def count(key: str, n: int) -> str:
    """ "1 fichier", "0 fichier", "3 fichiers" / "1 file", "0 files": Babel's plural rules,
    the number written the language's way (French: 12 345)."""
    lang = current()
    locale = Locale.parse(f"{lang}_CA")
    forms = _PLURALS[lang].get(key)
    shown = format_decimal(n, locale=locale)
    if forms is None:  # a table the export gained since: its name as it is
        return f"{shown} {key}"
    return forms.get(locale.plural_form(n), forms["other"]).format(n=shown)


def decimal(value: float) -> str:
    """0.7 / 0,7: one decimal, the language's way."""
    return str(format_decimal(value, "0.0", locale=f"{current()}_CA"))


def interruptions(n: int) -> str:
    """ "1 interruption", "4 interruptions" (French: 0 and 1 take the singular)."""
    one = n < 2 if current() == "fr" else n == 1
    return f"{n} interruption" if one else f"{n} interruptions"
