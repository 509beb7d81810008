"""The message catalogue, Préavis's own log lines: what the worker, the web server, the
storage layer and the migrations tell the operator in the log (see domain/messages.py; logged
as `Said`, said in the operator's language by cli/server_log.py). A detail that comes from
elsewhere (a driver's reason, a receiver's answer, a path) is kept as it is."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
    # -- the worker (actions/notifications.py, outbox.py, hook_delivery.py) ------------------
    "log.worker_database_away": _e(
        "worker: database unavailable ({detail}); trying again every {seconds} s",
        "envoi des notifications : base de données inaccessible ({detail}) ; nouvel essai "
        "toutes les {seconds} s",
    ),
    "log.worker_database_back": _e(
        "worker: database reachable again; sending resumes",
        "envoi des notifications : base de données de nouveau accessible ; l’envoi reprend",
    ),
    "log.worker_left": _e(
        {
            "one": "worker stopped while the database is away: {count} delivery sent but not "
            "recorded goes out again once its lease is over",
            "other": "worker stopped while the database is away: {count} deliveries sent but "
            "not recorded go out again once their lease is over",
        },
        {
            "one": "arrêt pendant que la base de données est inaccessible : {count} envoi fait "
            "mais non enregistré repartira à la fin de son bail",
            "other": "arrêt pendant que la base de données est inaccessible : {count} envois "
            "faits mais non enregistrés repartiront à la fin de leur bail",
        },
        count="count",
    ),
    "log.worker_pass_failed": _e(
        "worker pass failed; trying again shortly (details below)",
        "échec d’un passage de l’envoi des notifications ; nouvel essai sous peu (détails "
        "ci-dessous)",
    ),
    "log.worker_unanswered": _e(
        {
            "one": "stopping: {count} webhook or channel delivery got no answer within "
            "{seconds} s and is recorded as not sent; it goes out again at the next start, "
            "with the same webhook-id",
            "other": "stopping: {count} webhook or channel deliveries got no answer within "
            "{seconds} s and are recorded as not sent; they go out again at the next start, "
            "with the same webhook-id",
        },
        {
            "one": "arrêt : {count} envoi à un webhook ou à un canal est resté sans réponse "
            "pendant {seconds} s et est noté non envoyé ; il repartira au prochain démarrage, "
            "avec le même webhook-id",
            "other": "arrêt : {count} envois à des webhooks ou à des canaux sont restés sans "
            "réponse pendant {seconds} s et sont notés non envoyés ; ils repartiront au "
            "prochain démarrage, avec le même webhook-id",
        },
        count="count",
    ),
    "log.event_queued_elsewhere": _e(
        "event {event}: queued by another worker meanwhile",
        "événement {event} : mis en attente par un autre processus d’envoi entre-temps",
    ),
    "log.render_failed": _e(
        "cannot render delivery {delivery} (details below)",
        "impossible de composer l’envoi {delivery} (détails ci-dessous)",
    ),
    "log.mark_failed": _e(
        {
            "one": "cannot mark {count} delivery sent during the batch; it is recorded at the "
            "end of the batch (details below)",
            "other": "cannot mark {count} deliveries sent during the batch; they are recorded "
            "at the end of the batch (details below)",
        },
        {
            "one": "impossible de noter {count} envoi fait pendant le lot ; il sera enregistré "
            "à la fin du lot (détails ci-dessous)",
            "other": "impossible de noter {count} envois faits pendant le lot ; ils seront "
            "enregistrés à la fin du lot (détails ci-dessous)",
        },
        count="count",
    ),
    "log.recorded_after_outage": _e(
        {
            "one": "recorded {count} delivery sent while the database was away",
            "other": "recorded {count} deliveries sent while the database was away",
        },
        {
            "one": "{count} envoi fait pendant que la base de données était inaccessible est "
            "maintenant enregistré",
            "other": "{count} envois faits pendant que la base de données était inaccessible "
            "sont maintenant enregistrés",
        },
        count="count",
    ),
    "log.endpoint_disabled": _e(
        "endpoint {endpoint} disabled: {error}",
        "point de terminaison {endpoint} désactivé : {error}",
    ),
    "log.endpoint_send_failed": _e(
        "cannot send endpoint delivery {delivery} (details below)",
        "impossible de faire l’envoi {delivery} au point de terminaison (détails ci-dessous)",
    ),
    # -- the notice reader (actions/reading.py) ----------------------------------------------
    "log.reader_failed": _e(
        "the notice reader failed in its child process: {detail}",
        "le lecteur d’avis a échoué dans son processus enfant : {detail}",
    ),
    # -- the web server (web/site.py, cache.py, front.py, export.py) -------------------------
    "log.serving_stale": _e(
        "database unavailable: serving the public data read at {at}",
        "base de données inaccessible : les données publiques servies sont celles lues à {at}",
    ),
    "log.public_unchecked": _e(
        "the public data could not be checked (details below)",
        "les données publiques n’ont pas pu être vérifiées (détails ci-dessous)",
    ),
    "log.views_not_ahead": _e(
        "views of now not rendered ahead of {until} (details below)",
        "les vues de l’instant présent n’ont pas été préparées d’avance pour {until} "
        "(détails ci-dessous)",
    ),
    "log.page_failed": _e(
        "public page {path} failed (details below)",
        "échec de la page publique {path} (détails ci-dessous)",
    ),
    "log.export_refreshed": _e(
        {
            "one": "static export refreshed: {path} ({files} file, {seconds:num} s)",
            "other": "static export refreshed: {path} ({files:num} files, {seconds:num} s)",
        },
        {
            "one": "exportation statique mise à jour : {path} ({files} fichier, {seconds:num} s)",
            "other": "exportation statique mise à jour : {path} ({files:num} fichiers, "
            "{seconds:num} s)",
        },
        count="files",
    ),
    "log.export_failed": _e(
        "static export to {path} failed (details below)",
        "échec de l’exportation statique vers {path} (détails ci-dessous)",
    ),
    # -- the storage layer (storage/store.py) and the migrations -----------------------------
    "log.database_unavailable": _e(
        "database unavailable: {detail}",
        "base de données inaccessible : {detail}",
    ),
    "log.database_refused": _e(
        "database refused the connection: {detail}",
        "la base de données a refusé la connexion : {detail}",
    ),
    "log.database_lost": _e(
        "database connection lost: {detail}",
        "connexion à la base de données perdue : {detail}",
    ),
    "log.integrity_error": _e(
        "integrity error: {detail}",
        "erreur d’intégrité : {detail}",
    ),
    "log.data_error": _e(
        "data error: {detail}",
        "erreur de donnée : {detail}",
    ),
    "log.statement_error": _e(
        "statement error: {detail}",
        "erreur d’instruction SQL : {detail}",
    ),
    "log.repaired_text": _e(
        "repaired text of {table} {id}: {fields}",
        "texte réparé dans {table} {id} : {fields}",
    ),
    "log.repaired_window": _e(
        "repaired window of {table} {id}: out of range",
        "période réparée dans {table} {id} : hors des limites",
    ),
}
