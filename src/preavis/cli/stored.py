"""Commands on the database: schema, apply, export, restore, history, tokens, services, serve."""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from preavis.cli.app import (
    QUIET_OUTAGES,
    STORE_LOG,
    JsonOpt,
    Lazy,
    Reason,
    Revision,
    app,
    console,
    print_json,
    say,
    stored,
    stored_context_waiting,
)
from preavis.cli.speech import applied, count, current, line, tr, word
from preavis.domain.access import Role
from preavis.domain.errors import InputError, ValidationError
from preavis.domain.interruption import Impact
from preavis.domain.service import Channel, Group, Service
from preavis.domain.text import Lang, Text
from preavis.formats import shapes
from preavis.formats.messages import say_recorded
from preavis.formats.wording import IMPACT_WORDS, format_instant, format_recorded
from preavis.settings import Settings

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis import actions, storage
    from preavis.actions import access, backup, catalogue, data, maintenances
else:
    actions = Lazy("preavis.actions")
    access = Lazy("preavis.actions.access")
    backup = Lazy("preavis.actions.backup")
    catalogue = Lazy("preavis.actions.catalogue")
    data = Lazy("preavis.actions.data")
    maintenances = Lazy("preavis.actions.maintenances")
    storage = Lazy("preavis.storage")

db_app = typer.Typer(
    help=tr("The database schema.", "Le schéma de la base de données."), no_args_is_help=True
)
token_app = typer.Typer(
    help=tr("Bearer tokens for the admin API.", "Les jetons d’accès de l’API d’administration."),
    no_args_is_help=True,
)
service_app = typer.Typer(
    help=tr("The catalogue of services.", "Le catalogue des services."), no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")
app.add_typer(service_app, name="service")

# -- schema, files, export -------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database, or migrate it to the latest schema (safe to run again).

    Example: PREAVIS_DATABASE_URL=sqlite:///preavis.db preavis db upgrade
    """
    settings = Settings.from_env()
    store = storage.Store(settings.database_url)
    try:
        version = data.upgrade_database(store=store)
    finally:
        store.dispose()
    print(line("schema", url=settings.database_url, version=version))


@app.command("apply")
def apply(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A schedule file; without it, the built-in example.", show_default=False
        ),
    ] = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="Publish the drafts it loads.")
    ] = False,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Load a schedule file into the database, by slug; applying it again changes nothing.

    Example: preavis apply schedule.yaml --publish
    """
    loaded = actions.open_schedule(path=file)
    with stored() as ctx:
        done = data.apply_schedule(ctx, schedule=loaded.schedule, publish=publish, reason=reason)
    summary = {
        "created": done.created,
        "updated": done.updated,
        "unchanged": done.unchanged,
        "published": done.published,
    }
    say(
        as_json,
        summary,
        applied(len(done.created), len(done.updated), len(done.unchanged), len(done.published)),
    )


@app.command("export")
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not standard output.")
    ] = None,
) -> None:
    """Write the whole database as one JSON document (docs/operations.md, backup and restore).

    Example: preavis export -o backup.json
    """
    key = backup.SiteKey.of(Settings.from_env())
    with stored() as ctx:
        document = backup.export_data(ctx, key=key)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `preavis export`.")],
    without_key: Annotated[
        bool,
        typer.Option(
            "--without-key",
            help="The exported site's key is lost: restore the rest; webhooks and channels "
            "come back paused until given a new secret, subscribers' old links stop working.",
        ),
    ] = False,
) -> None:
    """Load an export into an empty database (create it first with `preavis db upgrade`).

    Webhooks, channels and subscribers' links need the exported site's key: set the same
    PREAVIS_SECRET_KEY, or copy its .secret file beside the new SQLite database; if it is
    lost, restore with --without-key.

    Example: preavis db upgrade && preavis restore backup.json
    """
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError.said("file.missing", path=str(file)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError.said("export.not_json", path=str(file), why=str(exc)) from exc
    if not isinstance(document, dict):
        raise ValidationError.said("export.not_preavis", path=str(file))
    key = backup.SiteKey.of(Settings.from_env())
    with stored() as ctx:
        done = backup.restore_data(ctx, document=document, key=key, without_key=without_key)
    counts = done.counts
    print(line("restored", counts=", ".join(count(table, n) for table, n in counts.items())))
    if done.due:  # carried as they were: sent once the worker runs (docs/operations.md)
        print(count("due_restored", done.due))
    if done.lost is not None:  # restored without the key: what it cost, said with numbers
        for name, n in (("paused_restored", done.lost.paused), ("links_lost",
                        done.lost.confirmed), ("pending_lost", done.lost.pending)):  # fmt: skip
            if n:
                print(count(name, n))
    if counts.get("users"):
        print(line("sign_in_again"))


@app.command("history")
def history(
    maintenance: Annotated[str, typer.Argument(help="The maintenance's slug.")],
    as_json: JsonOpt = False,
) -> None:
    """Every change of a maintenance: who, when, why, and each field before and after.

    Example: preavis history mise-a-niveau-2025
    """
    with stored() as ctx:
        revisions = maintenances.history(ctx, slug=maintenance)
        tz = maintenances.get_maintenance(ctx, slug=maintenance)[0].zone
    if as_json:
        print_json(
            {"maintenance": maintenance, "revisions": [shapes.revision(r) for r in revisions]}
        )
        return
    out = console()
    lang = current()
    colon = "\u00a0: " if lang == "fr" else ": "
    for r in revisions:
        why = f" — {say_recorded(r.reason, lang)}" if r.reason else ""
        at = format_instant(r.at, tz, lang, year=True)
        out.print(f"[bold]r{r.number}[/] {line('history', at=at, actor=r.actor, why=why)}")
        for c in r.changes:
            before, after = (_recorded(c.field, v, tz, lang) for v in (c.before, c.after))
            out.print(f"    {c.field}{colon}{before} → {after}", highlight=False, markup=False)


def _recorded(path: str, value: object, tz: ZoneInfo, lang: Lang) -> str:
    """A recorded value in words: instants in the maintenance's zone, impacts and states in
    the person's language, text quoted as it was stored."""
    shown = format_recorded(path, value, tz, lang)
    if shown is not None:
        return shown
    if path.endswith(".impact") and value in {i.value for i in Impact}:
        return IMPACT_WORDS[lang][Impact(str(value))]
    if path == "state" and isinstance(value, str):
        return word(value)
    return repr(value)


# -- tokens ------------------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option("--name", help="Who or what will use it (a slug).")],
    role: Annotated[Role, typer.Option("--role", help="viewer, editor, publisher or admin.")],
    as_json: JsonOpt = False,
) -> None:
    """Create a bearer token; it is shown this once and stored only as a digest.

    Example: preavis token create --name deploy-bot --role publisher --json
    """
    with stored() as ctx:
        secret = access.create_token(ctx, name=name, role=role)
    say(as_json, {"token": secret, "name": name, "role": role.value}, secret)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token: it stops working at once.

    Example: preavis token revoke deploy-bot
    """
    with stored() as ctx:
        access.revoke_token(ctx, name=name)
    print(line("token_revoked", name=name))


@token_app.command("list")
def token_list(as_json: JsonOpt = False) -> None:
    """The tokens, their roles and whether they are revoked (never the secrets).

    Example: preavis token list --json
    """
    with stored() as ctx:
        tokens = access.list_tokens(ctx)
    rows = [
        {
            "name": t.name,
            "role": t.role.value,
            "created_at": t.created_at.isoformat(timespec="seconds"),
            "revoked_at": t.revoked_at.isoformat(timespec="seconds") if t.revoked_at else None,
        }
        for t in tokens
    ]
    if as_json:
        print_json({"tokens": rows})
        return
    for row in rows:
        state = line("revoked_at", at=row["revoked_at"]) if row["revoked_at"] else word("active")
        print(f"{row['name']:24} {word(str(row['role'])):10} {state}")


# -- services ----------------------------------------------------------------------------------


ServiceSlug = Annotated[
    str,
    typer.Argument(
        help=tr(
            "The service's slug, e.g. online-shop.",
            "L’identifiant du service, par exemple online-shop.",
        )
    ),
]
ChannelOpt = Annotated[
    Channel | None,
    typer.Option(
        "--channel",
        help=tr(
            "How the service is reached: online, mobile or in_person.",
            "Comment on joint le service\u00a0: online (en ligne), mobile ou in_person "
            "(en personne).",
        ),
    ),
]


def _service_line(as_json: bool, found: tuple[Service, int], verb: str) -> None:
    service, revision = found
    say(
        as_json,
        shapes.service(service, revision),
        line("service", slug=service.slug, verb=verb, revision=revision),
    )


@service_app.command("list")
def service_list(as_json: JsonOpt = False) -> None:
    """The catalogue.

    Example: preavis service list --json
    """
    with stored() as ctx:
        found = catalogue.list_services_with_revisions(ctx)
    if as_json:
        print_json({"services": [shapes.service(*f) for f in found]})
        return
    for service, _ in found:
        retired = line("retired") if service.retired else ""
        print(f"{service.slug:32} {service.name.fr} / {service.name.en}{retired}")


@service_app.command("create")
def service_create(
    slug: Annotated[str, typer.Argument(help="A stable identifier, e.g. online-shop.")],
    fr: Annotated[str, typer.Option("--fr", help="Name in French.")],
    en: Annotated[str, typer.Option("--en", help="Name in English.")],
    group: Annotated[str | None, typer.Option("--group", help="A group slug.")] = None,
    channel: ChannelOpt = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Add a service to the catalogue.

    Example: preavis service create online-shop --fr "Boutique en ligne" --en "Online shop"
    """
    with stored() as ctx:
        found = catalogue.create_service(
            ctx, service=Service(slug, Text(fr, en), group, channel), reason=reason
        )
    _service_line(as_json, found, "created")


@service_app.command("rename")
def service_rename(
    slug: ServiceSlug,
    fr: Annotated[str, typer.Option("--fr", help="Name in French.")],
    en: Annotated[str, typer.Option("--en", help="Name in English.")],
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Rename a service in both languages.

    Example: preavis service rename online-shop --fr "Boutique" --en "Shop"
    """
    with stored() as ctx:
        found = catalogue.rename_service(
            ctx, slug=slug, name=Text(fr, en), revision=revision, reason=reason
        )
    _service_line(as_json, found, "renamed")


@service_app.command("regroup")
def service_regroup(
    slug: ServiceSlug,
    group: Annotated[
        str | None, typer.Option("--group", help="A group slug; omit to ungroup.")
    ] = None,
    channel: ChannelOpt = None,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Move a service to another group (and channel).

    Example: preavis service regroup online-shop --group achats --channel online
    """
    with stored() as ctx:
        found = catalogue.regroup_service(
            ctx, slug=slug, group=group, channel=channel, revision=revision, reason=reason
        )
    _service_line(as_json, found, "regrouped")


@service_app.command("retire")
def service_retire(
    slug: ServiceSlug,
    revision: Revision = None,
    reason: Reason = "",
    as_json: JsonOpt = False,
) -> None:
    """Retire a service: kept for history, refused while interruptions of it are still to come.

    Example: preavis service retire old-portal --reason "replaced by the new portal"
    """
    with stored() as ctx:
        found = catalogue.retire_service(ctx, slug=slug, revision=revision, reason=reason)
    _service_line(as_json, found, "retired")


@service_app.command("group")
def service_group(
    slug: Annotated[str, typer.Argument(help="The group's slug.")],
    fr: Annotated[str, typer.Option("--fr", help=tr("Name in French.", "Nom en français."))],
    en: Annotated[str, typer.Option("--en", help=tr("Name in English.", "Nom en anglais."))],
) -> None:
    """Create or rename a group of services.

    Example: preavis service group expedition --fr Expédition --en Shipping
    """
    with stored() as ctx:
        changed = catalogue.put_group(ctx, group=Group(slug, Text(fr, en)))
    print(line("group", slug=slug, what="saved" if changed else "unchanged"))


# -- serving -----------------------------------------------------------------------------------


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(0)


def _can_listen(host: str, port: int) -> None:
    """Refuse, in one line, an address uvicorn could not listen on (it would log its own
    English error after starting the application, then exit with status 3)."""
    import errno  # noqa: PLC0415
    import socket  # noqa: PLC0415

    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        unknown = InputError.said("serve.unknown_host")
        raise InputError.said("serve.cannot_listen", address=address, why=unknown) from exc
    family, kind, proto, _, where = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(where)
        except OSError as exc:
            reasons = {
                errno.EADDRINUSE: "serve.port_taken",
                errno.EADDRNOTAVAIL: "serve.no_address",
                errno.EACCES: "serve.denied",
            }
            code = reasons.get(exc.errno or 0)
            why: object = InputError.said(code) if code else (exc.strerror or str(exc))
            raise InputError.said("serve.cannot_listen", address=address, why=why) from exc


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes.")] = 1,
    with_worker: Annotated[
        bool,
        typer.Option("--worker", help="Also deliver notifications in this process (small sites)."),
    ] = False,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log",
            help="Log one line per request (off by default: it costs about half the throughput; "
            "the reverse proxy in front usually keeps the access log).",
        ),
    ] = False,
) -> None:
    """Serve the web application (uvicorn) on the configured database.

    Example: preavis serve --host 127.0.0.1 --port 8000 --workers 2
    """
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from preavis.cli.server_log import log_config  # noqa: PLC0415 - only this command needs it
    from preavis.formats import brand  # noqa: PLC0415 - only this command needs it

    # Refuse early, and clearly, when there is no schema yet or the URL is refused; wait for a
    # database that cannot be reached yet (started together with it, say).
    stored_context_waiting("database_back_serve").store.dispose()
    _can_listen(host, port)  # a port taken is said here, in the operator's language
    logging.getLogger(STORE_LOG).removeFilter(QUIET_OUTAGES)  # a server's log says outages
    brand.from_settings(Settings.from_env())  # and when the branding is wrong
    finish_worker = None
    if with_worker:
        from preavis.cli.notify import start_background_worker  # noqa: PLC0415

        finish_worker = start_background_worker()
        # uvicorn answers SIGTERM by shutting down, then raises it again once its own handler
        # is gone: this one turns it into SystemExit, so the `finally` below finishes the
        # worker's batch instead of the process dying in the middle of it.
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    export_dir = Settings.from_env().export_dir
    if export_dir:  # the static export, kept fresh by this process (not by each worker)
        from preavis.cli.export import KEEP, entry  # noqa: PLC0415

        entry(KEEP)(Path(export_dir))
    try:
        uvicorn.run(
            "preavis.web.app:factory",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            log_config=log_config(current()),  # its lines in the operator's language
            access_log=access_log,
            proxy_headers=True,
        )
    finally:  # stopped (SIGTERM, Ctrl-C): the worker thread finishes its batch first
        if finish_worker is not None:
            finish_worker()
