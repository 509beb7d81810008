"""The message catalogue, the site's key: what `preavis key rotate`, a restore without the old
key and an endpoint waiting for its secret say (see domain/messages.py)."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
    "key.unopened": _e(
        "the secret of {kind:term} {ident} does not open with the site's key (nor with the "
        "previous key): nothing was changed; give it a new secret (preavis webhooks "
        "renew-secret / preavis channels renew-url) or remove it, then change the key again",
        "le secret de {kind:term} {ident} ne s’ouvre pas avec la clé du site (ni avec la clé "
        "précédente) : rien n’a été changé ; donnez-lui un nouveau secret (preavis webhooks "
        "renew-secret / preavis channels renew-url) ou supprimez-le, puis changez la clé de "
        "nouveau",
    ),
    "key.new_short": _e(
        "the new key must be at least {limit} characters, without spaces",
        "la nouvelle clé doit compter au moins {limit} caractères, sans espaces",
    ),
    "key.new_needed": _e(
        "the site's key is set by PREAVIS_SECRET_KEY, so Préavis cannot replace it itself: "
        "give the new key in a file with {option} (nothing was changed)",
        "la clé du site est réglée par PREAVIS_SECRET_KEY, donc Préavis ne peut pas la "
        "remplacer lui-même : donnez la nouvelle clé dans un fichier avec {option} "
        "(rien n’a été changé)",
    ),
    "key.new_same": _e(
        "the new key is the key in use: give another one (nothing was changed)",
        "la nouvelle clé est celle en usage : donnez-en une autre (rien n’a été changé)",
    ),
    "endpoint.needs_secret": _e(
        "{kind:term} {ident} needs its secret again (restored without the site's key): give "
        "it one with preavis webhooks renew-secret (a webhook) or preavis channels renew-url "
        "(a channel), which enables it",
        "{kind:term} {ident} a besoin de nouveau de son secret (restauré sans la clé du site) "
        ": donnez-lui-en un avec preavis webhooks renew-secret (un webhook) ou preavis "
        "channels renew-url (un canal), ce qui le réactive",
    ),
    "endpoint.url_needed": _e(
        "a channel's new secret is its Apprise URL: give it (url)",
        "le nouveau secret d’un canal est son adresse Apprise : donnez-la (url)",
    ),
}
