"""Real errors raised through every interface in French — the command line (PREAVIS_LANG=fr),
a public page, the web admin (a refused slug, a CSV import's bad line, the publish checks) and
the JSON API (Accept-Language: fr, ?lang=fr) — and not one English sentence in what a person
reads; the same errors in English where English is asked for, in the API's unchanged shape.

(Here, beside the admin's fixtures, because the admin's application serves all three web
interfaces.)"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from preavis.actions import access, maintenances
from preavis.cli import main
from preavis.domain import Schedule
from preavis.domain.access import Role
from preavis.domain.errors import ValidationError
from preavis.domain.text import Text
from preavis.formats.messages import say_error
from preavis.notify import hooks
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin

NB = "\u00a0"
# Words of an English sentence that no French message has (whole words, any case).
ENGLISH = re.compile(
    r"\b(the|is|not|unknown|must|already|exists|expected|cannot|no such|needs|give|line|"
    r"missing|invalid|refused|error|overlaps|while|wins|should|found|there|has|have)\b",
    re.IGNORECASE,
)
_ALERT = re.compile(r'role="alert">(?:<a [^>]*>)?([^<]+)')
_CHECK = re.compile(r'<tr class="check-\w+"><td>[^<]*</td><td>.*?</td><td>([^<]+)</td></tr>')


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(text)


def alerts(page: str) -> list[str]:
    return [html.unescape(found) for found in _ALERT.findall(page)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, err, out


def test_the_command_line_says_its_errors_in_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    broken = tmp_path / "broken.yaml"
    code, _, example = run(capsys, "example")
    assert code == 0
    broken.write_text(
        example.replace("impact: limited", "impact: partial", 1).replace(
            "timezone: America/Toronto", "timezone: America/Nowhere", 1
        ),
        encoding="utf-8",
    )
    samples = [
        ["status", "--at", "garbage"],
        ["status", "--at", "2025-11-02T01:30", "--timezone", "America/Toronto"],
        ["timeline", "nope"],
        ["status", "--nope"],
        ["status", "--lang", "de"],
        ["check", str(broken)],
        ["status", str(tmp_path / "absent.yaml")],
    ]
    for argv in samples:
        code, err, _ = run(capsys, *argv)
        assert code in (1, 2), argv
        assert err.startswith(f"preavis{NB}: erreur{NB}: ") or f": erreur{NB}: " in err, err
        said = err.replace(str(tmp_path), "")
        assert not english_in(said), (argv, err)


def test_a_public_page_says_its_errors_in_french(admin: Admin) -> None:
    visitor = admin.browser()
    for path, status in (
        ("/fr/?at=garbage", 422),
        ("/fr/?at=2025-06-30T19:00", 422),
        ("/fr/?when=2025-03-09T02:30&tz=America/Toronto", 422),
        ("/fr/?tz=Mars/Olympus", 422),
        ("/fr/services/nope", 404),
    ):
        page = visitor.get(path)
        assert page.status_code == status, path
        said = alerts(page.text)
        assert said, path
        assert not english_in(" ".join(said)), (path, said)


def test_the_admin_says_its_errors_in_french(admin: Admin, example: Schedule) -> None:
    client = admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "fr")
    # A refused slug.
    token = admin.csrf(client, "/admin/services")
    bad = client.post("/admin/services", data={"csrf": token, "slug": "Pas Bon", "name_fr": "x"})
    assert bad.status_code == 422
    said = " ".join(alerts(bad.text))
    assert f"«{NB}Pas Bon{NB}» n’est pas un identifiant" in said, said
    assert not english_in(said), said
    # A CSV import whose second line is wrong: the line, in French.
    token = admin.csrf(client, "/admin/subscribers")
    csv = "email,language,services\ncarl@example.org,de,\n"
    refused = client.post("/admin/subscribers/import", data={"csrf": token, "csv": csv})
    assert refused.status_code == 422
    said = " ".join(alerts(refused.text))
    assert f"ligne 2{NB}: la langue doit être" in said, said
    assert not english_in(said), said
    # The publish checks of a draft whose two rows overlap and whose English is missing.
    ctx = context(admin.store)
    first = example.maintenances[0].interruptions[0]
    later = replace(first, starts_at=first.starts_at + timedelta(days=90),
                    ends_at=first.ends_at + timedelta(days=90), key="")  # fmt: skip
    overlap = replace(later, starts_at=later.starts_at + timedelta(minutes=30), key="")
    draft = replace(
        example.maintenances[0], slug="essai-chevauchement", title=Text("Essai", ""),
        interruptions=(later, overlap), starts_at=None, ends_at=None,
    )  # fmt: skip
    maintenances.create_draft(ctx, maintenance=draft)
    publisher = admin.as_role(Role.PUBLISHER)
    publisher.cookies.set("preavis_admin_lang", "fr")
    checks = publisher.get("/admin/maintenances/essai-chevauchement/publish")
    assert checks.status_code == 200
    said = [html.unescape(m) for m in _CHECK.findall(checks.text)]
    assert any("chevauche interruptions[" in m for m in said), said
    assert not english_in(" ".join(said)), said
    token = admin.csrf(publisher)
    answer = publisher.post("/admin/maintenances/essai-chevauchement/publish",
                            data={"csrf": token})  # fmt: skip
    assert answer.status_code == 409
    said = " ".join(alerts(answer.text))
    assert "des traductions manquent, la publication est bloquée" in said, said
    assert not english_in(said), said


@pytest.fixture
def api(admin: Admin) -> tuple[TestClient, dict[str, str]]:
    secret = access.create_token(context(admin.store), name="essai", role=Role.ADMIN)
    return admin.browser(), {"Authorization": f"Bearer {secret}"}


BAD_DRAFT = {
    "slug": "essai",
    "title": {"fr": "Essai", "en": "Trial"},
    "timezone": "America/Nowhere",
    "interruptions": [],
}


def test_the_api_answers_in_french_when_asked_in_the_same_shape(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, auth = api
    asked = [
        ("GET", "/api/v1/admin/maintenances/nope", {"accept-language": "fr-CA,fr;q=0.9"}, {}),
        ("GET", "/api/v1/admin/maintenances/nope", {}, {"lang": "fr"}),
        ("POST", "/api/v1/admin/maintenances", {"accept-language": "fr"}, {}),
    ]
    for method, path, headers, params in asked:
        answer = client.request(method, path, headers={**auth, **headers}, params=params,
                                json=BAD_DRAFT if method == "POST" else None)  # fmt: skip
        assert answer.status_code in (404, 422), answer.text
        error = answer.json()["error"]
        assert set(error) == {"code", "message", "details"}
        said = error["message"] + " ".join(d["message"] for d in error["details"] or [])
        assert not english_in(said), said
        assert "inconnu" in said, said
    # English stays the default, word for word as before.
    answer = client.get("/api/v1/admin/maintenances/nope", headers=auth)
    assert answer.json()["error"]["message"] == "unknown maintenance 'nope'"
    answer = client.get("/api/v1/admin/maintenances/nope",
                        headers={**auth, "accept-language": "en-CA,fr;q=0.5"})  # fmt: skip
    assert answer.json()["error"]["message"] == "unknown maintenance 'nope'"


def test_webhooks_channels_and_exports_say_their_errors_in_french(
    api: tuple[TestClient, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Errors of code merged after the catalogue (webhooks, channels, deliveries, the site
    export, the public query cap), asked in French: French words, not one English sentence."""
    client, auth = api
    fr = {"lang": "fr"}
    asked = [
        ("GET", "/api/v1/admin/endpoint-deliveries", {"status": "nope"}, None, "valoir"),
        ("GET", "/api/v1/admin/endpoint-deliveries", {"limit": "0"}, None, "entre 1 et 1000"),
        ("DELETE", "/api/v1/admin/webhooks/99", {}, None, "aucun webhook"),
        ("DELETE", "/api/v1/admin/channels/99", {}, None, "aucun canal"),
    ]
    for method, path, params, body, words in asked:
        answer = client.request(method, path, headers=auth, params={**params, **fr}, json=body)
        assert answer.status_code in (404, 422), (path, answer.text)
        error = answer.json()["error"]
        said = error["message"] + " ".join(d["message"] for d in error["details"] or [])
        assert words in said, (path, said)
        assert not english_in(said), (path, said)
    # The URLs a webhook or a channel is refused for (the API says them the same way, once
    # PREAVIS_SECRET_KEY is set), said in French.
    for check, url, words in (
        (hooks.check_webhook_url, "ftp://example.org/x", "commence par"),
        (hooks.check_webhook_url, "https://u:p@example.org/", "contenir"),
        (hooks.check_webhook_url, "https://10.0.0.1/", "adresse privée"),
        (hooks.check_channel_url, "nonsense://x", "ne comprend pas"),
    ):
        with pytest.raises(ValidationError) as refused:
            check(url, allow_private=False)
        said = say_error(refused.value, "fr")
        assert words in said and not english_in(said), (url, said)
    # The same refusal stays English where English is asked.
    answer = client.get("/api/v1/admin/endpoint-deliveries", headers=auth, params={"limit": 0})
    assert answer.json()["error"]["message"] == "limit must be from 1 to 1000"
    # A public page whose query string is too long.
    page = client.get("/fr/?at=" + "x" * 600)
    assert page.status_code == 422
    said = " ".join(alerts(page.text))
    assert "trop longue" in said, said
    assert not english_in(said), said
    # The command line.
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    for argv, words in (
        (["webhooks", "deliveries", "--status", "nope"], "--status doit valoir"),
        (["export-site", str(tmp_path / "site"), "--base-url", "ftp://x"], "doit commencer par"),
    ):
        code, err, _ = run(capsys, *argv)
        assert code in (1, 2), (argv, err)
        assert err.startswith(f"preavis{NB}: erreur{NB}: ") and words in err, err
        assert not english_in(err.replace(str(tmp_path), "")), (argv, err)
