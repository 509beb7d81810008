"""Commands on people who sign in to the web admin: create, list, disable, reset link."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from preavis.cli.app import JsonOpt, Lazy, Reason, app, print_json, stored
from preavis.cli.speech import current, line, tr, word
from preavis.clock import SystemClock
from preavis.domain.access import Role
from preavis.domain.errors import InputError
from preavis.settings import Settings

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis.actions import password_mail, people
else:
    people = Lazy("preavis.actions.people")
    password_mail = Lazy("preavis.actions.password_mail")

MailOpt = Annotated[
    bool,
    typer.Option(
        "--mail",
        help=tr(
            "Send the link to the person by e-mail (PREAVIS_SMTP_URL, else a .eml file in "
            "PREAVIS_OUTBOX_DIR), in the language of the command line; printed if it cannot go.",
            "Envoyer le lien à la personne par courriel (PREAVIS_SMTP_URL, sinon un fichier .eml "
            "dans PREAVIS_OUTBOX_DIR), dans la langue de la ligne de commande\u00a0; affiché "
            "s’il ne peut pas partir.",
        ),
    ),
]

user_app = typer.Typer(
    help=tr(
        "People who sign in to the web admin (/admin/).",
        "Les personnes qui se connectent à l’administration web (/admin/).",
    ),
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")

LOCAL_URL = "http://127.0.0.1:8000"  # where `preavis serve` listens by default


def link_url(secret: str) -> str:
    """The address of a one-time link, on the public URL when one is configured."""
    base = Settings.from_env().public_url or LOCAL_URL
    return f"{base}/admin/password/{secret}"


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Option("--email", help="The person's e-mail (their sign-in).")],
    role: Annotated[Role, typer.Option("--role", help="viewer, editor, publisher or admin.")],
    name: Annotated[str, typer.Option("--name", help="Name shown in the history.")] = "",
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input (scripts)."),
    ] = False,
    mail: MailOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a person; prints a one-time link to set the password, unless --password-stdin.

    Example: preavis user create --email ana@example.org --role editor --name "Ana Roy"
    """
    password = None
    if password_stdin:
        raw = sys.stdin.read(people.PASSWORD_MAX + 2)
        password = raw.removesuffix("\n").removesuffix("\r")
        if not password:
            raise InputError.said("cli.no_password")
    with stored() as ctx:
        user, link = people.create_user(ctx, email=email, role=role, name=name, password=password)
    url = link_url(link) if link else None
    failed = _mailed(user.email, url, "invited") if mail and url else None
    if as_json:
        if failed is not None:
            print(line("user_not_mailed", email=user.email, reason=failed), file=sys.stderr)
        shown = None if mail and url and failed is None else url  # mailed: not printed
        print_json({"email": user.email, "name": user.name, "role": user.role.value,
                    "link": shown, "mailed": bool(mail and url and failed is None)})  # fmt: skip
        return
    print(line("user_created", email=user.email, role=user.role.value))
    if url:
        _hand_over(user.email, url, mailed=mail, failed=failed)


def _mailed(email: str, url: str, kind: password_mail.Kind) -> str | None:
    """Mail `url` to `email` in the command line's language: None when it went, else why."""
    post = password_mail.Post.from_settings(Settings.from_env())
    return password_mail.send_link(
        post, email=email, lang=current(), link=url, kind=kind, clock=SystemClock()
    )


def _hand_over(email: str, url: str, *, mailed: bool, failed: str | None) -> None:
    hours = people.LINK_HOURS
    if mailed and failed is None:
        print(line("user_mailed", hours=hours, email=email))
        return
    if failed is not None:
        print(line("user_not_mailed", email=email, reason=failed), file=sys.stderr)
    print(line("user_link", hours=hours, url=url))


@user_app.command("list")
def user_list(as_json: JsonOpt = False) -> None:
    """Everyone who may sign in, their role, and whether they are disabled.

    Example: preavis user list --json
    """
    with stored() as ctx:
        users = people.list_users(ctx)
    rows = [
        {
            "email": u.email,
            "name": u.name,
            "role": u.role.value,
            "created_at": u.created_at.isoformat(),
            "disabled_at": u.disabled_at.isoformat() if u.disabled_at else None,
            "has_password": u.has_password,
        }
        for u in users
    ]
    if as_json:
        print_json({"users": rows})
        return
    for u in users:
        state = "disabled" if u.disabled_at else ("active" if u.has_password else "no password yet")
        print(f"{u.email}\t{word(u.role.value)}\t{u.name}\t{word(state)}")


@user_app.command("disable")
def user_disable(
    email: Annotated[str, typer.Argument(help="The person's e-mail.")], reason: Reason = ""
) -> None:
    """Disable a person: they cannot sign in, and their sessions end at once.

    Example: preavis user disable ana@example.org --reason "left the team"
    """
    with stored() as ctx:
        user = people.disable_user(ctx, email=email, reason=reason)
    print(line("user_disabled", email=user.email))


@user_app.command("reset-link")
def user_reset_link(
    email: Annotated[str, typer.Argument(help="The person's e-mail.")], mail: MailOpt = False
) -> None:
    """Print a new one-time link to set the password (earlier links stop working).

    Example: preavis user reset-link ana@example.org
    """
    with stored() as ctx:
        link = people.reset_link(ctx, email=email)
    if not mail:
        print(link_url(link))
        return
    address = people.normalize_email(email)
    _hand_over(address, link_url(link), mailed=True,
               failed=_mailed(address, link_url(link), "reset"))  # fmt: skip
