"""Commands on the site's secret key (`preavis key rotate`) and on the endpoints waiting for a
secret after a restore without it (`preavis webhooks renew-secret`, `channels renew-url`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from preavis.cli.app import JsonOpt, Lazy, app, print_json, stored
from preavis.cli.notify import channels_app, webhooks_app
from preavis.cli.speech import count, line, tr, word
from preavis.domain.errors import InputError
from preavis.settings import Settings

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis.actions import endpoints, keys
else:
    endpoints = Lazy("preavis.actions.endpoints")
    keys = Lazy("preavis.actions.keys")

key_app = typer.Typer(
    help=tr("The site's secret key.", "La clé secrète du site."), no_args_is_help=True
)
app.add_typer(key_app, name="key")


def _read_key(path: Path) -> str:
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError as exc:
        raise InputError.said("file.missing", path=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.said("file.cannot_read", path=str(path), why=str(exc)) from exc


@key_app.command("rotate")
def key_rotate(
    new_key_file: Annotated[
        Path | None,
        typer.Option(
            "--new-key-file",
            help="A file holding the new key (at least 32 characters); needed when the key is "
            "PREAVIS_SECRET_KEY. Without it, the SQLite key file gets a random key.",
        ),
    ] = None,
) -> None:
    """Change the site's secret key: webhook secrets and channel URLs are sealed again with the
    new key, all or nothing; links in mail already sent keep working while the old key is kept
    as the previous one (docs/operations.md, changing the secret key).

    Example: preavis key rotate
    """
    settings = Settings.from_env()
    new = _read_key(new_key_file) if new_key_file is not None else None
    with stored() as ctx:
        done = keys.rotate_key(ctx, settings=settings, new=new)
    sealed = count("resealed", done.resealed)
    if done.key_file is not None:
        shown = {"path": str(done.key_file), "previous": str(done.previous_file)}
        print(line("key_rotated_file", sealed=sealed, **shown))
    elif done.pending:
        print(line("key_rotated_env", sealed=sealed))
    else:
        print(line("key_resealed_env", sealed=sealed))


def _renew(kind: str, ident: int, url: str | None, as_json: bool) -> None:
    settings = Settings.from_env()
    with stored() as ctx:
        row = endpoints.renew_endpoint_secret(
            ctx, endpoints.Keys.from_settings(settings), ident, kind, url=url
        )
    if as_json:
        print_json({k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()})
        return
    print(line("endpoint_renewed", kind=word(kind), id=ident))
    if row.get("secret"):
        print(line("signing_secret", secret=row["secret"]))


Ident = Annotated[int, typer.Argument(help="The id shown by list.")]


@webhooks_app.command("renew-secret")
def webhooks_renew_secret(ident: Ident, as_json: JsonOpt = False) -> None:
    """Give a webhook a new signing secret (printed once; give it to the receiver) and enable
    it: how a webhook restored without the site's key sends again.

    Example: preavis webhooks renew-secret 3
    """
    _renew("webhook", ident, None, as_json)


@channels_app.command("renew-url")
def channels_renew_url(
    ident: Ident,
    url: Annotated[str, typer.Argument(help="An Apprise URL (slack://…, msteams://…, json://…).")],
    as_json: JsonOpt = False,
) -> None:
    """Give a team channel its Apprise URL again (kept encrypted) and enable it: how a channel
    restored without the site's key sends again.

    Example: preavis channels renew-url 2 'slack://TokenA/TokenB/TokenC/#ops'
    """
    _renew("channel", ident, url, as_json)
