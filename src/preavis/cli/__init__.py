"""The `preavis` command: parse arguments, call one action, print the answer."""

from preavis.cli import aliases, export, files, keys, maintenance, notify, people, stored
from preavis.cli.app import app, main

__all__ = [
    "aliases",
    "app",
    "export",
    "files",
    "keys",
    "main",
    "maintenance",
    "notify",
    "people",
    "stored",
]
