"""One-time password links sent by e-mail: the invitation of someone an admin creates, a new
link an admin issues, and the link a person asks for on the sign-in page ("forgot your
password?"). Sent at once, never queued (the outbox holds what it keeps in clear, and a link
is a secret); the development backend writes the message to PREAVIS_OUTBOX_DIR."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from preavis.actions.notifications import identity_of
from preavis.actions.people import (
    LINK_HOURS,
    THROTTLE_WINDOW,
    account_of,
    issue_link,
    throttled,
)
from preavis.clock import Clock
from preavis.domain.text import Lang
from preavis.notify import account, plan
from preavis.notify.senders import Outcome, Result, Sender, sender_from
from preavis.settings import Settings
from preavis.storage import Store

FORGOT_PER_ACCOUNT = 3  # links mailed to one account per window, whoever asks
FORGOT_PER_ADDRESS = 10  # requests from one client address per window


@dataclass(frozen=True, slots=True)
class Post:
    """Who sends and how: the notifications' identity and sender."""

    identity: plan.Identity
    sender: Sender

    @classmethod
    def from_settings(cls, settings: Settings, sender: Sender | None = None) -> Post:
        chosen = sender or sender_from(settings.smtp_url, Path(settings.outbox_dir))
        return cls(identity_of(settings), chosen)


Kind = account.Kind


def send_link(
    post: Post, *, email: str, lang: Lang, link: str, kind: Kind, clock: Clock
) -> str | None:
    """Mail `link` to `email` now: None when it went, else why not (a mail server down or
    refusing is said, never raised)."""
    message = account.password_mail(
        email, lang, link, post.identity, kind=kind, at=clock.now(), hours=LINK_HOURS
    )
    try:
        result = post.sender.send([message])[0]
    except OSError as exc:  # a sender that could not even start
        result = Result(Outcome.TEMPORARY, str(exc))
    return None if result.outcome is Outcome.SENT else (result.error or result.outcome.value)


def forgot_password(
    store: Store,
    clock: Clock,
    *,
    email: str,
    address: str,
    base: str | None,
) -> tuple[str, str] | None:
    """A new link for the account `email` names, if it exists and is not disabled: (the
    account's address, the link) for the caller to mail, else None.

    The caller answers the same whatever this returns, and mails after answering (a mail
    takes time, which would tell which addresses have an account): unknown, disabled and
    over-asked accounts get nothing. Only a client address that asked too often is told so
    (TooManyAttemptsError), which says nothing about any account. Without a `base` that the
    settings vouch for, no link is made (the request still counts)."""
    now = clock.now()
    wanted = account_of(email)
    by_address = (f"forgot-address:{address[:200]}", FORGOT_PER_ADDRESS)
    by_account = f"forgot-account:{wanted}"
    with store.transaction() as tx:
        throttled(tx, [by_address], now)  # TooManyAttemptsError: says nothing of the account
        mailed, _ = tx.sign_in_failures(by_account, now - THROTTLE_WINDOW)
        tx.forget_sign_in_failures(now - THROTTLE_WINDOW)
        for key in (by_address[0], by_account):
            tx.add_sign_in_failure(key, now)
        if mailed >= FORGOT_PER_ACCOUNT or base is None:
            return None
        secret = issue_link(tx, wanted, now, actor=wanted, reason="forgotten password")
    return None if secret is None else (wanted, f"{base}/admin/password/{secret}")
