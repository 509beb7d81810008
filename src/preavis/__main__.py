"""The `preavis` command (and `python -m preavis`).

A `--lang fr|en` written before the command (`preavis --lang en maintenance list`) is read
here, before the commands are imported: their help texts are written in the person's
language when they are made, so PREAVIS_LANG must already say it. `preavis.cli.main` then
takes the option away and checks its value.
"""

from __future__ import annotations

import sys

from preavis.settings import adopt_leading_lang


def main() -> None:
    adopt_leading_lang(sys.argv[1:])
    # Imported only now, once PREAVIS_LANG says the language: help texts follow it.
    from preavis.cli import main as command_line  # noqa: PLC0415

    command_line()


if __name__ == "__main__":
    main()
