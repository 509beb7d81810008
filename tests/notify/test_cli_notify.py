"""The notification commands as an operator runs them: import subscribers, publish, run the
worker once against a real SMTP server (aiosmtpd), list and retry failures, the .eml backend."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from preavis.settings import locale_lang
from tests.notify.smtp_sink import Sink, free_port, start_sink
from tests.test_cli import run

PEOPLE = (
    "email,language,services\nAnn@Example.ORG,fr,\nben@example.org,en,shop\ngone@example.org,en,\n"
)


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sink]:
    port = free_port()
    controller, received = start_sink(port)
    monkeypatch.setenv("PREAVIS_SMTP_URL", f"smtp://127.0.0.1:{port}")
    yield received
    controller.stop()


def setup_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "service", "create", "shop", "--fr", "Boutique", "--en", "Shop")[0] == 0
    run(capsys, "maintenance", "create", "upgrade", "--fr", "Mise à niveau", "--en", "Upgrade")
    code, _, err = run(
        capsys, "maintenance", "add-interruption", "upgrade", "--service", "shop",
        "--impact", "unavailable", "--from", "2099-03-08 01:00", "--until", "2099-03-08 05:00",
        "--timezone", "America/Toronto", "--fr", "Fermée.", "--en", "Closed.",
    )  # fmt: skip
    assert code == 0, err
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    code, out, err = run(capsys, "subscribers", "import", str(people))
    said = {
        "fr": f"3 abonnés importés depuis {people}",
        "en": f"3 subscribers imported from {people}",
    }
    assert (code, out.strip()) == (0, said[locale_lang()]), err  # the plural through Babel


def part(msg: EmailMessage, content_type: str) -> str:
    for p in msg.walk():
        if p.get_content_type() == content_type:
            return str(p.get_content())
    raise AssertionError(f"no {content_type} part")


def test_publish_then_worker_once_delivers_by_smtp(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sink: Sink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")  # the worker's lines in English (French: below)
    monkeypatch.setenv("PREAVIS_PUBLIC_URL", "https://status.example.org")
    monkeypatch.setenv("PREAVIS_MAIL_FROM", "Avis <avis@example.org>")
    monkeypatch.setenv("PREAVIS_MAIL_CONTACT", "1 rue Principale, Ottawa (Ontario)")
    setup_database(capsys, tmp_path)
    sink.refuse["gone@example.org"] = "550 5.1.1 No such user"
    assert run(capsys, "maintenance", "publish", "upgrade")[0] == 0

    code, out, err = run(capsys, "worker", "--once")
    assert code == 1  # not everything went out
    assert out.strip() == "sent 2, failed 0 (will retry), dead 1"
    assert "gone@example.org: 550 5.1.1 No such user" in err
    code, out, _ = run(capsys, "deliveries", "--status", "dead")
    assert "gone@example.org" in out
    assert "550" in out

    code, out, _ = run(capsys, "deliveries", "--status", "sent", "--json")
    stored = {d["email"]: d["message_id"] for d in json.loads(out)}
    received = {str(m["To"]): m for m in sink.received}
    assert set(received) == {"Ann@example.org", "ben@example.org"}
    ann = received["Ann@example.org"]
    assert ann["Message-ID"] == stored["Ann@example.org"]
    assert ann["Subject"] == "Maintenance prévue\u00a0: Mise à niveau"
    assert ann["From"] == "Avis <avis@example.org>"
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ann["List-Unsubscribe"].startswith(
        "<https://status.example.org/api/v1/subscriptions/unsubscribe?token="
    )
    text = part(ann, "text/plain")
    assert "Boutique — indisponible — Le 8 mars, de 1\u00a0h à 5\u00a0h (HE)" in text
    assert "1 rue Principale, Ottawa (Ontario)" in text
    assert "Boutique — indisponible" in part(ann, "text/html")
    calendar = part(ann, "text/calendar")
    assert "METHOD:PUBLISH" in calendar
    assert "SEQUENCE:3" in calendar  # revision 3 (create, add, publish), as the public feeds
    assert "UID:upgrade-" in calendar
    assert "DTSTART;TZID=America/Toronto:20990308T010000" in calendar

    sink.refuse.clear()
    code, out, _ = run(capsys, "deliveries", "retry")
    assert out.strip() == "1 delivery due again"
    code, out, _ = run(capsys, "worker", "--once")
    assert (code, out.strip()) == (0, "sent 1, failed 0 (will retry), dead 0")
    assert sorted(str(m["To"]) for m in sink.received)[-1] == "gone@example.org"


def test_without_smtp_messages_become_eml_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREAVIS_SMTP_URL", raising=False)
    monkeypatch.setenv("PREAVIS_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    setup_database(capsys, tmp_path)
    assert run(capsys, "maintenance", "publish", "upgrade")[0] == 0
    code, out, _ = run(capsys, "worker", "--once")
    nb = "\u00a0"
    said = f"envoyés{nb}: 3, en échec{nb}: 0 (nouvel essai plus tard), abandonnés{nb}: 0"
    assert (code, out.strip()) == (0, said)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3
    code, out, _ = run(capsys, "deliveries", "--json")
    assert json.loads(out) == {"sent": 3}


def test_bad_import_files_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")  # the English messages (the CLI speaks French too)
    setup_database(capsys, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("email,language,services\nx@example.org,de,\n", encoding="utf-8")
    code, _, err = run(capsys, "subscribers", "import", str(bad))
    assert code == 1
    assert err.strip() == "preavis: error: line 2: language must be 'fr' or 'en'"
    code, _, err = run(capsys, "subscribers", "import", str(tmp_path / "missing.csv"))
    assert code == 1
    assert "cannot read" in err
    code, _, err = run(capsys, "deliveries", "--status", "lost")
    assert code == 1
    assert "--status must be one of pending, sent, failed, dead" in err


def test_the_worker_will_not_mail_links_to_localhost(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREAVIS_PUBLIC_URL", raising=False)
    monkeypatch.setenv("PREAVIS_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    assert run(capsys, "db", "upgrade")[0] == 0
    code, _, err = run(capsys, "worker", "--once")
    assert code == 1
    assert "PREAVIS_PUBLIC_URL" in err and "Traceback" not in err
