"""`preavis … --help` as a new user reads it (session 8's trial from a clean clone): every
argument and option says what it is, in both languages; no help points at a page docs/ does
not have; `phases` and `timeline` do not mention an --at they do not take."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"

WALK = (
    "import json, sys\n"
    "import typer.main\n"
    "from preavis.cli import app\n"
    "from preavis.cli.words import framework_language, localize\n"
    "localize(app)\n"
    "found = {}\n"
    "def walk(cmd, path):\n"
    "    found[path] = cmd.help or ''\n"
    "    for p in cmd.params:\n"
    "        if p.name != 'help':\n"
    "            found[f'{path} {p.opts[0]}'] = getattr(p, 'help', '') or ''\n"
    "    for name, sub in getattr(cmd, 'commands', {}).items():\n"
    "        walk(sub, f'{path} {name}')\n"
    "with framework_language(sys.argv[1]):\n"
    "    walk(typer.main.get_command(app), 'preavis')\n"
    "print(json.dumps(found))\n"
)


def _helps(lang: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREAVIS_", "LC_"))}
    environ["PREAVIS_LANG"] = lang
    run = subprocess.run([sys.executable, "-c", WALK, lang], capture_output=True, text=True,
                         env=environ, check=False, timeout=60)  # fmt: skip
    assert run.returncode == 0, run.stderr
    found: dict[str, str] = json.loads(run.stdout)
    return found


def test_every_argument_and_option_says_what_it_is_in_both_languages() -> None:
    for lang in ("en", "fr"):
        silent = sorted(where for where, text in _helps(lang).items() if not text.strip())
        assert silent == [], (lang, silent)


def test_help_texts_name_only_pages_docs_has() -> None:
    for lang in ("en", "fr"):
        for where, text in _helps(lang).items():
            for page in re.findall(r"docs/([\w-]+\.md)", text):
                assert (DOCS / page).exists(), (lang, where, page)


def test_a_command_without_at_does_not_speak_of_a_local_at() -> None:
    for lang in ("en", "fr"):
        helps = _helps(lang)
        for command in ("preavis phases", "preavis timeline"):
            assert "--at" not in helps[f"{command} --timezone"], (lang, command)
        assert "--at" in helps["preavis status --timezone"]
