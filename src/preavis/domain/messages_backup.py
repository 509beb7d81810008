"""The message catalogue, backups: what `preavis export` and `restore` say when a file or the
site's key is not right (see domain/messages.py)."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
    "export.version": _e(
        "this export is version {version:q}, and this Préavis restores versions {known}: "
        "restore it with the Préavis that wrote it, or a newer one",
        "cette exportation est de version {version:q}, et ce Préavis restaure les versions "
        "{known} : restaurez-la avec le Préavis qui l’a écrite, ou un plus récent",
    ),
    "export.not_a_row": _e(
        "table {table:q}, row {row}: a row must be an object of fields",
        "table {table:q}, ligne {row} : une ligne doit être un objet de champs",
    ),
    "export.at": _e(
        "table {table:q}, row {row} ({key}), field {name:q}: {error}",
        "table {table:q}, ligne {row} ({key}), champ {name:q} : {error}",
    ),
    "export.unknown": _e(
        "not a column of this table",
        "ce n’est pas une colonne de cette table",
    ),
    "export.missing": _e(
        "missing, and this column needs a value",
        "absent, et cette colonne demande une valeur",
    ),
    "export.null": _e("cannot be null", "ne peut pas valoir null"),
    "export.instant": _e(
        "must be an RFC 3339 instant with its offset, such as 2025-06-30T23:00:00+00:00, "
        "not {value:q}",
        "doit être un instant RFC 3339 avec son décalage, comme 2025-06-30T23:00:00+00:00, "
        "pas {value:q}",
    ),
    "export.boolean": _e(
        "must be true or false, not {value:q}",
        "doit valoir true ou false, pas {value:q}",
    ),
    "export.integer": _e(
        "must be a whole number from {low:num} to {high:num}, not {value:q}",
        "doit être un nombre entier de {low:num} à {high:num}, pas {value:q}",
    ),
    "export.text": _e("must be text, not {value:q}", "doit être du texte, pas {value:q}"),
    "export.nul": _e(
        "holds the character U+0000, which no database stores",
        "contient le caractère U+0000, qu’aucune base de données ne stocke",
    ),
    "export.too_long": _e(
        {
            "one": "{length} character, at most {limit}",
            "other": "{length} characters, at most {limit}",
        },
        {
            "one": "{length} caractère, au plus {limit}",
            "other": "{length} caractères, au plus {limit}",
        },
        count="length",
    ),
    "export.one_of": _e(
        "must be one of {allowed}, not {value:q}",
        "doit valoir l’une de ces valeurs : {allowed}, pas {value:q}",
    ),
    "export.duplicate": _e(
        "{value:q} is already in row {other}, and must be unique",
        "{value:q} figure déjà à la ligne {other}, et doit être unique",
    ),
    "export.reference": _e(
        "{value:q} names no row of table {target:q}",
        "{value:q} ne désigne aucune ligne de la table {target:q}",
    ),
    "export.json": _e(
        "must be a JSON object written as text",
        "doit être un objet JSON écrit comme du texte",
    ),
    "export.changes": _e(
        "must be a JSON list of [field, before, after] written as text",
        "doit être une liste JSON de [champ, avant, après] écrite comme du texte",
    ),
    "export.alias_key": _e(
        "is not the alias's name folded ({expected:q})",
        "n’est pas le nom de l’alias sous sa forme comparée ({expected:q})",
    ),
    "export.minutes": _e(
        "must be whole numbers of minutes separated by spaces, not {value:q}",
        "doit être des nombres entiers de minutes séparés par des espaces, pas {value:q}",
    ),
    "export.sealed": _e(
        "this sealed secret does not open with the site's key, although the key's fingerprint "
        "matches: the export was changed after it was written",
        "ce secret scellé ne s’ouvre pas avec la clé du site, bien que l’empreinte de la clé "
        "corresponde : l’exportation a été modifiée après coup",
    ),
    "export.sealed_stale": _e(
        "the secret of {kind:term} {ident} does not open with this site's key (the key changed "
        "since it was added), and a backup holding it could never be restored: remove it "
        "(preavis webhooks remove / preavis channels remove), add it again, and export again",
        "le secret de {kind:term} {ident} ne s’ouvre pas avec la clé de ce site (la clé a changé "
        "depuis son ajout), et une sauvegarde qui le contient ne pourrait jamais être restaurée "
        ": supprimez-le (preavis webhooks remove / preavis channels remove), ajoutez-le de "
        "nouveau, puis exportez de nouveau",
    ),
    "export.fingerprint": _e(
        "key_fingerprint must be null or 64 hexadecimal digits",
        "key_fingerprint doit valoir null ou 64 chiffres hexadécimaux",
    ),
    "export.key_env": _e(
        "the webhooks, channels and subscribers' links in this export need the secret key of "
        "the site it came from, and PREAVIS_SECRET_KEY is not that key: set PREAVIS_SECRET_KEY "
        "to the old site's key and restore again (nothing was restored); if that key is lost, "
        "restore with {option}: webhooks and channels come back paused, waiting for a "
        "new secret, and subscribers' old links stop working",
        "les webhooks, canaux et liens des abonnés de cette exportation demandent la clé "
        "secrète du site d’origine, et PREAVIS_SECRET_KEY n’est pas cette clé : donnez à "
        "PREAVIS_SECRET_KEY la clé de l’ancien site et restaurez de nouveau (rien n’a été "
        "restauré) ; si cette clé est perdue, restaurez avec {option} : les webhooks et "
        "canaux reviennent en pause, en attente d’un nouveau secret, et les anciens liens des "
        "abonnés cessent de fonctionner",
    ),
    "export.key_file": _e(
        "the webhooks, channels and subscribers' links in this export need the secret key of "
        "the site it came from, and {path} does not hold it: copy the old site's key (the file "
        "named like its database, followed by .secret) to {path}, or set PREAVIS_SECRET_KEY to "
        "the old key, and restore again (nothing was restored); if that key is lost, restore "
        "with {option}: webhooks and channels come back paused, waiting for a new "
        "secret, and subscribers' old links stop working",
        "les webhooks, canaux et liens des abonnés de cette exportation demandent la clé "
        "secrète du site d’origine, et {path} ne la contient pas : copiez la clé de l’ancien "
        "site (le fichier nommé comme sa base de données, suivi de .secret) vers {path}, ou "
        "donnez à PREAVIS_SECRET_KEY l’ancienne clé, et restaurez de nouveau (rien n’a été "
        "restauré) ; si cette clé est perdue, restaurez avec {option} : les webhooks et "
        "canaux reviennent en pause, en attente d’un nouveau secret, et les anciens liens des "
        "abonnés cessent de fonctionner",
    ),
    "export.key_unknown": _e(
        "this site's webhooks and channels are sealed with a secret key that cannot be found "
        "(PREAVIS_SECRET_KEY, or the .secret file beside a SQLite database): set it before "
        "exporting, or the backup could never be restored whole",
        "les webhooks et canaux de ce site sont scellés avec une clé secrète introuvable "
        "(PREAVIS_SECRET_KEY, ou le fichier .secret à côté d’une base SQLite) : réglez-la "
        "avant d’exporter, sans quoi la sauvegarde ne pourrait jamais être restaurée entière",
    ),
}
