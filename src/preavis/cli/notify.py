"""Commands on notifications: subscribers (import, export, list, remove), the worker, the
deliveries outbox (list, retry), webhooks and team channels, reminder offsets."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from preavis.cli.app import (
    JsonOpt,
    Lazy,
    app,
    print_json,
    say_outage,
    stored,
    stored_context,
    stored_context_waiting,
)
from preavis.cli.speech import count as counted
from preavis.cli.speech import current, line, word
from preavis.domain.errors import InputError
from preavis.formats.messages import say as said
from preavis.settings import Settings

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis.actions import endpoints, notifications, subscriptions
else:
    endpoints = Lazy("preavis.actions.endpoints")
    notifications = Lazy("preavis.actions.notifications")
    subscriptions = Lazy("preavis.actions.subscriptions")

subscribers_app = typer.Typer(help="E-mail subscribers (admin).", no_args_is_help=True)
app.add_typer(subscribers_app, name="subscribers")
deliveries_app = typer.Typer(
    help="The outbox: messages waiting, sent, failed or dead.", invoke_without_command=True
)
app.add_typer(deliveries_app, name="deliveries")

STATUSES = ("pending", "sent", "failed", "dead")


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


@subscribers_app.command("import")
def subscribers_import(
    file: Annotated[Path, typer.Argument(help="CSV with the header email,language,services.")],
) -> None:
    """Import subscribers as confirmed (consent recorded as "imported by an admin").

    Example: preavis subscribers import people.csv
    (`services`: slugs separated by spaces; empty = everything.)
    """
    try:
        text = file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.said("file.cannot_read", path=str(file), why=str(exc)) from exc
    with stored() as ctx:
        count = subscriptions.import_subscribers(ctx, text=text, source=f"file {file.name}")
    print(said("subscribers.imported", {"count": count, "path": str(file)}, current()))


@subscribers_app.command("export")
def subscribers_export() -> None:
    """Print confirmed subscribers as CSV (the import format).

    Example: preavis subscribers export > people.csv
    """
    with stored() as ctx:
        sys.stdout.write(subscriptions.export_subscribers(ctx))


@subscribers_app.command("list")
def subscribers_list(
    status: Annotated[
        str | None, typer.Option("--status", help="pending, confirmed or unsubscribed.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List subscribers with their consent record.

    Example: preavis subscribers list --status confirmed --json
    """
    with stored() as ctx:
        rows = subscriptions.list_subscribers(ctx, status=status)
    if as_json:
        print_json([_plain(r) for r in rows])
        return
    for r in rows:
        scope = r["services"] or r["groups"] or "*"
        print(f"{r['email']}\t{word(r['status'])}\t{r['lang']}\t{scope}\t{word(r['consent_how'])}")


@subscribers_app.command("remove")
def subscribers_remove(email: Annotated[str, typer.Argument(help="The address.")]) -> None:
    """Forget a subscriber altogether.

    Example: preavis subscribers remove someone@example.org
    """
    with stored() as ctx:
        subscriptions.remove_subscriber(ctx, email=email)
    print(line("subscriber_removed", email=email))


@contextmanager
def _mailer() -> Any:
    with stored() as ctx:
        yield ctx, notifications.Mailer.from_settings(Settings.from_env())


@app.command("worker")
def worker(
    once: Annotated[
        bool, typer.Option("--once", help="Deliver what is due now, then exit (0: all went out).")
    ] = False,
) -> None:
    """Deliver notification messages: SMTP with PREAVIS_SMTP_URL, else .eml files.

    Example: preavis worker --once
    """
    if not once:  # a worker started before its database waits for it
        ctx = stored_context_waiting("database_back_worker")
        ctx.store.dispose()
    with _mailer() as (ctx, mailer):
        if once:
            done = notifications.deliver_due(ctx.store, ctx.clock, mailer)
            print(line("worker_once", sent=done.sent, failed=done.failed, dead=done.dead))
            for error in done.errors[:10]:
                print(f"  {error}", file=sys.stderr)
            raise typer.Exit(0 if done.failed == 0 and done.dead == 0 else 1)
        stop = threading.Event()

        def finish(signum: int, _frame: object) -> None:
            """SIGTERM (systemd, Docker) or Ctrl-C: finish and record the batch being sent,
            then exit; a second one stops at once."""
            stop.set()
            signal.signal(signum, signal.SIG_DFL if signum != signal.SIGINT else default_int)

        default_int = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGTERM, finish)
        signal.signal(signal.SIGINT, finish)
        print(line("worker_running"), file=sys.stderr)
        try:
            notifications.run_worker(
                ctx.store, ctx.clock, mailer, stop=stop, on_database=say_outage,
                on_left=_say_left,
            )  # fmt: skip
        except KeyboardInterrupt:
            stop.set()


def _say_left(deliveries: int) -> None:
    """Stopped while the database is away: what will go out a second time, said."""
    print(line("worker_left", deliveries=counted("unrecorded", deliveries)), file=sys.stderr)


def start_background_worker() -> Callable[[], None]:
    """`preavis serve --worker`: the worker in a thread of the serving process. Returns what
    to call when the server has stopped: the batch being sent is finished and recorded (the
    thread would otherwise die with the process, and its batch go out again after the
    lease)."""
    ctx = stored_context()
    assert ctx is not None  # required=True raised otherwise
    mailer = notifications.Mailer.from_settings(Settings.from_env())
    stop = threading.Event()
    thread = threading.Thread(
        target=notifications.run_worker,
        args=(ctx.store, ctx.clock, mailer),
        kwargs={"stop": stop, "on_left": _say_left},
        name="preavis-worker",
        daemon=True,
    )
    thread.start()

    def finish() -> None:
        stop.set()
        thread.join(timeout=FINISH_SECONDS)

    return finish


FINISH_SECONDS = 120.0  # at most this long for the batch in flight when `serve` stops


@deliveries_app.callback()
def deliveries(
    context: typer.Context,
    status: Annotated[
        str | None, typer.Option("--status", help="pending, sent, failed or dead.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """List deliveries (default: counts per status).

    Example: preavis deliveries --status failed
    """
    if context.invoked_subcommand is not None:
        return
    if status is not None and status not in STATUSES:
        raise InputError.said("cli.status", allowed=", ".join(STATUSES), value=status)
    with stored() as ctx:
        if status is None:
            counts = notifications.count_deliveries(ctx)
            if as_json:
                print_json(counts)
            else:
                for name in STATUSES:
                    print(f"{word(name)}\t{counts.get(name, 0)}")
            return
        rows = notifications.list_deliveries(ctx, status=status, limit=limit)
    if as_json:
        print_json([_plain(r) for r in rows])
        return
    for r in rows:
        print(f"{r['id']}\t{r['email']}\t{r['event']}\t{r['attempts']}\t{r['last_error']}")


@deliveries_app.command("retry")
def deliveries_retry(
    failed_only: Annotated[
        bool, typer.Option("--failed-only", help="Leave dead letters (5xx refusals) alone.")
    ] = False,
) -> None:
    """Make failed and dead deliveries due again now (the worker sends them).

    Example: preavis deliveries retry
    """
    with stored() as ctx:
        count = notifications.retry_deliveries(ctx, dead=not failed_only)
    print(counted("due", count))


# -- webhooks and team channels --------------------------------------------------------------

webhooks_app = typer.Typer(
    help="Webhook endpoints: signed JSON for each event (admin).", no_args_is_help=True
)
app.add_typer(webhooks_app, name="webhooks")
channels_app = typer.Typer(
    help="Team channels (Slack, Teams, Discord, …) through Apprise URLs (admin).",
    no_args_is_help=True,
)
app.add_typer(channels_app, name="channels")

ScopeServices = Annotated[
    list[str] | None,
    typer.Option("--service", "-s", help="A service slug (repeat); none: everything."),
]
ScopeGroups = Annotated[
    list[str] | None, typer.Option("--group", "-g", help="A group slug (repeat).")
]
Lang = Annotated[str, typer.Option("--lang", help="fr or en: the language of the message.")]


def _scope_words(row: dict[str, Any]) -> str:
    return " ".join([*row["services"], *(f"group:{g}" for g in row["groups"])]) or "*"


def _endpoint_line(row: dict[str, Any]) -> str:
    state = (
        word("enabled")
        if row["enabled"]
        else f"{word('disabled').upper()} ({word(row['disabled_reason'])})"
    )
    return f"{row['id']}\t{row['url']}\t{row['lang']}\t{_scope_words(row)}\t{state}"


def _add(
    kind: str, url: str, scope: list[str] | None, services: list[str] | None,
    groups: list[str] | None, lang: str, as_json: bool,
) -> None:  # fmt: skip
    chosen = list(services or [])
    for given in scope or []:  # --scope accepts "all", service slugs and group:slug
        for part in given.replace(",", " ").split():
            if part in ("all", "*"):
                continue
            if part.startswith("group:"):
                groups = [*(groups or []), part.removeprefix("group:")]
            else:
                chosen.append(part)
    keys = endpoints.Keys.from_settings(Settings.from_env())
    with stored() as ctx:
        row = endpoints.add_endpoint(
            ctx, keys, kind=kind, url=url, lang=lang, services=chosen, groups=groups or []
        )
    if as_json:
        print_json(_plain(row))
        return
    print(line("endpoint_added", kind=word(kind), id=row["id"], url=row["url"], lang=row["lang"],
               scope=_scope_words(row)))  # fmt: skip
    if row.get("secret"):
        print(line("signing_secret", secret=row["secret"]))


ScopeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--scope",
        help="What it hears about: all (default), service slugs, group:SLUG (repeat or "
        "separate with commas).",
    ),
]


@webhooks_app.command("add")
def webhooks_add(
    url: Annotated[str, typer.Argument(help="https://… (private addresses are refused).")],
    scope: ScopeOpt = None,
    service: ScopeServices = None,
    group: ScopeGroups = None,
    lang: Lang = "fr",
    as_json: JsonOpt = False,
) -> None:
    """Add a webhook endpoint; prints its signing secret once.

    Example: preavis webhooks add https://hooks.example.org/preavis --scope all --lang en
    """
    _add("webhook", url, scope, service, group, lang, as_json)


@channels_app.command("add")
def channels_add(
    url: Annotated[str, typer.Argument(help="An Apprise URL (slack://…, msteams://…, json://…).")],
    scope: ScopeOpt = None,
    service: ScopeServices = None,
    group: ScopeGroups = None,
    lang: Lang = "fr",
    as_json: JsonOpt = False,
) -> None:
    """Add a team channel (its URL is kept encrypted and never shown in full again).

    Example: preavis channels add 'slack://TokenA/TokenB/TokenC/#ops' --scope group:web
    """
    _add("channel", url, scope, service, group, lang, as_json)


def _list(kind: str, as_json: bool) -> None:
    with stored() as ctx:
        rows = endpoints.list_endpoints(ctx, kind)
    if as_json:
        print_json([_plain(r) for r in rows])
        return
    for r in rows:
        print(_endpoint_line(r))


@webhooks_app.command("list")
def webhooks_list(as_json: JsonOpt = False) -> None:
    """List webhook endpoints, with those disabled after failing and why.

    Example: preavis webhooks list --json
    """
    _list("webhook", as_json)


@channels_app.command("list")
def channels_list(as_json: JsonOpt = False) -> None:
    """List team channels (URLs shortened: they hold secrets).

    Example: preavis channels list
    """
    _list("channel", as_json)


Ident = Annotated[int, typer.Argument(help="The id shown by list.")]


@webhooks_app.command("remove")
def webhooks_remove(ident: Ident) -> None:
    """Remove a webhook endpoint and what it still had to receive.

    Example: preavis webhooks remove 3
    """
    with stored() as ctx:
        endpoints.remove_endpoint(ctx, ident, "webhook")
    print(line("endpoint_removed", kind=word("webhook"), id=ident))


@channels_app.command("remove")
def channels_remove(ident: Ident) -> None:
    """Remove a team channel.

    Example: preavis channels remove 2
    """
    with stored() as ctx:
        endpoints.remove_endpoint(ctx, ident, "channel")
    print(line("endpoint_removed", kind=word("channel"), id=ident))


def _enable(kind: str, ident: int) -> None:
    with stored() as ctx:
        count = endpoints.enable_endpoint(ctx, ident, kind)
    print(line("endpoint_enabled", kind=word(kind), id=ident, due=counted("due", count)))


@webhooks_app.command("enable")
def webhooks_enable(ident: Ident) -> None:
    """Enable a webhook endpoint again (after it was disabled); what it missed is resent.

    Example: preavis webhooks enable 3
    """
    _enable("webhook", ident)


@channels_app.command("enable")
def channels_enable(ident: Ident) -> None:
    """Enable a team channel again; what it missed is resent.

    Example: preavis channels enable 2
    """
    _enable("channel", ident)


@webhooks_app.command("disable")
def webhooks_disable(ident: Ident) -> None:
    """Stop sending to a webhook endpoint for now (its messages wait).

    Example: preavis webhooks disable 3
    """
    with stored() as ctx:
        endpoints.disable_endpoint(ctx, ident, "webhook")
    print(line("endpoint_disabled", kind=word("webhook"), id=ident))


@channels_app.command("disable")
def channels_disable(ident: Ident) -> None:
    """Stop sending to a team channel for now (its messages wait).

    Example: preavis channels disable 2
    """
    with stored() as ctx:
        endpoints.disable_endpoint(ctx, ident, "channel")
    print(line("endpoint_disabled", kind=word("channel"), id=ident))


@app.command("reminders")
def reminders(
    slug: Annotated[str, typer.Argument(help="The maintenance.")],
    offsets: Annotated[
        list[str] | None,
        typer.Argument(help="Delays before the start: 24h 1h 30m 2d. None given: show them."),
    ] = None,
    default: Annotated[
        bool, typer.Option("--default", help="Back to the default (24 h and 1 h).")
    ] = False,
    none: Annotated[bool, typer.Option("--none", help="No reminders at all.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show or set when subscribers are reminded before a maintenance starts.

    Example: preavis reminders mise-a-niveau-2025 48h 2h
    """
    with stored() as ctx:
        if default:
            row = endpoints.set_reminder_offsets(ctx, slug, None)
        elif none:
            row = endpoints.set_reminder_offsets(ctx, slug, [])
        elif offsets:
            minutes = [endpoints.parse_offset(o) for o in offsets]
            row = endpoints.set_reminder_offsets(ctx, slug, minutes)
        else:
            row = endpoints.reminder_offsets(ctx, slug)
    if as_json:
        print_json(row)
        return
    shown = " ".join(_duration(m) for m in row["minutes"]) or line("reminders_none")
    said_default = line("reminders_default") if row["default"] else ""
    print(line("reminders", slug=slug, shown=shown, default=said_default))


def _duration(minutes: int) -> str:
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


@webhooks_app.command("deliveries")
def webhooks_deliveries(
    status: Annotated[
        str | None, typer.Option("--status", help="pending, sent, failed or dead.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """Deliveries to webhooks and channels: the endpoint, the event, attempts, the last error.

    Example: preavis webhooks deliveries --status failed
    """
    if status is not None and status not in STATUSES:
        raise InputError.said("cli.status", allowed=", ".join(STATUSES), value=status)
    with stored() as ctx:
        rows = endpoints.list_endpoint_deliveries(ctx, status=status, limit=limit)
    if as_json:
        print_json([_plain(r) for r in rows])
        return
    for r in rows:
        print(
            f"{r['id']}\t{r['kind']} {r['endpoint']}\t{r['shown']}\t{r['event']}\t"
            f"{word(r['status'])}\t{r['attempts']}\t{r['last_error']}"
        )
