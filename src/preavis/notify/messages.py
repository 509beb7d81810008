"""The words of every message, in French and English, with CLDR plural rules (never "(s)")."""

from __future__ import annotations

from html import escape

from preavis.domain.text import NBSP, Lang, french_spacing

TEXT: dict[Lang, dict[str, str]] = {
    "fr": {
        "subject_announced": "Maintenance prévue : {title}",
        "subject_updated": "Maintenance modifiée : {title}",
        "subject_cancelled": "Maintenance annulée : {title}",
        "intro_announced": "Une maintenance est prévue : {title}.",
        "intro_updated": "La maintenance « {title} » a changé.",
        "intro_cancelled": "La maintenance « {title} » est annulée : ces interruptions "
        "n’auront pas lieu.",
        "subject_reminder": "Rappel : {title}",
        "intro_reminder": "Rappel : la maintenance « {title} » commence le {when}.",
        "subject_started": "Maintenance commencée : {title}",
        "intro_started": "La maintenance « {title} » a commencé.",
        "subject_completed": "Maintenance terminée : {title}",
        "intro_completed": "La maintenance « {title} » est terminée : les services touchés "
        "fonctionnent de nouveau normalement.",
        "added": "Ajout : {line}",
        "removed": "Retrait : {line}",
        "changed": "Avant : {old}\n  Maintenant : {new}",
        "details": "Détails : {url}",
        "details_link": "Voir la maintenance",
        "subject_confirm": "Confirmez votre abonnement aux avis de maintenance — {site}",
        "intro_confirm": "Quelqu’un (sans doute vous) a demandé à recevoir à cette adresse les "
        "avis de maintenance de « {site} ». Pour confirmer, ouvrez ce lien :",
        "ignore_confirm": "Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez "
        "rien d’autre.",
        "confirm_button": "Confirmer l’abonnement",
        "sent_by": "Envoyé par {site}.",
        "why": "Vous recevez ce message parce que vous êtes abonné aux avis de maintenance.",
        "preferences": "Préférences (langue, services, fuseau horaire) : {url}",
        "unsubscribe": "Se désabonner : {url}",
    },
    "en": {
        "subject_announced": "Planned maintenance: {title}",
        "subject_updated": "Maintenance changed: {title}",
        "subject_cancelled": "Maintenance cancelled: {title}",
        "intro_announced": "A maintenance is planned: {title}.",
        "intro_updated": "The maintenance “{title}” has changed.",
        "intro_cancelled": "The maintenance “{title}” is cancelled: these interruptions will "
        "not take place.",
        "subject_reminder": "Reminder: {title}",
        "intro_reminder": "Reminder: the maintenance “{title}” starts on {when}.",
        "subject_started": "Maintenance started: {title}",
        "intro_started": "The maintenance “{title}” has started.",
        "subject_completed": "Maintenance completed: {title}",
        "intro_completed": "The maintenance “{title}” is over: the affected services work "
        "normally again.",
        "added": "Added: {line}",
        "removed": "Removed: {line}",
        "changed": "Was: {old}\n  Now: {new}",
        "details": "Details: {url}",
        "details_link": "See the maintenance",
        "subject_confirm": "Confirm your subscription to maintenance notices — {site}",
        "intro_confirm": "Someone (probably you) asked to receive the maintenance notices of "
        "“{site}” at this address. To confirm, open this link:",
        "ignore_confirm": "If you did not ask, ignore this message: you will get nothing else.",
        "confirm_button": "Confirm the subscription",
        "sent_by": "Sent by {site}.",
        "why": "You get this message because you subscribed to maintenance notices.",
        "preferences": "Preferences (language, services, time zone): {url}",
        "unsubscribe": "Unsubscribe: {url}",
    },
}

# French mail, plain text and HTML alike, spaced as French is written (« : », « ; », « »).
TEXT["fr"] = {key: french_spacing(text) for key, text in TEXT["fr"].items()}

# CLDR plural categories: French "one" for 0 and 1, English "one" for 1 only.
PLURALS: dict[Lang, dict[str, tuple[str, str]]] = {
    "fr": {
        "services": ("{n} service touché.", "{n} services touchés."),
        "changes": ("{n} changement :", "{n} changements :"),
        "hours": (
            "Ce lien est valide pendant {n} heure.",
            "Ce lien est valide pendant {n} heures.",
        ),
    },
    "en": {
        "services": ("{n} service affected.", "{n} services affected."),
        "changes": ("{n} change:", "{n} changes:"),
        "hours": ("This link is valid for {n} hour.", "This link is valid for {n} hours."),
    },
}


PLURALS["fr"] = {
    key: (french_spacing(one), french_spacing(other)) for key, (one, other) in PLURALS["fr"].items()
}


def plural(n: int, lang: Lang, key: str) -> str:
    one, other = PLURALS[lang][key]
    is_one = n in (0, 1) if lang == "fr" else n == 1
    return (one if is_one else other).format(n=n)


def count_services(n: int, lang: Lang) -> str:
    return plural(n, lang, "services")


def count_changes(n: int, lang: Lang) -> str:
    return plural(n, lang, "changes")


def expires_in(hours: int, lang: Lang) -> str:
    return plural(hours, lang, "hours")


def footer(site: str, contact: str, urls: dict[str, str] | None, lang: Lang) -> list[str]:
    """Who sent this (and how to reach them), and, for subscribers, how to change or stop."""
    t = TEXT[lang]
    lines = [t["sent_by"].format(site=site)]
    if contact:
        lines.append(contact)
    if urls is not None:
        lines.append(t["why"])
        lines.append(t["preferences"].format(url=urls["preferences"]))
        lines.append(t["unsubscribe"].format(url=urls["unsubscribe"]))
    return lines


def html_page(
    lang: Lang,
    subject: str,
    intro: list[str],
    items: list[str],
    link_text: str,
    link: str,
    *,
    footer_lines: list[str],
    urls: dict[str, str] | None,
) -> str:
    """A small, phone-friendly HTML part: no images, no scripts, styles inline.
    `footer_lines` identify the sender; `urls` add the preferences and unsubscribe links."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in intro)
    listed = "".join(f"<li>{escape(i).replace(chr(10), '<br>')}</li>" for i in items)
    body_list = f"<ul>{listed}</ul>" if items else ""
    foot = "".join(f"<p>{escape(line)}</p>" for line in footer_lines)
    if urls is not None:
        t = TEXT[lang]
        foot += f"<p>{escape(t['why'])}</p>"
        pref = t["preferences"].split(":")[0].rstrip(NBSP)
        unsub = t["unsubscribe"].split(":")[0].rstrip(NBSP)
        foot += (
            f'<p><a href="{escape(urls["preferences"])}">{escape(pref)}</a> · '
            f'<a href="{escape(urls["unsubscribe"])}">{escape(unsub)}</a></p>'
        )
    return (
        f'<!DOCTYPE html><html lang="{lang}-CA"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(subject)}</title></head>"
        f'<body style="font-family:sans-serif;max-width:40em;margin:0 auto;padding:1em">'
        f"{paragraphs}{body_list}"
        f'<p><a href="{escape(link)}">{escape(link_text)}</a></p>'
        f'<hr><div style="font-size:small;color:#555">{foot}</div></body></html>'
    )
