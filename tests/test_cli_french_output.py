"""What the operator's commands print is in the person's language (session 8's trial from a
clean clone: `export-site`, `maintenance list`, `webhooks add`, `deliveries`, `user list`,
`subscribers list`, `worker --once`… printed English lines under PREAVIS_LANG=fr, and
"1 maintenances" or "deliver(ies)" plurals by hand). The JSON output keeps its values."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.notify.receiver import receiving
from tests.test_cli import run

NB = "\u00a0"
# Words that give away an English line left on a French command line.
ENGLISH = re.compile(
    r"\b(files|bytes|published|draft|enabled|disabled|removed|added|signing|secret|sent|"
    r"failed|dead|pending|active|revoked|confirmed|unsubscribed|web form|due again|"
    r"reminders|default|restored|groups|tokens|revisions|revision|by|in \d)\b"
)
PEOPLE = "email,language,services\nann@example.org,fr,\nben@example.org,en,\n"


def _said(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert not ENGLISH.search(out), (argv, out)
    return out


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("PREAVIS_WEBHOOK_ALLOW_PRIVATE", "1")
    monkeypatch.delenv("PREAVIS_SMTP_URL", raising=False)
    return tmp_path


def test_an_operators_commands_print_french(
    capsys: pytest.CaptureFixture[str], french: Path
) -> None:
    _said(capsys, "db", "upgrade")
    _said(capsys, "apply", "--publish")
    out = _said(capsys, "maintenance", "list")
    assert re.match(r"mise-a-niveau-2025 +publiée +r1 +28 interruptions$", out.strip()), out
    out = _said(capsys, "maintenance", "show", "mise-a-niveau-2025")
    assert out.startswith(f"mise-a-niveau-2025 (publiée, révision 1){NB}: ")
    assert " indisponible " in out and " limité " in out

    people = french / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    _said(capsys, "subscribers", "import", str(people))
    out = _said(capsys, "subscribers", "list")
    assert "ann@example.org\tconfirmé\tfr\t*\timporté par un administrateur" in out
    out = _said(capsys, "subscribers", "remove", "ben@example.org")
    assert out.strip() == f"abonné ben@example.org{NB}: retiré"

    with receiving() as receiver:
        out = _said(capsys, "webhooks", "add", f"{receiver.url}/in", "--lang", "en")
        first, second = out.strip().splitlines()
        assert first == f"webhook 1 ajouté{NB}: {receiver.url}/in (en, *)"
        assert second.startswith(
            f"clé de signature (montrée cette seule fois{NB}; les destinataires vérifient avec "
            f"elle){NB}: whsec_"
        )
        assert _said(capsys, "webhooks", "list").strip().endswith("\tactif")
        assert _said(capsys, "webhooks", "disable", "1").strip() == f"webhook 1{NB}: suspendu"
        out = _said(capsys, "webhooks", "list")  # the reason stored in English, said in French
        assert out.split("\t")[4].strip() == "DÉSACTIVÉ (désactivé par cli)"
        out = _said(capsys, "webhooks", "enable", "1")
        assert out.strip() == f"webhook 1{NB}: réactivé{NB}; 0 envoi de nouveau dû"
        out = _said(capsys, "reminders", "mise-a-niveau-2025")
        assert out.strip() == f"mise-a-niveau-2025{NB}: rappels 1d 1h (par défaut)"
        out = _said(capsys, "reminders", "mise-a-niveau-2025", "--none")
        assert out.strip() == f"mise-a-niveau-2025{NB}: rappels aucun"
        out = _said(capsys, "webhooks", "remove", "1")
        assert out.strip() == f"webhook 1{NB}: supprimé"

    out = _said(capsys, "deliveries")
    assert out.splitlines() == [
        "en attente\t0", "envoyé\t0", "en échec\t0", "abandonné\t0"
    ]  # fmt: skip
    assert json.loads(run(capsys, "deliveries", "--json")[1]) == {}  # the JSON keeps its keys
    out = _said(capsys, "deliveries", "retry")
    assert out.strip() == "0 envoi de nouveau dû"
    out = _said(capsys, "worker", "--once")
    assert out.strip() == (
        f"envoyés{NB}: 0, en échec{NB}: 0 (nouvel essai plus tard), abandonnés{NB}: 0"
    )

    _said(capsys, "token", "create", "--name", "robot", "--role", "viewer")
    assert _said(capsys, "token", "list").split() == ["robot", "lecteur", "actif"]
    _said(capsys, "user", "create", "--email", "ana@example.org", "--role", "editor")
    out = _said(capsys, "user", "list")
    assert out.strip() == "ana@example.org\trédacteur\t\tsans mot de passe"
    _, out, _ = run(capsys, "history", "mise-a-niveau-2025")  # its fields hold the data's words
    # when, in the maintenance's zone and in French ("28 novembre 2026, 15 h 45 (HE)")
    assert re.match(r"r1 \d{1,2}(er)? [a-zéû]+ \d{4}, \d{1,2} h( \d\d)? \(HE\) par cli — "
                    r"application d’un fichier de calendrier\n", out), out  # fmt: skip

    backup = french / "backup.json"
    _said(capsys, "export", "-o", str(backup))
    french_db = f"sqlite:///{french}/copie.db"
    # The site's key comes along, or its webhook and subscribers could not be restored.
    shutil.copy(french / "cli.db.secret", french / "copie.db.secret")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PREAVIS_DATABASE_URL", french_db)
        _said(capsys, "db", "upgrade")
        out = _said(capsys, "restore", str(backup))
    assert out.startswith(f"restauré{NB}: ")
    assert "1 maintenance," in out and "28 interruptions" in out and "1 jeton" in out

    out = _said(capsys, "export-site", str(french / "site"))
    assert re.fullmatch(
        rf"{re.escape(str(french / 'site'))}{NB}: \d{{3}} fichiers \(\d,\d{NB}Mo\), "
        rf"\d+ phases, en \d,\d{NB}s",
        out.strip(),
    ), out


def test_the_same_lines_in_english_with_english_plurals(
    capsys: pytest.CaptureFixture[str], french: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    run(capsys, "db", "upgrade")
    run(capsys, "apply", "--publish")
    _, out, _ = run(capsys, "maintenance", "list")
    assert re.match(r"mise-a-niveau-2025 +published +r1 +28 interruptions$", out.strip()), out
    _, out, _ = run(capsys, "deliveries", "retry")
    assert out.strip() == "0 deliveries due again"
    backup = french / "backup.json"
    run(capsys, "export", "-o", str(backup))
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{french}/copy.db")
    run(capsys, "db", "upgrade")
    _, out, _ = run(capsys, "restore", str(backup))
    assert out.startswith("restored: ") and "1 maintenance," in out and "1 maintenances" not in out
    _, out, _ = run(capsys, "export-site", str(french / "site"))
    assert re.fullmatch(r".*: \d{3} files \(\d\.\d MB\), \d+ phases, in \d\.\d s", out.strip())


def test_check_counts_one_maintenance_in_the_singular(
    capsys: pytest.CaptureFixture[str], french: Path
) -> None:
    """`preavis check` on the example said "1 maintenances" in both languages."""
    schedule = french / "schedule.yaml"
    code, out, _ = run(capsys, "example")
    schedule.write_text(out, encoding="utf-8")
    code, out, err = run(capsys, "check", str(schedule))
    assert code == 0, err
    assert out.strip().endswith("valide (26 services, 1 maintenance, 28 interruptions)"), out
    code, out, _ = run(capsys, "check", str(schedule), "--lang", "en")
    assert out.strip().endswith("valid (26 services, 1 maintenance, 28 interruptions)"), out


def test_an_end_before_its_start_is_said_in_the_times_given(
    capsys: pytest.CaptureFixture[str], french: Path
) -> None:
    """Local times typed with --timezone were echoed back in UTC ("la fin
    (2027-03-15T08:00:00+00:00) n’est pas après le début (2027-03-15T09:00:00+00:00)")."""
    run(capsys, "db", "upgrade")
    run(capsys, "apply")
    run(capsys, "maintenance", "create", "essai", "--fr", "Essai", "--en", "Test")
    code, _, err = run(
        capsys, "maintenance", "add-interruption", "essai", "--service", "boutique-en-ligne",
        "--impact", "unavailable", "--from", "2027-03-15 05:00", "--until", "2027-03-15 04:00",
        "--timezone", "America/Toronto", "--fr", "x", "--en", "y",
    )  # fmt: skip
    assert code == 1
    assert "+00:00" not in err
    assert (
        "la fin (2027-03-15T04:00:00-04:00) n’est pas après le début (2027-03-15T05:00:00-04:00)"
        in err
    )


@pytest.mark.skipif(not SEED.exists(), reason="the reference notice is in shared/seeds")
def test_maintenance_import_says_the_readers_warnings_in_french(
    capsys: pytest.CaptureFixture[str], french: Path
) -> None:
    """`parse-notice` said them in French, `maintenance import` printed their English words."""
    run(capsys, "db", "upgrade")
    code, _, err = run(capsys, "maintenance", "import", str(SEED), "--year", "2025")
    assert code == 0, err
    assert f"avertissement{NB}: effet sur «{NB}Ramassage de colis{NB}» lu comme limité" in err
    assert "read as limited" not in err and "starts 1 minute before" not in err


def test_a_reminder_of_zero_minutes_is_refused_with_the_singular(
    capsys: pytest.CaptureFixture[str], french: Path
) -> None:
    """French takes the singular for 0 and 1 (Babel): « 0 minute », not « 0 minutes »."""
    run(capsys, "db", "upgrade")
    run(capsys, "apply")
    code, _, err = run(capsys, "reminders", "mise-a-niveau-2025", "0m")
    assert code == 1
    assert f"reminders{NB}: 0 minute, c’est hors de l’intervalle de 1 à 86400 (60 jours)" in err
    code, _, err = run(capsys, "reminders", "mise-a-niveau-2025", "90d")
    assert "129600 minutes, c’est hors" in err


def test_why_an_endpoint_gave_up_is_said_in_french() -> None:
    from preavis.formats.messages import say_recorded

    stored = "gave up after 14 attempts: HTTP 500"  # as the worker records it
    assert say_recorded(stored, "fr") == f"abandonné après 14 tentatives{NB}: HTTP 500"
    assert say_recorded(stored, "en") == stored
    assert say_recorded("a reason someone typed", "fr") == "a reason someone typed"
