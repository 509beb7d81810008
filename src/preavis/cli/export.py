"""`preavis export-site`: the public site as static files.

Like `serve` (which hands uvicorn "preavis.web.app:factory"), the command names the web
layer's entry point by string: the CLI never imports the web layer, and `preavis --help` stays
quick."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

from preavis.cli.app import JsonOpt, app, say, stored_context
from preavis.cli.speech import count, decimal, line
from preavis.domain.errors import InputError, ValidationError

EXPORT = "preavis.web.export:command"
KEEP = "preavis.web.export:start_keeping"  # `preavis serve` with PREAVIS_EXPORT_DIR


def entry(target: str) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


@app.command("export-site")
def export_site(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Where to write the site: DIR/fr/index.html, DIR/en/index.html and the rest "
            "(DIR becomes a symbolic link to the latest build, swapped atomically).",
            show_default=False,
        ),
    ],
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            help="The export's public address, for the absolute links of feeds, calendars "
            "and the Statuspage facade (default PREAVIS_PUBLIC_URL; pages link relatively).",
        ),
    ] = "",
    as_json: JsonOpt = False,
) -> None:
    """Write the whole public site as static files, for any static host or CDN.

    Example: preavis export-site /srv/status --base-url https://status.example.org
    """
    if base_url and not base_url.startswith(("https://", "http://")):
        raise ValidationError.said("export.base_url", field="base_url")
    ctx = stored_context()  # refuse early, and clearly, when there is no database yet
    assert ctx is not None
    ctx.store.dispose()
    done = entry(EXPORT)(folder, base_url.rstrip("/"))
    payload = {
        "folder": str(done.path), "files": done.files, "bytes": done.size,
        "gzip_bytes": done.gz_size, "phases": done.phases, "seconds": round(done.seconds, 2),
        "broken_links": list(done.broken),
    }  # fmt: skip
    said = line("exported", folder=done.path, files=count("files", done.files),
                size=decimal(done.size / 1024 / 1024), phases=count("phases", done.phases),
                seconds=decimal(done.seconds))  # fmt: skip
    say(as_json, payload, said)
    if done.broken:
        raise InputError.said("export.broken_links", count=len(done.broken), first=done.broken[0])
