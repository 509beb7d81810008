"""The command line speaks the person's language (PREAVIS_LANG, else the locale), errors
included, and `preavis --help` stays light (no database or PDF library loaded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from preavis.cli import main

NB = "\u00a0"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "fr")


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["status", "--at", "0.5"],
            f"«{NB}0.5{NB}» n’est pas une date et une heure{NB}: écrivez-les en RFC 3339",
        ),
        (
            ["status", "--at", "2025-06-30T19:00"],
            f"«{NB}2025-06-30T19:00{NB}» n’indique pas son décalage UTC{NB}: ajoutez-le",
        ),
        (
            ["status", "--at", "2025-03-09T02:30", "--timezone", "America/Toronto"],
            f"le 2025-03-09 02:30 n’existe pas en America/Toronto{NB}: les horloges sautent",
        ),
        (
            ["status", "--at", "2025-11-02T01:30", "--timezone", "America/Toronto"],
            "se produit deux fois en America/Toronto, au retour à l’heure normale"
            f"{NB}: ajoutez le décalage (-04:00 ou -05:00)",
        ),
        (
            ["status", "--at", "2025-06-30T19:00Z", "--timezone", "Mars/Olympus"],
            f"fuseau horaire inconnu{NB}: «{NB}Mars/Olympus{NB}»",
        ),
        (
            ["status", "--service", "nope", "--at", "2025-06-30T19:00Z"],
            f"service inconnu{NB}: «{NB}nope{NB}»",
        ),
        (["timeline", "nope"], f"service inconnu{NB}: «{NB}nope{NB}»"),
        (["status", "/no/such/file.yaml"], f"/no/such/file.yaml{NB}: fichier introuvable"),
        (
            ["write-notice", "--maintenance", "nope"],
            f"maintenance inconnue{NB}: «{NB}nope{NB}»",
        ),
        (["service", "list"], "aucune base de données Préavis à sqlite:///"),
        (
            ["parse-notice", "x.txt", "--reference", "demain"],
            f"--reference «{NB}demain{NB}» n’est pas une date (AAAA-MM-JJ)",
        ),
    ],
)
def test_errors_in_french(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (1, 2)
    assert err.startswith(f"preavis{NB}: erreur{NB}: "), err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_the_same_error_in_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    code, _, err = run(capsys, "timeline", "nope", "--lang", "en")
    assert code == 1
    assert err == "preavis: error: unknown service 'nope'\n"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "en_CA.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_CA.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_CA.UTF-8"}, "fr"),
        ({"LANG": "en_CA.UTF-8", "PREAVIS_LANG": "fr"}, "fr"),  # the setting wins
        ({"LANG": "C.UTF-8"}, "fr"),  # neither: the default
    ],
)
def test_the_locale_is_the_fallback(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    expected: str,
) -> None:
    for name in ("PREAVIS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, _ = run(capsys, "status", "--at", "2025-06-30T19:00-04:00")
    assert code == 0
    if expected == "fr":
        assert "État au 30 juin 2025, 19 h (HE)" in out
        assert "Ce qui est touché" in out
    else:
        assert "Status at June 30, 2025, 7 p.m. ET" in out
        assert "What is affected" in out
    code, _, err = run(capsys, "timeline", "nope")
    assert code == 1
    assert err.startswith(f"preavis{NB}: erreur{NB}: " if expected == "fr" else "preavis: error: ")


@pytest.mark.usefixtures("french")
def test_check_says_its_problems_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    code, out, _ = run(capsys, "example")
    path.write_text(out.replace("impact: limited", "impact: partial", 1), encoding="utf-8")
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert f"{path}:" in err
    assert (
        f": erreur{NB}: maintenances[0].interruptions[1].impact{NB}: «{NB}partial{NB}» "
        f"n’est pas une valeur permise{NB}: "
    ) in err
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert out.strip() == (f"{path}{NB}: valide (26 services, 1 maintenance, 28 interruptions)")


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREAVIS_", "LC_"))}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=False,
        timeout=60,
    )  # fmt: skip


def test_help_loads_neither_the_database_nor_the_pdf_reader() -> None:
    code = (
        "import sys\n"
        "from preavis.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'alembic', 'pypdf', 'psycopg', 'fastapi')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = _python(code, LANG="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Commandes" in result.stdout  # the help was printed (in French), every command listed
    for command in ("status", "write-notice", "service", "worker", "subscribers"):
        assert f"  {command} " in result.stdout, command
    assert "HEAVY []" in result.stdout


def test_a_command_that_needs_the_database_still_loads_it() -> None:
    # The lazy imports are real imports: the check above is not passing by never importing.
    code = (
        "import sys\n"
        "from preavis.cli import main\n"
        "try:\n"
        "    main(['service', 'list'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', 'sqlalchemy' in sys.modules)\n"
    )
    result = _python(code, PREAVIS_DATABASE_URL="sqlite:////nonexistent-dir/x.db")
    assert "LOADED True" in result.stdout, result.stdout + result.stderr


def test_help_in_french_and_in_english() -> None:
    fr = _python("from preavis.cli import main\nmain(['status', '--help'])", LANG="fr_CA.UTF-8")
    assert "Ce qui est interrompu à un moment, passé ou futur" in fr.stdout
    assert f"Exemple{NB}: preavis status" in fr.stdout
    en = _python("from preavis.cli import main\nmain(['status', '--help'])", PREAVIS_LANG="en")
    assert "What is down at a moment, past or future" in en.stdout
    assert "Example: preavis status" in en.stdout
    assert json.dumps(en.stdout)  # printable


@pytest.mark.usefixtures("french")
def test_the_database_commands_speak_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    assert out.startswith("base de données sqlite:///") and f"{NB}: schéma " in out
    schedule = tmp_path / "s.yaml"
    code, out, _ = run(capsys, "example")
    schedule.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "apply", str(schedule), "--reason", "essai")
    assert code == 0
    # 26 services, 7 groups and 1 maintenance created; the maintenance published
    assert out.strip() == (
        f"appliqué{NB}: 34 créations, 0 modification, 0 sans changement, 1 publication"
    )
    code, out, _ = run(capsys, "maintenance", "import",
                       str(Path(__file__).parent / "corpus" / "02-table-fr-pdf-text.txt"),
                       "--slug", "m2", "--year", "2026", "--reason", "essai")  # fmt: skip
    assert code == 0
    assert out.strip() == (
        f"maintenance m2{NB}: importée comme brouillon (brouillon, révision 1, 4 interruptions)"
    )
    code, _, err = run(capsys, "maintenance", "publish", "m2", "--reason", "essai")
    assert code == 1
    assert f"des traductions manquent, la publication est bloquée{NB}: title.en" in err
    code, out, _ = run(capsys, "maintenance", "cancel", "m2", "--reason", "essai")
    assert out.strip() == f"maintenance m2{NB}: annulée (annulée, révision 2, 4 interruptions)"
    code, out, _ = run(capsys, "service", "retire", "oee", "--reason", "essai")
    assert code == 0, out
    assert out.strip().startswith(f"service oee{NB}: retiré (révision ")


# Click's own words: a French help page has no English framework words left.
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message and exit")


@pytest.mark.parametrize("argv", [[], ["status"], ["maintenance"], ["service", "list"]])
def test_clicks_words_in_french_and_in_english(argv: list[str]) -> None:
    code = f"from preavis.cli import main\nmain({[*argv, '--help']!r})"
    fr = _python(code, PREAVIS_LANG="fr")
    assert fr.returncode == 0, fr.stderr
    assert fr.stdout.startswith(f"Utilisation{NB}: preavis"), fr.stdout
    assert "COMMAND [ARGS]" not in fr.stdout
    assert f"Options{NB}:" in fr.stdout and "Afficher ce message et quitter." in fr.stdout
    assert not [w for w in CLICK_ENGLISH if w in fr.stdout], fr.stdout
    en = _python(code, PREAVIS_LANG="en", LANG="fr_CA.UTF-8")  # the setting wins over the locale
    assert en.stdout.startswith("Usage: preavis"), en.stdout
    assert "Options:" in en.stdout and "Show this message and exit." in en.stdout


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["status", "--nope"],
            f"option inconnue{NB}: --nope (voir «{NB}preavis status --help{NB}»)",
        ),
        (["timeline"], f"argument manquant{NB}: SERVICE"),
        (["status", "--lang", "de"], f"--lang{NB}: choisissez parmi fr, en"),
        (["parse-notice", "x.txt", "--year", "deux"], f"--year{NB}: un nombre entier est attendu"),
        (["user", "create", "--role", "admin"], f"option manquante{NB}: --email"),
    ],
)
def test_usage_errors_in_french_on_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith(f"preavis{NB}: erreur{NB}: "), err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and not out
    for english in (
        "No such option",
        "Missing argument",
        "Missing option",
        "Invalid value",
        "Try '",
    ):
        assert english not in err


def test_usage_errors_in_english_with_preavis_lang_en(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    code, _, err = run(capsys, "status", "--nope")
    assert code == 2
    assert err == "preavis: error: no such option: --nope (see 'preavis status --help')\n"


def test_the_shipped_click_catalogue_is_the_compiled_po() -> None:
    # click.mo is built from click.po (`make locales`): both must say the same.
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    from preavis.cli.words import LOCALES

    folder = LOCALES / "fr" / "LC_MESSAGES"
    with (folder / "click.po").open("rb") as po, (folder / "click.mo").open("rb") as mo:
        source, compiled = read_po(po), read_mo(mo)

    def pairs(catalogue: object) -> dict[object, object]:
        return {
            tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(m.string)
            if isinstance(m.string, list | tuple)
            else m.string
            for m in catalogue  # type: ignore[attr-defined]
            if m.id and m.string
        }

    said, shipped = pairs(source), pairs(compiled)
    assert said == shipped
    assert said["Show this message and exit."] == "Afficher ce message et quitter."


def test_every_help_text_is_french_in_french() -> None:
    # Every command's and option's help, walked in a French command line (help texts are
    # decided when it starts): none left in English.
    code = (
        "import re\n"
        "import typer.main\n"
        "from preavis.cli import app\n"
        "from preavis.cli.words import framework_language, localize\n"
        "localize(app)\n"
        "with framework_language('fr'):\n"
        "    root = typer.main.get_command(app)\n"
        "    def walk(cmd, path):\n"
        "        helps = [getattr(p, 'help', '') or '' for p in cmd.params]\n"
        "        texts = [cmd.help or '', *helps]\n"
        "        for text in texts:\n"
        "            if re.search(r'(?<!-)\\b(the|Example|an|of|and|with|is)\\b', text):\n"
        "                print('ENGLISH', path, repr(text))\n"
        "        for name, sub in getattr(cmd, 'commands', {}).items():\n"
        "            walk(sub, f'{path} {name}')\n"
        "    walk(root, 'preavis')\n"
        "print('WALKED')\n"
    )
    result = _python(code, PREAVIS_LANG="fr")
    assert "WALKED" in result.stdout, result.stderr
    assert "ENGLISH" not in result.stdout, result.stdout


def test_every_help_text_has_its_french_words() -> None:
    # Stronger than the word check above: each help text, as shown in a French command line,
    # differs from the English one (tr() or click.po); a command added in English only is found.
    code = (
        "import json, sys\n"
        "import typer.main\n"
        "from preavis.cli import app\n"
        "from preavis.cli.words import framework_language, localize\n"
        "localize(app)\n"
        "lang = sys.argv[1]\n"
        "found = {}\n"
        "def walk(cmd, path):\n"
        "    texts = [cmd.help or '', *(getattr(p, 'help', '') or '' for p in cmd.params)]\n"
        "    for n, text in enumerate(texts):\n"
        "        found[f'{path}#{n}'] = text\n"
        "    for name, sub in getattr(cmd, 'commands', {}).items():\n"
        "        walk(sub, f'{path} {name}')\n"
        "with framework_language(lang):\n"
        "    walk(typer.main.get_command(app), 'preavis')\n"
        "print(json.dumps(found))\n"
    )
    shown = {}
    for lang in ("en", "fr"):
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREAVIS_", "LC_"))}
        environ["PREAVIS_LANG"] = lang
        run = subprocess.run(
            [sys.executable, "-c", code, lang], capture_output=True, text=True, env=environ,
            check=False, timeout=60,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        shown[lang] = json.loads(run.stdout)
    assert len(shown["en"]) > 100 and shown["en"].keys() == shown["fr"].keys()
    same = {k: v for k, v in shown["en"].items() if v and shown["fr"][k] == v}
    assert not same, same


# --- `--lang` before the command speaks for the whole command line -------------------------


@pytest.mark.usefixtures("french")
def test_a_lang_before_the_command_speaks_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "timeline", "nope")
    assert (code, err) == (1, "preavis: error: unknown service 'nope'\n")
    code, _, err = run(capsys, "--lang=EN", "status", "--nope")  # usage errors too
    assert code == 2
    assert err == "preavis: error: no such option: --nope (see 'preavis status --help')\n"
    assert os.environ["PREAVIS_LANG"] == "fr"  # the process's setting is given back


def test_a_lang_before_the_command_outranks_preavis_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    code, _, err = run(capsys, "--lang", "fr", "timeline", "nope")
    assert (code, err) == (1, f"preavis{NB}: erreur{NB}: service inconnu{NB}: «{NB}nope{NB}»\n")
    # after the command word, --lang is the command's own option, as before
    code, _, err = run(capsys, "timeline", "nope", "--lang", "fr")
    assert code == 1 and "service inconnu" in err


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize("argv", [["--lang", "de", "status"], ["--lang"], ["--lang=", "status"]])
def test_a_lang_before_the_command_that_is_no_language(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    said = f"--lang{NB}: choisissez parmi fr, en (voir «{NB}preavis --help{NB}»)"
    assert err == f"preavis{NB}: erreur{NB}: {said}\n"


def test_the_installed_command_writes_its_help_in_the_lang_before_it() -> None:
    # Help texts are made when the commands are imported: the entry point must read --lang
    # first (python -m preavis is the same entry point as the `preavis` script).
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environ["PREAVIS_LANG"] = "fr"
    shown = subprocess.run(
        [sys.executable, "-m", "preavis", "--lang", "en", "status", "--help"],
        capture_output=True,
        text=True,
        env=environ,
        check=True,
        timeout=60,
    ).stdout
    assert "What is down at a moment" in shown or "Usage: preavis status" in shown
    assert "Options:" in shown and "Afficher ce message" not in shown
    assert "Langue de la sortie" not in shown  # the option's own help, not only Click's words
    top = subprocess.run(
        [sys.executable, "-m", "preavis", "--help"],
        capture_output=True,
        text=True,
        env=environ,
        check=True,
        timeout=60,
    ).stdout
    assert "--lang" in top and "Langue de tout ce que dit la ligne de commande" in top
