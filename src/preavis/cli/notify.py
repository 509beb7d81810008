"""Commands on notifications: subscribers (import, export, list, remove), the worker, and the
deliveries outbox (list, retry)."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from preavis.cli.app import JsonOpt, Lazy, app, print_json, stored, stored_context
from preavis.domain.errors import InputError
from preavis.settings import Settings

if TYPE_CHECKING:  # imported when a command runs: `preavis --help` stays light
    from preavis.actions import notifications, subscriptions
else:
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
    print(f"{count} subscriber{'s' if count != 1 else ''} imported from {file}")


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
        print(f"{r['email']}\t{r['status']}\t{r['lang']}\t{scope}\t{r['consent_how']}")


@subscribers_app.command("remove")
def subscribers_remove(email: Annotated[str, typer.Argument(help="The address.")]) -> None:
    """Forget a subscriber altogether.

    Example: preavis subscribers remove someone@example.org
    """
    with stored() as ctx:
        subscriptions.remove_subscriber(ctx, email=email)
    print(f"removed {email}")


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
    with _mailer() as (ctx, mailer):
        if once:
            done = notifications.deliver_due(ctx.store, ctx.clock, mailer)
            print(f"sent {done.sent}, failed {done.failed} (will retry), dead {done.dead}")
            for error in done.errors[:10]:
                print(f"  {error}", file=sys.stderr)
            raise typer.Exit(0 if done.failed == 0 and done.dead == 0 else 1)
        stop = threading.Event()
        print("worker running (Ctrl-C stops)", file=sys.stderr)
        try:
            notifications.run_worker(ctx.store, ctx.clock, mailer, stop=stop)
        except KeyboardInterrupt:
            stop.set()


def start_background_worker() -> threading.Event:
    """`preavis serve --worker`: the worker in a thread of the serving process."""
    ctx = stored_context()
    assert ctx is not None  # required=True raised otherwise
    mailer = notifications.Mailer.from_settings(Settings.from_env())
    stop = threading.Event()
    thread = threading.Thread(
        target=notifications.run_worker,
        args=(ctx.store, ctx.clock, mailer),
        kwargs={"stop": stop},
        name="preavis-worker",
        daemon=True,
    )
    thread.start()
    return stop


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
                    print(f"{name}\t{counts.get(name, 0)}")
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
    print(f"{count} deliver{'ies' if count != 1 else 'y'} due again")
