"""The message that carries a one-time link to set an admin password: an invitation when an
admin creates someone, a new link an admin issues, or one the person asked for ("forgot your
password?"). Sent at once by the caller, never queued: the link is a secret, and the outbox
keeps what it holds in clear."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import Message
from typing import Literal

from preavis.domain.text import Lang, french_spacing
from preavis.notify import messages as words
from preavis.notify import plan

Kind = Literal["invited", "reset", "forgot"]

TEXT: dict[Lang, dict[str, str]] = {
    "fr": {
        "subject_invited": "Votre accès à l’administration — {site}",
        "subject_reset": "Lien pour choisir votre mot de passe — {site}",
        "intro_invited": "Un compte a été créé pour vous dans l’administration de « {site} ». "
        "Pour choisir votre mot de passe, ouvrez ce lien :",
        "intro_reset": "Voici un lien pour choisir le mot de passe de votre compte dans "
        "l’administration de « {site} ». Ouvrez-le :",
        "once": "Il ne sert qu’une fois et remplace tout lien envoyé avant lui.",
        "ignore": "Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne "
        "change pas.",
        "button": "Choisir mon mot de passe",
    },
    "en": {
        "subject_invited": "Your access to the admin — {site}",
        "subject_reset": "A link to choose your password — {site}",
        "intro_invited": "An account was created for you in the admin of “{site}”. To choose "
        "your password, open this link:",
        "intro_reset": "Here is a link to choose the password of your account in the admin of "
        "“{site}”. Open it:",
        "once": "It works once and replaces any link sent before it.",
        "ignore": "If you did not ask for it, ignore this message: your password does not change.",
        "button": "Choose my password",
    },
}
TEXT["fr"] = {key: french_spacing(text) for key, text in TEXT["fr"].items()}


def password_mail(
    email: str,
    lang: Lang,
    link: str,
    identity: plan.Identity,
    *,
    kind: Kind,
    at: datetime,
    hours: int,
) -> Message:
    """The message, plain text and HTML, in `lang`; its Message-ID is the link's own (a
    digest: the secret itself is in the body only)."""
    t = TEXT[lang]
    site = identity.name(lang)
    subject = t["subject_invited" if kind == "invited" else "subject_reset"].format(site=site)
    intro = t["intro_invited" if kind == "invited" else "intro_reset"].format(site=site)
    after = [words.expires_in(hours, lang), t["once"]]
    if kind == "forgot":
        after.append(t["ignore"])
    footer = words.footer(site, identity.contact, None, lang)
    text = "\n\n".join([intro, link, *after]) + "\n\n-- \n" + "\n".join(footer)
    html = words.html_page(
        lang, subject, [intro], [], t["button"], link, footer_lines=[*after, *footer], urls=None
    )
    key = "password-link:" + hashlib.sha256(link.encode()).hexdigest()[:24]
    headers = [
        *plan.envelope(identity, email, lang, subject, at),
        ("Message-ID", plan.message_id(key, 0)),
        ("X-Preavis-Event", "password-link"),
    ]
    return plan.assemble(headers, text, html)
