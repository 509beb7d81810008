"""Click's own words ("Usage:", "Options", "Show this message and exit.", "No such option"…)
in the person's language.

- Typer asks gettext for its section titles and notes ("Options", "Commands", "required"…):
  `framework_language` points gettext at a small French catalogue shipped with Préavis
  (locales/fr/LC_MESSAGES/click.po, compiled to click.mo: `make locales`; a test checks that
  the two agree) for the time a command line runs.
- The usage line, the --help option's text and the help texts of commands and options are
  written by command classes of ours (`PreavisCommand`, `PreavisGroup`) that take those
  words from the same catalogue (help texts given with `tr()` are French already).
- Usage errors (an unknown option, a missing argument, a value that is not a choice) are said
  from the catalogue of messages (domain/messages.py), in one line like every other error.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer._click import exceptions as usage  # Typer 0.29 carries its own Click
from typer.core import TyperCommand, TyperGroup

from preavis.domain.errors import ValidationError
from preavis.domain.text import Lang
from preavis.settings import gettext_language

LOCALES = Path(__file__).with_name("locales")
DOMAIN = "click"


@contextmanager
def framework_language(lang: Lang) -> Iterator[None]:
    """gettext (hence Typer) speaks `lang` while the block runs; the process's previous text
    domain and LANGUAGE are put back afterwards."""
    saved_domain = gettext.textdomain()
    gettext.bindtextdomain(DOMAIN, str(LOCALES))
    gettext.textdomain(DOMAIN)
    try:
        with gettext_language(lang):
            yield
    finally:
        gettext.textdomain(saved_domain)


def _(text: str) -> str:
    return gettext.gettext(text)


class _Words:
    """What both command classes change: the usage line's prefix, --help's text, and the help
    texts written in English only (translated in the same catalogue)."""

    help: str | None
    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = _(self.help)
        for name in ("options_metavar", "subcommand_metavar"):  # [OPTIONS], COMMAND [ARGS]...
            if getattr(self, name, None):
                setattr(self, name, _(getattr(self, name)))
        for param in self.params:
            if getattr(param, "help", None):
                param.help = _(param.help)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class PreavisCommand(_Words, TyperCommand):
    pass


class PreavisGroup(_Words, TyperGroup):
    pass


def localize(app: typer.Typer) -> None:
    """Every command and group of `app` made with the classes above (those that name no
    class of their own)."""
    if app.info.cls in (None, TyperGroup) or not isinstance(app.info.cls, type):
        app.info.cls = PreavisGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = PreavisCommand
    for group in app.registered_groups:
        if group.cls in (None, TyperGroup) or not isinstance(group.cls, type):
            group.cls = PreavisGroup
        if group.typer_instance is not None:
            localize(group.typer_instance)


def _hint(exc: usage.BadParameter) -> str:
    param = exc.param
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if param is not None:
        opts = getattr(param, "opts", None) or [param.name or ""]
        return (
            " / ".join(opts)
            if getattr(param, "param_type_name", "") == "option"
            else ((param.name or "").upper())
        )
    return ""


def usage_error(exc: usage.UsageError) -> ValidationError:
    """A usage error of Click as an error of the catalogue, naming the option or argument."""
    command = exc.ctx.command_path if exc.ctx is not None else "preavis"
    if isinstance(exc, usage.NoSuchOption):
        if exc.possibilities:
            return ValidationError.said(
                "usage.no_such_option_close",
                option=exc.option_name,
                possible=", ".join(sorted(exc.possibilities)),
                command=command,
            )
        return ValidationError.said("usage.no_such_option", option=exc.option_name, command=command)
    if isinstance(exc, usage.MissingParameter):
        kind = exc.param_type or getattr(exc.param, "param_type_name", "parameter")
        code = "usage.missing_option" if kind == "option" else "usage.missing_argument"
        return ValidationError.said(code, name=_hint(exc), command=command)
    if isinstance(exc, usage.BadParameter):
        kind = getattr(getattr(exc.param, "type_descriptor", None), "annotation", None)
        if isinstance(kind, type) and issubclass(kind, Enum):
            return ValidationError.said(
                "usage.not_a_choice",
                name=_hint(exc),
                choices=", ".join(str(c.value) for c in kind),
                command=command,
            )
        code = {int: "usage.not_an_integer", float: "usage.not_a_number"}.get(
            kind,  # type: ignore[arg-type]
            "usage.bad_value",
        )
        return ValidationError.said(code, name=_hint(exc), command=command)
    if isinstance(exc, usage.BadOptionUsage):
        return ValidationError.said(
            "usage.option_needs_value", option=exc.option_name, command=command
        )
    return ValidationError.said("usage.other", message=exc.format_message(), command=command)
