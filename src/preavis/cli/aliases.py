"""Commands on services' aliases: names printed in notices that the reader reads as a service
(remembered from the web admin's import review, or added here): list, add, remove."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from preavis.cli.app import JsonOpt, Lazy, Reason, print_json, stored
from preavis.cli.speech import line, tr
from preavis.cli.stored import service_app

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis.actions import catalogue
else:
    catalogue = Lazy("preavis.actions.catalogue")

alias_app = typer.Typer(
    help=tr(
        "Names printed in notices that the notice reader reads as a service (aliases).",
        "Les noms imprimés dans les avis que le lecteur d’avis lit comme un service (alias).",
    ),
    no_args_is_help=True,
)
service_app.add_typer(alias_app, name="alias")

Slug = Annotated[str, typer.Argument(help=tr("The service's slug.", "Le slug du service."))]
Name = Annotated[
    str,
    typer.Argument(
        help=tr("The name as notices print it.", "Le nom tel que les avis l’impriment.")
    ),
]


@alias_app.command(
    "list",
    help=tr(
        "List aliases (of one service, or of all).\n\nExample: preavis service alias list portal",
        "Lister les alias (d’un service, ou de tous).\n\n"
        "Exemple\u00a0: preavis service alias list portail",
    ),
)
def alias_list(
    slug: Annotated[
        str | None, typer.Argument(help=tr("A service's slug.", "Le slug d’un service."))
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    with stored() as ctx:
        aliases = catalogue.list_aliases(ctx, slug=slug)
    if as_json:
        print_json({"aliases": [{"name": a.name, "service": a.service} for a in aliases]})
        return
    for alias in aliases:
        print(f"{alias.service}\t{alias.name}")


@alias_app.command(
    "add",
    help=tr(
        "Read a name printed in notices as this service from now on.\n\n"
        'Example: preavis service alias add portal "Web Self Service"',
        "Lire désormais comme ce service un nom imprimé dans les avis.\n\n"
        'Exemple\u00a0: preavis service alias add portail "Libre-service web"',
    ),
)
def alias_add(slug: Slug, name: Name, reason: Reason = "") -> None:
    with stored() as ctx:
        changed = catalogue.add_alias(ctx, slug=slug, name=name, reason=reason)
    print(line("alias_added" if changed else "alias_kept", slug=slug, name=name.strip()))


@alias_app.command(
    "remove",
    help=tr(
        "Forget an alias: the name is read as printed again.\n\n"
        'Example: preavis service alias remove portal "Web Self Service"',
        "Oublier un alias\u00a0: le nom est de nouveau lu tel qu’imprimé.\n\n"
        'Exemple\u00a0: preavis service alias remove portail "Libre-service web"',
    ),
)
def alias_remove(slug: Slug, name: Name, reason: Reason = "") -> None:
    with stored() as ctx:
        catalogue.remove_alias(ctx, slug=slug, name=name, reason=reason)
    print(line("alias_removed", slug=slug, name=name))
